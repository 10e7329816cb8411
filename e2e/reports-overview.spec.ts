/**
 * The quality overview in Chromium (issue 14 §3): a supervisor of a team made here opens the
 * overview for two November weeks, sees the exact n, means and intervals (in the table and on
 * the chart), clicks a week's n to get exactly those evaluations, and downloads the CSV with
 * the same numbers. The data: 100 (3 Nov); 71.9, 90.6 (10–11 Nov); 100 (12 Nov) — test/evaluation-fixtures.ts.
 */
import { readFile } from "node:fs/promises";
import type { Answer } from "../app/modules/scorecards/scorecard-definition.schema";
import { correctedAnswers, failingAnswers, fullMarks, reviewDefinition } from "../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam } from "../test/factories";
import { seedEvaluation } from "../test/review-factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, test, uniqueSuffix } from "./fixtures";

test("a supervisor reads the overview's n and means, drills down to exactly those evaluations, and finds the same numbers in the CSV", async ({ page }) => {
  test.slow();
  const suffix = uniqueSuffix();
  const team = await seedTeam(`Reports team ${suffix}`);
  const a1 = await seedLogin("agent", [team.id], `Ada Reports ${suffix}`);
  const a2 = await seedLogin("agent", [team.id], `Ben Reports ${suffix}`);
  const supervisor = await seedLogin("supervisor", [team.id], `Sam Reports ${suffix}`);
  const qa = await seedLogin("qa", [], `Quinn Reports ${suffix}`);
  const scorecard = await seedScorecard({ name: `Report chats ${suffix}`, definition: reviewDefinition });
  const rows = [
    { agentId: a2.id, startedAt: new Date("2026-11-03T10:00:00Z"), answers: fullMarks },
    { agentId: a1.id, startedAt: new Date("2026-11-10T10:00:00Z"), answers: failingAnswers },
    { agentId: a1.id, startedAt: new Date("2026-11-11T10:00:00Z"), answers: correctedAnswers },
    { agentId: a2.id, startedAt: new Date("2026-11-12T10:00:00Z"), answers: fullMarks },
  ];
  const conversations = await insertInteractionRows(rows.map((row) => ({ agentId: row.agentId, teamId: team.id, startedAt: row.startedAt, channel: "chat" })));
  const evaluations: string[] = [];
  for (const [k, interactionId] of conversations.entries()) {
    const answers = rows[k]!.answers as Record<string, Answer>;
    evaluations.push((await seedEvaluation({ reviewer: qa, interactionId, scorecardId: scorecard.id, answers })).id);
  }

  await loginAs(page, supervisor);
  await page.goto("/reports?period=week&from=2026-11-02&to=2026-11-15");
  await expect(page.getByRole("heading", { name: "Quality overview" })).toBeVisible();
  await expect(page.getByText("4 evaluations, 2026-11-02 to 2026-11-15, by conversation date.")).toBeVisible();
  const table = page.getByRole("table", { name: /^Quality by week and team/ });
  const week = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Total" }) }).filter({ hasText: "2026-11-09" });
  // 71.9, 90.6, 100: mean 87.5, t interval 52.0 to 123.0; 2 of 3 pass (Wilson 20.8% to 93.9%).
  // Beside it the customer's side: 3 conversations, no CSAT answers, each 60 s long.
  await expect(week.getByRole("cell")).toHaveText(["2026-11-09", "3", "87.5", "52.0", "123.0", "66.7%", "20.8%", "93.9%", "0.0%", "0.0%", "56.1%", "3", "0", "–", "–", "–", "60.0", "60.0", "60.0"]);
  await expect(table.getByRole("row").filter({ hasText: "2026-11-02" }).first().getByRole("cell")).toHaveText([
    "2026-11-02",
    "1",
    "100.0",
    "–",
    "–",
    "100.0%",
    "20.7%",
    "100.0%",
    "0.0%",
    "0.0%",
    "79.3%",
    "1",
    "0",
    "–",
    "–",
    "–",
    "60.0",
    "–",
    "–",
  ]);
  // The chart says the same: n under each week, and each point's figure with its interval.
  const chart = page.getByRole("figure", { name: "Quality score by week" });
  await expect(chart.locator("text.chart__n")).toHaveText(["n 1", "n 3"]);
  await expect(chart.locator("circle title").nth(1)).toHaveText("All in view, 9 Nov: 87.5 (95% 52.0 to 123.0), n = 3");
  await expectNoSeriousViolations(page, "the quality overview");

  // The CSV holds the page's table.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download CSV/ }).click();
  const download = await downloading;
  const csv = (await readFile((await download.path()), "utf8")).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(download.suggestedFilename()).toBe("quality-overview-2026-11-02-2026-11-15.csv");
  expect(csv).toEqual([
    "Team,Week starting,n,Mean score,Score 95% low,Score 95% high,Pass rate,Pass 95% low,Pass 95% high,Auto-fail rate,Auto-fail 95% low,Auto-fail 95% high,Conversations,CSAT responses,Mean CSAT (% of scale),CSAT 95% low,CSAT 95% high,Mean handling time (s),Handling 95% low (s),Handling 95% high (s)",
    "Total,2026-11-02,1,100,,,100,20.7,100,0,0,79.3,1,0,,,,60,,",
    "Total,2026-11-09,3,87.5,52,123,66.7,20.8,93.9,0,0,56.1,3,0,,,,60,60,60",
    `${team.name},2026-11-02,1,100,,,100,20.7,100,0,0,79.3,1,0,,,,60,,`,
    `${team.name},2026-11-09,3,87.5,52,123,66.7,20.8,93.9,0,0,56.1,3,0,,,,60,60,60`,
  ]);

  // The week's n drills down to exactly its three evaluations.
  await week.getByRole("link", { name: "3", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Evaluations behind the figure" })).toBeVisible();
  await expect(page.getByTestId("drill-down-total")).toHaveText("3 evaluations");
  const links = page.getByRole("table", { name: /Evaluations behind the figure/ }).locator("tbody tr td:first-child a");
  await expect(links).toHaveCount(3);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
  expect(hrefs.sort()).toEqual(evaluations.slice(1).map((id) => `/evaluations/${id}`).sort());
  await expectNoSeriousViolations(page, "the drill-down");

  // Its pass rate drills down to the two passes.
  await page.goBack();
  await week.getByRole("link", { name: "66.7%" }).click();
  await expect(page.getByTestId("drill-down-total")).toHaveText("2 evaluations");
});
