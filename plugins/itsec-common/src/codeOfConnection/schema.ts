import { z } from 'zod';
import {
  parseBooleanValue,
  parseClassification,
  parseDateValue,
  parseEntityRefValue,
  parseUrlValue,
  parseUserRefValue,
} from '../annotations/values';
import type { ValueResult } from '../annotations/values';
import {
  CODE_OF_CONNECTION_STATUSES,
  CONNECTION_CATEGORIES,
  CONNECTION_DIRECTIONS,
} from './types';

/*
 * The spec of a CodeOfConnection as a zod schema. A field that fails is
 * `undefined` in the output (and named in an issue), so the rules across
 * fields in validate.ts still see every valid one. An issue's message is the
 * text after the field name and value; `params.value` is the value to quote
 * (none for a missing field).
 */

const isObject = (v: unknown) =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const missing = (v: unknown) => v === undefined || v === null || v === '';

/** YAML 1.1 parsers turn unquoted dates into Date objects; accept those. */
export function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Date && !Number.isNaN(v.getTime()))
    return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string, value?: unknown, path?: string) => {
  ctx.addIssue({
    code: 'custom',
    message,
    params: { value },
    ...(path ? { path: [path] } : {}),
  });
  return undefined;
};

/** Without a `required` message, the key may be left out. */
const orAbsent = <T extends z.ZodType>(required: string | undefined, t: T) =>
  required === undefined ? t.optional() : t;

/**
 * A text field, trimmed: strings, and what YAML reads as numbers, booleans
 * and dates. `required` is the message for a missing value.
 */
const text = (required?: string) =>
  orAbsent(
    required,
    z.unknown().transform((v, ctx) => {
      const t = missing(v) ? '' : asText(v)?.trim();
      if (t === undefined) return fail(ctx, 'must be a string', v);
      if (t) return t;
      return required === undefined ? undefined : fail(ctx, required);
    }),
  );

/** A text field read by one of the annotation value parsers. */
const parsed = <T>(
  required: string | undefined,
  parse: (s: string) => ValueResult<T>,
  hint = '',
) =>
  orAbsent(
    required,
    text(required).transform((s, ctx) => {
      if (s === undefined) return undefined;
      const r = parse(s);
      return r.ok ? r.value : fail(ctx, `${r.error}${hint}`, s);
    }),
  );

const oneOf = <T extends string>(allowed: readonly T[]) =>
  parsed<T>('is required', s => {
    const hit = allowed.find(a => a === s.toLowerCase());
    return hit
      ? { ok: true, value: hit }
      : { ok: false, error: `is not one of ${allowed.join(', ')}` };
  });

const refOf = (kind: string, namespace: string) => (s: string) => {
  const r = parseEntityRefValue(s, { kind, namespace });
  return r.ok ? { ok: true as const, value: r.value.ref } : r;
};

/** A plain object; `error` names what it must hold, `unknown` what its keys may be. */
const objectOf = <S extends z.ZodRawShape>(
  shape: S,
  error: (input: unknown) => string,
  unknown?: string,
) => {
  const params = {
    error: (i: { code?: string; input?: unknown }) =>
      i.code === 'unrecognized_keys' ? unknown : error(i.input),
  };
  return unknown ? z.strictObject(shape, params) : z.object(shape, params);
};

/** The message of the issue that carries a failed parse's valid fields. */
const PARTIAL = 'partial output';

/** The spec fields of a CodeOfConnection. */
const CODE_OF_CONNECTION_SPEC_FIELDS = Object.freeze([
  'system',
  'counterparty',
  'category',
  'direction',
  'dataShared',
  'personalData',
  'classification',
  'informationSharingAgreement',
  'approvals',
  'status',
  'agreedDate',
  'reviewDate',
  'owner',
] as const);

