import {
  ServiceFactory,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { ItsecClock, itsecClockServiceRef } from './clock';
import { FixedClock, fixedClockFactory } from './testUtils';

/** The clock an `itsec` plugin is given on a test backend with `features`. */
async function clockOfPlugin(features: ServiceFactory[]): Promise<ItsecClock> {
  let clock: ItsecClock | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'itsec',
    register(env) {
      env.registerInit({
        deps: { clock: itsecClockServiceRef },
        async init(deps) {
          clock = deps.clock;
        },
      });
    },
  });
  const backend = await startTestBackend({ features: [plugin, ...features] });
  await backend.stop();
  return clock!;
}

describe('itsecClockServiceRef', () => {
  it('is the system clock by default', async () => {
    const clock = await clockOfPlugin([]);
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('is the fixed clock a test installs, which moves only when told', async () => {
    const fixed = new FixedClock('2026-10-01T09:00:00Z');
    const clock = await clockOfPlugin([fixedClockFactory(fixed)]);
    expect(clock.now().toISOString()).toBe('2026-10-01T09:00:00.000Z');
    fixed.advanceDays(2);
    expect(clock.now().toISOString()).toBe('2026-10-03T09:00:00.000Z');
    fixed.set('2027-01-31T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-31T00:00:00.000Z');
    // Callers get a copy: changing it does not move the clock.
    clock.now().setUTCFullYear(2030);
    expect(clock.now().toISOString()).toBe('2027-01-31T00:00:00.000Z');
  });
});
