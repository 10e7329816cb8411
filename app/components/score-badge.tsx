import { Link } from "@remix-run/react";
import { formatScore } from "../modules/scorecards/explain-score";

export interface ScoreBadgeView {
  evaluationId: string;
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
  scorecardName?: string;
}

/** "86.5 · Pass", "Auto-fail", "— · Fail" (no score: every section N/A): the words carry the result, the colour only repeats it. */
export function scoreText(badge: Pick<ScoreBadgeView, "score" | "passed" | "autoFailed">): string {
  if (badge.autoFailed) return `${badge.score === null ? "—" : formatScore(badge.score)} · Auto-fail`;
  return `${badge.score === null ? "—" : formatScore(badge.score)} · ${badge.passed ? "Pass" : "Fail"}`;
}

/** The score of a conversation's current evaluation, linking to it. */
export function ScoreBadge({ badge }: { badge: ScoreBadgeView }) {
  const label = `Evaluation${badge.scorecardName ? ` (${badge.scorecardName})` : ""}: ${scoreText(badge)}`;
  return (
    <Link to={`/evaluations/${badge.evaluationId}`} className={`badge score-badge badge--${badge.passed && !badge.autoFailed ? "pass" : "fail"}`} aria-label={label} title={label}>
      {scoreText(badge)}
    </Link>
  );
}
