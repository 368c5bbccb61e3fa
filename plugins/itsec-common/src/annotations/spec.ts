import { CHECKS, CHECK_ANNOTATIONS, checkOf } from '../evaluate/checks';
import type { PolicyCatalogue, PolicyStatement } from '../policy/types';
import {
  declarationOrder,
  ItsecAnnotationGroup,
  ItsecAnnotationSpec,
} from './annotationSpec';
import { CONDITION_ANNOTATIONS } from './conditionSpecs';
import { ITSEC_ANNOTATION_PREFIX } from '../profile/annotations';

export {
  DISPOSAL_SCOPE_VALUES,
  DR_TEST_OUTCOME_VALUES,
  PIA_OUTCOME_VALUES,
  SIRO_KINDS,
} from './annotationSpec';
export type {
  ItsecAnnotationFormat,
  ItsecAnnotationGroup,
  ItsecAnnotationSpec,
} from './annotationSpec';

/** Documentation order of the groups. */
const GROUP_ORDER: readonly ItsecAnnotationGroup[] = [
  'classification',
  'flags',
  'roles',
  'security-procedures',
  'risk-assessment',
  'accreditation',
  'itso-advice',
  'bia',
  'pia',
  'change-log',
  'incident',
  'disposal',
  'dr-plan',
  'suppliers',
];

/**
 * Every itsec annotation, in documentation order: the classification and
 * flags, then the rows each check module declares (evaluate/checks/*.ts).
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPECS: readonly ItsecAnnotationSpec[] =
  Object.freeze(
    [
      ...Object.values(CONDITION_ANNOTATIONS),
      ...new Set(CHECKS.flatMap(c => c.annotations)),
    ]
      .filter((s, i, all) => all.findIndex(x => x.key === s.key) === i)
      .sort(
        (a, b) =>
          GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
          declarationOrder(a) - declarationOrder(b),
      ),
  );

/**
 * Annotation specs by short key ('dr-plan-last-test').
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPEC_BY_KEY: ReadonlyMap<
  string,
  ItsecAnnotationSpec
> = new Map(ITSEC_ANNOTATION_SPECS.map(s => [s.key, s]));

/**
 * Annotation specs by full name ('itsec.justice.gov.uk/dr-plan-last-test').
 *
 * @public
 */
export const ITSEC_ANNOTATION_SPEC_BY_NAME: ReadonlyMap<
  string,
  ItsecAnnotationSpec
> = new Map(ITSEC_ANNOTATION_SPECS.map(s => [s.name, s]));

/**
 * The full name of an itsec annotation from its short key.
 *
 * @public
 */
export function itsecAnnotation(key: string): string {
  return `${ITSEC_ANNOTATION_PREFIX}${key}`;
}

const statementsByPolicy = new WeakMap<
  PolicyCatalogue,
  Map<string, readonly string[]>
>();

function dependsOn(spec: ItsecAnnotationSpec, s: PolicyStatement): boolean {
  const checks = CHECK_ANNOTATIONS.get(spec.name);
  const check = checkOf(s)?.id;
  if (check && (checks as readonly string[] | undefined)?.includes(check))
    return true;
  const conditions = [
    s.appliesWhen,
    ...(s.requiredRoles ?? []).map(r => r.when),
  ];
  return (
    conditions.some(when => {
      if (!when) return false;
      if (spec.flag)
        return [...(when.allFlags ?? []), ...(when.anyFlags ?? [])].includes(
          spec.flag,
        );
      return (
        spec.format === 'classification' &&
        (when.classifications !== undefined || when.sensitive !== undefined)
      );
    }) ||
    (spec.format === 'classification' && !!s.validityWhenSensitive)
  );
}

/**
 * The ids of the statements of `policy` an annotation is evidence for, in
 * policy order: those whose check reads it (so a custom policy's own
 * statements when it maps them to the checks), and, for the classification
 * and the flags, those whose applicability, required roles or validity
 * depend on it.
 *
 * @public
 */
export function annotationStatements(
  spec: ItsecAnnotationSpec,
  policy: PolicyCatalogue,
): readonly string[] {
  let byName = statementsByPolicy.get(policy);
  if (!byName) {
    byName = new Map();
    statementsByPolicy.set(policy, byName);
  }
  let ids = byName.get(spec.name);
  if (!ids) {
    ids = Object.freeze(
      policy.statements.filter(s => dependsOn(spec, s)).map(s => s.id),
    );
    byName.set(spec.name, ids);
  }
  return ids;
}
