/**
 * The organisation settings page (issue 13 §10) in Chromium: an admin's refused save keeps
 * what was typed and names the field; a good save changes the settings (a holiday added, a
 * reason removed, self-evaluation on) and says how many changed; the page fits 390 px. The
 * settings are the whole run's: the spec puts them back when it ends.
 */
import { withOrganisationSettings } from "../test/organisation-factories";
import { db } from "../app/lib/db.server";
import { getOrganisationSettings } from "../app/modules/organisation/get-organisation-settings.server";
import { expect, loginAs, seedLogin, test, waitForHydration } from "./fixtures";

test("an admin corrects a refused value, adds a holiday, removes a reason and turns self-evaluation on", async ({ page }) => {
  await withOrganisationSettings({ self_evaluation_enabled: false, holidays: [] }, async () => {
    await loginAs(page, await seedLogin("admin"));
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
    await waitForHydration(page);

    await page.getByLabel("Days after release an agent may dispute").fill("0");
    await page.getByRole("button", { name: "Add holiday" }).click();
    await page.getByLabel("Holiday 1", { exact: true }).fill("2026-12-24");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
    await expect(page.getByText("At least 1 day.")).toBeVisible();
    // What was typed is still there.
    await expect(page.getByLabel("Holiday 1", { exact: true })).toHaveValue("2026-12-24");

    await page.getByLabel("Days after release an agent may dispute").fill("21");
    const reasons = await getOrganisationSettings(db());
    await page.getByRole("button", { name: `Remove reason ${reasons.disputeReasonCodes.length}` }).click();
    await page.getByLabel("Agents may self-evaluate their conversations").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Settings saved (4 changed).");
    await expect(page.getByLabel("Days after release an agent may dispute")).toHaveValue("21");

    const saved = await getOrganisationSettings(db());
    expect(saved).toMatchObject({ disputeWindowDays: 21, holidays: ["2026-12-24"], selfEvaluationEnabled: true, disputeReasonCodes: reasons.disputeReasonCodes.slice(0, -1) });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Organisation settings" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
