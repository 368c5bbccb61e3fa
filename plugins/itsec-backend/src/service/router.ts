import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  AttestationRecord,
  ExceptionRecord,
  ExceptionState,
  ITSEC_ENTITY_RESOURCE_TYPE,
  PolicyCatalogue,
  PortfolioSort,
  STATEMENT_STATUSES,
  Scorecard,
  StatementStatus,
  addDurationToDate,
  evaluate,
  isIsoDate,
  itsecAttestationCreatePermission,
  itsecRoleAcknowledgePermission,
  itsecAuditReadPermission,
  itsecEntityRefreshPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import express from 'express';
import { randomUUID } from 'node:crypto';
import { ItsecStore, StoredResult } from '../database/types';
import { itsecEntityResourceRef } from '../permissions/rules';
import { spec } from '../schema/openapi';
import { ItsecClock, isoDay } from './clock';
import {
  oscalAssessmentPlan,
  oscalAssessmentResults,
  oscalCatalog,
  portfolioCsv,
} from './exports';
import { ItsecEntityResource, ItsecEvaluator } from './ItsecEvaluator';
import { NormalisedFilter, PortfolioIndex } from './PortfolioIndex';

export interface RouterOptions {
  store: ItsecStore;
  evaluator: ItsecEvaluator;
  index: PortfolioIndex;
  policy: PolicyCatalogue;
  dueSoonWindow: string;
  clock: ItsecClock;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  discovery: DiscoveryService;
  logger: LoggerService;
}

const DECISIONS = {
  approve: { from: ['requested'] as ExceptionState[], to: 'approved' as const },
  reject: { from: ['requested'] as ExceptionState[], to: 'rejected' as const },
  revoke: { from: ['approved'] as ExceptionState[], to: 'revoked' as const },
};

/** Query values as a list: repeated parameters and comma-separated values both work. */
function listParam(value: unknown): string[] {
  if (value === undefined) return listParam([]);
  const raw = Array.isArray(value) ? value : [value];
  return raw
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

function lower(v: string): string {
  return v.toLocaleLowerCase('en-US');
}

/** 'team-a' → 'group:default/team-a'; 'system:x' → 'system:default/x'. */
function normaliseRef(value: string, defaultKind: string): string {
  let kind = defaultKind;
  let rest = value;
  const colon = rest.indexOf(':');
  if (colon > 0) {
    kind = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  if (!rest.includes('/')) rest = `default/${rest}`;
  return lower(`${kind}:${rest}`);
}

function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return lower(p.userEntityRef);
  if (p.type === 'service' && p.subject) return p.subject;
  return p.type;
}

function entityRefFromPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return lower(`${params.kind}:${params.namespace}/${params.name}`);
}

/** A full entity ref from a body field; the error names the field. */
function entityRefFromBody(value: string, field: string): string {
  try {
    const ref = parseEntityRef(value);
    return lower(`${ref.kind}:${ref.namespace}/${ref.name}`);
  } catch (e) {
    throw new InputError(
      `${field}: '${value}' is not an entity ref such as component:default/payments`,
    );
  }
}

function maxString(a: string, b?: string): string {
  return b && b > a ? b : a;
}

/** Fields each POST body may have, from the spec: unknown ones are named in the 400. */
const BODY_FIELDS: Array<[RegExp, readonly string[]]> = [
  [
    /^\/attestations\/?$/,
    Object.keys(spec.components.schemas.CreateAttestationRequest.properties),
  ],
  [
    /^\/exceptions\/?$/,
    Object.keys(spec.components.schemas.CreateExceptionRequest.properties),
  ],
  [
    /^\/exceptions\/[^/]+\/[^/]+\/?$/,
    Object.keys(spec.components.schemas.ExceptionDecisionRequest.properties),
  ],
  [/^\/entities\/[^/]+\/[^/]+\/[^/]+\/refresh\/?$/, []],
];

/**
 * Runs before the OpenAPI validator, whose message for an unknown property
 * does not say which one.
 */
