import type { Page } from "@playwright/test";
import { assignInteraction } from "../app/modules/assignments/assign-interaction.server";
import { evaluationInputSchema } from "../app/modules/evaluations/evaluation-input.schema";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import { submitEvaluation } from "../app/modules/evaluations/submit-evaluation.server";
import { db } from "../app/lib/db.server";
import { addEvidence } from "../app/modules/coaching/add-evidence.server";
import { createCoachingPlan } from "../app/modules/coaching/create-plan.server";
import { editSessionAgenda } from "../app/modules/coaching/edit-session-agenda.server";
import { saveSessionNote } from "../app/modules/coaching/save-session-note.server";
import { scheduleCoachingSession } from "../app/modules/coaching/schedule-session.server";
import { addActionItem } from "../app/modules/coaching/session-actions.server";
import { feedbackDocumentSchema } from "../app/modules/evaluations/feedback-document";
import { scorecardCriteria } from "../app/modules/coaching/scorecard-criteria.server";
import { seedConversation } from "../test/conversation-factories";
import { criteriaWorld } from "../test/criteria-fixtures";
import { teamReportWorld } from "../test/team-report-fixtures";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam, TEST_PASSWORD } from "../test/factories";
import { seedApiToken, seedEvaluation } from "../test/review-factories";
import { callVtt, expect, importConversation, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { reviewDraft } from "./support/review-draft";

/**
 * A phone's width (390 px): every page fits it, wide tables scroll inside their own box, and
 * the navigation folds into a menu that opens and closes from the keyboard. Each page is
 * shown with rows of its own, made here.
 */

const WIDTH = 390;

/** A coaching plan with a title long enough to wrap on a phone, on the scorecard's first three criteria, due in 20 days. */
async function longTitledPlan(coach: Parameters<typeof createCoachingPlan>[1], agentId: string, scorecardId: string, now: Date) {
  const criteria = (await scorecardCriteria(db(), scorecardId))!.criteria;
  return createCoachingPlan(
    db(),
    coach,
    {
      agentId,
      scorecardId,
      title: "A fairly long plan title about greeting every single caller warmly",
      dueOn: new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
      criteria: criteria.slice(0, 3).map((c) => ({ questionKey: c.questionKey, target: 85 })),
    },
    now,
  );
}

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

test("at 390 px My queue, Assignments, Import, the review and the evaluation pages fit the screen, and the navigation is a menu", async ({ page, request }) => {
  test.slow();
  await page.setViewportSize({ width: WIDTH, height: 844 });
  // A draft and an open assignment for the QA specialist, and a submitted evaluation.
  const draft = await reviewDraft(request);
  const { token } = await seedApiToken(draft.lead);
  const second = await importConversation(request, token, {
    externalId: `e2e-narrow-${uniqueSuffix()}`,
    agent: draft.agent.email,
    startedAt: "2025-06-04T11:15:00Z",
    customerName: "Alexandria Montgomery-Fitzwilliam",
    transcript: { fileName: "call.vtt", content: callVtt(draft.agent.name) },
  });
  await assignInteraction(db(), draft.lead, { interactionId: second, scorecardId: draft.scorecard.id, reviewerId: draft.qa.id, dueAt: new Date(Date.now() + 86_400_000) });
  const third = await importConversation(request, token, {
    externalId: `e2e-narrow-${uniqueSuffix()}`,
    agent: draft.agent.email,
    startedAt: "2025-06-05T08:05:00Z",
    transcript: { fileName: "call.vtt", content: callVtt(draft.agent.name) },
  });
  const { evaluationId: submitted } = await openEvaluation(db(), draft.lead, { interactionId: third, scorecardId: draft.scorecard.id });
  await submitEvaluation(
    db(),
    draft.lead,
    submitted,
    evaluationInputSchema.parse({ answers: { greeting: { value: true, comment: "Warm and clear" }, refund: { value: false } }, revision: 1 }),
  );

  await loginAs(page, { email: draft.lead.email, password: TEST_PASSWORD, name: draft.lead.name });
  const widths: Record<string, number> = {};
  for (const path of ["/assignments", "/import", `/evaluations/${submitted}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  // The import page writes the start time in the app's date format (issue 11 point 9), not the browser's.
  await page.goto("/import");
  await expect(page.getByLabel("Started at")).toHaveValue(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);

  // The navigation: one row with a Menu button; the links show when it is opened, from the keyboard.
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Assignments" })).toBeHidden();
  const topbar = await page.locator(".topbar").boundingBox();
  expect(topbar?.height).toBeLessThanOrEqual(64);
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Assignments" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "Assignments" }).click();
  await expect(page).toHaveURL(/\/assignments$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  await page.context().clearCookies();
  await loginAs(page, { email: draft.qa.email, password: TEST_PASSWORD, name: draft.qa.name });
  for (const path of ["/queue", `/review/${draft.evaluationId}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await expect(page.locator(".scorecard-panel")).toHaveAttribute("aria-busy", "false");

  expect(widths).toEqual({
    "/assignments": WIDTH,
    "/import": WIDTH,
    [`/evaluations/${submitted}`]: WIDTH,
    "/queue": WIDTH,
    [`/review/${draft.evaluationId}`]: WIDTH,
  });
});

test("at 390 px the agent's home, My feedback, a released evaluation with its acknowledgement form, and the lead's acknowledgements fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Narrow feedback ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Narrow-Feedback ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
  const scorecard = await seedScorecard({
    name: `A long scorecard name for a phone ${suffix}`,
    definition: reviewDefinition,
    acknowledgement: { mode: "required", days: 2 },
  });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update");
  const evaluation = await seedEvaluation({
    reviewer: qa,
    interactionId: chat.id,
    scorecardId: scorecard.id,
    answers: { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "next" } },
  });

  await loginAs(page, agent);
  const widths: Record<string, number> = {};
  for (const path of ["/", "/feedback", `/evaluations/${evaluation.id}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await page.goto(`/evaluations/${evaluation.id}`);
  await expect(page.getByRole("form", { name: "Acknowledge this evaluation" })).toBeVisible();
  await page.goto("/feedback");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.context().clearCookies();
  await loginAs(page, lead);
  await page.goto("/acknowledgements");
  await waitForHydration(page);
  widths["/acknowledgements"] = await pageWidth(page);
  expect(widths).toEqual({ "/": WIDTH, "/feedback": WIDTH, [`/evaluations/${evaluation.id}`]: WIDTH, "/acknowledgements": WIDTH });
});

test("at 390 px the team coaching page, a new plan, a plan and My coaching fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Narrow coaching ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Narrow-Coaching ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Narrow-Coach ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const scorecard = await seedScorecard({ name: `A long scorecard name for coaching on a phone ${suffix}`, definition: reviewDefinition });
  // A second one, so the new plan page offers a choice of scorecards, with a name too long for the screen.
  await seedScorecard({ name: `Another scorecard whose name is far too long to fit on a phone screen ${suffix}`, definition: reviewDefinition });
  const chat = await seedConversation(agent.id, "chat-tech-outage-update");
  const evaluation = await seedEvaluation({
    reviewer: qa,
    interactionId: chat.id,
    scorecardId: scorecard.id,
    answers: { greeting: { value: false }, identity: { value: true }, discovery: { value: 2 }, outcome: { value: "next" } },
  });
  const plan = await longTitledPlan(supervisor, agent.id, scorecard.id, new Date());
  await addEvidence(db(), supervisor, plan.id, { evaluationId: evaluation.id, kind: "opportunity", note: "Greet before anything else, even on a busy day" }, new Date());

  const widths: Record<string, number> = {};
  await loginAs(page, supervisor);
  for (const path of ["/coaching", `/coaching/plans/new?agent=${agent.id}`, `/coaching/plans/${plan.id}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await page.context().clearCookies();
  await loginAs(page, agent);
  await page.goto("/my/coaching");
  await waitForHydration(page);
  widths["/my/coaching"] = await pageWidth(page);
  expect(widths).toEqual({ "/coaching": WIDTH, [`/coaching/plans/new?agent=${agent.id}`]: WIDTH, [`/coaching/plans/${plan.id}`]: WIDTH, "/my/coaching": WIDTH });
});

test("at 390 px the Criteria and Reviewers reports and a QA specialist's home fit the screen (their tables scroll inside)", async ({ page }) => {
  test.setTimeout(90_000);
  const w = await criteriaWorld("2026-11");
  const filters = `period=month&from=2026-11-01&to=2026-11-30&scorecard=${w.support.id}`;
  await page.setViewportSize({ width: WIDTH, height: 844 });
  await loginAs(page, w.lena);
  const widths: Record<string, number> = {};
  for (const path of [`/reports/criteria?${filters}`, `/reports/reviewers?${filters}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await page.context().clearCookies();
  await loginAs(page, w.quinn);
  await page.goto("/");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Your queue" })).toBeVisible();
  widths["/"] = await pageWidth(page);
  expect(widths).toEqual({ [`/reports/criteria?${filters}`]: WIDTH, [`/reports/reviewers?${filters}`]: WIDTH, "/": WIDTH });
});

test("at 390 px the Team report and an agent's card fit the screen (the team table scrolls inside)", async ({ page }) => {
  test.setTimeout(90_000);
  const w = await teamReportWorld();
  const filters = "period=week&from=2026-11-01&to=2026-11-30";
  await page.setViewportSize({ width: WIDTH, height: 844 });
  await loginAs(page, { ...w.supervisorA, password: TEST_PASSWORD });
  const paths = [`/reports/team?${filters}`, `/reports/agents/${w.a1.id}?${filters}`];
  const widths: Record<string, number> = {};
  for (const path of paths) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await expect(page.getByRole("heading", { name: w.a1.name, level: 2 })).toBeVisible();
  expect(widths).toEqual({ [paths[0] as string]: WIDTH, [paths[1] as string]: WIDTH });
});

test("at 390 px the quality overview, its drill-down and the lead's home fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Narrow reports with a long team name ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Narrow-Reports ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Narrow-Reports ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
  const scorecard = await seedScorecard({ name: `A long scorecard name for reports on a phone ${suffix}`, definition: reviewDefinition });
  // Two days ago: inside the overview's default range (the last 12 weeks).
  const chat = await seedConversation(agent.id, "chat-tech-outage-update", { startedAt: new Date(Date.now() - 2 * 86_400_000) });
  await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: scorecard.id, answers: { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "next" } } });

  const widths: Record<string, number> = {};
  await loginAs(page, supervisor);
  for (const path of ["/reports", "/reports?group=scorecard&period=month", "/reports/evaluations"]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await expect(page.getByTestId("drill-down-total")).toHaveText("1 evaluation");
  await page.context().clearCookies();
  await loginAs(page, lead);
  await page.goto("/");
  await waitForHydration(page);
  widths["/ (lead)"] = await pageWidth(page);
  expect(widths).toEqual({ "/reports": WIDTH, "/reports?group=scorecard&period=month": WIDTH, "/reports/evaluations": WIDTH, "/ (lead)": WIDTH });
});

test("at 390 px a session page as the coach (agenda, both note editors, action items) and the standalone scheduling page fit the screen", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 844 });
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Narrow sessions ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Dana Narrow-Session ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Narrow-Session ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const scorecard = await seedScorecard({ name: `A long scorecard name for sessions on a phone ${suffix}`, definition: reviewDefinition });
  // A failed review a week ago: the agenda lists it among the low evaluations.
  const chat = await seedConversation(agent.id, "chat-tech-outage-update", { startedAt: new Date(Date.now() - 7 * 86_400_000) });
  await seedEvaluation({ reviewer: qa, interactionId: chat.id, scorecardId: scorecard.id, answers: { greeting: { value: false }, identity: { value: true }, discovery: { value: 1 }, outcome: { value: "next" } } });
  const now = new Date();
  const plan = await longTitledPlan(supervisor, agent.id, scorecard.id, now);
  const session = await scheduleCoachingSession(db(), supervisor, { agentId: agent.id, planId: plan.id, date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), time: "10:00", durationMinutes: 45 }, now);
  await editSessionAgenda(db(), supervisor, session.id, { op: "add", text: "Walk through the busiest morning of the week and how the greeting went on each call" }, now);
  await addActionItem(db(), supervisor, session.id, { text: "Listen back to three calls from Monday morning and note every greeting", owner: "agent", dueOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) }, now);
  const body = feedbackDocumentSchema.parse({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "We agreed on a greeting that names the customer before anything else." }] }] });
  await saveSessionNote(db(), supervisor, session.id, { visibility: "shared", body, baseRevision: 0 }, now);

  const widths: Record<string, number> = {};
  await loginAs(page, supervisor);
  for (const path of [`/coaching/sessions/${session.id}`, `/coaching/sessions/new?agent=${agent.id}`]) {
    await page.goto(path);
    await waitForHydration(page);
    widths[path] = await pageWidth(page);
  }
  await page.goto(`/coaching/sessions/${session.id}`);
  await expect(page.getByRole("heading", { name: "Agenda", level: 2 })).toBeVisible();
  await expect(page.getByText("Walk through the busiest morning of the week and how the greeting went on each call")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shared with the agent" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Private coach notes" })).toBeVisible();
  await expect(page.getByText("Listen back to three calls from Monday morning and note every greeting")).toBeVisible();
  expect(widths).toEqual({ [`/coaching/sessions/${session.id}`]: WIDTH, [`/coaching/sessions/new?agent=${agent.id}`]: WIDTH });
});
