import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Where the itsec backend reads the time: the evaluation date, due dates and
 * the audit log all come from it, so tests can fix it.
 *
 * @public
 */
export interface ItsecClock {
  /** The current time. */
  now(): Date;
}

/**
 * The clock of the itsec backend. Defaults to the system clock; tests replace
 * it with `fixedClockFactory` from this package's `/testUtils` entry.
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
