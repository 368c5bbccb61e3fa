import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ExceptionRecord,
  ExceptionState,
  addDurationToDate,
  approvingSiro,
  isIsoDate,
  isoDay,
  itsecExceptionApprovePermission,
  itsecExceptionRequestPermission,
  itsecExceptionRevokePermission,
  itsecPortfolioReadPermission,
} from '@internal/plugin-itsec-common';
import { randomUUID } from 'node:crypto';
import type { ItsecHandler } from '../../schema/types';
import { parseEntityRefField } from '../request/parseEntityRef';
import { parseExceptionQuery } from '../request/parseRecordQueries';
import type { HandlerContext, WriteAttempt } from './context';
import { idempotentWrites, replay } from './idempotency';

/** Who may decide what, from which state to which. */
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

function lower(v: string): string {
  return v.toLocaleLowerCase('en-US');
}

/** Listing, requesting and deciding exceptions. */
export function exceptionHandlers(ctx: HandlerContext) {
  const { store, clock, statements, maxDuration, userInfo } = ctx;
  const idempotency = idempotentWrites(store, clock);

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

  const listExceptions: ItsecHandler<'/exceptions', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const items = await store.listExceptions(parseExceptionQuery(req.query));
    res.json({ items });
  };

  const requestException: ItsecHandler<'/exceptions', 'post'> = async (
    req,
    res,
  ) => {
    const body = req.body;
    const entityRef = parseEntityRefField(body.entityRef, 'entityRef');
    const { actor, credentials } = await ctx.writer(req, {
      action: 'exception.request',
      entityRef,
      attempted: body,
    });
    const key = await idempotency.check(req, actor, 'exception.request');
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
    const resource = await ctx.loadResource(entityRef);
    await ctx.authorizeWrite(
      credentials,
      itsecExceptionRequestPermission,
      resource,
      {
        action: 'exception.request',
        entityRef,
        attempted: { ...body, entityRef },
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
    const created = await idempotency.createOnce(
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
  };

  const decideException: ItsecHandler<
    '/exceptions/{id}/{decision}',
    'post'
  > = async (req, res) => {
    const { id, decision } = req.params;
    const rule = DECISIONS[decision];
    const comment = req.body?.comment;
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
    const { actor, credentials } = await ctx.writer(req, attempt);
    // Separation of duties, whatever the permission policy says.
    if (actor === lower(existing.requestedBy)) {
      await ctx.deny(
        actor,
        attempt,
        `${actor} requested exception ${id} and may not ${decision} it: someone else decides`,
      );
    }
    const resource = await ctx.loadResource(existing.entityRef);
    // Only a Domain names the approving SIRO; with none, nobody decides.
    if (
      decision !== 'revoke' &&
      approvingSiro(resource.lineage).holders.length === 0
    ) {
      await ctx.deny(
        actor,
        attempt,
        `No business-group SIRO (role-business-siro) is declared on the Domain of ${resource.entityRef}, so nobody may ${decision} its exceptions until its Domain names one`,
      );
    }
    if (decision === 'approve' && resource.owner) {
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      if (ownershipEntityRefs.map(lower).includes(resource.owner)) {
        await ctx.deny(
          actor,
          attempt,
          `${actor} is a member of ${resource.owner}, which owns ${resource.entityRef}, and may not approve its exceptions`,
        );
      }
    }
    await ctx.authorizeWrite(credentials, rule.permission, resource, attempt);
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
      ...(await ctx.reevaluateAfterWrite(existing.entityRef)),
    });
  };

  return { listExceptions, requestException, decideException };
}
