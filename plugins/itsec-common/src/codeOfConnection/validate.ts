import type { Entity } from '@backstage/catalog-model';
import { toDayNumber } from '../dates';
import type {
  CodeOfConnectionStatus,
  ConnectionCategory,
} from '../profile/types';
import {
  parseBooleanValue,
  parseClassification,
  parseDateValue,
  parseEntityRefValue,
  parseUrlValue,
  parseUserRefValue,
  quoteValue,
} from '../annotations/values';
import type { ClassificationValue } from '../annotations/values';
import { futureDateMessage } from '../annotations/parse';
import {
  CODE_OF_CONNECTION_API_VERSION,
  CODE_OF_CONNECTION_KIND,
  CODE_OF_CONNECTION_STATUSES,
  CONNECTION_CATEGORIES,
  CONNECTION_DIRECTIONS,
  ConnectionDirection,
} from './types';

/**
 * A problem with one field of a CodeOfConnection. `message` names the field
 * and the value, ready to print.
 *
 * @public
 */
export interface CodeOfConnectionProblem {
  /** Dotted path of the field, e.g. 'spec.reviewDate'. */
  field: string;
  /** The value as written ('' when missing). */
  value: string;
  message: string;
}

/**
 * The normalised content of a CodeOfConnection, as far as it is valid.
 *
 * @public
 */
export interface ParsedCodeOfConnection {
  /** Lowercase entity ref of the CodeOfConnection itself. */
  entityRef: string;
  title?: string;
  /** Lowercase entity ref of the MoJ system. */
  system?: string;
  /** Lowercase entity ref of the counterparty, when it is in the catalog. */
  counterpartyRef?: string;
  counterpartyOrganisation?: string;
  category?: ConnectionCategory;
  direction?: ConnectionDirection;
  dataShared?: string;
  personalData?: boolean;
  classification?: ClassificationValue;
  informationSharingAgreement?: string;
  approvals: {
    accreditor?: { by: string; date: string };
    itso?: { by: string; date: string };
    iao?: { by: string; date: string };
    counterparty?: { name: string; date: string };
  };
  status?: CodeOfConnectionStatus;
  agreedDate?: string;
  reviewDate?: string;
  /** Lowercase entity ref of the owner group. */
  owner?: string;
}

/** The result of {@link validateCodeOfConnection}. @public */
export interface CodeOfConnectionValidation {
  /** False when the entity is not a CodeOfConnection at all. */
  isCodeOfConnection: boolean;
  parsed: ParsedCodeOfConnection;
  problems: CodeOfConnectionProblem[];
}

const SPEC_KEYS = new Set([
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
]);

const APPROVAL_KEYS = ['accreditor', 'itso', 'iao', 'counterparty'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML 1.1 parsers turn unquoted dates into Date objects; accept those. */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Date && !Number.isNaN(v.getTime()))
    return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Options for {@link validateCodeOfConnection}. @public */
export interface ValidateCodeOfConnectionOptions {
  /**
   * The evaluation date, 'YYYY-MM-DD': an agreed date or approval date later
   * than this is reported as being in the future (the value is still
   * returned). Not checked when absent.
   */
  asOf?: string;
}

/**
 * The CodeOfConnection fields that hold the date something happened (agreed,
 * approved, signed); `spec.reviewDate` is forward-looking.
 *
 * @public
 */
export const CODE_OF_CONNECTION_EVENT_DATE_FIELDS = Object.freeze([
  'spec.agreedDate',
  'spec.approvals.accreditor.date',
  'spec.approvals.itso.date',
  'spec.approvals.iao.date',
  'spec.approvals.counterparty.date',
] as const);

/**
 * Validates a CodeOfConnection entity's spec and returns its normalised
 * content and every problem found (missing or malformed fields, a review date
 * not after the agreed date, an agreed connection without its approvals, a
 * missing owner, and with `asOf` an agreed or approval date in the future).
 * Never throws.
 *
 * @public
 */
