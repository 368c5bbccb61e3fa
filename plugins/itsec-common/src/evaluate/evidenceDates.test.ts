import type { Entity } from '@backstage/catalog-model';
import {
  annotationStatements,
  ITSEC_ANNOTATION_SPECS,
  entityToProfileWithProblems,
  parseItsecAnnotations,
} from '../annotations';
import {
  CODE_OF_CONNECTION_EVENT_DATE_FIELDS,
  indexCodesOfConnection,
} from '../codeOfConnection';
import { mojIctSecurityPolicy } from '../policy';
import { evaluate } from './evaluate';

/*
 * Evidence is something that happened: a date on which it happened that is
 * later than the evaluation date is reported, and the statement is a gap.
 * Table-driven over the annotation spec and the CodeOfConnection fields, so a
 * new date field cannot be forgotten.
 */

const P = 'itsec.justice.gov.uk/';
const AS_OF = '2026-06-01';
const FUTURE = '2026-06-02';
const DATE = /\d{4}-\d{2}-\d{2}/g;

/** A System that meets every record statement on AS_OF. */
const ANNOTATIONS: Record<string, string> = {
  [`${P}classification`]: 'OFFICIAL',
  [`${P}handles-personal-data`]: 'true',
  [`${P}has-external-connections`]: 'true',
  [`${P}role-business-siro`]: 'sarah.whitfield',
  [`${P}role-iao`]: 'thomas.green',
  [`${P}role-system-manager`]: 'oliver.bennett',
  [`${P}role-service-provider`]: 'oliver.bennett',
  [`${P}service-provider-organisation`]: 'HMCTS Digital',
  [`${P}role-accreditor`]: 'david.okafor',
  [`${P}role-dr-lead`]: 'oliver.bennett',
  [`${P}role-itso`]: 'priya.shah',
  [`${P}role-acknowledgements`]:
    'sarah.whitfield=2026-03-02, thomas.green=2026-03-02, oliver.bennett=2026-02-16, david.okafor=2026-02-16',
  [`${P}role-acknowledgements-evidence`]: 'https://example.org/acks',
  [`${P}security-procedures`]: 'https://example.org/syops',
  [`${P}security-procedures-reviewed`]: '2026-01-03',
  [`${P}risk-assessment`]: 'https://example.org/ra',
  [`${P}risk-assessment-date`]: '2026-01-15',
  [`${P}risk-assessment-method`]: 'NCSC risk management guidance',
  [`${P}risk-assessment-assessor`]: 'helen.pritchard',
  [`${P}accreditation-status`]: 'accredited',
  [`${P}accreditation-date`]: '2026-02-01',
  [`${P}accreditation-expiry`]: '2027-01-31',
  [`${P}rmads`]: 'https://example.org/rmads',
  [`${P}itso-advice`]: 'https://example.org/itso-advice',
  [`${P}itso-advice-date`]: '2026-02-01',
  [`${P}bia`]: 'https://example.org/bia',
  [`${P}bia-date`]: '2026-01-12',
  [`${P}bia-impact`]: 'C=IL3, I=IL2, A=IL2',
  [`${P}pia`]: 'completed',
  [`${P}pia-date`]: '2026-01-02',
  [`${P}dpia`]: 'https://example.org/dpia',
  [`${P}change-log`]: 'https://example.org/changelog',
  [`${P}incident-plan`]: 'https://example.org/incident-plan',
  [`${P}incident-contacts`]: 'oliver.bennett',
  [`${P}incident-budget-line`]: 'HMCTS-4471',
  [`${P}disposal-procedure`]: 'https://example.org/disposal',
  [`${P}disposal-standard`]: 'NCSC secure sanitisation',
  [`${P}disposal-approver`]: 'thomas.green',
  [`${P}disposal-reviewed`]: '2026-01-30',
  [`${P}dr-plan`]: 'https://example.org/dr',
  [`${P}dr-plan-rto`]: '4h',
  [`${P}dr-plan-rpo`]: '15m',
  [`${P}dr-plan-last-test`]: '2026-01-08 pass',
  [`${P}suppliers`]: 'Acme Cloud Ltd=2026-04-01 ISO 27001 certificate',
  [`${P}suppliers-evidence`]: 'https://example.org/suppliers',
};

/** Annotations an event date needs to be the evidence that counts. */
const CONTEXT: Record<string, Record<string, string>> = {
  // ITSO advice is what a SECRET system needs instead of accreditation.
  'itso-advice-date': { [`${P}classification`]: 'SECRET' },
};

const COC_SPEC = {
  system: 'civil',
  counterparty: { organisation: 'Example Bank plc' },
  category: 'third-party',
  direction: 'out',
  dataShared: 'Payment references',
  personalData: true,
  classification: 'OFFICIAL',
  approvals: {
    accreditor: { by: 'david.okafor', date: '2026-01-10' },
    itso: { by: 'priya.shah', date: '2026-01-11' },
    iao: { by: 'thomas.green', date: '2026-01-12' },
    counterparty: { name: 'Example Bank CISO', date: '2026-01-13' },
  },
  status: 'agreed',
  agreedDate: '2026-01-20',
  owner: 'team-a',
};

function system(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'civil', annotations },
    spec: { owner: 'team-a' },
  };
}

function coc(spec: Record<string, unknown>): Entity {
  return {
    apiVersion: 'itsec.justice.gov.uk/v1alpha1',
    kind: 'CodeOfConnection',
    metadata: { name: 'civil-to-bank' },
    spec: spec as Entity['spec'],
  };
}

