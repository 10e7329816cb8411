/**
 * The team page in Chromium (issue 14 §3), on the hand-computed world of
 * test/team-report-fixtures.ts made by this spec (November 2026; its header has every figure):
 * a supervisor opens their team, reads each agent's score with its exact 95% interval and rank
 * range, drills from an agent's weakest criterion to exactly the evaluations behind it, opens
 * the agent's card, and downloads the CSV, which holds the same numbers and no other team. The
 * customer's columns (CSAT with its responses, handling time) follow each agent's quality; the
 * coaching column shows Di's active plan and overdue action item; Ada's card starts a plan.
 */
import { readFile } from "node:fs/promises";
import { db } from "../app/lib/db.server";
import { createCoachingPlan } from "../app/modules/coaching/create-plan.server";
import { scheduleCoachingSession } from "../app/modules/coaching/schedule-session.server";
import { scorecardCriteria } from "../app/modules/coaching/scorecard-criteria.server";
import { addActionItem } from "../app/modules/coaching/session-actions.server";
import { TEST_PASSWORD } from "../test/factories";
import { teamReportWorld } from "../test/team-report-fixtures";
import { expect, loginAs, test, uniqueSuffix, waitForHydration } from "./fixtures";

test("a supervisor reads their team's intervals and rank ranges, drills into a weakest criterion and exports the same numbers", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const name = (who: string) => `${who} ${suffix}`;
  const w = await teamReportWorld({
    a1: name("Ada"),
    a2: name("Ben"),
    a3: name("Cy"),
    a4: name("Di"),
    b1: name("Bea"),
    supervisorA: name("Sue"),
    teamA: name("Team Harbour"),
    teamB: name("Team Ridge"),
  });
  // Di is being coached, with one action item overdue.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const [criterion] = (await scorecardCriteria(db(), w.scorecard.id))?.criteria ?? [];
  const plan = await createCoachingPlan(
    db(),
    w.supervisorA,
    { agentId: w.a4.id, scorecardId: w.scorecard.id, title: "Ask before solving", dueOn: day(30), criteria: [{ questionKey: criterion?.questionKey ?? "", target: 80 }] },
    new Date(),
  );
  const session = await scheduleCoachingSession(db(), w.supervisorA, { agentId: w.a4.id, planId: plan.id, date: day(-5), time: "10:00", durationMinutes: 30 }, new Date());
  await addActionItem(db(), w.supervisorA, session.id, { text: "Ask two questions first", owner: "agent", dueOn: day(-2) }, new Date());

  await loginAs(page, { ...w.supervisorA, password: TEST_PASSWORD });
  await page.goto("/reports/team?period=week&from=2026-11-01&to=2026-11-30");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Team", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: name("Team Harbour"), level: 3 })).toBeVisible();
  // Team A: 64.69 ± 22.2808 over 10 evaluations, 4 of them passed.
  await expect(page.locator(".team-headline")).toContainText("Quality score 64.7 (95% interval 42.4 to 87.0), n 10, pass rate 40.0%, 2026-11-01 to 2026-11-30.");
  // Beside it the customer's side: 7 CSAT responses over 10 conversations (a CSAT response is a conversation's, not an evaluation's).
  await expect(page.locator(".team-headline")).toContainText(
    "Mean CSAT 64.3% (95% interval 26.9% to 101.7%) of the scale, from 7 CSAT responses; mean handling time 198.0 s (95% interval 74.8 s to 321.2 s) over 10 conversations.",
  );

  const table = page.getByRole("table", { name: /^Agents of / });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.locator("th")).toHaveText([name("Ada"), name("Cy"), name("Ben"), name("Di")]);
  // (Scores are stored to one place: a2 weeks (71.9 + 50) / 2 = 60.95 → 61.0.)
  // n, score, 95% low and high, the sparkline's weekly means (as said to a screen reader), pass rate, rank range, more reviews, weakest, next weakest,
  // conversations, CSAT responses, mean CSAT with its interval, mean handling time with its interval, coaching.
  await expect(rows.nth(0).locator("td")).toHaveText(["3", "95.8", "77.9", "113.8", "Quality score by week: 100.0, 87.5", "100.0%", "1–2", "8", "Greeted the customer: 66.7 vs team 80.0 (n 3)", "–", ...["3", "2", "87.5", "-71.3", "246.3", "180.0", "31.0", "329.0"], "No active plan"]);
  await expect(rows.nth(1).locator("td")).toHaveText(["1", "90.6", "–", "–", "Quality score by week: 90.6", "100.0%", "Unranked", "–", "–", "–", ...["1", "0", "–", "–", "–", "60.0", "–", "–"], "No active plan"]);
  await expect(rows.nth(2).locator("td")).toHaveText(["3", "64.6", "33.2", "96.0", "Quality score by week: 61.0, 71.9", "0.0%", "1–2", "25", "Greeted the customer: 66.7 vs team 80.0 (n 3)", "Outcome: 50.0 vs team 55.0 (n 3)", ...["3", "3", "25.0", "-37.1", "87.1", "400.0", "-30.3", "830.3"], "No active plan"]);
  await expect(rows.nth(3).locator("td")).toHaveText(["3", "25.0", "25.0", "25.0", "Quality score by week: 25.0, 25.0", "0.0%", "3", "0", "Understood the issue: 0.0 vs team 57.5 (n 3)", "Outcome: 0.0 vs team 55.0 (n 3)", ...["3", "2", "100.0", "100.0", "100.0", "60.0", "60.0", "60.0"], "Ask before solving1 overdue action item"]);
  await expect(table).not.toContainText(name("Bea"));

  // The CSV: the same numbers, the same rows, nothing of team B.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Download CSV/ }).click()]);
  const csv = (await readFile((await download.path()) ?? "", "utf8")).trim().split("\r\n");
  expect(csv).toEqual([
    "Agent,n,Quality score,Score 95% low,Score 95% high,Pass rate,Rank range,More reviews for ±5 points,Weakest criterion,Next weakest," +
      "Conversations,CSAT responses,Mean CSAT (% of scale),CSAT 95% low,CSAT 95% high,Mean handling time (s),Handling 95% low (s),Handling 95% high (s)",
    `${name("Ada")},3,95.8,77.9,113.8,100,1–2,8,Greeted the customer: 66.7 vs team 80.0 (n 3),,3,2,87.5,-71.3,246.3,180,31,329`,
    `${name("Cy")},1,90.6,,,100,Unranked,,,,1,0,,,,60,,`,
    `${name("Ben")},3,64.6,33.2,96,0,1–2,25,Greeted the customer: 66.7 vs team 80.0 (n 3),Outcome: 50.0 vs team 55.0 (n 3),3,3,25,-37.1,87.1,400,-30.3,830.3`,
    `${name("Di")},3,25,25,25,0,3,0,Understood the issue: 0.0 vs team 57.5 (n 3),Outcome: 0.0 vs team 55.0 (n 3),3,2,100,100,100,60,60,60`,
  ]);

  // Di's weakest criterion: the 3 evaluations with "Understood the issue" answered.
  await rows.nth(3).getByRole("link", { name: /^Understood the issue/ }).click();
  await expect(page.getByRole("heading", { name: "Evaluations behind the figure" })).toBeVisible();
  await expect(page.getByTestId("drill-down-total")).toHaveText("3 evaluations");
  const drilled = page.getByRole("table", { name: /Evaluations behind the figure/ }).locator("tbody tr");
  await expect(drilled).toHaveCount(3);
  for (const row of await drilled.all()) await expect(row).toContainText(name("Di"));

  // Ada's card from her name: 3 evaluations, the same interval.
  await page.goBack();
  await waitForHydration(page);
  await page.getByRole("link", { name: name("Ada"), exact: true }).click();
  await expect(page.getByRole("heading", { name: name("Ada"), level: 2 })).toBeVisible();
  await expect(page.locator(".report-figures")).toContainText("95% interval 77.9 to 113.8, n 3");
  // Her CSAT and handling time beside the team's.
  await expect(page.locator(".report-figures")).toContainText("95% interval -71.3 to 246.3, 2 CSAT responses");
  await expect(page.locator(".report-figures")).toContainText("Team 64.3 (95% interval 26.9 to 101.7), n 7");
  await expect(page.locator(".report-figures")).toContainText("95% interval 31.0 to 329.0 s, 3 conversations");
  await expect(page.locator(".report-figures")).toContainText("Team 198.0 s (95% interval 74.8 s to 321.2 s), n 10");
  await page.getByRole("link", { name: /^Start a coaching plan/ }).click();
  await expect(page.getByRole("heading", { name: `New coaching plan for ${name("Ada")}` })).toBeVisible();
});

