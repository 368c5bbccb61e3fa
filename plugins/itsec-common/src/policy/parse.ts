import { isIsoDate, parseIsoDuration } from '../dates';
import { CLASSIFICATIONS, PROFILE_FLAGS, ROLE_IDS } from '../profile/types';
import {
  ApplicabilityCondition,
  CHECKS_BY_KIND,
  CheckId,
  PolicyCatalogue,
  PolicyCatalogueError,
  PolicyCatalogueProblem,
  PolicySection,
  PolicyStatement,
  RoleRequirement,
  SEVERITIES,
  STATEMENT_KINDS,
  StatementKind,
} from './types';

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

const TOP_KEYS = new Set([
  '$schema',
  'id',
  'title',
  'version',
  'lastReviewed',
  'description',
  'source',
  'sections',
  'statements',
]);
const STATEMENT_KEYS = new Set([
  'id',
  'section',
  'title',
  'text',
  'kind',
  'check',
  'evidence',
  'appliesWhen',
  'validity',
  'validityWhenSensitive',
  'severity',
  'requiredRoles',
  'acceptedStandards',
  'guidance',
  'notes',
]);
const SCORED_ONLY_KEYS = [
  'evidence',
  'appliesWhen',
  'validityWhenSensitive',
  'severity',
  'requiredRoles',
  'acceptedStandards',
] as const;
const CONDITION_KEYS = new Set([
  'classifications',
  'allFlags',
  'anyFlags',
  'sensitive',
]);
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML parsers turn unquoted dates into Date objects; accept those too. */
function asDateString(v: unknown): unknown {
  if (v instanceof Date && !Number.isNaN(v.getTime()))
    return v.toISOString().slice(0, 10);
  return v;
}

class Collector {
  readonly problems: PolicyCatalogueProblem[] = [];
  add(field: string, message: string, statementId?: string) {
    this.problems.push(
      statementId ? { statementId, field, message } : { field, message },
    );
  }
  string(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    opts: { required: boolean; statementId?: string },
  ): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (opts.required) this.add(path, 'is required', opts.statementId);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add(path, `must be a string, got ${typeof v}`, opts.statementId);
      return undefined;
    }
    if (v.trim() === '') {
      this.add(path, 'must not be empty', opts.statementId);
      return undefined;
    }
    return v;
  }
}

function parseCondition(
  c: Collector,
  raw: unknown,
  path: string,
  statementId?: string,
): ApplicabilityCondition | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.add(path, 'must be an object', statementId);
    return undefined;
  }
  const out: ApplicabilityCondition = {};
  for (const key of Object.keys(raw)) {
    if (!CONDITION_KEYS.has(key)) {
      c.add(
        `${path}.${key}`,
        `unknown field (expected one of ${[...CONDITION_KEYS].join(', ')})`,
        statementId,
      );
    }
  }
  if (raw.classifications !== undefined) {
    const v = raw.classifications;
    if (!Array.isArray(v) || v.length === 0) {
      c.add(
        `${path}.classifications`,
        'must be a non-empty array',
        statementId,
      );
    } else {
      v.forEach((x, i) => {
        if (!(CLASSIFICATIONS as readonly unknown[]).includes(x)) {
          c.add(
            `${path}.classifications[${i}]`,
            `must be one of ${CLASSIFICATIONS.join(', ')}, got ${JSON.stringify(
              x,
            )}`,
            statementId,
          );
        }
      });
      out.classifications = Object.freeze([...v]) as any;
    }
  }
  for (const key of ['allFlags', 'anyFlags'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length === 0) {
      c.add(`${path}.${key}`, 'must be a non-empty array', statementId);
      continue;
    }
    v.forEach((x, i) => {
      if (!(PROFILE_FLAGS as readonly unknown[]).includes(x)) {
        c.add(
          `${path}.${key}[${i}]`,
          `must be one of ${PROFILE_FLAGS.join(', ')}, got ${JSON.stringify(
            x,
          )}`,
          statementId,
        );
      }
    });
    out[key] = Object.freeze([...v]) as any;
  }
  if (raw.sensitive !== undefined) {
    if (typeof raw.sensitive !== 'boolean')
      c.add(`${path}.sensitive`, 'must be a boolean', statementId);
    else out.sensitive = raw.sensitive;
  }
  return Object.freeze(out);
}

