import { parseMyTasksQuery } from './parseMyTasksQuery';

describe('parseMyTasksQuery', () => {
  it('takes no window, or an ISO 8601 duration of at most a year', () => {
    expect(parseMyTasksQuery({})).toEqual({});
    expect(parseMyTasksQuery({ dueWithin: '' })).toEqual({});
    expect(parseMyTasksQuery({ dueWithin: 'P30D' })).toEqual({
      dueWithin: 'P30D',
    });
    expect(parseMyTasksQuery({ dueWithin: 'P3M' })).toEqual({
      dueWithin: 'P3M',
    });
    expect(parseMyTasksQuery({ dueWithin: 'P1Y' })).toEqual({
      dueWithin: 'P1Y',
    });
    expect(parseMyTasksQuery({ dueWithin: 'P12M' })).toEqual({
      dueWithin: 'P12M',
    });
  });

  it('refuses anything else, naming the field', () => {
    expect(() => parseMyTasksQuery({ dueWithin: '30 days' })).toThrow(
      /^dueWithin: '30 days' is not an ISO 8601 duration/,
    );
    expect(() => parseMyTasksQuery({ dueWithin: 'P13M' })).toThrow(
      /^dueWithin: at most a year/,
    );
    expect(() => parseMyTasksQuery({ dueWithin: 'P1Y1D' })).toThrow(
      /^dueWithin: at most a year/,
    );
    expect(() => parseMyTasksQuery({ dueWithin: ['P1D', 'P2D'] })).toThrow(
      /^dueWithin: give it once/,
    );
  });
});
