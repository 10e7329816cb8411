/**
 * axe (WCAG 2 A/AA) where people work: every page of every role, on data the spec makes —
 * a team with an agent's call and chats, a QA specialist's queue with a draft in the review
 * workspace (checked with the annotation form and the keyboard-shortcut help open), a
 * submitted and released evaluation (on the agent's My feedback too, with the acknowledgement
 * form refused, and on the acknowledgements list), a corrected one with its history, the correction form and
 * the void dialog, a void one, call, chat and draft scorecards, a sampling rule with a run, an
 * API token. No serious or critical violation anywhere.
 */
import type { Page } from "@playwright/test";
import { db } from "../app/lib/db.server";
import { addEvidence } from "../app/modules/coaching/add-evidence.server";
import { createCoachingPlan } from "../app/modules/coaching/create-plan.server";
import { scorecardCriteria } from "../app/modules/coaching/scorecard-criteria.server";
import { createWebhook } from "../app/modules/webhooks/create-webhook.server";
import { demoScorecards } from "../db/seed/demo-scorecards";
import { criteriaWorld } from "../test/criteria-fixtures";
import { teamReportWorld } from "../test/team-report-fixtures";
import { seedConversation } from "../test/conversation-factories";
import { seedScorecard, seedTeam, TEST_PASSWORD } from "../test/factories";
import { seedApiToken, seedAssignment, seedCorrection, seedEvaluation, seedSamplingRule, seedSamplingRun, seedVoid } from "../test/review-factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

const [callQuality, chatQuality] = demoScorecards.map((scorecard) => scorecard.definition);

async function seedWorkplace() {
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Accessible team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana ${suffix}`);
  const otherAgent = await seedLogin("agent", [team.id], `Marcus ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
  const admin = await seedLogin("admin", [], `Alex ${suffix}`);

  // Two days ago: inside the rule's window of the last 30 whole days.
  const startedAt = new Date(Date.now() - 2 * 86_400_000);
  const call = await seedConversation(agent.id, "call-tech-area-outage", { startedAt });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update", { startedAt });
  await seedConversation(otherAgent.id, "chat-tech-password-reset", { startedAt });
  const callScorecard = await seedScorecard({ name: `Call quality ${suffix}`, definition: callQuality });
  // Agents acknowledge its evaluations within 5 days (issue 13 §3).
  const chatScorecard = await seedScorecard({ name: `Chat quality ${suffix}`, definition: chatQuality, acknowledgement: { mode: "required", days: 5 } });
  const draftScorecard = await seedScorecard({ name: `Draft ${suffix}`, definition: callQuality, published: false });

  // The QA specialist's draft of the call, from an assignment.
  const assignment = await seedAssignment({ interactionId: call.id, scorecardId: callScorecard.id, reviewerId: qa.id, actor: lead });
  const draft = await seedEvaluation({ reviewer: qa, interactionId: call.id, scorecardId: callScorecard.id, assignmentId: assignment.id, submit: false });
  // The lead's submitted review of the chat, released to the agent at once.
  const evaluation = await seedEvaluation({
    reviewer: lead,
    interactionId: chat.id,
    scorecardId: chatScorecard.id,
    answers: { "response-time": { value: true }, tone: { value: 3 }, resolved: { value: true } },
  });
  // A chat rule over the team, run once: it draws the other agent's chat for the QA specialist.
  const rule = await seedSamplingRule(lead, {
    name: `Team chats ${suffix}`,
    scorecardId: chatScorecard.id,
    reviewerIds: [qa.id],
    filters: { channels: ["chat"], teamIds: [team.id], agentIds: [], queues: [], tags: [], tagsMode: "any", window: { kind: "last_n_days", days: 30 }, metadata: {} },
  });
  const run = await seedSamplingRun(rule.id, lead);
  await seedApiToken(lead, `Reports ${suffix}`);
  return { team, agent, supervisor, qa, lead, admin, call, chat, callScorecard, chatScorecard, draftScorecard, draft, evaluation, rule, run };
}

let workplace: Awaited<ReturnType<typeof seedWorkplace>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  workplace = await seedWorkplace();
});

// Each test signs in and runs axe on several pages, a few seconds each.
test.describe.configure({ timeout: 120_000 });

/** Opens `url`, waits for its main heading, and checks the page with axe. */
async function check(page: Page, url: string, heading: string | RegExp): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousViolations(page, url);
}

