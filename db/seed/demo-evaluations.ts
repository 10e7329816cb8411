/**
 * The demo's evaluation history (issue 13 point 11): every conversation the weekly sampling run
 * did not hand out — about 245 over eight and a half weeks — is reviewed by one of the two QA
 * specialists, through the same use cases the workspace, the lead's page and the agent's page
 * call (open, submit, release — chats: the chat scorecard releases manually — correct, void,
 * acknowledge), each given the time it happened, so nothing is backdated afterwards.
 *
 * What it shows: agents with their usual mix of results; problems a transcript shows (Tom
 * Becker's skipped identity check: three auto-fails) recurring on some of its copies; Priya
 * Natarajan improving; Marcus Chen's dip on one criterion and his recovery (coaching's
 * example); acknowledgements within a day or two, a fifth with a comment, the last six days'
 * still waiting and one overdue; one correction with its reason, one void, two chat reviews
 * still to release.
 *
 * Deterministic: which result a conversation gets follows its slug, its date and its place in
 * the list, never the order in which the concurrent writes finish.
 */
import type { Database } from "../../app/lib/db.server";
import { mapLimit } from "../../app/modules/api/map-limit";
import { editEvaluation } from "../../app/modules/evaluations/edit-evaluation.server";
import { feedbackDocumentSchema } from "../../app/modules/evaluations/feedback-document";
import { openEvaluation } from "../../app/modules/evaluations/open-evaluation.server";
import { startSelfEvaluation } from "../../app/modules/evaluations/start-self-evaluation.server";
import { releaseEvaluation } from "../../app/modules/evaluations/release-evaluation.server";
import { submitEvaluation } from "../../app/modules/evaluations/submit-evaluation.server";
import { voidEvaluation } from "../../app/modules/evaluations/void-evaluation.server";
import { acknowledgeEvaluation } from "../../app/modules/feedback/acknowledge-evaluation.server";
import { openNotification } from "../../app/modules/notifications/open-notification.server";
import type { Answers } from "../../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../../app/modules/users/roles";
import { ON_BEHALF_SLUG, seedDemoDisputes } from "./demo-disputes";
import { seedDemoThreads } from "./demo-threads";

export type Level = "excellent" | "good" | "borderline" | "fail" | "autoFail" | "missedDisclosure";

const HOUR = 3_600_000;
const REVIEW_CONCURRENCY = 4;
const DAY = 24 * HOUR;

/** Conversations whose transcript calls for a particular result, by the demo file they reuse. */
const levelByBase: Record<string, Level> = {
  "call-billing-payment-no-verification": "autoFail",
  "chat-retention-cancel-no-verify": "fail",
  "chat-billing-promo-ended-curt": "fail",
  "call-tech-no-dial-tone-rushed": "fail",
  "call-retention-pushy-agent": "fail",
  "call-retention-cancel-moving-abroad": "missedDisclosure",
};
const usualLevels: Level[] = ["good", "excellent", "good", "good", "borderline", "excellent", "good"];
/** The copies (by their offset, `<slug>-<n>d`) that show their conversation's problem again. */
const PROBLEM_COPY_OFFSETS = [10, 31];
/** Priya Natarajan improves over the weeks: weaker reviews five or more weeks back. */
const IMPROVING_AGENT = "priya.natarajan";
const earlyLevels: Level[] = ["borderline", "good", "fail", "borderline"];

/**
 * Marcus Chen's dip and recovery on one criterion, for coaching to find: between five and three
 * weeks back his empathy (calls) and tone (chats) drop to the bottom of the scale while the rest
 * of his work stays as good as ever; before and since, they are at his usual level.
 */
export const DIP_AGENT = "marcus.chen";
export const DIP_DAYS_AGO = { from: 22, to: 38 } as const;

/**
 * What a conversation's review finds. A copy of a conversation whose transcript shows a
 * problem shows it on alternate copies (the original's history copy always), so the problem
 * recurs without swamping the agent's record; the rest follow the agent's usual rotation.
 */
export function levelOf(base: string, slug: string, agentKey: string, daysAgo: number, index: number): Level {
  if (slug === ON_BEHALF_SLUG) return "borderline"; // the chat Sam Patel disputes for Marcus Chen (demo-disputes.ts)
  const problem = levelByBase[base];
  const copyOffset = /-(\d+)d$/.exec(slug)?.[1];
  if (problem && (copyOffset === undefined || PROBLEM_COPY_OFFSETS.includes(Number(copyOffset)))) return problem;
  const rotation = agentKey === IMPROVING_AGENT && daysAgo >= 35 ? earlyLevels : usualLevels;
  return rotation[index % rotation.length] ?? "good";
}

