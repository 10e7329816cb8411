import type { Page } from "@playwright/test";
import { demoEmail } from "../db/seed/demo-organisation";
import { expect, loginAs, test, uniqueSuffix, waitForHydration } from "./fixtures";

/** The number shown under a stat's label (a <dt>/<dd> pair). */
const stat = (page: Page, label: string) =>
  page.locator(".stat").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

/**
 * The rows of My queue that name `text`, over every page: the queue shows 25 a page and other
 * specs add work to it, so the rule's rows may be anywhere in it.
 */
async function queueRowsWith(page: Page, text: string): Promise<string[]> {
  const rows: string[] = [];
  let address: string | null = "/queue";
  while (address) {
    // A full load per page: what is counted is the page the server rendered for that address.
    await page.goto(address);
    await expect(page.getByRole("heading", { level: 1, name: "My queue" })).toBeVisible();
    rows.push(...(await page.getByRole("row").filter({ hasText: text }).allTextContents()));
    const next = page.getByRole("link", { name: "Next page" });
    const href = (await next.count()) > 0 ? await next.getAttribute("href") : null;
    address = href ? new URL(href, page.url()).toString() : null;
  }
  return rows;
}

test.describe("sampling", () => {
  test("a lead creates a rule, previews it and runs it; the reviewer finds the drawn chats in My queue; deleting the rule takes them out", async ({
    page,
    browser,
  }) => {
    const name = `Chat review ${uniqueSuffix()}`;
    await loginAs(page, "qa_lead");
    await page.goto("/sampling/new");
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("combobox", { name: "Scorecard" }).selectOption({ label: "Chat quality" });
    await page.getByRole("combobox", { name: "Window" }).selectOption({ label: "Last N days" });
    await page.getByLabel("Number of days").fill("60");
    await page.getByRole("group", { name: "Channels" }).getByLabel("Chats").check();
    await page.getByRole("combobox", { name: "Quota" }).selectOption({ label: "A number per agent" });
    await page.getByLabel("Conversations per agent").fill("1");
    // Rosa's queue: the review workspace tests work through Quinn's.
    await page.getByRole("group", { name: "Reviewers" }).getByLabel("Rosa Lindqvist").check();
    await page.getByLabel("Due in (hours)").fill("96");
    await page.getByRole("combobox", { name: "Schedule" }).selectOption({ label: "Manual: only when someone presses Run now" });

    // Preview: the demo's 16 chats belong to its 12 agents, one chat each is wanted. (Other
    // specs may have added a chat or an agent since, so the run is compared with the preview.
    // The review spec scores a chat with the same scorecard meanwhile, always one of an agent
    // with two, so the number drawn stays what the preview said.)
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("heading", { name: /preview/i })).toBeVisible();
    const matched = Number(await stat(page, "Matched").textContent());
    const wouldDraw = Number(await stat(page, "Would draw").textContent());
    expect(matched).toBeGreaterThanOrEqual(16);
    expect(wouldDraw).toBeGreaterThanOrEqual(12);
    await expect(page).toHaveURL("/sampling/new"); // nothing saved yet

    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/sampling\/[0-9a-f-]{36}\?done=created$/);
    const ruleId = /\/sampling\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
    await expect(stat(page, "Matched")).toHaveText(String(matched));
    await expect(stat(page, "Drawn")).toHaveText(String(wouldDraw));
    await expect(stat(page, "Assigned")).toHaveText(String(wouldDraw));

    // Running the same period again draws nothing new.
    await page.goBack();
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
    await expect(stat(page, "Drawn")).toHaveText("0");

    const reviewer = await browser.newContext();
    const queue = await reviewer.newPage();
    await loginAs(queue, demoEmail("rosa.lindqvist"));
    const drawn = await queueRowsWith(queue, name);
    expect(drawn).toHaveLength(wouldDraw);
    for (const row of drawn) expect(row).toContain("Chat quality");

    // Deleting the rule: the dialog says what will happen, with counts; Cancel keeps the rule.
    await page.goto(`/sampling/${ruleId}`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Delete rule…" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${name}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`${wouldDraw} open assignments nobody has started are cancelled`);
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(dialog).toBeHidden();

    // Without JavaScript the same link leads to the confirmation page, whose form deletes.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const lead = await plain.newPage();
    await loginAs(lead, "qa_lead");
    await lead.goto(`/sampling/${ruleId}`);
    await lead.getByRole("link", { name: "Delete rule…" }).click();
    await expect(lead).toHaveURL(`/sampling/${ruleId}/delete`);
    await expect(lead.getByRole("heading", { level: 1, name: `Delete “${name}”?` })).toBeVisible();
    await lead.getByRole("button", { name: `Delete rule and cancel ${wouldDraw} assignments` }).click();
    await expect(lead).toHaveURL(/\/sampling\?deleted=1&/);
    await expect(lead.getByText(`${wouldDraw} open assignments nobody had started were cancelled.`)).toBeVisible();
    await plain.close();

    // The cancelled work has left the reviewer's queue.
    expect(await queueRowsWith(queue, name)).toHaveLength(0);
    await reviewer.close();
  });
});
