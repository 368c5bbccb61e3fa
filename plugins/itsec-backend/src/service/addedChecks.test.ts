import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  CheckDefinition,
  checkGap,
  checkResult,
  defineCheck,
  reasonArrays,
} from '@internal/plugin-itsec-common';
import { itsecChecksExtensionPoint } from '@internal/plugin-itsec-node';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import path from 'node:path';
import { OWNER, entity } from '../__testUtils__/fixtures';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';

jest.setTimeout(60_000);

const POLICY_FILE = path.resolve(
  __dirname,
  '__fixtures__/policy-with-added-check.yaml',
);
const DR_LEAD = 'user:default/dora.drlead';

/*
 * A backend module adds a check through itsecChecksExtensionPoint and the
 * policy file (itsec.policyFile) maps a statement to it. What an added check
 * does in a policy (its reasons, fixes and notified roles) is
 * itsec-common's, tested in evaluate/addedChecks.test.ts; here, that a
 * module's check reaches the scorecard, and what stops the backend starting.
 */

/** A team's check: a gap when one person is both the IAO and the DR lead. */
const REASONS = {
  'iao-is-dr-lead': {
    message: 'One person is both the IAO and the DR lead',
    annotation: 'itsec.justice.gov.uk/role-dr-lead',
    hint: 'Name another DR lead',
  },
  'roles-separate': { message: 'Different people' },
};
const R = reasonArrays(REASONS);
const separateRolesCheck = defineCheck({
  id: 'separate-roles',
  kind: 'record',
  description: 'The IAO is not also the DR lead',
  annotations: [],
  profileFields: ['roles'],
  reasons: REASONS,
  run(ctx, cs) {
    const iao = ctx.p.roles.iao?.[0]?.ref;
    return iao && iao === ctx.p.roles['dr-lead']?.[0]?.ref
      ? checkGap(ctx, cs, R['iao-is-dr-lead'], 'One person holds both')
      : checkResult(ctx, cs, 'met', R['roles-separate'], 'Separate', [], NaN);
  },
});

const checksModule = (moduleId: string, checks: CheckDefinition[]) =>
  createBackendModule({
    pluginId: 'itsec',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { itsec: itsecChecksExtensionPoint },
        async init({ itsec }) {
          itsec.addChecks(...checks);
        },
      });
    },
  });

const system = (name: string, iao: string, drLead: string) =>
  entity(
    'System',
    name,
    { owner: 'group:default/team-a' },
    { classification: 'OFFICIAL', 'role-iao': iao, 'role-dr-lead': drLead },
  );

/** Starts the plugin with a module per entry of `modules`, adding its checks. */
const start = (
  modules: Record<string, CheckDefinition[]> = {
    'team-checks': [separateRolesCheck],
  },
) =>
  startItsecTestBackend({
    clock: new FixedClock('2026-08-01T09:00:00Z'),
    entities: [
      system('separate', OWNER, DR_LEAD),
      system('combined', OWNER, OWNER),
    ],
    manualTasks: true,
    features: Object.entries(modules).map(([id, checks]) =>
      checksModule(id, checks),
    ),
    itsec: {
      policyFile: POLICY_FILE,
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
    },
  });

describe('a check added by a backend module', () => {
  let backend: ItsecTestBackend;

  beforeAll(async () => {
    backend = await start();
    await backend.evaluate();
  });

  afterAll(async () => backend?.stop());

  const results = async (name: string) => {
    const res = await backend.get(
      `/entities/system/default/${name}/scorecard`,
      OWNER,
    );
    expect(res.status).toBe(200);
    return res.body.evaluation.results;
  };

  it('scores the statement the policy file maps to it, beside the built-in checks', async () => {
    expect(await results('separate')).toEqual([
      expect.objectContaining({
        statementId: 'TEAM-SEPARATION',
        status: 'met',
        reasons: ['roles-separate'],
      }),
      expect.objectContaining({ statementId: 'TEAM-ROLES', status: 'met' }),
    ]);
    const [separation] = await results('combined');
    expect(separation).toMatchObject({
      statementId: 'TEAM-SEPARATION',
      status: 'gap',
      reasons: ['iao-is-dr-lead'],
      message: 'One person holds both',
      remediation: {
        annotation: 'itsec.justice.gov.uk/role-dr-lead',
        hint: 'Name another DR lead',
      },
    });
  });
});

describe('the checks extension point', () => {
  it('refuses to start when the policy file names a check no module added', async () => {
    await expect(start({})).rejects.toThrow(
      /TEAM-SEPARATION statements\[0\]\.check: must be one of .* for a record statement, got "separate-roles"/,
    );
  });

  it('refuses a check whose id is already taken', async () => {
    const drPlan = defineCheck({ ...separateRolesCheck, id: 'dr-plan' });
    await expect(start({ 'team-checks': [drPlan] })).rejects.toThrow(
      "itsec checks: 'dr-plan' is already the id of a built-in check",
    );
    await expect(
      start({
        'team-checks': [separateRolesCheck],
        'other-checks': [separateRolesCheck],
      }),
    ).rejects.toThrow(
      "itsec checks: 'separate-roles' is already the id of an added check",
    );
  });
});
