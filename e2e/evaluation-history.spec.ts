/**
 * Revisions and voids in Chromium (issue 13 §1, docs/decisions/0020): a QA lead corrects a
 * submitted evaluation with a reason — a refusal without one keeps the changed answer — and
 * the page shows both revisions with the changed answer and the new score; then the lead
 * voids it through the confirmation dialog, and the page shows it as void, also to the agent.
 * At 390 px the history, the correction form and the void dialog fit the screen.
 */
import type { Page } from "@playwright/test";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedConversation } from "../test/conversation-factories";
import { seedScorecard, seedTeam } from "../test/factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, loginAs, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";

// As submitted: opening 100; resolution (3/4 + 1/2) / 2 = 62.5; overall (100 + 3 × 62.5) / 4 = 71.875 → 71.9, a fail.
// Corrected to outcome "Resolved": resolution (3/4 + 1) / 2 = 87.5; overall (100 + 3 × 87.5) / 4 = 90.625 → 90.6, a pass.
const submittedAnswers = {
  greeting: { value: true },
  identity: { value: true },
  discovery: { value: 4 },
  outcome: { value: "next" },
};

async function seedSubmitted() {
  const suffix = uniqueSuffix();
  const team = await seedTeam(`History team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
  const chat = await seedConversation(agent.id, "chat-tech-outage-update");
  const scorecard = await seedScorecard({ name: `Chat review ${suffix}`, definition: reviewDefinition });
  const evaluation = await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: scorecard.id, answers: submittedAnswers });
  return { agent, qa, lead, evaluationId: evaluation.id };
}

const history = (page: Page) => page.getByRole("region", { name: "History" });
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("a QA lead corrects an evaluation with a reason, the history shows both revisions, then the lead voids it", async ({ page }) => {
  test.slow();
  const { agent, qa, lead, evaluationId } = await seedSubmitted();
  await loginAs(page, lead);
  await page.goto(`/evaluations/${evaluationId}`);
  await waitForHydration(page);
  const result = page.getByLabel("Result");
  await expect(result).toContainText("71.9");
  await expect(result).toContainText("Fail");
  await expect(history(page).getByRole("listitem")).toHaveCount(1);

  // Correct: outcome "Next steps" → "Resolved", the live score follows; without a reason it is refused, and nothing is lost.
  await page.getByRole("button", { name: "Correct answers…" }).click();
  const form = page.getByRole("form", { name: "Correct the answers" });
  await form.getByRole("group", { name: "Outcome" }).getByRole("radio", { name: "Resolved (2 points)" }).check();
  await expect(form).toContainText("90.6");
  await form.getByRole("button", { name: "Save the correction" }).click();
  // The browser's own check stops an empty reason; a reason of spaces reaches the server and is refused there.
  await form.getByLabel("Reason for the correction").fill("   ");
  await form.getByRole("button", { name: "Save the correction" }).click();
  await expect(form.getByRole("alert")).toHaveText("Give the reason for this change");
  await expect(form.getByText("Give the reason for this change").last()).toBeVisible();
  await expect(form.getByRole("group", { name: "Outcome" }).getByRole("radio", { name: "Resolved (2 points)" })).toBeChecked();

  await form.getByLabel("Reason for the correction").fill("The customer confirmed by email that the fix worked");
  await form.getByRole("button", { name: "Save the correction" }).click();
  await expect(page).toHaveURL(`/evaluations/${evaluationId}?corrected=2`);
  await expect(page.getByText("Correction saved as revision 2.")).toHaveText("Correction saved as revision 2. The score is now 90.6 (pass).");
  await expect(result).toContainText("90.6");
  await expect(result).toContainText("Pass");

  const entries = history(page).getByRole("listitem").filter({ has: page.getByRole("heading") });
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("Revision 1: Submitted");
  await expect(entries.nth(0)).toContainText(qa.name);
  await expect(entries.nth(0)).toContainText("Score: 71.9 (Fail)");
  await expect(entries.nth(1)).toContainText("Revision 2: Corrected");
  await expect(entries.nth(1)).toContainText(lead.name);
  await expect(entries.nth(1)).toContainText("Reason: The customer confirmed by email that the fix worked");
  await expect(entries.nth(1)).toContainText("Score: 71.9 → 90.6 (Fail → Pass)");
  await expect(entries.nth(1)).toContainText("1 answer changed");
  await expect(entries.nth(1).getByRole("listitem")).toHaveText("Outcome: from Next steps → to Resolved");

  // At a phone's width the history and the void dialog fit.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await fitsWidth(page)).toBeLessThanOrEqual(390);

  // Void: the dialog asks for the reason and the confirmation; Cancel does nothing.
  await page.getByRole("button", { name: "Void evaluation…" }).click();
  const dialog = page.getByRole("dialog", { name: "Void this evaluation?" });
  await expect(dialog).toBeVisible();
  expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Void evaluation…" }).click();
  await dialog.getByLabel("Reason for voiding").fill("Scored against the wrong conversation");
  await dialog.getByRole("button", { name: "Void evaluation" }).click();
  await expect(page).toHaveURL(`/evaluations/${evaluationId}?voided=1`);
  await expect(result).toHaveText("Void");
  await expect(page.getByText("This evaluation is void.")).toBeVisible();
  await expect(page.getByText(`${lead.name} voided it on`)).toContainText("“Scored against the wrong conversation”");
  await expect(page.getByRole("button", { name: "Void evaluation…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Correct answers…" })).toHaveCount(0);
  await expect(history(page).getByRole("heading", { name: "Voided" })).toBeVisible();
  expect(await fitsWidth(page)).toBeLessThanOrEqual(390);

  // The agent, who had it released to them, sees it as void with the same history.
  await signOut(page);
  await loginAs(page, agent);
  await page.goto(`/evaluations/${evaluationId}`);
  await expect(page.getByLabel("Result")).toHaveText("Void");
  await expect(history(page).getByRole("heading", { name: "Revision 2: Corrected" })).toBeVisible();
});

test("the correction form works from the keyboard at 390 px", async ({ page }) => {
  const { lead, evaluationId } = await seedSubmitted();
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, lead);
  await page.goto(`/evaluations/${evaluationId}`);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Correct answers…" }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "Correct the answers" });
  await expect(form.getByRole("heading", { name: "Correct the answers" })).toBeFocused();
  expect(await fitsWidth(page)).toBeLessThanOrEqual(390);
  // Cancel brings the keyboard back to the button that opened the form.
  await form.getByRole("button", { name: "Cancel" }).press("Enter");
  await expect(page.getByRole("button", { name: "Correct answers…" })).toBeFocused();
  await page.keyboard.press("Enter");
  await form.getByRole("group", { name: "Understood the issue" }).getByRole("radio", { name: "5", exact: true }).focus();
  await page.keyboard.press("Space");
  await form.getByLabel("Reason for the correction").focus();
  await page.keyboard.type("Listened again: the issue was understood at once");
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Save the correction" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Understood the issue 5 of 1–5 with next steps: resolution (1 + 1/2) / 2 = 75; overall (100 + 3 × 75) / 4 = 81.25 → 81.3, a pass.
  await expect(page.getByText("Correction saved as revision 2.")).toHaveText("Correction saved as revision 2. The score is now 81.3 (pass).");
});
