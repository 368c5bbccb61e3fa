import fs from 'node:fs';
import { mojIctSecurityPolicy } from '@internal/plugin-itsec-common';
import { completeExamples, itsec } from './__testUtils__/itsec';

/*
 * Offline (no --portal), the score counts only what the catalog files can
 * show: a statement only an attestation in the portal proves is not scored.
 */

jest.setTimeout(60_000);

const DIR = completeExamples();
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

// After the paper role acknowledgements (2026-03-02) and before any evidence
// of the example falls due.
const AS_OF = '2026-04-01';

describe('itsec evaluate offline', () => {
  it('scores the docs\u2019 complete System example on what its files show', () => {
    const r = itsec(
      ['evaluate', '.', '--as-of', AS_OF, '--format', 'json'],
      DIR,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.portal).toBeNull();
    const system = report.entities.find(
      (e: any) => e.entityRef === 'system:default/civil-money-claims',
    );
    const byId = new Map<string, any>(
      system.results.map((x: any) => [x.statement, x]),
    );
    const kind = new Map(
      mojIctSecurityPolicy.statements.map(s => [s.id, s.kind]),
    );
    // Attested in the portal (and, for 023, by those who did not sign on paper).
    const attestation = [...byId.values()].filter(
      x => kind.get(x.statement) === 'attestation',
    );
    expect(attestation.length).toBeGreaterThan(10);
    expect(
      attestation
        .filter(x => x.status !== 'not-applicable')
        .map(x => `${x.statement} ${x.status} ${x.reasons}`),
    ).toEqual(
      attestation
        .filter(x => x.status !== 'not-applicable')
        .map(x => `${x.statement} not-scored attested-in-portal`),
    );
    // Every record the example holds is met; its Code of Connection is for
    // another system, so the System's declared external connection is a gap.
    const records = [...byId.values()].filter(
      x => kind.get(x.statement) === 'record',
    );
    expect(records.filter(x => x.status === 'gap')).toEqual([
      {
        statement: 'POL.ITSEC.028',
        status: 'gap',
        reasons: ['coc-missing'],
        due: null,
      },
    ]);
    // The files hold no Group: whether the Accreditor is in the owning team
    // cannot be told, so what needs the Accreditor's independence is not scored.
    expect(
      records
        .filter(x => !['met', 'due-soon', 'gap'].includes(x.status))
        .map(x => `${x.statement} ${x.status} ${x.reasons}`),
    ).toEqual([
      'POL.ITSEC.013 not-scored independence-unknown',
      'POL.ITSEC.022 not-scored independence-unknown',
    ]);
    const { met, gap } = system.summary.counts;
    const dueSoon = system.summary.counts['due-soon'];
    expect(gap).toBe(1);
    expect(system.score).toBe(
      Math.round((100 * (met + dueSoon)) / (met + dueSoon + gap)),
    );
    expect(system.score).toBeGreaterThan(90);
    // What it inherits scores the same way.
    for (const e of report.entities) expect(e.score).toBe(system.score);
  });

  it('lets --fail-below pass, and says what the score counts', () => {
    const pass = itsec(
      ['evaluate', '.', '--as-of', AS_OF, '--fail-below', '90'],
      DIR,
    );
    expect(pass.stderr).toBe('');
    expect(pass.code).toBe(0);
    expect(pass.stdout).toContain(
      'Scored from the catalog files only: 16 statements proven by an attestation in the portal are not scored (attested-in-portal); use --portal to score as the portal does. 2 statements are not scored because the owning groups\u2019 members are not known, so the Accreditor\u2019s and IAO\u2019s independence of the team could not be checked (independence-unknown): add the organisation\u2019s Group and User entities (e.g. org.yaml) to the inputs, or use --portal.',
    );
    const fail = itsec(
      ['evaluate', '.', '--as-of', AS_OF, '--fail-below', '95'],
      DIR,
    );
    expect(fail.code).toBe(1);
    expect(fail.stderr).toMatch(/4 entities score below 95/);
  });

  it('checks the Accreditor\u2019s independence with the organisation\u2019s files', () => {
    const org = (team: string[]) =>
      [
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: civil-money-claims-team }\nspec: { type: team, children: [] }',
        ...team.map(
          u =>
            `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: ${u} }\nspec: { memberOf: [civil-money-claims-team] }`,
        ),
      ].join('\n---\n');
    const status = () => {
      const r = itsec(
        ['evaluate', '.', '--as-of', AS_OF, '--format', 'json'],
        DIR,
      );
      const system = JSON.parse(r.stdout).entities.find(
        (e: any) => e.entityRef === 'system:default/civil-money-claims',
      );
      return ['POL.ITSEC.013', 'POL.ITSEC.022'].map(id => {
        const x = system.results.find((y: any) => y.statement === id);
        return `${id} ${x.status} ${x.reasons}`;
      });
    };
    const file = `${DIR}/org.yaml`;
    try {
      fs.writeFileSync(file, org(['oliver.bennett']));
      expect(status()).toEqual([
        'POL.ITSEC.013 met accredited',
        'POL.ITSEC.022 met roles-named',
      ]);
      // The team names one of its own as Accreditor.
      fs.writeFileSync(file, org(['oliver.bennett', 'david.okafor']));
      expect(status()).toEqual([
        'POL.ITSEC.013 gap accreditor-not-independent',
        'POL.ITSEC.022 gap accreditor-in-owning-group',
      ]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