function rejectUnknownBodyFields(
  req: express.Request,
  _res: express.Response,
  next: express.NextFunction,
) {
  const body = req.body;
  if (
    req.method === 'POST' &&
    body &&
    typeof body === 'object' &&
    !Array.isArray(body)
  ) {
    const allowed = BODY_FIELDS.find(([re]) => re.test(req.path))?.[1];
    if (allowed) {
      const unknown = Object.keys(body).filter(k => !allowed.includes(k));
      if (unknown.length > 0) {
        next(
          new InputError(
            `${unknown.join(', ')}: unknown field${
              unknown.length > 1 ? 's' : ''
            }; ${
              allowed.length
                ? `allowed: ${allowed.join(', ')}`
                : 'the body must be empty'
            }`,
          ),
        );
        return;
      }
    }
  }
  next();
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    store,
    evaluator,
    index,
    policy,
    dueSoonWindow,
    clock,
    httpAuth,
    permissions,
    permissionsRegistry,
    discovery,
  } = options;
  const statements = new Map(policy.statements.map(s => [s.id, s]));
  const isAuthorized = createConditionAuthorizer(
    permissionsRegistry.getPermissionRuleset(itsecEntityResourceRef),
  );

  // The spec is validated at run time; handlers are typed by hand against the
  // shared types in @internal/plugin-itsec-common (the spec's deep literal
  // types are beyond the typed-router helpers).
  const router = createValidatedOpenApiRouter(
    spec as unknown as Parameters<typeof createValidatedOpenApiRouter>[0],
    { middleware: [express.json(), rejectUnknownBodyFields] },
  ) as unknown as express.Router;

  // ---------------------------------------------------------------- helpers

  async function authorizeRead(
    req: express.Request,
    permission: BasicPermission,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`You may not ${permission.name}`);
    }
    return credentials;
  }

  async function loadResource(entityRef: string): Promise<ItsecEntityResource> {
    const [resource] = await evaluator.loadResources([entityRef]);
    if (!resource)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    return resource;
  }

  /**
   * Decides an entity-scoped write. A denial is audited (with what was
   * attempted) and thrown as 403 before anything is written.
   */
  async function authorizeWrite(
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof ITSEC_ENTITY_RESOURCE_TYPE>,
    resource: ItsecEntityResource,
    audit: {
      action: string;
      subjectId?: string;
      before?: unknown;
      attempted?: unknown;
    },
  ): Promise<string> {
    const actor = actorOf(credentials);
    const [decision] = await permissions.authorizeConditional(
      [{ permission }],
      {
        credentials,
      },
    );
    const allowed =
      decision.result === AuthorizeResult.CONDITIONAL
        ? isAuthorized(decision, resource)
        : decision.result === AuthorizeResult.ALLOW;
    if (!allowed) {
      await store.appendAudit({
        at: clock.now().toISOString(),
        actor,
        action: audit.action,
        outcome: 'denied',
        entityRef: resource.entityRef,
        ...(audit.subjectId ? { subjectId: audit.subjectId } : {}),
        ...(audit.before !== undefined ? { before: audit.before } : {}),
        ...(audit.attempted !== undefined ? { after: audit.attempted } : {}),
      });
      throw new NotAllowedError(
        `${actor} may not ${audit.action} for ${resource.entityRef}`,
      );
    }
    return actor;
  }

  function parseFilter(query: Record<string, unknown>): NormalisedFilter {
    const filter: NormalisedFilter = {};
    const owner = listParam(query.owner).map(v => normaliseRef(v, 'group'));
    if (owner.length) filter.owner = new Set(owner);
    const system = listParam(query.system).map(v => normaliseRef(v, 'system'));
    if (system.length) filter.system = new Set(system);
    const domain = listParam(query.domain).map(v => normaliseRef(v, 'domain'));
    if (domain.length) filter.domain = new Set(domain);
    const kind = listParam(query.kind).map(lower);
    if (kind.length) filter.kind = new Set(kind);
    const classification = listParam(query.classification).map(lower);
    if (classification.length) filter.classification = new Set(classification);
    const statement = listParam(query.statement);
    for (const id of statement) {
      if (!statements.has(id)) {
        throw new InputError(`statement: unknown statement id '${id}'`);
      }
    }
    if (statement.length) filter.statement = statement;
    const status = listParam(query.status);
    for (const s of status) {
      if (!(STATEMENT_STATUSES as readonly string[]).includes(s)) {
        throw new InputError(
          `status: '${s}' is not one of ${STATEMENT_STATUSES.join(', ')}`,
        );
      }
    }
    if (status.length) filter.status = status as StatementStatus[];
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    if (q) filter.q = lower(q);
    return filter;
  }

  function intParam(
    value: unknown,
    field: string,
    fallback: number,
    min: number,
    max: number,
  ) {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InputError(
        `${field}: must be a whole number from ${min} to ${max}`,
      );
    }
    return n;
  }

  function dateRange(query: Record<string, unknown>): {
    from: string;
    to: string;
  } {
    const today = isoDay(clock.now());
    const to = typeof query.to === 'string' ? query.to : today;
    if (!isIsoDate(to))
      throw new InputError(`to: '${to}' is not a date (YYYY-MM-DD)`);
    const from =
      typeof query.from === 'string'
        ? query.from
        : isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - 365 * 86_400_000));
    if (!isIsoDate(from))
      throw new InputError(`from: '${from}' is not a date (YYYY-MM-DD)`);
    if (from > to) throw new InputError('from: must not be after to');
    return { from, to };
  }

  async function runFloor(): Promise<{ asOf?: string; evaluatedAt?: string }> {
    const run = await store.getLastRun();
    return { asOf: run?.asOf, evaluatedAt: run?.startedAt };
  }

  async function scorecardOf(entityRef: string): Promise<Scorecard> {
    const row = await store.getResult(entityRef);
    if (!row) throw new NotFoundError(`No scorecard for ${entityRef}`);
    const floor = await runFloor();
    const asOf = maxString(row.asOf, floor.asOf);
    return {
      entityRef: row.entityRef,
      kind: row.kind,
      ...(row.title ? { title: row.title } : {}),
      ...(row.owner ? { owner: row.owner } : {}),
      ...(row.system ? { system: row.system } : {}),
      ...(row.domain ? { domain: row.domain } : {}),
      ...(row.classification ? { classification: row.classification } : {}),
      evaluatedAt: maxString(row.evaluatedAt, floor.evaluatedAt),
      evaluation: evaluate(row.profile, policy, { asOf, dueSoonWindow }),
      profile: row.profile,
    };
  }

  async function reevaluate(entityRef: string): Promise<void> {
    const descendants = await index.descendantsOf(entityRef);
    await evaluator.refresh([entityRef], descendants);
    index.invalidate();
  }

  async function exportRows(filter: NormalisedFilter) {
    const rows: StoredResult[] = await index.all(filter);
    const floor = await runFloor();
    return rows.map(r => index.toPortfolioRow(r, floor.evaluatedAt));
  }

  async function assessmentResults(filter: NormalisedFilter) {
    const rows = await exportRows(filter);
    const floor = await runFloor();
    const stored = await store.getResultsWithProfile(
      rows.map(r => r.entityRef),
    );
    const byRef = new Map(stored.map(s => [s.entityRef, s]));
    const evaluations = rows.flatMap(row => {
      const s = byRef.get(row.entityRef);
      if (!s) return [];
      const asOf = maxString(s.asOf, floor.asOf);
      return [
        {
          row,
          evaluation: evaluate(s.profile, policy, { asOf, dueSoonWindow }),
        },
      ];
    });
    const base = await discovery.getExternalBaseUrl('itsec');
    return oscalAssessmentResults({
      policy,
      evaluations,
      planHref: `${base}/oscal/assessment-plan`,
      generatedAt: clock.now().toISOString(),
    });
  }

  // ----------------------------------------------------------------- routes

  router.get('/policy', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    res.json(policy);
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const entityRef = entityRefFromPath(req.params);
    if (!(await store.getResult(entityRef))) {
      // Not evaluated yet (e.g. registered since the last run): evaluate it now
      // if the catalog has it; otherwise scorecardOf answers 404.
      const found = await evaluator.refresh([entityRef]);
      if (found.size > 0) index.invalidate();
    }
    res.json(await scorecardOf(entityRef));
  });

  router.post('/entities/:kind/:namespace/:name/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromPath(req.params);
    const resource = await loadResource(entityRef);
    const actor = await authorizeWrite(
      credentials,
      itsecEntityRefreshPermission,
      resource,
      {
        action: 'entity.refresh',
      },
    );
    await reevaluate(entityRef);
    await store.appendAudit({
      at: clock.now().toISOString(),
      actor,
      action: 'entity.refresh',
      outcome: 'allowed',
      entityRef,
    });
    res.json(await scorecardOf(entityRef));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const entityRef = entityRefFromPath(req.params);
    const { from, to } = dateRange(req.query);
    if (!(await index.has(entityRef))) {
      throw new NotFoundError(`No scorecard for ${entityRef}`);
    }
    res.json(await index.entityHistory(entityRef, from, to));
  });

  router.get('/portfolio', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const query = req.query as Record<string, unknown>;
    const filter = parseFilter(query);
    const sort = (
      typeof query.sort === 'string' ? query.sort : 'gaps'
    ) as PortfolioSort;
    const defaultOrder =
      sort === 'gaps' || sort === 'evaluatedAt' ? 'desc' : 'asc';
    const order =
      query.order === 'asc' || query.order === 'desc'
        ? query.order
        : defaultOrder;
    const floor = await runFloor();
    res.json(
      await index.page({
        filter,
        sort,
        order,
        offset: intParam(query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
        limit: intParam(query.limit, 'limit', 50, 1, 1000),
        evaluatedAtFloor: floor.evaluatedAt,
      }),
    );
  });

  router.get('/portfolio/summary', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    res.json(await index.summary(parseFilter(req.query)));
  });

  router.get('/portfolio/history', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parseFilter(req.query);
    const { from, to } = dateRange(req.query);
    res.json(await index.portfolioHistory(filter, from, to));
  });

  router.get('/portfolio/export', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const filter = parseFilter(req.query);
    const day = isoDay(clock.now());
    const format = req.query.format;
    if (format === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="itsec-portfolio-${day}.csv"`,
      );
      res.send(portfolioCsv(await exportRows(filter), policy));
      return;
    }
    if (format === 'json') {
      const items = await exportRows(filter);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="itsec-portfolio-${day}.json"`,
      );
      res.json({
        generatedAt: clock.now().toISOString(),
        policy: { id: policy.id, version: policy.version },
        total: items.length,
        items,
      });
      return;
    }
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="itsec-assessment-results-${day}.json"`,
    );
    res.json(await assessmentResults(filter));
  });

  router.get('/oscal/catalog', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    res.json(oscalCatalog(policy));
  });

  router.get('/oscal/assessment-plan', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const base = await discovery.getExternalBaseUrl('itsec');
    res.json(oscalAssessmentPlan(policy, `${base}/oscal/catalog`));
  });

  router.get('/oscal/assessment-results', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    res.json(await assessmentResults(parseFilter(req.query)));
  });

  router.get('/attestations', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const query = req.query as Record<string, unknown>;
    const items = await store.listAttestations({
      ...(typeof query.entityRef === 'string'
        ? { entityRef: entityRefFromBody(query.entityRef, 'entityRef') }
        : {}),
      ...(typeof query.statementId === 'string'
        ? { statementId: query.statementId }
        : {}),
    });
    res.json({ items });
  });

  router.post('/attestations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body as {
      entityRef: string;
      statementId: string;
      evidenceLink: string;
      statement: string;
      validUntil?: string;
    };
    const entityRef = entityRefFromBody(body.entityRef, 'entityRef');
    const statement = statements.get(body.statementId);
    if (!statement) {
      throw new InputError(
        `statementId: unknown statement id '${body.statementId}'`,
      );
    }
    if (statement.kind !== 'attestation') {
      throw new InputError(
        `statementId: ${statement.id} is a ${statement.kind} statement; only attestation statements take attestations`,
      );
    }
    const now = clock.now();
    const today = isoDay(now);
    const validUntil =
      body.validUntil ?? addDurationToDate(today, statement.validity ?? 'P12M');
    if (validUntil < today) {
      throw new InputError('validUntil: must not be in the past');
    }
    const resource = await loadResource(entityRef);
    const attempted = { ...body, entityRef, validUntil };
    // A role acknowledgement counts only from the role holder, so only holders may make one.
    const acknowledgesRole = statement.check === 'role-acknowledgement';
    const actor = await authorizeWrite(
      credentials,
      acknowledgesRole
        ? itsecRoleAcknowledgePermission
        : itsecAttestationCreatePermission,
      resource,
      {
        action: acknowledgesRole ? 'role.acknowledge' : 'attestation.create',
        attempted,
      },
    );
    const record: AttestationRecord = {
      id: randomUUID(),
      entityRef,
      statementId: statement.id,
      evidenceLink: body.evidenceLink,
      statement: body.statement,
      attestedBy: actor,
      attestedOn: today,
      validUntil,
      createdAt: now.toISOString(),
    };
    await store.createAttestation(record, {
      at: now.toISOString(),
      actor,
      action: 'attestation.create',
      outcome: 'allowed',
      entityRef,
      subjectId: record.id,
      after: record,
    });
    await reevaluate(entityRef);
    res.status(201).json(record);
  });

  router.get('/exceptions', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const query = req.query as Record<string, unknown>;
    const items = await store.listExceptions({
      ...(typeof query.entityRef === 'string'
        ? { entityRef: entityRefFromBody(query.entityRef, 'entityRef') }
        : {}),
      ...(typeof query.state === 'string'
        ? { state: query.state as ExceptionState }
        : {}),
    });
    res.json({ items });
  });

  router.post('/exceptions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body as {
      entityRef: string;
      statementId: string;
      justification: string;
      compensatingControls: string;
      expiresOn: string;
    };
    const entityRef = entityRefFromBody(body.entityRef, 'entityRef');
    const statement = statements.get(body.statementId);
    if (!statement) {
      throw new InputError(
        `statementId: unknown statement id '${body.statementId}'`,
      );
    }
    if (statement.kind !== 'record' && statement.kind !== 'attestation') {
      throw new InputError(
        `statementId: ${statement.id} is a ${statement.kind} statement and is never scored; it needs no exception`,
      );
    }
    if (!body.justification.trim())
      throw new InputError('justification: must not be blank');
    if (!body.compensatingControls.trim()) {
      throw new InputError('compensatingControls: must not be blank');
    }
    const now = clock.now();
    const today = isoDay(now);
    if (body.expiresOn <= today)
      throw new InputError('expiresOn: must be after today');
    const resource = await loadResource(entityRef);
    const attempted = { ...body, entityRef };
    const actor = await authorizeWrite(
      credentials,
      itsecExceptionRequestPermission,
      resource,
      { action: 'exception.request', attempted },
    );
    const record: ExceptionRecord = {
      id: randomUUID(),
      entityRef,
      statementId: statement.id,
      justification: body.justification,
      compensatingControls: body.compensatingControls,
      requestedBy: actor,
      requestedAt: now.toISOString(),
      expiresOn: body.expiresOn,
      state: 'requested',
    };
    await store.createException(record, {
      at: now.toISOString(),
      actor,
      action: 'exception.request',
      outcome: 'allowed',
      entityRef,
      subjectId: record.id,
      after: record,
    });
    res.status(201).json(record);
  });

  router.post('/exceptions/:id/:decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { id, decision } = req.params as {
      id: string;
      decision: keyof typeof DECISIONS;
    };
    const rule = DECISIONS[decision];
    if (!rule)
      throw new InputError(`decision: must be approve, reject or revoke`);
    const comment = (req.body as { comment?: string } | undefined)?.comment;
    const existing = await store.getException(id);
    if (!existing) throw new NotFoundError(`No exception ${id}`);
    const resource = await loadResource(existing.entityRef);
    const action = `exception.${decision}`;
    const actor = await authorizeWrite(
      credentials,
      itsecExceptionApprovePermission,
      resource,
      {
        action,
        subjectId: id,
        before: existing,
        attempted: {
          state: rule.to,
          ...(comment ? { decisionComment: comment } : {}),
        },
      },
    );
    const now = clock.now();
    if (decision === 'approve' && existing.expiresOn < isoDay(now)) {
      throw new ConflictError(
        `Exception ${id} expired on ${existing.expiresOn}`,
      );
    }
    const updated = await store.transitionException(
      {
        id,
        from: rule.from,
        to: rule.to,
        decidedBy: actor,
        decidedAt: now.toISOString(),
        ...(comment !== undefined ? { decisionComment: comment } : {}),
      },
      {
        at: now.toISOString(),
        actor,
        action,
        outcome: 'allowed',
        entityRef: existing.entityRef,
        subjectId: id,
      },
    );
    if (!updated) {
      const current = await store.getException(id);
      throw new ConflictError(
        `Exception ${id} is ${current?.state ?? 'gone'}; only ${rule.from.join(
          ' or ',
        )} exceptions can be ${rule.to}`,
      );
    }
    await reevaluate(existing.entityRef);
    res.json(updated);
  });

  router.get('/audit', async (req, res) => {
    await authorizeRead(req, itsecAuditReadPermission);
    const query = req.query as Record<string, unknown>;
    const offset = intParam(
      query.offset,
      'offset',
      0,
      0,
      Number.MAX_SAFE_INTEGER,
    );
    const limit = intParam(query.limit, 'limit', 50, 1, 1000);
    const page = await store.listAudit({
      ...(typeof query.entityRef === 'string'
        ? { entityRef: entityRefFromBody(query.entityRef, 'entityRef') }
        : {}),
      ...(typeof query.actor === 'string' ? { actor: query.actor } : {}),
      ...(typeof query.action === 'string' ? { action: query.action } : {}),
      ...(query.outcome === 'allowed' || query.outcome === 'denied'
        ? { outcome: query.outcome }
        : {}),
      offset,
      limit,
    });
    res.json({ total: page.total, offset, limit, items: page.items });
  });

  return router;
}
