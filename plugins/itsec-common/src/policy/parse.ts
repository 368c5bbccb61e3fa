import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { bindAddedCheck } from '../evaluate/checks/added';
import type { CheckDefinition } from '../evaluate/checks/types';
import {
  ChecksByKind,
  PolicyCatalogueInput,
  asDateString,
  policyCatalogueSchema,
  policyCatalogueSchemaWith,
} from './schema';
import {
  CHECKS_BY_KIND,
  PolicyCatalogue,
  PolicyCatalogueError,
  PolicyCatalogueProblem,
  StatementKind,
} from './types';

/**
 * Options of {@link parsePolicyCatalogue}.
 *
 * @public
 */
export interface PolicyParseOptions {
  /**
   * Checks besides the built-in ones that the policy's statements may name
   * (e.g. those added through the itsec backend's extension point). Their ids
   * must differ from the built-in checks' and from each other's.
   */
  checks?: readonly CheckDefinition[];
}

const MOJIBAKE: ReadonlyArray<[RegExp, string]> = [
  [/â€“/g, '–'],
  [/â€”/g, '—'],
  [/â€˜/g, '‘'],
  [/â€™/g, '’'],
  [/â€œ/g, '“'],
  [/â€\u009d|â€\u201d/g, '”'],
  [/Â /g, ' '],
];

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
};

/**
 * Cleans policy prose to plain text: repairs mis-encoded punctuation
 * ('â€“' to '–'), strips HTML tags, decodes common entities and collapses
 * whitespace.
 *
 * @public
 */
export function cleanPolicyText(text: string): string {
  let out = text;
  for (const [re, rep] of MOJIBAKE) out = out.replace(re, rep);
  out = out.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '');
  out = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X'
          ? parseInt(e.slice(2), 16)
          : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return out.replace(/\s+/g, ' ').trim();
}

const parsedCatalogues = new WeakSet<object>();

/**
 * True when `policy` was returned by {@link parsePolicyCatalogue} (and so is valid and frozen).
 *
 * @public
 */
export function isParsedPolicyCatalogue(
  policy: unknown,
): policy is PolicyCatalogue {
  return (
    typeof policy === 'object' &&
    policy !== null &&
    parsedCatalogues.has(policy)
  );
}

/**
 * Validates plain data (parsed JSON or YAML) as a {@link PolicyCatalogue}.
 * Returns a deep-frozen copy with statement prose cleaned to plain text.
 *
 * @param raw - the parsed file contents
 * @param source - optional file name, used in the error message
 * @param options - checks added to the built-in ones
 * @throws PolicyCatalogueError listing every problem found (statement id + field)
 * @throws TypeError when an added check's id is already a check's
 * @public
 */
export function parsePolicyCatalogue(
  raw: unknown,
  source?: string,
  options?: PolicyParseOptions,
): PolicyCatalogue {
  if (isParsedPolicyCatalogue(raw)) return raw;
  const added = addedChecks(options?.checks ?? []);
  const schema = added.size
    ? policyCatalogueSchemaWith(checksByKindWith(added))
    : policyCatalogueSchema;
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new PolicyCatalogueError(toProblems(result.error, raw), source);
  const out = compactFreeze(cleanProse(result.data)) as PolicyCatalogue;
  for (const statement of out.statements) {
    const check = statement.check && added.get(statement.check);
    if (check) bindAddedCheck(statement, check);
  }
  parsedCatalogues.add(out);
  return out;
}

/** The added checks by id, refusing an id that is taken. */
function addedChecks(
  checks: readonly CheckDefinition[],
): Map<string, CheckDefinition> {
  const builtIn = new Set<string>(Object.values(CHECKS_BY_KIND).flat());
  const out = new Map<string, CheckDefinition>();
  for (const check of checks) {
    if (builtIn.has(check.id) || out.has(check.id))
      throw new TypeError(
        `policy checks: '${check.id}' is already the id of ${
          builtIn.has(check.id) ? 'a built-in' : 'an added'
        } check`,
      );
    out.set(check.id, check);
  }
  return out;
}

function checksByKindWith(added: Map<string, CheckDefinition>): ChecksByKind {
  const checks = [...added.values()];
  const byKind = (kind: StatementKind) => [
    ...CHECKS_BY_KIND[kind],
    ...checks.filter(c => c.kind === kind).map(c => c.id),
  ];
  return {
    record: byKind('record'),
    attestation: byKind('attestation'),
    organisation: byKind('organisation'),
    behaviour: byKind('behaviour'),
  };
}

