import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { PortfolioFilter } from '@internal/plugin-itsec-common';
import type { NormalisedFilter } from '../PortfolioIndex';

function lower(v: string): string {
  return v.toLocaleLowerCase('en-US');
}

/** Query values as a list: repeated parameters and comma-separated values both work. */
export function listParam(value: unknown): string[] {
  if (value === undefined) return [];
  const raw = Array.isArray(value) ? value : [value];
  return raw
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
}

/**
 * 'team-a' → 'group:default/team-a'; 'system:x' → 'system:default/x'. With
 * `none`, a bare 'none' is '' (entities with no system or domain; a System
 * named none is 'system:none').
 */
function refsParam(
  value: unknown,
  field: string,
  defaultKind: string,
  none = false,
) {
  return listParam(value).map(v => {
    if (none && lower(v) === 'none') return '';
    try {
      return lower(
        stringifyEntityRef(
          parseEntityRef(v, { defaultKind, defaultNamespace: 'default' }),
        ),
      );
    } catch {
      throw new InputError(
        `${field}: '${v}' is not an entity ref such as ${defaultKind}:default/name`,
      );
    }
  });
}

/**
 * The filters every portfolio route takes (owner, system, domain, kind,
 * classification, statement, status, q), normalised for the index
 * (`system=none` and `domain=none`: entities without one). The
 * OpenAPI validator has checked their types and the statuses; refs and
 * statement ids (which depend on the policy) are checked here, a bad one a
 * 400 naming the field.
 */
export function parsePortfolioFilter(
  query: PortfolioFilter,
  statementIds: ReadonlySet<string>,
): NormalisedFilter {
  const filter: NormalisedFilter = {};
  const owner = refsParam(query.owner, 'owner', 'group');
  if (owner.length) filter.owner = new Set(owner);
  const system = refsParam(query.system, 'system', 'system', true);
  if (system.length) filter.system = new Set(system);
  const domain = refsParam(query.domain, 'domain', 'domain', true);
  if (domain.length) filter.domain = new Set(domain);
  const kind = listParam(query.kind).map(lower);
  if (kind.length) filter.kind = new Set(kind);
  const classification = listParam(query.classification).map(lower);
  if (classification.length) filter.classification = new Set(classification);
  const statement = listParam(query.statement);
  for (const id of statement) {
    if (!statementIds.has(id)) {
      throw new InputError(`statement: unknown statement id '${id}'`);
    }
  }
  if (statement.length) filter.statement = statement;
  if (query.status?.length) filter.status = query.status;
  const q = query.q?.trim();
  if (q) filter.q = lower(q);
  return filter;
}
