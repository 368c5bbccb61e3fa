import { parsePage, parsePortfolioPage } from './parsePage';

describe('parsePage', () => {
  it('defaults to the first 50', () => {
    expect(parsePage({})).toEqual({ offset: 0, limit: 50 });
  });

  it('takes the page asked for', () => {
    expect(parsePage({ offset: 100, limit: 1000 })).toEqual({
      offset: 100,
      limit: 1000,
    });
  });
});

describe('parsePortfolioPage', () => {
  it('sorts by gaps, worst first, by default', () => {
    expect(parsePortfolioPage({})).toEqual({
      sort: 'gaps',
      order: 'desc',
      offset: 0,
      limit: 50,
    });
  });

  it('sorts names ascending and the newest evaluation first by default', () => {
    expect(parsePortfolioPage({ sort: 'name' }).order).toBe('asc');
    expect(parsePortfolioPage({ sort: 'owner' }).order).toBe('asc');
    expect(parsePortfolioPage({ sort: 'evaluatedAt' }).order).toBe('desc');
  });

  it('keeps an order asked for', () => {
    expect(parsePortfolioPage({ sort: 'score', order: 'desc' }).order).toBe(
      'desc',
    );
    expect(parsePortfolioPage({ order: 'asc' }).order).toBe('asc');
  });
});
