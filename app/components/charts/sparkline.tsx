/**
 * A tiny trend beside a figure (a team page's agent row): the line only, no axes. The SVG is
 * hidden from screen readers; `label` says the same in words ("Quality score by week: 71.9,
 * 90.6, 100.0"), visually hidden. Server-rendered with visx like TrendChart.
 */
import { scaleLinear } from "@visx/scale";
import { LinePath } from "@visx/shape";

export interface SparklineProps {
  /** The values in order; null is a period without a figure (the line breaks there). */
  values: (number | null)[];
  /** The text alternative: what the line shows, in words. */
  label: string;
  /** The value axis, [0, 100] for scores by default. */
  domain?: [number, number];
  width?: number;
  height?: number;
}

export function Sparkline({ values, label, domain = [0, 100], width = 96, height = 24 }: SparklineProps) {
  const x = scaleLinear<number>({ domain: [0, Math.max(1, values.length - 1)], range: [2, width - 2] });
  const y = scaleLinear<number>({ domain, range: [height - 2, 2], clamp: true });
  const points = values.map((value, index) => ({ index, value }));
  const last = [...points].reverse().find((point) => point.value !== null);
  return (
    <span className="sparkline">
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} aria-hidden="true" focusable="false" className="sparkline__svg">
        <LinePath<{ index: number; value: number | null }>
          data={points}
          defined={(point) => point.value !== null}
          x={(point) => x(point.index)}
          y={(point) => y(point.value ?? 0)}
          className="sparkline__line"
        />
        {last ? <circle cx={x(last.index)} cy={y(last.value ?? 0)} r={2} className="sparkline__end" /> : null}
      </svg>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
