import { InputError } from '@backstage/errors';
import {
  AttestationRecord,
  acknowledgesRoles,
  addDurationToDate,
  isIsoDate,
  isPlaceholderLink,
  isoDay,
  itsecAttestationCreatePermission,
  itsecPortfolioReadPermission,
  itsecRoleAcknowledgePermission,
} from '@internal/plugin-itsec-common';
import { randomUUID } from 'node:crypto';
import type { ItsecHandler } from '../../schema/types';
import { parseEntityRefField } from '../request/parseEntityRef';
import { parseAttestationQuery } from '../request/parseRecordQueries';
import type { HandlerContext } from './context';
import { idempotentWrites, replay } from './idempotency';

/** Listing and recording attestations (role acknowledgements among them). */
export function attestationHandlers(ctx: HandlerContext) {
  const { store, clock, statements } = ctx;
  const idempotency = idempotentWrites(store, clock);

  const listAttestations: ItsecHandler<'/attestations', 'get'> = async (
    req,
    res,
  ) => {
    await ctx.authorizeRead(req, itsecPortfolioReadPermission);
    const items = await store.listAttestations(
      parseAttestationQuery(req.query),
    );
    res.json({ items });
  };

  const createAttestation: ItsecHandler<'/attestations', 'post'> = async (
    req,
    res,
  ) => {
    const body = req.body;
    const entityRef = parseEntityRefField(body.entityRef, 'entityRef');
    const statement = statements.get(body.statementId);
    // A role acknowledgement counts only from the role holder, so only holders may make one.
    const acknowledgesRole = !!statement && acknowledgesRoles(statement);
    const action = acknowledgesRole ? 'role.acknowledge' : 'attestation.create';
    const { actor, credentials } = await ctx.writer(req, {
      action,
      entityRef,
      attempted: body,
    });
    const key = await idempotency.check(req, actor, 'attestation.create');
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
    if (isPlaceholderLink(body.evidenceLink)) {
      throw new InputError(
        `evidenceLink: '${body.evidenceLink}' is a placeholder, not a link to the evidence`,
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
    const resource = await ctx.loadResource(entityRef);
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
    await ctx.authorizeWrite(
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
    const created = await idempotency.createOnce(
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
      .json({ ...record, ...(await ctx.reevaluateAfterWrite(entityRef)) });
  };

  return { listAttestations, createAttestation };
}
