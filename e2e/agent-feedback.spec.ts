/**
 * The agent's feedback in Chromium (issue 13 §2–3): My feedback lists exactly the agent's
 * released, non-void evaluations — what waits for their acknowledgement first, then the newest —
 * with score badges on their conversations; the agent acknowledges one with a comment (a comment
 * over the limit is refused and kept), the lead's and the supervisor's "not acknowledged" counts
 * drop by one; another agent gets 404 on the evaluation and only their own on My feedback. A QA
 * lead sets a scorecard to require acknowledgement within days (refused without the days).
 */
import type { Page } from "@playwright/test";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedConversation } from "../test/conversation-factories";
import { seedScorecard, seedTeam } from "../test/factories";
import { seedAcknowledgement, seedEvaluation, seedVoid } from "../test/review-factories";
import { expect, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";

// Full marks: 100, a pass. Discovery 4, outcome "next": 71.9, a fail (see test/evaluation-fixtures.ts).
const passing: Record<string, Answer> = { greeting: { value: true }, identity: { value: true }, discovery: { value: 5 }, outcome: { value: "resolved" } };
const failing: Record<string, Answer> = { ...passing, discovery: { value: 4 }, outcome: { value: "next" } };

async function seedFeedback() {
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Feedback team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Feedback ${suffix}`);
  const otherAgent = await seedLogin("agent", [team.id], `Marcus Feedback ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Feedback ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Feedback ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah Feedback ${suffix}`);
  const scorecard = await seedScorecard({ name: `Chat feedback ${suffix}`, definition: reviewDefinition, acknowledgement: { mode: "required", days: 3 } });
  const manual = await seedScorecard({
    name: `Held back ${suffix}`,
    definition: reviewDefinition,
    releaseMode: "manual",
    acknowledgement: { mode: "required", days: 3 },
  });
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 0));
  const chats: Array<{ id: string }> = [];
  for (let n = 1; n <= 6; n += 1) chats.push(await seedConversation(agent.id, "chat-tech-outage-update", { startedAt: day(n) }));
  const evaluate = async (index: number, answers: Record<string, Answer>, scorecardId = scorecard.id) =>
    (await seedEvaluation({ reviewer: qa, interactionId: chats[index]!.id, scorecardId, answers })).id;
  // Released in this order: oldest, acknowledged, newest; then a void one and one not released.
  const oldest = await evaluate(0, passing);
  const acknowledged = await evaluate(1, passing);
  await seedAcknowledgement(agent, acknowledged, "Seen");
  const newest = await evaluate(2, failing);
  const voided = await evaluate(3, passing);
  await seedVoid(lead, voided, "Scored with the wrong scorecard");
  const unreleased = await evaluate(4, passing, manual.id);
  const otherChat = await seedConversation(otherAgent.id, "chat-tech-password-reset", { startedAt: day(7) });
  await seedEvaluation({ reviewer: qa, interactionId: otherChat.id, scorecardId: scorecard.id, answers: passing });
  return { agent, otherAgent, supervisor, lead, chats, oldest, acknowledged, newest, voided, unreleased };
}

const rows = (page: Page) => page.locator("main table tbody tr");
const rowLinks = (page: Page) => rows(page).locator("td:first-child a");
const countOf = async (page: Page, label: string) => Number((await page.locator(".ack-counts li").filter({ hasText: label }).locator("strong").textContent()) ?? "NaN");

test("an agent reads My feedback, acknowledges one with a comment, and the lead's count of not acknowledged drops by one", async ({ page }) => {
  test.slow();
  const world = await seedFeedback();

  // The lead's count before.
  await loginAs(page, world.lead);
  await page.goto("/acknowledgements");
  await expect(page.getByRole("heading", { level: 1, name: "Acknowledgements" })).toBeVisible();
  const leadBefore = await countOf(page, "not acknowledged");
  await signOut(page);

  await loginAs(page, world.agent);
  // Home leads with the feedback and what waits.
  await expect(page.getByRole("heading", { level: 2, name: "Your latest feedback" })).toBeVisible();
  await expect(page.getByText("2 evaluations wait for your acknowledgement.")).toBeVisible();
  await mainNav(page).getByRole("link", { name: "My feedback" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My feedback" })).toBeVisible();
  // Exactly three: the two awaiting (newest first), then the acknowledged one; not the void, the unreleased, nor another agent's.
  await expect(rows(page)).toHaveCount(3);
  expect(await rowLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual([
    `/evaluations/${world.newest}`,
    `/evaluations/${world.oldest}`,
    `/evaluations/${world.acknowledged}`,
  ]);
  await expect(rows(page).nth(0)).toContainText("71.9 · Fail");
  await expect(rows(page).nth(0)).toContainText("Awaiting your acknowledgement");
  await expect(rows(page).nth(1)).toContainText("100.0 · Pass");
  await expect(rows(page).nth(2)).not.toContainText("Awaiting");

  // My conversations show a score badge on the three released ones only.
  await page.goto("/interactions");
  await expect(page.getByRole("link", { name: /^Evaluation \(/ })).toHaveCount(3);

  // Acknowledge the newest: a comment over the limit is refused and kept, then a shorter one is saved.
  await page.goto("/feedback");
  await rowLinks(page).first().click();
  await expect(page).toHaveURL(`/evaluations/${world.newest}`);
  await waitForHydration(page);
  const form = page.getByRole("form", { name: "Acknowledge this evaluation" });
  const comment = form.getByLabel("Comment (optional)");
  await comment.fill("x".repeat(2001));
  await expect(form.getByText("2,001 of 2,000 characters: 1 too many")).toBeVisible();
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(form.getByRole("alert")).toHaveText("Keep the comment to 2,000 characters");
  await expect(comment).toHaveValue("x".repeat(2001));
  await comment.fill("Fair: I will confirm the outage area before closing.");
  await form.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Acknowledged." })).toHaveText("Acknowledged. Thank you.");
  const panel = page.getByRole("region", { name: "Acknowledgement" });
  await expect(panel).toContainText("You acknowledged this evaluation on");
  await expect(panel).toContainText("Fair: I will confirm the outage area before closing.");

  await page.goto("/feedback");
  expect(await rowLinks(page).evaluateAll((links) => links.map((link) => link.getAttribute("href")))).toEqual([
    `/evaluations/${world.oldest}`,
    `/evaluations/${world.newest}`,
    `/evaluations/${world.acknowledged}`,
  ]);
  await signOut(page);

  // The lead's count drops by one; the supervisor of the team sees exactly the two left: Dana's oldest and Marcus's.
  await loginAs(page, world.lead);
  await page.goto("/acknowledgements");
  expect(await countOf(page, "not acknowledged")).toBe(leadBefore - 1);
  await expect(page.locator(`main a[href="/evaluations/${world.newest}"]`)).toHaveCount(0);
  await signOut(page);
  await loginAs(page, world.supervisor);
  await mainNav(page).getByRole("link", { name: "Acknowledgements" }).click();
  expect(await countOf(page, "not acknowledged")).toBe(2);
  expect(await countOf(page, "overdue")).toBe(0);
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).nth(0)).toContainText(world.agent.name);
  await expect(rows(page).nth(0).locator(`a[href="/evaluations/${world.oldest}"]`)).toBeVisible();
  await expect(rows(page).nth(1)).toContainText(world.otherAgent.name);
  await page.goto(`/evaluations/${world.newest}`);
  await expect(page.getByRole("region", { name: "Acknowledgement" })).toContainText(`${world.agent.name} acknowledged this evaluation on`);
});

test("another agent gets 404 on someone else's evaluation and sees only their own feedback", async ({ page }) => {
  const world = await seedFeedback();
  await loginAs(page, world.otherAgent);
  const response = await page.goto(`/evaluations/${world.newest}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await page.goto("/feedback");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("100.0 · Pass");
});

