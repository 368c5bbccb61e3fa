import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  makeValidator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  CODE_OF_CONNECTION_KIND,
  entityRefOf,
  parseItsecAnnotations,
  validateCodeOfConnection,
} from '@internal/plugin-itsec-common';
import type { Problem, YamlDocument } from './inputs';

/** The same entity policies the catalog backend applies before processing. */
const policy = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(makeValidator()),
]);

/** The catalog's built-in kinds. */
const KIND_VALIDATORS: readonly KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];
const BUILTIN_KINDS = new Set([
  'api',
  'component',
  'resource',
  'group',
  'location',
  'user',
  'system',
  'domain',
]);

const ROOT_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'relations',
  'status',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorText(e: unknown): string {
  const err = e as { message?: unknown; cause?: unknown };
  let msg = typeof err?.message === 'string' ? err.message : String(e);
  const cause = err?.cause as { message?: unknown } | undefined;
  if (
    cause &&
    typeof cause.message === 'string' &&
    !msg.includes(cause.message)
  )
    msg += `: ${cause.message}`;
  return msg.replace(/\s+/g, ' ').trim();
}

/** Finds the field a catalog-model error message is about, e.g. "metadata.name" or /spec/owner. */
function pathInMessage(message: string): string[] | undefined {
  const dotted = /"((?:metadata|spec|relations|status)(?:\.[\w.-]+)?)"/.exec(
    message,
  );
  if (dotted) return dotted[1].split('.');
  const slashed =
    /(?:^|\s)\/((?:apiVersion|kind|metadata|spec)(?:\/[\w.-]+)*)/.exec(message);
  if (slashed) return slashed[1].split('/');
  const missing = /must have required property '([\w.-]+)'/.exec(message);
  if (missing) return [missing[1]];
  return undefined;
}

const PLACEHOLDERS: Record<string, unknown> = {
  $text: 'placeholder',
  $openapi: 'placeholder',
  $asyncapi: 'placeholder',
  $json: {},
  $yaml: {},
};

/**
 * Stands in for the catalog's placeholder processor: `{ $text: ./file }` and
 * friends are replaced by a value of the type they resolve to, so that the
 * schema checks see what the catalog would.
 */
function substitutePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(substitutePlaceholders);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (
    keys.length === 1 &&
    keys[0] in PLACEHOLDERS &&
    typeof value[keys[0]] === 'string'
  ) {
    return structuredClone(PLACEHOLDERS[keys[0]]);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = substitutePlaceholders(value[k]);
  return out;
}

/** A well-formed-enough entity found in a document. */
export interface FoundEntity {
  entity: Entity;
  ref: string;
  doc: YamlDocument;
  /** False when the catalog itself would reject the entity (it is then not scored). */
  ingestible: boolean;
}

/**
 * Checks one YAML document as a catalog entity: the catalog's own envelope
 * and kind validation, the CodeOfConnection kind, and every itsec annotation
 * (with `asOf`, dates on which something happened may not be later).
 * Returns the problems and, when the document is an entity at all, the entity.
 */
