/**
 * Self-evaluation in Chromium (issue 13 §5): with the organisation's switch on (the spec's
 * data), the agent self-evaluates their call in the review workspace with the review's
 * scorecard; the QA specialist cannot see it while their review is to do, reviews and submits,
 * then sees both side by side with the exact gaps; the agent sees the comparison once the
 * review is released, and can no longer self-evaluate. Before it, the organisation settings
 * page (issue 13 §10): an admin's refused save keeps what was typed and names the field; a good
 * save changes the settings and says how many changed; the page fits 390 px.
 *
 * Both change the run's one organisation row (and put it back), so they run one after the
 * other in this file rather than beside each other in two.
 */
import type { Locator, Page } from "@playwright/test";
import { db } from "../app/lib/db.server";
import { releaseEvaluation } from "../app/modules/evaluations/release-evaluation.server";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { withOrganisationSettings } from "../test/organisation-factories";
import { seedAssignment, seedEvaluation } from "../test/review-factories";
import { getOrganisationSettings } from "../app/modules/organisation/get-organisation-settings.server";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";

test.describe.configure({ mode: "serial" });

const question = (scope: Page | Locator, prompt: RegExp) => scope.getByRole("group", { name: prompt });

/** Answers the review scorecard's four scoring questions in the workspace and submits. */
async function answerAndSubmit(page: Page, answers: { greeting: "Yes" | "No"; discovery: string; outcome: RegExp }, expectedScore: string) {
  const scorecard = page.getByRole("region", { name: "Scorecard" });
  await question(scorecard, /^Greeted the customer/).getByLabel(answers.greeting, { exact: true }).check();
  await question(scorecard, /^Verified identity/).getByLabel("Yes", { exact: true }).check();
  await question(scorecard, /^Understood the issue/).getByRole("radio", { name: new RegExp(`^${answers.discovery}`) }).check();
  await question(scorecard, /^Outcome/).getByLabel(answers.outcome).check();
  await scorecard.getByRole("button", { name: "Submit evaluation" }).click();
  const confirm = page.getByRole("dialog", { name: "Submit this evaluation?" });
  await expect(confirm).toContainText(expectedScore);
  await confirm.getByRole("button", { name: "Submit", exact: true }).click();
}

async function expectComparison(page: Page) {
  const comparison = page.getByRole("region", { name: "Self-evaluation beside the review" });
  await expect(comparison).toContainText("(self) 71.9");
  await expect(comparison).toContainText("(review) 59.4");
  await expect(comparison.getByTestId("score-gap")).toHaveText("+12.5");
  const rows = comparison.locator("tbody tr");
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0).locator("td")).toHaveText(["Yes", "No", "+1 of 1"]);
  await expect(rows.nth(1).locator("td")).toHaveText(["Yes", "Yes", "0 of 1"]);
  await expect(rows.nth(2).locator("td")).toHaveText(["4 on 1 to 5", "2 on 1 to 5", "+2 of 4"]);
  await expect(rows.nth(3).locator("td")).toHaveText(["Next steps", "Resolved", "−1 of 2"]);
  return comparison;
}