/** The lead corrects this review (the disclosure was made) and voids that one. */
export const CORRECTED_SLUG = "call-retention-cancel-moving-abroad";
export const VOIDED_SLUG = "call-sales-add-mobile-line";
/** The agent has not acknowledged this one, past its 7 days. */
export const OVERDUE_SLUG = "chat-billing-promo-ended-curt";
/** Chat reviews the lead has not released yet. */
export const UNRELEASED_SLUGS = ["chat-tech-password-reset", "chat-tech-wifi-extender"];

const comments = [
  "Thanks — I'll slow down on the verification questions.",
  "Fair. I'll book the follow-up in the call next time.",
  "Good to hear, thanks!",
];

export function callAnswers(level: Level, dip = false): Answers {
  const scale = { excellent: 5, good: 4, borderline: 3, fail: 2, autoFail: 4, missedDisclosure: 4 }[level];
  const outcome = level === "fail" ? "unresolved" : level === "borderline" ? "next-steps" : "resolved";
  return {
    greeting: { value: level !== "fail" },
    "verified-identity": { value: level !== "autoFail" },
    discovery: { value: scale },
    resolved: { value: outcome },
    ...(outcome === "next-steps" ? { "callback-booked": { value: true } } : {}),
    empathy: { value: dip ? 1 : scale },
    "hold-etiquette": level === "excellent" ? { na: true } : { value: level !== "fail" },
    "recording-disclosure": { value: level !== "missedDisclosure" },
  };
}

function chatAnswers(level: Level, dip = false): Answers {
  return {
    "response-time": { value: level === "excellent" || level === "good" },
    tone: { value: dip ? 1 : level === "excellent" ? 4 : level === "fail" ? 2 : 3 },
    resolved: { value: level !== "fail" },
  };
}

const feedbackText: Record<Level, string> = {
  excellent: "A model contact: clear, warm and resolved first time.",
  good: "Solid work. Keep summarising the next steps before you close.",
  borderline: "Resolved in the end, but check understanding earlier and keep the customer informed while you look things up.",
  fail: "The customer left without an answer. Let's go through the knowledge article together.",
  autoFail: "The account was discussed before the customer's identity was verified: this fails the review whatever else went well.",
  missedDisclosure: "Good manner; I could not hear the recording disclosure.",
};
const dipFeedback = "The process was right, but the customer's frustration went unacknowledged: name the feeling before you fix the problem.";

export const feedbackOf = (level: Level, dip: boolean) =>
  feedbackDocumentSchema.parse({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: dip ? dipFeedback : feedbackText[level] }] }] });

/** The demo file a conversation reuses: its slug without the copy's suffix. */
export const baseOf = (slug: string) => slug.replace(/-(earlier|\d+d)$/, "");