function scorecard(
  annotations: Record<string, string>,
  cocSpec: Record<string, unknown> = COC_SPEC,
) {
  const { profile } = entityToProfileWithProblems(system(annotations), {
    codesOfConnection: indexCodesOfConnection([coc(cocSpec)]),
    // The ITSO approves as a member of the ITSO group: a role-itso the
    // system declares itself does not count.
    itsoGroupMembers: ['user:default/priya.shah'],
  });
  const evaluation = evaluate(profile, mojIctSecurityPolicy, { asOf: AS_OF });
  return (id: string) => evaluation.results.find(r => r.statementId === id)!;
}

const DATED_FORMATS = new Set([
  'date',
  'dated-outcome',
  'dated-users',
  'suppliers',
]);
const EVENT_SPECS = ITSEC_ANNOTATION_SPECS.filter(s => s.dateRole === 'event');

describe('dates on which something happened', () => {
  it('every annotation that carries a date says whether it is an event or a limit', () => {
    expect(
      ITSEC_ANNOTATION_SPECS.filter(
        s => DATED_FORMATS.has(s.format) && s.dateRole === undefined,
      ).map(s => s.key),
    ).toEqual([]);
    expect(EVENT_SPECS.map(s => s.key)).toEqual([
      'role-acknowledgements',
      'security-procedures-reviewed',
      'risk-assessment-date',
      'accreditation-date',
      'itso-advice-date',
      'bia-date',
      'pia-date',
      'disposal-reviewed',
      'dr-plan-last-test',
      'suppliers',
    ]);
  });

  it.each(['2027-02-30', '2027-13-01'])(
    'rejects the impossible date %s in every annotation that carries a date',
    impossible => {
      for (const spec of ITSEC_ANNOTATION_SPECS.filter(s =>
        DATED_FORMATS.has(s.format),
      )) {
        const value = spec.example.replace(DATE, impossible);
        const r = parseItsecAnnotations(
          { [spec.name]: value },
          { asOf: AS_OF },
        );
        expect(
          r.problems.filter(
            p => p.annotation === spec.name && p.value === value,
          ),
        ).toHaveLength(1);
      }
    },
  );

  it('the base system meets every statement its dates are evidence for', () => {
    const res = scorecard(ANNOTATIONS);
    for (const spec of EVENT_SPECS) {
      const base = scorecard({ ...ANNOTATIONS, ...CONTEXT[spec.key] });
      for (const id of annotationStatements(spec, mojIctSecurityPolicy))
        expect(`${spec.key} ${id} ${base(id).status}`).toBe(
          `${spec.key} ${id} met`,
        );
    }
    expect(res('POL.ITSEC.028').status).toBe('met');
  });

  describe.each(EVENT_SPECS.map(s => [s.key, s] as const))(
    '%s',
    (key, spec) => {
      const annotations = { ...ANNOTATIONS, ...CONTEXT[key] };
      const future = annotations[spec.name].replace(DATE, FUTURE);

      it('is reported by the parser as in the future', () => {
        const r = parseItsecAnnotations(
          { ...annotations, [spec.name]: future },
          { asOf: AS_OF },
        );
        const mine = r.problems.filter(p => p.annotation === spec.name);
        expect(mine.length).toBeGreaterThan(0);
        for (const p of mine) {
          expect(p.message).toMatch(
            new RegExp(
              `^${spec.name.replace(
                /[./]/g,
                '\\$&',
              )}: ${FUTURE}( \\([^)]+\\))? is in the future \\(evaluated on ${AS_OF}\\)`,
            ),
          );
        }
        // On the evaluation date itself it is evidence.
        expect(
          parseItsecAnnotations(
            {
              ...annotations,
              [spec.name]: annotations[spec.name].replace(DATE, AS_OF),
            },
            { asOf: AS_OF },
          ).problems,
        ).toEqual([]);
      });

      it('makes each statement it is evidence for a gap (evidence-future-dated)', () => {
        const res = scorecard({ ...annotations, [spec.name]: future });
        for (const id of annotationStatements(spec, mojIctSecurityPolicy)) {
          const r = res(id);
          expect(`${id} ${r.status} ${r.reasons[0]}`).toBe(
            `${id} gap evidence-future-dated`,
          );
          expect(r.message).toContain(`${FUTURE}`);
          expect(r.message).toContain('is in the future');
          expect(r.remediation?.hint).toMatch(/not later than today/);
        }
      });
    },
  );

  describe.each(CODE_OF_CONNECTION_EVENT_DATE_FIELDS.map(f => [f]))(
    'CodeOfConnection %s',
    field => {
      it('makes POL.ITSEC.028 a gap (evidence-future-dated) when in the future', () => {
        const spec = structuredClone(COC_SPEC) as Record<string, any>;
        const path = field.split('.').slice(1);
        let target = spec;
        for (const k of path.slice(0, -1)) target = target[k];
        target[path[path.length - 1]] = FUTURE;
        if (field !== 'spec.agreedDate') spec.agreedDate = FUTURE;
        const r = scorecard(ANNOTATIONS, spec)('POL.ITSEC.028');
        expect(`${r.status} ${r.reasons[0]}`).toBe('gap evidence-future-dated');
        expect(r.message).toContain(`${FUTURE} is in the future`);
        expect(r.remediation?.hint).toContain('spec.approvals');
      });
    },
  );
});
