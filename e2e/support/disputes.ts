/**
 * The dispute steps the agent's-loop and disputes specs share (issue 13 §6), on a review of
 * test/evaluation-fixtures.ts's reviewDefinition answered `failing` (71.9, a fail): the agent
 * disputes "Understood the issue" (proposing 5) and "Outcome" (proposing Resolved, with a quote
 * of the second turn as evidence); the supervisor endorses it; a QA lead takes it, keeps the
 * first answer and accepts the second (90.6, a pass).
 */
import type { Page } from "@playwright/test";
import type { Answer } from "../../app/modules/scorecards/scorecard-definition.schema";
import { expect, waitForHydration } from "../fixtures";

/** Discovery 4, outcome "Next steps": 71.9, a fail. */
export const failing: Record<string, Answer> = { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "next" } };

/** From the evaluation page, as its agent: sends the two-question dispute and returns where it lives. */
export async function raiseTwoQuestionDispute(page: Page): Promise<{ disputeUrl: string; disputeId: string }> {
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
  await expect(page.locator(".dispute-quote")).toHaveCount(1);
  return { disputeUrl, disputeId: disputeUrl.split("/").pop() ?? "" };
}

/** From the disputes queue, as the agent's supervisor: opens the agent's dispute and endorses it. */
export async function endorseFromQueue(page: Page, agentName: string, disputeUrl: string): Promise<void> {
  await page.getByRole("link", { name: agentName }).click();
  await expect(page).toHaveURL(disputeUrl);
  await page.getByLabel(/^Note/).fill("The outcome looks right to me.");
  await page.getByRole("button", { name: "Endorse: send to QA" }).click();
  await expect(page.getByText("Endorsed: the dispute goes to QA.")).toBeVisible();
}

/** On the dispute's page, as a QA lead: takes it, keeps "Understood the issue" and accepts "Outcome". */
export async function takeAndDecidePartly(page: Page): Promise<void> {
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
}
