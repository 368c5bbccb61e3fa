import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ExceptionRecord,
  isoDay,
  itsecExceptionApprovePermission,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import { itsecEntityResourceRef } from '@internal/plugin-itsec-node';
import type { ItsecHandler } from '../../schema/types';
import {
  listMyScorecards,
  listMyTasks,
  MyIdentity,
  MyWorkSources,
} from '../myWork';
import type { StoredResultWithProfile } from '../../database/types';
import { MyWorkIndex } from '../myWorkIndex';
import { parseMyTasksQuery } from '../request/parseMyTasksQuery';
import type { HandlerContext } from './context';

/**
 * The catalog's own read permission (`catalog.entity.read`, as
 * @backstage/plugin-catalog-common defines it): "my" views list only
 * entities the caller may see in the catalog.
 */
const catalogEntityReadPermission = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * `GET /me/scorecards` and `GET /me/tasks`: the signed-in user's entities and
 * what they have to do, from the stored results, the requested exceptions
 * and the permission policy (only entities the caller may see; only the
 * exceptions the policy lets them decide). The work itself is in
 * `../myWork`, so other callers (an MCP action) can reuse it with their own
 * sources.
 */
export function meHandlers(ctx: HandlerContext) {
  const { store, evaluator, policy, clock, httpAuth, permissions, userInfo } =
    ctx;
  const isAuthorized = createConditionAuthorizer(
    ctx.permissionsRegistry.getPermissionRuleset(itsecEntityResourceRef),
  );
  // Who owns or holds a role on what: a request reads only the caller's profiles.
  const myWorkIndex = new MyWorkIndex(store);
  // Built ahead of the first request, and again after each full evaluation.
  const warm = (evaluated?: readonly StoredResultWithProfile[]) => {
    myWorkIndex
      .warm(evaluated)
      .catch(error =>
        ctx.logger.warn(
          `itsec: building the /me index failed; the next request retries: ${error}`,
        ),
      );
  };
  warm();
  evaluator.onFullEvaluation(results => warm(results));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function caller(req: any): Promise<{
    me: MyIdentity;
    credentials: BackstageCredentials;
  }> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [{ permission: itsecPortfolioReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${itsecPortfolioReadPermission.name}`,
      );
    }
    const info = await userInfo.getUserInfo(credentials);
    return {
      me: {
        userEntityRef: info.userEntityRef,
        ownershipEntityRefs: info.ownershipEntityRefs,
      },
      credentials,
    };
  }

  function sources(
    credentials: BackstageCredentials,
    me: MyIdentity,
    dueSoonWindow: string,
  ): MyWorkSources {
    return {
      policy,
      dueSoonWindow,
      asOf: isoDay(clock.now()),
      async results() {
        return store.getResultsWithProfile(await myWorkIndex.entityRefsOf(me));
      },
      titles: refs => myWorkIndex.titles(refs),
      async visible(refs) {
        if (refs.length === 0) return new Set();
        const decisions = await permissions.authorize(
          refs.map(resourceRef => ({
            permission: catalogEntityReadPermission,
            resourceRef,
          })),
          { credentials },
        );
        return new Set(
          refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
        );
      },
      requestedExceptions: () => store.listExceptions({ state: 'requested' }),
      async mayDecide(exceptions: ExceptionRecord[]) {
        const refs = [...new Set(exceptions.map(e => e.entityRef))];
        const resources = await evaluator.loadResources(refs);
        const [decision] = await permissions.authorizeConditional(
          [{ permission: itsecExceptionApprovePermission }],
          { credentials },
        );
        const owners = new Set(
          me.ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US')),
        );
        const allowed = new Set<string>();
        refs.forEach((ref, i) => {
          const resource = resources[i];
          if (!resource) return;
          // A member of the owner group never approves (as the decision route).
          if (resource.owner && owners.has(resource.owner)) return;
          const ok =
            decision.result === AuthorizeResult.CONDITIONAL
              ? isAuthorized(decision, resource)
              : decision.result === AuthorizeResult.ALLOW;
          if (ok) allowed.add(ref);
        });
        return new Set(
          exceptions.filter(e => allowed.has(e.entityRef)).map(e => e.id),
        );
      },
    };
  }

  const getMyScorecards: ItsecHandler<'/me/scorecards', 'get'> = async (
    req,
    res,
  ) => {
    const { me, credentials } = await caller(req);
    const items = await listMyScorecards(
      sources(credentials, me, ctx.dueSoonWindow),
      me,
    );
    res.json({ items });
  };

  const getMyTasks: ItsecHandler<'/me/tasks', 'get'> = async (req, res) => {
    const query = parseMyTasksQuery(req.query);
    const { me, credentials } = await caller(req);
    const dueSoonWindow = query.dueWithin ?? ctx.dueSoonWindow;
    const src = sources(credentials, me, dueSoonWindow);
    const items = await listMyTasks(src, me);
    res.json({ asOf: src.asOf, dueSoonWindow, items });
  };

  return { getMyScorecards, getMyTasks };
}
