import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type APIRequestContext, type Page } from "@playwright/test";
import { roleLabels, type Role } from "../app/modules/users/roles";
import { seedUser, TEST_PASSWORD } from "../test/factories";
import { connectToAppUnderTest, disconnectFromAppUnderTest } from "./support/app-under-test";

export { expect };

/** Someone who can sign in: a user a spec made with the factories (test/factories.ts). */
export interface Login {
  email: string;
  password: string;
  name: string;
  role?: Role;
}

/**
 * Playwright's test, with each worker connected to the database and storage of the server
 * under test, so a spec's factories write where the app reads.
 */
export const test = base.extend<object, { appUnderTest: void }>({
  appUnderTest: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      connectToAppUnderTest();
      await use();
      await disconnectFromAppUnderTest();
    },
    { scope: "worker", auto: true },
  ],
});

export type SeededLogin = Login & { id: string; role: Role; teamIds: string[] };

/** A user of `role` of the spec's own (unique email; a unique name unless given), who signs in with TEST_PASSWORD. */
export async function seedLogin(role: Role, teamIds: string[] = [], name?: string): Promise<SeededLogin> {
  const user = await seedUser(role, teamIds, { name });
  return { ...user, password: TEST_PASSWORD };
}

export const roleLabel = (role: Role) => roleLabels[role];

/** Submits the login form as it renders (no waiting for hydration needed: it is a plain form post). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the real login form and waits until the signed-in shell is shown, with the user's name. */
export async function loginAs(page: Page, who: Login): Promise<void> {
  await page.goto("/login");
  await submitLogin(page, who.email, who.password);
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator(".usermenu__name")).toHaveText(who.name);
}

/** Signs out with the user menu's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/**
 * Waits until Remix has hydrated the page, for controls that only work with JavaScript
 * (a dialog opened by a click handler). Plain forms and links work without it.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const router = (window as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter;
    return router?.state.initialized === true;
  });
}

/** A name no other test (or earlier retry) uses. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Serious and critical WCAG 2 A/AA violations on the page as it is now, one readable entry each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.impact}: ${violation.id} — ${violation.help} (${violation.helpUrl})\n` +
        violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("\n"),
    );
}

/** Fails with every serious or critical violation listed, naming where the page was. */
export async function expectNoSeriousViolations(page: Page, where = page.url()): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}\n${violations.join("\n")}`).toEqual([]);
}

/** Imports a conversation through POST /api/v1/interactions, as an integration would, and returns its id. */
export async function importConversation(
  request: APIRequestContext,
  token: string,
  body: { externalId: string; agent: string; startedAt: string; customerName?: string; transcript: { fileName: string; content: string } },
): Promise<string> {
  const response = await request.post("/api/v1/interactions", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { source: "e2e", ...body },
  });
  if (response.status() !== 201) throw new Error(`Import answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A short WebVTT call between `agentName` and a customer, 3 turns. */
export function callVtt(agentName: string, customerName = "Robin"): string {
  return [
    "WEBVTT",
    "",
    "00:00.000 --> 00:03.000",
    `<v ${agentName}>Thanks for calling Northwind, how can I help?`,
    "",
    "00:03.500 --> 00:07.000",
    `<v ${customerName}>My invoice shows a charge twice this month.`,
    "",
    "00:07.500 --> 00:11.000",
    `<v ${agentName}>I can see the double charge on the invoice; I will refund it now.`,
    "",
  ].join("\n");
}
