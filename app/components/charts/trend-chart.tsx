/**
 * A trend over periods: per series a line through the means and a shaded band for their 95 %
 * interval, with n on every point (below the axis for the first series, and in each point's
 * tooltip). Drawn with visx on the server: the SVG is in the HTML, so it shows without
 * JavaScript and prints (docs/decisions/0026-report-charts.md). Fixed size through its
 * viewBox, scaled by CSS to the width it gets — nothing is measured in the browser.
 *
 * Every chart carries its table alternative ("Show as table"): the same points as rows, for
 * screen readers and for anyone who wants the numbers. The SVG itself is one labelled image.
 */
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { Area, LinePath } from "@visx/shape";
import { useId } from "react";
import { MISSING, roundedNumber } from "../../modules/reports/report-table";

export interface TrendPoint {
  /** The period's key (its first day, YYYY-MM-DD): points of different series line up by it. */
  x: string;
  /** How the period reads: "9 Nov", "Nov 2026". */
  label: string;
  /** null where the count is not the viewer's to see (an agent's team mean: decision 0034). */
  n: number | null;
  /** The mean or rate; null when the period has no figure (every score N/A). */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Where the point drills down to (the evaluations behind it). */
  href?: string;
}

export interface TrendSeries {
  name: string;
  points: TrendPoint[];
}

export interface TrendChartProps {
  /** What the chart shows ("Quality score by week"): its accessible name and the table's caption. */
  title: string;
  /** One series, or two to compare (a team against the organisation); the first is emphasised. */
  series: TrendSeries[];
  /** The value axis: [0, 100] for scores (the default), [0, 1] for rates. */
  domain?: [number, number];
  /** How a value reads (axis, tooltips, table): a score by default; `formatPercent` for rates. */
  format?: (value: number) => string;
  /** What a value is called in the table ("Mean score", "Pass rate"). */
  valueLabel?: string;
  width?: number;
  height?: number;
}

/** A score as the tables show it (report-table.ts rounds for both). */
export const formatScore = (value: number) => roundedNumber("score", value).toFixed(1);
/** A rate (0–1) as a percentage with one decimal, as the tables show it. */
export const formatRate = (value: number) => `${roundedNumber("percent", value).toFixed(1)}%`;

const MARGIN = { top: 12, right: 16, bottom: 52, left: 44 };

