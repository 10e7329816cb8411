/**
 * Notifications and the comment thread in Chromium (issue 13 §4, §7): a QA specialist submits a
 * review on a scorecard that releases at once; the agent sees one unread notification in the
 * top bar, opens it and lands on the evaluation, and comments (Ctrl+Enter); the reviewer is
 * notified of the comment. The inbox, its settings page and the evaluation with its thread pass
 * axe, and the inbox fits a 390 px screen.
 */
import type { Page } from "@playwright/test";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import type { ScorecardDefinitionInput } from "../app/modules/scorecards/scorecard-definition.schema";
import { db } from "../app/lib/db.server";
import { seedConversation } from "../test/conversation-factories";
import { seedScorecard, seedTeam } from "../test/factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { scorecardReady } from "./support/review-draft";

const definition: ScorecardDefinitionInput = {
  passMark: 50,
  sections: [{ id: "handling", title: "Handling", questions: [{ id: "greeting", kind: "binary", prompt: "Greeted the customer by name" }] }],
};

const inboxLink = (page: Page) => page.getByRole("link", { name: /^Notifications, / });

test("the agent is told of released feedback, opens it, comments, and the reviewer is told of the comment", async ({ page, browser }) => {
  // Three sign-ins, a submission in the workspace and four axe runs, on a machine shared with other specs.
  test.setTimeout(180_000);
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Inbox team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Inbox ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Inbox ${suffix}`);
  const scorecard = await seedScorecard({ name: `Released at once ${suffix}`, definition, releaseMode: "immediate" });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update", { startedAt: new Date(Date.UTC(2026, 10, 3, 9, 0)) });
  const { evaluationId } = await openEvaluation(db(), qa, { interactionId: chat.id, scorecardId: scorecard.id });

  // The QA specialist scores and submits in the workspace.
  await loginAs(page, qa);
  await expect(inboxLink(page)).toHaveAccessibleName("Notifications, none unread");
  await page.goto(`/review/${evaluationId}`);
  await waitForHydration(page);
  await scorecardReady(page);
  const scorecardPanel = page.getByRole("region", { name: "Scorecard" });
  await scorecardPanel.getByRole("group", { name: /^Greeted the customer by name/ }).getByLabel("Yes").check();
  await scorecardPanel.getByRole("button", { name: "Submit evaluation" }).click();
  await page.getByRole("dialog", { name: "Submit this evaluation?" }).getByRole("button", { name: "Submit", exact: true }).click();
  await expect(page).toHaveURL(/\/queue\?submitted=/);

  // The agent: one unread, opened from the inbox, lands on the evaluation; the count drops to none.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await loginAs(agentPage, agent);
  await expect(inboxLink(agentPage)).toHaveAccessibleName("Notifications, 1 unread");
  await inboxLink(agentPage).click();
  await expect(agentPage.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const items = agentPage.getByRole("list", { name: "Notifications, newest first" }).getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText(`${scorecard.name}: 100.0 (pass).`);
  await expectNoSeriousViolations(agentPage, "/notifications with one unread");
  await items.first().getByRole("link", { name: "Unread: New feedback on your chat of 3 Nov 2026" }).click();
  await expect(agentPage).toHaveURL(`/evaluations/${evaluationId}`);
  await expect(inboxLink(agentPage)).toHaveAccessibleName("Notifications, none unread");

  // The agent comments from the keyboard; the box empties and the comment shows, line breaks kept.
  await waitForHydration(agentPage);
  const thread = agentPage.getByRole("region", { name: "Comments" });
  await expect(thread.getByText("No comments yet.")).toBeVisible();
  const box = thread.getByRole("textbox", { name: "Add a comment" });
  await box.fill("x".repeat(5001));
  await box.press("Control+Enter");
  await expect(thread.locator("#comment-body-error")).toHaveText("The comment is 5,001 characters; the limit is 5,000. Shorten it by 1 to post it.");
  await expect(box).toHaveValue("x".repeat(5001));
  await box.fill("Thanks <b>Quinn</b>.\nCould we go through the greeting?");
  await box.press("Control+Enter");
  await expect(thread.getByRole("listitem")).toHaveCount(1);
  await expect(thread.locator(".comment__body")).toHaveText("Thanks <b>Quinn</b>.\nCould we go through the greeting?");
  await expect(box).toHaveValue("");
  await expectNoSeriousViolations(agentPage, "the evaluation with its comment thread");
  await agentContext.close();

  // The reviewer is told of the comment, and the notification leads to it.
  await page.goto("/notifications");
  await expect(inboxLink(page)).toHaveAccessibleName("Notifications, 1 unread");
  const reviewerItems = page.getByRole("list", { name: "Notifications, newest first" }).getByRole("listitem");
  await expect(reviewerItems).toHaveCount(1);
  await expect(reviewerItems.first()).toContainText(`${agent.name} commented on an evaluation you are in`);
  await reviewerItems.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/evaluations/${evaluationId}#comment-[0-9a-f-]{36}$`));
  await expect(page.getByRole("region", { name: "Comments" }).locator(".comment__body")).toHaveText(/^Thanks <b>Quinn<\/b>\./);

  // Mark all read, the settings page, and the inbox at a phone's width.
  await page.goto("/notifications");
  await expect(page.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await page.getByLabel("New comment in a thread you are in").uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("New comment in a thread you are in")).not.toBeChecked();
  await expectNoSeriousViolations(page, "/settings/notifications");
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/notifications", "/settings/notifications"]) {
    await page.goto(path);
    await waitForHydration(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
});
