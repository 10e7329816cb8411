/**
 * The interaction list's filters and the call player, in Chromium, on conversations each
 * test makes for a team of its own: every list is filtered to that team (or seen by one of
 * its agents), so conversations other specs add meanwhile never reach the counts. (Who may
 * open what is covered by interaction-access.spec.ts; here the agent's view is checked
 * through the filters.)
 */
import type { Page } from "@playwright/test";
import { seedConversation } from "../test/conversation-factories";
import { insertInteractionRows, seedInteraction, seedTeam, transcriptSaying } from "../test/factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { audioTime, openWhenReady } from "./support/player";

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/**
 * A team with two agents and six conversations: three calls and two chats that mention an
 * engineer ("engineers" too), and a call on the team's billing queue that does not.
 */
async function seedEngineerWorld() {
  const suffix = uniqueSuffix();
  const team = await seedTeam(`List team ${suffix}`);
  const ann = await seedLogin("agent", [team.id], `Ann ${suffix}`);
  const ben = await seedLogin("agent", [team.id], `Ben ${suffix}`);
  const billing = `billing-${suffix}`;
  const conversation = (agent: { id: string; name: string }, channel: "call" | "chat", customerName: string, days: number, words: string, queue = "support") =>
    seedInteraction(agent.id, {
      transcript: transcriptSaying(channel, [["customer", words], ["agent", "Thanks for telling me, I will sort it out."]], agent.name, daysAgo(days)),
      customerName,
      startedAt: daysAgo(days),
      durationMs: channel === "call" ? 45_000 : 300_000,
      queue,
    });
  await conversation(ann, "call", "Harold Jenkins", 1, "The engineer never came to fix the line.");
  await conversation(ben, "call", "Carlos Mendes", 2, "Two engineers said the cable is cut.");
  await conversation(ann, "call", "Beatrice Howell", 3, "Can an engineer visit on Friday?");
  await conversation(ann, "chat", "Ivy Chen", 4, "Your engineer left mud on the carpet.");
  await conversation(ben, "chat", "Omar Haddad", 5, "When do the engineers arrive?");
  await conversation(ben, "call", "Nora Blake", 6, "My bill doubled this month.", billing);
  const qa = await seedLogin("qa");
  return { team, ann, ben, qa, billing };
}

/** Customer names of the listed rows, top to bottom. */
async function listedCustomers(page: Page): Promise<string[]> {
  return page.locator("tbody tr td:nth-child(4)").allTextContents();
}

async function listedAgents(page: Page): Promise<string[]> {
  return page.locator("tbody tr td:nth-child(3)").evaluateAll((cells) => cells.map((cell) => cell.childNodes[0]?.textContent?.trim() ?? ""));
}

const rows = (page: Page) => page.locator("tbody tr");
const timeDisplay = (page: Page) => page.getByRole("timer", { name: "Position" });

