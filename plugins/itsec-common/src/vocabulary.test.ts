import {
  SCORED_KINDS,
  STATEMENT_STATUSES,
  STATEMENT_STATUSES_WORST_FIRST,
  isScoredKind,
} from './vocabulary';

describe('vocabulary', () => {
  it('lists every status once in the worst-first display order', () => {
    expect([...STATEMENT_STATUSES_WORST_FIRST].sort()).toEqual(
      [...STATEMENT_STATUSES].sort(),
    );
    expect(STATEMENT_STATUSES_WORST_FIRST[0]).toBe('gap');
  });

  it('keeps the stored order of statuses (the backend packs them by position)', () => {
    expect(STATEMENT_STATUSES).toEqual([
      'met',
      'due-soon',
      'gap',
      'excepted',
      'not-applicable',
      'not-scored',
    ]);
  });

  it('scores systems and their parts, never Domains', () => {
    expect(SCORED_KINDS).toEqual(['system', 'component', 'resource', 'api']);
    expect(isScoredKind('API')).toBe(true);
    expect(isScoredKind('Component')).toBe(true);
    expect(isScoredKind('Domain')).toBe(false);
    expect(isScoredKind('domain')).toBe(false);
    expect(isScoredKind('CodeOfConnection')).toBe(false);
    expect(isScoredKind('User')).toBe(false);
  });
});
