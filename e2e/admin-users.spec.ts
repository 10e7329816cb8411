import type { Page } from "@playwright/test";
import { seedTeam } from "../test/factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

// Each test signs in as an admin it creates and works on users and a team it creates
// (unique names and emails).

async function openAddUser(page: Page): Promise<void> {
  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Add user" }).click();
  await expect(page).toHaveURL("/admin/users/new");
  await expect(page.getByRole("heading", { level: 1, name: "Add user" })).toBeVisible();
}

async function fillUser(page: Page, user: { name: string; email: string; password: string; team?: string }) {
  await page.getByLabel("Full name").fill(user.name);
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Initial password").fill(user.password);
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "Agent" });
  if (user.team) await page.getByRole("combobox", { name: "Team" }).selectOption({ label: user.team });
}

async function createAgent(page: Page, name: string, email: string, team: string): Promise<void> {
  await openAddUser(page);
  await fillUser(page, { name, email, password: "a-long-enough-password", team });
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("status")).toHaveText("User created.");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("managing users", () => {
  test("an admin adds a user, who is listed and can sign in", async ({ page, browser }) => {
    const suffix = uniqueSuffix();
    const name = `Casey Newhire ${suffix}`;
    const email = `casey.${suffix}@example.test`;
    const team = await seedTeam(`Retention ${suffix}`);
    await loginAs(page, await seedLogin("admin"));
    await createAgent(page, name, email, team.name);
    await expect(page.getByText("Agent · Active")).toBeVisible();

    await page.goto(`/admin/users?q=${encodeURIComponent(suffix)}`);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText(email);
    await expect(row).toContainText(team.name);

    const newcomer = await browser.newContext();
    const newPage = await newcomer.newPage();
    await loginAs(newPage, { email, password: "a-long-enough-password", name });
    await expect(newPage.getByRole("heading", { level: 1, name: "Hello, Casey" })).toBeVisible();
    await newcomer.close();
  });

  test("a duplicate email shows a field error and keeps what was typed", async ({ page }) => {
    const name = `Dup Licate ${uniqueSuffix()}`;
    const existing = await seedLogin("agent");
    await loginAs(page, await seedLogin("admin"));
    await openAddUser(page);
    await fillUser(page, { name, email: existing.email.toUpperCase(), password: "a-long-enough-password" });
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator("#email-error")).toHaveText("Another user has this email");
    await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert")).toContainText("already in use");
    await expect(page).toHaveURL("/admin/users/new");
    await expect(page.getByLabel("Full name")).toHaveValue(name);
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(existing.email.toUpperCase());
  });

  test("missing fields are reported per field", async ({ page }) => {
    await loginAs(page, await seedLogin("admin"));
    await openAddUser(page);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.locator("#name-error")).toHaveText("Name is required");
    await expect(page.locator("#password-error")).toContainText("at least");
    await expect(page).toHaveURL("/admin/users/new");
  });

  test("deactivating asks for confirmation first", async ({ page, browser }) => {
    const suffix = uniqueSuffix();
    const name = `Riley Leaver ${suffix}`;
    const email = `riley.${suffix}@example.test`;
    const team = await seedTeam(`Leavers ${suffix}`);
    await loginAs(page, await seedLogin("admin"));
    await createAgent(page, name, email, team.name);
    await waitForHydration(page);

    const dialog = page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await page.getByRole("button", { name: "Deactivate…" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText("Agent · Active")).toBeVisible();

    await page.getByRole("button", { name: "Deactivate…" }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Deactivate", exact: true }).click();
    await expect(page).toHaveURL(/\?done=deactivated$/);
    await expect(page.getByRole("status")).toContainText("User deactivated");
    await expect(page.getByText("Agent · Deactivated")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reactivate" })).toBeVisible();

    // A deactivated user cannot sign in.
    const former = await browser.newContext();
    const formerPage = await former.newPage();
    await formerPage.goto("/login");
    await formerPage.getByLabel("Email", { exact: true }).fill(email);
    await formerPage.getByLabel("Password", { exact: true }).fill("a-long-enough-password");
    await formerPage.getByRole("button", { name: "Sign in" }).click();
    await expect(formerPage.getByRole("alert")).toContainText("do not match");
    await former.close();
  });

  test("an admin cannot deactivate their own account", async ({ page }) => {
    const admin = await seedLogin("admin");
    await loginAs(page, admin);
    await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
    await expect(page.getByRole("link", { name: admin.name })).toHaveCount(1);
    await page.getByRole("link", { name: admin.name }).click();
    await expect(page.getByRole("heading", { level: 1, name: admin.name })).toBeVisible();
    await expect(page.getByText("You cannot deactivate your own account.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate…" })).toHaveCount(0);
  });
});