function parseStatement(
  c: Collector,
  raw: unknown,
  index: number,
  sectionIds: Set<string>,
  seen: Set<string>,
): PolicyStatement | undefined {
  const path = `statements[${index}]`;
  if (!isObject(raw)) {
    c.add(path, 'must be an object');
    return undefined;
  }
  const rawId = raw.id;
  let id: string | undefined;
  if (typeof rawId !== 'string' || rawId.trim() === '') {
    c.add(`${path}.id`, 'is required (non-empty string)');
  } else if (!ID_RE.test(rawId)) {
    c.add(`${path}.id`, `must match ${ID_RE}`, rawId);
  } else if (seen.has(rawId)) {
    c.add(`${path}.id`, 'duplicate statement id', rawId);
  } else {
    seen.add(rawId);
    id = rawId;
  }
  const sid = typeof rawId === 'string' && rawId.trim() ? rawId : undefined;
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) c.add(`${path}.${key}`, 'unknown field', sid);
  }
  const opt = { required: false, statementId: sid };
  const req = { required: true, statementId: sid };
  const section = c.string(raw, 'section', `${path}.section`, req);
  if (section !== undefined && !sectionIds.has(section)) {
    c.add(`${path}.section`, `unknown section '${section}'`, sid);
  }
  const title = c.string(raw, 'title', `${path}.title`, req);
  const rawText = c.string(raw, 'text', `${path}.text`, req);
  let kind: StatementKind | undefined;
  if (raw.kind === undefined) c.add(`${path}.kind`, 'is required', sid);
  else if (!(STATEMENT_KINDS as readonly unknown[]).includes(raw.kind)) {
    c.add(
      `${path}.kind`,
      `must be one of ${STATEMENT_KINDS.join(', ')}, got ${JSON.stringify(
        raw.kind,
      )}`,
      sid,
    );
  } else kind = raw.kind as StatementKind;

  const scored = kind === 'record' || kind === 'attestation';
  let check: CheckId | undefined;
  if (raw.check !== undefined) {
    if (
      kind &&
      !(CHECKS_BY_KIND[kind] as readonly unknown[]).includes(raw.check)
    ) {
      const allowed = CHECKS_BY_KIND[kind];
      c.add(
        `${path}.check`,
        allowed.length
          ? `must be one of ${allowed.join(
              ', ',
            )} for a ${kind} statement, got ${JSON.stringify(raw.check)}`
          : `is not allowed on a ${kind} statement`,
        sid,
      );
    } else check = raw.check as CheckId;
  } else if (kind === 'record') {
    c.add(
      `${path}.check`,
      `is required for a record statement (one of ${CHECKS_BY_KIND.record.join(
        ', ',
      )})`,
      sid,
    );
  } else if (kind === 'attestation') {
    check = 'attestation';
  }

  const evidence = c.string(raw, 'evidence', `${path}.evidence`, {
    required: scored,
    statementId: sid,
  });
  let severity: PolicyStatement['severity'];
  if (raw.severity === undefined) {
    if (scored)
      c.add(`${path}.severity`, `is required for a ${kind} statement`, sid);
  } else if (!(SEVERITIES as readonly unknown[]).includes(raw.severity)) {
    c.add(
      `${path}.severity`,
      `must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(
        raw.severity,
      )}`,
      sid,
    );
  } else severity = raw.severity as PolicyStatement['severity'];

  if (!scored && kind) {
    for (const key of SCORED_ONLY_KEYS) {
      if (raw[key] !== undefined)
        c.add(
          `${path}.${key}`,
          `only record and attestation statements take ${key}`,
          sid,
        );
    }
  }

  const duration = (key: 'validity' | 'validityWhenSensitive') => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (!parseIsoDuration(v)) {
      c.add(
        `${path}.${key}`,
        `must be an ISO 8601 duration with calendar parts such as P12M, P1Y, P30D; got ${JSON.stringify(
          v,
        )}`,
        sid,
      );
      return undefined;
    }
    return v as string;
  };
  const validity = duration('validity');
  const validityWhenSensitive = duration('validityWhenSensitive');
  if (
    raw.validity !== undefined &&
    kind === 'organisation' &&
    check !== 'policy-review'
  ) {
    c.add(
      `${path}.validity`,
      'only scored statements and the policy-review check take a validity',
      sid,
    );
  }
  if (raw.validity !== undefined && kind === 'behaviour') {
    c.add(`${path}.validity`, 'behaviour statements take no validity', sid);
  }

  const appliesWhen = parseCondition(
    c,
    raw.appliesWhen,
    `${path}.appliesWhen`,
    sid,
  );

  let requiredRoles: RoleRequirement[] | undefined;
  if (raw.requiredRoles !== undefined) {
    if (!Array.isArray(raw.requiredRoles)) {
      c.add(`${path}.requiredRoles`, 'must be an array', sid);
    } else {
      requiredRoles = [];
      raw.requiredRoles.forEach((r, i) => {
        const rp = `${path}.requiredRoles[${i}]`;
        if (!isObject(r)) {
          c.add(rp, 'must be an object { role, when? }', sid);
          return;
        }
        for (const key of Object.keys(r)) {
          if (key !== 'role' && key !== 'when')
            c.add(`${rp}.${key}`, 'unknown field', sid);
        }
        if (!(ROLE_IDS as readonly unknown[]).includes(r.role)) {
          c.add(
            `${rp}.role`,
            `must be one of ${ROLE_IDS.join(', ')}, got ${JSON.stringify(
              r.role,
            )}`,
            sid,
          );
          return;
        }
        const when = parseCondition(c, r.when, `${rp}.when`, sid);
        requiredRoles!.push(
          Object.freeze(
            when ? { role: r.role as any, when } : { role: r.role as any },
          ),
        );
      });
      if (check === 'roles' && raw.requiredRoles.length === 0) {
        c.add(
          `${path}.requiredRoles`,
          'must list at least one role for the roles check',
          sid,
        );
      }
    }
  } else if (check === 'roles') {
    c.add(`${path}.requiredRoles`, 'is required for the roles check', sid);
  }

  let acceptedStandards: string[] | undefined;
  if (raw.acceptedStandards !== undefined) {
    const v = raw.acceptedStandards;
    if (!Array.isArray(v) || v.length === 0) {
      c.add(
        `${path}.acceptedStandards`,
        'must be a non-empty array of strings',
        sid,
      );
    } else {
      v.forEach((x, i) => {
        if (typeof x !== 'string' || !x.trim()) {
          c.add(
            `${path}.acceptedStandards[${i}]`,
            'must be a non-empty string',
            sid,
          );
        }
      });
      acceptedStandards = v.filter((x): x is string => typeof x === 'string');
    }
  } else if (check === 'disposal-standard') {
    c.add(
      `${path}.acceptedStandards`,
      'is required for the disposal-standard check',
      sid,
    );
  }
  const guidance = c.string(raw, 'guidance', `${path}.guidance`, opt);
  const notes = c.string(raw, 'notes', `${path}.notes`, opt);

  if (!id || !section || !title || !rawText || !kind) return undefined;
  const out: PolicyStatement = {
    id,
    section,
    title: cleanPolicyText(title),
    text: cleanPolicyText(rawText),
    kind,
  };
  if (check) out.check = check;
  if (evidence) out.evidence = cleanPolicyText(evidence);
  if (appliesWhen) out.appliesWhen = appliesWhen;
  if (validity) out.validity = validity;
  if (validityWhenSensitive) out.validityWhenSensitive = validityWhenSensitive;
  if (severity) out.severity = severity;
  if (requiredRoles)
    out.requiredRoles = Object.freeze(requiredRoles) as RoleRequirement[];
  if (acceptedStandards)
    out.acceptedStandards = Object.freeze(acceptedStandards) as string[];
  if (guidance) out.guidance = cleanPolicyText(guidance);
  if (notes) out.notes = cleanPolicyText(notes);
  return Object.freeze(out);
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
 * @throws PolicyCatalogueError listing every problem found (statement id + field)
 * @public
 */