test("a QA lead asks agents to acknowledge a scorecard's evaluations within a number of days", async ({ page }) => {
  const suffix = uniqueSuffix();
  const lead = await seedLogin("qa_lead", [], `Leah Settings ${suffix}`);
  const scorecard = await seedScorecard({ name: `Acknowledged ${suffix}`, definition: reviewDefinition });
  await loginAs(page, lead);
  await page.goto(`/scorecards/${scorecard.id}`);
  const settings = page.getByRole("region", { name: "Settings" });
  const acknowledgement = settings.getByRole("group", { name: "Agents acknowledge an evaluation" });
  await expect(acknowledgement.getByRole("radio", { name: "Not asked" })).toBeChecked();
  // Required without the days: refused on the field, the choice kept.
  await acknowledgement.getByRole("radio", { name: "Required within a number of days" }).check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Give the number of days agents have to acknowledge, 1 to 60").last()).toBeVisible();
  await expect(acknowledgement.getByRole("radio", { name: "Required within a number of days" })).toBeChecked();
  await acknowledgement.getByLabel("Days to acknowledge, when required").fill("4");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(acknowledgement.getByRole("radio", { name: "Required within a number of days" })).toBeChecked();
  await expect(acknowledgement.getByLabel("Days to acknowledge, when required")).toHaveValue("4");
});
