import { ConfigReader } from '@backstage/config';
import { SCORED_KINDS } from '@internal/plugin-itsec-common';
import { FixedClock } from '@internal/plugin-itsec-node/testUtils';
import request from 'supertest';
import { as, startItsecTestBackend } from '../__testUtils__/backend';
import { ITSO, SCORED_REFS, STRANGER } from '../__testUtils__/fixtures';
import { readItsecBackendConfig } from '../config';

jest.setTimeout(60_000);

describe('scored kinds: a Domain is not scored', () => {
  it('scores the shared SCORED_KINDS by default', () => {
    expect(readItsecBackendConfig(new ConfigReader({})).kinds).toEqual([
      ...SCORED_KINDS,
    ]);
  });

  it('refuses a Domain in itsec.kinds, naming the key and the kinds allowed', () => {
    expect(() =>
      readItsecBackendConfig(
        new ConfigReader({ itsec: { kinds: ['System', 'Domain'] } }),
      ),
    ).toThrow(
      "itsec.kinds: 'domain' is not a kind that gets a scorecard; use some of system, component, resource, api (a Domain is not scored: its Systems inherit its roles and facts)",
    );
  });

  describe('on a running backend', () => {
    const clock = new FixedClock('2026-10-01T09:00:00Z');
    let server: any;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      const backend = await startItsecTestBackend({
        clock,
        itsec: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
        },
      });
      server = backend.server;
      stop = backend.stop;
    });

    afterAll(async () => {
      await stop?.();
    });

    it('has no scorecard for a Domain, even when asked for one', async () => {
      const res = await request(server)
        .get('/api/itsec/entities/domain/default/hmcts/scorecard')
        .set('Authorization', as(STRANGER));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'No scorecard for domain:default/hmcts',
      );
      const refreshed = await request(server)
        .post('/api/itsec/entities/domain/default/hmcts/refresh')
        .set('Authorization', as(ITSO));
      expect(refreshed.status).toBe(404);
    });

    it('lists no Domain in the portfolio, while its systems are scored', async () => {
      const res = await request(server)
        .get('/api/itsec/portfolio?limit=100')
        .set('Authorization', as(STRANGER));
      expect(res.status).toBe(200);
      const kinds = new Set(res.body.items.map((r: any) => r.kind));
      expect([...kinds].sort()).toEqual(['component', 'system']);
      expect(res.body.total).toBe(SCORED_REFS.length);
    });
  });
});
