import { parseEntityRef } from '@backstage/catalog-model';
import {
  PORTFOLIO_PATH,
  PortfolioFilter,
  portfolioSearchParams,
} from '@internal/plugin-itsec-common';

/*
 * Links into the portal's frontend (plugins/itsec), relative to the app's
 * base URL as Backstage notifications expect:
 *
 * - the entity Security tab: `/catalog/{namespace}/{kind}/{name}/security`
 *   (the catalog entity route plus the itsec entity content path 'security');
 * - the ITSO portfolio: `/itsec?{filters}` with the query parameters the
 *   portfolio page reads, written by the shared `portfolioSearchParams`
 *   (owner, system, domain, kind, classification, status, statement repeated
 *   for several values, q).
 */

/** The path of the portfolio page. */
export { PORTFOLIO_PATH };

/** The filters of the portfolio page, as it reads them from the query string. */
export type PortfolioLinkFilter = PortfolioFilter;

/** 'component:default/civil-api' → `/catalog/default/component/civil-api/security`. */
export function entitySecurityLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef, {
    defaultKind: 'component',
  });
  const seg = (s: string) => encodeURIComponent(s.toLocaleLowerCase('en-US'));
  return `/catalog/${seg(namespace)}/${seg(kind)}/${encodeURIComponent(
    name,
  )}/security`;
}

/** The portfolio filtered as given: `/itsec?status=gap&statement=POL.ITSEC.043`. */
export function portfolioLink(filter: PortfolioLinkFilter = {}): string {
  const query = portfolioSearchParams(filter).toString();
  return query ? `${PORTFOLIO_PATH}?${query}` : PORTFOLIO_PATH;
}
