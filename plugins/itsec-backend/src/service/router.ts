import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
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
  acknowledgesRoles,
  addDurationToDate,
  evaluate,
  isIsoDate,
  parseIsoDuration,
  itsecAttestationCreatePermission,
  itsecRoleAcknowledgePermission,
  itsecAuditReadPermission,
  itsecEntityRefreshPermission,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecExceptionRevokePermission,
  itsecPortfolioReadPermission,
  isoDay,
} from '@internal/plugin-itsec-common';
import {
  ItsecClock,
  ItsecEntityResource,
  itsecEntityResourceRef,
} from '@internal/plugin-itsec-node';
import express from 'express';
import { createHash, randomUUID } from 'node:crypto';
import {
  IdempotentResponse,
  ItsecStore,
  StoredResult,
} from '../database/types';
import { spec } from '../schema/openapi.generated';
import {
  oscalAssessmentPlan,
  mapLazily,
  oscalAssessmentResults,
  oscalCatalog,
  portfolioCsv,
  portfolioJson,
  sendExport,
} from './exports';
import { ItsecEvaluator } from './ItsecEvaluator';
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
  userInfo: UserInfoService;
  /** `itsec.exceptions.maxDuration`: the longest an exception may run. */
  exceptionMaxDuration: string;
}

const DECISIONS = {
  approve: {
    from: ['requested'] as ExceptionState[],
    to: 'approved' as const,
    permission: itsecExceptionApprovePermission,
  },
  reject: {
    from: ['requested'] as ExceptionState[],
    to: 'rejected' as const,
    permission: itsecExceptionApprovePermission,
  },
  revoke: {
    from: ['approved'] as ExceptionState[],
    to: 'revoked' as const,
    permission: itsecExceptionRevokePermission,
  },
};

/** Visible ASCII, as the Idempotency-Key header draft asks. */
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;

