/*
 * Validation of the itsec.justice.gov.uk/ annotations of one entity into
 * typed values and problems. Shared by the catalog module and the CLI.
 */

import { ITSEC_ANNOTATION_PREFIX } from '../profile/annotations';
import { toDayNumber } from '../dates';
import {
  ITSEC_ANNOTATION_SPECS,
  ITSEC_ANNOTATION_SPEC_BY_NAME,
  ItsecAnnotationSpec,
} from './spec';
import {
  ClassificationValue,
  DatedUserValue,
  ImpactValue,
  SupplierValue,
  parseBooleanValue,
  parseClassification,
  parseDateValue,
  parseDatedOutcomeValue,
  parseDatedUsersValue,
  parseDurationValue,
  parseEnumValue,
  parseImpactValue,
  parseSuppliersValue,
  parseUrlValue,
  parseUserRefValue,
  quoteValue,
  splitList,
} from './values';

/**
 * A problem with one annotation. `message` is a complete sentence naming the
 * annotation and the value, ready to print.
 *
 * @public
 */
export interface AnnotationProblem {
  /** Full annotation name, e.g. 'itsec.justice.gov.uk/classification'. */
  annotation: string;
  /** The value as written (stringified when it was not a string). */
  value: string;
  message: string;
}

/**
 * The typed values of the annotations an entity sets, by short key. Only
 * valid values are present.
 *
 * @public
 */
export interface ItsecAnnotationValues {
  classification?: ClassificationValue;
  flags: {
    'uses-cryptography'?: boolean;
    'uses-hmg-crypto'?: boolean;
    'handles-personal-data'?: boolean;
    'has-suppliers'?: boolean;
    'has-external-connections'?: boolean;
    'accreditation-applies'?: boolean;
  };
  /** Role annotation key ('role-iao') to lowercase user refs. */
  roles: Record<string, string[]>;
  /** Dates ('YYYY-MM-DD') by annotation key. */
  dates: Record<string, string>;
  /** Links by annotation key. */
  links: Record<string, string>;
  /** Free text, single users and enum values by annotation key. */
  text: Record<string, string>;
  /** Lists (text-list, enum-list) by annotation key. */
  lists: Record<string, string[]>;
  /** ISO 8601 durations by annotation key. */
  durations: Record<string, string>;
  impact?: ImpactValue;
  suppliers?: SupplierValue[];
  /** dr-plan-last-test. */
  drTest?: { date: string; outcome: string };
  /** role-acknowledgements: who signed, and when. */
  acknowledgements?: DatedUserValue[];
}

/**
 * The result of {@link parseItsecAnnotations}.
 *
 * @public
 */
export interface ParsedItsecAnnotations {
  /** True when the entity sets at least one itsec annotation. */
  present: boolean;
  values: ItsecAnnotationValues;
  problems: AnnotationProblem[];
}

/** Options for {@link parseItsecAnnotations}. @public */
export interface ParseItsecAnnotationsOptions {
  /** Namespace for user refs written without one; default 'default'. */
  defaultNamespace?: string;
  /**
   * The evaluation date, 'YYYY-MM-DD': a date on which something happened
   * (an annotation with `dateRole: 'event'`) later than this is reported as
   * being in the future. The value is still returned, so that the evaluation
   * shows the statement as a gap (`evidence-future-dated`). Not checked when absent.
   */
  asOf?: string;
  /**
   * The entity's kind ('System'): an annotation whose spec lists other
   * `kinds` is reported and left out. Not checked when absent.
   */
  kind?: string;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(
        dp[j] + 1,
        dp[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return dp[b.length];
}

function suggest(key: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const s of ITSEC_ANNOTATION_SPECS) {
    const d = editDistance(key, s.key);
    if (d < bestD) {
      bestD = d;
      best = s.key;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 4))
    ? best
    : undefined;
}

function emptyValues(): ItsecAnnotationValues {
  return {
    flags: {},
    roles: {},
    dates: {},
    links: {},
    text: {},
    lists: {},
    durations: {},
  };
}

const PREFIX = ITSEC_ANNOTATION_PREFIX;
const SPEC_BY_NAME = ITSEC_ANNOTATION_SPEC_BY_NAME;

/**
 * True when the annotations include at least one itsec annotation. Cheap: the
 * catalog processor calls it for every entity.
 *
 * @public
 */
export function hasItsecAnnotations(
  annotations: Record<string, unknown> | undefined,
): boolean {
  if (!annotations) return false;
  const keys = Object.keys(annotations);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i].startsWith(PREFIX)) return true;
  }
  return false;
}

