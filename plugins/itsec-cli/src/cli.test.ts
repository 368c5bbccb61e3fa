import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * End-to-end: the real `bin/itsec`, spawned as a process, exactly as
 * `npx itsec` runs it.
 */

jest.setTimeout(60_000);

const BIN = path.resolve(__dirname, '../bin/itsec');
// The real-world catalog files kept beside the repository (shared/ next to it
// on developers' machines and in CI).
const CORPUS =
  process.env.ITSEC_CORPUS ??
  path.resolve(__dirname, '../../../../shared/corpus/real-catalog');

/**
 * The fixtures, copied to a temporary folder together with a file of broken
 * YAML (kept out of the repository, whose Prettier check cannot parse it).
 */
const FIXTURES = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-fixtures-'));
fs.cpSync(path.resolve(__dirname, '__fixtures__'), FIXTURES, {
  recursive: true,
});
fs.writeFileSync(
  path.join(FIXTURES, 'broken/broken-yaml.yaml'),
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: half-written',
    '  annotations:',
    '    itsec.justice.gov.uk/classification: OFFICIAL',
    '   description: indented wrongly',
    'spec:',
    '  type: service',
    '',
  ].join('\n'),
);
afterAll(() => fs.rmSync(FIXTURES, { recursive: true, force: true }));