test("an agent's overview and card show their team's mean and customer figures beside their own, only from 5", async ({ page }) => {
  test.setTimeout(90_000);
  const suffix = uniqueSuffix();
  const w = await teamReportWorld({ a1: `Ada ${suffix}`, teamA: `Team Quay ${suffix}` });
  await loginAs(page, { ...w.a1, password: TEST_PASSWORD });
  // November by month: Ada's 2 released evaluations (93.8); team A's 5 released (66.88).
  await page.goto("/reports?period=month&from=2026-11-01&to=2026-11-30");
  await expect(page.locator(".report-team-mean")).toHaveText(`Your team Team Quay ${suffix}: mean 66.9 over these dates, from its released evaluations.`);
  const row = page.getByRole("table", { name: /^Quality by month/ }).locator("tbody tr");
  await expect(row).toHaveCount(1);
  // n, mean, its interval, pass, auto-fail, the team's mean, then the customer's columns (all 3 of Ada's conversations).
  await expect(row.locator("td")).toHaveText(["2026-11", "2", "93.8", "14.3", "173.2", "100.0%", "34.2%", "100.0%", "0.0%", "0.0%", "65.8%", "66.9", "3", "2", "87.5", "-71.3", "246.3", "180.0", "31.0", "329.0"]);
  // By week the team's 4 and 1 released evaluations are too few: the table says "–".
  await page.goto("/reports?period=week&from=2026-11-01&to=2026-11-30");
  await expect(page.getByRole("table", { name: /^Quality by week/ }).locator("tbody tr td:nth-child(13)")).toHaveText(["–", "–"]);

  // Her card: the team's CSAT (7 responses) and handling time (10 conversations) as means alone.
  await page.goto(`/reports/agents/${w.a1.id}?period=week&from=2026-11-01&to=2026-11-30`);
  await expect(page.locator(".report-figures")).toContainText("Team 64.3");
  await expect(page.locator(".report-figures")).toContainText("Team 198.0 s");
  await expect(page.locator(".report-figures")).not.toContainText("n 7");
});