export function validateCodeOfConnection(
  entity: Entity,
  options: ValidateCodeOfConnectionOptions = {},
): CodeOfConnectionValidation {
  const ns = (entity.metadata?.namespace ?? 'default').toLowerCase();
  const name = String(entity.metadata?.name ?? '').toLowerCase();
  const parsed: ParsedCodeOfConnection = {
    entityRef: `codeofconnection:${ns}/${name}`,
    title:
      typeof entity.metadata?.title === 'string'
        ? entity.metadata.title
        : undefined,
    approvals: {},
  };
  const problems: CodeOfConnectionProblem[] = [];
  const isCoc = entity.kind === CODE_OF_CONNECTION_KIND;
  if (!isCoc) return { isCodeOfConnection: false, parsed, problems };

  const add = (field: string, value: unknown, what: string) => {
    const text =
      value === undefined ? '' : asText(value) ?? JSON.stringify(value);
    problems.push({
      field,
      value: text,
      message:
        value === undefined
          ? `${field}: ${what}`
          : `${field}: ${quoteValue(text)} ${what}`,
    });
  };

  if (entity.apiVersion !== CODE_OF_CONNECTION_API_VERSION) {
    add(
      'apiVersion',
      entity.apiVersion,
      `is not ${CODE_OF_CONNECTION_API_VERSION}`,
    );
  }
  const spec = entity.spec;
  if (!isObject(spec)) {
    add(
      'spec',
      undefined,
      'is required (system, counterparty, category, direction, dataShared, personalData, classification, status)',
    );
    return { isCodeOfConnection: true, parsed, problems };
  }
  for (const key of Object.keys(spec)) {
    if (!SPEC_KEYS.has(key))
      add(
        `spec.${key}`,
        undefined,
        `is not a CodeOfConnection field (expected ${[...SPEC_KEYS].join(
          ', ',
        )})`,
      );
  }

  const requiredText = (key: string): string | undefined => {
    const v = spec[key];
    if (v === undefined || v === null || v === '') {
      add(`spec.${key}`, undefined, 'is required');
      return undefined;
    }
    const t = asText(v);
    if (t === undefined) {
      add(`spec.${key}`, v, 'must be a string');
      return undefined;
    }
    return t.trim();
  };
  const optionalText = (key: string): string | undefined => {
    const v = spec[key];
    if (v === undefined || v === null || v === '') return undefined;
    const t = asText(v);
    if (t === undefined) {
      add(`spec.${key}`, v, 'must be a string');
      return undefined;
    }
    return t.trim();
  };
  const oneOf = <T extends string>(
    key: string,
    allowed: readonly T[],
  ): T | undefined => {
    const t = requiredText(key);
    if (t === undefined) return undefined;
    const hit = allowed.find(a => a === t.toLowerCase());
    if (!hit) add(`spec.${key}`, t, `is not one of ${allowed.join(', ')}`);
    return hit;
  };
  const date = (field: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const r = parseDateValue(v);
    if (!r.ok) {
      add(field, v, r.error);
      return undefined;
    }
    return r.value;
  };

  // system
  const system = requiredText('system');
  if (system !== undefined) {
    const r = parseEntityRefValue(system, { kind: 'system', namespace: ns });
    if (!r.ok)
      add(
        'spec.system',
        system,
        `${r.error} (name the MoJ system, e.g. system:default/my-system)`,
      );
    else parsed.system = r.value.ref;
  }

  // counterparty
  const cp = spec.counterparty;
  if (cp === undefined || cp === null) {
    add(
      'spec.counterparty',
      undefined,
      'is required (entityRef of the other system, organisation, or both)',
    );
  } else if (typeof cp === 'string') {
    add(
      'spec.counterparty',
      cp,
      'must be an object with entityRef and/or organisation',
    );
  } else if (!isObject(cp)) {
    add(
      'spec.counterparty',
      cp,
      'must be an object with entityRef and/or organisation',
    );
  } else {
    for (const key of Object.keys(cp)) {
      if (key !== 'entityRef' && key !== 'organisation') {
        add(
          `spec.counterparty.${key}`,
          undefined,
          'is not a counterparty field (expected entityRef or organisation)',
        );
      }
    }
    const ref = asText(cp.entityRef);
    const org = asText(cp.organisation);
    if (cp.entityRef !== undefined && ref === undefined)
      add('spec.counterparty.entityRef', cp.entityRef, 'must be a string');
    if (cp.organisation !== undefined && org === undefined)
      add(
        'spec.counterparty.organisation',
        cp.organisation,
        'must be a string',
      );
    if (ref) {
      const r = parseEntityRefValue(ref, { kind: 'system', namespace: ns });
      if (!r.ok) add('spec.counterparty.entityRef', ref, r.error);
      else parsed.counterpartyRef = r.value.ref;
    }
    if (org && org.trim()) parsed.counterpartyOrganisation = org.trim();
    if (!ref && !(org && org.trim())) {
      add(
        'spec.counterparty',
        undefined,
        'needs entityRef (the other system) or organisation (the other party)',
      );
    }
    if (parsed.counterpartyRef && parsed.counterpartyRef === parsed.system) {
      add(
        'spec.counterparty.entityRef',
        ref,
        'is the same entity as spec.system',
      );
    }
  }

  parsed.category = oneOf('category', CONNECTION_CATEGORIES);
  parsed.direction = oneOf('direction', CONNECTION_DIRECTIONS);
  parsed.dataShared = requiredText('dataShared');

  // personalData
  const pd = spec.personalData;
  if (pd === undefined || pd === null)
    add('spec.personalData', undefined, 'is required (true or false)');
  else if (typeof pd === 'boolean') parsed.personalData = pd;
  else {
    const r = typeof pd === 'string' ? parseBooleanValue(pd) : undefined;
    if (r?.ok) parsed.personalData = r.value;
    else add('spec.personalData', pd, 'is not true or false');
  }

  const cls = requiredText('classification');
  if (cls !== undefined) {
    const r = parseClassification(cls);
    if (!r.ok) add('spec.classification', cls, r.error);
    else parsed.classification = r.value;
  }

  const isa = optionalText('informationSharingAgreement');
  if (isa !== undefined) {
    const r = parseUrlValue(isa);
    if (!r.ok) add('spec.informationSharingAgreement', isa, r.error);
    else parsed.informationSharingAgreement = r.value;
  }

  parsed.status = oneOf('status', CODE_OF_CONNECTION_STATUSES);
  parsed.agreedDate = date('spec.agreedDate', optionalText('agreedDate'));
  parsed.reviewDate = date('spec.reviewDate', optionalText('reviewDate'));
  if (
    parsed.status &&
    parsed.status !== 'draft' &&
    spec.agreedDate === undefined
  ) {
    add(
      'spec.agreedDate',
      undefined,
      `is required when status is ${parsed.status}`,
    );
  }
  if (
    parsed.agreedDate &&
    parsed.reviewDate &&
    toDayNumber(parsed.reviewDate) <= toDayNumber(parsed.agreedDate)
  ) {
    add(
      'spec.reviewDate',
      parsed.reviewDate,
      `is not after spec.agreedDate ${quoteValue(parsed.agreedDate)}`,
    );
  }

  const owner = optionalText('owner');
  if (owner !== undefined) {
    const r = parseEntityRefValue(owner, { kind: 'group', namespace: ns });
    if (!r.ok) add('spec.owner', owner, r.error);
    else parsed.owner = r.value.ref;
  } else {
    add(
      'spec.owner',
      undefined,
      'is required: the group that owns the agreement (the system\u2019s owner or the ITSO group); without it the Code of Connection counts for no system',
    );
  }

  // approvals
  const approvals = spec.approvals;
  if (approvals !== undefined && approvals !== null && !isObject(approvals)) {
    add(
      'spec.approvals',
      approvals,
      'must be an object with accreditor, itso, iao (and counterparty)',
    );
  } else if (isObject(approvals)) {
    for (const key of Object.keys(approvals)) {
      if (!(APPROVAL_KEYS as readonly string[]).includes(key)) {
        add(
          `spec.approvals.${key}`,
          undefined,
          `is not an approval (expected ${APPROVAL_KEYS.join(', ')})`,
        );
      }
    }
    for (const key of APPROVAL_KEYS) {
      const a = approvals[key];
      if (a === undefined || a === null) continue;
      const field = `spec.approvals.${key}`;
      if (!isObject(a)) {
        add(
          field,
          a,
          key === 'counterparty'
            ? 'must be an object with name and date'
            : 'must be an object with by and date',
        );
        continue;
      }
      const d = asText(a.date);
      const when =
        d === undefined
          ? (add(`${field}.date`, a.date, 'is required (YYYY-MM-DD)'),
            undefined)
          : date(`${field}.date`, d);
      if (key === 'counterparty') {
        const n = asText(a.name);
        if (!n || !n.trim())
          add(
            `${field}.name`,
            a.name,
            'is required (the counterparty\u2019s signatory)',
          );
        else if (when)
          parsed.approvals.counterparty = { name: n.trim(), date: when };
      } else {
        const by = asText(a.by);
        let ref: string | undefined;
        if (!by) add(`${field}.by`, a.by, 'is required (a user entity ref)');
        else {
          const r = parseUserRefValue(by, ns);
          if (!r.ok) add(`${field}.by`, by, r.error);
          else ref = r.value;
        }
        if (ref && when) parsed.approvals[key] = { by: ref, date: when };
      }
      if (
        when &&
        parsed.agreedDate &&
        toDayNumber(when) > toDayNumber(parsed.agreedDate)
      ) {
        add(
          `${field}.date`,
          when,
          `is after spec.agreedDate ${quoteValue(
            parsed.agreedDate,
          )}; approvals come before agreement`,
        );
      }
    }
  }
  if (parsed.status === 'agreed') {
    const missing = (['accreditor', 'itso', 'iao'] as const).filter(
      k =>
        !isObject(approvals) ||
        approvals[k] === undefined ||
        approvals[k] === null,
    );
    if (missing.length) {
      add(
        'spec.approvals',
        undefined,
        `lacks ${missing.join(
          ', ',
        )}: an agreed Code of Connection is approved by the Accreditor, the ITSO and the IAO`,
      );
    }
  }

  if (options.asOf !== undefined) checkEventDates(options.asOf, parsed, add);
  return { isCodeOfConnection: true, parsed, problems };
}

/** An agreed or approval date later than the evaluation date is not evidence. */
function checkEventDates(
  asOf: string,
  parsed: ParsedCodeOfConnection,
  add: (field: string, value: unknown, what: string) => void,
) {
  const today = toDayNumber(asOf);
  if (Number.isNaN(today)) return;
  const a = parsed.approvals;
  const dates: Array<[string, string | undefined]> = [
    ['spec.agreedDate', parsed.agreedDate],
    ['spec.approvals.accreditor.date', a.accreditor?.date],
    ['spec.approvals.itso.date', a.itso?.date],
    ['spec.approvals.iao.date', a.iao?.date],
    ['spec.approvals.counterparty.date', a.counterparty?.date],
  ];
  for (const [field, date] of dates) {
    if (date && toDayNumber(date) > today)
      add(field, undefined, futureDateMessage('', date, asOf).slice(2));
  }
}
