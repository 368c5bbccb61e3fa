/*
 * The itsec backend's OpenAPI 3.1 spec, by hand. `openapi.yaml` at the
 * package root is generated from this file (`npm run openapi:generate`); a
 * test fails when the two drift apart.
 */

const STATUSES = [
  'met',
  'due-soon',
  'gap',
  'excepted',
  'not-applicable',
  'not-scored',
] as const;

const EXCEPTION_STATES = [
  'requested',
  'approved',
  'rejected',
  'revoked',
  'expired',
] as const;

const stringList = (description: string) =>
  ({
    in: 'query',
    required: false,
    style: 'form',
    explode: true,
    allowReserved: true,
    description,
    schema: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 255 },
    },
  } as const);

const ref = (name: string) => ({ $ref: `#/components/${name}` } as const);

const filterParams = [
  ref('parameters/owner'),
  ref('parameters/system'),
  ref('parameters/domain'),
  ref('parameters/kindFilter'),
  ref('parameters/classification'),
  ref('parameters/statement'),
  ref('parameters/status'),
  ref('parameters/q'),
] as const;

const entityPathParams = [
  ref('parameters/kind'),
  ref('parameters/namespace'),
  ref('parameters/name'),
] as const;

const json = (schemaRef: string) =>
  ({
    'application/json': {
      schema: { $ref: `#/components/schemas/${schemaRef}` },
    },
  } as const);

const errors = {
  '400': ref('responses/BadRequest'),
  '401': ref('responses/Unauthorized'),
} as const;

const writeErrors = {
  ...errors,
  '403': ref('responses/Forbidden'),
  '404': ref('responses/NotFound'),
} as const;

/** `{ items: [...] }` of one component schema. */
const itemsOf = (schemaRef: string) =>
  ({
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: { $ref: `#/components/schemas/${schemaRef}` },
      },
    },
    required: ['items'],
  } as const);

/** One page of a paged list: `items` with `total`, `offset` and `limit`. */
const pageOf = (schemaRef: string) =>
  ({
    type: 'object',
    properties: {
      total: { type: 'integer' },
      offset: { type: 'integer' },
      limit: { type: 'integer' },
      items: itemsOf(schemaRef).properties.items,
    },
    required: ['total', 'offset', 'limit', 'items'],
  } as const);

/** Which entity a scorecard or portfolio row is about. */
const entityIdentity = {
  entityRef: { type: 'string' },
  kind: { type: 'string' },
  title: { type: 'string' },
  owner: { type: 'string' },
  system: { type: 'string' },
  domain: { type: 'string' },
  classification: { type: 'string' },
} as const;

