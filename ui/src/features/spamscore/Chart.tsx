// A DID's score over time, drawn as inline SVG: 0–100 on the vertical axis with the bands of
// the labels shaded, one point per check.
import type { ScorePoint } from "../../bindings/calltools/ScorePoint";

const W = 560;
const H = 200;
const PAD = { left: 36, right: 16, top: 12, bottom: 28 };

function x(index: number, count: number): number {
  const span = W - PAD.left - PAD.right;
  return PAD.left + (count <= 1 ? span / 2 : (index * span) / (count - 1));
}

function y(score: number): number {
  return PAD.top + ((100 - score) * (H - PAD.top - PAD.bottom)) / 100;
}

export function ScoreChart(props: { did: string; points: ScorePoint[] }) {
  const scored = props.points
    .map((point, index) => ({ point, index }))
    .filter((entry) => entry.point.score !== null);
  const count = props.points.length;
  const line = scored
    .map(({ point, index }) => `${x(index, count).toFixed(1)},${y(point.score ?? 0).toFixed(1)}`)
    .join(" ");
  const bands: [number, number, string][] = [
    [0, 20, "chart-band-clean"], [20, 50, "chart-band-some"],
    [50, 80, "chart-band-likely"], [80, 100, "chart-band-spam"],
  ];
  return (
    <figure class="spam-chart" data-testid="spam-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img"
        aria-label={`Spam score of ${props.did} over ${count} checks`}>
        {bands.map(([from, to, cls]) => (
          <rect key={cls} class={cls} x={PAD.left} width={W - PAD.left - PAD.right}
            y={y(to)} height={y(from) - y(to)} />
        ))}
        {[0, 20, 50, 80, 100].map((tick) => (
          <g key={tick}>
            <line class="chart-grid" x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text class="chart-tick" x={PAD.left - 6} y={y(tick) + 4} text-anchor="end">{tick}</text>
          </g>
        ))}
        {scored.length > 1 && <polyline class="chart-line" points={line} />}
        {scored.map(({ point, index }) => (
          <circle key={index} class="chart-point" cx={x(index, count)} cy={y(point.score ?? 0)}
            r="4" data-testid="spam-chart-point">
            <title>{`${point.checked_at} UTC: ${point.score ?? "no score"}`}</title>
          </circle>
        ))}
        {count > 0 && <>
          <text class="chart-tick" x={x(0, count)} y={H - 8}
            text-anchor={count === 1 ? "middle" : "start"}>
            {props.points[0]?.checked_at.slice(0, 16)}</text>
          {count > 1 && (
            <text class="chart-tick" x={x(count - 1, count)} y={H - 8} text-anchor="end">
              {props.points[count - 1]?.checked_at.slice(0, 16)}</text>
          )}
        </>}
      </svg>
      <figcaption class="muted">{props.did}: {count} check{count === 1 ? "" : "s"}, UTC.
        Shaded bands: nothing found (under 20), some reports, likely spam, spam (80 and over).
      </figcaption>
    </figure>
  );
}