export async function seedDemoEvaluations(db: Database, now: Date): Promise<number> {
  const viewers = await loadDemoViewers(db);
  const viewer = (key: string) => {
    const found = viewers.get(key);
    if (!found) throw new Error(`The demo organisation needs ${key}`);
    return found;
  };
  const lead = viewer("leah.morgan");
  const reviewers = [viewer("quinn.harper"), viewer("rosa.lindqvist")];
  const scorecards = new Map((await db.selectFrom("scorecards").select(["id", "name"]).execute()).map((row) => [row.name, row.id]));

  // Everything the sampling run did not hand out, oldest first, so the order never depends on ids.
  const conversations = await db
    .selectFrom("interactions")
    .innerJoin("users", "users.id", "interactions.agent_id")
    .select(["interactions.id", "interactions.external_id", "interactions.channel", "interactions.started_at", "users.email"])
    .where((eb) => eb.not(eb.exists(eb.selectFrom("assignments").select("assignments.id").whereRef("assignments.interaction_id", "=", "interactions.id"))))
    .orderBy("interactions.started_at")
    .orderBy("interactions.external_id")
    .execute();

  // Each conversation's history depends on it and its place in the list alone, so a few are
  // written at a time (the use cases are bound by round trips to PostgreSQL, not by CPU).
  await mapLimit(conversations, REVIEW_CONCURRENCY, async (conversation, index) => {
    const slug = conversation.external_id;
    const agentKey = conversation.email.split("@")[0] as string;
    const daysAgo = (now.getTime() - conversation.started_at.getTime()) / DAY;
    const level = levelOf(baseOf(slug), slug, agentKey, daysAgo, index);
    const dip = agentKey === DIP_AGENT && daysAgo >= DIP_DAYS_AGO.from && daysAgo <= DIP_DAYS_AGO.to;
    const isCall = conversation.channel === "call";
    const reviewer = reviewers[index % 2] as Viewer;
    const agent = viewer(agentKey);
    const scorecardId = scorecards.get(isCall ? "Call quality" : "Chat quality") as string;

    // Reviewed a day or three after the conversation, never in the last hours; every step is
    // written at the time it happened, through the use case's own clock parameter.
    const submittedAt = earliest(new Date(conversation.started_at.getTime() + DAY + (index % 3) * DAY + 2 * HOUR), new Date(now.getTime() - 3 * HOUR));
    if (selfEvaluates(agent, isCall, daysAgo)) {
      // Self-evaluated a few hours after the call, before the review: agents rate themselves a step higher.
      const at = new Date(conversation.started_at.getTime() + 4 * HOUR);
      const self = await startSelfEvaluation(db, agent, { interactionId: conversation.id, scorecardId }, at);
      const answers = callAnswers(stepUp[level], dip);
      await submitEvaluation(db, agent, self.evaluationId, { answers, feedback: selfReflection, revision: 1 }, new Date(at.getTime() + 12 * 60_000));
    }
    const { evaluationId } = await openEvaluation(db, reviewer, { interactionId: conversation.id, scorecardId }, new Date(submittedAt.getTime() - 25 * 60_000));
    await submitEvaluation(db, reviewer, evaluationId, { answers: isCall ? callAnswers(level, dip) : chatAnswers(level, dip), feedback: feedbackOf(level, dip), revision: 1 }, submittedAt);
    let releasedAt: Date | null = isCall ? submittedAt : null;
    if (!isCall && !UNRELEASED_SLUGS.includes(slug)) {
      releasedAt = new Date(submittedAt.getTime() + 2 * HOUR);
      await releaseEvaluation(db, lead, evaluationId, releasedAt);
    }
    let corrected = false;
    if (slug === CORRECTED_SLUG) {
      const { revision } = await db.selectFrom("evaluations").select("revision").where("id", "=", evaluationId).executeTakeFirstOrThrow();
      await editEvaluation(
        db,
        lead,
        evaluationId,
        { answers: callAnswers("good"), reason: "Calibration: the recording disclosure is at 0:14, before the account talk; the reviewer missed it.", revision },
        new Date(submittedAt.getTime() + 20 * HOUR),
      );
      corrected = true;
    }
    if (slug === VOIDED_SLUG) {
      const { revision } = await db.selectFrom("evaluations").select("revision").where("id", "=", evaluationId).executeTakeFirstOrThrow();
      await voidEvaluation(db, lead, evaluationId, { reason: "Outbound sales calls are not reviewed on Call quality: scored by mistake.", revision }, new Date(submittedAt.getTime() + DAY));
      return;
    }
    // Agents acknowledge within a day or two; what was released in the last six days still waits, and one agent let one lapse.
    if (!releasedAt || slug === OVERDUE_SLUG || releasedAt.getTime() > now.getTime() - 6 * DAY) return;
    const { current_revision_id } = await db.selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow();
    const comment = index % 5 === 0 ? comments[index % comments.length] : undefined;
    const acknowledgedAt = new Date(releasedAt.getTime() + (corrected ? 2 : 1 + (index % 2)) * DAY);
    await acknowledgeEvaluation(db, agent, evaluationId, { revisionId: current_revision_id as string, comment }, acknowledgedAt);
    // Acknowledging, the agent had opened the notification of the release.
    const released = await db.selectFrom("notifications").select("id").where("recipient_id", "=", agent.id).where("evaluation_id", "=", evaluationId).where("kind", "=", "evaluation_released").executeTakeFirst();
    if (released) await openNotification(db, agent, released.id);
  });
  await seedDemoDisputes(db, viewer, now);
  await seedDemoThreads(db, viewer);
  return conversations.length;
}

const earliest = (a: Date, b: Date) => (a < b ? a : b);

/** The team that self-evaluates (the organisation allows it): every call of the last six weeks. */
export const SELF_EVALUATING_TEAM_AGENTS = ["aisha.okafor", "liam.oconnor", "sofia.rossi", "kenji.watanabe"];
const selfEvaluates = (agent: Viewer, isCall: boolean, daysAgo: number) =>
  isCall && daysAgo <= 42 && SELF_EVALUATING_TEAM_AGENTS.includes(agent.email.split("@")[0] as string);
const stepUp: Record<Level, Level> = { excellent: "excellent", good: "excellent", borderline: "good", fail: "borderline", autoFail: "autoFail", missedDisclosure: "good" };
const selfReflection = feedbackDocumentSchema.parse({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "My own view before the review: I think I resolved it, though I could have explained the next steps more clearly." }] }],
});

/** The demo people as the use cases see them, by the key of their email (dana.reyes). */
export async function loadDemoViewers(db: Database): Promise<Map<string, Viewer>> {
  const users = await db.selectFrom("users").select(["id", "name", "email", "role"]).execute();
  const links = await db.selectFrom("team_members").select(["user_id", "team_id"]).execute();
  return new Map(
    users.map((user) => [
      user.email.split("@")[0] as string,
      { id: user.id, name: user.name, email: user.email, role: user.role as Viewer["role"], teamIds: links.filter((link) => link.user_id === user.id).map((link) => link.team_id) },
    ]),
  );
}
