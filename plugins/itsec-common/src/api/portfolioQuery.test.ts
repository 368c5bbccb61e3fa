import {
  PORTFOLIO_ARRAY_PARAMS,
  PORTFOLIO_PATH,
  PORTFOLIO_TEXT_PARAM,
  parsePortfolioSearchParams,
  portfolioSearchParams,
} from './portfolioQuery';
import type { PortfolioFilter } from './types';

describe('portfolio query parameters', () => {
  it('names the parameters of the portfolio page', () => {
    expect(PORTFOLIO_PATH).toBe('/itsec');
    expect(PORTFOLIO_ARRAY_PARAMS.join(' ')).toBe(
      'owner system domain kind classification status statement',
    );
    expect(PORTFOLIO_TEXT_PARAM).toBe('q');
  });

  it('writes nothing for an empty filter', () => {
    expect(portfolioSearchParams().toString()).toBe('');
    expect(portfolioSearchParams({}).toString()).toBe('');
    expect(
      portfolioSearchParams({ owner: [], status: [], q: '' }).toString(),
    ).toBe('');
  });

  it('repeats multi-valued filters in a fixed order, then q', () => {
    const params = portfolioSearchParams({
      q: 'civil api',
      statement: ['POL.ITSEC.043', 'POL.ITSEC.028'],
      status: ['gap'],
      owner: ['group:default/team-a', 'group:default/team-b'],
      classification: ['SECRET'],
    });
    expect(params.toString()).toBe(
      'owner=group%3Adefault%2Fteam-a&owner=group%3Adefault%2Fteam-b' +
        '&classification=SECRET&status=gap' +
        '&statement=POL.ITSEC.043&statement=POL.ITSEC.028&q=civil+api',
    );
  });

  it('writes each value once', () => {
    expect(
      portfolioSearchParams({ owner: ['a', 'b', 'a'] }).getAll('owner'),
    ).toEqual(['a', 'b']);
  });

  it('does not modify the filter', () => {
    const filter: PortfolioFilter = Object.freeze({
      owner: Object.freeze(['a', 'a']) as string[],
      q: 'x',
    });
    portfolioSearchParams(filter);
    expect(filter).toEqual({ owner: ['a', 'a'], q: 'x' });
  });

  it('reads filters, ignoring empty values and other parameters', () => {
    expect(
      parsePortfolioSearchParams(
        new URLSearchParams(
          'owner=a&owner=&owner=b&kind=&status=gap&status=met' +
            '&q=%20x%20&sort=score&order=desc&view=sections&other=1',
        ),
      ),
    ).toEqual({ owner: ['a', 'b'], status: ['gap', 'met'], q: 'x' });
  });

  it('leaves out a blank q and reads a plain query string', () => {
    expect(parsePortfolioSearchParams('q=%20%20')).toEqual({});
    expect(parsePortfolioSearchParams('')).toEqual({});
    expect(parsePortfolioSearchParams('domain=domain%3Adefault%2Fj')).toEqual({
      domain: ['domain:default/j'],
    });
  });

  it('round-trips every filter', () => {
    const filter: PortfolioFilter = {
      owner: ['group:default/a', 'group:default/b'],
      system: ['system:default/s'],
      domain: ['domain:default/d'],
      kind: ['component', 'api'],
      classification: ['OFFICIAL'],
      status: ['gap', 'due-soon'],
      statement: ['POL.ITSEC.001'],
      q: 'payments & more',
    };
    const written = portfolioSearchParams(filter);
    expect(parsePortfolioSearchParams(written)).toEqual(filter);
    expect(parsePortfolioSearchParams(written.toString())).toEqual(filter);
  });
});
