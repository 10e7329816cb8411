import { expect, test as base, type Page } from "@playwright/test";
import { demoEmail, demoUsers, DEMO_PASSWORD } from "../db/seed/demo-organisation";
import { roleLabels, type Role } from "../app/modules/users/roles";

export { expect };
export { DEMO_PASSWORD };

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  roleLabel: string;
}

function demoLogin(key: string): DemoLogin {
  const user = demoUsers.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`No demo user ${key} in db/seed/demo-organisation.ts`);
  return { email: demoEmail(key), name: user.name, role: user.role, roleLabel: roleLabels[user.role] };
}

/** One seeded demo user per role (db/seed/demo-organisation.ts). */
export const users: Record<Role, DemoLogin> = {
  admin: demoLogin("admin"),
  qa_lead: demoLogin("leah.morgan"),
  qa: demoLogin("quinn.harper"),
  supervisor: demoLogin("sam.patel"), // Billing + Retention
  agent: demoLogin("dana.reyes"), // Billing
};

/** Other demo users the access tests need. */
export const otherUsers = {
  techSupervisor: demoLogin("grace.liu"), // Technical Support only
};

export const roleNames = Object.keys(users) as Role[];

/** Submits the login form as it renders (no waiting for hydration needed: it is a plain form post). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Signs in through the real login form as a role's demo user, or any user by email
 * (demo password unless given), and waits until the signed-in shell is shown.
 * (`string & NonNullable<unknown>` keeps the role names offered by the editor beside any email.)
 */
export async function loginAs(page: Page, who: Role | (string & NonNullable<unknown>), password = DEMO_PASSWORD): Promise<DemoLogin | null> {
  const known = Object.hasOwn(users, who) ? users[who as Role] : null;
  const email = known?.email ?? who;
  await page.goto("/login");
  await submitLogin(page, email, password);
  await expect(page).not.toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  if (known) await expect(page.locator(".usermenu__name")).toHaveText(known.name);
  return known;
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

export const test = base;
