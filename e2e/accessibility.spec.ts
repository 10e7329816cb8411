import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, loginAs, test } from "./fixtures";

/** Serious and critical WCAG 2 A/AA violations on the page, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} — ${violation.help} (${violation.helpUrl})\n` +
        violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("\n"),
    );
}

test.describe("accessibility (axe, WCAG 2 A/AA)", () => {
  test("the login page", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in to Parley" })).toBeVisible();
    const violations = await seriousViolations(page);
    expect(violations, violations.join("\n")).toEqual([]);
  });

  test("the login page showing errors", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#email-error")).toBeVisible();
    const violations = await seriousViolations(page);
    expect(violations, violations.join("\n")).toEqual([]);
  });

  for (const role of ["agent", "admin"] as const) {
    test(`the home page of an ${role}`, async ({ page }) => {
      await loginAs(page, role);
      await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
      const violations = await seriousViolations(page);
      expect(violations, violations.join("\n")).toEqual([]);
    });
  }
});
