import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { HistoryPoint } from '@internal/plugin-itsec-common';

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 36, right: 40, top: 12, bottom: 28 };

/** Shown above a chart whose history the demo built (History.demo). */
export const DEMO_HISTORY_LABEL =
  "Demo history: built from the dates in the demo catalog's evidence";

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** A step line: each value holds until the next point. */
function stepPath(xy: Array<[number, number]>): string {
  return xy
    .flatMap(([x, y], i) =>
      i === 0
        ? [[x, y]]
        : [
            [x, xy[i - 1][1]],
            [x, y],
          ],
    )
    .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
}

/**
 * A small, dependency-free chart of a score history (0-100, left axis), with
 * the number of gaps on the right axis. Time runs left to right in
 * proportion to the dates; a value holds until the next point. With `demo`,
 * a visible label says the history was built by the demo.
 */
export function HistoryChart(props: {
  points: HistoryPoint[];
  /** Accessible name of the chart. */
  title: string;
  /** The history is demo history (`History.demo`). */
  demo?: boolean;
}) {
  const { points, title, demo } = props;
  const theme = useTheme();
  const scored = points.filter(p => p.score !== null && p.score !== undefined);
  if (points.length === 0 || scored.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No history yet: the chart fills in as the scorecard is evaluated day by
        day.
      </Typography>
    );
  }
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const n = points.length;
  const day0 = dayOf(points[0].date);
  const span = dayOf(points[n - 1].date) - day0;
  const x = (i: number) =>
    PAD.left +
    (span > 0 ? ((dayOf(points[i].date) - day0) * innerW) / span : innerW / 2);
  const yScore = (v: number) => PAD.top + innerH - (v / 100) * innerH;
  const maxGaps = Math.max(1, ...points.map(p => p.counts?.gap ?? 0));
  const yGaps = (v: number) => PAD.top + innerH - (v / maxGaps) * innerH;

  const scorePath = stepPath(
    points.flatMap(
      (p, i): Array<[number, number]> =>
        p.score === null || p.score === undefined
          ? []
          : [[x(i), yScore(p.score)]],
    ),
  );
  const gapPath = stepPath(
    points.map((p, i): [number, number] => [x(i), yGaps(p.counts?.gap ?? 0)]),
  );

  const first = scored[0];
  const last = scored[scored.length - 1];
  const summary = `${title}: score ${first.score} on ${first.date}, ${
    last.score
  } on ${last.date}; ${last.counts?.gap ?? 0} gaps on ${last.date}.`;
  const scoreColor = theme.palette.primary.main;
  const gapColor = theme.palette.error.main;
  const axisColor = theme.palette.text.secondary;

  return (
    <figure style={{ margin: 0 }}>
      {demo && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          {DEMO_HISTORY_LABEL}
        </Typography>
      )}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={summary}
        style={{ maxHeight: 240 }}
      >
        <title>{summary}</title>
        {[0, 50, 100].map(v => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={yScore(v)}
              y2={yScore(v)}
              stroke={theme.palette.divider}
            />
            <text
              x={PAD.left - 6}
              y={yScore(v) + 4}
              fontSize={11}
              textAnchor="end"
              fill={axisColor}
            >
              {v}
            </text>
          </g>
        ))}
        <text
          x={WIDTH - PAD.right + 6}
          y={yGaps(maxGaps) + 4}
          fontSize={11}
          fill={gapColor}
        >
          {maxGaps}
        </text>
        <text
          x={WIDTH - PAD.right + 6}
          y={yGaps(0) + 4}
          fontSize={11}
          fill={gapColor}
        >
          0
        </text>
        <text x={PAD.left} y={HEIGHT - 8} fontSize={11} fill={axisColor}>
          {points[0].date}
        </text>
        <text
          x={WIDTH - PAD.right}
          y={HEIGHT - 8}
          fontSize={11}
          textAnchor="end"
          fill={axisColor}
        >
          {points[n - 1].date}
        </text>
        <polyline
          points={gapPath}
          fill="none"
          stroke={gapColor}
          strokeWidth={1.5}
          strokeDasharray="4 3"
        />
        <polyline
          points={scorePath}
          fill="none"
          stroke={scoreColor}
          strokeWidth={2.5}
        />
        {n <= 60 &&
          points.map((p, i) =>
            p.score === null || p.score === undefined ? null : (
              <circle
                key={p.date}
                cx={x(i)}
                cy={yScore(p.score)}
                r={2.5}
                fill={scoreColor}
              >
                <title>{`${p.date}: score ${p.score}, ${
                  p.counts?.gap ?? 0
                } gaps`}</title>
              </circle>
            ),
          )}
      </svg>
      <Typography
        component="figcaption"
        variant="caption"
        color="textSecondary"
      >
        <span style={{ color: scoreColor }}>━</span> score (left axis, 0–100){' '}
        <span style={{ color: gapColor }}>╌</span> gaps (right axis)
      </Typography>
    </figure>
  );
}
