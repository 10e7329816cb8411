/**
 * A plan's evidence plays inline (issue 15 §1), on data of its own: a real call recording
 * (call-tech-area-outage, 51 s) reviewed with an annotation on its fifth turn (17.353–25.968 s),
 * attached to a coaching plan as evidence; on the plan page the coach presses "Play the moment"
 * and the recording plays from the moment's start, without leaving the page.
 */
import { db } from "../app/lib/db.server";
import { addEvidence } from "../app/modules/coaching/add-evidence.server";
import { createCoachingPlan } from "../app/modules/coaching/create-plan.server";
import { scorecardCriteria } from "../app/modules/coaching/scorecard-criteria.server";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

const DAY_MS = 86_400_000;
const MOMENT = { startMs: 17_353, endMs: 25_968 };

test("the coach plays an annotated moment of the plan's evidence on the plan page", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Evidence team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Eva Evidence ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Evidence ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Evidence ${suffix}`);
  const scorecard = await seedScorecard({ name: `Evidence calls ${suffix}`, definition: reviewDefinition });
  const call = await seedConversation(agent.id, "call-tech-area-outage", { startedAt: new Date(Date.now() - 10 * DAY_MS) });
  expect(call.transcript.segments[4]).toMatchObject(MOMENT);
  const { id: evaluationId } = await seedEvaluation({
    reviewer: qa,
    interactionId: call.id,
    scorecardId: scorecard.id,
    answers: { greeting: { value: false }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "resolved" } },
    annotations: [{ comment: `Named the outage before saying sorry ${suffix}`, ...MOMENT, sentiment: "negative" }],
  });
  const annotation = await db().selectFrom("annotations").select("id").where("evaluation_id", "=", evaluationId).executeTakeFirstOrThrow();
  const greeting = (await scorecardCriteria(db(), scorecard.id))?.criteria.find((c) => c.questionId === "greeting");
  const now = new Date();
  const dueOn = new Date(now.getTime() + 30 * DAY_MS).toISOString().slice(0, 10);
  const { id: planId } = await createCoachingPlan(db(), supervisor, { agentId: agent.id, scorecardId: scorecard.id, title: `Sorry first ${suffix}`, dueOn, criteria: [{ questionKey: greeting!.questionKey, target: 90 }] }, now);
  await addEvidence(db(), supervisor, planId, { evaluationId, annotationId: annotation.id, kind: "opportunity" }, now);

  await loginAs(page, supervisor);
  await page.goto(`/coaching/plans/${planId}`);
  await waitForHydration(page);
  const item = page.locator(".coaching-evidence__item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(`Named the outage before saying sorry ${suffix}`);
  const audio = item.locator("audio");
  const audioTime = () => audio.evaluate((element: HTMLAudioElement) => element.currentTime);
  await item.getByRole("button", { name: /^Play the moment/ }).click();
  await expect(item.getByRole("button", { name: /^Pause/ })).toBeVisible();
  // It starts at the moment and goes on from there, on the plan page.
  await expect.poll(audioTime, { timeout: 15_000 }).toBeGreaterThan(MOMENT.startMs / 1000 + 0.3);
  expect(await audioTime()).toBeLessThan(MOMENT.endMs / 1000 + 0.5);
  expect(await audioTime()).toBeGreaterThanOrEqual(MOMENT.startMs / 1000);
  await expect(page).toHaveURL(`/coaching/plans/${planId}`);
  await item.getByRole("button", { name: /^Pause/ }).click();
  await expect(item.getByRole("button", { name: /^Play the moment/ })).toBeVisible();
});
