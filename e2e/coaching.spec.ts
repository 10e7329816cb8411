/**
 * Coaching (issue 15 §1, §3, §5) in Chromium: a supervisor starts a plan for an agent from the
 * team coaching page with the criterion the roll-ups suggest, attaches an annotated moment as
 * evidence, turns on follow-up sampling, schedules a session, adds an action item and marks the
 * session held; the agent finds the plan under My coaching, ticks the item, acknowledges the
 * session with a comment and the plan; a QA lead finds the follow-up rule under Sampling and
 * runs it: it draws 2 of the coached agent's conversations and none of the peer's.
 */
import { db } from "../app/lib/db.server";
import { insertInteractionRows, seedScorecard, seedTeam } from "../test/factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedEvaluation } from "../test/review-factories";
import { expect, expectNoSeriousViolations, loginAs, mainNav, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";

const DAY_MS = 86_400_000;

test("a supervisor starts a plan with the suggested criterion, attaches evidence and turns on follow-up; the agent acknowledges it", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Coached team ${suffix}`);
  const agent = await seedLogin("agent", [team.id], `Ana Coached ${suffix}`);
  const peer = await seedLogin("agent", [team.id], `Nick Peer ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Coach ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn ${suffix}`);
  const lead = await seedLogin("qa_lead", [], `Leah ${suffix}`);
  const scorecard = await seedScorecard({ name: `Coaching card ${suffix}`, definition: reviewDefinition });

  // Six reviews each over the last weeks: Ana never greets, Nick always does.
  const review = async (agentId: string, greeting: boolean, daysAgo: number, annotation?: string) => {
    const [id] = await insertInteractionRows([{ agentId, teamId: team.id, startedAt: new Date(Date.now() - daysAgo * DAY_MS), channel: "call" }]);
    await seedEvaluation({
      reviewer: qa,
      interactionId: id!,
      scorecardId: scorecard.id,
      answers: { greeting: { value: greeting }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "resolved" } },
      annotations: annotation ? [{ comment: annotation, startMs: 2000, endMs: 5000, sentiment: "negative" }] : [],
    });
  };
  // 15–20 days back: inside the 90-day baseline, and always before the previous week, which the
  // follow-up rule samples at the end (a review there would count towards its weekly quota).
  for (let day = 15; day < 21; day++) {
    await review(agent.id, false, day, day === 15 ? `Went straight to the account ${suffix}` : undefined);
    await review(peer.id, true, day);
  }

  await loginAs(page, supervisor);
  await mainNav(page).getByRole("link", { name: "Coaching" }).click();
  await expect(page.getByRole("heading", { name: "Coaching", level: 1 })).toBeVisible();
  await expect(page.getByText("No active coaching plans.")).toBeVisible();
  await expectNoSeriousViolations(page, "the team coaching page, empty");
  await page.getByLabel("Start a coaching plan for").selectOption({ label: agent.name });
  await page.getByRole("button", { name: "Start a plan" }).click();

  await expect(page.getByRole("heading", { name: `New coaching plan for ${agent.name}` })).toBeVisible();
  await expect(page.getByText(`Suggested: ${agent.name} 0 % against the team's 100 % over 6 evaluations (last 90 days)`)).toBeVisible();
  await expect(page.getByLabel("Focus on Greeted the customer")).toBeChecked();
  await expect(page.getByLabel("Focus on Understood the issue")).not.toBeChecked();
  await expect(page.getByLabel("Target for Greeted the customer, in %")).toHaveValue("100");
  await expectNoSeriousViolations(page, "the new plan page");
  await page.getByLabel("Title").fill(`Greet every caller ${suffix}`);
  await page.getByLabel("Target for Greeted the customer, in %").fill("90");
  const due = new Date(Date.now() + 30 * DAY_MS).toISOString().slice(0, 10);
  await page.getByLabel("Due date").fill(due);
  await page.getByRole("button", { name: "Start the plan" }).click();

  await expect(page.getByRole("status")).toHaveText("The plan is started. The agent has been told.");
  await expect(page.getByRole("heading", { name: `Greet every caller ${suffix}` })).toBeVisible();
  const greetingRow = page.getByRole("row", { name: /Greeted the customer/ });
  await expect(greetingRow.getByRole("cell").nth(0)).toContainText("0 % (95 % 0 % to 0 %), n = 6");
  await expect(greetingRow.getByRole("cell").nth(1)).toHaveText("90 %");
  await expect(greetingRow.getByRole("cell").nth(2)).toHaveText("Not enough evaluations yet (0 since the plan started; at least 5 needed).");

  const evidence = page.getByRole("form", { name: "Attach evidence" });
  const moment = await evidence.locator("option", { hasText: `Went straight to the account ${suffix}` }).getAttribute("value");
  await evidence.getByLabel("Evaluation or annotated moment").selectOption(moment ?? "");
  await evidence.getByLabel("An opportunity").check();
  await evidence.getByLabel("Note (optional)").fill("Greet first, then the account");
  await evidence.getByRole("button", { name: "Attach evidence" }).click();
  await expect(page.getByRole("status")).toHaveText("Evidence attached.");
  const item = page.locator(".coaching-evidence__item");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Opportunity");
  await expect(item).toContainText(`At 0:02–0:05: Went straight to the account ${suffix}`);
  await expect(item).toContainText("Greet first, then the account");

  await page.getByLabel(`Conversations of ${agent.name} to review per week, until the due date`).fill("2");
  await page.getByRole("button", { name: "Turn on follow-up sampling" }).click();
  await expect(page.getByRole("status")).toContainText("Follow-up sampling is on");
  await expect(page.getByText(`2 of ${agent.name}’s conversations a week are drawn for QA review`)).toBeVisible();
  // A session two weeks on at 10:00, an action item for the agent, then held.
  const sessionDay = new Date(Date.now() + 14 * DAY_MS).toISOString().slice(0, 10);
  const schedule = page.getByRole("form", { name: "Schedule a session" });
  await schedule.getByLabel("Date").fill(sessionDay);
  await schedule.getByLabel("Time").fill("10:00");
  await schedule.getByLabel("Length (minutes)").fill("45");
  await schedule.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("status")).toHaveText("Session scheduled. The agent has been told.");
  await page.getByRole("link", { name: /10:00, 45 minutes/ }).click();
  await expect(page.getByRole("heading", { name: `Coaching session with ${agent.name}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add to calendar (.ics)" })).toHaveAttribute("href", /\/coaching\/sessions\/.+\/calendar\.ics$/);
  await waitForHydration(page);
  // Notes autosave: shared and private, then a reload finds both.
  await page.getByRole("textbox", { name: "Shared with the agent" }).click();
  await page.keyboard.type(`Greet first ${suffix}`);
  await expect(page.getByTestId("note-shared-status")).toHaveText(/^Saved/);
  await page.getByRole("textbox", { name: "Private coach notes" }).click();
  await page.keyboard.type(`Seems nervous ${suffix}`);
  await expect(page.getByTestId("note-private-status")).toHaveText(/^Saved/);
  await page.getByRole("textbox", { name: "Action item", exact: true }).fill("Say your name and the company first");
  await page.getByRole("button", { name: "Add the action item" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Action item added.");
  await expect(page.getByRole("textbox", { name: "Shared with the agent" })).toHaveText(`Greet first ${suffix}`);
  await expect(page.getByRole("textbox", { name: "Private coach notes" })).toHaveText(`Seems nervous ${suffix}`);
  await page.getByRole("button", { name: "Mark held" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Session updated.");
  await expect(page.locator(".page-header .badge")).toHaveText("Held");
  await expectNoSeriousViolations(page, "the session page, as the coach");
  await page.getByRole("link", { name: `Greet every caller ${suffix}` }).click();
  await expectNoSeriousViolations(page, "the plan page with a held session");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Complete…" }).click();
  await expect(page.getByRole("dialog", { name: "Complete this plan?" })).toBeVisible();
  await expectNoSeriousViolations(page, "the plan page with the complete dialog open");
  await page.getByRole("button", { name: "Keep it open" }).first().click();
  await page.goto("/coaching");
  await expect(page.getByRole("link", { name: `Greet every caller ${suffix}` })).toBeVisible();
  const coached = page.getByRole("table", { name: "Criteria most coached and how their plans’ effects fell" });
  await expect(coached.getByRole("row", { name: /Greeted the customer/ }).getByRole("cell")).toHaveText(["1", "0", "0", "0", "1"]);
  await expectNoSeriousViolations(page, "the team coaching page with a plan");
  await signOut(page);

  await loginAs(page, agent);
  await mainNav(page).getByRole("link", { name: "My coaching" }).click();
  await expect(page.getByRole("status")).toHaveText("1 plan is waiting for your acknowledgement.");
  await expectNoSeriousViolations(page, "My coaching");
  await page.getByRole("link", { name: `Greet every caller ${suffix}` }).click();
  await expect(page.locator(".coaching-evidence__item")).toContainText(`Went straight to the account ${suffix}`);
  await expect(page.getByRole("form", { name: "Attach evidence" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Complete…" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Schedule a session" })).toHaveCount(0);
  await page.getByRole("link", { name: /10:00, 45 minutes/ }).click();
  await expect(page.getByText(`Greet first ${suffix}`)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(`Seems nervous ${suffix}`);
  await expect(page.getByRole("heading", { name: "Agenda" })).toHaveCount(0);
  await page.getByRole("button", { name: "Mark done: Say your name and the company first" }).click();
  await expect(page.getByRole("status")).toHaveText("Action item done.");
  await expect(page.getByRole("list", { name: "Action items" })).toContainText("✓ Say your name and the company first");
  await page.getByLabel("Comment (optional)").fill("Useful, I will try it");
  await page.getByRole("button", { name: "Acknowledge the session" }).click();
  await expect(page.getByRole("status")).toHaveText("Session acknowledged. Your coach has been told.");
  await expect(page.getByText(`${agent.name} acknowledged it on`)).toContainText("“Useful, I will try it”");
  await expect(page.locator("body")).not.toContainText(`Seems nervous ${suffix}`);
  await expectNoSeriousViolations(page, "the session page, as the agent");
  await page.getByRole("link", { name: `Greet every caller ${suffix}` }).click();
  await page.getByRole("button", { name: "Acknowledge the plan" }).click();
  await expect(page.getByRole("status")).toHaveText("Acknowledged. Your coach has been told.");
  await expect(page.getByText(`${agent.name} acknowledged this plan on`)).toBeVisible();
  await expectNoSeriousViolations(page, "the plan page, as the agent");
  await signOut(page);

  // The follow-up rule draws only the coached agent's conversations: three of Ana's and three of
  // Nick's, unreviewed, seven days back (always inside the previous week the rule samples);
  // 2 a week were asked for, so 2 of Ana's are drawn and none of Nick's.
  const lastWeek = new Date(Date.now() - 7 * DAY_MS);
  const unreviewed = await insertInteractionRows([
    ...[0, 1, 2].map(() => ({ agentId: agent.id, teamId: team.id, startedAt: lastWeek, channel: "call" as const })),
    ...[0, 1, 2].map(() => ({ agentId: peer.id, teamId: team.id, startedAt: lastWeek, channel: "call" as const })),
  ]);
  await loginAs(page, lead);
  await page.goto("/sampling");
  await page.getByRole("link", { name: new RegExp(`Coaching follow-up: ${agent.name}`) }).click();
  await waitForHydration(page);
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
  const runId = /\/sampling\/runs\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
  const drawn = await db().selectFrom("assignments").select("interaction_id").where("run_id", "=", runId).execute();
  expect(drawn).toHaveLength(2);
  for (const row of drawn) expect(unreviewed.slice(0, 3)).toContain(row.interaction_id);
});