/** Seconds shown as elapsed by the player ("0:12 / 0:51" → 12). */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await timeDisplay(page).textContent()) ?? "";
  const match = /^(\d+):(\d{2})/.exec(text.trim());
  if (!match) throw new Error(`unexpected time display ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test.describe("interaction list filters", () => {
  test("a QA specialist filters the team's conversations by channel and words", async ({ page }) => {
    const { team, qa, billing } = await seedEngineerWorld();
    await loginAs(page, qa);
    await page.goto(`/interactions?team=${team.id}`);
    await waitForHydration(page);
    await expect(rows(page)).toHaveCount(6);

    await page.getByLabel("Channel", { exact: true }).selectOption("call");
    await page.getByLabel("Words in the transcript").fill("engineer");
    await page.getByRole("button", { name: "Apply filters" }).click();

    // Only the filters that are set end up in the (shareable) URL.
    await expect(page).toHaveURL(new RegExp(`/interactions\\?q=engineer&channel=call&team=${team.id}$`));
    // Three calls mention an engineer ("engineers" too: the search is stemmed), newest first.
    await expect(rows(page)).toHaveCount(3);
    expect(await listedCustomers(page)).toEqual(["Harold Jenkins", "Carlos Mendes", "Beatrice Howell"]);
    const active = page.getByRole("list", { name: "Filtered by" });
    await expect(active.getByRole("listitem")).toHaveText([/Channel: Calls/, new RegExp(`Team: ${team.name}`), /Words: “engineer”/]);
    await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("call");
    await expect(page.getByLabel("Words in the transcript")).toHaveValue("engineer");

    // Dropping the channel brings in the two chats that mention engineers.
    await page.getByRole("link", { name: "Remove filter Channel: Calls" }).click();
    await expect(page).toHaveURL(new RegExp(`/interactions\\?q=engineer&team=${team.id}$`));
    await expect(rows(page)).toHaveCount(5);
    await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("");

    // A combination that matches nothing says which filters those were.
    await page.getByLabel("Queue", { exact: true }).selectOption(billing);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`/interactions\\?q=engineer&team=${team.id}&queue=${billing}$`));
    const empty = page.getByRole("status").filter({ hasText: "No conversations match" });
    await expect(empty).toContainText("Words: “engineer”");
    await expect(empty).toContainText(`Queue: ${billing}`);
    await expect(rows(page)).toHaveCount(0);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/interactions$/);
    await expect(page.getByLabel("Words in the transcript")).toHaveValue("");
    await expect(page.getByLabel("Team", { exact: true })).toHaveValue("");
  });

  test("filters by tags, length and date, and pages within them", async ({ page }) => {
    // Three short calls and a long chat tagged service-credit, and 26 untagged chats: 30
    // conversations in the last 40 days, at least an hour apart.
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Paged team ${suffix}`);
    const agent = await seedLogin("agent", [team.id]);
    const tag = `service-credit-${suffix}`;
    const at = (index: number) => new Date(Date.now() - (1 + index) * 30 * 3_600_000);
    await insertInteractionRows([
      ...[0, 1, 2].map((index) => ({ agentId: agent.id, teamId: team.id, channel: "call" as const, startedAt: at(index), durationMs: 45_000, tags: [tag] })),
      { agentId: agent.id, teamId: team.id, channel: "chat" as const, startedAt: at(3), durationMs: 300_000, tags: [tag] },
      ...Array.from({ length: 26 }, (_, index) => ({ agentId: agent.id, teamId: team.id, channel: "chat" as const, startedAt: at(4 + index), durationMs: 300_000 })),
    ]);
    const qa = await seedLogin("qa");
    await loginAs(page, qa);
    const inTeam = `team=${team.id}`;
    await page.goto(`/interactions?${inTeam}&tags=${tag},%20no-such-tag&max=1`);
    await expect(rows(page)).toHaveCount(3);
    await page.goto(`/interactions?${inTeam}&tags=${tag}&min=1`);
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("Chat");

    const day = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
    await page.goto(`/interactions?${inTeam}&from=${day(45)}&to=${day(0)}`);
    await expect(rows(page)).toHaveCount(25);
    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(page).toHaveURL(new RegExp(`from=${day(45)}`));
    await expect(rows(page)).toHaveCount(30 - 25);
    await page.goto(`/interactions?${inTeam}&from=2000-01-01&to=2000-12-31`);
    await expect(page.getByRole("status").filter({ hasText: "No conversations match" })).toContainText("Date: 2000-01-01 to 2000-12-31");
  });

  test("bad filter values answer 400 with what is wrong, keeping the form as it was sent", async ({ page }) => {
    const team = await seedTeam();
    const agent = await seedLogin("agent", [team.id]);
    await insertInteractionRows([{ agentId: agent.id, teamId: team.id, startedAt: daysAgo(1) }]);
    await loginAs(page, await seedLogin("qa"));
    const response = await page.goto("/interactions?min=ten&channel=fax");
    expect(response?.status()).toBe(400);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Shortest: enter a number of minutes");
    await expect(alert).toContainText("Channel: choose calls, chats or emails");
    await expect(rows(page)).toHaveCount(0);
    await page.getByRole("link", { name: "clear the filters and show all conversations" }).click();
    await expect(page).toHaveURL(/\/interactions$/);
    await expect(rows(page).first()).toBeVisible();

    // A date range the wrong way round: the dates stay in the form, to be mended in place.
    await waitForHydration(page);
    await page.getByLabel("From", { exact: true }).fill("2026-12-10");
    await page.getByLabel("To", { exact: true }).fill("2026-12-01");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("alert")).toContainText("The From date is after the To date");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("2026-12-10");
    await page.getByLabel("To", { exact: true }).fill("2026-12-31");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/from=2026-12-10&to=2026-12-31/);
    await expect(page.getByRole("alert")).toHaveCount(0);

    const stopWords = await page.goto("/interactions?q=the");
    expect(stopWords?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText(/only common words/);
    await expect(page.getByLabel("Words in the transcript")).toHaveValue("the");
  });

  test("an agent's filters stay within their own conversations", async ({ browser }) => {
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Agents' team ${suffix}`);
    const dana = await seedLogin("agent", [team.id], `Dana ${suffix}`);
    const marcus = await seedLogin("agent", [team.id], `Marcus ${suffix}`);
    await insertInteractionRows([
      { agentId: dana.id, teamId: team.id, channel: "call", startedAt: daysAgo(1) },
      { agentId: dana.id, teamId: team.id, channel: "call", startedAt: daysAgo(2) },
      { agentId: dana.id, teamId: team.id, channel: "chat", startedAt: daysAgo(3) },
      { agentId: marcus.id, teamId: team.id, channel: "call", startedAt: daysAgo(1) },
      { agentId: marcus.id, teamId: team.id, channel: "call", startedAt: daysAgo(4) },
    ]);

    // Marcus as a QA specialist sees him: in the agent filter, and his calls.
    const qaContext = await browser.newContext();
    const qa = await qaContext.newPage();
    await loginAs(qa, await seedLogin("qa"));
    await qa.goto("/interactions");
    await expect(qa.getByLabel("Agent", { exact: true }).locator("option", { hasText: marcus.name })).toHaveAttribute("value", marcus.id);
    await qa.goto(`/interactions?agent=${marcus.id}&channel=call`);
    await expect(rows(qa)).toHaveCount(2);
    expect(await listedAgents(qa)).toEqual([marcus.name, marcus.name]);
    const marcusCall = await rows(qa).first().getByRole("link").getAttribute("href");
    await qaContext.close();

    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await loginAs(agent, dana);
    await agent.goto("/interactions");
    await expect(rows(agent)).toHaveCount(3);
    // Nothing to choose between: an agent only has their own conversations.
    await expect(agent.getByLabel("Agent", { exact: true })).toHaveCount(0);
    await expect(agent.getByLabel("Team", { exact: true })).toHaveCount(0);
    await agent.getByLabel("Channel", { exact: true }).selectOption("call");
    await agent.getByRole("button", { name: "Apply filters" }).click();
    await expect(agent).toHaveURL(/channel=call/);
    await expect(rows(agent)).toHaveCount(2);
    expect(await listedAgents(agent)).toEqual([dana.name, dana.name]);

    // Another agent's id in the URL finds nothing and names no one.
    await agent.goto(`/interactions?agent=${marcus.id}`);
    await expect(rows(agent)).toHaveCount(0);
    await expect(agent.getByRole("status").filter({ hasText: "No conversations match" })).toContainText(
      "Agent: an agent outside your view",
    );
    await expect(agent.getByText(marcus.name)).toHaveCount(0);
    const response = await agent.goto(marcusCall ?? "/interactions/missing");
    expect(response?.status()).toBe(404);
    await agentContext.close();
  });
});