function asText(value: unknown): string {
  return typeof value === 'string'
    ? value
    : JSON.stringify(value) ?? String(value);
}

function report(
  problems: AnnotationProblem[],
  annotation: string,
  value: unknown,
  what: string,
) {
  problems.push({
    annotation,
    value: asText(value),
    message: `${annotation}: ${quoteValue(value)} ${what}`,
  });
}

/**
 * Validates every `itsec.justice.gov.uk/` annotation in `annotations` and
 * returns the typed values of the valid ones and a problem for each invalid
 * one (unknown name, malformed value, inconsistent pair of values). Never throws.
 *
 * @public
 */
export function parseItsecAnnotations(
  annotations: Record<string, unknown> | undefined,
  options: ParseItsecAnnotationsOptions = {},
): ParsedItsecAnnotations {
  const values = emptyValues();
  const problems: AnnotationProblem[] = [];
  if (!annotations) return { present: false, values, problems };
  const ns = options.defaultNamespace ?? 'default';

  let present = false;
  const valid = new Set<string>();
  const names = Object.keys(annotations);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!name.startsWith(PREFIX)) continue;
    present = true;
    const raw = annotations[name];
    const spec = SPEC_BY_NAME.get(name);
    if (spec === undefined) {
      const hint = suggest(name.slice(PREFIX.length));
      problems.push({
        annotation: name,
        value: asText(raw),
        message: `${name}: unknown itsec annotation${
          hint ? ` (did you mean ${PREFIX}${hint}?)` : ''
        }`,
      });
      continue;
    }
    if (typeof raw !== 'string') {
      report(
        problems,
        name,
        raw,
        'is not a string; annotation values must be strings (quote it in YAML)',
      );
      continue;
    }
    if (raw.trim() === '') {
      report(
        problems,
        name,
        raw,
        'is empty; give a value or remove the annotation',
      );
      continue;
    }
    const error = parseOne(spec, raw, ns, values);
    if (error !== undefined) report(problems, name, raw, error);
    else valid.add(spec.key);
  }
  if (!present) return { present: false, values, problems };

  if (options.kind !== undefined)
    checkKinds(options.kind, annotations, values, problems);
  checkRequirements(annotations, valid, values, problems);
  checkConsistency(annotations, values, problems);
  if (options.asOf !== undefined)
    checkEventDates(options.asOf, annotations, values, problems);
  return { present: true, values, problems };
}

