import type { Page } from "@playwright/test";
import { demoScorecards } from "../db/seed/demo-scorecards";
import { insertInteractionRows, seedScorecard, seedTeam } from "../test/factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

/** The number shown under a stat's label (a <dt>/<dd> pair). */
const stat = (page: Page, label: string) =>
  page.locator(".stat").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

/** The rows of the reviewer's queue (the header row aside), as the server rendered them. */
async function queueRows(page: Page): Promise<string[]> {
  await page.goto("/queue");
  await expect(page.getByRole("heading", { level: 1, name: "My queue" })).toBeVisible();
  return page.locator("tbody tr").allTextContents();
}

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

test.describe("sampling", () => {
  test("a lead creates a rule, previews it and runs it; the reviewer finds the drawn chats in My queue; deleting the rule takes them out", async ({
    page,
    browser,
  }) => {
    test.slow(); // One long journey: the rule form, a run, the reviewer's queue, deleting with and without JavaScript.
    // A team of three agents: Avery has two chats in the window, Blake and Casey one each; a
    // call of Casey's and an old chat of Blake's are outside the rule. The rule is limited to
    // the team, so whatever other specs add meanwhile is not in its counts.
    const suffix = uniqueSuffix();
    const name = `Chat review ${suffix}`;
    const team = await seedTeam(`Sampled team ${suffix}`);
    const [avery, blake, casey] = await Promise.all(["Avery", "Blake", "Casey"].map((first) => seedLogin("agent", [team.id], `${first} ${suffix}`)));
    if (!avery || !blake || !casey) throw new Error("three agents expected");
    await insertInteractionRows([
      { agentId: avery.id, teamId: team.id, channel: "chat", startedAt: daysAgo(3) },
      { agentId: avery.id, teamId: team.id, channel: "chat", startedAt: daysAgo(10) },
      { agentId: blake.id, teamId: team.id, channel: "chat", startedAt: daysAgo(5) },
      { agentId: blake.id, teamId: team.id, channel: "chat", startedAt: daysAgo(90) },
      { agentId: casey.id, teamId: team.id, channel: "chat", startedAt: daysAgo(7) },
      { agentId: casey.id, teamId: team.id, channel: "call", startedAt: daysAgo(7) },
    ]);
    const [scorecard, lead, rosa] = await Promise.all([
      seedScorecard({ name: `Chat quality ${suffix}`, definition: demoScorecards[1]?.definition }),
      seedLogin("qa_lead"),
      seedLogin("qa", [], `Rosa ${suffix}`),
    ]);

    await loginAs(page, lead);
    await page.goto("/sampling/new");
    await page.getByRole("textbox", { name: "Name" }).fill(name);
    await page.getByRole("combobox", { name: "Scorecard" }).selectOption({ label: scorecard.name });
    await page.getByRole("combobox", { name: "Window" }).selectOption({ label: "Last N days" });
    await page.getByLabel("Number of days").fill("60");
    await page.getByRole("group", { name: "Channels" }).getByLabel("Chats").check();
    await page.getByRole("group", { name: "Teams" }).getByLabel(team.name).check();
    await page.getByRole("combobox", { name: "Quota" }).selectOption({ label: "A number per agent" });
    await page.getByLabel("Conversations per agent").fill("1");
    await page.getByRole("group", { name: "Reviewers" }).getByLabel(rosa.name).check();
    await page.getByLabel("Due in (hours)").fill("96");
    await page.getByRole("combobox", { name: "Schedule" }).selectOption({ label: "Manual: only when someone presses Run now" });

    // Preview: the team's four chats in the window, one for each of its three agents.
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("heading", { name: /preview/i })).toBeVisible();
    await expect(stat(page, "Matched")).toHaveText("4");
    await expect(stat(page, "Would draw")).toHaveText("3");
    await expect(page).toHaveURL("/sampling/new"); // nothing saved yet

    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/sampling\/[0-9a-f-]{36}\?done=created$/);
    const ruleId = /\/sampling\/([0-9a-f-]{36})/.exec(page.url())?.[1] as string;
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
    await expect(stat(page, "Matched")).toHaveText("4");
    await expect(stat(page, "Drawn")).toHaveText("3");
    await expect(stat(page, "Assigned")).toHaveText("3");

    // Running the same period again draws nothing new.
    await page.goBack();
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
    await expect(stat(page, "Drawn")).toHaveText("0");

    const reviewer = await browser.newContext();
    const queue = await reviewer.newPage();
    await loginAs(queue, rosa);
    const drawn = await queueRows(queue);
    expect(drawn).toHaveLength(3);
    for (const row of drawn) expect(row).toContain(scorecard.name);
    // One chat of each agent.
    for (const agent of [avery, blake, casey]) expect(drawn.filter((row) => row.includes(agent.name))).toHaveLength(1);

    // Deleting the rule: the dialog says what will happen, with counts; Cancel keeps the rule.
    await page.goto(`/sampling/${ruleId}`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Delete rule…" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${name}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("3 open assignments nobody has started are cancelled");
    await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect(dialog).toBeHidden();

    // Without JavaScript the same link leads to the confirmation page, whose form deletes.
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await loginAs(noScript, lead);
    await noScript.goto(`/sampling/${ruleId}`);
    await noScript.getByRole("link", { name: "Delete rule…" }).click();
    await expect(noScript).toHaveURL(`/sampling/${ruleId}/delete`);
    await expect(noScript.getByRole("heading", { level: 1, name: `Delete “${name}”?` })).toBeVisible();
    await noScript.getByRole("button", { name: "Delete rule and cancel 3 assignments" }).click();
    await expect(noScript).toHaveURL(/\/sampling\?deleted=1&/);
    await expect(noScript.getByText("3 open assignments nobody had started were cancelled.")).toBeVisible();
    await plain.close();

    // The cancelled work has left the reviewer's queue.
    expect(await queueRows(queue)).toHaveLength(0);
    await reviewer.close();
  });
});
