/**
 * Criteria and Reviewers in Chromium (issue 14 §3), on the hand-computed world of
 * test/criteria-fixtures.ts made by this spec (November 2026, one Support and one Sales
 * scorecard): a QA lead opens Criteria filtered to Support, sees the figures worst first —
 * Outcome 60.0 with its failure rate 40.0% — drills from the weakest criterion's failures to the
 * two evaluations behind them, and opens Reviewers: Quinn lenient, Rita strict.
 */
import { criteriaWorld } from "../test/criteria-fixtures";
import { expect, loginAs, test, waitForHydration } from "./fixtures";

test("a QA lead reads the criteria worst first, drills into the weakest, and compares reviewers", async ({ page }) => {
  test.setTimeout(120_000);
  const w = await criteriaWorld("2026-11");
  const filters = `period=month&from=2026-11-01&to=2026-11-30&scorecard=${w.support.id}`;
  await loginAs(page, w.lena);
  await page.goto(`/reports/criteria?${filters}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Criteria", level: 2 })).toBeVisible();
  const table = page.getByRole("table", { name: /^Criteria, worst first/ });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.locator("th")).toHaveText(["Outcome", "Understood the issue", "Greeted the customer", "Verified identity"]);
  // Outcome: mean 60.0 (interval −8.0 to 128.0, not clipped), failing 2 of 5 = 40.0% (11.8%–76.9%), n 5; its
  // conversations have no CSAT answers, so the CSAT difference columns are empty.
  await expect(rows.first().locator("td")).toHaveText([/Mean by month/, w.support.name, "60.0", "-8.0", "128.0", "40.0%", "11.8%", "76.9%", "0.0%", "0.0%", "43.4%", "5", "–", "–", "–", "–", "–"]);
  await expect(rows.nth(3).locator("td").nth(8)).toHaveText("20.0%");

  // The failures of the weakest criterion: E4 and E5, Rita's unresolved outcomes.
  await rows.first().getByRole("link", { name: "40.0%" }).click();
  await expect(page.getByRole("heading", { name: "Evaluations behind the figure" })).toBeVisible();
  await expect(page.getByTestId("drill-down-total")).toHaveText("2 evaluations");

  await page.goto(`/reports/reviewers?${filters}`);
  await waitForHydration(page);
  const peers = page.getByRole("table", { name: /mean against their peers/ });
  await expect(peers.locator("tbody tr")).toHaveCount(2);
  await expect(peers.locator("tbody tr").first()).toContainText("Lenient");
  await expect(peers.locator("tbody tr").nth(1)).toContainText("Strict");
  const output = page.getByRole("table", { name: /Reviewers' output/ });
  await expect(output.locator("tbody tr").first().locator("td")).toHaveText(["3", "0.1", "20.0", "96.9", "83.4", "110.3", "0", "–", "–", "–"]);
});