/** Parses one annotation value into `values`; returns an error message or undefined. */
function parseOne(
  spec: ItsecAnnotationSpec,
  raw: string,
  ns: string,
  values: ItsecAnnotationValues,
): string | undefined {
  const key = spec.key;
  switch (spec.format) {
    case 'classification': {
      const r = parseClassification(raw);
      if (!r.ok) return r.error;
      values.classification = r.value;
      return undefined;
    }
    case 'boolean': {
      const r = parseBooleanValue(raw);
      if (!r.ok) return r.error;
      (values.flags as Record<string, boolean>)[key] = r.value;
      return undefined;
    }
    case 'date': {
      const r = parseDateValue(raw);
      if (!r.ok) return r.error;
      values.dates[key] = r.value;
      return undefined;
    }
    case 'url': {
      const r = parseUrlValue(raw);
      if (!r.ok) return r.error;
      values.links[key] = r.value;
      return undefined;
    }
    case 'user':
    case 'users': {
      const items = splitList(raw);
      if (spec.format === 'user' && items.length > 1) {
        return 'names more than one person; this role is held by one named person';
      }
      const refs: string[] = [];
      for (const item of items) {
        const r = parseUserRefValue(item, ns);
        if (!r.ok)
          return items.length > 1 ? `has "${item}", which ${r.error}` : r.error;
        if (!refs.includes(r.value)) refs.push(r.value);
      }
      if (key.startsWith('role-')) values.roles[key] = refs;
      else values.text[key] = refs[0];
      return undefined;
    }
    case 'text': {
      const t = raw.trim();
      if (t.includes('\n') || t.includes('\r'))
        return 'spans several lines; keep it on one line';
      values.text[key] = t;
      return undefined;
    }
    case 'text-list': {
      const items = splitList(raw);
      if (items.length === 0) return 'lists nothing (write a comma list)';
      values.lists[key] = items;
      return undefined;
    }
    case 'enum': {
      const r = parseEnumValue(raw, spec.values ?? []);
      if (!r.ok) return r.error;
      values.text[key] = r.value;
      return undefined;
    }
    case 'enum-list': {
      const out: string[] = [];
      for (const item of splitList(raw)) {
        const r = parseEnumValue(item, spec.values ?? []);
        if (!r.ok) return `has "${item}", which ${r.error}`;
        if (!out.includes(r.value)) out.push(r.value);
      }
      values.lists[key] = out;
      return undefined;
    }
    case 'duration': {
      const r = parseDurationValue(raw);
      if (!r.ok) return r.error;
      values.durations[key] = r.value;
      return undefined;
    }
    case 'impact': {
      const r = parseImpactValue(raw);
      if (!r.ok) return r.error;
      values.impact = r.value;
      return undefined;
    }
    case 'suppliers': {
      const r = parseSuppliersValue(raw);
      if (!r.ok) return r.error;
      values.suppliers = r.value;
      return undefined;
    }
    case 'dated-outcome': {
      const r = parseDatedOutcomeValue(raw, spec.values ?? []);
      if (!r.ok) return r.error;
      values.drTest = r.value;
      return undefined;
    }
    case 'dated-users': {
      const r = parseDatedUsersValue(raw, ns);
      if (!r.ok) return r.error;
      values.acknowledgements = r.value;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Removes a parsed value that may not be used on its own. */
function dropValue(values: ItsecAnnotationValues, spec: ItsecAnnotationSpec) {
  if (spec.format === 'dated-users') {
    delete values.acknowledgements;
    return;
  }
  for (const map of [
    values.dates,
    values.links,
    values.text,
    values.lists,
    values.durations,
    values.roles,
  ]) {
    delete map[spec.key];
  }
}

const KIND_LIMITED = ITSEC_ANNOTATION_SPECS.filter(s => s.kinds !== undefined);
const EVENT_DATED = ITSEC_ANNOTATION_SPECS.filter(s => s.dateRole === 'event');

/** An annotation set on a kind its spec does not allow is reported and not used. */
function checkKinds(
  kind: string,
  annotations: Record<string, unknown>,
  values: ItsecAnnotationValues,
  problems: AnnotationProblem[],
) {
  const k = kind.toLocaleLowerCase('en-US');
  for (const spec of KIND_LIMITED) {
    const raw = annotations[spec.name];
    if (raw === undefined) continue;
    if (spec.kinds!.some(allowed => allowed.toLocaleLowerCase('en-US') === k))
      continue;
    problems.push({
      annotation: spec.name,
      value: asText(raw),
      message: `${spec.name}: ${quoteValue(
        raw,
      )} is set on a ${kind}; it may only be set on a ${spec.kinds!.join(
        ' or ',
      )}${
        spec.key === 'role-business-siro'
          ? ' (the SIRO who approves exceptions is the Domain\u2019s, else the System\u2019s, never one named by the team that owns a Component, API or Resource)'
          : ''
      }, so it is not used`,
    });
    dropValue(values, spec);
  }
}

/**
 * The dates an annotation's parsed value carries, each with what it belongs
 * to (a supplier, a person) when the value lists several.
 *
 * @public
 */
export function annotationDates(
  spec: ItsecAnnotationSpec,
  values: ItsecAnnotationValues,
): Array<{ date: string; of?: string }> {
  switch (spec.format) {
    case 'date': {
      const d = values.dates[spec.key];
      return d ? [{ date: d }] : [];
    }
    case 'dated-outcome':
      return values.drTest ? [{ date: values.drTest.date }] : [];
    case 'dated-users':
      return (values.acknowledgements ?? []).map(a => ({
        date: a.date,
        of: a.user,
      }));
    case 'suppliers':
      return (values.suppliers ?? []).flatMap(s =>
        s.assessedOn ? [{ date: s.assessedOn, of: s.name }] : [],
      );
    default:
      return [];
  }
}

/**
 * The message for a date on which something happened that is later than the
 * evaluation date. `field` is the annotation or CodeOfConnection field.
 *
 * @public
 */
export function futureDateMessage(
  field: string,
  date: string,
  asOf: string,
  of?: string,
): string {
  return `${field}: ${date}${
    of ? ` (${of})` : ''
  } is in the future (evaluated on ${asOf}): a date on which something happened is not evidence before that day`;
}

/** Dates on which something happened may not be later than the evaluation date. */
function checkEventDates(
  asOf: string,
  annotations: Record<string, unknown>,
  values: ItsecAnnotationValues,
  problems: AnnotationProblem[],
) {
  const today = toDayNumber(asOf);
  if (Number.isNaN(today)) return;
  for (const spec of EVENT_DATED) {
    for (const { date, of } of annotationDates(spec, values)) {
      if (toDayNumber(date) <= today) continue;
      problems.push({
        annotation: spec.name,
        value: asText(annotations[spec.name]),
        message: futureDateMessage(spec.name, date, asOf, of),
      });
    }
  }
}

/** An annotation whose companions are missing or invalid is reported and not used. */
function checkRequirements(
  annotations: Record<string, unknown>,
  valid: ReadonlySet<string>,
  values: ItsecAnnotationValues,
  problems: AnnotationProblem[],
) {
  for (const key of valid) {
    const spec = ITSEC_ANNOTATION_SPEC_BY_NAME.get(`${PREFIX}${key}`);
    const missing = spec?.requires?.filter(r => !valid.has(r));
    if (!spec || !missing || missing.length === 0) continue;
    const raw = annotations[spec.name];
    problems.push({
      annotation: spec.name,
      value: asText(raw),
      message: `${spec.name}: ${quoteValue(raw)} needs ${missing
        .map(m => `${PREFIX}${m}`)
        .join(' and ')} set to a valid value too; it is not counted without it`,
    });
    dropValue(values, spec);
  }
}

/** Checks between annotations (a date before another, a value that needs its pair). */
function checkConsistency(
  annotations: Record<string, unknown>,
  values: ItsecAnnotationValues,
  problems: AnnotationProblem[],
) {
  const name = (k: string) => `${ITSEC_ANNOTATION_PREFIX}${k}`;
  const add = (k: string, message: string) => {
    const raw = annotations[name(k)];
    problems.push({
      annotation: name(k),
      value: typeof raw === 'string' ? raw : '',
      message: `${name(k)}: ${message}`,
    });
  };

  const decision = values.dates['accreditation-date'];
  const expiry = values.dates['accreditation-expiry'];
  if (decision && expiry && toDayNumber(expiry) <= toDayNumber(decision)) {
    add(
      'accreditation-expiry',
      `${quoteValue(expiry)} is not after accreditation-date ${quoteValue(
        decision,
      )}`,
    );
  }

  if (
    values.flags['has-suppliers'] === false &&
    values.suppliers &&
    values.suppliers.length > 0
  ) {
    add(
      'has-suppliers',
      `"false" contradicts ${name('suppliers')}, which lists ${
        values.suppliers.length
      } supplier(s)`,
    );
  }
  if (
    values.flags['uses-hmg-crypto'] === true &&
    values.flags['uses-cryptography'] === false
  ) {
    add(
      'uses-cryptography',
      `"false" contradicts ${name(
        'uses-hmg-crypto',
      )} "true" (HMG cryptography is cryptography)`,
    );
  }
}
