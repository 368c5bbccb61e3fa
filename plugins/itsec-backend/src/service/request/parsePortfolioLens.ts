import { InputError } from '@backstage/errors';
import {
  PORTFOLIO_LENSES,
  PolicyCatalogue,
  isPortfolioLens,
  lensStatementIds,
} from '@internal/plugin-itsec-common';
import type { NormalisedFilter } from '../PortfolioIndex';

/**
 * The `lens` of a portfolio request (default `all`) as the statement ids the
 * index restricts to: undefined for `all`, else the lens's statements of the
 * served policy (from the kind of each statement's check). The OpenAPI
 * validator has checked the value; an unknown one is still a 400 naming the
 * field, for callers that skip it.
 */
export function parsePortfolioLens(
  query: { lens?: string },
  policy: PolicyCatalogue,
): NormalisedFilter['lens'] {
  const lens = query.lens ?? 'all';
  if (!isPortfolioLens(lens)) {
    throw new InputError(
      `lens: '${lens}' is not one of ${PORTFOLIO_LENSES.join(', ')}`,
    );
  }
  return lens === 'all' ? undefined : lensStatementIds(policy, lens);
}
