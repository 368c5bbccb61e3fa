/*
 * Parsers for the hand-written value formats of the itsec annotations (and of
 * the CodeOfConnection spec). Each returns either a value or an error message
 * that reads after the offending value, e.g. `is not a valid date (use YYYY-MM-DD)`.
 * All are pure and never throw.
 */

import {
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { isIsoDate } from '../dates';
import type { Classification, ImpactLevel } from '../profile/types';

/** The outcome of parsing one value. @public */
export type ValueResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = <T>(error: string): ValueResult<T> => ({ ok: false, error });

/** Splits a comma list, trimming items and dropping empty ones. @public */
export function splitList(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const t = part.trim();
    if (t) out.push(t);
  }
  return out;
}

/** A parsed classification marking. @public */
export interface ClassificationValue {
  classification: Classification;
  /** True for OFFICIAL-SENSITIVE. */
  sensitive: boolean;
}

const LEGACY_MARKINGS: Record<string, string> = {
  UNCLASSIFIED: 'OFFICIAL',
  PROTECT: 'OFFICIAL',
  RESTRICTED: 'OFFICIAL (or OFFICIAL-SENSITIVE)',
  CONFIDENTIAL: 'OFFICIAL-SENSITIVE or SECRET',
};

/**
 * OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET; case, spaces, hyphens
 * and underscores are not significant ('top-secret', 'Official Sensitive').
 *
 * @public
 */
export function parseClassification(
  value: string,
): ValueResult<ClassificationValue> {
  const norm = value
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, '-');
  switch (norm) {
    case 'OFFICIAL':
      return ok({ classification: 'OFFICIAL', sensitive: false });
    case 'OFFICIAL-SENSITIVE':
      return ok({ classification: 'OFFICIAL', sensitive: true });
    case 'SECRET':
      return ok({ classification: 'SECRET', sensitive: false });
    case 'TOP-SECRET':
      return ok({ classification: 'TOP SECRET', sensitive: false });
    default:
      break;
  }
  if (LEGACY_MARKINGS[norm]) {
    return fail(
      `is a protective marking retired in 2014; use ${LEGACY_MARKINGS[norm]} (record the old Impact Level in bia-impact)`,
    );
  }
  if (/^IL[0-6]$/.test(norm)) {
    return fail(
      'is a Business Impact Level, not a classification; put it in bia-impact and use OFFICIAL, SECRET or TOP SECRET',
    );
  }
  return fail(
    'is not a classification (use OFFICIAL, OFFICIAL-SENSITIVE, SECRET or TOP SECRET)',
  );
}

/** `true` or `false` (any case). @public */
export function parseBooleanValue(value: string): ValueResult<boolean> {
  const v = value.trim().toLowerCase();
  if (v === 'true') return ok(true);
  if (v === 'false') return ok(false);
  return fail('is not true or false');
}

