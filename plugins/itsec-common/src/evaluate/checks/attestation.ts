import { addDuration, fromDayNumber, toDayNumber } from '../../dates';
import type { PolicyStatement } from '../../policy/types';
import type { Attestation } from '../../profile/types';
import { missingRoles, roleNames, roleReasons } from '../applies';
import {
  byState,
  declaredNote,
  dueState,
  ev,
  futureGap,
  gap,
  NO_EVIDENCE,
  result,
  src,
  STATE_STATUS,
  validityFor,
} from '../context';
import { withGaps } from '../datedRecords';
import type { StatementResult } from '../types';
import { defineCheck, reasonArrays } from './types';

const attest = (st: PolicyStatement) =>
  `Record an attestation for ${st.id} with an evidence link: ${
    st.evidence ?? st.title
  }`;

const REASONS = {
  'attestation-missing': {
    message: 'No attestation recorded',
    hint: attest,
    attestation: true,
  },
  'attestation-evidence-missing': {
    message: 'The attestation has no evidence link',
    hint: attest,
    attestation: true,
  },
  'attestation-expired': {
    message: 'The latest attestation is out of date',
    hint: attest,
    attestation: true,
  },
  'attestation-due-soon': {
    message: 'The latest attestation falls due within the window',
    hint: attest,
    attestation: true,
  },
  'attestation-in-date': { message: 'An attestation is in date' },
};
const R = reasonArrays(REASONS);

/**
 * A person attests, with an evidence link, that the statement is met; the
 * attestation stays valid for the statement's validity (or its own
 * `validUntil`, if sooner). Required roles must also be held.
 */
export const attestationCheck = defineCheck({
  id: 'attestation',
  kind: 'attestation',
  description:
    'An in-date attestation with an evidence link (and the statement\u2019s required roles named)',
  annotations: [],
  profileFields: ['attestations', 'roles'],
  reasons: REASONS,
  notify: st =>
    st.requiredRoles?.length ? st.requiredRoles.map(r => r.role) : undefined,
  run(ctx, cs) {
    const list = ctx.attestations;
    const validity = validityFor(ctx, cs);
    let best: Attestation | undefined;
    let bestDue = -Infinity;
    let capped = false;
    let noLink: Attestation | undefined;
    let future: Attestation | undefined;
    const next = ctx.attNext;
    for (let i = ctx.attHead[cs.index]; i !== -1; i = next[i]) {
      const a = list[i];
      if (!a.evidenceLink) {
        noLink = a;
        continue;
      }
      const on = toDayNumber(a.attestedOn);
      if (Number.isNaN(on)) continue;
      if (on > ctx.asOf) {
        future = a;
        continue;
      }
      let due = validity ? addDuration(on, validity) : Infinity;
      let cap = false;
      if (a.validUntil) {
        const vu = toDayNumber(a.validUntil);
        if (!Number.isNaN(vu) && vu < due) {
          due = vu;
          cap = true;
        }
      }
      if (best === undefined || due > bestDue) {
        best = a;
        bestDue = due;
        capped = cap;
      }
    }
    if (future) {
      return futureGap(
        ctx,
        cs,
        `Attestation by ${future.attestedBy}${declaredNote(future)} dated`,
        future.attestedOn,
        NO_EVIDENCE,
      );
    }
    const missing = cs.requiredRoles.length ? missingRoles(ctx, cs) : undefined;
    if (!best) {
      let reasons: readonly string[] = noLink
        ? R['attestation-evidence-missing']
        : R['attestation-missing'];
      let message = noLink
        ? `Attestation by ${noLink.attestedBy} on ${noLink.attestedOn} has no evidence link`
        : 'No attestation recorded';
      if (missing) {
        reasons = [...reasons, ...roleReasons(missing)];
        message += `; no named ${roleNames(missing)}`;
      }
      return gap(ctx, cs, reasons, message);
    }
    const evidence = [
      ev(
        'attestation',
        `Attestation by ${best.attestedBy}${declaredNote(best)}`,
        best.attestedOn,
        best.evidenceLink,
        src(best),
      ),
    ];
    let res: StatementResult;
    if (bestDue === Infinity) {
      res = result(
        ctx,
        cs,
        'met',
        R['attestation-in-date'],
        `Attested by ${best.attestedBy} on ${best.attestedOn}`,
        evidence,
        NaN,
      );
    } else {
      const s = dueState(ctx, bestDue);
      let message: string;
      if (s === 2) {
        message =
          capped || !validity
            ? `Attested by ${best.attestedBy} on ${best.attestedOn}: valid until ${best.validUntil}, now expired`
            : `Attested by ${best.attestedBy} on ${best.attestedOn}: over ${validity.human} ago`;
      } else if (s === 1) {
        message = `Attested by ${best.attestedBy} on ${
          best.attestedOn
        }: due again by ${fromDayNumber(bestDue)}`;
      } else {
        message = `Attested by ${best.attestedBy} on ${
          best.attestedOn
        }: next due ${fromDayNumber(bestDue)}`;
      }
      res = result(
        ctx,
        cs,
        STATE_STATUS[s],
        byState<readonly string[]>(
          s,
          R['attestation-in-date'],
          R['attestation-due-soon'],
          R['attestation-expired'],
        ),
        message,
        evidence,
        bestDue,
      );
    }
    if (missing) {
      return withGaps(
        ctx,
        cs,
        res,
        roleReasons(missing),
        `No named ${roleNames(missing)}`,
        bestDue,
      );
    }
    return res;
  },
});
