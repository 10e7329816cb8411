/**
 * The agent's whole loop in one chained journey (issue 13, Tests), on data of its own: a QA lead
 * releases a review (71.9, a fail) → the agent is notified, opens My feedback and the evaluation,
 * acknowledges with a comment, comments in the thread and disputes two questions, one with a
 * transcript span → their supervisor endorses it (the organisation's first line is on, in the
 * spec's data) → a QA lead takes it, accepts one proposal and keeps the other → the score on the
 * page is 90.6 (a pass), the history shows both revisions, the agent is told and asked to
 * acknowledge again → another agent of the same team gets 404 on every one of these URLs: the
 * evaluation page, its comments route, the dispute page, the disputes form route, the
 * acknowledgement, and the API endpoints with their own token.
 */
import type { APIResponse, Page } from "@playwright/test";
import { db } from "../app/lib/db.server";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { withOrganisationSettings } from "../test/organisation-factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { endorseFromQueue, failing, raiseTwoQuestionDispute, takeAndDecidePartly } from "./support/disputes";

const inboxLink = (page: Page) => page.getByRole("link", { name: /^Notifications, / });
const inboxItems = (page: Page) => page.getByRole("list", { name: "Notifications, newest first" }).getByRole("listitem");
const feedbackRows = (page: Page) => page.locator("main table tbody tr");

