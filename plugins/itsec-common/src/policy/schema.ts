import { z } from 'zod';
import { isIsoDate, parseIsoDuration } from '../dates';
import { CLASSIFICATIONS, PROFILE_FLAGS, ROLE_IDS } from '../profile/types';
import {
  CHECKS_BY_KIND,
  SEVERITIES,
  STATEMENT_KINDS,
  StatementKind,
} from './types';

/*
 * The policy file's shape as a zod schema. Each error message is the text
 * after "<field>: " in a PolicyCatalogueError; rules that span fields (by
 * statement kind, section and id references) are the refinements at the end.
 */

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const SCORED_ONLY_KEYS = [
  'evidence',
  'appliesWhen',
  'validityWhenSensitive',
  'severity',
  'requiredRoles',
  'acceptedStandards',
] as const;

const got = (v: unknown) => JSON.stringify(v);
const missing = (v: unknown) => v === undefined || v === null;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** YAML parsers may turn unquoted dates into Date objects; accept those too. */
export const asDateString = (v: unknown) =>
  v instanceof Date && !Number.isNaN(v.getTime())
    ? v.toISOString().slice(0, 10)
    : v;

const text = z
  .string({
    error: i =>
      missing(i.input)
        ? 'is required'
        : `must be a string, got ${typeof i.input}`,
  })
  .refine(s => s.trim() !== '', 'must not be empty');
const optionalText = text.nullish();

const oneOf = (values: readonly string[]) =>
  z.enum(values as [string, ...string[]], {
    error: i =>
      missing(i.input)
        ? 'is required'
        : `must be one of ${values.join(', ')}, got ${got(i.input)}`,
  });

/** An object that reports each unknown key and says what it should be. */
const strict = <S extends z.ZodRawShape>(shape: S, expected: string) =>
  z.strictObject(shape, {
    error: i =>
      i.code === 'unrecognized_keys' ? 'unknown field' : `must be ${expected}`,
  });

const nonEmptyList = <T extends z.ZodType>(item: T, what = 'array') =>
  z
    .array(item, { error: `must be a non-empty ${what}` })
    .min(1, `must be a non-empty ${what}`);

const duration = z
  .custom<string>(v => parseIsoDuration(v) !== undefined, {
    abort: false,
    error: i =>
      `must be an ISO 8601 duration with calendar parts such as P12M, P1Y, P30D; got ${got(
        i.input,
      )}`,
  })
  .nullish();

const CONDITION_KEYS = ['classifications', 'allFlags', 'anyFlags', 'sensitive'];
const condition = z
  .strictObject(
    {
      classifications: nonEmptyList(oneOf(CLASSIFICATIONS)).optional(),
      allFlags: nonEmptyList(oneOf(PROFILE_FLAGS)).optional(),
      anyFlags: nonEmptyList(oneOf(PROFILE_FLAGS)).optional(),
      sensitive: z.boolean({ error: 'must be a boolean' }).optional(),
    },
    {
      error: i =>
        i.code === 'unrecognized_keys'
          ? `unknown field (expected one of ${CONDITION_KEYS.join(', ')})`
          : 'must be an object',
    },
  )
  .nullish();

const roleRequirement = strict(
  { role: oneOf(ROLE_IDS), when: condition },
  'an object { role, when? }',
);

/** The check ids each statement kind may use. */
export type ChecksByKind = Readonly<Record<StatementKind, readonly string[]>>;

const statementFields = strict(
  {
    id: z
      .string({ error: 'is required (non-empty string)' })
      .refine(s => s.trim() !== '', 'is required (non-empty string)')
      .regex(ID_RE, `must match ${ID_RE}`),
    section: text,
    title: text,
    text,
    kind: oneOf(STATEMENT_KINDS),
    // Allowed values depend on the kind: see statementRules.
    check: z.unknown().optional(),
    evidence: optionalText,
    appliesWhen: condition,
    validity: duration,
    validityWhenSensitive: duration,
    severity: oneOf(SEVERITIES).optional(),
    requiredRoles: z
      .array(roleRequirement, { error: 'must be an array' })
      .optional(),
    acceptedStandards: nonEmptyList(
      z
        .string({ error: 'must be a non-empty string' })
        .refine(s => s.trim() !== '', 'must be a non-empty string'),
      'array of strings',
    ).optional(),
    guidance: optionalText,
    notes: optionalText,
  },
  'an object',
);

const statementWith = (checks: ChecksByKind) =>
  statementFields.superRefine((raw, ctx) => statementRules(raw, ctx, checks), {
    when: () => true,
  });

type Ctx = z.RefinementCtx;