/** JSON with sorted keys: the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

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
    logger,
    userInfo,
    exceptionMaxDuration,
  } = options;
  const parsedMaxDuration = parseIsoDuration(exceptionMaxDuration);
  if (!parsedMaxDuration) {
    throw new Error(
      `itsec.exceptions.maxDuration: '${exceptionMaxDuration}' is not an ISO 8601 duration`,
    );
  }
  const maxDuration = parsedMaxDuration;
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

  interface WriteAttempt {
    action: string;
    entityRef: string;
    subjectId?: string;
    before?: unknown;
    attempted?: unknown;
  }

  /** Audits a denied write (repeats coalesced) and throws it as a 403. */
  async function deny(
    actor: string,
    attempt: WriteAttempt,
    message: string,
  ): Promise<never> {
    await store.recordDenial({
      at: clock.now().toISOString(),
      actor,
      action: attempt.action,
      outcome: 'denied',
      entityRef: attempt.entityRef,
      ...(attempt.subjectId ? { subjectId: attempt.subjectId } : {}),
      ...(attempt.before !== undefined ? { before: attempt.before } : {}),
      ...(attempt.attempted !== undefined ? { after: attempt.attempted } : {}),
    });
    throw new NotAllowedError(message);
  }

  /**
   * The signed-in person a write is made for. Writes record who attested or
   * decided, so service credentials (which the permission framework allows
   * everything) may not make them: a 403, audited.
   */
  async function writer(
    req: express.Request,
    attempt: WriteAttempt,
  ): Promise<{ actor: string; credentials: BackstageCredentials }> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const actor = actorOf(credentials);
    if (credentials.principal.type !== 'user') {
      await deny(
        actor,
        attempt,
        `${attempt.action} is made on behalf of a person: sign in as a user (service credentials may only read)`,
      );
    }
    return { actor, credentials };
  }

  /**
   * Decides an entity-scoped write. A denial is audited (with what was
   * attempted) and thrown as 403 before anything is written.
   */
  async function authorizeWrite(
    credentials: BackstageCredentials,
    permission: ResourcePermission<typeof ITSEC_ENTITY_RESOURCE_TYPE>,
    resource: ItsecEntityResource,
    attempt: WriteAttempt,
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
      await deny(
        actor,
        attempt,
        `${actor} may not ${attempt.action} for ${resource.entityRef}`,
      );
    }
    return actor;
  }

  /**
   * The stored response of an earlier request with this Idempotency-Key, to
   * send again; a key reused for another request is a 409.
   */
  async function idempotency(
    req: express.Request,
    actor: string,
    operation: string,
  ): Promise<
    | { replay: IdempotentResponse }
    | { key: string; requestHash: string }
    | undefined
  > {
    const key = req.header('Idempotency-Key');
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY_RE.test(key)) {
      throw new InputError(
        'Idempotency-Key: must be 1 to 255 visible ASCII characters, e.g. a UUID',
      );
    }
    const requestHash = createHash('sha256')
      .update(`${operation}\n${canonicalJson(req.body)}`)
      .digest('hex');
    const stored = await store.getIdempotentResponse(actor, key);
    if (!stored) return { key, requestHash };
    if (stored.operation !== operation || stored.requestHash !== requestHash) {
      throw new ConflictError(
        `Idempotency-Key: '${key}' was already used for a different request; use a new key for a new request`,
      );
    }
    return { replay: stored };
  }

  function replay(res: express.Response, stored: IdempotentResponse) {
    res.setHeader('Idempotent-Replayed', 'true');
    res.status(stored.status).json(stored.body);
  }

  /**
   * Creates a record under an optional Idempotency-Key. When a concurrent
   * request with the same key won, its response is sent instead.
   */
  async function createOnce<T>(
    res: express.Response,
    key: { key: string; requestHash: string } | undefined,
    actor: string,
    operation: string,
    record: T & { createdAt?: string; requestedAt?: string },
    create: (idem?: IdempotentResponse) => Promise<void>,
  ): Promise<boolean> {
    const idem: IdempotentResponse | undefined = key && {
      actor,
      key: key.key,
      operation,
      requestHash: key.requestHash,
      status: 201,
      body: record,
      createdAt: clock.now().toISOString(),
    };
    try {
      await create(idem);
      return true;
    } catch (error) {
      const winner = key && (await store.getIdempotentResponse(actor, key.key));
      if (!winner) throw error;
      if (winner.requestHash !== key.requestHash) {
        throw new ConflictError(
          `Idempotency-Key: '${key.key}' was already used for a different request; use a new key for a new request`,
        );
      }
      replay(res, winner);
      return false;
    }
  }

  /**
   * Re-evaluates after a committed write. A failure does not undo the write:
   * the answer says the scorecard will catch up at the next evaluation.
   */
  async function reevaluateAfterWrite(
    entityRef: string,
  ): Promise<{ scorecardPending?: true }> {
    try {
      await reevaluate(entityRef);
      return {};
    } catch (error) {
      logger.warn(
        `itsec: ${entityRef} was written but not re-evaluated; the next evaluation includes it: ${error}`,
      );
      return { scorecardPending: true };
    }
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

  /** Rows of the filtered portfolio, built lazily as an export writes them. */
  async function exportRows(filter: NormalisedFilter) {
    const rows: StoredResult[] = await index.all(filter);
    const floor = await runFloor();
    return {
      total: rows.length,
      rows: mapLazily(rows, r => index.toPortfolioRow(r, floor.evaluatedAt)),
    };
  }

  async function assessmentResults(filter: NormalisedFilter) {
    const { rows } = await exportRows(filter);
    const floor = await runFloor();
    const base = await discovery.getExternalBaseUrl('itsec');
    return oscalAssessmentResults({
      policy,
      rows,
      evaluationsOf: async batch => {
        const stored = await store.getResultsWithProfile(
          batch.map(r => r.entityRef),
        );
        const byRef = new Map(stored.map(s => [s.entityRef, s]));
        return batch.flatMap(row => {
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
      },
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
    const entityRef = entityRefFromPath(req.params);
    const attempt = { action: 'entity.refresh', entityRef };
    const { credentials } = await writer(req, attempt);
    const resource = await loadResource(entityRef);
    const actor = await authorizeWrite(
      credentials,
      itsecEntityRefreshPermission,
      resource,
      attempt,
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
      const { rows } = await exportRows(filter);
      await sendExport(res, portfolioCsv(rows, policy));
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    if (format === 'json') {
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="itsec-portfolio-${day}.json"`,
      );
      const { rows, total } = await exportRows(filter);
      await sendExport(
        res,
        portfolioJson({
          rows,
          total,
          policy,
          generatedAt: clock.now().toISOString(),
        }),
      );
      return;
    }
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="itsec-assessment-results-${day}.json"`,
    );
    await sendExport(res, await assessmentResults(filter));
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
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    await sendExport(res, await assessmentResults(parseFilter(req.query)));
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
    const body = req.body as {
      entityRef: string;
      statementId: string;
      evidenceLink: string;
      statement: string;
      validUntil?: string;
    };
    const entityRef = entityRefFromBody(body.entityRef, 'entityRef');
    const statement = statements.get(body.statementId);
    // A role acknowledgement counts only from the role holder, so only holders may make one.
    const acknowledgesRole = !!statement && acknowledgesRoles(statement);
    const action = acknowledgesRole ? 'role.acknowledge' : 'attestation.create';
    const { actor, credentials } = await writer(req, {
      action,
      entityRef,
      attempted: body,
    });
    const key = await idempotency(req, actor, 'attestation.create');
    if (key && 'replay' in key) {
      replay(res, key.replay);
      return;
    }
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
    if (body.validUntil !== undefined && !isIsoDate(body.validUntil)) {
      throw new InputError(
        `validUntil: '${body.validUntil}' is not a calendar date (YYYY-MM-DD)`,
      );
    }
    if (body.validUntil !== undefined && body.validUntil < today) {
      throw new InputError('validUntil: must not be in the past');
    }
    const resource = await loadResource(entityRef);
    // The policy's validity period, shorter under the OFFICIAL-SENSITIVE caveat.
    const validity =
      (resource.profile.sensitive && statement.validityWhenSensitive) ||
      statement.validity ||
      'P12M';
    const latest = addDurationToDate(today, validity);
    const validUntil = body.validUntil ?? latest;
    if (validUntil > latest) {
      throw new InputError(
        `validUntil: at most ${validity} after today for ${statement.id}${
          validity === statement.validity ? '' : ' (OFFICIAL-SENSITIVE)'
        } (its validity period in the policy catalogue), i.e. ${latest} or earlier`,
      );
    }
    const attempted = { ...body, entityRef, validUntil };
    await authorizeWrite(
      credentials,
      acknowledgesRole
        ? itsecRoleAcknowledgePermission
        : itsecAttestationCreatePermission,
      resource,
      { action, entityRef, attempted },
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
    const created = await createOnce(
      res,
      key,
      actor,
      'attestation.create',
      record,
      idem =>
        store.createAttestation(
          record,
          {
            at: now.toISOString(),
            actor,
            action: 'attestation.create',
            outcome: 'allowed',
            entityRef,
            subjectId: record.id,
            after: record,
          },
          idem,
        ),
    );
    if (!created) return;
    res
      .status(201)
      .json({ ...record, ...(await reevaluateAfterWrite(entityRef)) });
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

  /** `expiresOn` is a real date after today and within the maximum duration. */
  function checkExpiry(expiresOn: string, today: string) {
    if (!isIsoDate(expiresOn)) {
      throw new InputError(
        `expiresOn: '${expiresOn}' is not a calendar date (YYYY-MM-DD)`,
      );
    }
    if (expiresOn <= today)
      throw new InputError('expiresOn: must be after today');
    const latest = addDurationToDate(today, maxDuration);
    if (expiresOn > latest) {
      throw new InputError(
        `expiresOn: an exception runs at most ${maxDuration.text} (itsec.exceptions.maxDuration) from its decision, i.e. until ${latest}`,
      );
    }
  }

  router.post('/exceptions', async (req, res) => {
    const body = req.body as {
      entityRef: string;
      statementId: string;
      justification: string;
      compensatingControls: string;
      expiresOn: string;
    };
    const entityRef = entityRefFromBody(body.entityRef, 'entityRef');
    const { actor, credentials } = await writer(req, {
      action: 'exception.request',
      entityRef,
      attempted: body,
    });
    const key = await idempotency(req, actor, 'exception.request');
    if (key && 'replay' in key) {
      replay(res, key.replay);
      return;
    }
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
    checkExpiry(body.expiresOn, isoDay(now));
    const resource = await loadResource(entityRef);
    const attempted = { ...body, entityRef };
    await authorizeWrite(
      credentials,
      itsecExceptionRequestPermission,
      resource,
      {
        action: 'exception.request',
        entityRef,
        attempted,
      },
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
    const created = await createOnce(
      res,
      key,
      actor,
      'exception.request',
      record,
      idem =>
        store.createException(
          record,
          {
            at: now.toISOString(),
            actor,
            action: 'exception.request',
            outcome: 'allowed',
            entityRef,
            subjectId: record.id,
            after: record,
          },
          idem,
        ),
    );
    if (created) res.status(201).json(record);
  });

  router.post('/exceptions/:id/:decision', async (req, res) => {
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
    const action = `exception.${decision}`;
    const attempt: WriteAttempt = {
      action,
      entityRef: existing.entityRef,
      subjectId: id,
      before: existing,
      attempted: {
        state: rule.to,
        ...(comment ? { decisionComment: comment } : {}),
      },
    };
    const { actor, credentials } = await writer(req, attempt);
    // Separation of duties, whatever the permission policy says.
    if (actor === lower(existing.requestedBy)) {
      await deny(
        actor,
        attempt,
        `${actor} requested exception ${id} and may not ${decision} it: someone else decides`,
      );
    }
    const resource = await loadResource(existing.entityRef);
    if (decision === 'approve' && resource.owner) {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      if (ownershipEntityRefs.map(lower).includes(resource.owner)) {
        await deny(
          actor,
          attempt,
          `${actor} is a member of ${resource.owner}, which owns ${resource.entityRef}, and may not approve its exceptions`,
        );
      }
    }
    await authorizeWrite(credentials, rule.permission, resource, attempt);
    const now = clock.now();
    if (decision === 'approve') {
      if (existing.expiresOn < isoDay(now)) {
        throw new ConflictError(
          `Exception ${id} expired on ${existing.expiresOn}`,
        );
      }
      // The limit holds from the decision too (it may have been lowered since the request).
      const latest = addDurationToDate(isoDay(now), maxDuration);
      if (existing.expiresOn > latest) {
        throw new InputError(
          `expiresOn: ${existing.expiresOn} is beyond the ${maxDuration.text} an exception may run (itsec.exceptions.maxDuration), i.e. after ${latest}; reject it and ask for a shorter one`,
        );
      }
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
    res.json({
      ...updated,
      ...(await reevaluateAfterWrite(existing.entityRef)),
    });
  });

  router.get('/status', async (req, res) => {
    await authorizeRead(req, itsecPortfolioReadPermission);
    const status = await store.getRunStatus();
    res.json({
      ...(status.lastRun
        ? {
            lastSuccessfulRun: {
              startedAt: status.lastRun.startedAt,
              finishedAt: status.lastRun.finishedAt,
              asOf: status.lastRun.asOf,
              entities: status.lastRun.entities,
            },
          }
        : {}),
      ...(status.failing
        ? {
            failingSince: status.failing.since,
            lastFailureAt: status.failing.lastAt,
            failures: status.failing.failures,
          }
        : {}),
      stale: Boolean(status.failing),
      limits: { exceptionMaxDuration: maxDuration.text },
    });
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
