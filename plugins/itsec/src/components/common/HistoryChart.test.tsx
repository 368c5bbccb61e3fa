import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import type { HistoryPoint } from '@internal/plugin-itsec-common';
import { DEMO_HISTORY_LABEL, HistoryChart } from './HistoryChart';

const counts = (gap: number) => ({
  met: 10,
  'due-soon': 0,
  gap,
  excepted: 0,
  'not-applicable': 0,
  'not-scored': 0,
});

const points: HistoryPoint[] = [
  { date: '2026-01-01', score: 40, counts: counts(6) },
  { date: '2026-01-11', score: 60, counts: counts(4) },
  { date: '2026-03-12', score: 80, counts: counts(2) },
];

describe('HistoryChart', () => {
  it('labels demo history visibly', async () => {
    await renderInTestApp(
      <HistoryChart points={points} title="Portfolio trend" demo />,
    );
    expect(screen.getByText(DEMO_HISTORY_LABEL)).toBeVisible();
    expect(DEMO_HISTORY_LABEL).toBe(
      "Demo history: built from the dates in the demo catalog's evidence",
    );
  });

  it('says nothing of demo history for recorded history', async () => {
    await renderInTestApp(
      <HistoryChart points={points} title="Portfolio trend" />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Portfolio trend: score 40 on 2026-01-01, 80 on 2026-03-12; 2 gaps on 2026-03-12.',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Demo history/)).not.toBeInTheDocument();
  });

  it('places points in proportion to their dates', async () => {
    const { container } = await renderInTestApp(
      <HistoryChart points={points} title="Score history" />,
    );
    const xs = [...container.querySelectorAll('circle')].map(c =>
      Number(c.getAttribute('cx')),
    );
    // 10 days, then 60 days: the second gap is six times the first.
    expect(xs).toHaveLength(3);
    expect((xs[2] - xs[1]) / (xs[1] - xs[0])).toBeCloseTo(6);
  });
});
