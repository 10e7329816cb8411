export { Sparkline, type SparklineProps } from "./sparkline";
export { TrendChart, formatRate, formatScore, type TrendChartProps, type TrendPoint, type TrendSeries } from "./trend-chart";
