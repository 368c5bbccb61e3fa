/**
 * Node library for the itsec plugins.
 *
 * @packageDocumentation
 */

export {};