/** A call's page once the server's job runner has drawn its waveform (reloading until then). */
async function checkCall(page: Page, url: string): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(page.locator('[data-waveform-ready="true"]')).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expectNoSeriousViolations(page, url);
}

test.describe("accessibility (axe, WCAG 2 A/AA)", () => {
  test("the login page, empty and showing errors", async ({ page }) => {
    await check(page, "/login", "Sign in to Parley");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    await expectNoSeriousViolations(page, "/login with errors");
  });

  test("an agent's pages: home, their conversations, their feedback, a chat, their released evaluation, refusals", async ({ page }) => {
    const { agent, chat, evaluation } = workplace;
    await loginAs(page, agent);
    await check(page, "/", /^Hello, /);
    await check(page, "/interactions", "My conversations");
    await check(page, "/feedback", "My feedback");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await check(page, `/interactions/${chat.id}`, /./);
    await check(page, `/evaluations/${evaluation.id}`, /^Evaluation of /);
    // The acknowledgement form, refused with a comment over the limit.
    await waitForHydration(page);
    const acknowledge = page.getByRole("form", { name: "Acknowledge this evaluation" });
    await acknowledge.getByLabel("Comment (optional)").fill("x".repeat(2001));
    await acknowledge.getByRole("button", { name: "Acknowledge" }).click();
    await expect(acknowledge.getByRole("alert")).toBeVisible();
    await expectNoSeriousViolations(page, "the acknowledgement form, refused");
    await check(page, "/admin/users", "You do not have access");
    await check(page, "/interactions/00000000-0000-4000-8000-000000000000", "Not found");
  });

  test("a supervisor's pages: home, the team's conversations, who has not acknowledged, a call with its player, an evaluation", async ({ page }) => {
    const { supervisor, call, evaluation } = workplace;
    await loginAs(page, supervisor);
    await check(page, "/", /^Hello, /);
    await check(page, "/interactions", "Team conversations");
    await check(page, "/acknowledgements", "Acknowledgements");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await check(page, "/acknowledgements?show=overdue", "Acknowledgements");
    await checkCall(page, `/interactions/${call.id}`);
    await check(page, `/evaluations/${evaluation.id}`, /^Evaluation of /);
    await check(page, "/settings/api-tokens", "API tokens");
  });

  test("a QA specialist's pages: home, queue, conversations, and the review workspace with the annotation form and the help open", async ({ page }) => {
    const { qa, team, draft, evaluation } = workplace;
    await loginAs(page, qa);
    await check(page, "/", /^Hello, /);
    await check(page, "/queue", "My queue");
    await expect(page.locator("tbody tr")).toHaveCount(2);
    await check(page, `/interactions?team=${team.id}`, "Interactions");
    await check(page, `/evaluations/${evaluation.id}`, /^Evaluation of /);

    const workspace = `/review/${draft.id}`;
    await checkCall(page, workspace);
    await waitForHydration(page);
    // The annotation form, opened on a word of the second turn.
    const turn = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(1);
    await turn.locator("[data-segment-text]").dblclick({ position: { x: 4, y: 6 } });
    await page.getByRole("button", { name: "Annotate" }).click();
    const composer = page.getByRole("form", { name: "New annotation" });
    await expect(composer).toBeVisible();
    await expectNoSeriousViolations(page, `${workspace} with the annotation form open`);
    await composer.getByRole("button", { name: "Cancel" }).click();
    await expect(composer).toBeHidden();
    // The keyboard-shortcut help.
    await page.getByRole("button", { name: /^Keyboard shortcuts/ }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await expectNoSeriousViolations(page, `${workspace} with the shortcut help open`);
  });

  test("a QA lead's pages: queue, assignments, acknowledgements, an evaluation, scorecards and the builder on a draft", async ({ page }) => {
    const { lead, callScorecard, draftScorecard, evaluation } = workplace;
    await loginAs(page, lead);
    await check(page, "/", /^Hello, /);
    await check(page, "/queue", "My queue");
    await check(page, "/assignments", "Assignments");
    await check(page, "/acknowledgements", "Acknowledgements");
    await check(page, `/evaluations/${evaluation.id}`, /^Evaluation of /);
    await check(page, "/scorecards", "Scorecards");
    await check(page, `/scorecards/${callScorecard.id}`, callScorecard.name);
    await page.goto(`/scorecards/${draftScorecard.id}`);
    await waitForHydration(page);
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    await expectNoSeriousViolations(page, "the scorecard builder on a draft");
  });

  test("a QA lead's evaluation pages: a corrected one with its history, the correction form refused, the void dialog, a void one", async ({ page }) => {
    const { lead, qa, agent, chatScorecard } = workplace;
    const answers = { "response-time": { value: true }, tone: { value: 2 }, resolved: { value: false } };
    const review = async () => {
      const chat = await seedConversation(agent.id, "chat-tech-password-reset");
      return (await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: chatScorecard.id, answers })).id;
    };
    const corrected = await review();
    await seedCorrection(lead, corrected, { answers: { ...answers, resolved: { value: true } }, reason: "Handed over to billing as the process says" });
    const voided = await review();
    await seedVoid(lead, voided, "Scored with the wrong scorecard");

    await loginAs(page, lead);
    await check(page, `/evaluations/${corrected}`, /^Evaluation of /);
    await expect(page.getByRole("heading", { name: "Revision 2: Corrected" })).toBeVisible();
    await waitForHydration(page);
    await page.getByRole("button", { name: "Correct answers…" }).click();
    const form = page.getByRole("form", { name: "Correct the answers" });
    await form.getByLabel("Reason for the correction").fill(" ");
    await form.getByRole("button", { name: "Save the correction" }).click();
    await expect(form.getByRole("alert")).toBeVisible();
    await expectNoSeriousViolations(page, "the correction form, refused");
    await form.getByRole("button", { name: "Cancel" }).click();
    await page.getByRole("button", { name: "Void evaluation…" }).click();
    await expect(page.getByRole("dialog", { name: "Void this evaluation?" })).toBeVisible();
    await expectNoSeriousViolations(page, "the void dialog");
    await check(page, `/evaluations/${voided}`, /^Evaluation of /);
    await expect(page.getByText("This evaluation is void.")).toBeVisible();
  });

  test("a QA lead's pages: sampling rules, a rule, a run, coverage, deleting, import, API tokens", async ({ page }) => {
    const { lead, rule, run } = workplace;
    await loginAs(page, lead);
    await check(page, "/sampling", "Sampling rules");
    await check(page, "/sampling/new", /rule/i);
    await check(page, `/sampling/${rule.id}`, rule.name);
    await check(page, `/sampling/runs/${run.id}`, /./);
    await check(page, "/sampling/coverage", "Coverage");
    await check(page, `/sampling/${rule.id}/delete`, `Delete “${rule.name}”?`);
    await check(page, "/import", "Import interactions");
    await check(page, "/settings/api-tokens", "API tokens");
  });

  test("an admin's pages: users, a user, a new user, teams, settings, webhooks, tokens, conversations", async ({ page }) => {
    const { admin, agent, team } = workplace;
    // A public address literal: registering it needs no DNS, and nothing is sent to it here.
    const webhook = await createWebhook(db(), admin, { url: "https://93.184.216.34/parley", description: "Warehouse", events: ["evaluation.released"] });
    await loginAs(page, admin);
    await check(page, "/", /^Hello, /);
    await check(page, "/admin/users", "Users");
    await check(page, `/admin/users/${agent.id}`, agent.name);
    await check(page, "/admin/users/new", "Add user");
    await check(page, "/admin/teams", "Teams");
    await check(page, "/admin/settings", "Organisation settings");
    await check(page, "/admin/webhooks", "Webhooks");
    await check(page, `/admin/webhooks/${webhook.id}`, "https://93.184.216.34/parley");
    await check(page, "/settings/api-tokens", "API tokens");
    await check(page, `/interactions?team=${team.id}`, "Interactions");
  });
  test("coaching pages: the team coaching page, a new plan, a plan with its cancel dialog, and the agent's My coaching and plan", async ({ page }) => {
    const { supervisor, agent, chatScorecard, evaluation } = workplace;
    const criteria = (await scorecardCriteria(db(), chatScorecard.id))!.criteria;
    const plan = await createCoachingPlan(
      db(),
      supervisor,
      { agentId: agent.id, scorecardId: chatScorecard.id, title: "Answer chats sooner", dueOn: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), criteria: [{ questionKey: criteria[0]!.questionKey, target: 90 }] },
      new Date(),
    );
    await addEvidence(db(), supervisor, plan.id, { evaluationId: evaluation.id, kind: "strength", note: "Quick and kind" }, new Date());
    await loginAs(page, supervisor);
    await check(page, "/coaching", "Coaching");
    await check(page, `/coaching/plans/new?agent=${agent.id}`, `New coaching plan for ${agent.name}`);
    await check(page, `/coaching/plans/${plan.id}`, "Answer chats sooner");
    await waitForHydration(page);
    await page.getByRole("button", { name: "Cancel the plan…" }).click();
    await expect(page.getByRole("dialog", { name: "Cancel this plan?" })).toBeVisible();
    await expectNoSeriousViolations(page, "the cancel dialog");
    await page.context().clearCookies();
    await loginAs(page, agent);
    await check(page, "/my/coaching", "My coaching");
    await check(page, `/coaching/plans/${plan.id}`, "Answer chats sooner");
  });
  test("the Criteria and Reviewers reports, and a QA specialist's home with their queue and output", async ({ page }) => {
    test.setTimeout(90_000);
    const w = await criteriaWorld("2026-11");
    const filters = `period=month&from=2026-11-01&to=2026-11-30&scorecard=${w.support.id}`;
    await loginAs(page, w.lena);
    await check(page, `/reports/criteria?${filters}`, "Reports");
    await expect(page.getByRole("table", { name: /^Criteria, worst first/ }).locator("tbody tr")).toHaveCount(4);
    await check(page, `/reports/criteria?period=month&from=2026-11-30&to=2026-11-01`, "Reports");
    await check(page, `/reports/reviewers?${filters}`, "Reports");
    await page.context().clearCookies();
    await loginAs(page, w.quinn);
    await check(page, "/", /^Hello, /);
    await expect(page.getByRole("heading", { name: "Your output" })).toBeVisible();
    await check(page, `/reports/reviewers?${filters}`, "Reports");
  });
  test("the Team report (with a filter refused) and an agent's card, as their supervisor and as the agent", async ({ page }) => {
    test.setTimeout(90_000);
    const w = await teamReportWorld();
    const filters = "period=week&from=2026-11-01&to=2026-11-30";
    await loginAs(page, { ...w.supervisorA, password: TEST_PASSWORD });
    await check(page, `/reports/team?${filters}`, "Reports");
    await expect(page.getByRole("table", { name: /^Agents of / }).locator("tbody tr")).toHaveCount(4);
    await check(page, "/reports/team?period=week&from=2026-11-30&to=2026-11-01", "Reports");
    await check(page, `/reports/agents/${w.a1.id}?${filters}`, "Reports");
    await expect(page.getByRole("heading", { name: w.a1.name, level: 2 })).toBeVisible();
    await page.context().clearCookies();
    await loginAs(page, { ...w.a1, password: TEST_PASSWORD });
    await check(page, `/reports/agents/${w.a1.id}?${filters}`, "Reports");
    await expect(page.getByRole("heading", { name: "Your card", level: 2 })).toBeVisible();
  });
  test("reports: the lead's home, the quality overview by team and by scorecard, a refused filter, the drill-down, and an agent's overview", async ({ page }) => {
    const { lead, agent, team } = workplace;
    await loginAs(page, lead);
    await check(page, "/", /^Hello, /);
    await expect(page.getByRole("heading", { name: "Quality this month" })).toBeVisible();
    await check(page, `/reports?team=${team.id}`, "Reports");
    await expect(page.getByRole("figure", { name: "Quality score by week" })).toBeVisible();
    await page.getByText("Show as table").first().click();
    await expectNoSeriousViolations(page, "the overview with a chart's table open");
    await check(page, `/reports?team=${team.id}&group=scorecard&period=month`, "Reports");
    await check(page, "/reports?from=2026-11-30&to=2026-11-01", "Reports");
    await expect(page.getByRole("alert")).toHaveText("The period ends before it starts: choose an end on or after the start");
    await check(page, `/reports/evaluations?team=${team.id}`, "Reports");
    await page.context().clearCookies();
    await loginAs(page, agent);
    await check(page, "/reports", "Reports");
  });
  test("coaching: scheduling a standalone session, as a supervisor with their agent chosen", async ({ page }) => {
    const { supervisor, agent } = workplace;
    await loginAs(page, supervisor);
    await check(page, `/coaching/sessions/new?agent=${agent.id}`, "Schedule a standalone session");
    await expect(page.getByRole("form", { name: "Schedule a session" }).getByLabel("Agent")).toHaveValue(agent.id);
  });
});