function specSchema(ns: string) {
  const date = parsed('is required (YYYY-MM-DD)', parseDateValue);
  const approval = objectOf(
    {
      by: parsed('is required (a user entity ref)', s =>
        parseUserRefValue(s, ns),
      ),
      date,
    },
    () => 'must be an object with by and date',
  ).nullish();
  const counterpartyApproval = objectOf(
    { name: text('is required (the counterparty\u2019s signatory)'), date },
    () => 'must be an object with name and date',
  ).nullish();

  return (
    z
      .strictObject(
        {
          system: parsed(
            'is required',
            refOf('system', ns),
            ' (name the MoJ system, e.g. system:default/my-system)',
          ),
          counterparty: objectOf(
            {
              entityRef: text(),
              organisation: text(),
            },
            input =>
              input === undefined || input === null
                ? 'is required (entityRef of the other system, organisation, or both)'
                : 'must be an object with entityRef and/or organisation',
            'is not a counterparty field (expected entityRef or organisation)',
          ).transform((cp, ctx) => {
            const ref = cp.entityRef
              ? refOf('system', ns)(cp.entityRef)
              : undefined;
            if (ref && !ref.ok) fail(ctx, ref.error, cp.entityRef, 'entityRef');
            if (!cp.entityRef && !cp.organisation)
              fail(
                ctx,
                'needs entityRef (the other system) or organisation (the other party)',
              );
            return {
              entityRef: cp.entityRef,
              ref: ref?.ok ? ref.value : undefined,
              organisation: cp.organisation || undefined,
            };
          }),
          category: oneOf(CONNECTION_CATEGORIES),
          direction: oneOf(CONNECTION_DIRECTIONS),
          dataShared: text('is required'),
          personalData: z.unknown().transform((v, ctx) => {
            if (v === undefined || v === null)
              return fail(ctx, 'is required (true or false)');
            if (typeof v === 'boolean') return v;
            const r = typeof v === 'string' ? parseBooleanValue(v) : undefined;
            return r?.ok ? r.value : fail(ctx, 'is not true or false', v);
          }),
          classification: parsed('is required', parseClassification),
          informationSharingAgreement: parsed(undefined, parseUrlValue),
          approvals: objectOf(
            {
              accreditor: approval,
              itso: approval,
              iao: approval,
              counterparty: counterpartyApproval,
            },
            () =>
              'must be an object with accreditor, itso, iao (and counterparty)',
            'is not an approval (expected accreditor, itso, iao, counterparty)',
          ).nullish(),
          status: oneOf(CODE_OF_CONNECTION_STATUSES),
          agreedDate: parsed(undefined, parseDateValue),
          reviewDate: parsed(undefined, parseDateValue),
          owner: parsed(
            'is required: the group that owns the agreement (the system\u2019s owner or the ITSO group); without it the Code of Connection counts for no system',
            refOf('group', ns),
          ),
        },
        {
          error: i =>
            i.code === 'unrecognized_keys'
              ? `is not a CodeOfConnection field (expected ${CODE_OF_CONNECTION_SPEC_FIELDS.join(
                  ', ',
                )})`
              : 'is required (system, counterparty, category, direction, dataShared, personalData, classification, status)',
        },
      )
      // A failed parse has no output: the last issue carries the valid fields.
      .superRefine(
        (fields, ctx) => {
          if (ctx.issues.length && isObject(fields))
            ctx.addIssue({
              code: 'custom',
              message: PARTIAL,
              params: { fields },
            });
        },
        { when: () => true },
      )
  );
}

/** The output of the spec schema: each field undefined when invalid. */
export type CodeOfConnectionSpecFields = z.output<
  ReturnType<typeof specSchema>
>;

const schemas = new Map<string, ReturnType<typeof specSchema>>();

/**
 * Validates a CodeOfConnection's spec, with `ns` the default namespace of the
 * refs it holds. Returns the issues and, unless the spec is not an object at
 * all, its fields as far as they are valid.
 */
export function parseCodeOfConnectionSpec(
  spec: unknown,
  ns: string,
): { fields?: CodeOfConnectionSpecFields; issues: z.core.$ZodIssue[] } {
  let schema = schemas.get(ns);
  if (!schema) {
    schema = specSchema(ns);
    schemas.set(ns, schema);
  }
  const result = schema.safeParse(spec, { reportInput: true });
  if (result.success) return { fields: result.data, issues: [] };
  const issues = result.error.issues;
  const partial = issues.find(
    (i): i is z.core.$ZodIssueCustom =>
      i.code === 'custom' && i.message === PARTIAL && !i.path.length,
  );
  return {
    fields: partial?.params?.fields,
    issues: issues.filter(i => i !== partial),
  };
}
