import type { Role } from "../app/modules/users/roles";
import { seedInteraction, seedTeam, chatTranscript } from "../test/factories";
import { expect, loginAs, mainNav, seedLogin, test } from "./fixtures";

const expectedLinks: Record<Role, string[]> = {
  admin: ["Home", "Interactions", "Acknowledgements", "Disputes", "Reports", "Coaching", "Assignments", "Scorecards", "Sampling", "Import", "Users", "Teams", "Settings", "Webhooks", "API tokens"],
  qa_lead: ["Home", "My queue", "Interactions", "Acknowledgements", "Disputes", "Reports", "Coaching", "Assignments", "Scorecards", "Sampling", "Import", "API tokens"],
  qa: ["Home", "My queue", "Interactions", "Disputes", "Reports", "API tokens"],
  supervisor: ["Home", "Team conversations", "Acknowledgements", "Disputes", "Reports", "Coaching", "API tokens"],
  agent: ["Home", "My conversations", "My feedback", "Disputes", "Reports", "My coaching", "API tokens"],
};

test.describe("main navigation", () => {
  for (const [role, links] of Object.entries(expectedLinks) as [Role, string[]][]) {
    test(`${role} sees ${links.join(", ")}`, async ({ page }) => {
      await loginAs(page, await seedLogin(role));
      await expect(mainNav(page).getByRole("link")).toHaveText(links);
      await expect(mainNav(page).getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
    });
  }

  test("each link of the admin's navigation opens its page", async ({ page }) => {
    await loginAs(page, await seedLogin("admin", [], "Alex Navigator"));
    const pages: Array<[string, string, string]> = [
      ["Interactions", "/interactions", "Interactions"],
      ["Assignments", "/assignments", "Assignments"],
      ["Sampling", "/sampling", "Sampling rules"],
      ["Users", "/admin/users", "Users"],
      ["Teams", "/admin/teams", "Teams"],
      ["Settings", "/admin/settings", "Organisation settings"],
      ["Webhooks", "/admin/webhooks", "Webhooks"],
      ["Import", "/import", "Import interactions"],
      ["API tokens", "/settings/api-tokens", "API tokens"],
      ["Home", "/", "Hello, Alex"],
    ];
    for (const [link, url, heading] of pages) {
      await mainNav(page).getByRole("link", { name: link }).click();
      await expect(page).toHaveURL(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(mainNav(page).getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
    }
  });

  test("an agent's conversations link opens only their own conversations", async ({ page }) => {
    const team = await seedTeam();
    const agent = await seedLogin("agent", [team.id]);
    const colleague = await seedLogin("agent", [team.id]);
    for (const who of [agent, agent, colleague]) await seedInteraction(who.id, { transcript: chatTranscript(who.name) });

    await loginAs(page, agent);
    await mainNav(page).getByRole("link", { name: "My conversations" }).click();
    await expect(page).toHaveURL("/interactions");
    await expect(page.getByRole("heading", { level: 1, name: "My conversations" })).toBeVisible();
    const agentCells = page.locator("tbody tr td:nth-child(3)");
    await expect(agentCells).toHaveCount(2);
    for (const cell of await agentCells.all()) await expect(cell).toContainText(agent.name);
  });
});

test.describe("pages outside a role", () => {
  const forbidden: Array<[Role, string]> = [
    ["agent", "/admin/users"],
    ["agent", "/admin/teams"],
    ["supervisor", "/admin/users"],
    ["qa", "/admin/users/new"],
    ["qa_lead", "/admin/settings"],
    ["qa_lead", "/admin/webhooks"],
  ];
  for (const [role, url] of forbidden) {
    test(`${role} opening ${url} gets 403`, async ({ page }) => {
      await loginAs(page, await seedLogin(role));
      const response = await page.goto(url);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "You do not have access" })).toBeVisible();
      // The error page keeps the signed-in navigation around it.
      await expect(mainNav(page).getByRole("link", { name: "Home" })).toBeVisible();
    });
  }
});
