import { addDuration, fromDayNumber, toDayNumber } from '../../dates';
import type { PolicyCatalogue, PolicyStatement } from '../../policy/types';
import { Attestation, RoleHolder, ROLE_IDS } from '../../profile/types';
import { ROLE_ANNOTATIONS } from './roles';
import {
  declaredNote,
  dueState,
  ev,
  FUTURE,
  gap,
  result,
  src,
  validityFor,
} from '../context';
import type { EvidenceItem } from '../types';
import { defineCheck, reasonArrays } from './types';
import { annotationSpec } from '../../annotations/annotationSpec';

/** Acknowledgements signed outside the portal. */
export const ROLE_ACKNOWLEDGEMENT_ANNOTATIONS = Object.freeze({
  'role-acknowledgements': annotationSpec({
    key: 'role-acknowledgements',
    format: 'dated-users',
    group: 'roles',
    requires: ['role-acknowledgements-evidence'],
    dateRole: 'event',
    description:
      'Role holders who signed an acknowledgement of their security role outside the portal, each with the date they signed.',
    example: 'thomas.green=2026-03-02, oliver.bennett=2026-02-16',
  }),
  'role-acknowledgements-evidence': annotationSpec({
    key: 'role-acknowledgements-evidence',
    format: 'url',
    group: 'roles',
    description:
      'Link to the signed acknowledgements (required with role-acknowledgements).',
    example: 'https://example.justice.gov.uk/cmc/role-acknowledgements',
  }),
});

/** The statement of the policy that names the role holders (the `roles` check). */
function rolesStatement(policy: PolicyCatalogue): string | undefined {
  return policy.statements.find(s => s.check === 'roles')?.id;
}

const acknowledge = (st: PolicyStatement) =>
  `Each role holder acknowledges their responsibilities every 12 months: signed in to the portal, with an attestation for ${st.id}; or on paper, listed with the date signed in role-acknowledgements (with role-acknowledgements-evidence)`;

const REASONS = {
  'roles-missing': {
    message: 'No security role holders are named, so none can acknowledge',
    annotation: ROLE_ANNOTATIONS['role-iao'].name,
    hint: (_st: PolicyStatement, policy: PolicyCatalogue) => {
      const roles = rolesStatement(policy);
      return `Name the security role holders first${
        roles ? ` (${roles})` : ''
      }, then have each acknowledge the role`;
    },
  },
  'role-not-acknowledged': {
    message: 'A role holder has not acknowledged their role',
    attestation: true,
    annotation: ROLE_ACKNOWLEDGEMENT_ANNOTATIONS['role-acknowledgements'].name,
    hint: acknowledge,
  },
  'role-acknowledgement-expired': {
    message: 'A role holder\u2019s acknowledgement is out of date',
    attestation: true,
    annotation: ROLE_ACKNOWLEDGEMENT_ANNOTATIONS['role-acknowledgements'].name,
    hint: acknowledge,
  },
  'role-acknowledgement-due-soon': {
    message: 'An acknowledgement falls due within the window',
    attestation: true,
    annotation: ROLE_ACKNOWLEDGEMENT_ANNOTATIONS['role-acknowledgements'].name,
    hint: acknowledge,
  },
  'roles-acknowledged': {
    message: 'Every role holder acknowledged their role',
  },
};
const R = reasonArrays(REASONS);

/** Organisation-wide roles are acknowledged once, not per system. */
const ORG_WIDE_ROLES: ReadonlySet<string> = new Set(['moj-siro', 'itso']);
const ROLE_INDEXES_FOR_ACK = ROLE_IDS.map((r, i) =>
  ORG_WIDE_ROLES.has(r) ? -1 : i,
).filter(i => i >= 0);

/**
 * Every holder of a system role acknowledges it themselves: in the portal
 * (an attestation by that person) or on paper (role-acknowledgements).
 */
