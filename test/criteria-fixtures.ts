/**
 * A small hand-computed world for the Criteria and Reviewers reports and their API (issue 14
 * §3, §6). In one month (`month`, "YYYY-MM"; the days below), written through the use cases
 * with explicit clocks so handling times are exact:
 *
 * | eval | agent (team) | day | scorecard | reviewer | answers                                  | score   | handling |
 * | E1   | a1 (A)       | 10  | Support   | Quinn    | full marks                               | 100     | 10 min   |
 * | E2   | a2 (A)       | 11  | Support   | Quinn    | full marks                               | 100     | 20 min   |
 * | E3   | b1 (B)       | 12  | Support   | Quinn    | discovery 4, outcome resolved            | 90.6    | 30 min   |
 * | E4   | a1 (A)       | 12  | Support   | Rita     | discovery 4, outcome unresolved          | 53.1    | 5 min    |
 * | E5   | b1 (B)       | 17  | Support   | Rita     | as E4, identity N/A                      | 53.1    | 15 min   |
 * | E6   | a2 (A)       | 18  | Sales     | Lena     | greeting no, identity no (critical)      | 0, auto | 8 min    |
 *
 * E1 and E6 are released. a2 disputes E6's greeting and identity; Lars (another lead) accepts
 * the greeting (overturned) and keeps the identity: E6 stays 0 with greeting yes.
 */
import { db } from "../app/lib/db.server";
import { decideDispute } from "../app/modules/disputes/decide-dispute.server";
import { endorseDispute } from "../app/modules/disputes/endorse-dispute.server";
import { raiseDispute } from "../app/modules/disputes/raise-dispute.server";
import { emptyFeedback } from "../app/modules/evaluations/feedback-document";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import { releaseEvaluation } from "../app/modules/evaluations/release-evaluation.server";
import { submitEvaluation } from "../app/modules/evaluations/submit-evaluation.server";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../app/modules/users/roles";
import { fullMarks, reviewDefinition } from "./evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "./factories";

const MINUTE = 60_000;

/** Discovery 4 of 5 (q 0.75), outcome unresolved (q 0): (100 + 3 × 37.5) / 4 = 53.125 → 53.1. */
export const unresolvedAnswers = { ...fullMarks, discovery: { value: 4 }, outcome: { value: "none" } };
/** Discovery 4, outcome resolved: (100 + 3 × 87.5) / 4 = 90.625 → 90.6. */
export const resolvedAnswers = { ...fullMarks, discovery: { value: 4 } };
/** Greeting no, identity no (critical for all): 0, auto-failed. */
export const criticalAnswers = { ...fullMarks, greeting: { value: false }, identity: { value: false } };

async function scored(input: {
  reviewer: Viewer;
  interactionId: string;
  scorecardId: string;
  answers: Record<string, Answer>;
  openedAt: Date;
  minutes: number;
}): Promise<string> {
  const { evaluationId } = await openEvaluation(db(), input.reviewer, { interactionId: input.interactionId, scorecardId: input.scorecardId }, input.openedAt);
  await submitEvaluation(db(), input.reviewer, evaluationId, { answers: input.answers, feedback: emptyFeedback(), revision: 1 }, new Date(input.openedAt.getTime() + input.minutes * MINUTE));
  return evaluationId;
}

export async function criteriaWorld(month = "2026-11") {
  const tag = Math.random().toString(36).slice(2, 6);
  const [teamA, teamB] = [await seedTeam(), await seedTeam()];
  const a1 = await seedUser("agent", [teamA.id]);
  const a2 = await seedUser("agent", [teamA.id]);
  const b1 = await seedUser("agent", [teamB.id]);
  const supervisorA = await seedUser("supervisor", [teamA.id]);
  const quinn = await seedUser("qa", [], { name: `Quinn ${tag}` });
  const rita = await seedUser("qa", [], { name: `Rita ${tag}` });
  const lena = await seedUser("qa_lead", [], { name: `Lena ${tag}` });
  const lars = await seedUser("qa_lead", [], { name: `Lars ${tag}` });
  const admin = await seedUser("admin");
  const support = await seedScorecard({ name: `Support ${tag}`, definition: reviewDefinition, releaseMode: "manual" });
  const sales = await seedScorecard({ name: `Sales ${tag}`, definition: reviewDefinition, releaseMode: "manual" });
  const at = (day: number, hour = 10) => new Date(`${month}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`);
  const [c1, c2, c3, c4, c5, c6] = await insertInteractionRows([
    { agentId: a1.id, teamId: teamA.id, startedAt: at(10), channel: "call", queue: "billing" },
    { agentId: a2.id, teamId: teamA.id, startedAt: at(11), channel: "chat" },
    { agentId: b1.id, teamId: teamB.id, startedAt: at(12), channel: "call", queue: "billing" },
    { agentId: a1.id, teamId: teamA.id, startedAt: at(12), channel: "call", queue: "billing" },
    { agentId: b1.id, teamId: teamB.id, startedAt: at(17), channel: "chat" },
    { agentId: a2.id, teamId: teamA.id, startedAt: at(18), channel: "call" },
  ]);
  const evaluation = (reviewer: Viewer, interactionId: string | undefined, scorecardId: string, answers: Record<string, Answer>, day: number, minutes: number) =>
    scored({ reviewer, interactionId: interactionId!, scorecardId, answers, openedAt: at(day, 12), minutes });
  const e1 = await evaluation(quinn, c1, support.id, fullMarks, 10, 10);
  const e2 = await evaluation(quinn, c2, support.id, fullMarks, 11, 20);
  const e3 = await evaluation(quinn, c3, support.id, resolvedAnswers, 12, 30);
  const e4 = await evaluation(rita, c4, support.id, unresolvedAnswers, 12, 5);
  const e5 = await evaluation(rita, c5, support.id, { ...unresolvedAnswers, identity: { na: true } }, 17, 15);
  const e6 = await evaluation(lena, c6, sales.id, criticalAnswers, 18, 8);
  await releaseEvaluation(db(), lena, e1, at(20, 9));
  await releaseEvaluation(db(), lars, e6, at(20, 9));
  const revisionId = (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", e6).executeTakeFirstOrThrow()).current_revision_id!;
  const reason = "Answer does not match the conversation";
  const dispute = await raiseDispute(
    db(),
    a2,
    e6,
    {
      revisionId,
      questions: [
        { questionId: "greeting", proposed: { value: true }, reasonCode: reason, reasonText: "I greeted them by name." },
        { questionId: "identity", proposed: { value: true }, reasonCode: reason, reasonText: "I checked the account." },
      ],
    },
    at(20, 10),
  );
  // e2e workers share one organisation, and another spec may have the supervisor first line on
  // for a while: then the agent's supervisor endorses first, and the figures are the same.
  if (dispute.state === "awaiting_supervisor") await endorseDispute(db(), supervisorA, dispute.id, { note: "Worth a second look." }, at(20, 10));
  await decideDispute(
    db(),
    lars,
    dispute.id,
    {
      decisions: [
        { questionId: "greeting", decision: "accept", note: "The greeting is there." },
        { questionId: "identity", decision: "keep", note: "No identity check." },
      ],
    },
    at(20, 11),
  );
  return { month, teamA, teamB, a1, a2, b1, supervisorA, quinn, rita, lena, lars, admin, support, sales, evaluations: { e1, e2, e3, e4, e5, e6 } };
}

export type CriteriaWorld = Awaited<ReturnType<typeof criteriaWorld>>;