test.describe("the call player", () => {
  test("plays a call on two waveform lanes, seeks from the waveform, the keyboard and the transcript", async ({ page }) => {
    test.setTimeout(150_000);
    const team = await seedTeam();
    const liam = await seedLogin("agent", [team.id], "Liam O'Connor");
    const call = await seedConversation(liam.id, "call-tech-area-outage");
    await loginAs(page, await seedLogin("qa"));
    const player = await openWhenReady(page, `/interactions/${call.id}`);
    await waitForHydration(page);
    // Two lanes, agent and customer, each drawn on a canvas (wavesurfer renders in its shadow DOM).
    await expect(player.getByRole("list", { name: "Channels" }).getByRole("listitem")).toHaveText([
      "Agent · Liam O'Connor",
      "Customer · Carlos Mendes",
    ]);
    const lanes = player.locator('[part~="canvases"] > div');
    await expect(lanes).toHaveCount(2);
    await expect(lanes.nth(0).locator("canvas").first()).toBeAttached();
    await expect(lanes.nth(1).locator("canvas").first()).toBeAttached();
    // wavesurfer.js may draw its lanes again once the audio's metadata arrives, replacing the
    // elements: read the boxes once both are laid out.
    await expect.poll(async () => (await lanes.nth(0).boundingBox())?.height ?? 0).toBeGreaterThan(30);
    await expect.poll(async () => (await lanes.nth(1).boundingBox())?.height ?? 0).toBeGreaterThan(30);
    const laneBoxes = await Promise.all([lanes.nth(0).boundingBox(), lanes.nth(1).boundingBox()]);
    expect(laneBoxes[0]?.height).toBeGreaterThan(30);
    expect(laneBoxes[1]?.y).toBeGreaterThanOrEqual((laneBoxes[0]?.y ?? 0) + (laneBoxes[0]?.height ?? 0) - 1);
    await expect(timeDisplay(page)).toHaveText("0:00 / 0:51");

    // Play: the time advances.
    await player.getByRole("button", { name: "Play" }).click();
    await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect.poll(() => shownSeconds(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await player.getByRole("button", { name: "Pause" }).click();
    await expect(player.getByRole("button", { name: "Play" })).toBeVisible();
    expect(await audioTime(player)).toBeGreaterThan(0.5);

    // Clicking a transcript turn plays from there and marks it as the current one.
    const transcript = page.getByRole("list", { name: "Transcript" });
    const turn = transcript.getByRole("listitem").nth(6);
    const seekButton = turn.getByRole("button", { name: /^Play from / });
    const label = (await seekButton.textContent()) ?? "";
    const [minutes, seconds] = label.split(":").map(Number) as [number, number];
    const turnStart = minutes * 60 + seconds;
    expect(turnStart).toBeGreaterThan(5);
    await turn.locator(".turn__text").click();
    await expect(timeDisplay(page)).toHaveText(new RegExp(`^${label} / 0:51$`));
    await expect(turn).toHaveAttribute("aria-current", "true");
    await expect(transcript.locator('[aria-current="true"]')).toHaveCount(1);
    expect(Math.floor(await audioTime(player))).toBe(turnStart);

    // ← and → move five seconds and Space plays and pauses, wherever the focus is outside a field.
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => shownSeconds(page)).toBe(turnStart + 5);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => shownSeconds(page)).toBe(turnStart - 5);
    await page.keyboard.press(" ");
    await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
    await page.keyboard.press(" ");
    await expect(player.getByRole("button", { name: "Play" })).toBeVisible();

    // A turn's time plays from there; Space then pauses, with the focus still on that button
    // (it does not press it again, which would jump back to the turn and go on playing).
    await seekButton.click();
    await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect(seekButton).toBeFocused();
    await expect.poll(() => audioTime(player)).toBeGreaterThan(turnStart + 0.6);
    await page.keyboard.press(" ");
    await expect(player.getByRole("button", { name: "Play" })).toBeVisible();
    expect(await audioTime(player)).toBeGreaterThan(turnStart + 0.6);

    // Clicking the waveform seeks: three quarters across is about 38 s of 51.
    const wave = player.locator(".player__waveform");
    const box = await wave.boundingBox();
    if (!box) throw new Error("the waveform has no box");
    await wave.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
    await expect.poll(() => shownSeconds(page)).toBeGreaterThanOrEqual(36);
    expect(await shownSeconds(page)).toBeLessThanOrEqual(40);
    // The highlighted turn follows the playhead.
    await expect(turn).not.toHaveAttribute("aria-current", "true");
  });
});

test.describe("accessibility (axe, WCAG 2 A/AA)", () => {
  test("the filtered list, its empty state and a call with its player", async ({ page }) => {
    test.setTimeout(150_000);
    const { team, qa, billing } = await seedEngineerWorld();
    const call = await seedConversation((await seedLogin("agent", [team.id])).id, "call-tech-password-reset");
    await loginAs(page, qa);
    for (const url of [`/interactions?q=engineer&channel=call&team=${team.id}`, `/interactions?q=engineer&team=${team.id}&queue=${billing}`]) {
      await page.goto(url);
      await expect(page.getByRole("list", { name: "Filtered by" })).toBeVisible();
      await expectNoSeriousViolations(page, url);
    }
    await openWhenReady(page, `/interactions/${call.id}`);
    await page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(2).locator(".turn__text").click();
    await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
    await expectNoSeriousViolations(page);
  });
});
