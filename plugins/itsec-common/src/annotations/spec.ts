import { CHECKS } from '../evaluate/checks';
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