test("an agent self-evaluates, the reviewer sees it beside their review only after submitting, the agent after release", async ({ page }) => {
  // Three sign-ins, two workspaces and four evaluation pages.
  test.setTimeout(180_000);
  await withOrganisationSettings({ self_evaluation_enabled: true }, async () => {
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Self team ${suffix}`);
    const agent = await seedLogin("agent", [team.id], `Dana ${suffix}`);
    const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
    const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
    const scorecard = await seedScorecard({ name: `Self quality ${suffix}`, definition: reviewDefinition, releaseMode: "manual" });
    const call = await seedConversation(agent.id, "call-tech-area-outage", { startedAt: new Date(Date.now() - 86_400_000) });
    const assignment = await seedAssignment({ interactionId: call.id, scorecardId: scorecard.id, reviewerId: qa.id, actor: lead });

    // ---- the agent self-evaluates from their conversation's page, with the review's scorecard
    await loginAs(page, agent);
    await page.goto(`/interactions/${call.id}`);
    const panel = page.getByRole("region", { name: "Self-evaluation" });
    await expect(panel).toContainText(`With the scorecard of its review: ${scorecard.name}`);
    await panel.getByRole("button", { name: "Self-evaluate" }).click();
    await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
    const selfUrl = new URL(page.url()).pathname;
    const selfId = selfUrl.split("/").pop() ?? "";
    await waitForHydration(page);
    await expect(page.getByText("Your self-evaluation: score your own conversation")).toBeVisible();
    await answerAndSubmit(page, { greeting: "Yes", discovery: "4", outcome: /^Next steps/ }, "71.9");
    await expect(page).toHaveURL(`/evaluations/${selfId}?self=submitted`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Self-evaluation of ${agent.name}’s call`);
    await expect(page.getByRole("status").filter({ hasText: "Self-evaluation submitted." })).toBeVisible();
    await expect(page.getByRole("region", { name: "Self-evaluation beside the review" })).toHaveCount(0);
    await signOut(page);

    // ---- the QA specialist: blind while the review is to do; reviews and submits; then both side by side
    await loginAs(page, qa);
    expect((await page.goto(`/evaluations/${selfId}`))?.status()).toBe(404);
    const review = await seedEvaluation({ reviewer: qa, interactionId: call.id, scorecardId: scorecard.id, assignmentId: assignment.id, submit: false });
    expect((await page.goto(`/evaluations/${selfId}`))?.status()).toBe(404);
    await page.goto(`/review/${review.id}`);
    await waitForHydration(page);
    await answerAndSubmit(page, { greeting: "No", discovery: "2", outcome: /^Resolved/ }, "59.4");
    await expect(page).toHaveURL(/\/queue/);
    await page.goto(`/evaluations/${review.id}`);
    await expectComparison(page);
    await expectNoSeriousViolations(page);
    expect((await page.goto(`/evaluations/${selfId}`))?.status()).toBe(200);
    await signOut(page);

    // ---- the agent: the comparison once the review is released; self-evaluation closed
    await releaseEvaluation(db(), lead, review.id);
    await loginAs(page, agent);
    await page.goto(`/evaluations/${selfId}`);
    const comparison = await expectComparison(page);
    await comparison.getByRole("link", { name: "Open the review" }).click();
    await expect(page).toHaveURL(`/evaluations/${review.id}`);
    await expectComparison(page);
    await page.goto(`/interactions/${call.id}`);
    await expect(page.getByRole("region", { name: "Self-evaluation" })).toContainText("You submitted your self-evaluation.");
  });
});

test("an admin corrects a refused value, adds a holiday, removes a reason and turns self-evaluation on", async ({ page }) => {
  test.slow();
  await withOrganisationSettings({ self_evaluation_enabled: false, holidays: [] }, async () => {
    await loginAs(page, await seedLogin("admin"));
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
    await waitForHydration(page);

    await page.getByLabel("Days after release an agent may dispute").fill("0");
    await page.getByRole("button", { name: "Add holiday" }).click();
    await page.getByLabel("Holiday 1", { exact: true }).fill("2026-12-24");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
    await expect(page.getByText("At least 1 day.")).toBeVisible();
    // What was typed is still there.
    await expect(page.getByLabel("Holiday 1", { exact: true })).toHaveValue("2026-12-24");

    await page.getByLabel("Days after release an agent may dispute").fill("21");
    const reasons = await getOrganisationSettings(db());
    await page.getByRole("button", { name: `Remove reason ${reasons.disputeReasonCodes.length}` }).click();
    await page.getByLabel("Agents may self-evaluate their conversations").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved (4 changed).");
    await expect(page.getByLabel("Days after release an agent may dispute")).toHaveValue("21");

    const saved = await getOrganisationSettings(db());
    expect(saved).toMatchObject({ disputeWindowDays: 21, holidays: ["2026-12-24"], selfEvaluationEnabled: true, disputeReasonCodes: reasons.disputeReasonCodes.slice(0, -1) });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
