/**
 * A scorecard with the kinds of question the score math cares about, and an interaction to
 * score, for evaluation and workspace tests.
 */
import { db } from "../app/lib/db.server";
import type { ScorecardDefinitionInput } from "../app/modules/scorecards/scorecard-definition.schema";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "./factories";
import { seedEvaluation } from "./review-factories";

/** Opening (weight 1): greeting yes/no, identity yes/no critical for all (N/A allowed). Resolution (weight 3): scale 1–5, choice. */
export const reviewDefinition: ScorecardDefinitionInput = {
  passMark: 80,
  sections: [
    {
      id: "opening",
      title: "Opening",
      weight: 1,
      questions: [
        { id: "greeting", kind: "binary", prompt: "Greeted the customer", weight: 1, allowNa: false, critical: null },
        { id: "identity", kind: "binary", prompt: "Verified identity", weight: 1, allowNa: true, critical: "all" },
      ],
    },
    {
      id: "resolution",
      title: "Resolution",
      weight: 3,
      questions: [
        { id: "discovery", kind: "scale", prompt: "Understood the issue", min: 1, max: 5, weight: 1, allowNa: false, critical: null },
        {
          id: "outcome",
          kind: "choice",
          prompt: "Outcome",
          options: [
            { id: "resolved", label: "Resolved", points: 2 },
            { id: "next", label: "Next steps", points: 1 },
            { id: "none", label: "Unresolved", points: 0 },
          ],
          weight: 1,
          allowNa: false,
          critical: null,
        },
        { id: "note", kind: "text", prompt: "Note" },
      ],
    },
  ],
};

export const fullMarks = {
  greeting: { value: true },
  identity: { value: true },
  discovery: { value: 5 },
  outcome: { value: "resolved" },
};

export async function reviewWorld(options: { releaseMode?: "immediate" | "manual" } = {}) {
  const team = await seedTeam();
  const agent = await seedUser("agent", [team.id]);
  const otherAgent = await seedUser("agent", [team.id]);
  const supervisor = await seedUser("supervisor", [team.id]);
  const outsideSupervisor = await seedUser("supervisor", [(await seedTeam()).id]);
  const qa = await seedUser("qa");
  const otherQa = await seedUser("qa");
  const lead = await seedUser("qa_lead");
  const scorecard = await seedScorecard({ definition: reviewDefinition });
  if (options.releaseMode) await db().updateTable("scorecards").set({ release_mode: options.releaseMode }).where("id", "=", scorecard.id).execute();
  const [interactionId, secondId] = await insertInteractionRows([
    { agentId: agent.id, teamId: team.id, startedAt: new Date("2026-11-10T10:00:00Z"), channel: "call" },
    { agentId: agent.id, teamId: team.id, startedAt: new Date("2026-11-10T11:00:00Z"), channel: "call" },
  ]);
  return { team, agent, otherAgent, supervisor, outsideSupervisor, qa, otherQa, lead, scorecard, interactionId: interactionId!, secondId: secondId! };
}

// Opening 100; resolution (3/4 + 1/2) / 2 = 62.5; overall (1 × 100 + 3 × 62.5) / 4 = 71.875 → 71.9, a fail.
export const failingAnswers = { ...fullMarks, discovery: { value: 4 }, outcome: { value: "next" } };
// Outcome "resolved": resolution (3/4 + 1) / 2 = 87.5; overall (100 + 3 × 87.5) / 4 = 90.625 → 90.6, a pass.
export const correctedAnswers = { ...failingAnswers, outcome: { value: "resolved" } };

/** A review world whose QA specialist has submitted `failingAnswers` (71.9, a fail): what a lead corrects or voids. */
export async function submittedReviewWorld() {
  const w = await reviewWorld();
  const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: failingAnswers });
  return { ...w, evaluationId: id };
}
