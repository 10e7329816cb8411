import type { Page, Response } from "@playwright/test";
import { roles } from "../app/modules/users/roles";
import { expect, loginAs, roleLabel, seedLogin, signOut, submitLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

// The same default as server/config.ts; playwright.config.ts passes this value to the server.
const MAX_FAILURES = Number(process.env.LOGIN_MAX_FAILURES ?? 5);

/** The login form's POST as the browser sent it (a document POST, or `/login.data` once hydrated). */
function loginPost(page: Page): Promise<Response> {
  return page.waitForResponse(
    (response) => response.request().method() === "POST" && /^\/login(\.data)?$/.test(new URL(response.url()).pathname),
  );
}

/** Submits a login that should fail, from the hydrated page, so the page is not replaced under the next attempt. */
async function failLogin(page: Page, email: string, password: string): Promise<Response> {
  await waitForHydration(page);
  const [response] = await Promise.all([loginPost(page), submitLogin(page, email, password)]);
  return response;
}

test.describe("signing in", () => {
  for (const role of roles) {
    test(`${role} lands on the home page with their name and role`, async ({ page }) => {
      const user = await seedLogin(role, [], `Robin ${uniqueSuffix()}`);
      await loginAs(page, user);
      await expect(page).toHaveURL("/");
      await expect(page.getByRole("heading", { level: 1, name: "Hello, Robin" })).toBeVisible();
      await expect(page.getByText(`${roleLabel(role)} at `)).toBeVisible();
      await expect(page.locator(".usermenu__name")).toHaveText(user.name);
      await expect(page.locator(".usermenu__role")).toHaveText(roleLabel(role));
    });
  }

  test("a page behind sign-in comes back after signing in", async ({ page }) => {
    const qa = await seedLogin("qa");
    await page.goto("/interactions");
    await expect(page).toHaveURL("/login?redirectTo=%2Finteractions");
    await submitLogin(page, qa.email, qa.password);
    await expect(page).toHaveURL("/interactions");
    await expect(page.getByRole("heading", { level: 1, name: "Interactions" })).toBeVisible();
  });

  test("a wrong password is refused with 401 and keeps the email", async ({ page }) => {
    const agent = await seedLogin("agent");
    await page.goto("/login");
    const response = await failLogin(page, agent.email, "not-the-password");
    expect(response.status()).toBe(401);
    await expect(page.getByRole("alert")).toContainText("do not match");
    await expect(page).toHaveURL("/login");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(agent.email);
    await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  });

  test("the server answers a wrong password with 401", async ({ request }) => {
    const qa = await seedLogin("qa");
    const response = await request.post("/login", { form: { email: qa.email, password: "wrong-password" } });
    expect(response.status()).toBe(401);
    expect(await response.text()).toContain("do not match");
  });

  test("an email that is not an email gets a field error", async ({ page }) => {
    await page.goto("/login");
    const response = await failLogin(page, "not-an-email", "whatever");
    expect(response.status()).toBe(422);
    const email = page.getByLabel("Email", { exact: true });
    await expect(page.locator("#email-error")).toHaveText("Enter an email address like name@example.com");
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toHaveAttribute("aria-describedby", "email-error");
    await expect(page).toHaveURL("/login");
  });

  test(`after ${MAX_FAILURES} failures an account is locked out`, async ({ page }) => {
    // An address no account has: throttled exactly like a real one, and locks nobody out.
    const email = `locked-${uniqueSuffix()}@example.test`;
    await page.goto("/login");
    for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) {
      const response = await failLogin(page, email, `wrong-${attempt}`);
      expect(response.status(), `attempt ${attempt}`).toBe(401);
      await expect(page.getByRole("alert")).toContainText("do not match");
    }
    const response = await failLogin(page, email, "wrong-again");
    expect(response.status()).toBe(429);
    // Seconds until the next attempt is allowed: at most the lock-out (15 minutes by default).
    const retryAfter = Number(response.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    await expect(page.getByRole("alert")).toContainText("Too many failed sign-in attempts. Try again in 15 minutes.");
    await expect(page).toHaveURL("/login");
    // A plain form post (no JavaScript) is told the same.
    const documentPost = await page.request.post("/login", { form: { email, password: "wrong-again" } });
    expect(documentPost.status()).toBe(429);
    expect(Number(documentPost.headers()["retry-after"])).toBeGreaterThan(0);
  });
});

test.describe("signing out", () => {
  test("returns to the login page and ends the session", async ({ page }) => {
    await loginAs(page, await seedLogin("agent"));
    await signOut(page);
    await expect(page.getByRole("heading", { name: "Sign in to Parley" })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL("/login");
    await page.goto("/interactions");
    await expect(page).toHaveURL("/login?redirectTo=%2Finteractions");
  });
});

test.describe("cross-site requests", () => {
  test("a POST from another origin is refused", async ({ request }) => {
    const response = await request.post("/logout", { headers: { Origin: "https://evil.example" } });
    expect(response.status()).toBe(403);
  });

  test("a POST marked cross-site by the browser is refused", async ({ request }) => {
    const admin = await seedLogin("admin");
    const response = await request.post("/login", {
      headers: { "Sec-Fetch-Site": "cross-site" },
      form: { email: admin.email, password: admin.password },
    });
    expect(response.status()).toBe(403);
  });

  test("a signed-in form post without the CSRF token is refused", async ({ page }) => {
    await loginAs(page, await seedLogin("agent"));
    const response = await page.request.post("/logout", { form: { _csrf: "forged" }, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    // The session survived the forged sign-out.
    await page.reload();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("signing out with a stale form token shows an error and keeps the session", async ({ page }) => {
    await loginAs(page, await seedLogin("agent"));
    await waitForHydration(page);
    await page.locator('form[action="/logout"] input[name="_csrf"]').evaluate((input: HTMLInputElement) => {
      input.value = "stale";
    });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "You do not have access" })).toBeVisible();
    await expect(page.getByText("This form has expired")).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
});
