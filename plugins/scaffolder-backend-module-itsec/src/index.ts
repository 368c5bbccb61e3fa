/**
 * Scaffolder actions for the itsec plugins.
 *
 * @packageDocumentation
 */

export {};
