import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CheckDefinition } from '@internal/plugin-itsec-common';

/**
 * Adds checks to the itsec backend, beside the built-in ones, so that a
 * policy file (`itsec.policyFile`) can map its statements to them by id.
 *
 * @public
 */
export interface ItsecChecksExtensionPoint {
  /**
   * Adds check modules, in the shape of the built-in ones (see
   * CONTRIBUTING.md, "Adding a check"). An id that is already a check is
   * refused when the backend starts.
   */
  addChecks(...checks: Array<CheckDefinition | CheckDefinition[]>): void;
}

/**
 * The extension point for extra checks of the itsec backend plugin.
 *
 * @example
 * ```ts
 * createBackendModule({
 *   pluginId: 'itsec',
 *   moduleId: 'team-checks',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { itsec: itsecChecksExtensionPoint },
 *       async init({ itsec }) {
 *         itsec.addChecks(threatModelCheck);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const itsecChecksExtensionPoint =
  createExtensionPoint<ItsecChecksExtensionPoint>({
    id: 'itsec.checks',
  });
