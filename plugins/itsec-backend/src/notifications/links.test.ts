import path from 'node:path';
import { entitySecurityLink, portfolioLink } from './links';

/*
 * The links must open the right view of the frontend plugin (plugins/itsec):
 * parse them with the portfolio page's own URL parser.
 */
function frontendParser(): (params: URLSearchParams) => { filter: unknown } {
  // A test-only look at the frontend's query-string contract.
  // eslint-disable-next-line @backstage/no-relative-monorepo-imports
  const mod = require(path.resolve(
    __dirname,
    '../../../itsec/src/components/ItsecPortfolioPage/urlState',
  ));
  return mod.parseViewState;
}

describe('notification links', () => {
  it('entity Security tab: /catalog/{namespace}/{kind}/{name}/security', () => {
    expect(entitySecurityLink('component:default/civil-api')).toBe(
      '/catalog/default/component/civil-api/security',
    );
    expect(entitySecurityLink('system:hmcts/civil')).toBe(
      '/catalog/hmcts/system/civil/security',
    );
  });

  it('the entity content path is the frontend plugin\u2019s security tab', () => {
    // eslint-disable-next-line @backstage/no-relative-monorepo-imports
    const alpha = require('node:fs').readFileSync(
      path.resolve(__dirname, '../../../itsec/src/alpha.tsx'),
      'utf8',
    );
    expect(alpha).toMatch(/path: 'security'/);
    expect(alpha).toMatch(/path: '\/itsec'/);
  });

  it('portfolio links carry the filters the portfolio page reads', () => {
    const link = portfolioLink({
      owner: ['group:default/team-a'],
      status: ['gap'],
      statement: ['POL.ITSEC.043', 'POL.ITSEC.028'],
    });
    expect(link.startsWith('/itsec?')).toBe(true);
    const parse = frontendParser();
    const view = parse(new URLSearchParams(link.slice(link.indexOf('?') + 1)));
    expect(view.filter).toEqual({
      owner: ['group:default/team-a'],
      status: ['gap'],
      statement: ['POL.ITSEC.043', 'POL.ITSEC.028'],
    });
    expect(portfolioLink()).toBe('/itsec');
  });
});