test("the agent's loop: released, notified, acknowledged, commented, disputed, endorsed, decided, re-scored — and closed to every other agent", async ({ page, baseURL }) => {
  // Five sign-ins, a dispute with evidence, a decision and a dozen refused requests on a loaded machine.
  test.setTimeout(420_000);
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Loop team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Loop ${suffix}`);
  const otherAgent = await seedLogin("agent", [team.id], `Marcus Loop ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Loop ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Loop ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah Loop ${suffix}`);
  const scorecard = await seedScorecard({ name: `Loop chats ${suffix}`, definition: reviewDefinition, releaseMode: "manual", acknowledgement: { mode: "required", days: 3 } });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update", { startedAt: new Date(Date.UTC(2026, 10, 3, 9, 0)) });
  const { id: evaluationId } = await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: scorecard.id, answers: failing });
  const evaluationUrl = `/evaluations/${evaluationId}`;

  await withOrganisationSettings({ dispute_supervisor_first_line: true }, async () => {
    // ---- a QA lead releases the review
    await loginAs(page, lead);
    await page.goto(evaluationUrl);
    await waitForHydration(page);
    await expect(page.locator(".release-state")).toContainText("Not released to the agent.");
    await page.getByRole("button", { name: "Release to agent…" }).click();
    await page.getByRole("dialog", { name: `Release this evaluation to ${agent.name}?` }).getByRole("button", { name: "Release", exact: true }).click();
    await expect(page.locator(".release-state")).toContainText("Visible to the agent since");
    await signOut(page);

    // ---- the agent is notified, opens My feedback and the evaluation
    await loginAs(page, agent);
    await expect(inboxLink(page)).toHaveAccessibleName("Notifications, 1 unread");
    await inboxLink(page).click();
    await expect(inboxItems(page)).toHaveCount(1);
    await expect(inboxItems(page).first()).toContainText("New feedback on your chat of 3 Nov 2026");
    await mainNav(page).getByRole("link", { name: "My feedback" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My feedback" })).toBeVisible();
    await expect(feedbackRows(page)).toHaveCount(1);
    await expect(feedbackRows(page).first()).toContainText("71.9 · Fail");
    await expect(feedbackRows(page).first()).toContainText("Awaiting your acknowledgement");
    await feedbackRows(page).first().locator("td:first-child a").click();
    await expect(page).toHaveURL(evaluationUrl);
    await expect(page.locator(".evaluation-score__value")).toHaveText("Score 71.9");

    // ---- acknowledges with a comment
    await waitForHydration(page);
    const acknowledge = page.getByRole("form", { name: "Acknowledge this evaluation" });
    await acknowledge.getByLabel("Comment (optional)").fill("Seen. I think the outcome was resolved, though.");
    await acknowledge.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Acknowledged." })).toHaveText("Acknowledged. Thank you.");
    await expect(page.getByRole("region", { name: "Acknowledgement" })).toContainText("Seen. I think the outcome was resolved, though.");

    // ---- comments in the thread
    await waitForHydration(page);
    const thread = page.getByRole("region", { name: "Comments" });
    const box = thread.getByRole("textbox", { name: "Add a comment" });
    await box.fill("The customer said the service was back at the end of the chat.");
    await box.press("Control+Enter");
    await expect(thread.locator(".comment__body")).toHaveText(["The customer said the service was back at the end of the chat."]);
    await expect(box).toHaveValue("");

    // ---- disputes two questions, "Outcome" with a transcript span as evidence
    const { disputeUrl, disputeId } = await raiseTwoQuestionDispute(page);
    await signOut(page);

    // ---- the supervisor endorses it
    await loginAs(page, supervisor);
    await page.goto("/disputes");
    await endorseFromQueue(page, agent.name, disputeUrl);
    await signOut(page);

    // ---- a QA lead takes it, accepts "Outcome" and keeps "Understood the issue"
    await loginAs(page, lead);
    await page.goto(disputeUrl);
    await takeAndDecidePartly(page);
    await signOut(page);

    // ---- the agent: told of the decision; the score changed, both revisions in the history, asked again
    await loginAs(page, agent);
    await inboxLink(page).click();
    await expect(inboxItems(page).filter({ hasText: `Dispute partly upheld by ${lead.name}` })).toHaveCount(1);
    await page.goto(evaluationUrl);
    await expect(page.locator(".evaluation-score__value")).toHaveText("Score 90.6");
    await expect(page.getByRole("heading", { level: 4, name: /^Revision 1: Submitted/ })).toBeVisible();
    await expect(page.getByRole("heading", { level: 4, name: /^Revision 2: Re-scored after a dispute/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Acknowledgement" })).toContainText("Asked again: a correction changed the result from pass to fail or back");
    await signOut(page);

    // ---- another agent of the same team: 404 on every one of these URLs, pages, posts and API alike
    await loginAs(page, otherAgent);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    const origin = { Origin: baseURL ?? "" };
    const post = (url: string, form: Record<string, string>) => page.request.post(url, { form: { _csrf: csrf, ...form }, headers: origin, maxRedirects: 0 });
    const refusals: Array<[string, Promise<APIResponse>]> = [
      ["evaluation page", page.request.get(evaluationUrl, { maxRedirects: 0 })],
      ["dispute page", page.request.get(disputeUrl, { maxRedirects: 0 })],
      ["comments route", post(`${evaluationUrl}/comments`, { intent: "add", body: "Not my thread" })],
      ["disputes form route", post(`${evaluationUrl}/disputes`, { payload: JSON.stringify({ revisionId: disputeId, questions: [] }) })],
      ["acknowledgement", post(evaluationUrl, { intent: "acknowledge", revisionId: disputeId, comment: "" })],
    ];
    const token = (await createApiToken(db(), otherAgent, `Loop ${suffix}`)).token;
    const api = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    refusals.push(
      ["GET /api/v1/evaluations/{id}", page.request.get(`/api/v1/evaluations/${evaluationId}`, { headers: api })],
      ["POST …/acknowledgement", page.request.post(`/api/v1/evaluations/${evaluationId}/acknowledgement`, { headers: api, data: { revisionId: disputeId } })],
      ["POST …/comments", page.request.post(`/api/v1/evaluations/${evaluationId}/comments`, { headers: api, data: { body: "Not my thread" } })],
      ["POST …/disputes", page.request.post(`/api/v1/evaluations/${evaluationId}/disputes`, { headers: api, data: { revisionId: disputeId, questions: [] } })],
      ["POST /api/v1/disputes/{id}/decision", page.request.post(`/api/v1/disputes/${disputeId}/decision`, { headers: api, data: { decisions: [] } })],
    );
    for (const [what, response] of refusals) expect((await response).status(), what).toBe(404);
    // The browser's own navigation too: the page says there is nothing here.
    expect((await page.goto(evaluationUrl))?.status()).toBe(404);
    expect((await page.goto(disputeUrl))?.status()).toBe(404);
    // Their lists never show it either.
    const disputes = await page.request.get("/api/v1/disputes?status=all", { headers: api });
    expect(disputes.status()).toBe(200);
    expect(((await disputes.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).not.toContain(disputeId);
    const evaluations = await page.request.get("/api/v1/evaluations", { headers: api });
    expect(((await evaluations.json()) as { items: Array<{ id: string }> }).items.map((item) => item.id)).not.toContain(evaluationId);
    await page.goto("/feedback");
    await expect(page.locator(`main a[href="${evaluationUrl}"]`)).toHaveCount(0);

    // Nothing the refused requests tried was written.
    const comments = await db().selectFrom("evaluation_comments").select("body").where("evaluation_id", "=", evaluationId).execute();
    expect(comments.map((c) => c.body)).toEqual(["The customer said the service was back at the end of the chat."]);
    expect(await db().selectFrom("disputes").select("state").where("evaluation_id", "=", evaluationId).execute()).toEqual([{ state: "partly_upheld" }]);
  });
});