function itsec(args: string[], cwd = FIXTURES) {
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.npm_command;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PROBLEM_LINE = /^[^\n:]+:\d+: \S.*$/;

describe('itsec (spawned)', () => {
  describe('usage', () => {
    it('prints help and exits 0', () => {
      const r = itsec(['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('itsec lint <files or folders...>');
      expect(r.stdout).toContain('Exit codes: 0 clean, 1 problems found');
    });

    it('prints its version', () => {
      const r = itsec(['--version']);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it.each<[string, string[], RegExp]>([
      ['no command', [], /Usage:/],
      ['an unknown command', ['score', 'catalog'], /unknown command "score"/],
      ['no paths', ['lint'], /give at least one file or folder/],
      [
        'an unknown option',
        ['lint', '--strict', 'catalog'],
        /unknown option --strict/,
      ],
      [
        'an option without its value',
        ['evaluate', 'catalog', '--as-of'],
        /option --as-of needs a value/,
      ],
      [
        'an evaluate option on lint',
        ['lint', 'catalog', '--policy', 'policy.json'],
        /option --policy applies to evaluate only/,
      ],
      [
        'a bad ITSO group',
        ['lint', 'catalog', '--itso-group', 'user:default/jane'],
        /--itso-group must be a group entity ref/,
      ],
      [
        'a bad date on lint',
        ['lint', 'catalog', '--as-of', '2027-13-01'],
        /--as-of must be a date YYYY-MM-DD/,
      ],
      [
        'a bad date',
        ['evaluate', 'catalog', '--as-of', '2025-02-30'],
        /--as-of must be a date YYYY-MM-DD/,
      ],
      [
        'a bad format',
        ['evaluate', 'catalog', '--format', 'xml'],
        /--format must be one of table, json, csv, sarif, markdown, not "xml"/,
      ],
      [
        'a bad threshold',
        ['evaluate', 'catalog', '--fail-below', 'high'],
        /--fail-below must be a whole number/,
      ],
      [
        'a missing file',
        ['lint', 'no-such-file.yaml'],
        /no-such-file\.yaml: no such file or folder/,
      ],
      [
        'a missing policy file',
        ['evaluate', 'catalog', '--policy', 'nope.json'],
        /nope\.json: ENOENT/,
      ],
    ])('exits 2 on %s', (_name, args, stderr) => {
      const r = itsec(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(stderr);
    });

    it('exits 2 on a folder without YAML files and on an invalid policy file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-'));
      try {
        fs.writeFileSync(path.join(dir, 'README.md'), '# nothing here');
        fs.writeFileSync(path.join(dir, 'policy.json'), '{"id": "x"}');
        const r = itsec(['lint', '.'], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/\.: no \.yaml or \.yml files in this folder/);
        const p = itsec(['evaluate', FIXTURES, '--policy', 'policy.json'], dir);
        expect(p.code).toBe(2);
        expect(p.stderr).toMatch(/Invalid policy catalogue policy\.json/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('lint', () => {
    it('exits 0 on a clean portfolio of varied catalog files', () => {
      const r = itsec(['lint', 'catalog']);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'itsec lint: 16 entities in 8 files, no problems\n',
      );
      expect(r.code).toBe(0);
    });

    it('exits 1 and prints file:line: message for every problem', () => {
      const r = itsec(['lint', 'broken']);
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        'broken/bad-annotations.yaml:6: itsec.justice.gov.uk/classification: "RESTRICTED" is a protective marking retired in 2014; use OFFICIAL (or OFFICIAL-SENSITIVE) (record the old Impact Level in bia-impact)',
        'broken/bad-annotations.yaml:7: itsec.justice.gov.uk/role-iao: "group:default/case-team" is a group ref, not a user entity ref (roles are held by named people)',
        'broken/bad-annotations.yaml:8: itsec.justice.gov.uk/role-business-siro: "ann.owner, bob.owner" names more than one person; this role is held by one named person',
        'broken/bad-annotations.yaml:9: itsec.justice.gov.uk/risk-assessment-date: "31/01/2025" is not a date (use YYYY-MM-DD)',
        'broken/bad-annotations.yaml:10: itsec.justice.gov.uk/dr-plan-last-test: "2025-02-30 pass" starts with "2025-02-30", which is not a calendar date',
        'broken/bad-annotations.yaml:12: itsec.justice.gov.uk/accreditation-expiry: "2025-05-01" is not after accreditation-date "2025-06-01"',
        'broken/bad-annotations.yaml:13: itsec.justice.gov.uk/uses-hmg-crypto: "yes" is not true or false',
        'broken/bad-annotations.yaml:14: itsec.justice.gov.uk/dr-plan: "sharepoint" is not a link (use an absolute https:// URL)',
        'broken/bad-annotations.yaml:15: itsec.justice.gov.uk/clasification: unknown itsec annotation (did you mean itsec.justice.gov.uk/classification?)',
        expect.stringMatching(
          /^broken\/bad-annotations\.yaml:22: "metadata\.name" is not valid; .* but found "Case Worker UI"/,
        ),
        "broken/bad-annotations.yaml:32: /spec must have required property 'owner' - missingProperty: owner",
        'broken/bad-coc.yaml:5: spec.owner: is required: the group that owns the agreement (the system\u2019s owner or the ITSO group); without it the Code of Connection counts for no system',
        'broken/bad-coc.yaml:5: spec.approvals: lacks accreditor, itso, iao: an agreed Code of Connection is approved by the Accreditor, the ITSO and the IAO',
        'broken/bad-coc.yaml:7: spec.counterparty: "Example Police Force" must be an object with entityRef and/or organisation',
        'broken/bad-coc.yaml:8: spec.category: "partner" is not one of moj-domain, government-department, third-party',
        'broken/bad-coc.yaml:15: spec.reviewDate: "2024-03-01" is not after spec.agreedDate "2025-03-01"',
        'broken/broken-yaml.yaml:7: YAML syntax error: All mapping items must start at the same column',
        'broken/empty.yaml:1: no YAML documents (the file is empty)',
        'broken/github-workflow.yml:2: not a catalog entity: this YAML document is a mapping without apiVersion and kind',
      ]);
      expect(r.stderr).toBe('itsec lint: 19 problems in 5 of 5 files\n');
    });

    it('takes single files and paths outside the working directory', () => {
      const r = itsec(
        ['lint', '../broken/bad-coc.yaml', 'system.yaml'],
        path.join(FIXTURES, 'catalog'),
      );
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n').filter(Boolean);
      expect(lines).toHaveLength(5);
      expect(
        lines[0].startsWith(
          `${path.join(FIXTURES, 'broken/bad-coc.yaml')}:5: `,
        ),
      ).toBe(true);
    });

    describe('what may not make a cell green', () => {
      const lint = (args: string[]) => {
        const r = itsec(['lint', ...args]);
        return { ...r, lines: r.stdout.split('\n').filter(Boolean) };
      };

      it('reports dates on which something happened that are later than --as-of, or today', () => {
        const future = [
          'trust/dates.yaml:8: itsec.justice.gov.uk/security-procedures-reviewed: 2099-01-01 is in the future (evaluated on 2026-06-01): a date on which something happened is not evidence before that day',
          'trust/dates.yaml:12: itsec.justice.gov.uk/dr-plan-last-test: 2099-01-01 is in the future (evaluated on 2026-06-01): a date on which something happened is not evidence before that day',
        ];
        const impossible = [
          'trust/dates.yaml:13: itsec.justice.gov.uk/bia-date: "2027-13-01" is not a calendar date',
          'trust/dates.yaml:14: itsec.justice.gov.uk/role-acknowledgements: "ian.iao=2027-02-30" has "ian.iao=2027-02-30", whose date is not a calendar date',
        ];
        const r = lint(['trust/dates.yaml', '--as-of', '2026-06-01']);
        expect(r.code).toBe(1);
        expect(r.lines).toEqual([...future, ...impossible]);
        // Without --as-of: today (2099 is still ahead).
        expect(lint(['trust/dates.yaml']).lines).toHaveLength(4);
        // Once the day has come, it is evidence.
        expect(
          lint(['trust/dates.yaml', '--as-of', '2099-01-01']).lines,
        ).toEqual(impossible);
      });

      it('scores future-dated evidence as a gap (evidence-future-dated)', () => {
        const r = itsec([
          'evaluate',
          'trust/dates.yaml',
          '--as-of',
          '2026-06-01',
          '--format',
          'json',
        ]);
        const results = JSON.parse(r.stdout).entities[0].results;
        const cell = (id: string) =>
          results.find((x: any) => x.statement === id);
        for (const id of ['POL.ITSEC.003', 'POL.ITSEC.043'])
          expect(cell(id)).toMatchObject({
            status: 'gap',
            reasons: ['evidence-future-dated'],
          });
      });

      it('writes CSV, one line per entity and statement, with the same statuses', () => {
        const args = ['evaluate', 'trust/dates.yaml', '--as-of', '2026-06-01'];
        const csv = itsec([...args, '--format', 'csv']);
        const json = JSON.parse(itsec([...args, '--format', 'json']).stdout);
        const lines = csv.stdout.trimEnd().split('\n');
        expect(lines[0]).toBe('entityRef,score,statement,status,reasons,due');
        const results = json.entities[0].results;
        expect(lines).toHaveLength(1 + results.length);
        const row = lines.find(l => l.includes(',POL.ITSEC.043,'))!.split(',');
        expect(row.slice(2, 5)).toEqual([
          'POL.ITSEC.043',
          'gap',
          'evidence-future-dated',
        ]);
      });

      it('refuses a business-group SIRO named on a Component', () => {
        expect(lint(['trust/systems.yaml']).lines).toEqual([
          'trust/systems.yaml:30: itsec.justice.gov.uk/role-business-siro: "owen.owner" is set on a Component; it may only be set on a System or Domain (the SIRO who approves exceptions is the Domain\u2019s, else the System\u2019s, never one named by the team that owns a Component, API or Resource), so it is not used',
        ]);
      });

      it('reports Codes of Connection owned by another team or approved by people who hold no role', () => {
        const r = lint([
          'trust/org.yaml',
          'trust/systems.yaml',
          'trust/cocs.yaml',
        ]);
        expect(r.lines.filter(l => l.startsWith('trust/cocs.yaml'))).toEqual([
          'trust/cocs.yaml:41: spec.owner: "group:default/team-b" is neither the owner of system:default/claims (group:default/team-a) nor the ITSO group (group:default/itso); a Code of Connection belongs to the system\u2019s owner or the ITSO, so it does not count for system:default/claims',
          'trust/cocs.yaml:57: spec.approvals.accreditor.by: the Accreditor approval is by user:default/owen.owner, who is not the system\u2019s Accreditor (user:default/ann.accreditor), so it does not count for POL.ITSEC.028',
        ]);
        // Without the ITSO group among the inputs only the Domain's role-itso counts.
        expect(
          lint(['trust/systems.yaml', 'trust/cocs.yaml']).lines.filter(l =>
            l.includes('spec.approvals.itso.by'),
          ),
        ).toEqual([
          'trust/cocs.yaml:16: spec.approvals.itso.by: the ITSO approval is by user:default/iris.itso, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named), so it does not count for POL.ITSEC.028',
          'trust/cocs.yaml:58: spec.approvals.itso.by: the ITSO approval is by user:default/iris.itso, who is neither a member of the ITSO group nor the ITSO declared on the Domain (none named), so it does not count for POL.ITSEC.028',
        ]);
        // Another ITSO group: the CodeOfConnection it would own is refused.
        expect(
          lint([
            'trust/org.yaml',
            'trust/systems.yaml',
            'trust/cocs.yaml',
            '--itso-group',
            'team-b',
          ]).lines.filter(l => l.includes('spec.owner')),
        ).toEqual([
          expect.stringContaining(
            'trust/cocs.yaml:62: spec.owner: "group:default/itso" is neither the owner of system:default/claims (group:default/team-a) nor the ITSO group (group:default/team-b)',
          ),
        ]);
      });

      it('reports an IAO approval by a member of the owning team when the files hold the team, and leaves it unscored when they do not', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-team-'));
        const run = (args: string[]) => itsec(args, dir);
        try {
          const bank = fs
            .readFileSync(path.join(FIXTURES, 'trust/cocs.yaml'), 'utf8')
            .split(/^---$/m)
            .find(d => d.includes('claims-to-bank'))!;
          fs.copyFileSync(
            path.join(FIXTURES, 'trust/systems.yaml'),
            path.join(dir, 'systems.yaml'),
          );
          fs.writeFileSync(path.join(dir, 'cocs.yaml'), bank.trimStart());
          const score028 = () => {
            const out = JSON.parse(
              run([
                'evaluate',
                '.',
                '--as-of',
                '2026-06-01',
                '--format',
                'json',
              ]).stdout,
            );
            const claims = out.entities.find(
              (e: any) => e.entityRef === 'system:default/claims',
            );
            const x = claims.results.find(
              (y: any) => y.statement === 'POL.ITSEC.028',
            );
            return `${x.status} ${x.reasons}`;
          };
          const approvals = () =>
            run(['lint', '.'])
              .stdout.split('\n')
              .filter(l => l.includes('spec.approvals'));
          // The files hold the ITSO group but not the owning team: nothing
          // to report in them, and 028 is not scored.
          fs.writeFileSync(
            path.join(dir, 'org.yaml'),
            'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: itso\nspec:\n  type: team\n  children: []\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: iris.itso\nspec:\n  memberOf: [itso]\n',
          );
          expect(approvals()).toEqual([]);
          expect(score028()).toBe('not-scored independence-unknown');
          // The team names one of its own as IAO.
          fs.writeFileSync(
            path.join(dir, 'org.yaml'),
            `${fs.readFileSync(
              path.join(FIXTURES, 'trust/org.yaml'),
              'utf8',
            )}\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ian.iao\nspec:\n  memberOf: [team-a]\n`,
          );
          expect(approvals()).toEqual([
            'cocs.yaml:17: spec.approvals.iao.by: the Information Asset Owner approval is by user:default/ian.iao, a member of group:default/team-a (the owner of system:default/claims) and not independent of the team, so it does not count for POL.ITSEC.028',
          ]);
          expect(score028()).toBe('gap coc-approver-not-independent');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      it('warns of a role-accreditor who is a member of the owning team when the files hold the team', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-acc-'));
        const run = (args: string[]) => itsec(args, dir);
        try {
          // The Domain and the System, without the Component's refused SIRO.
          fs.writeFileSync(
            path.join(dir, 'systems.yaml'),
            fs
              .readFileSync(path.join(FIXTURES, 'trust/systems.yaml'), 'utf8')
              .split(/^---$/m)
              .slice(0, 2)
              .join('---'),
          );
          const org = fs.readFileSync(
            path.join(FIXTURES, 'trust/org.yaml'),
            'utf8',
          );
          const warnings = () =>
            run(['lint', '.'])
              .stdout.split('\n')
              .filter(l => l.includes('warning:'));
          // The team holds the owner only: nothing to say.
          fs.writeFileSync(path.join(dir, 'org.yaml'), org);
          expect(warnings()).toEqual([]);
          // The team names one of its own as Accreditor.
          fs.writeFileSync(
            path.join(dir, 'org.yaml'),
            `${org}\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ann.accreditor\nspec:\n  memberOf: [team-a]\n`,
          );
          const r = run(['lint', '.']);
          expect(
            r.stdout.split('\n').filter(l => l.includes('warning:')),
          ).toEqual([
            'systems.yaml:18: warning: itsec.justice.gov.uk/role-accreditor: the Accreditor user:default/ann.accreditor is a member of group:default/team-a, which owns system:default/claims: the Accreditor must be independent of the team, so the accreditation decision does not count for POL.ITSEC.013 and POL.ITSEC.022 is a gap',
          ]);
          // A warning explains a gap; it does not fail lint by itself.
          expect(r.stderr).toBe(
            'itsec lint: 1 problem (1 warning) in 1 of 2 files\n',
          );
          expect(r.code).toBe(0);
          // The Component inherits the Accreditor with the same team: said
          // once, where the Accreditor is named.
          fs.copyFileSync(
            path.join(FIXTURES, 'trust/systems.yaml'),
            path.join(dir, 'systems.yaml'),
          );
          expect(warnings()).toEqual([
            expect.stringMatching(/^systems\.yaml:18: /),
          ]);
          const sarif = JSON.parse(
            run(['lint', '.', '--format', 'sarif']).stdout,
          );
          expect(
            sarif.runs[0].results.find(
              (x: any) => x.ruleId === 'accreditor-in-owning-group',
            ),
          ).toMatchObject({ level: 'warning' });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

      it('ignores a Code of Connection owned by another team and scores wrong approvers as a gap', () => {
        const r = itsec([
          'evaluate',
          'trust',
          '--as-of',
          '2026-06-01',
          '--format',
          'json',
        ]);
        const claims = JSON.parse(r.stdout).entities.find(
          (e: any) => e.entityRef === 'system:default/claims',
        );
        expect(
          claims.results.find((x: any) => x.statement === 'POL.ITSEC.028'),
        ).toMatchObject({
          status: 'gap',
          reasons: ['coc-approval-not-role-holder'],
        });
        // With only the Code of Connection another team owns, the system has none.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-trust-'));
        try {
          const printer = fs
            .readFileSync(path.join(FIXTURES, 'trust/cocs.yaml'), 'utf8')
            .split(/^---$/m)
            .find(d => d.includes('claims-to-printer'))!;
          fs.copyFileSync(
            path.join(FIXTURES, 'trust/systems.yaml'),
            path.join(dir, 'systems.yaml'),
          );
          fs.writeFileSync(path.join(dir, 'printer.yaml'), printer);
          const only = JSON.parse(
            itsec(
              ['evaluate', '.', '--as-of', '2026-06-01', '--format', 'json'],
              dir,
            ).stdout,
          );
          expect(
            only.entities
              .find((e: any) => e.entityRef === 'system:default/claims')
              .results.find((x: any) => x.statement === 'POL.ITSEC.028'),
          ).toMatchObject({ status: 'gap', reasons: ['coc-missing'] });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    });

    it('lints the demo catalog with exactly its deliberate errors', () => {
      const repo = path.resolve(__dirname, '../../..');
      const r = itsec(['lint', 'examples/'], repo);
      expect(r.code).toBe(1);
      // provider-payments' IAO is a member of its delivery team: her
      // approvals of its two Codes of Connection do not count.
      const iao = expect.stringMatching(
        /^examples\/portfolio\/codes-of-connection\.yaml:\d+: spec\.approvals\.iao\.by: the Information Asset Owner approval is by user:default\/rachel\.lloyd, a member of group:default\/provider-payments-team \(the owner of system:default\/provider-payments\) and not independent of the team, so it does not count for POL\.ITSEC\.028$/,
      );
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        iao,
        iao,
        expect.stringMatching(
          /^examples\/portfolio\/codes-of-connection\.yaml:\d+: spec\.owner: "group:default\/probate-team" is neither the owner of system:default\/civil-money-claims/,
        ),
        expect.stringMatching(
          /^examples\/portfolio\/hmcts\.yaml:\d+: itsec\.justice\.gov\.uk\/classification: "OFFICIAL-SENSATIVE" is not a classification/,
        ),
      ]);
    });

    it('lints the docs examples clean', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-docs-'));
      try {
        const md = fs.readFileSync(
          path.resolve(__dirname, '../../../docs/annotations.md'),
          'utf8',
        );
        const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
          m => m[1],
        );
        expect(blocks.length).toBeGreaterThanOrEqual(7);
        blocks.forEach((b, i) =>
          fs.writeFileSync(path.join(dir, `example-${i}.yaml`), b),
        );
        const r = itsec(['lint', '.'], dir);
        expect(r.stdout).toBe('');
        expect(r.code).toBe(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('evaluate', () => {
    it('scores the demo catalog into the cases examples/README.md promises', () => {
      const r = itsec(
        ['evaluate', 'examples/', '--as-of', '2026-11-29', '--format', 'json'],
        path.resolve(__dirname, '../../..'),
      );
      // 1: the deliberate error is a problem; every entity is still scored.
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      const byRef = new Map<string, any>(
        out.entities.map((e: any) => [e.entityRef, e]),
      );
      const cell = (name: string, id: string, kind = 'system') => {
        const e = byRef.get(`${kind}:default/${name}`);
        const res = e.results.find(
          (x: any) => x.statement === `POL.ITSEC.${id}`,
        );
        return `${res.status} ${res.reasons[0]}`;
      };
      const recordStatements = out.entities[0].results
        .filter((x: any) =>
          /^POL\.ITSEC\.0(03|12|13|14|16|17|22|28|31|39|41|42|43)$/.test(
            x.statement,
          ),
        )
        .map((x: any) => x.statement.slice(-3));
      expect(recordStatements).toHaveLength(13);

      // Fully compliant: every record statement met, role acknowledgements declared.
      for (const id of [...recordStatements, '023'])
        expect(cell('civil-money-claims', id)).toMatch(/^met /);
      // Components, APIs and Resources inherit from their System.
      expect(cell('cmc-claim-store', '022', 'component')).toBe(
        'met roles-named',
      );
      expect(
        byRef
          .get('component:default/cmc-claim-store')
          .results.find((x: any) => x.statement === 'POL.ITSEC.043').status,
      ).toBe('met');
      // Partly compliant.
      expect(cell('probate', '003')).toBe('met security-procedures-current');
      expect(cell('probate', '043')).toBe('gap dr-plan-missing');
      // Nothing declared.
      for (const id of ['003', '012', '016', '041', '043'])
        expect(cell('courtroom-listing', id)).toMatch(/^gap .*-missing$/);
      // Expired evidence.
      expect(cell('prisoner-offender-manager', '013')).toBe(
        'gap accreditation-expired',
      );
      expect(cell('prisoner-offender-manager', '014')).toBe(
        'gap risk-assessment-overdue',
      );
      expect(cell('prisoner-offender-manager', '043')).toBe(
        'gap dr-test-overdue',
      );
      // Due within 30 days.
      expect(cell('provider-payments', '003')).toBe(
        'due-soon security-procedures-review-due-soon',
      );
      expect(cell('provider-payments', '043')).toBe(
        'due-soon dr-test-due-soon',
      );
      // SECRET: ITSO advice instead of accreditation.
      expect(cell('digital-prison-services', '013')).toBe(
        'met itso-advice-recorded',
      );
      // HMG cryptography: 034 applies (proven by an attestation in the
      // portal, so not scored offline); an expired cross-department Code of Connection.
      expect(cell('legal-aid-applications', '034')).toBe(
        'not-scored attested-in-portal',
      );
      expect(cell('legal-aid-applications', '028')).toBe('gap coc-expired');
      // Its IAO is in the delivery team: the approvals do not count.
      expect(cell('provider-payments', '028')).toBe(
        'gap coc-approver-not-independent',
      );
      // The deliberate errors are reported, and the rest still scores; the
      // refused Code of Connection does not count for civil-money-claims.
      const iao = expect.objectContaining({
        file: 'examples/portfolio/codes-of-connection.yaml',
        message: expect.stringContaining('user:default/rachel.lloyd'),
      });
      expect(out.problems).toEqual([
        iao,
        iao,
        expect.objectContaining({
          file: 'examples/portfolio/codes-of-connection.yaml',
          message: expect.stringContaining('group:default/probate-team'),
        }),
        expect.objectContaining({
          file: 'examples/portfolio/hmcts.yaml',
          message: expect.stringContaining('OFFICIAL-SENSATIVE'),
        }),
      ]);
    });

    it('prints the JSON scorecards in the documented shape', () => {
      const r = itsec([
        'evaluate',
        'catalog',
        '--as-of',
        '2025-12-01',
        '--format',
        'json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(Object.keys(report)).toEqual([
        'asOf',
        'policy',
        'portal',
        'entities',
        'problems',
      ]);
      expect(report.asOf).toBe('2025-12-01');
      expect(report.policy).toEqual({
        id: 'moj-ict-security-policy',
        version: expect.any(String),
      });
      expect(report.portal).toBeNull();
      expect(report.problems).toEqual([]);
      // System, Component, Resource and API are scored; Domains, Users, Groups, Templates, Locations are not
      expect(report.entities.map((e: any) => e.entityRef).sort()).toEqual([
        'api:default/fines-payments-api',
        'component:default/fines-notifications',
        'component:default/fines-payments',
        'resource:default/fines-db',
        'system:default/online-fines',
      ]);
      for (const e of report.entities) {
        expect(Object.keys(e)).toEqual([
          'entityRef',
          'score',
          'summary',
          'results',
        ]);
        expect(e.entityRef).toBe(e.entityRef.toLowerCase());
        expect(e.results).toHaveLength(47);
        for (const res of e.results) {
          expect(Object.keys(res)).toEqual([
            'statement',
            'status',
            'reasons',
            'due',
          ]);
          expect(res.statement).toMatch(/^POL\.ITSEC\.\d{3}$/);
          expect([
            'met',
            'due-soon',
            'gap',
            'excepted',
            'not-applicable',
            'not-scored',
          ]).toContain(res.status);
          expect(Array.isArray(res.reasons)).toBe(true);
          expect(res.due === null || /^\d{4}-\d{2}-\d{2}$/.test(res.due)).toBe(
            true,
          );
        }
      }
      const byRef = Object.fromEntries(
        report.entities.map((e: any) => [e.entityRef, e]),
      );
      const status = (ref: string, id: string) =>
        byRef[ref].results.find((x: any) => x.statement === `POL.ITSEC.${id}`);

      // the System's own records
      expect(status('system:default/online-fines', '043')).toEqual({
        statement: 'POL.ITSEC.043',
        status: 'due-soon',
        reasons: ['dr-test-due-soon'],
        due: '2025-12-20',
      });
      expect(status('system:default/online-fines', '028').status).toBe('met');
      expect(status('system:default/online-fines', '022').status).toBe('met');
      // the Component inherits roles and records from its System (and the System's Domain)
      expect(status('component:default/fines-payments', '022').status).toBe(
        'met',
      );
      expect(status('component:default/fines-payments', '031').status).toBe(
        'met',
      );
      expect(status('component:default/fines-payments', '043').status).toBe(
        'due-soon',
      );
      // an entity with no System and only one annotation scores its gaps
      expect(
        status('component:default/fines-notifications', '022'),
      ).toMatchObject({ status: 'gap' });
      expect(byRef['component:default/fines-notifications'].score).toBe(0);
      expect(
        byRef['system:default/online-fines'].summary.counts['due-soon'],
      ).toBe(1);
    });

    it('evaluates on the given date', () => {
      const later = JSON.parse(
        itsec([
          'evaluate',
          'catalog/system.yaml',
          '--as-of=2026-01-15',
          '--format=json',
        ]).stdout,
      );
      const r043 = later.entities[0].results.find(
        (x: any) => x.statement === 'POL.ITSEC.043',
      );
      expect(r043).toMatchObject({
        status: 'gap',
        reasons: ['dr-test-overdue'],
        due: '2025-12-20',
      });
    });

    it('reports problems in the JSON and exits 1, without crashing on broken input', () => {
      const r = itsec([
        'evaluate',
        'broken',
        'catalog',
        '--as-of',
        '2025-12-01',
        '--format',
        'json',
      ]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.problems).toHaveLength(19);
      expect(report.problems[0]).toEqual({
        file: 'broken/bad-annotations.yaml',
        line: 6,
        message: expect.stringContaining(
          'itsec.justice.gov.uk/classification: "RESTRICTED"',
        ),
      });
      // an entity with malformed annotations is still scored, without the bad values
      expect(report.entities.map((e: any) => e.entityRef)).toContain(
        'system:default/case-management',
      );
      // one the catalog would reject is not
      expect(report.entities.map((e: any) => e.entityRef)).not.toContain(
        'component:default/case worker ui',
      );
    });

    it('prints a table and CSV', () => {
      const table = itsec(['evaluate', 'catalog', '--as-of', '2025-12-01']);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(
        /^Policy moj-ict-security-policy \S+, as of 2025-12-01: 5 entities\n\nENTITY +SCORE +MET +DUE-SOON +GAP +EXCEPTED +TOP GAPS\n/,
      );
      expect(table.stdout).toMatch(
        /\nsystem:default\/online-fines +100 +\d+ +1 +0 +0 +\n/,
      );
      expect(table.stdout).toMatch(
        /\nScored from the catalog files only: \d+ statements proven by an attestation in the portal are not scored \(attested-in-portal\); use --portal to score as the portal does\.\n$/,
      );

      const csv = itsec([
        'evaluate',
        'catalog',
        '--as-of',
        '2025-12-01',
        '--format',
        'csv',
      ]);
      expect(csv.code).toBe(0);
      const rows = csv.stdout.trim().split('\n');
      expect(rows[0]).toBe('entityRef,score,statement,status,reasons,due');
      expect(rows).toHaveLength(1 + 5 * 47);
      expect(rows).toContain(
        `system:default/online-fines,${
          rows
            .find(x => x.startsWith('system:default/online-fines,'))!
            .split(',')[1]
        },POL.ITSEC.043,due-soon,dr-test-due-soon,2025-12-20`,
      );
    });

    it('fails below a score threshold', () => {
      const r = itsec([
        'evaluate',
        'catalog/system.yaml',
        '--as-of',
        '2025-12-01',
        '--fail-below',
        '90',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /1 entity scores below 90: system:default\/online-fines/,
      );
      expect(
        itsec([
          'evaluate',
          'catalog/system.yaml',
          '--as-of',
          '2025-12-01',
          '--fail-below',
          '10',
        ]).code,
      ).toBe(0);
    });

    it('accepts a policy file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-policy-'));
      try {
        const policy = JSON.parse(
          fs.readFileSync(
            path.resolve(
              __dirname,
              '../../itsec-common/src/policy/moj-ict-security-policy.json',
            ),
            'utf8',
          ),
        );
        policy.id = 'team-policy';
        policy.statements = policy.statements.filter(
          (s: any) => s.id === 'POL.ITSEC.043',
        );
        fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
        const r = itsec(
          [
            'evaluate',
            path.join(FIXTURES, 'catalog/system.yaml'),
            '--as-of',
            '2025-12-01',
            '--format',
            'json',
            '--policy',
            'policy.json',
          ],
          dir,
        );
        expect(r.stderr).toBe('');
        const report = JSON.parse(r.stdout);
        expect(report.policy.id).toBe('team-policy');
        expect(report.entities[0].results.map((x: any) => x.statement)).toEqual(
          ['POL.ITSEC.043'],
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('accepts a YAML policy file and reports its problems by field', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'itsec-policy-'));
      const policy = (validity: string) =>
        [
          'id: team-policy',
          'title: Team policy',
          'version: 1',
          'lastReviewed: 2025-11-01',
          'sections:',
          '  - { id: s1, title: Records }',
          'statements:',
          '  - id: TEAM.DR',
          '    section: s1',
          '    title: DR plan tested',
          '    text: Systems must have a tested DR plan.',
          '    kind: record',
          '    check: dr-plan',
          '    evidence: A DR test within the validity',
          `    validity: ${validity}`,
          '    severity: high',
          '',
        ].join('\n');
      const run = () =>
        itsec(
          [
            'evaluate',
            path.join(FIXTURES, 'catalog/system.yaml'),
            '--as-of',
            '2025-12-01',
            '--format',
            'json',
            '--policy',
            'policy.yaml',
          ],
          dir,
        );
      try {
        fs.writeFileSync(path.join(dir, 'policy.yaml'), policy('P12M'));
        const ok = run();
        expect(ok.stderr).toBe('');
        const report = JSON.parse(ok.stdout);
        expect(report.policy.id).toBe('team-policy');
        expect(report.entities[0].results.map((x: any) => x.statement)).toEqual(
          ['TEAM.DR'],
        );

        fs.writeFileSync(path.join(dir, 'policy.yaml'), policy('a year'));
        const bad = run();
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain(
          'Invalid policy catalogue policy.yaml: 1 problem\n  - TEAM.DR statements[0].validity: must be an ISO 8601 duration',
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  (fs.existsSync(CORPUS) ? describe : describe.skip)(
    'on the real-world corpus',
    () => {
      it.each([['lint'], ['evaluate']])(
        '%s never crashes and reports problems as file:line: message',
        command => {
          const r = itsec([
            command,
            CORPUS,
            ...(command === 'evaluate'
              ? ['--as-of', '2025-12-01', '--format', 'json']
              : []),
          ]);
          expect(r.code).toBe(1);
          expect(r.stderr).not.toMatch(
            /TypeError|ReferenceError|at .*\.ts:\d+/,
          );
          const problems =
            command === 'lint'
              ? r.stdout.split('\n').filter(Boolean)
              : JSON.parse(r.stdout).problems.map(
                  (p: any) => `${p.file}:${p.line}: ${p.message}`,
                );
          expect(problems.length).toBeGreaterThan(5);
          for (const line of problems) expect(line).toMatch(PROBLEM_LINE);
          const text = problems.join('\n');
          // broken YAML, non-entity YAML, an unknown kind and a duplicate are all reported
          expect(text).toMatch(
            /skeleton__catalog-info\.yaml:\d+: YAML syntax error/,
          );
          expect(text).toMatch(
            /LLNL__radiuss-shared-ci__catalog-info\.yml:\d+: not a catalog entity/,
          );
          expect(text).toMatch(
            /catalog-info-broken\.yaml:\d+: kind "jlsdfijufio" is not a catalog kind/,
          );
          expect(text).toMatch(
            /ts-device-signer-kit-ethereum is defined twice/,
          );
        },
      );
    },
  );
});
