import {
  ITSEC_ANNOTATION_SPEC_BY_NAME,
  ITSEC_ANNOTATION_PREFIX,
  PolicyCatalogue,
  annotationStatements,
  mojIctSecurityPolicy,
} from '@internal/plugin-itsec-common';

/** A kind of lint problem, as a SARIF rule describes it. */
export interface ProblemRule {
  id: string;
  /** One line: what is wrong. */
  title: string;
  /** How to fix it. */
  help: string;
}

const RULES: readonly ProblemRule[] = [
  {
    id: 'yaml-syntax',
    title: 'The YAML cannot be parsed',
    help: 'Fix the YAML syntax at the line shown (indentation, quotes, a missing colon): the catalog cannot read anything in this document.',
  },
  {
    id: 'not-an-entity',
    title: 'A YAML document that is not a catalog entity',
    help: 'A catalog file holds entities: mappings with apiVersion, kind, metadata.name and spec. Move other YAML out of the catalog files, or out of the paths given to itsec.',
  },
  {
    id: 'catalog-rejects',
    title: 'The catalog would reject this entity',
    help: 'Fix the field the message names: the catalog’s own entity validation rejects it, so the portal will neither show nor score the entity.',
  },
  {
    id: 'duplicate-entity',
    title: 'An entity defined twice',
    help: 'Give each entity a unique kind, namespace and metadata.name: the catalog keeps only one of them.',
  },
  {
    id: 'code-of-connection',
    title: 'A malformed CodeOfConnection',
    help: 'Fix the CodeOfConnection field the message names (see docs/annotations.md, "Codes of Connection"): a malformed one does not count for POL.ITSEC.028.',
  },
  {
    id: 'code-of-connection-not-counted',
    title: 'A Code of Connection owned or approved by someone who may not',
    help: 'A CodeOfConnection belongs to the system’s owner or the ITSO group, and each approval is given by the person who holds that role for the system: change spec.owner or spec.approvals.<role>.by, or name the role holder on the System.',
  },
  {
    id: 'accreditor-in-owning-group',
    title: 'An Accreditor who is a member of the team that owns the entity',
    help: 'The Accreditor decides independently of the delivery team (POL.ITSEC.013, POL.ITSEC.022): name in role-accreditor an Accreditor who is not a member of the owning group or its sub-groups. Until then the accreditation decision does not count and the role is a gap.',
  },
  {
    id: 'unknown-annotation',
    title: 'An unknown itsec.justice.gov.uk/ annotation',
    help: 'Use one of the annotations documented in docs/annotations.md (the message suggests the nearest); an unknown one is ignored, so it proves nothing.',
  },
];

const BY_ID = new Map(RULES.map(r => [r.id, r]));

/** The rule of a problem: its kind, or the annotation it is about. */
export function problemRule(
  rule: string | undefined,
  policy: PolicyCatalogue = mojIctSecurityPolicy,
): ProblemRule {
  const known = BY_ID.get(rule ?? 'catalog-rejects');
  if (known) return known;
  const spec = ITSEC_ANNOTATION_SPEC_BY_NAME.get(rule!);
  if (!spec) {
    return rule!.startsWith(ITSEC_ANNOTATION_PREFIX)
      ? BY_ID.get('unknown-annotation')!
      : BY_ID.get('catalog-rejects')!;
  }
  const requires = spec.requires?.length
    ? ` Set it together with ${spec.requires
        .map(k => `${ITSEC_ANNOTATION_PREFIX}${k}`)
        .join(', ')}.`
    : '';
  const statements = annotationStatements(spec, policy);
  return {
    id: spec.name,
    title: `A malformed ${spec.name} annotation`,
    help: `${spec.name}: ${spec.description} For example: ${spec.name}: ${
      spec.example
    }${requires} A malformed value is not used, so it proves nothing${
      statements.length ? ` for ${statements.join(', ')}` : ''
    }.`,
  };
}
