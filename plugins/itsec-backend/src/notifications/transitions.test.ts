import { StatementStatus } from '@internal/plugin-itsec-common';
import {
  DetectTransitionsInput,
  StatementState,
  detectTransitions,
  windowEnd,
} from './transitions';

const ASOF = '2026-10-01';

function prev(
  entries: Record<string, StatementStatus>,
): DetectTransitionsInput['previous'] {
  return new Map(
    Object.entries(entries).map(([id, status]) => [id, { status }]),
  );
}

function detect(
  previous: DetectTransitionsInput['previous'],
  current: StatementState[],
  overrides: Partial<DetectTransitionsInput> = {},
) {
  return detectTransitions({
    previous,
    current,
    asOf: ASOF,
    dueSoonWindow: 'P30D',
    exceptionExpiryWindow: 'P30D',
    statusUsesSameWindow: true,
    ...overrides,
  });
}

describe('detectTransitions', () => {
  it('windowEnd adds the duration to the day', () => {
    expect(windowEnd(ASOF, 'P30D')).toBe('2026-10-31');
    expect(windowEnd(ASOF, 'P1M')).toBe('2026-11-01');
    expect(windowEnd(ASOF, 'nonsense')).toBe('');
  });

  it('met → due-soon is a due-soon transition with the due date', () => {
    expect(
      detect(prev({ A: 'met' }), [
        { statementId: 'A', status: 'due-soon', due: '2026-10-20' },
      ]),
    ).toEqual([
      {
        kind: 'due-soon',
        statementId: 'A',
        due: '2026-10-20',
        from: 'met',
        to: 'due-soon',
      },
    ]);
  });

  it('due-soon that stays due-soon is not a transition (same window)', () => {
    expect(
      detect(prev({ A: 'due-soon' }), [
        { statementId: 'A', status: 'due-soon', due: '2026-10-20' },
      ]),
    ).toEqual([]);
  });

  it('with another notification window, the due date decides (the ledger dedupes)', () => {
    const current: StatementState[] = [
      { statementId: 'A', status: 'met', due: '2026-11-20' },
      { statementId: 'B', status: 'due-soon', due: '2026-10-05' },
      { statementId: 'C', status: 'due-soon', due: '2026-10-25' },
    ];
    const wider = detect(
      prev({ A: 'met', B: 'due-soon', C: 'due-soon' }),
      current,
      {
        dueSoonWindow: 'P60D',
        statusUsesSameWindow: false,
      },
    );
    expect(wider.map(t => [t.kind, t.statementId, t.due])).toEqual([
      ['due-soon', 'A', '2026-11-20'],
      ['due-soon', 'B', '2026-10-05'],
      ['due-soon', 'C', '2026-10-25'],
    ]);
    const narrower = detect(prev({ B: 'due-soon', C: 'due-soon' }), current, {
      dueSoonWindow: 'P7D',
      statusUsesSameWindow: false,
    });
    expect(narrower.map(t => [t.kind, t.statementId])).toEqual([
      ['due-soon', 'B'],
    ]);
  });

  it('a new entity (no previous result) notifies due-soon but not its gaps', () => {
    expect(
      detect(undefined, [
        { statementId: 'A', status: 'due-soon', due: '2026-10-20' },
        { statementId: 'B', status: 'gap', due: '2026-09-01' },
      ]),
    ).toEqual([
      { kind: 'due-soon', statementId: 'A', due: '2026-10-20', to: 'due-soon' },
    ]);
  });

  it('due-soon or met → gap is overdue, keyed by the date it fell due', () => {
    const t = detect(
      prev({ A: 'due-soon', B: 'met', C: 'gap', D: 'not-applicable' }),
      [
        { statementId: 'A', status: 'gap', due: '2026-09-30' },
        { statementId: 'B', status: 'gap' },
        { statementId: 'C', status: 'gap', due: '2026-01-01' },
        { statementId: 'D', status: 'gap' },
      ],
    );
    expect(t).toEqual([
      {
        kind: 'overdue',
        statementId: 'A',
        due: '2026-09-30',
        from: 'due-soon',
        to: 'gap',
      },
      { kind: 'overdue', statementId: 'B', due: ASOF, from: 'met', to: 'gap' },
    ]);
  });

  it('an approved exception within the window is exception-expiring', () => {
    const t = detect(prev({ A: 'excepted', B: 'excepted' }), [
      { statementId: 'A', status: 'excepted', due: '2026-10-15' },
      { statementId: 'B', status: 'excepted', due: '2027-03-01' },
    ]);
    expect(t).toEqual([
      {
        kind: 'exception-expiring',
        statementId: 'A',
        due: '2026-10-15',
        from: 'excepted',
        to: 'excepted',
      },
    ]);
    // Its own window.
    expect(
      detect(
        prev({ B: 'excepted' }),
        [{ statementId: 'B', status: 'excepted', due: '2027-03-01' }],
        { exceptionExpiryWindow: 'P6M' },
      ).map(x => x.kind),
    ).toEqual(['exception-expiring']);
  });

  it('excepted → gap because the exception ran out is exception-expired, keyed by the expiry', () => {
    expect(
      detect(prev({ A: 'excepted', B: 'excepted' }), [
        {
          statementId: 'A',
          status: 'gap',
          reasons: ['dr-test-overdue', 'exception-expired'],
          exceptionExpiredOn: '2026-09-30',
        },
        // Revoked: the gap is back, without an expiry.
        { statementId: 'B', status: 'gap', reasons: ['dr-plan-missing'] },
      ]),
    ).toEqual([
      {
        kind: 'exception-expired',
        statementId: 'A',
        due: '2026-09-30',
        from: 'excepted',
        to: 'gap',
      },
      {
        kind: 'overdue',
        statementId: 'B',
        due: ASOF,
        from: 'excepted',
        to: 'gap',
      },
    ]);
  });

  it('closing a gap, or nothing changing, is no transition', () => {
    expect(
      detect(prev({ A: 'gap', B: 'met', C: 'not-scored' }), [
        { statementId: 'A', status: 'met', due: '2027-09-01' },
        { statementId: 'B', status: 'met', due: '2027-09-01' },
        { statementId: 'C', status: 'not-scored' },
      ]),
    ).toEqual([]);
  });

  it('is the same on every run for the same input (deterministic)', () => {
    const input: StatementState[] = [
      { statementId: 'A', status: 'due-soon', due: '2026-10-20' },
    ];
    expect(detect(prev({ A: 'met' }), input)).toEqual(
      detect(prev({ A: 'met' }), input),
    );
  });
});
