import type { Entity } from '@backstage/catalog-model';
import type { z } from 'zod';
import { toDayNumber } from '../dates';
import type {
  CodeOfConnectionStatus,
  ConnectionCategory,
} from '../profile/types';
import { quoteValue } from '../annotations/values';
import type { ClassificationValue } from '../annotations/values';
import { futureDateMessage } from '../annotations/parse';
import {
  CODE_OF_CONNECTION_API_VERSION,
  CODE_OF_CONNECTION_KIND,
  ConnectionDirection,
} from './types';
import {
  CodeOfConnectionSpecFields,
  asText,
  parseCodeOfConnectionSpec,
} from './schema';

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

const APPROVERS = ['accreditor', 'itso', 'iao'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
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
  const { fields, issues } = parseCodeOfConnectionSpec(spec, ns);
  addIssues(issues, add);
  if (!isObject(spec) || !fields)
    return { isCodeOfConnection: true, parsed, problems };
  toParsed(fields, parsed);
  crossFieldRules(spec, parsed, add);

  if (options.asOf !== undefined) checkEventDates(options.asOf, parsed, add);
  return { isCodeOfConnection: true, parsed, problems };
}

type Add = (field: string, value: unknown, what: string) => void;

/** Names each schema issue by its spec field, quoting the value when given. */
function addIssues(issues: z.core.$ZodIssue[], add: Add) {
  for (const issue of issues) {
    const field = ['spec', ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        add(`${field}.${key}`, undefined, issue.message);
    } else if (issue.code === 'custom') {
      add(field, issue.params?.value, issue.message);
    } else {
      const input = issue.input;
      add(
        field,
        issue.path.length && input !== null ? input : undefined,
        issue.message,
      );
    }
  }
}

/** Copies the valid fields; an approval needs both its signatory and its date. */
function toParsed(
  f: CodeOfConnectionSpecFields,
  parsed: ParsedCodeOfConnection,
) {
  const approvals = isObject(f.approvals) ? f.approvals : {};
  const cp = isObject(f.counterparty) ? f.counterparty : undefined;
  Object.assign(parsed, {
    system: f.system,
    counterpartyRef: cp?.ref,
    counterpartyOrganisation: cp?.organisation,
    category: f.category,
    direction: f.direction,
    dataShared: f.dataShared,
    personalData: f.personalData,
    classification: f.classification,
    informationSharingAgreement: f.informationSharingAgreement,
    status: f.status,
    agreedDate: f.agreedDate,
    reviewDate: f.reviewDate,
    owner: f.owner,
  });
  for (const key of APPROVERS) {
    const a = approvals[key];
    if (isObject(a) && a.by && a.date)
      parsed.approvals[key] = { by: a.by, date: a.date };
  }
  const c = approvals.counterparty;
  if (isObject(c) && c.name && c.date)
    parsed.approvals.counterparty = { name: c.name, date: c.date };
}

/** The rules that relate one field to another. */
function crossFieldRules(
  spec: Record<string, unknown>,
  parsed: ParsedCodeOfConnection,
  add: Add,
) {
  if (parsed.counterpartyRef && parsed.counterpartyRef === parsed.system) {
    const cp = spec.counterparty as Record<string, unknown>;
    add(
      'spec.counterparty.entityRef',
      asText(cp.entityRef)?.trim(),
      'is the same entity as spec.system',
    );
  }
  const { status, agreedDate, reviewDate } = parsed;
  if (status && status !== 'draft' && spec.agreedDate === undefined)
    add('spec.agreedDate', undefined, `is required when status is ${status}`);
  const day = toDayNumber;
  if (agreedDate && reviewDate && day(reviewDate) <= day(agreedDate)) {
    add(
      'spec.reviewDate',
      reviewDate,
      `is not after spec.agreedDate ${quoteValue(agreedDate)}`,
    );
  }
  const approvals = isObject(spec.approvals) ? spec.approvals : {};
  for (const key of [...APPROVERS, 'counterparty'] as const) {
    const a = approvals[key];
    const when = isObject(a) ? asText(a.date)?.trim() : undefined;
    if (when && agreedDate && day(when) > day(agreedDate)) {
      add(
        `spec.approvals.${key}.date`,
        when,
        `is after spec.agreedDate ${quoteValue(
          agreedDate,
        )}; approvals come before agreement`,
      );
    }
  }
  const lacking = APPROVERS.filter(
    k => approvals[k] === undefined || approvals[k] === null,
  );
  if (status === 'agreed' && lacking.length) {
    add(
      'spec.approvals',
      undefined,
      `lacks ${lacking.join(
        ', ',
      )}: an agreed Code of Connection is approved by the Accreditor, the ITSO and the IAO`,
    );
  }
}

/** An agreed or approval date later than the evaluation date is not evidence. */
function checkEventDates(
  asOf: string,
  parsed: ParsedCodeOfConnection,
  add: Add,
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
