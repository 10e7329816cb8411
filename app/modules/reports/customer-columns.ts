/**
 * CSAT and handling time as columns of a report table (issue 14 §8, docs/decisions/0029): the
 * same columns on every page that shows them beside quality (overview, team, agent card), so the
 * page and its CSV carry the same figures. Pure: the KPI points come from queryCustomerKpis, the
 * CSAT difference from queryCriterionCsatDifference.
 *
 * CSAT is a percentage of the survey's scale, shown with one decimal like a score ("score"
 * format: 81.7 means 81.7 % of the way from the lowest answer to the highest); its n is the
 * number of CSAT responses (conversations with an answer), not evaluations. Handling time is in
 * seconds over the conversations with a known duration.
 */
import type { CustomerKpiPoint } from "./query-customer-kpis.server";
import type { CriterionCsatDifference } from "./query-csat-difference.server";
import { roundedNumber, type CellValue, type ReportColumn } from "./report-table";
import type { MeanEstimate } from "./statistics";

export const customerKpiColumns: ReportColumn[] = [
  { key: "conversations", label: "Conversations", format: "integer" },
  { key: "csatResponses", label: "CSAT responses", format: "integer" },
  { key: "csat", label: "Mean CSAT (% of scale)", format: "score" },
  { key: "csatLow", label: "CSAT 95% low", format: "score" },
  { key: "csatHigh", label: "CSAT 95% high", format: "score" },
  { key: "handlingSeconds", label: "Mean handling time (s)", format: "score" },
  { key: "handlingLow", label: "Handling 95% low (s)", format: "score" },
  { key: "handlingHigh", label: "Handling 95% high (s)", format: "score" },
];

/** The cells of one group and period; all missing ("–") when it had no conversations. */
export function customerKpiCells(point: CustomerKpiPoint | undefined): Record<string, CellValue> {
  return {
    conversations: point?.conversations ?? null,
    csatResponses: point?.csatResponses ?? null,
    csat: point?.csat?.mean ?? null,
    csatLow: point?.csat?.interval?.low ?? null,
    csatHigh: point?.csat?.interval?.high ?? null,
    handlingSeconds: point?.handlingSeconds?.mean ?? null,
    handlingLow: point?.handlingSeconds?.interval?.low ?? null,
    handlingHigh: point?.handlingSeconds?.interval?.high ?? null,
  };
}

/** KPI points by group and period start, to sit beside the quality points of the same key. */
export function customerKpiIndex(points: readonly CustomerKpiPoint[]): (groupId: string | null, periodStart: string) => CustomerKpiPoint | undefined {
  const byKey = new Map(points.map((point) => [`${point.groupId ?? ""}|${point.periodStart}`, point]));
  return (groupId, periodStart) => byKey.get(`${groupId ?? ""}|${periodStart}`);
}

export const csatDifferenceColumns: ReportColumn[] = [
  { key: "csatDifference", label: "CSAT difference, failed − passed (points)", format: "score" },
  { key: "csatDifferenceLow", label: "CSAT difference 95% low", format: "score" },
  { key: "csatDifferenceHigh", label: "CSAT difference 95% high", format: "score" },
  { key: "csatFailedN", label: "CSAT n failed", format: "integer" },
  { key: "csatPassedN", label: "CSAT n passed", format: "integer" },
];

export function csatDifferenceCells(row: CriterionCsatDifference | undefined): Record<string, CellValue> {
  return {
    csatDifference: row?.difference?.difference ?? null,
    csatDifferenceLow: row?.difference?.interval.low ?? null,
    csatDifferenceHigh: row?.difference?.interval.high ?? null,
    csatFailedN: row?.failed.n ?? null,
    csatPassedN: row?.passed.n ?? null,
  };
}

/** CSAT differences by scorecard and question key (the criteria page's rows carry both). */
export function csatDifferenceIndex(rows: readonly CriterionCsatDifference[]): (scorecardId: string, questionKey: string) => CriterionCsatDifference | undefined {
  const byKey = new Map(rows.map((row) => [`${row.scorecardId}|${row.questionKey}`, row]));
  return (scorecardId, questionKey) => byKey.get(`${scorecardId}|${questionKey}`);
}

const oneDecimal = (value: number) => roundedNumber("score", value).toFixed(1);

/** "81.7 (95% interval 41.7 to 121.6)": a mean with its interval where it has one, the page's rounding. */
export function meanWithInterval(estimate: Pick<MeanEstimate, "mean" | "interval">, unit = ""): string {
  const interval = estimate.interval ? ` (95% interval ${oneDecimal(estimate.interval.low)}${unit} to ${oneDecimal(estimate.interval.high)}${unit})` : "";
  return `${oneDecimal(estimate.mean)}${unit}${interval}`;
}

/** The customer's side of a group in one sentence (the team page's headline). */
export function customerSentence(point: CustomerKpiPoint): string {
  const csat = point.csat
    ? `Mean CSAT ${meanWithInterval(point.csat, "%")} of the scale, from ${point.csatResponses} CSAT ${point.csatResponses === 1 ? "response" : "responses"}`
    : "No CSAT responses";
  const handling = point.handlingSeconds
    ? `mean handling time ${meanWithInterval(point.handlingSeconds, " s")} over ${point.handlingSeconds.n} ${point.handlingSeconds.n === 1 ? "conversation" : "conversations"}`
    : "no handling time yet";
  return `${csat}; ${handling}.`;
}
