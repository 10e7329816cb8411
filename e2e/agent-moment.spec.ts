/**
 * The agent plays the annotated moment of their feedback on a call (issue 13, Tests), on data
 * of its own: a real recording with its word-timed transcript (call-tech-area-outage, 51 s), a
 * QA specialist annotates a word of the fifth turn (17.353–25.968 s) in the workspace, scores
 * and submits (the scorecard releases at once); the agent opens the evaluation from My
 * feedback, activates the annotation, and the player stands at 17.353 s with that turn
 * current; Play goes on from there.
 */
import type { Locator } from "@playwright/test";
import { db } from "../app/lib/db.server";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { expect, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix } from "./fixtures";
import { audioTime, openWhenReady } from "./support/player";
import { annotateWord, scorecardReady } from "./support/review-draft";

/** The fifth turn of call-tech-area-outage: "Thanks, Carlos. There's an outage in your area…" */
const TURN = 4;
const MOMENT_MS = 17_353;

const question = (scope: Locator, prompt: RegExp) => scope.getByRole("group", { name: prompt });

test("the agent opens their feedback on a call from My feedback, activates the annotation and the player plays from its moment", async ({ page }) => {
  test.setTimeout(240_000);
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Moment team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Liam Moment ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Moment ${suffix}`);
  const scorecard = await seedScorecard({ name: `Moment calls ${suffix}`, definition: reviewDefinition, releaseMode: "immediate" });
  const call = await seedConversation(agent.id, "call-tech-area-outage", { startedAt: new Date(Date.UTC(2026, 10, 4, 10, 0)) });
  expect(call.transcript.segments[TURN]).toMatchObject({ startMs: MOMENT_MS, endMs: 25_968 });
  const { evaluationId } = await openEvaluation(db(), qa, { interactionId: call.id, scorecardId: scorecard.id });

  // ---- the QA specialist annotates a word of the fifth turn, scores and submits
  await loginAs(page, qa);
  await openWhenReady(page, `/review/${evaluationId}`);
  await scorecardReady(page);
  const composer = await annotateWord(page, TURN);
  await composer.getByLabel("Comment").fill("Named the outage straight away: say sorry for the wait first.");
  await composer.getByLabel("Negative").check();
  await composer.getByRole("button", { name: "Save" }).click();
  await expect(composer).toBeHidden();
  const notes = page.getByRole("list", { name: "Annotations" }).getByRole("listitem");
  await expect(notes).toHaveCount(1);
  await expect(notes.first()).toContainText("0:17–0:25");
  const form = page.getByRole("region", { name: "Scorecard" });
  await question(form, /^Greeted the customer/).getByLabel("Yes").check();
  await question(form, /^Verified identity/).getByLabel("Yes", { exact: true }).check();
  await question(form, /^Understood the issue/).getByRole("radio", { name: /^5/ }).check();
  await question(form, /^Outcome/).getByLabel(/^Resolved/).check();
  await form.getByRole("button", { name: "Submit evaluation" }).click();
  const confirm = page.getByRole("dialog", { name: "Submit this evaluation?" });
  await expect(confirm).toContainText("100.0");
  await confirm.getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page).toHaveURL(/[?&]submitted=100\.0&result=pass(&|$)/);
  await signOut(page);

  // ---- the agent: My feedback → the evaluation
  await loginAs(page, agent);
  await mainNav(page).getByRole("link", { name: "My feedback" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My feedback" })).toBeVisible();
  const rows = page.locator("main table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("100.0 · Pass");
  await rows.first().locator("td:first-child a").click();
  await expect(page).toHaveURL(`/evaluations/${evaluationId}`);
  const player = await openWhenReady(page, `/evaluations/${evaluationId}`);
  await expect(page.getByRole("timer", { name: "Position" })).toHaveText("0:00 / 0:51");

  // ---- activating the annotation moves the player to its moment and makes its turn current
  const annotation = page.getByRole("list", { name: "Annotations" }).getByRole("listitem");
  await expect(annotation).toHaveCount(1);
  await expect(annotation.first()).toContainText("Named the outage straight away");
  await annotation.first().getByRole("button", { name: /^0:17–0:25/ }).click();
  await expect(annotation.first()).toHaveAttribute("aria-current", "true");
  await expect.poll(() => audioTime(player)).toBeCloseTo(MOMENT_MS / 1000, 1);
  await expect(page.getByRole("timer", { name: "Position" })).toHaveText("0:17 / 0:51");
  const turn = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(TURN);
  await expect(turn).toHaveAttribute("aria-current", "true");

  // ---- and Play plays on from that moment, not from the start
  await player.getByRole("button", { name: "Play" }).click();
  await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect.poll(() => audioTime(player), { timeout: 15_000 }).toBeGreaterThan(MOMENT_MS / 1000 + 0.5);
  await player.getByRole("button", { name: "Pause" }).click();
  const paused = await audioTime(player);
  expect(paused).toBeGreaterThan(MOMENT_MS / 1000 + 0.5);
  expect(paused).toBeLessThan(25.968);
});
