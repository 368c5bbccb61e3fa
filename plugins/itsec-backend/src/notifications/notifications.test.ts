import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { OWNER, SIRO, fixtureEntities } from '../__testUtils__/fixtures';
import {
  RecordingNotificationService,
  notificationServiceFactory,
} from '../__testUtils__/notifications';
import { as, startItsecTestBackend } from '../__testUtils__/backend';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';

jest.setTimeout(60_000);

const CIVIL = 'system:default/civil';
const DR = 'POL.ITSEC.043';
const DR_LEAD = 'user:default/dora.drlead';

/** The fixture portfolio, with a DR lead on the civil system. */
function entities() {
  const all = fixtureEntities();
  const civil = all.find(e => e.metadata.name === 'civil')!;
  civil.metadata.annotations![`itsec.justice.gov.uk/role-dr-lead`] = DR_LEAD;
  return all;
}

function startBackend(
  clock: FixedClock,
  notifications: RecordingNotificationService,
  notificationsConfig: JsonObject,
) {
  return startItsecTestBackend({
    clock,
    entities: entities(),
    manualTasks: true,
    features: [notificationServiceFactory(notifications)],
    itsec: {
      itsoGroup: 'group:default/itso',
      schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
      notifications: notificationsConfig,
    },
  });
}

/** Notifications on, with the digest task run daily (it sends at most once a week). */
const ENABLED_DAILY = {
  enabled: true,
  digest: {
    schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 } },
  },
};

describe('itsec notifications', () => {
  // The civil system's DR plan was last tested on 2025-09-17: due 2026-09-17.
  const clock = new FixedClock('2026-08-01T09:00:00Z');
  const notifications = new RecordingNotificationService();
  let backend: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    backend = await startBackend(clock, notifications, ENABLED_DAILY);
  });

  afterAll(async () => backend?.stop());

  it('notifies due-soon once, to the owner group and the DR lead, with a link to the Security tab', async () => {
    await backend.evaluate();
    expect(notifications.of(CIVIL, DR)).toEqual([]);
    notifications.clear();

    // Evidence ageing: 28 days before the DR test falls due.
    clock.set('2026-08-20T09:00:00Z');
    await backend.evaluate();
    const dueSoon = notifications.of(CIVIL, DR, 'due-soon');
    expect(dueSoon).toHaveLength(1);
    expect(dueSoon[0]).toEqual({
      recipients: {
        type: 'entity',
        entityRef: ['group:default/team-a', DR_LEAD],
      },
      payload: expect.objectContaining({
        title:
          'Civil Money Claims: POL.ITSEC.043 Disaster recovery plan tested falls due on 2026-09-17',
        link: '/catalog/default/system/civil/security',
        severity: 'normal',
        topic: 'itsec-due-soon',
        scope: `itsec:${CIVIL}:${DR}:due-soon:2026-09-17`,
      }),
    });

    // Later runs (the same day and the next days) send nothing again.
    const sent = notifications.sent.length;
    await backend.evaluate();
    clock.set('2026-08-21T09:00:00Z');
    await backend.evaluate();
    await backend.evaluate();
    expect(notifications.sent.length).toBe(sent);
  });

  it('notifies overdue once when the due date passes', async () => {
    clock.set('2026-09-18T09:00:00Z');
    await backend.evaluate();
    await backend.evaluate();
    clock.set('2026-09-19T09:00:00Z');
    await backend.evaluate();
    const overdue = notifications.of(CIVIL, DR, 'overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].payload).toMatchObject({
      title:
        'Civil Money Claims: POL.ITSEC.043 Disaster recovery plan tested is now a gap',
      severity: 'high',
      link: '/catalog/default/system/civil/security',
    });
    expect(overdue[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-a', DR_LEAD],
    });
  });

  it('notifies the SIRO once when an exception nears expiry and once when it expires', async () => {
    const created = await request(backend.server)
      .post('/api/itsec/exceptions')
      .set('Authorization', as(OWNER))
      .send({
        entityRef: CIVIL,
        statementId: DR,
        justification: 'DR test booked for October',
        compensatingControls: 'Daily restore checks',
        expiresOn: '2026-10-10',
      });
    expect(created.status).toBe(201);
    const approved = await request(backend.server)
      .post(`/api/itsec/exceptions/${created.body.id}/approve`)
      .set('Authorization', as(SIRO))
      .send({});
    expect(approved.status).toBe(200);
    // The approval re-evaluates the entity: the exception ends within 30 days.
    await backend.evaluate();
    await backend.evaluate();
    const expiring = notifications.of(CIVIL, DR, 'exception-expiring');
    expect(expiring).toHaveLength(1);
    expect(expiring[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-a', SIRO],
    });
    expect(expiring[0].payload.scope).toBe(
      `itsec:${CIVIL}:${DR}:exception-expiring:2026-10-10`,
    );

    clock.set('2026-10-11T09:00:00Z');
    await backend.evaluate();
    await backend.evaluate();
    const expired = notifications.of(CIVIL, DR, 'exception-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0].payload).toMatchObject({
      severity: 'high',
      link: '/catalog/default/system/civil/security',
    });
    expect(expired[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/team-a', SIRO],
    });
    // The gap coming back is the exception expiring, not a second "overdue".
    expect(notifications.of(CIVIL, DR, 'overdue')).toHaveLength(1);
  });

  it('never sends one transition twice', () => {
    const scopes = notifications.sent.map(s => s.payload.scope);
    expect(new Set(scopes).size).toBe(scopes.length);
  });

  it('sends the weekly digest to the ITSO group once a week, linking to the filtered portfolio', async () => {
    notifications.clear();
    await backend.digest();
    const digest = [...notifications.sent];
    expect(digest.length).toBeGreaterThan(0);
    for (const d of digest) {
      expect(d.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/itso'],
      });
      expect(d.payload.topic).toBe('itsec-weekly-digest');
      expect(d.payload.link).toMatch(/^\/itsec(\?|$)/);
    }
    const newGaps = digest.find(d => d.payload.scope?.includes('new-gaps'));
    // 2026-10-11 is a Sunday: the week began on Monday 2026-10-05.
    expect(newGaps?.payload.scope).toBe(
      'itsec:digest:digest-new-gaps:2026-10-05',
    );
    // The DR gap opened again this week.
    expect(newGaps?.payload.description).toContain(
      'POL.ITSEC.043 Disaster recovery plan tested',
    );
    const query = new URLSearchParams(newGaps!.payload.link!.split('?')[1]);
    expect(query.getAll('status')).toEqual(['gap']);
    expect(query.getAll('statement')).toContain(DR);

    // Again the same week: nothing more.
    await backend.digest();
    expect(notifications.sent.length).toBe(digest.length);

    // The next week: a new digest.
    clock.set('2026-10-12T09:00:00Z');
    await backend.digest();
    expect(notifications.sent.length).toBeGreaterThan(digest.length);
    expect(
      notifications.sent
        .slice(digest.length)
        .every(d => d.payload.scope?.endsWith(':2026-10-12')),
    ).toBe(true);
  });

  it('retries a failed send on the next run, once', async () => {
    notifications.clear();
    notifications.failing = true;
    // The attestation makes civil's POL.ITSEC.005 due soon (valid to 2026-10-31).
    const attested = await request(backend.server)
      .post('/api/itsec/attestations')
      .set('Authorization', as(OWNER))
      .send({
        entityRef: CIVIL,
        statementId: 'POL.ITSEC.005',
        evidenceLink: 'https://docs.example/sso',
        statement: 'SSO checked',
        validUntil: '2026-10-31',
      });
    expect(attested.status).toBe(201);
    expect(notifications.sent).toEqual([]);
    notifications.failing = false;
    await backend.evaluate();
    await backend.evaluate();
    const sso = notifications.of(CIVIL, 'POL.ITSEC.005', 'due-soon');
    expect(sso).toHaveLength(1);
  });
});

