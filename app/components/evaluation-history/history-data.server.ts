/**
 * The evaluation page's history in words (docs/decisions/0020): each revision with its cause,
 * author, time, reason and score, what it changed — the answers as the reader sees them
 * ("Yes", "Resolved", "4 on 1 to 5"), named by question — and the void, when there is one.
 */
import type { EvaluationView } from "../../modules/evaluations/get-evaluation.server";
import type { RevisionCause } from "../../modules/evaluations/append-revision.server";
import type { RevisionEntry } from "../../modules/evaluations/list-evaluation-history.server";
import { formatDateTime } from "../../lib/time";
import { answerSummary } from "../scorecard-form/answers";
import type { RevisionView, VoidView } from "./history-types";

const titles: Record<RevisionCause, string> = { submit: "Submitted", edit: "Corrected", dispute: "Re-scored after a dispute" };

const scoreText = (score: number | null) => (score === null ? "—" : score.toFixed(1));
const verdictOf = (entry: Pick<RevisionEntry, "passed" | "autoFailed">): RevisionView["verdict"] => (entry.autoFailed ? "Auto-failed" : entry.passed ? "Pass" : "Fail");

export function historyView(entries: RevisionEntry[], timeZone: string): RevisionView[] {
  return entries.map((entry, index) => {
    const before = index > 0 ? entries[index - 1] : undefined;
    const scoreChanged = before !== undefined && scoreText(before.score) !== scoreText(entry.score);
    const verdictChanged = before !== undefined && verdictOf(before) !== verdictOf(entry);
    return {
      sequence: entry.sequence,
      title: titles[entry.cause],
      actorName: entry.actorName,
      at: formatDateTime(entry.at, timeZone),
      reason: entry.reason,
      score: scoreText(entry.score),
      verdict: verdictOf(entry),
      scoreBefore: scoreChanged && before ? scoreText(before.score) : null,
      verdictBefore: verdictChanged && before ? verdictOf(before) : null,
      changes: entry.changes.map(({ question, before: was, after: now }) => {
        const wasComment = was?.comment?.trim() ?? "";
        const nowComment = now?.comment?.trim() ?? "";
        // A comment that changed is shown with its answer, so a change of comment alone is not two identical answers.
        const withComment = (text: string, comment: string) => (wasComment === nowComment ? text : `${text} (comment: ${comment === "" ? "none" : `“${comment}”`})`);
        return {
          questionId: question.id,
          prompt: question.prompt,
          before: withComment(answerSummary(question, was).text, wasComment),
          after: withComment(answerSummary(question, now).text, nowComment),
        };
      }),
      current: entry.current,
    };
  });
}

export function voidView(evaluation: Pick<EvaluationView, "voided">, timeZone: string): VoidView | null {
  const { voided } = evaluation;
  return voided ? { byName: voided.byName, at: formatDateTime(voided.at, timeZone), reason: voided.reason } : null;
}
