/**
 * Disputes in Chromium (issue 13 §6): with the organisation's supervisor first line on, an agent
 * disputes two questions of a released review (71.9, a fail), one with a transcript span as
 * evidence; their supervisor endorses it from the queue; a QA lead takes it, accepts one proposal
 * and keeps the other; the evaluation page then shows 90.6 (a pass) and the history both
 * revisions. Another agent gets 404 on the dispute. The queue and the dispute page pass axe and
 * fit a 390 px screen.
 */
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { withOrganisationSettings } from "../test/organisation-factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, expectNoSeriousViolations, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";

// Discovery 4, outcome "Next steps": 71.9, a fail (test/evaluation-fixtures.ts).
const failing: Record<string, Answer> = { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "next" } };

test("an agent disputes two questions with a transcript span, the supervisor endorses, a lead accepts one and keeps the other, and the score changes", async ({ page }) => {
  test.slow();
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Dispute team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Dispute ${suffix}`);
  const otherAgent = await seedLogin("agent", [team.id], `Marcus Dispute ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Dispute ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Dispute ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah Dispute ${suffix}`);
  const scorecard = await seedScorecard({ name: `Disputed chats ${suffix}`, definition: reviewDefinition });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update");
  const { id: evaluationId } = await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: scorecard.id, answers: failing });

  await withOrganisationSettings({ dispute_supervisor_first_line: true }, async () => {
    // The agent disputes "Understood the issue" (proposing 5) and "Outcome" (proposing Resolved, with a quote as evidence).
    await loginAs(page, agent);
    await page.goto(`/evaluations/${evaluationId}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Dispute this evaluation…" }).click();
    const form = page.getByRole("form", { name: "Dispute this evaluation" });
    await form.getByRole("checkbox", { name: /Dispute “Understood the issue”/ }).check();
    await form.getByRole("checkbox", { name: /Dispute “Outcome”/ }).check();
    await form.getByRole("radio", { name: "5", exact: true }).check();
    await form.getByLabel("Why the answer should change").first().fill("I asked every question on the checklist.");
    await form.getByRole("radio", { name: "Resolved (2 points)" }).check();
    await form.getByLabel("Why the answer should change").nth(1).fill("The customer confirmed the service was back.");
    await form.getByLabel("Evidence from the player goes to").selectOption({ label: "Outcome" });
    const turn = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(1).locator("[data-segment-text]");
    await turn.dblclick({ position: { x: 4, y: 6 } });
    await page.getByRole("button", { name: "Use as evidence" }).click();
    await expect(form.locator(".dispute-form__evidence").nth(1)).toContainText("Evidence: “");
    await expect(form.locator(".dispute-form__evidence").first()).toContainText("Evidence: none");
    await form.getByRole("button", { name: "Send dispute" }).click();
    await expect(page).toHaveURL(/\/disputes\/[0-9a-f-]{36}\?raised=1$/);
    const disputeUrl = new URL(page.url()).pathname;
    await expect(page.getByText("Your dispute was sent. The supervisor reviews it first.")).toBeVisible();
    await expect(page.locator(".page-header .badge").first()).toHaveText("Awaiting supervisor");
    await expect(page.locator(".dispute-quote")).toHaveCount(1);
    await signOut(page);

    // Another agent: 404, as for a dispute that does not exist.
    await loginAs(page, otherAgent);
    const refused = await page.goto(disputeUrl);
    expect(refused?.status()).toBe(404);
    await signOut(page);

    // The supervisor finds it in the queue and endorses it.
    await loginAs(page, supervisor);
    await waitForHydration(page);
    await mainNav(page).getByRole("link", { name: "Disputes" }).click();
    await expect(page).toHaveURL(/\/disputes$/);
    await expect(page.getByRole("heading", { level: 1, name: "Disputes" })).toBeVisible();
    await page.getByRole("link", { name: agent.name }).click();
    await expect(page).toHaveURL(disputeUrl);
    await page.getByLabel(/^Note/).fill("The outcome looks right to me.");
    await page.getByRole("button", { name: "Endorse: send to QA" }).click();
    await expect(page.getByText("Endorsed: the dispute goes to QA.")).toBeVisible();
    await expect(page.locator(".page-header .badge").first()).toHaveText("Open");
    await signOut(page);

    // The lead takes it, accepts the outcome and keeps the discovery answer.
    await loginAs(page, lead);
    await page.goto(disputeUrl);
    await expectNoSeriousViolations(page);
    await page.getByRole("button", { name: "Take this dispute" }).click();
    await expect(page.getByText("You are reviewing this dispute.")).toBeVisible();
    await waitForHydration(page);
    const decide = page.getByRole("form", { name: "Decide" });
    await decide.getByRole("radio", { name: "Keep “4 on 1 to 5”" }).check();
    await decide.getByLabel("Note on “Understood the issue”").fill("One checklist question was skipped.");
    await decide.getByRole("radio", { name: "Accept “Resolved”" }).check();
    await decide.getByLabel("Note on “Outcome”").fill("The customer confirms the fix.");
    await decide.getByRole("button", { name: "Save decision" }).click();
    await expect(page.getByText("Decision saved.")).toBeVisible();
    await expect(page.locator(".page-header .badge").first()).toHaveText("Partly upheld");
    await expect(page.getByText(/revision 2; the score is now 90\.6/)).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.goto("/disputes?status=decided");
    await expect(page.getByRole("link", { name: agent.name })).toBeVisible();
    await expectNoSeriousViolations(page);

    // The evaluation page: the new score, and the history with both revisions.
    await page.goto(`/evaluations/${evaluationId}`);
    await expect(page.locator(".evaluation-score__value")).toHaveText("Score 90.6");
    await expect(page.getByRole("heading", { level: 4, name: /^Revision 1: Submitted/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 4, name: /^Revision 2: Re-scored after a dispute/ })).toBeVisible();
    await expect(page.getByText("Dispute partly upheld")).toBeVisible();

    // At 390 px the queue and the dispute page fit the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/disputes?status=all", disputeUrl]) {
      await page.goto(path);
      await waitForHydration(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBe(390);
    }
  });
});
