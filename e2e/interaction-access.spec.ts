import type { Page } from "@playwright/test";
import { expect, loginAs, otherUsers, test, users } from "./fixtures";

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
    // Find a Billing interaction of an agent other than Dana, as an admin sees the list.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await loginAs(admin, "admin");
    await admin.goto("/interactions");
    const listed = await listedInteractions(admin);
    const agentNames = new Set(listed.map((row) => row.agent));
    expect(agentNames.size, "the admin sees every agent's interactions").toBeGreaterThan(3);
    const colleagues = listed.filter((row) => row.agent !== users.agent.name && row.team === "Billing");
    const target = colleagues[0];
    if (!target) throw new Error(`No Billing interaction of an agent other than ${users.agent.name} in ${JSON.stringify(listed)}`);
    // The admin can open it.
    const adminView = await admin.goto(target.href);
    expect(adminView?.status()).toBe(200);
    await adminContext.close();

    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await loginAs(agent, "agent");
    const agentView = await agent.goto(target.href);
    expect(agentView?.status()).toBe(404);
    await expect(notFoundHeading(agent)).toBeVisible();
    await expect(agent.getByText(target.agent)).toHaveCount(0);
    await agentContext.close();

    // Grace leads Technical Support only; the Billing interaction is not hers to see.
    const supervisorContext = await browser.newContext();
    const supervisor = await supervisorContext.newPage();
    await loginAs(supervisor, otherUsers.techSupervisor.email);
    const supervisorView = await supervisor.goto(target.href);
    expect(supervisorView?.status()).toBe(404);
    await expect(notFoundHeading(supervisor)).toBeVisible();
    await supervisorContext.close();

    // Sam leads Billing (and Retention): he may.
    const billingContext = await browser.newContext();
    const billing = await billingContext.newPage();
    await loginAs(billing, "supervisor");
    const billingView = await billing.goto(target.href);
    expect(billingView?.status()).toBe(200);
    await billingContext.close();
  });

  test("an agent opens their own interaction and reads the transcript", async ({ page }) => {
    await loginAs(page, "agent");
    await page.goto("/interactions");
    const own = await listedInteractions(page);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((row) => row.agent === users.agent.name)).toBe(true);
    const first = own[0];
    if (!first) throw new Error("Dana has no interactions in the demo data");
    const response = await page.goto(first.href);
    expect(response?.status()).toBe(200);
    const transcript = page.getByRole("list", { name: "Transcript" });
    await expect(transcript).toBeVisible();
    await expect(transcript.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByText(users.agent.name).first()).toBeVisible();
  });

  test("a supervisor's list holds only their teams' interactions", async ({ page }) => {
    await loginAs(page, otherUsers.techSupervisor.email);
    await page.goto("/interactions");
    const listed = await listedInteractions(page);
    expect(listed.length).toBeGreaterThan(0);
    expect([...new Set(listed.map((row) => row.team))]).toEqual(["Technical Support"]);
  });

  test("a malformed or unknown interaction id is a 404", async ({ page }) => {
    await loginAs(page, "qa");
    for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const response = await page.goto(`/interactions/${id}`);
      expect(response?.status(), id).toBe(404);
      await expect(notFoundHeading(page)).toBeVisible();
    }
  });
});
