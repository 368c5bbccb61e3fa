import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/** Where the itsec backend reads the time: inject a fixed clock in tests. */
export interface ItsecClock {
  now(): Date;
}

/** 'YYYY-MM-DD' of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The clock of the itsec backend. Defaults to the system clock; tests replace
 * it with {@link fixedClockFactory}.
 *
 * @public
 */
export const itsecClockServiceRef = createServiceRef<ItsecClock>({
  id: 'itsec.clock',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { pluginMetadata: coreServices.pluginMetadata },
      factory: () => ({ now: () => new Date() }),
    }),
});

/** A clock that can be set and advanced, for tests and the bench. */
export class FixedClock implements ItsecClock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }

  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/**
 * A service factory installing `clock` as the itsec backend's clock.
 *
 * @public
 */
export function fixedClockFactory(clock: ItsecClock) {
  return createServiceFactory({
    service: itsecClockServiceRef,
    deps: {},
    factory: () => clock,
  });
}
