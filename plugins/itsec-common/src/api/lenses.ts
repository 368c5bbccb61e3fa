import { checkOf } from '../evaluate/checks';
import type { PolicyCatalogue, PolicyStatement } from '../policy/types';

/**
 * The portfolio's lenses, each a set of statements the heatmap, the gap
 * counts and the summary are restricted to:
 *
 * - `all`: every statement (the heatmap shows those a check scores per entity);
 * - `catalog`: statements proven by documents declared in catalog-info
 *   (their check is a `record` check);
 * - `attestations`: statements proven by a sign-off recorded in the portal
 *   (their check is an `attestation` check).
 *
 * @public
 */
export const PORTFOLIO_LENSES = Object.freeze([
  'all',
  'catalog',
  'attestations',
] as const);

/** One of {@link PORTFOLIO_LENSES}. @public */
export type PortfolioLens = (typeof PORTFOLIO_LENSES)[number];

/** The query parameter (and portfolio URL parameter) naming the lens. @public */
export const PORTFOLIO_LENS_PARAM = 'lens';

/** True for one of {@link PORTFOLIO_LENSES}. @public */
export function isPortfolioLens(value: unknown): value is PortfolioLens {
  return (PORTFOLIO_LENSES as readonly unknown[]).includes(value);
}

/**
 * The lens other than `all` a statement belongs to, from the kind of the
 * check that scores it; undefined for statements no check scores per entity
 * (organisation and behaviour statements). A check added at runtime is known
 * only to the backend's parsed policy; elsewhere (the policy as `GET /policy`
 * serves it) the statement's kind stands for it, since a policy only parses
 * when each statement's check is of the statement's kind.
 *
 * @public
 */
export function lensOfStatement(
  statement: Pick<PolicyStatement, 'kind' | 'check'>,
): Exclude<PortfolioLens, 'all'> | undefined {
  const kind = statement.check
    ? checkOf(statement)?.kind ?? statement.kind
    : checkOf(statement)?.kind;
  switch (kind) {
    case 'record':
      return 'catalog';
    case 'attestation':
      return 'attestations';
    default:
      return undefined;
  }
}

/**
 * The ids of the statements a lens shows, in policy order: for `all`, every
 * statement some lens holds (those a check scores per entity).
 *
 * @public
 */
export function lensStatementIds(
  policy: PolicyCatalogue,
  lens: PortfolioLens,
): string[] {
  return policy.statements
    .filter(s => {
      const own = lensOfStatement(s);
      return lens === 'all' ? own !== undefined : own === lens;
    })
    .map(s => s.id);
}