export const roleAcknowledgementCheck = defineCheck({
  id: 'role-acknowledgement',
  kind: 'attestation',
  description:
    'Every holder of a system security role has acknowledged it, in date',
  annotations: Object.values(ROLE_ACKNOWLEDGEMENT_ANNOTATIONS),
  profileFields: ['roles', 'attestations'],
  reasons: REASONS,
  futureDated: {
    annotation: ROLE_ACKNOWLEDGEMENT_ANNOTATIONS['role-acknowledgements'].name,
  },
  notify: ROLE_IDS.filter(r => !ORG_WIDE_ROLES.has(r)),
  acknowledgesRoles: true,
  run(ctx, cs) {
    const holders: RoleHolder[] = [];
    for (let i = 0; i < ROLE_INDEXES_FOR_ACK.length; i++) {
      const list = ctx.roleLists[ROLE_INDEXES_FOR_ACK[i]];
      if (!list) continue;
      for (let j = 0; j < list.length; j++) {
        const h = list[j];
        if (!h || !h.ref) continue;
        let dup = false;
        for (let k = 0; k < holders.length; k++)
          if (holders[k].ref === h.ref) dup = true;
        if (!dup) holders.push(h);
      }
    }
    if (holders.length === 0) {
      const roles = rolesStatement(ctx.cp.policy);
      return gap(
        ctx,
        cs,
        R['roles-missing'],
        `No security role holders are named${roles ? ` (see ${roles})` : ''}`,
      );
    }
    const validity = validityFor(ctx, cs);
    const list = ctx.attestations;
    let notAck: string[] | undefined;
    let expired: string[] | undefined;
    let future: string[] | undefined;
    let minDue = Infinity;
    const evidence: EvidenceItem[] = [];
    for (let h = 0; h < holders.length; h++) {
      const ref = holders[h].ref;
      let bestDue = -Infinity;
      let best: Attestation | undefined;
      let futureHere = false;
      for (let i = ctx.attHead[cs.index]; i !== -1; i = ctx.attNext[i]) {
        const a = list[i];
        if (a.attestedBy !== ref) continue;
        const on = toDayNumber(a.attestedOn);
        if (Number.isNaN(on)) continue;
        if (on > ctx.asOf) {
          (future ??= []).push(`by ${ref} dated ${a.attestedOn}`);
          futureHere = true;
          continue;
        }
        let due = validity ? addDuration(on, validity) : Infinity;
        const vu = a.validUntil ? toDayNumber(a.validUntil) : NaN;
        if (!Number.isNaN(vu) && vu < due) due = vu;
        if (best === undefined || due > bestDue) {
          best = a;
          bestDue = due;
        }
      }
      if (!best) {
        if (!futureHere) (notAck ??= []).push(ref);
        continue;
      }
      evidence.push(
        ev(
          'attestation',
          `Acknowledged by ${ref}${declaredNote(best)}`,
          best.attestedOn,
          best.evidenceLink,
          src(best),
        ),
      );
      if (bestDue < ctx.asOf) (expired ??= []).push(ref);
      if (bestDue < minDue) minDue = bestDue;
    }
    if (notAck || expired || future) {
      const reasons: string[] = [];
      const parts: string[] = [];
      if (future) {
        reasons.push(FUTURE[0]);
        parts.push(
          `Acknowledgement ${future.join(
            ', ',
          )} is in the future (evaluated on ${
            ctx.asOfText
          }): not evidence until it has happened`,
        );
      }
      if (notAck) {
        reasons.push(R['role-not-acknowledged'][0]);
        parts.push(`Not acknowledged by ${notAck.join(', ')}`);
      }
      if (expired) {
        reasons.push(R['role-acknowledgement-expired'][0]);
        parts.push(
          `acknowledgement over ${
            validity ? validity.human : 'its validity'
          } old for ${expired.join(', ')}`,
        );
      }
      return gap(ctx, cs, reasons, parts.join('; '), evidence, minDue);
    }
    const n = holders.length;
    const who = `${n} role holder${n === 1 ? '' : 's'}`;
    if (minDue === Infinity) {
      return result(
        ctx,
        cs,
        'met',
        R['roles-acknowledged'],
        `All ${who} acknowledged their roles`,
        evidence,
        NaN,
      );
    }
    const s = dueState(ctx, minDue);
    return result(
      ctx,
      cs,
      s === 1 ? 'due-soon' : 'met',
      s === 1 ? R['role-acknowledgement-due-soon'] : R['roles-acknowledged'],
      s === 1
        ? `All ${who} acknowledged their roles; earliest renewal due ${fromDayNumber(
            minDue,
          )}`
        : `All ${who} acknowledged their roles; next renewal due ${fromDayNumber(
            minDue,
          )}`,
      evidence,
      minDue,
    );
  },
});
