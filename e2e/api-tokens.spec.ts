import type { Page } from "@playwright/test";
import { insertInteractionRows } from "../test/factories";
import { expect, loginAs, seedLogin, seriousViolations, test, uniqueSuffix, waitForHydration } from "./fixtures";

// Works as a QA lead created here, so the token list starts empty whatever other specs
// (or a retry) did.

async function openTokens(page: Page) {
  await page.goto("/settings/api-tokens");
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await waitForHydration(page);
}

test.describe("API tokens", () => {
  test("a QA lead creates a token, sees it once, uses it, revokes it, and it stops working", async ({ browser, request }) => {
    // The whole life of a token, with three accessibility scans: longer than the default 30 s on a loaded machine.
    test.setTimeout(90_000);
    const lead = await seedLogin("qa_lead");
    // Six conversations at least, so that a page of five has a next one.
    const agent = await seedLogin("agent");
    await insertInteractionRows(Array.from({ length: 6 }, (_, index) => ({ agentId: agent.id, startedAt: new Date(Date.now() - index * 3_600_000) })));
    const context = await browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await loginAs(page, lead);
    await openTokens(page);
    await expect(page.getByText("No API tokens yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Create: the secret is shown once, with a warning and a copy button.
    const name = `CRM export ${uniqueSuffix()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create token" }).click();
    const created = page.getByRole("status").filter({ hasText: `Token “${name}” created` });
    await expect(created).toBeVisible();
    await expect(created).toContainText("this is the only time it is shown");
    const secretField = page.getByLabel("Your new API token");
    await expect(secretField).toHaveValue(/^prl_[A-Za-z0-9_-]{40}$/);
    const token = await secretField.inputValue();
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);

    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`${token.slice(0, 12)}…`);
    await expect(row).toContainText("Never");
    await expect(row).toContainText("Active");
    expect(await seriousViolations(page)).toEqual([]);

    // The token works against the API, as the lead (who sees every conversation).
    const listed = await request.get("/api/v1/interactions?limit=5", { headers: { Authorization: `Bearer ${token}` } });
    expect(listed.status()).toBe(200);
    const page1 = (await listed.json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(page1.items).toHaveLength(5);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const detail = await request.get(`/api/v1/interactions/${page1.items[0]?.id ?? ""}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(detail.status()).toBe(200);

    // Shown once: after a reload only the prefix is left, and the use is recorded.
    await page.reload();
    await expect(page.getByLabel("Your new API token")).toHaveCount(0);
    await expect(page.getByText(token)).toHaveCount(0);
    await expect(row).not.toContainText("Never");

    // Revoke, after a confirmation.
    await waitForHydration(page);
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByRole("status")).toHaveText(`Token “${name}” revoked. Requests that use it are refused from now on.`);
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const refused = await request.get("/api/v1/interactions", { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({
      error: { code: "unauthenticated", message: "That API token was revoked. Create a new one under Settings → API tokens." },
    });
    await context.close();
  });

  test("a token needs a name", async ({ page }) => {
    await loginAs(page, await seedLogin("qa_lead"));
    await openTokens(page);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.locator("#token-name-error")).toHaveText("Give the token a name, e.g. the system that will use it");
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  });

  test("an admin sees every token with its owner; a QA specialist sees only their own", async ({ page, browser }) => {
    const lead = await seedLogin("qa_lead");
    const leadContext = await browser.newContext();
    const leadPage = await leadContext.newPage();
    await loginAs(leadPage, lead);
    await openTokens(leadPage);
    const name = `Lead's token ${uniqueSuffix()}`;
    await leadPage.getByLabel("Name", { exact: true }).fill(name);
    await leadPage.getByRole("button", { name: "Create token" }).click();
    await expect(leadPage.getByLabel("Your new API token")).toBeVisible();
    await leadContext.close();

    await loginAs(page, await seedLogin("admin"));
    await openTokens(page);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`${lead.name} (${lead.email})`);
    await expect(page.getByRole("columnheader", { name: "Owner" })).toBeVisible();

    const qaContext = await browser.newContext();
    const qa = await qaContext.newPage();
    await loginAs(qa, await seedLogin("qa"));
    // Every role holds personal tokens (issue 13 §9); nobody but an admin sees another's.
    const response = await qa.goto("/settings/api-tokens");
    expect(response?.status()).toBe(200);
    await expect(qa.getByText("No API tokens yet.")).toBeVisible();
    await expect(qa.getByRole("row").filter({ hasText: name })).toHaveCount(0);
    await qaContext.close();
  });
});
