/**
 * "Evaluation released to you" (issue 13 §7): the agent of a review's conversation is told, in
 * the transaction that releases it — by a lead's release, or at submission when the scorecard
 * releases at once — so the notification exists exactly when the agent can open the evaluation.
 */
import type { Database } from "../../lib/db.server";
import { formatDate } from "../../lib/time";
import { formatScore } from "../scorecards/explain-score";
import { notify } from "./notify.server";

const channelWords: Record<string, string> = { call: "call", chat: "chat", email: "email" };

export async function notifyEvaluationReleased(trx: Database, evaluationId: string, now: Date): Promise<void> {
  const row = await trx
    .selectFrom("evaluations")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("scorecards", "scorecards.id", "evaluations.scorecard_id")
    .select(["evaluations.kind", "evaluations.score", "evaluations.passed", "evaluations.auto_failed", "interactions.agent_id", "interactions.channel", "interactions.started_at", "scorecards.name as scorecard_name"])
    .where("evaluations.id", "=", evaluationId)
    .executeTakeFirstOrThrow();
  if (row.kind !== "review") return;
  const { time_zone: timeZone } = (await trx.selectFrom("organisation").select("time_zone").where("id", "=", 1).executeTakeFirst()) ?? { time_zone: "UTC" };
  const result = row.auto_failed ? "auto-fail" : row.passed ? "pass" : "fail";
  await notify(trx, [
    {
      recipientId: row.agent_id,
      kind: "evaluation_released",
      title: `New feedback on your ${channelWords[row.channel] ?? "conversation"} of ${formatDate(row.started_at, timeZone)}`,
      body: `${row.scorecard_name}: ${row.score === null ? "no score" : formatScore(row.score)} (${result}).`,
      link: `/evaluations/${evaluationId}`,
      evaluationId,
      createdAt: now,
    },
  ]);
}