/** The rules that depend on a statement's kind and check. */
function statementRules(
  raw: Record<string, unknown>,
  ctx: Ctx,
  checks: ChecksByKind,
) {
  if (!isRecord(raw)) return;
  const kind = raw.kind as StatementKind;
  if (!STATEMENT_KINDS.includes(kind)) return;
  const add = (field: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  const scored = kind === 'record' || kind === 'attestation';
  const allowed: readonly unknown[] = checks[kind];
  const check = raw.check ?? (kind === 'attestation' ? 'attestation' : null);
  if (raw.check !== undefined && !allowed.includes(raw.check)) {
    add(
      'check',
      allowed.length
        ? `must be one of ${allowed.join(
            ', ',
          )} for a ${kind} statement, got ${got(raw.check)}`
        : `is not allowed on a ${kind} statement`,
    );
  } else if (raw.check === undefined && kind === 'record') {
    add(
      'check',
      `is required for a record statement (one of ${allowed.join(', ')})`,
    );
  }
  if (scored && missing(raw.evidence)) add('evidence', 'is required');
  if (scored && raw.severity === undefined)
    add('severity', `is required for a ${kind} statement`);
  if (!scored) {
    for (const key of SCORED_ONLY_KEYS) {
      if (raw[key] !== undefined)
        add(key, `only record and attestation statements take ${key}`);
    }
  }
  if (raw.validity !== undefined && kind === 'organisation') {
    if (check !== 'policy-review')
      add(
        'validity',
        'only scored statements and the policy-review check take a validity',
      );
  }
  if (raw.validity !== undefined && kind === 'behaviour')
    add('validity', 'behaviour statements take no validity');
  const roles = raw.requiredRoles;
  if (check === 'roles' && roles === undefined)
    add('requiredRoles', 'is required for the roles check');
  if (check === 'roles' && Array.isArray(roles) && roles.length === 0)
    add('requiredRoles', 'must list at least one role for the roles check');
  if (check === 'disposal-standard' && raw.acceptedStandards === undefined)
    add('acceptedStandards', 'is required for the disposal-standard check');
}

/** Unique section and statement ids; every statement in a known section. */
function crossReferences(raw: Record<string, unknown>, ctx: Ctx) {
  if (!isRecord(raw)) return;
  const sectionIds = new Set<unknown>();
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  list(raw.sections).forEach((s, i) => {
    if (!isRecord(s) || typeof s.id !== 'string' || !s.id.trim()) return;
    if (sectionIds.has(s.id))
      ctx.addIssue({
        code: 'custom',
        path: ['sections', i, 'id'],
        message: `duplicate section id '${s.id}'`,
      });
    sectionIds.add(s.id);
  });
  const seen = new Set<unknown>();
  list(raw.statements).forEach((s, i) => {
    if (!isRecord(s)) return;
    if (typeof s.section === 'string' && s.section.trim()) {
      if (!sectionIds.has(s.section))
        ctx.addIssue({
          code: 'custom',
          path: ['statements', i, 'section'],
          message: `unknown section '${s.section}'`,
        });
    }
    if (typeof s.id !== 'string' || !ID_RE.test(s.id)) return;
    if (seen.has(s.id))
      ctx.addIssue({
        code: 'custom',
        path: ['statements', i, 'id'],
        message: 'duplicate statement id',
      });
    seen.add(s.id);
  });
}

/**
 * The policy file (JSON or YAML) as a zod schema; its output still needs
 * prose cleaning and freezing (parsePolicyCatalogue does both).
 */
export const policyCatalogueSchema = z
  .strictObject(
    {
      $schema: z.unknown().optional(),
      id: text.regex(ID_RE, `must match ${ID_RE}`),
      title: text,
      // YAML reads `version: 2` as a number.
      version: z.custom<string | number>(
        v => typeof v === 'number' || (typeof v === 'string' && !!v.trim()),
        {
          abort: false,
          error: i => {
            if (missing(i.input)) return 'is required';
            return typeof i.input === 'string'
              ? 'must not be empty'
              : `must be a string, got ${typeof i.input}`;
          },
        },
      ),
      lastReviewed: z.custom<string | Date>(v => isIsoDate(asDateString(v)), {
        abort: false,
        error: i =>
          missing(i.input)
            ? 'is required'
            : `must be a YYYY-MM-DD date, got ${got(i.input)}`,
      }),
      description: optionalText,
      source: strict(
        {
          title: text,
          url: optionalText,
          published: z
            .custom<string | Date>(
              v => typeof v === 'string' || v instanceof Date,
              { error: 'must be a string', abort: false },
            )
            .optional(),
        },
        'an object { title, url?, published? }',
      ).optional(),
      sections: nonEmptyList(
        strict({ id: text, title: text }, 'an object { id, title }'),
        'array of { id, title }',
      ),
      statements: nonEmptyList(statementWith(CHECKS_BY_KIND)),
    },
    {
      error: i =>
        i.code === 'unrecognized_keys'
          ? 'unknown field'
          : 'a policy catalogue must be an object',
    },
  )
  .superRefine(crossReferences, { when: () => true });

/** A policy file as validated by {@link policyCatalogueSchema}. */
export type PolicyCatalogueInput = z.output<typeof policyCatalogueSchema>;

/**
 * {@link policyCatalogueSchema} for a policy whose statements may also use
 * the checks `checks` lists (built-in and added at runtime).
 */
export function policyCatalogueSchemaWith(checks: ChecksByKind) {
  return policyCatalogueSchema.safeExtend({
    statements: nonEmptyList(statementWith(checks)),
  });
}
