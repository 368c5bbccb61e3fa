import { createServiceFactory } from '@backstage/backend-plugin-api';
import { ItsecClock, itsecClockServiceRef } from '../clock';

/**
 * A clock that stays where it is set and moves only when told: for tests
 * and benchmarks.
 *
 * @public
 */
export class FixedClock implements ItsecClock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock to `date`. */
  set(date: Date | string): void {
    this.current = new Date(date);
  }

  /** Moves the clock on by whole days of 24 hours. */
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/**
 * A service factory installing `clock` as the itsec backend's clock
 * (`itsecClockServiceRef`).
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
