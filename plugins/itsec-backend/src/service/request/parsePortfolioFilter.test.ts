import { listParam, parsePortfolioFilter } from './parsePortfolioFilter';

const ids = new Set(['POL.ITSEC.005', 'POL.ITSEC.025']);

describe('listParam', () => {
  it('takes repeated parameters and comma-separated values', () => {
    expect(listParam(['a,b', ' c ', ''])).toEqual(['a', 'b', 'c']);
    expect(listParam('x')).toEqual(['x']);
    expect(listParam(undefined)).toEqual([]);
  });
});

describe('parsePortfolioFilter', () => {
  it('is empty for an empty query', () => {
    expect(parsePortfolioFilter({}, ids)).toEqual({});
  });

  it('completes owner, system and domain refs with their kind and namespace', () => {
    const filter = parsePortfolioFilter(
      {
        owner: ['Team-A', 'user:alice'],
        system: ['civil'],
        domain: ['domain:ops/hmcts'],
      },
      ids,
    );
    expect([...filter.owner!]).toEqual([
      'group:default/team-a',
      'user:default/alice',
    ]);
    expect([...filter.system!]).toEqual(['system:default/civil']);
    expect([...filter.domain!]).toEqual(['domain:ops/hmcts']);
  });

  it('reads a bare none as no system or no domain, and system:none as a System named none', () => {
    const filter = parsePortfolioFilter(
      { system: ['none', 'system:none'], domain: ['None'] },
      ids,
    );
    expect([...filter.system!]).toEqual(['', 'system:default/none']);
    expect([...filter.domain!]).toEqual(['']);
    expect([...parsePortfolioFilter({ owner: ['none'] }, ids).owner!]).toEqual([
      'group:default/none',
    ]);
  });

  it('lower-cases kinds, classifications and the free text', () => {
    const filter = parsePortfolioFilter(
      { kind: ['Component,System'], classification: ['OFFICIAL'], q: '  Pay ' },
      ids,
    );
    expect([...filter.kind!]).toEqual(['component', 'system']);
    expect([...filter.classification!]).toEqual(['official']);
    expect(filter.q).toBe('pay');
  });

  it('keeps known statements and statuses', () => {
    expect(
      parsePortfolioFilter(
        { statement: ['POL.ITSEC.005'], status: ['gap', 'due-soon'] },
        ids,
      ),
    ).toEqual({ statement: ['POL.ITSEC.005'], status: ['gap', 'due-soon'] });
  });

  it.each([
    [
      { statement: ['POL.ITSEC.999'] },
      "statement: unknown statement id 'POL.ITSEC.999'",
    ],
    [{ owner: ['group:'] }, "owner: 'group:' is not an entity ref"],
  ])('rejects %j naming the field', (query, message) => {
    expect(() => parsePortfolioFilter(query, ids)).toThrow(message);
  });
});