export function TrendChart({ title, series, domain = [0, 100], format = formatScore, valueLabel = "Mean", width = 640, height = 260 }: TrendChartProps) {
  const id = useId();
  const periods = periodsOf(series);
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<string>({ domain: periods.map((period) => period.x), range: [0, innerWidth], padding: 0.5 });
  const y = scaleLinear<number>({ domain, range: [innerHeight, 0], clamp: true });
  const xOf = (point: TrendPoint) => x(point.x) ?? 0;
  const labelOf = new Map(periods.map((period) => [period.x, period.label]));
  const nOf = new Map((series[0]?.points ?? []).map((point) => [point.x, point.n]));
  const summary = series.map((line) => `${line.name}: ${line.points.map((point) => `${point.label} ${describe(point, format)}`).join("; ")}`).join(". ");

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart__title">
        {title}
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((line, index) => (
            <li key={line.name} className={`chart__key chart__key--${index}`}>
              {line.name}
            </li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${width} ${height}`} className="chart__svg" role="group" aria-labelledby={`${id}-title ${id}-desc`}>
        <desc id={`${id}-desc`}>{summary || "No figures in this range."}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {y.ticks(5).map((tick) => (
            <line key={tick} className="chart__grid" x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} />
          ))}
          {series.map((line, index) => {
            const banded = line.points.filter((point) => point.low !== null && point.high !== null);
            const valued = line.points.filter((point) => point.value !== null);
            return (
              <g key={line.name} className={`chart__series chart__series--${index}`}>
                {banded.length > 1 ? (
                  <Area<TrendPoint> data={banded} x={xOf} y0={(point) => y(point.low ?? 0)} y1={(point) => y(point.high ?? 0)} className="chart__band" />
                ) : null}
                {banded.map((point) => (
                  // A lone interval (or one between gaps) still shows, as a whisker.
                  <line key={`w${point.x}`} className="chart__whisker" x1={xOf(point)} x2={xOf(point)} y1={y(point.low ?? 0)} y2={y(point.high ?? 0)} />
                ))}
                {valued.length > 1 ? <LinePath<TrendPoint> data={valued} x={xOf} y={(point) => y(point.value ?? 0)} className="chart__line" /> : null}
                {valued.map((point) => {
                  const dot = (
                    <circle cx={xOf(point)} cy={y(point.value ?? 0)} r={index === 0 ? 4 : 3} className="chart__point">
                      <title>{`${line.name}, ${point.label}: ${describe(point, format)}`}</title>
                    </circle>
                  );
                  return point.href ? (
                    <a key={point.x} href={point.href} aria-label={`${line.name}, ${point.label}: ${describe(point, format)} — the evaluations behind it`}>
                      {dot}
                    </a>
                  ) : (
                    <g key={point.x}>{dot}</g>
                  );
                })}
              </g>
            );
          })}
          <AxisLeft scale={y} numTicks={5} tickFormat={(value) => format(Number(value))} axisClassName="chart__axis" tickLabelProps={{ className: "chart__tick", fontSize: 11 }} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            axisClassName="chart__axis"
            tickFormat={(value) => labelOf.get(value) ?? value}
            tickLabelProps={{ className: "chart__tick", fontSize: 11 }}
            numTicks={periods.length}
          />
          {periods.map((period) => (
            <text key={`n${period.x}`} x={x(period.x)} y={innerHeight + 38} textAnchor="middle" className="chart__n" fontSize={10}>
              {`n ${nOf.get(period.x) ?? 0}`}
            </text>
          ))}
        </Group>
      </svg>
      <TrendTable title={title} series={series} periods={periods} format={format} valueLabel={valueLabel} />
    </figure>
  );
}

function describe(point: TrendPoint, format: (value: number) => string): string {
  const value = point.value === null ? MISSING : format(point.value);
  const interval = point.low !== null && point.high !== null ? ` (95% ${format(point.low)} to ${format(point.high)})` : "";
  return point.n === null ? `${value}${interval}` : `${value}${interval}, n = ${point.n}`;
}

function periodsOf(series: TrendSeries[]): { x: string; label: string }[] {
  const periods = new Map<string, string>();
  for (const line of series) for (const point of line.points) periods.set(point.x, point.label);
  return [...periods.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([x, label]) => ({ x, label }));
}

/** The chart's points as a table, folded under "Show as table". */
function TrendTable({
  title,
  series,
  periods,
  format,
  valueLabel,
}: {
  title: string;
  series: TrendSeries[];
  periods: { x: string; label: string }[];
  format: (value: number) => string;
  valueLabel: string;
}) {
  return (
    <details className="chart__table">
      <summary>Show as table</summary>
      <div className="table-wrap">
        <table className="table table--compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {series.length > 1 ? <th scope="col">Series</th> : null}
              <th scope="col">n</th>
              <th scope="col">{valueLabel}</th>
              <th scope="col">95% interval</th>
            </tr>
          </thead>
          <tbody>
            {periods.flatMap((period) =>
              series.map((line) => {
                const point = line.points.find((candidate) => candidate.x === period.x);
                return (
                  <tr key={`${period.x}-${line.name}`}>
                    <th scope="row">{period.label}</th>
                    {series.length > 1 ? <td>{line.name}</td> : null}
                    <td className="num">{point === undefined ? 0 : (point.n ?? MISSING)}</td>
                    <td className="num">{point?.value === null || point === undefined ? MISSING : format(point.value)}</td>
                    <td className="num">{point && point.low !== null && point.high !== null ? `${format(point.low)} to ${format(point.high)}` : MISSING}</td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}
