import {
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ITSEC_ENTITY_RESOURCE_TYPE,
  IsoDuration,
  PolicyCatalogue,
  PolicyStatement,
  Scorecard,
  evaluate,
  parseIsoDuration,
} from '@internal/plugin-itsec-common';
import {
  ItsecClock,
  ItsecEntityResource,
  itsecEntityResourceRef,
} from '@internal/plugin-itsec-node';
import type { Request } from 'express';

// As HttpAuthService takes it: a request of any route.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequest = Request<any, any, any, any, any>;
import type { ItsecStore } from '../../database/types';
import type { ItsecEvaluator } from '../ItsecEvaluator';
import type { PortfolioIndex } from '../PortfolioIndex';

/** What the router is made from (the plugin's services and settings). */
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

/** A write someone tried: what the audit entry of a denial records. */
export interface WriteAttempt {
  action: string;
  entityRef: string;
  subjectId?: string;
  before?: unknown;
  attempted?: unknown;
}

/** What every handler shares: the services, and the access and read helpers built on them. */
export type HandlerContext = ReturnType<typeof createHandlerContext>;

function lower(v: string): string {
  return v.toLocaleLowerCase('en-US');
}

function maxString(a: string, b?: string): string {
  return b && b > a ? b : a;
}

/** Who made a request, as the audit log names them. */
export function actorOf(credentials: BackstageCredentials): string {
  const p = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (p.type === 'user' && p.userEntityRef) return lower(p.userEntityRef);
  if (p.type === 'service' && p.subject) return p.subject;
  return p.type;
}

/** Checks the settings and builds the helpers the handlers share. */
export function createHandlerContext(options: RouterOptions) {
  const { store, evaluator, index, policy, dueSoonWindow, clock } = options;
  const { httpAuth, permissions, logger } = options;
  const parsed = parseIsoDuration(options.exceptionMaxDuration);
  if (!parsed) {
    throw new Error(
      `itsec.exceptions.maxDuration: '${options.exceptionMaxDuration}' is not an ISO 8601 duration`,
    );
  }
  const maxDuration: IsoDuration = parsed;
  const statements = new Map<string, PolicyStatement>(
    policy.statements.map(s => [s.id, s]),
  );
  const isAuthorized = createConditionAuthorizer(
    options.permissionsRegistry.getPermissionRuleset(itsecEntityResourceRef),
  );

  /** The caller, if the permission policy lets them read. */
  async function authorizeRead(req: AnyRequest, permission: BasicPermission) {
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
    req: AnyRequest,
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
      { credentials },
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

  /** The last full run: results are at least as fresh as it. */
  async function runFloor(): Promise<{ asOf?: string; evaluatedAt?: string }> {
    const run = await store.getLastRun();
    return { asOf: run?.asOf, evaluatedAt: run?.startedAt };
  }

  /** An entity's stored result, evaluated as of today's run. */
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

  /** Re-evaluates an entity and what inherits from it. */
  async function reevaluate(entityRef: string): Promise<void> {
    const descendants = await index.descendantsOf(entityRef);
    await evaluator.refresh([entityRef], descendants);
    index.invalidate();
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

  return {
    ...options,
    maxDuration,
    statements,
    statementIds: new Set(statements.keys()) as ReadonlySet<string>,
    authorizeRead,
    loadResource,
    deny,
    writer,
    authorizeWrite,
    runFloor,
    maxString,
    scorecardOf,
    reevaluate,
    reevaluateAfterWrite,
  };
}
