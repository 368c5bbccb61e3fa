import path from 'node:path';
import { ITSO, OWNER, STRANGER, entity } from '../__testUtils__/fixtures';
import {
  RecordingNotificationService,
  notificationServiceFactory,
} from '../__testUtils__/notifications';
import {
  ItsecTestBackend,
  startItsecTestBackend,
} from '../__testUtils__/backend';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(60_000);

/*
 * A team's own policy (itsec.policyFile), with its own statement ids mapped
 * to our checks: everything statement-specific must follow the check.
 */
const POLICY_FILE = path.resolve(
  __dirname,
  '../../../itsec-common/src/evaluate/__fixtures__/team-policy.json',
);

const SYSTEM = 'system:default/team-sys';
const DR_LEAD = 'user:default/dora.drlead';

/** The IAO is OWNER (who may write here); the DR lead acknowledged on paper. */
const entities = () => [
  entity(
    'System',
    'team-sys',
    { owner: 'group:default/team-a' },
    {
      classification: 'OFFICIAL',
      'role-iao': OWNER,
      'role-dr-lead': DR_LEAD,
      'role-acknowledgements': 'dora.drlead=2026-07-01',
      'role-acknowledgements-evidence': 'https://docs.example/team/acks',
      'dr-plan': 'https://docs.example/team/dr',
      'dr-plan-rto': '4h',
      'dr-plan-rpo': '15m',
      'dr-plan-last-test': '2025-09-17 pass',
    },
    'Team System',
  ),
];

describe('a custom policy through the backend', () => {
  // The DR test was on 2025-09-17: TEAM-DR (validity P12M) is due 2026-09-17.
  const clock = new FixedClock('2026-08-01T09:00:00Z');
  const notifications = new RecordingNotificationService();
  let backend: ItsecTestBackend;

  const statusOf = async (statementId: string) => {
    const res = await backend.get(
      '/entities/system/default/team-sys/scorecard',
      OWNER,
    );
    expect(res.status).toBe(200);
    return res.body.evaluation.results.find(
      (r: { statementId: string }) => r.statementId === statementId,
    );
  };

  beforeAll(async () => {
    backend = await startItsecTestBackend({
      clock,
      entities: entities(),
      manualTasks: true,
      features: [notificationServiceFactory(notifications)],
      itsec: {
        policyFile: POLICY_FILE,
        itsoGroup: 'group:default/itso',
        schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
        notifications: { enabled: true, digest: { enabled: false } },
      },
    });
    await backend.evaluate();
  });

  afterAll(async () => backend?.stop());

  it('scores the entity against the policy, under its own statement ids', async () => {
    const res = await backend.get(
      '/entities/system/default/team-sys/scorecard',
      OWNER,
    );
    expect(res.status).toBe(200);
    const ids = res.body.evaluation.results.map(
      (r: { statementId: string }) => r.statementId,
    );
    expect(ids.sort()).toEqual([
      'TEAM-ACK',
      'TEAM-CRYPTO',
      'TEAM-DR',
      'TEAM-REVIEW',
      'TEAM-ROLES',
    ]);
    expect(await statusOf('TEAM-ROLES')).toMatchObject({ status: 'met' });
    expect(await statusOf('TEAM-DR')).toMatchObject({ status: 'met' });
  });

  it("counts the paper acknowledgement, and takes the role holder's own one in the portal as a role acknowledgement", async () => {
    // The DR lead signed on paper; the IAO has not acknowledged yet.
    const before = await statusOf('TEAM-ACK');
    expect(before.status).toBe('gap');
    expect(before.message).toContain(OWNER.replace('user:default/', ''));
    expect(before.message).not.toContain('dora.drlead');

    const ack = await backend.post(
      '/attestations',
      {
        entityRef: SYSTEM,
        statementId: 'TEAM-ACK',
        evidenceLink: 'https://docs.example/team/iao-ack',
        statement: 'I acknowledge my responsibilities as IAO',
      },
      OWNER,
    );
    expect(ack.status).toBe(201);
    expect(await statusOf('TEAM-ACK')).toMatchObject({ status: 'met' });

    // Someone else's attempt is refused, and audited as a role acknowledgement.
    const refused = await backend.post(
      '/attestations',
      {
        entityRef: SYSTEM,
        statementId: 'TEAM-ACK',
        evidenceLink: 'https://docs.example/team/not-mine',
        statement: 'I acknowledge a role I do not hold',
      },
      STRANGER,
    );
    expect(refused.status).toBe(403);
    const audit = await backend.get(
      `/audit?entityRef=${encodeURIComponent(SYSTEM)}&outcome=denied`,
      ITSO,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'role.acknowledge', actor: STRANGER }),
    ]);
  });

  it("notifies the roles the statement's check names", async () => {
    notifications.clear();
    clock.set('2026-08-20T09:00:00Z');
    await backend.evaluate();
    const dueSoon = notifications.of(SYSTEM, 'TEAM-DR', 'due-soon');
    expect(dueSoon).toHaveLength(1);
    // The dr-plan check names the DR lead (not the default IAO and system manager).
    expect(dueSoon[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-a', DR_LEAD],
    });
  });
});
