import { parsePage, parsePortfolioPage } from './parsePage';

describe('parsePage', () => {
  it('defaults to the first 50', () => {
    expect(parsePage({})).toEqual({ offset: 0, limit: 50 });
  });

  it('reads numbers and numeric strings', () => {
    expect(parsePage({ offset: '100', limit: 1000 })).toEqual({
      offset: 100,
      limit: 1000,
    });
  });

  it.each([
    [{ offset: -1 }, 'offset: must be a whole number from 0'],
    [{ limit: 'abc' }, 'limit: must be a whole number from 1 to 1000'],
    [{ limit: 0 }, 'limit: must be a whole number from 1 to 1000'],
    [{ limit: 1001 }, 'limit: must be a whole number from 1 to 1000'],
    [{ limit: 2.5 }, 'limit: must be a whole number from 1 to 1000'],
  ])('rejects %j naming the field', (query, message) => {
    expect(() => parsePage(query)).toThrow(message);
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
    expect(parsePortfolioPage({ sort: 'evaluatedAt' }).order).toBe('desc');
    expect(parsePortfolioPage({ sort: 'score', order: 'desc' }).order).toBe(
      'desc',
    );
  });

  it.each([
    [{ sort: 'colour' }, 'sort: must be one of gaps, score'],
    [{ order: 'up' }, 'order: must be asc or desc'],
  ])('rejects %j naming the field', (query, message) => {
    expect(() => parsePortfolioPage(query)).toThrow(message);
  });
});
