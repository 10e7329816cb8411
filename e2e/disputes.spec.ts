/**
 * Disputes in Chromium (issue 13 §6): with the organisation's supervisor first line on, an agent
 * disputes two questions of a released review (71.9, a fail), one with a transcript span as
 * evidence; their supervisor endorses it from the queue; a QA lead takes it, accepts one proposal
 * and keeps the other; the evaluation page then shows 90.6 (a pass) and the history both
 * revisions. Another agent gets 404 on the dispute. The queue and the dispute page pass axe and
 * fit a 390 px screen.
 */
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { withOrganisationSettings } from "../test/organisation-factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, expectNoSeriousViolations, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { endorseFromQueue, failing, raiseTwoQuestionDispute, takeAndDecidePartly } from "./support/disputes";

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
    const { disputeUrl } = await raiseTwoQuestionDispute(page);
    await expect(page.locator(".page-header .badge").first()).toHaveText("Awaiting supervisor");
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
    await endorseFromQueue(page, agent.name, disputeUrl);
    await expect(page.locator(".page-header .badge").first()).toHaveText("Open");
    await signOut(page);

    // The lead takes it, accepts the outcome and keeps the discovery answer.
    await loginAs(page, lead);
    await page.goto(disputeUrl);
    await expectNoSeriousViolations(page);
    await takeAndDecidePartly(page);
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