describe('itsec notifications when disabled', () => {
  it('sends nothing, neither transitions nor digests', async () => {
    const clock = new FixedClock('2026-08-01T09:00:00Z');
    const notifications = new RecordingNotificationService();
    const backend = await startBackend(clock, notifications, {
      enabled: false,
    });
    try {
      for (const day of ['2026-08-01', '2026-08-20', '2026-09-18']) {
        clock.set(`${day}T09:00:00Z`);
        await backend.evaluate();
      }
      await expect(backend.digest()).rejects.toThrow();
      expect(notifications.sent).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});

describe('the first weekly digest on a fresh database', () => {
  it('reports newly evaluated entities once, not each of their gaps as opened', async () => {
    const clock = new FixedClock('2026-10-07T09:00:00Z');
    const notifications = new RecordingNotificationService();
    const backend = await startBackend(clock, notifications, ENABLED_DAILY);
    const digestScopes = () =>
      notifications.sent
        .filter(d => d.payload.topic === 'itsec-weekly-digest')
        .map(d => d.payload.scope);
    try {
      await backend.evaluate();
      clock.set('2026-10-08T09:00:00Z');
      await backend.digest();
      expect(digestScopes()).not.toContainEqual(
        expect.stringContaining('new-gaps'),
      );
      const first = notifications.sent.find(d =>
        d.payload.scope?.includes('digest-new-entities'),
      );
      expect(first?.payload.title).toMatch(
        /^ITSEC weekly digest: \d+ entities evaluated for the first time$/,
      );
      expect(first?.payload.description).toMatch(
        /^First evaluated since 2026-10-01, with \d+ gaps between them: .+ \(\d+ gaps\)/,
      );
      expect(first?.payload.description).toContain('Civil');

      // A week on, the same entities have a baseline: nothing is new.
      notifications.clear();
      clock.set('2026-10-15T09:00:00Z');
      await backend.evaluate();
      await backend.digest();
      expect(digestScopes().length).toBeGreaterThan(0);
      expect(digestScopes()).not.toContainEqual(
        expect.stringMatching(/new-entities|new-gaps/),
      );
    } finally {
      await backend.stop();
    }
  });
});
