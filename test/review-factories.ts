/**
 * Review work through the app's own use cases: assignments in a reviewer's queue,
 * evaluations (draft or submitted), sampling rules and API tokens. Shared by the vitest
 * suite and the e2e fixtures, which write through them into the database of the server
 * under test.
 */
import type { z } from "zod";
import { db } from "../app/lib/db.server";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import { assignInteraction } from "../app/modules/assignments/assign-interaction.server";
import { addAnnotation } from "../app/modules/evaluations/annotate.server";
import { annotationInputSchema } from "../app/modules/evaluations/annotation.schema";
import { emptyFeedback, type FeedbackDocument } from "../app/modules/evaluations/feedback-document";
import { editEvaluation, type CorrectionOutcome } from "../app/modules/evaluations/edit-evaluation.server";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import { voidEvaluation } from "../app/modules/evaluations/void-evaluation.server";
import { acknowledgeEvaluation, type AcknowledgeOutcome } from "../app/modules/feedback/acknowledge-evaluation.server";
import { startSelfEvaluation } from "../app/modules/evaluations/start-self-evaluation.server";
import { submitEvaluation, type SubmitOutcome } from "../app/modules/evaluations/submit-evaluation.server";
import type { SamplingRuleSettings } from "../app/modules/sampling/sampling-rule.schema";
import { runSamplingRule } from "../app/modules/sampling/run-sampling-rule.server";
import { createSamplingRule } from "../app/modules/sampling/save-sampling-rule.server";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../app/modules/users/roles";
import { seedUser } from "./factories";

const DAY_MS = 86_400_000;

type AnnotationInputFields = z.input<typeof annotationInputSchema>;

/** An open assignment in `reviewerId`'s queue, made as a QA lead makes one from the interaction page. */
export async function seedAssignment(input: {
  interactionId: string;
  scorecardId: string;
  reviewerId: string;
  dueAt?: Date;
  actor?: Viewer;
}): Promise<{ id: string }> {
  const actor = input.actor ?? (await seedUser("qa_lead"));
  return assignInteraction(db(), actor, {
    interactionId: input.interactionId,
    scorecardId: input.scorecardId,
    reviewerId: input.reviewerId,
    dueAt: input.dueAt ?? new Date(Date.now() + 3 * DAY_MS),
  });
}

/**
 * An evaluation by `reviewer`, started as the workspace starts one (from the assignment when
 * given, else ad hoc) and, unless `submit` is false, submitted with `answers`: the score is
 * the server's, as for a real submit.
 */
export async function seedEvaluation(input: {
  reviewer: Viewer;
  interactionId: string;
  scorecardId: string;
  assignmentId?: string;
  answers?: Record<string, Answer>;
  feedback?: FeedbackDocument;
  /** Annotations the reviewer makes while scoring, as the workspace sends them. */
  annotations?: AnnotationInputFields[];
  submit?: boolean;
}): Promise<{ id: string; outcome: SubmitOutcome | null }> {
  const request = input.assignmentId
    ? { assignmentId: input.assignmentId }
    : { interactionId: input.interactionId, scorecardId: input.scorecardId };
  const { evaluationId } = await openEvaluation(db(), input.reviewer, request);
  for (const annotation of input.annotations ?? []) await addAnnotation(db(), input.reviewer, evaluationId, annotationInputSchema.parse(annotation));
  if (input.submit === false) return { id: evaluationId, outcome: null };
  const outcome = await submitEvaluation(db(), input.reviewer, evaluationId, {
    answers: input.answers ?? {},
    feedback: input.feedback ?? emptyFeedback(),
    revision: 1,
  });
  return { id: evaluationId, outcome };
}

/** The agent's self-evaluation of their conversation, started and (unless `submit: false`) submitted as the workspace does. */
export async function seedSelfEvaluation(input: {
  agent: Viewer;
  interactionId: string;
  scorecardId?: string;
  answers?: Record<string, Answer>;
  submit?: boolean;
}): Promise<{ id: string }> {
  const { evaluationId } = await startSelfEvaluation(db(), input.agent, { interactionId: input.interactionId, scorecardId: input.scorecardId });
  if (input.submit === false) return { id: evaluationId };
  await submitEvaluation(db(), input.agent, evaluationId, { answers: input.answers ?? {}, feedback: emptyFeedback(), revision: 1 });
  return { id: evaluationId };
}

/** The evaluation's autosave counter now: what its page would send with a correction or a void. */
async function pageRevisionOf(evaluationId: string): Promise<number> {
  const row = await db().selectFrom("evaluations").select("revision").where("id", "=", evaluationId).executeTakeFirstOrThrow();
  return row.revision;
}

/** A QA lead's correction of a submitted evaluation, as its page saves one: a new revision, rescored. */
export async function seedCorrection(lead: Viewer, evaluationId: string, input: { answers: Record<string, Answer>; reason: string }): Promise<CorrectionOutcome> {
  return editEvaluation(db(), lead, evaluationId, { ...input, revision: await pageRevisionOf(evaluationId) });
}

/** A QA lead voids a submitted evaluation, as its page's dialog does. */
export async function seedVoid(lead: Viewer, evaluationId: string, reason: string): Promise<void> {
  await voidEvaluation(db(), lead, evaluationId, { reason, revision: await pageRevisionOf(evaluationId) });
}

/** The agent acknowledges the evaluation's current revision, as its page does. */
export async function seedAcknowledgement(agent: Viewer, evaluationId: string, comment?: string): Promise<AcknowledgeOutcome> {
  const row = await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow();
  return acknowledgeEvaluation(db(), agent, evaluationId, { revisionId: row.current_revision_id ?? "", comment });
}

/** A sampling rule as the rule form saves it; `filters` and the rest default to a manual rule over nothing in particular. */
export async function seedSamplingRule(
  lead: Viewer,
  settings: Pick<SamplingRuleSettings, "scorecardId" | "reviewerIds"> & Partial<SamplingRuleSettings>,
): Promise<{ id: string; name: string }> {
  const full: SamplingRuleSettings = {
    name: `Rule ${Math.random().toString(36).slice(2, 10)}`,
    filters: { channels: [], teamIds: [], agentIds: [], queues: [], tags: [], tagsMode: "any", window: { kind: "last_n_days", days: 30 }, metadata: {} },
    quota: { kind: "per_agent", n: 1 },
    dueInHours: 72,
    schedule: { kind: "manual" },
    ...settings,
  };
  const { id } = await createSamplingRule(db(), lead, full);
  return { id, name: full.name };
}

/** Runs a rule now, as its page's Run now does; the run's id, or an error naming why it failed. */
export async function seedSamplingRun(ruleId: string, startedBy: Viewer): Promise<{ id: string }> {
  const outcome = await runSamplingRule(db(), startedBy, { ruleId, runAt: new Date(), trigger: "manual" });
  if (outcome.status === "failed") throw new Error(`the sampling run failed: ${outcome.detail}`);
  return { id: outcome.runId };
}

/** An API token of `owner` (the secret is returned once, as the settings page shows it). */
export async function seedApiToken(owner: Viewer, name = `token ${Math.random().toString(36).slice(2, 8)}`): Promise<{ id: string; token: string; name: string }> {
  const created = await createApiToken(db(), owner, name);
  return { id: created.id, token: created.token, name };
}
