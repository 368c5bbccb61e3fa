/**
 * Common library for the itsec plugins: the policy catalogue (MoJ ICT Security
 * Policy by default), the security profile types, profile inheritance and the
 * pure evaluation engine.
 *
 * @packageDocumentation
 */

export * from './policy';
export * from './profile';
export * from './inheritance';
export * from './evaluate';
export * from './dates';
export * from './annotations';
export * from './codeOfConnection';
export * from './permissions';
export * from './api';
export * from './csv';
export * from './vocabulary';
