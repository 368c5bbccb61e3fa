import { spawnSync } from 'node:child_process';
import path from 'node:path';

/*
 * End-to-end through the real `bin/itsec`: a team's own policy file (its own
 * statement ids, mapped to built-in checks) is evaluated by check, and no
 * MoJ statement id leaks into the report.
 */

jest.setTimeout(60_000);

const BIN = path.resolve(__dirname, '../bin/itsec');
const DIR = path.resolve(__dirname, '__fixtures__/custom-policy');

function evaluate(format: 'json' | 'table') {
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.npm_command;
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'evaluate',
      'catalog-info.yaml',
      '--policy',
      'team-policy.yaml',
      '--as-of',
      '2025-12-01',
      '--format',
      format,
    ],
    { cwd: DIR, env, encoding: 'utf8' },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('itsec evaluate --policy with a custom policy', () => {
  it('evaluates the policy\u2019s own statements by their checks', () => {
    const r = evaluate('json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.policy).toEqual({ id: 'team-policy', version: '0.3.0' });
    const results = Object.fromEntries(
      report.entities.map((e: any) => [
        e.entityRef,
        e.results.map((x: any) => `${x.statement} ${x.status} ${x.reasons}`),
      ]),
    );
    expect(results).toEqual({
      'component:default/team-payments': [
        'TEAM-ROLES met roles-named',
        // role holders named, none acknowledged in the files: the portal may hold it
        'TEAM-ACK not-scored attested-in-portal',
        'TEAM-DR met dr-test-current',
        'TEAM-CRYPTO not-applicable not-applicable',
        'TEAM-REVIEW not-scored policy-review-current',
      ],
      'component:default/team-reports': [
        'TEAM-ROLES gap iao-missing,dr-lead-missing',
        'TEAM-ACK gap roles-missing',
        'TEAM-DR gap dr-plan-missing',
        'TEAM-CRYPTO gap attestation-missing,comso-missing',
        'TEAM-REVIEW not-scored policy-review-current',
      ],
    });
    const reports = report.entities.find(
      (e: any) => e.entityRef === 'component:default/team-reports',
    );
    expect(
      reports.summary.topGaps.find((g: any) => g.statementId === 'TEAM-ACK')
        .message,
    ).toBe('No security role holders are named (see TEAM-ROLES)');
    expect(r.stdout).not.toMatch(/POL\.ITSEC/);
  });

  it('prints the scorecards with the policy\u2019s ids', () => {
    const r = evaluate('table');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Policy team-policy 0\.3\.0, as of 2025-12-01: 2 entities\n/,
    );
    expect(r.stdout).toContain(
      'component:default/team-payments    100    2         0    0         0',
    );
    expect(r.stdout).not.toMatch(/POL\.ITSEC/);
  });
});
