/*
 * Reason codes the engine gives for any check: applicability, missing
 * classification, future-dated evidence, missing roles, exceptions and
 * statements that are not scored. A check's own codes live in its module.
 */
import { CONDITION_ANNOTATIONS } from '../annotations/conditionSpecs';
import type { CheckReason } from './checks/types';

/** A statement that depends on classification, for an entity with none. */
export const CLASSIFICATION_MISSING: CheckReason = Object.freeze({
  message: 'No classification recorded, and the statement depends on it',
  annotation: CONDITION_ANNOTATIONS.classification.name,
  hint: 'Set the classification: OFFICIAL, SECRET or TOP SECRET (with the SENSITIVE caveat for OFFICIAL-SENSITIVE), here or on the System / Domain',
});

/**
 * The engine's own reason codes (besides `<role>-missing` for each role a
 * statement requires), with what they mean. Their remediation is built in
 * remediation.ts, from the statement.
 */
export const ENGINE_REASONS: Readonly<Record<string, CheckReason>> =
  Object.freeze({
    'classification-missing': CLASSIFICATION_MISSING,
    'not-applicable': {
      message: 'The statement\u2019s conditions do not hold',
    },
    'applicability-unknown': {
      message:
        'A flag the statement\u2019s conditions depend on is not recorded',
    },
    'evidence-future-dated': {
      message: 'Evidence is dated after the evaluation date',
    },
    'exception-approved': { message: 'An approved exception covers the gap' },
    'exception-expiring': {
      message: 'The approved exception expires within the window',
    },
    'exception-expired': { message: 'The exception has expired' },
    'exception-requested': {
      message: 'An exception is requested, not yet approved',
    },
    'organisation-statement': {
      message: 'Applies to the organisation or a whole domain',
    },
    'behaviour-statement': { message: 'User behaviour; guidance only' },
    'attested-in-portal': {
      message:
        'Proven by an attestation in the portal, which this evaluation cannot see: not scored',
    },
  });