/** An ISO calendar date 'YYYY-MM-DD'. @public */
export function parseDateValue(value: string): ValueResult<string> {
  const v = value.trim();
  if (isIsoDate(v)) return ok(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return fail('is not a calendar date');
  return fail('is not a date (use YYYY-MM-DD)');
}

const URL_RE = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?(?:[/?#]\S*)?$/i;

/** Single-word hosts that stand for a document not written yet. */
const PLACEHOLDER_HOSTS = new Set([
  'todo',
  'tbc',
  'tbd',
  'tba',
  'none',
  'na',
  'n-a',
  'null',
  'nil',
  'placeholder',
  'example',
  'localhost',
  'test',
  'dummy',
  'fixme',
  'changeme',
  'unknown',
  'x',
  'xx',
  'xxx',
]);

/**
 * Whether an http(s) link's host is a placeholder word (`https://TODO`,
 * `http://tbc/plan`): such a link leads to no document, so it is no evidence.
 *
 * @public
 */
export function isPlaceholderLink(link: string): boolean {
  const host = /^\s*https?:\/\/([^/:?#\s]+)/i.exec(link)?.[1];
  return !!host && PLACEHOLDER_HOSTS.has(host.toLowerCase());
}

/**
 * An absolute http(s) URL (a host name, no spaces). A placeholder such as
 * `https://TODO` is refused: a link is evidence only when it leads to the
 * document. @public
 */
export function parseUrlValue(value: string): ValueResult<string> {
  const v = value.trim();
  if (!URL_RE.test(v)) {
    return fail('is not a link (use an absolute https:// URL)');
  }
  if (isPlaceholderLink(v)) {
    return fail(
      'is a placeholder, not a link to the document (remove the annotation until the document exists)',
    );
  }
  return ok(v);
}

const KIND_RE = /^[a-zA-Z][a-zA-Z0-9]*$/;
const NAME_RE = /^[a-zA-Z0-9](?:[-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const NAMESPACE_RE = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/i;

/**
 * Parses an entity reference written by hand: `kind:namespace/name`,
 * `kind:name`, `namespace/name` or `name`, filling in the defaults. Returns the
 * lowercase `kind:namespace/name` form, or an error when it is not a
 * well-formed reference.
 *
 * @public
 */
export function parseEntityRefValue(
  value: string,
  defaults: { kind: string; namespace?: string },
): ValueResult<{ kind: string; namespace: string; name: string; ref: string }> {
  const v = value.trim();
  if (!v) return fail('is empty');
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(v, {
      defaultKind: defaults.kind,
      defaultNamespace: defaults.namespace,
    });
  } catch {
    return fail('is not an entity ref');
  }
  const { kind, namespace, name } = parsed;
  if (!KIND_RE.test(kind)) return fail('is not an entity ref (bad kind)');
  if (!NAMESPACE_RE.test(namespace) || namespace.length > 63) {
    return fail('is not an entity ref (bad namespace)');
  }
  if (!NAME_RE.test(name) || name.length > 63) {
    return fail('is not an entity ref');
  }
  const ref = stringifyEntityRef(parsed);
  return ok({ ...parseEntityRef(ref), ref });
}

/**
 * A User entity ref: `user:default/jane.doe`, `user:jane.doe`,
 * `default/jane.doe` or `jane.doe`. Returns the lowercase full ref.
 *
 * @public
 */
export function parseUserRefValue(
  value: string,
  defaultNamespace = 'default',
): ValueResult<string> {
  const v = value.trim();
  if (v.includes('@')) {
    return fail(
      'is not a user entity ref (write the User entity\u2019s name, e.g. user:default/jane.doe, not an e-mail address)',
    );
  }
  const r = parseEntityRefValue(v, {
    kind: 'user',
    namespace: defaultNamespace,
  });
  if (!r.ok)
    return fail(
      'is not a user entity ref (e.g. user:default/jane.doe or jane.doe)',
    );
  if (r.value.kind !== 'user') {
    return fail(
      `is a ${r.value.kind} ref, not a user entity ref (roles are held by named people)`,
    );
  }
  return ok(r.value.ref);
}

const DURATION_UNITS: Record<string, 'M' | 'H' | 'D' | 'W'> = {
  m: 'M',
  min: 'M',
  mins: 'M',
  minute: 'M',
  minutes: 'M',
  h: 'H',
  hr: 'H',
  hrs: 'H',
  hour: 'H',
  hours: 'H',
  d: 'D',
  day: 'D',
  days: 'D',
  w: 'W',
  wk: 'W',
  week: 'W',
  weeks: 'W',
};

const ISO_DURATION_RE =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * A time span for RTO / RPO: `30m`, `4h`, `1d`, `2w` (or `4 hours`, `30 minutes`),
 * or ISO 8601 (`PT4H`, `P1D`). Returns the ISO 8601 form ('PT4H', 'P1D').
 *
 * @public
 */
export function parseDurationValue(value: string): ValueResult<string> {
  const v = value.trim();
  const upper = v.toUpperCase();
  if (ISO_DURATION_RE.test(upper)) return ok(upper);
  const m = /^(\d+)\s*([a-z]+)$/i.exec(v);
  const unit = m ? DURATION_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || !unit) {
    return fail(
      'is not a duration (use e.g. 30m, 4h, 1d, 2w or ISO 8601 PT4H)',
    );
  }
  const n = Number(m[1]);
  return ok(unit === 'M' || unit === 'H' ? `PT${n}${unit}` : `P${n}${unit}`);
}

/** Business Impact Levels for confidentiality, integrity and availability. @public */
export interface ImpactValue {
  confidentiality: ImpactLevel;
  integrity: ImpactLevel;
  availability: ImpactLevel;
}

const IMPACT_KEYS: Record<string, keyof ImpactValue> = {
  c: 'confidentiality',
  confidentiality: 'confidentiality',
  i: 'integrity',
  integrity: 'integrity',
  a: 'availability',
  availability: 'availability',
};

/**
 * `C=IL3, I=IL2, A=IL2` (the `IL` is optional; full words accepted).
 *
 * @public
 */
export function parseImpactValue(value: string): ValueResult<ImpactValue> {
  const out: Partial<ImpactValue> = {};
  const usage = '(use C=IL3, I=IL2, A=IL2 with levels IL0 to IL6)';
  for (const item of splitList(value)) {
    const m = /^([a-z]+)\s*[=:]\s*(?:il)?\s*(\d+)$/i.exec(item);
    const key = m ? IMPACT_KEYS[m[1].toLowerCase()] : undefined;
    if (!m || !key) return fail(`is not a C/I/A impact list ${usage}`);
    const level = Number(m[2]);
    if (level > 6)
      return fail(`has impact level IL${level}; levels run IL0 to IL6`);
    if (out[key] !== undefined) return fail(`gives ${key} twice ${usage}`);
    out[key] = level as ImpactLevel;
  }
  const missing = (
    ['confidentiality', 'integrity', 'availability'] as const
  ).filter(k => out[k] === undefined);
  if (missing.length) return fail(`lacks ${missing.join(' and ')} ${usage}`);
  return ok(out as ImpactValue);
}

/** One supplier entry of the suppliers annotation. @public */
export interface SupplierValue {
  name: string;
  handlesMojData: boolean;
  /** Date of the latest assessment. */
  assessedOn?: string;
  /** What the assessment rested on, e.g. 'ISO 27001 certificate'. */
  basis?: string;
}

/**
 * `Acme Cloud Ltd=2025-04-01 ISO 27001 certificate, Print Co=no-data, New Supplier Ltd`:
 * after the date, optionally, the basis of the assessment.
 *
 * @public
 */
export function parseSuppliersValue(
  value: string,
): ValueResult<SupplierValue[]> {
  const out: SupplierValue[] = [];
  const seen = new Set<string>();
  for (const item of splitList(value)) {
    const eq = item.indexOf('=');
    const name = (eq === -1 ? item : item.slice(0, eq)).trim();
    const rest = eq === -1 ? undefined : item.slice(eq + 1).trim();
    if (!name) return fail(`has an entry "${item}" with no supplier name`);
    const key = name.toLowerCase();
    if (seen.has(key)) return fail(`lists "${name}" twice`);
    seen.add(key);
    if (rest === undefined || rest === '') {
      out.push({ name, handlesMojData: true });
    } else if (rest.toLowerCase() === 'no-data') {
      out.push({ name, handlesMojData: false });
    } else {
      const date = rest.split(/\s/, 1)[0];
      if (!isIsoDate(date)) {
        return fail(
          `has "${item}": after = put the assessment date (YYYY-MM-DD, then optionally its basis) or no-data`,
        );
      }
      const basis = rest.slice(date.length).trim();
      out.push({
        name,
        handlesMojData: true,
        assessedOn: date,
        ...(basis ? { basis } : {}),
      });
    }
  }
  if (out.length === 0) return fail('lists no suppliers');
  return ok(out);
}

/** One entry of a dated user list: who, and on which day. @public */
export interface DatedUserValue {
  /** Lowercase User entity ref. */
  user: string;
  date: string;
}

/**
 * `jane.doe=2026-03-02, user:default/sam.lee=2026-01-15`: people and the day
 * each did something (acknowledged their role). Returns lowercase full refs.
 *
 * @public
 */
export function parseDatedUsersValue(
  value: string,
  defaultNamespace = 'default',
): ValueResult<DatedUserValue[]> {
  const usage = '(write user=YYYY-MM-DD, e.g. jane.doe=2026-03-02)';
  const out: DatedUserValue[] = [];
  for (const item of splitList(value)) {
    const eq = item.indexOf('=');
    if (eq === -1) return fail(`has "${item}" with no date ${usage}`);
    const who = parseUserRefValue(item.slice(0, eq), defaultNamespace);
    if (!who.ok) return fail(`has "${item}", which ${who.error}`);
    const when = parseDateValue(item.slice(eq + 1));
    if (!when.ok) return fail(`has "${item}", whose date ${when.error}`);
    if (out.some(o => o.user === who.value))
      return fail(`lists ${who.value} twice`);
    out.push({ user: who.value, date: when.value });
  }
  if (out.length === 0) return fail(`lists nobody ${usage}`);
  return ok(out);
}

/**
 * A date followed by an outcome from `allowed`: `2025-07-08 pass`.
 *
 * @public
 */
export function parseDatedOutcomeValue<T extends string>(
  value: string,
  allowed: readonly T[],
): ValueResult<{ date: string; outcome: T }> {
  const usage = `(write the date and the outcome, e.g. "2025-07-08 ${
    allowed[0]
  }"; outcomes: ${allowed.join(', ')})`;
  const parts = value.trim().split(/\s+/);
  const d = parseDateValue(parts[0] ?? '');
  if (!d.ok) {
    return /^\d{4}-\d{2}-\d{2}$/.test(parts[0])
      ? fail(`starts with "${parts[0]}", which is not a calendar date`)
      : fail(`does not start with a date ${usage}`);
  }
  if (parts.length < 2) return fail(`has no outcome ${usage}`);
  if (parts.length > 2)
    return fail(`has more than a date and an outcome ${usage}`);
  const o = parseEnumValue(parts[1], allowed);
  if (!o.ok)
    return fail(
      `has outcome "${parts[1]}", which is not one of ${allowed.join(', ')}`,
    );
  return ok({ date: d.value, outcome: o.value });
}

/** One of `allowed` (case-insensitive); returns the canonical value. @public */
export function parseEnumValue<T extends string>(
  value: string,
  allowed: readonly T[],
): ValueResult<T> {
  const v = value.trim().toLowerCase();
  const hit = allowed.find(a => a.toLowerCase() === v);
  if (hit) return ok(hit);
  return fail(`is not one of ${allowed.join(', ')}`);
}

/** Quotes a value for a message, shortening very long ones. @internal */
export function quoteValue(value: unknown): string {
  const s =
    typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const short = s.length > 120 ? `${s.slice(0, 117)}...` : s;
  return JSON.stringify(short);
}