/**
 * Parses a policy file's text, JSON or YAML (YAML 1.2, so JSON reads the
 * same either way), and validates it as {@link parsePolicyCatalogue} does.
 *
 * @param text - the file's contents
 * @param source - optional file name, used in the error message
 * @param options - checks added to the built-in ones
 * @throws PolicyCatalogueError when the text is not JSON or YAML, or the catalogue is invalid
 * @public
 */
export function parsePolicyCatalogueText(
  text: string,
  source?: string,
  options?: PolicyParseOptions,
): PolicyCatalogue {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0].replace(/:$/, '');
    throw new PolicyCatalogueError(
      [{ field: '(root)', message: `not valid JSON or YAML: ${reason}` }],
      source,
    );
  }
  return parsePolicyCatalogue(raw, source, options);
}

/** One problem per issue (per key for unknown keys), named by statement id and path. */
function toProblems(error: z.ZodError, raw: unknown): PolicyCatalogueProblem[] {
  const problems = error.issues.flatMap(issue => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map(key => {
      const path = key === undefined ? issue.path : [...issue.path, key];
      const field = path.length ? formatPath(path) : '(root)';
      const statementId = statementIdAt(raw, path);
      return statementId
        ? { statementId, field, message: issue.message }
        : { field, message: issue.message };
    });
  });
  return sortLikeTheFile(problems, error);
}

/** Field order of a file (unknown keys right after the id), as a reader meets them. */
const TOP_ORDER = ['$unknown', 'id', 'title', 'version', 'lastReviewed'];
const STATEMENT_ORDER = [
  'id',
  '$unknown',
  'section',
  'title',
  'text',
  'kind',
  'check',
  'evidence',
  'severity',
  'validity',
  'validityWhenSensitive',
  'appliesWhen',
  'requiredRoles',
  'acceptedStandards',
];

/** Top-level problems first, then statement by statement, each in field order. */
function sortLikeTheFile(
  problems: PolicyCatalogueProblem[],
  error: z.ZodError,
): PolicyCatalogueProblem[] {
  // Unknown keys of the catalogue or of a statement itself.
  const unknown = new Set(
    error.issues.flatMap(i =>
      i.code === 'unrecognized_keys' &&
      (i.path.length === 0 ||
        (i.path.length === 2 && i.path[0] === 'statements'))
        ? i.keys.map(k => formatPath([...i.path, k]))
        : [],
    ),
  );
  const key = (p: PolicyCatalogueProblem, index: number) => {
    const m = /^statements\[(\d+)\]\.?([^.[]*)/.exec(p.field);
    const order = m ? STATEMENT_ORDER : TOP_ORDER;
    const field = m ? m[2] : p.field.split(/[.[]/)[0];
    const name = unknown.has(p.field) ? '$unknown' : field;
    const rank = order.indexOf(name);
    return [m ? Number(m[1]) : -1, rank === -1 ? order.length : rank, index];
  };
  return problems
    .map((p, i) => ({ p, k: key(p, i) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.k[2] - b.k[2])
    .map(x => x.p);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((k, i) =>
      typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`,
    )
    .join('');
}

function statementIdAt(
  raw: unknown,
  path: ReadonlyArray<PropertyKey>,
): string | undefined {
  if (path[0] !== 'statements' || typeof path[1] !== 'number') return undefined;
  const s = (raw as { statements: unknown[] }).statements[path[1]];
  const id = (s as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() ? id : undefined;
}

const PROSE_KEYS = new Set(['title', 'text', 'evidence', 'guidance', 'notes']);

/** Cleans the prose to plain text and applies the default attestation check. */
function cleanProse(data: PolicyCatalogueInput) {
  const prose = <T extends object>(o: T): T =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [
        k,
        PROSE_KEYS.has(k) && typeof v === 'string' ? cleanPolicyText(v) : v,
      ]),
    ) as T;
  return {
    ...data,
    $schema: undefined,
    version: String(data.version),
    lastReviewed: asDateString(data.lastReviewed),
    source: data.source && {
      ...data.source,
      published: asDateString(data.source.published),
    },
    title: cleanPolicyText(data.title),
    description: data.description && cleanPolicyText(data.description),
    sections: data.sections.map(prose),
    statements: data.statements.map(s =>
      prose({
        ...s,
        check:
          s.check ?? (s.kind === 'attestation' ? 'attestation' : undefined),
      }),
    ),
  };
}

const missing = (v: unknown) => v === undefined || v === null;

/** Freezes deeply, leaving out absent (undefined or null) optional fields. */
function compactFreeze<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(compactFreeze)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([, v]) => !missing(v));
  return Object.freeze(
    Object.fromEntries(entries.map(([k, v]) => [k, compactFreeze(v)])),
  ) as T;
}
