import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleItsec from '../index';

/** The kinds the demo and the tests register, CodeOfConnection included. */
export const ALLOWED_KINDS = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Domain',
  'Group',
  'User',
  'CodeOfConnection',
];

/**
 * Starts a real catalog with this module, reading one file location (an
 * absolute path), optionally re-processing every few seconds.
 */
export function startCatalogWithItsec(
  target: string,
  options: { processingIntervalSeconds?: number } = {},
) {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleItsec,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ALLOWED_KINDS }],
            locations: [{ type: 'file', target }],
            // Codes of Connection are checked against their system once it
            // is in the catalog: re-process soon rather than in minutes.
            ...(options.processingIntervalSeconds
              ? {
                  processingInterval: {
                    seconds: options.processingIntervalSeconds,
                  },
                }
              : {}),
          },
        },
      }),
    ],
  });
}
