import type { Page } from "@playwright/test";
import { insertInteractionRows, seedInteraction, seedTeam, callTranscript } from "../test/factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix } from "./fixtures";

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/**
 * Two teams of the spec's own: Billing (agents Dana and Marcus, led by Sam, who also leads
 * Retention) and Technical Support (agent Aisha, led by Grace).
 */
async function seedTeams() {
  const suffix = uniqueSuffix();
  const billing = await seedTeam(`Billing ${suffix}`);
  const retention = await seedTeam(`Retention ${suffix}`);
  const tech = await seedTeam(`Technical Support ${suffix}`);
  const dana = await seedLogin("agent", [billing.id], `Dana ${suffix}`);
  const marcus = await seedLogin("agent", [billing.id], `Marcus ${suffix}`);
  const aisha = await seedLogin("agent", [tech.id], `Aisha ${suffix}`);
  const sam = await seedLogin("supervisor", [billing.id, retention.id], `Sam ${suffix}`);
  const grace = await seedLogin("supervisor", [tech.id], `Grace ${suffix}`);
  return { billing, retention, tech, dana, marcus, aisha, sam, grace };
}

interface ListedInteraction {
  href: string;
  agent: string;
  team: string;
}

/** The rows of the interaction list on screen: link, agent name and team (read from the Agent column). */
async function listedInteractions(page: Page): Promise<ListedInteraction[]> {
  await expect(page.locator("tbody tr").first()).toBeVisible();
  return page.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const agentCell = row.querySelectorAll("td")[2];
      const team = agentCell?.querySelector(".block")?.textContent?.trim() ?? "";
      // The cell is the agent's name as text, then the team in a span.
      const agent = agentCell?.childNodes[0]?.textContent?.trim() ?? "";
      return { href: row.querySelector("a")?.getAttribute("href") ?? "", agent, team };
    }),
  );
}

const notFoundHeading = (page: Page) => page.getByRole("heading", { level: 1, name: "Not found" });

test.describe("who may open an interaction", () => {
  test("an agent gets 404 for another agent's interaction, a supervisor for another team's", async ({ browser }) => {
    const { billing, dana, marcus, sam, grace } = await seedTeams();
    const { id } = await seedInteraction(marcus.id, { transcript: callTranscript(marcus.name), startedAt: daysAgo(1) });
    const target = `/interactions/${id}`;

    // The admin sees Marcus's call in the Billing list and can open it.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await loginAs(admin, await seedLogin("admin"));
    await admin.goto(`/interactions?team=${billing.id}`);
    expect(await listedInteractions(admin)).toEqual([{ href: target, agent: marcus.name, team: billing.name }]);
    const adminView = await admin.goto(target);
    expect(adminView?.status()).toBe(200);
    await adminContext.close();

    // Dana, in the same team, may not.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await loginAs(agent, dana);
    const agentView = await agent.goto(target);
    expect(agentView?.status()).toBe(404);
    await expect(notFoundHeading(agent)).toBeVisible();
    await expect(agent.getByText(marcus.name)).toHaveCount(0);
    await agentContext.close();

    // Grace leads Technical Support only; the Billing interaction is not hers to see.
    const supervisorContext = await browser.newContext();
    const supervisor = await supervisorContext.newPage();
    await loginAs(supervisor, grace);
    const supervisorView = await supervisor.goto(target);
    expect(supervisorView?.status()).toBe(404);
    await expect(notFoundHeading(supervisor)).toBeVisible();
    await supervisorContext.close();

    // Sam leads Billing (and Retention): he may.
    const billingContext = await browser.newContext();
    const billingPage = await billingContext.newPage();
    await loginAs(billingPage, sam);
    const billingView = await billingPage.goto(target);
    expect(billingView?.status()).toBe(200);
    await billingContext.close();
  });

  test("an agent opens their own interaction and reads the transcript", async ({ page }) => {
    const { dana, marcus } = await seedTeams();
    const own = await seedInteraction(dana.id, { transcript: callTranscript(dana.name), startedAt: daysAgo(1) });
    await seedInteraction(dana.id, { transcript: callTranscript(dana.name), startedAt: daysAgo(2) });
    await seedInteraction(marcus.id, { transcript: callTranscript(marcus.name), startedAt: daysAgo(1) });
    await loginAs(page, dana);
    await page.goto("/interactions");
    const listed = await listedInteractions(page);
    expect(listed.map((row) => row.agent)).toEqual([dana.name, dana.name]);
    expect(listed[0]?.href).toBe(`/interactions/${own.id}`);
    const response = await page.goto(`/interactions/${own.id}`);
    expect(response?.status()).toBe(200);
    const transcript = page.getByRole("list", { name: "Transcript" });
    await expect(transcript.getByRole("listitem")).toHaveCount(3);
    await expect(transcript).toContainText("Thanks for calling Northwind, how can I help?");
    await expect(page.getByText(dana.name).first()).toBeVisible();
  });

  test("a supervisor's list holds only their teams' interactions", async ({ page }) => {
    const { tech, dana, aisha, grace } = await seedTeams();
    await insertInteractionRows([
      { agentId: aisha.id, teamId: tech.id, startedAt: daysAgo(1) },
      { agentId: aisha.id, teamId: tech.id, startedAt: daysAgo(2) },
      { agentId: dana.id, teamId: dana.teamIds[0], startedAt: daysAgo(1) },
    ]);
    await loginAs(page, grace);
    await page.goto("/interactions");
    const listed = await listedInteractions(page);
    expect(listed.map((row) => [row.agent, row.team])).toEqual([
      [aisha.name, tech.name],
      [aisha.name, tech.name],
    ]);
  });

  test("a malformed or unknown interaction id is a 404", async ({ page }) => {
    await loginAs(page, await seedLogin("qa"));
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const response = await page.goto(`/interactions/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
  });
});