export async function checkDocument(
  doc: YamlDocument,
  options: { asOf?: string } = {},
): Promise<{ problems: Problem[]; entity?: FoundEntity }> {
  const problems: Problem[] = [];
  const at = (
    p: readonly string[] | undefined,
    message: string,
    rule = 'catalog-rejects',
  ) =>
    problems.push({
      file: doc.file,
      line: p ? doc.lineOf(p) : doc.line,
      message,
      rule,
    });

  const value = doc.value;
  if (
    !isObject(value) ||
    typeof value.apiVersion !== 'string' ||
    typeof value.kind !== 'string'
  ) {
    let what: string;
    if (Array.isArray(value)) what = 'a list';
    else if (isObject(value)) what = 'a mapping without apiVersion and kind';
    else what = `the ${typeof value} ${JSON.stringify(value)}`;
    at(
      undefined,
      `not a catalog entity: this YAML document is ${what}`,
      'not-an-entity',
    );
    return { problems };
  }
  const entity = value as unknown as Entity;
  const kind = String(entity.kind);
  const kindLower = kind.toLowerCase();

  // The catalog's entity policies (envelope schema, namespace, field formats).
  let valid = true;
  try {
    await policy.enforce(substitutePlaceholders(entity) as Entity);
  } catch (e) {
    valid = false;
    const message = errorText(e);
    const foreign = Object.keys(value).filter(k => !ROOT_FIELDS.has(k));
    if (
      /<root> must NOT have additional properties/.test(message) &&
      foreign.length > 0
    ) {
      for (const key of foreign) {
        at(
          [key],
          `"${key}" is not a top-level entity field (expected ${[
            ...ROOT_FIELDS,
          ].join(', ')}); did you mean metadata.${key} or spec.${key}?`,
        );
      }
    } else {
      at(pathInMessage(message), message);
    }
  }

  // Kind validation.
  if (valid) {
    const apiGroup = String(entity.apiVersion).split('/')[0];
    if (
      kind === CODE_OF_CONNECTION_KIND ||
      apiGroup === 'itsec.justice.gov.uk'
    ) {
      const { problems: cocProblems } = validateCodeOfConnection(entity, {
        asOf: options.asOf,
      });
      for (const p of cocProblems)
        at(p.field.split('.'), p.message, 'code-of-connection');
    } else if (BUILTIN_KINDS.has(kindLower)) {
      let recognised = false;
      const checked = substitutePlaceholders(entity) as Entity;
      for (const validator of KIND_VALIDATORS) {
        try {
          if (await validator.check(checked)) recognised = true;
        } catch (e) {
          recognised = true;
          valid = false;
          const message = errorText(e);
          at(pathInMessage(message), message);
        }
      }
      if (!recognised) {
        valid = false;
        at(
          ['apiVersion'],
          `apiVersion "${entity.apiVersion}" is not one the catalog accepts for kind ${kind} (use backstage.io/v1alpha1)`,
        );
      }
    } else if (apiGroup === 'backstage.io') {
      valid = false;
      at(
        ['kind'],
        `kind "${kind}" is not a catalog kind (expected one of API, Component, Domain, Group, Location, Resource, System, User)`,
      );
    }
    // Other API groups (scaffolder Templates, organisation-specific kinds) are
    // left to the catalog modules that define them.
  }

  // itsec annotations (checked even when the envelope has other problems).
  const annotations = isObject(entity.metadata)
    ? entity.metadata.annotations
    : undefined;
  if (isObject(annotations)) {
    const ns =
      isObject(entity.metadata) && typeof entity.metadata.namespace === 'string'
        ? entity.metadata.namespace
        : 'default';
    const { problems: annotationProblems } = parseItsecAnnotations(
      annotations,
      { defaultNamespace: ns, kind, asOf: options.asOf },
    );
    for (const p of annotationProblems)
      at(['metadata', 'annotations', p.annotation], p.message, p.annotation);
  }

  if (
    !isObject(entity.metadata) ||
    typeof entity.metadata.name !== 'string' ||
    !entity.metadata.name
  ) {
    return { problems };
  }
  return {
    problems,
    entity: { entity, ref: entityRefOf(entity), doc, ingestible: valid },
  };
}

/** Flags entities defined twice among the inputs (the catalog would reject the second). */
export function duplicateProblems(found: readonly FoundEntity[]): Problem[] {
  const first = new Map<string, FoundEntity>();
  const problems: Problem[] = [];
  for (const f of found) {
    const prev = first.get(f.ref);
    if (prev) {
      problems.push({
        file: f.doc.file,
        line: f.doc.line,
        message: `${f.ref} is defined twice (also at ${prev.doc.file}:${prev.doc.line})`,
        rule: 'duplicate-entity',
      });
    } else {
      first.set(f.ref, f);
    }
  }
  return problems;
}