const counts = {
  type: 'object',
  description: 'Number of statement results per status.',
  properties: Object.fromEntries(STATUSES.map(s => [s, { type: 'integer' }])),
} as const;

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'itsec',
    version: '1',
    description:
      'Scorecards of catalog entities against the MoJ ICT Security Policy: the policy catalogue, ' +
      'scorecards, the portfolio, history, attestations, exceptions, the audit log and exports ' +
      '(CSV, JSON, OSCAL v1.2). Every route needs a signed-in user or a service token.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1 },
      },
      owner: {
        name: 'owner',
        ...stringList('Owner entity refs (group:default/team)'),
      },
      system: { name: 'system', ...stringList('System entity refs') },
      domain: { name: 'domain', ...stringList('Domain entity refs') },
      kindFilter: { name: 'kind', ...stringList('Entity kinds') },
      classification: {
        name: 'classification',
        ...stringList(
          'OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET, or none',
        ),
      },
      statement: {
        name: 'statement',
        ...stringList(
          'Statement ids: entities whose result for one of them has one of `status` (a gap when no status)',
        ),
      },
      status: {
        name: 'status',
        in: 'query',
        required: false,
        style: 'form',
        explode: true,
        description: 'Statement statuses',
        schema: { type: 'array', items: { type: 'string', enum: STATUSES } },
      },
      q: {
        name: 'q',
        in: 'query',
        required: false,
        description: 'Free text matched against entity ref and title',
        schema: { type: 'string', maxLength: 200 },
      },
      from: {
        name: 'from',
        in: 'query',
        required: false,
        description: 'First day (default: a year before `to`)',
        schema: { type: 'string', format: 'date' },
      },
      to: {
        name: 'to',
        in: 'query',
        required: false,
        description: 'Last day (default: today)',
        schema: { type: 'string', format: 'date' },
      },
      offset: {
        name: 'offset',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 0, default: 0 },
      },
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
      },
      entityRef: {
        name: 'entityRef',
        in: 'query',
        required: false,
        allowReserved: true,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
      idempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Makes a retry safe: a request with a key the same user already used returns the ' +
          'original record and status (with the header `Idempotent-Replayed: true`) and creates ' +
          'nothing; the same key with a different body is a 409. Keys are kept in the database.',
        // Checked by the router, whose message names the header.
        schema: {
          type: 'string',
          description: '1 to 255 visible ASCII characters, e.g. a UUID.',
        },
      },
    },
    responses: {
      BadRequest: {
        description: 'Invalid body or query; the message names the field.',
        content: json('Error'),
      },
      Unauthorized: {
        description: 'No valid credentials.',
        content: json('Error'),
      },
      Forbidden: {
        description:
          'The caller may not do this; the attempt is audited. Writes (attest, acknowledge, ' +
          'request, approve, reject, revoke, refresh) are made on behalf of a person: service ' +
          'credentials get this too.',
        content: json('Error'),
      },
      NotFound: {
        description: 'Unknown entity or record.',
        content: json('Error'),
      },
      Conflict: {
        description: 'The record is not in a state that allows this.',
        content: json('Error'),
      },
      IdempotencyConflict: {
        description:
          'The Idempotency-Key was already used by this user for a different request.',
        content: json('Error'),
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          request: { type: 'object' },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'integer' } },
          },
        },
        required: ['error'],
      },
      StatusCounts: counts,
      PolicyCatalogue: {
        type: 'object',
        description:
          'The policy catalogue (see @internal/plugin-itsec-common PolicyCatalogue).',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          version: { type: 'string' },
          lastReviewed: { type: 'string', format: 'date' },
          sections: { type: 'array', items: { type: 'object' } },
          statements: { type: 'array', items: { type: 'object' } },
        },
        required: [
          'id',
          'title',
          'version',
          'lastReviewed',
          'sections',
          'statements',
        ],
      },
      Scorecard: {
        type: 'object',
        properties: {
          ...entityIdentity,
          evaluatedAt: { type: 'string', format: 'date-time' },
          evaluation: {
            type: 'object',
            description:
              'EntityEvaluation: one result per statement and a summary.',
          },
          profile: {
            type: 'object',
            description: 'The resolved SecurityProfile.',
          },
        },
        required: ['entityRef', 'kind', 'evaluatedAt', 'evaluation', 'profile'],
      },
      PortfolioRow: {
        type: 'object',
        properties: {
          ...entityIdentity,
          score: { type: ['integer', 'null'] },
          counts: { $ref: '#/components/schemas/StatusCounts' },
          statuses: {
            type: 'object',
            additionalProperties: { type: 'string', enum: STATUSES },
          },
          evaluatedAt: { type: 'string', format: 'date-time' },
        },
        required: [
          'entityRef',
          'kind',
          'score',
          'counts',
          'statuses',
          'evaluatedAt',
        ],
      },
      PortfolioPage: pageOf('PortfolioRow'),
      PortfolioSummary: {
        type: 'object',
        properties: {
          total: { type: 'integer' },
          score: { type: ['integer', 'null'] },
          counts: { $ref: '#/components/schemas/StatusCounts' },
          byStatement: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                statementId: { type: 'string' },
                counts: { $ref: '#/components/schemas/StatusCounts' },
              },
            },
          },
          byOwner: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                owner: { type: 'string' },
                entities: { type: 'integer' },
                score: { type: ['integer', 'null'] },
                counts: { $ref: '#/components/schemas/StatusCounts' },
              },
            },
          },
        },
        required: ['total', 'score', 'counts', 'byStatement', 'byOwner'],
      },
      History: {
        type: 'object',
        description:
          'Points on the days the value changed (and one at `from` carrying the value that held then); ' +
          'a value holds until the next point.',
        properties: {
          points: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                date: { type: 'string', format: 'date' },
                score: { type: ['integer', 'null'] },
                counts: { $ref: '#/components/schemas/StatusCounts' },
                entities: { type: 'integer' },
              },
              required: ['date', 'score', 'counts'],
            },
          },
        },
        required: ['points'],
      },
      AttestationRecord: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          entityRef: { type: 'string' },
          statementId: { type: 'string' },
          evidenceLink: { type: 'string' },
          statement: { type: 'string' },
          attestedBy: { type: 'string' },
          attestedOn: { type: 'string', format: 'date' },
          validUntil: { type: 'string', format: 'date' },
          createdAt: { type: 'string', format: 'date-time' },
        },
        required: [
          'id',
          'entityRef',
          'statementId',
          'evidenceLink',
          'statement',
          'attestedBy',
          'attestedOn',
          'validUntil',
          'createdAt',
        ],
      },
      WriteOutcome: {
        type: 'object',
        properties: {
          scorecardPending: {
            type: 'boolean',
            const: true,
            description:
              'Present when the record was saved but re-evaluating the scorecard failed: the ' +
              'scorecard will catch up at the next scheduled evaluation.',
          },
        },
      },
      AttestationWritten: {
        allOf: [
          { $ref: '#/components/schemas/AttestationRecord' },
          { $ref: '#/components/schemas/WriteOutcome' },
        ],
      },
      ExceptionWritten: {
        allOf: [
          { $ref: '#/components/schemas/ExceptionRecord' },
          { $ref: '#/components/schemas/WriteOutcome' },
        ],
      },
      CreateAttestationRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: { type: 'string', minLength: 1, maxLength: 255 },
          statementId: { type: 'string', minLength: 1, maxLength: 64 },
          evidenceLink: {
            type: 'string',
            format: 'uri',
            pattern: '^https?://',
            maxLength: 2000,
          },
          statement: { type: 'string', minLength: 1, maxLength: 4000 },
          validUntil: {
            type: 'string',
            format: 'date',
            description:
              "A calendar date from today to the statement's validity period (policy catalogue) " +
              'after today; default: the end of that period.',
          },
        },
        required: ['entityRef', 'statementId', 'evidenceLink', 'statement'],
      },
      ExceptionRecord: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          entityRef: { type: 'string' },
          statementId: { type: 'string' },
          justification: { type: 'string' },
          compensatingControls: { type: 'string' },
          requestedBy: { type: 'string' },
          requestedAt: { type: 'string', format: 'date-time' },
          expiresOn: { type: 'string', format: 'date' },
          state: { type: 'string', enum: EXCEPTION_STATES },
          decidedBy: { type: 'string' },
          decidedAt: { type: 'string', format: 'date-time' },
          decisionComment: { type: 'string' },
        },
        required: [
          'id',
          'entityRef',
          'statementId',
          'justification',
          'compensatingControls',
          'requestedBy',
          'requestedAt',
          'expiresOn',
          'state',
        ],
      },
      CreateExceptionRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: { type: 'string', minLength: 1, maxLength: 255 },
          statementId: { type: 'string', minLength: 1, maxLength: 64 },
          justification: { type: 'string', minLength: 1, maxLength: 4000 },
          compensatingControls: {
            type: 'string',
            minLength: 1,
            maxLength: 4000,
          },
          expiresOn: {
            type: 'string',
            format: 'date',
            description:
              'A calendar date after today and at most `itsec.exceptions.maxDuration` (default ' +
              'P12M) after today; checked again when the exception is approved.',
          },
        },
        required: [
          'entityRef',
          'statementId',
          'justification',
          'compensatingControls',
          'expiresOn',
        ],
      },
      ExceptionDecisionRequest: {
        type: 'object',
        additionalProperties: false,
        properties: { comment: { type: 'string', maxLength: 4000 } },
      },
      AuditEntry: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          at: { type: 'string', format: 'date-time' },
          actor: { type: 'string' },
          action: { type: 'string' },
          outcome: { type: 'string', enum: ['allowed', 'denied'] },
          entityRef: { type: 'string' },
          subjectId: { type: 'string' },
          before: {},
          after: {},
          attempts: {
            type: 'integer',
            minimum: 2,
            description:
              'A denied attempt repeated by the same actor on the same entity and action within ' +
              'the hour is one entry: how many attempts it stands for (itself included).',
          },
          lastAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the last of the `attempts` was made.',
          },
          lastSubjectId: {
            type: 'string',
            description: 'The record the last of the `attempts` was about.',
          },
          lastAttempt: {
            description: 'What the last of the `attempts` attempted.',
          },
        },
        required: ['id', 'at', 'actor', 'action', 'outcome'],
      },
      EvaluationStatus: {
        type: 'object',
        properties: {
          lastSuccessfulRun: {
            type: 'object',
            description: 'The last full evaluation that succeeded.',
            properties: {
              startedAt: { type: 'string', format: 'date-time' },
              finishedAt: { type: 'string', format: 'date-time' },
              asOf: { type: 'string', format: 'date' },
              entities: { type: 'integer' },
            },
            required: ['startedAt', 'finishedAt', 'asOf', 'entities'],
          },
          failingSince: {
            type: 'string',
            format: 'date-time',
            description:
              'Set while scheduled evaluations fail: the first failure since the last success.',
          },
          lastFailureAt: { type: 'string', format: 'date-time' },
          failures: {
            type: 'integer',
            description: 'Failed runs since the last success.',
          },
          stale: {
            type: 'boolean',
            description:
              'True while scheduled evaluations fail: results are stale.',
          },
          limits: {
            type: 'object',
            properties: {
              exceptionMaxDuration: {
                type: 'string',
                description:
                  'itsec.exceptions.maxDuration (ISO 8601 duration).',
              },
            },
            required: ['exceptionMaxDuration'],
          },
        },
        required: ['stale', 'limits'],
      },
      AuditPage: pageOf('AuditEntry'),
      OscalDocument: {
        type: 'object',
        description:
          'A NIST OSCAL v1.2 document (catalog, assessment-plan or assessment-results).',
      },
    },
  },
  paths: {
    '/policy': {
      get: {
        operationId: 'getPolicy',
        summary: 'The policy catalogue scorecards are evaluated against.',
        responses: {
          '200': {
            description: 'The catalogue.',
            content: json('PolicyCatalogue'),
          },
          ...errors,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/scorecard': {
      get: {
        operationId: 'getScorecard',
        summary: "One entity's latest scorecard.",
        parameters: entityPathParams,
        responses: {
          '200': { description: 'The scorecard.', content: json('Scorecard') },
          ...errors,
          '404': ref('responses/NotFound'),
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/refresh': {
      post: {
        operationId: 'refreshScorecard',
        summary: 'Re-evaluate one entity now (its owner group or the ITSO).',
        parameters: entityPathParams,
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {},
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The new scorecard.',
            content: json('Scorecard'),
          },
          ...writeErrors,
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'getEntityHistory',
        summary: "One entity's score history.",
        parameters: [
          ...entityPathParams,
          ref('parameters/from'),
          ref('parameters/to'),
        ],
        responses: {
          '200': { description: 'The history.', content: json('History') },
          ...errors,
          '404': ref('responses/NotFound'),
        },
      },
    },
    '/portfolio': {
      get: {
        operationId: 'getPortfolio',
        summary: 'A sorted page of the filtered portfolio.',
        parameters: [
          ...filterParams,
          {
            name: 'sort',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              enum: ['gaps', 'score', 'name', 'owner', 'evaluatedAt'],
              default: 'gaps',
            },
          },
          {
            name: 'order',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['asc', 'desc'] },
          },
          ref('parameters/offset'),
          ref('parameters/limit'),
        ],
        responses: {
          '200': { description: 'A page.', content: json('PortfolioPage') },
          ...errors,
        },
      },
    },
    '/portfolio/summary': {
      get: {
        operationId: 'getPortfolioSummary',
        summary:
          'Counts of the filtered portfolio per status, statement and owner.',
        parameters: filterParams,
        responses: {
          '200': {
            description: 'The summary.',
            content: json('PortfolioSummary'),
          },
          ...errors,
        },
      },
    },
    '/portfolio/history': {
      get: {
        operationId: 'getPortfolioHistory',
        summary: 'Score history of the filtered portfolio.',
        parameters: [
          ...filterParams,
          ref('parameters/from'),
          ref('parameters/to'),
        ],
        responses: {
          '200': { description: 'The history.', content: json('History') },
          ...errors,
        },
      },
    },
    '/portfolio/export': {
      get: {
        operationId: 'exportPortfolio',
        summary:
          'Exactly the filtered portfolio as CSV, JSON or OSCAL assessment-results.',
        parameters: [
          {
            name: 'format',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: ['csv', 'json', 'oscal'] },
          },
          ...filterParams,
        ],
        responses: {
          '200': {
            description: 'The export, as an attachment.',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          ...errors,
        },
      },
    },
    '/oscal/catalog': {
      get: {
        operationId: 'getOscalCatalog',
        summary: 'The policy as an OSCAL v1.2 catalog.',
        responses: {
          '200': {
            description: 'The catalog.',
            content: json('OscalDocument'),
          },
          ...errors,
        },
      },
    },
    '/oscal/assessment-plan': {
      get: {
        operationId: 'getOscalAssessmentPlan',
        summary:
          'The static OSCAL assessment plan (all controls) results import.',
        responses: {
          '200': { description: 'The plan.', content: json('OscalDocument') },
          ...errors,
        },
      },
    },
    '/oscal/assessment-results': {
      get: {
        operationId: 'getOscalAssessmentResults',
        summary:
          'OSCAL assessment-results of the filtered portfolio, one result per entity.',
        parameters: filterParams,
        responses: {
          '200': {
            description: 'The results.',
            content: json('OscalDocument'),
          },
          ...errors,
        },
      },
    },
    '/attestations': {
      get: {
        operationId: 'listAttestations',
        summary: 'Attestations, newest first.',
        parameters: [
          ref('parameters/entityRef'),
          {
            name: 'statementId',
            in: 'query',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 64 },
          },
        ],
        responses: {
          '200': {
            description: 'The attestations.',
            content: {
              'application/json': { schema: itemsOf('AttestationRecord') },
            },
          },
          ...errors,
        },
      },
      post: {
        operationId: 'createAttestation',
        summary:
          'Record an attestation (the entity owner group or the ITSO; a role acknowledgement, POL.ITSEC.023, only by a holder of a security role on the entity, for themselves).',
        parameters: [ref('parameters/idempotencyKey')],
        requestBody: {
          required: true,
          content: json('CreateAttestationRequest'),
        },
        responses: {
          '201': {
            description:
              'The attestation (saved even when `scorecardPending` says the scorecard will catch up).',
            content: json('AttestationWritten'),
          },
          ...writeErrors,
          '409': ref('responses/IdempotencyConflict'),
        },
      },
    },
    '/exceptions': {
      get: {
        operationId: 'listExceptions',
        summary: 'Exceptions, newest first.',
        parameters: [
          ref('parameters/entityRef'),
          {
            name: 'state',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: EXCEPTION_STATES },
          },
        ],
        responses: {
          '200': {
            description: 'The exceptions.',
            content: {
              'application/json': { schema: itemsOf('ExceptionRecord') },
            },
          },
          ...errors,
        },
      },
      post: {
        operationId: 'requestException',
        summary: 'Request an exception (the entity owner group or the ITSO).',
        parameters: [ref('parameters/idempotencyKey')],
        requestBody: {
          required: true,
          content: json('CreateExceptionRequest'),
        },
        responses: {
          '201': {
            description: 'The exception, requested.',
            content: json('ExceptionRecord'),
          },
          ...writeErrors,
          '409': ref('responses/IdempotencyConflict'),
        },
      },
    },
    '/exceptions/{id}/{decision}': {
      post: {
        operationId: 'decideException',
        summary:
          'Approve or reject a requested exception (the approving SIRO: the business-group SIRO ' +
          "declared on the entity's Domain, or on its System when the Domain declares none; never " +
          'a member of the owner group), or revoke an approved one (that SIRO or the ITSO). The ' +
          'requester never decides their own request. Approval also checks `expiresOn` against ' +
          '`itsec.exceptions.maxDuration` from the day of approval.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: 64 },
          },
          {
            name: 'decision',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['approve', 'reject', 'revoke'] },
          },
        ],
        requestBody: {
          required: false,
          content: json('ExceptionDecisionRequest'),
        },
        responses: {
          '200': {
            description:
              'The exception after the decision (saved even when `scorecardPending` says the scorecard will catch up).',
            content: json('ExceptionWritten'),
          },
          ...writeErrors,
          '409': ref('responses/Conflict'),
        },
      },
    },
    '/status': {
      get: {
        operationId: 'getEvaluationStatus',
        summary:
          'Whether scheduled evaluations succeed (and since when they fail), and the write limits.',
        responses: {
          '200': {
            description: 'The status.',
            content: json('EvaluationStatus'),
          },
          ...errors,
        },
      },
    },
    '/audit': {
      get: {
        operationId: 'getAudit',
        summary: 'The audit log, newest first (the ITSO group).',
        parameters: [
          ref('parameters/entityRef'),
          {
            name: 'actor',
            in: 'query',
            required: false,
            allowReserved: true,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
          {
            name: 'action',
            in: 'query',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 64 },
          },
          {
            name: 'outcome',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['allowed', 'denied'] },
          },
          ref('parameters/offset'),
          ref('parameters/limit'),
        ],
        responses: {
          '200': {
            description: 'A page of the log.',
            content: json('AuditPage'),
          },
          ...errors,
          '403': ref('responses/Forbidden'),
        },
      },
    },
  },
} as const;