export function parsePolicyCatalogue(
  raw: unknown,
  source?: string,
): PolicyCatalogue {
  if (isParsedPolicyCatalogue(raw)) return raw;
  const c = new Collector();
  if (!isObject(raw)) {
    c.add('(root)', 'a policy catalogue must be an object');
    throw new PolicyCatalogueError(c.problems, source);
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.has(key)) c.add(key, 'unknown field');
  }
  const id = c.string(raw, 'id', 'id', { required: true });
  if (id !== undefined && !ID_RE.test(id)) c.add('id', `must match ${ID_RE}`);
  const title = c.string(raw, 'title', 'title', { required: true });
  const rawVersion =
    typeof raw.version === 'number' ? String(raw.version) : raw.version;
  const version = c.string({ version: rawVersion }, 'version', 'version', {
    required: true,
  });
  const lastReviewed = asDateString(raw.lastReviewed);
  if (lastReviewed === undefined) c.add('lastReviewed', 'is required');
  else if (!isIsoDate(lastReviewed))
    c.add(
      'lastReviewed',
      `must be a YYYY-MM-DD date, got ${JSON.stringify(lastReviewed)}`,
    );
  const description = c.string(raw, 'description', 'description', {
    required: false,
  });

  let src: PolicyCatalogue['source'];
  if (raw.source !== undefined) {
    if (!isObject(raw.source))
      c.add('source', 'must be an object { title, url?, published? }');
    else {
      const s = raw.source;
      for (const key of Object.keys(s)) {
        if (!['title', 'url', 'published'].includes(key))
          c.add(`source.${key}`, 'unknown field');
      }
      const st = c.string(s, 'title', 'source.title', { required: true });
      const url = c.string(s, 'url', 'source.url', { required: false });
      const published = asDateString(s.published);
      if (published !== undefined && typeof published !== 'string')
        c.add('source.published', 'must be a string');
      if (st) {
        src = { title: st };
        if (url) src.url = url;
        if (typeof published === 'string') src.published = published;
        Object.freeze(src);
      }
    }
  }

  const sections: PolicySection[] = [];
  const sectionIds = new Set<string>();
  if (!Array.isArray(raw.sections) || raw.sections.length === 0) {
    c.add('sections', 'must be a non-empty array of { id, title }');
  } else {
    raw.sections.forEach((s, i) => {
      if (!isObject(s)) {
        c.add(`sections[${i}]`, 'must be an object { id, title }');
        return;
      }
      for (const key of Object.keys(s)) {
        if (key !== 'id' && key !== 'title')
          c.add(`sections[${i}].${key}`, 'unknown field');
      }
      const sid = c.string(s, 'id', `sections[${i}].id`, { required: true });
      const stitle = c.string(s, 'title', `sections[${i}].title`, {
        required: true,
      });
      if (sid && sectionIds.has(sid))
        c.add(`sections[${i}].id`, `duplicate section id '${sid}'`);
      if (sid) sectionIds.add(sid);
      if (sid && stitle)
        sections.push(
          Object.freeze({ id: sid, title: cleanPolicyText(stitle) }),
        );
    });
  }

  const statements: PolicyStatement[] = [];
  if (!Array.isArray(raw.statements) || raw.statements.length === 0) {
    c.add('statements', 'must be a non-empty array');
  } else {
    const seen = new Set<string>();
    raw.statements.forEach((s, i) => {
      const st = parseStatement(c, s, i, sectionIds, seen);
      if (st) statements.push(st);
    });
  }

  if (c.problems.length > 0) throw new PolicyCatalogueError(c.problems, source);

  const out: PolicyCatalogue = {
    id: id!,
    title: cleanPolicyText(title!),
    version: version!,
    lastReviewed: lastReviewed as string,
    sections: Object.freeze(sections) as PolicySection[],
    statements: Object.freeze(statements) as PolicyStatement[],
  };
  if (description) out.description = cleanPolicyText(description);
  if (src) out.source = src;
  Object.freeze(out);
  parsedCatalogues.add(out);
  return out;
}
