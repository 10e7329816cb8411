import { expect, loginAs, mainNav, seedLogin, seriousViolations, test, uniqueSuffix, waitForHydration } from "./fixtures";

// Each test signs in as a QA lead it creates and builds a scorecard with a unique name.

test.describe("building a scorecard", () => {
  test("a QA lead builds, previews, saves and publishes a scorecard", async ({ page }) => {
    const name = `Billing calls ${uniqueSuffix()}`;
    await loginAs(page, await seedLogin("qa_lead"));
    await page.goto("/scorecards");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("When a QA lead releases it").check();
    await page.getByRole("button", { name: "Create scorecard" }).click();
    await expect(page).toHaveURL(/\/scorecards\/[0-9a-f-]{36}\?done=created$/);
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await waitForHydration(page);

    // A second section with a critical yes/no question and a scale.
    await page.getByRole("button", { name: "Add section" }).click();
    const section = page.getByRole("region", { name: /^Section 2/ });
    await expect(section.getByLabel("Section title")).toBeFocused();
    await section.getByLabel("Section title").fill("Resolution");
    const critical = section.getByRole("group", { name: /^Question 2 / });
    await critical.getByLabel("Question text").fill("Verified the customer's identity");
    await critical.getByLabel("Critical").selectOption({ label: "Critical for the whole evaluation" });

    await section.getByLabel("New question's answer type").selectOption({ label: "Scale" });
    await section.getByRole("button", { name: "Add question to section 2" }).click();
    const scale = section.getByRole("group", { name: /^Question 3 · Scale/ });
    await expect(scale.getByLabel("Question text")).toBeFocused();
    await scale.getByLabel("Question text").fill("Understood the issue");
    await scale.getByLabel("Label of the lowest point").fill("Missed it");
    await scale.getByLabel("Label of the highest point").fill("Fully");
    await expect(page.getByText("Unsaved changes")).toBeVisible();

    // The preview scores live as it is answered.
    const preview = page.getByRole("region", { name: "Preview" });
    const score = preview.getByRole("status");
    await expect(score).toContainText("No score yet");
    await preview.getByRole("group", { name: /^Greeted the customer/ }).getByLabel("Yes").check();
    await expect(score).toContainText("100.0");
    const identity = preview.getByRole("group", { name: /^Verified the customer's identity/ });
    await identity.getByLabel("No").check();
    await expect(score).toContainText("0.0");
    await expect(score).toContainText("auto-failed");
    await identity.getByLabel("Yes").check();
    await preview.getByRole("group", { name: /^Understood the issue/ }).getByRole("radio", { name: "3" }).check();
    // Opening 100; Resolution (1×1 + 1×0.5) / 2 = 75; overall (100 + 75) / 2.
    await expect(score).toContainText("87.5");
    await expect(score).toContainText("Pass (pass mark 80)");
    await preview.getByRole("button", { name: "Explain this score" }).click();
    await expect(preview.getByText("Resolution: (1×1 + 1×0.5) / (1 + 1) = 0.75 → 75.0")).toBeVisible();
    const builderViolations = await seriousViolations(page);
    expect(builderViolations, builderViolations.join("\n")).toEqual([]);

    // Leaving with unsaved edits asks first; staying keeps them.
    await mainNav(page).getByRole("link", { name: "Scorecards" }).click();
    const leave = page.getByRole("dialog", { name: "Leave without saving?" });
    await expect(leave).toBeVisible();
    await leave.getByRole("button", { name: "Stay and keep editing" }).click();
    await expect(leave).toBeHidden();
    await expect(section.getByLabel("Section title")).toHaveValue("Resolution");

    // Publishing is refused until the edits are saved.
    await page.getByRole("button", { name: "Publish…" }).click();
    await expect(page.getByText("Save your changes first")).toBeVisible();
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Publish…" }).click();
    const confirm = page.getByRole("dialog", { name: "Publish version 1?" });
    await expect(confirm).toContainText("can never be edited again");
    await confirm.getByRole("button", { name: "Publish version 1" }).click();
    await expect(page).toHaveURL(/\?done=published$/);
    await expect(page.getByRole("heading", { name: "Version 1 (published, read-only)" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit (new draft)" })).toBeVisible();
    const publishedViolations = await seriousViolations(page);
    expect(publishedViolations, publishedViolations.join("\n")).toEqual([]);

    await page.goto("/scorecards");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
    await expect(row).toContainText("Version 1");
    await expect(row).toContainText("None");
    await expect(row).toContainText("When a QA lead releases it");
  });

  test("a refused save points at the field and keeps the edits; removals can be undone", async ({ page }) => {
    await loginAs(page, await seedLogin("qa_lead"));
    await page.goto("/scorecards");
    await page.getByLabel("Name", { exact: true }).fill(`Chat review ${uniqueSuffix()}`);
    await page.getByRole("button", { name: "Create scorecard" }).click();
    await expect(page).toHaveURL(/\?done=created$/);
    await waitForHydration(page);

    const section = page.getByRole("region", { name: /^Section 1/ });
    await section.getByLabel("New question's answer type").selectOption({ label: "Yes / no" });
    await section.getByRole("button", { name: "Add question to section 1" }).click();
    const second = section.getByRole("group", { name: /^Question 2 / });
    await second.getByLabel("Question text").fill("Offered more help");
    // Shown only when the first question is answered no.
    await second.getByLabel("Only when an earlier answer matches").check();
    await expect(second.getByLabel("Earlier question")).toHaveValue(/.+/);
    await second.getByRole("checkbox", { name: "Yes", exact: true }).uncheck();
    await second.getByRole("checkbox", { name: "No", exact: true }).check();
    const first = section.getByRole("group", { name: /^Question 1 / });
    await first.getByLabel("Question text").fill("");

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "The draft was not saved" })).toBeVisible();
    const prompt = first.getByLabel("Question text");
    await expect(prompt).toHaveAttribute("aria-invalid", "true");
    await expect(first.getByText("Question is required")).toBeVisible();
    await page.getByRole("link", { name: "Section 1 › question 1: Question is required" }).click();
    await expect(prompt).toBeFocused();
    await expect(second.getByLabel("Question text")).toHaveValue("Offered more help");
    await prompt.fill("Greeted the customer by name");
    await expect(prompt).not.toHaveAttribute("aria-invalid", "true");

    // Removing the first question releases the condition on it; Undo brings both back.
    await first.getByRole("button", { name: "Remove question" }).click();
    await expect(page.getByText(/Removed question 1 .* 1 question that depended on it is now always shown/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
    await page.getByRole("button", { name: "Undo" }).click();
    await expect(first.getByLabel("Question text")).toHaveValue("Greeted the customer by name");
    await expect(second.getByLabel("Only when an earlier answer matches")).toBeChecked();

    // Moving keeps focus on the moved question's button.
    await second.getByRole("button", { name: "Move up" }).click();
    await expect(section.getByRole("group", { name: /^Question 1 / }).getByRole("button", { name: "Move down" })).toBeFocused();
    await section.getByRole("group", { name: /^Question 1 / }).getByRole("button", { name: "Move down" }).click();

    // The network fails during a save: the message shows, and the edits stay.
    const saves = /\/scorecards\/[0-9a-f-]{36}\.data/;
    await page.route(saves, (route) => (route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback()));
    await page.keyboard.press("Control+s");
    await expect(page.getByRole("alert").filter({ hasText: "did not go through" })).toBeVisible();
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await expect(section.getByRole("group", { name: /^Question 2 / }).getByLabel("Question text")).toHaveValue("Offered more help");
    await page.unroute(saves);

    await page.keyboard.press("Control+s");
    await expect(page.getByText("Draft saved", { exact: true })).toBeVisible();
    await page.reload();
    const preview = page.getByRole("region", { name: "Preview" });
    const offered = preview.getByRole("group", { name: /^Offered more help/ });
    await expect(offered).toBeHidden();
    await preview.getByRole("group", { name: /^Greeted the customer by name/ }).getByLabel("No").check();
    await expect(offered).toBeVisible();
  });
});
