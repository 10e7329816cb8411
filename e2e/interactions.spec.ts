/**
 * The interaction list's filters and the call player, on the demo data, in Chromium.
 * (Who may open what is covered by interaction-access.spec.ts; here the agent's view
 * is checked through the filters.)
 */
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, loginAs, test, users, waitForHydration } from "./fixtures";

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

/** Where the browser's audio element is, in seconds. */
const audioTime = (player: Locator) => player.locator("audio").evaluate((audio: HTMLAudioElement) => audio.currentTime);

/**
 * The demo waveforms are computed by the job queue after the server starts: open the
 * page again until the player reports its waveform ready.
 */
/** Serious and critical WCAG 2 A/AA violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

async function openWhenReady(page: Page, url: string): Promise<Locator> {
  const player = page.locator('.media-player[data-state="ready"]');
  await expect(async () => {
    await page.goto(url);
    await expect(player).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 120_000 });
  return player;
}

test.describe("interaction list filters", () => {
  test("a QA specialist filters the demo data by channel and words", async ({ page }) => {
    await loginAs(page, "qa");
    await page.goto("/interactions");
    await waitForHydration(page);
    await expect(rows(page)).toHaveCount(25);

    await page.getByLabel("Channel", { exact: true }).selectOption("call");
    await page.getByLabel("Words in the transcript").fill("engineer");
    await page.getByRole("button", { name: "Apply filters" }).click();

    // Only the filters that are set end up in the (shareable) URL.
    await expect(page).toHaveURL(/\/interactions\?q=engineer&channel=call$/);
    // Three demo calls mention an engineer ("engineers" too: the search is stemmed), newest first.
    await expect(rows(page)).toHaveCount(3);
    expect(await listedCustomers(page)).toEqual(["Harold Jenkins", "Carlos Mendes", "Beatrice Howell"]);
    const active = page.getByRole("list", { name: "Filtered by" });
    await expect(active.getByRole("listitem")).toHaveText([/Channel: Calls/, /Words: “engineer”/]);
    await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("call");
    await expect(page.getByLabel("Words in the transcript")).toHaveValue("engineer");

    // Dropping the channel brings in the two chats that mention engineers.
    await page.getByRole("link", { name: "Remove filter Channel: Calls" }).click();
    await expect(page).toHaveURL(/\/interactions\?q=engineer$/);
    await expect(rows(page)).toHaveCount(5);
    await expect(page.getByLabel("Channel", { exact: true })).toHaveValue("");

    // A combination that matches nothing says which filters those were.
    await page.getByLabel("Queue", { exact: true }).selectOption("billing");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/interactions\?q=engineer&queue=billing$/);
    const empty = page.getByRole("status").filter({ hasText: "No conversations match" });
    await expect(empty).toContainText("Words: “engineer”");
    await expect(empty).toContainText("Queue: billing");
    await expect(rows(page)).toHaveCount(0);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/interactions$/);
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByLabel("Words in the transcript")).toHaveValue("");
  });

  test("filters by tags, length and date, and pages within them", async ({ page }) => {
    await loginAs(page, "qa");
    // Demo calls last under a minute, chats four to eight; "service-credit" is on three calls and a chat.
    await page.goto("/interactions?tags=service-credit,%20no-such-tag&max=1");
    await expect(rows(page)).toHaveCount(3);
    await page.goto("/interactions?tags=service-credit&min=1");
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText("Chat");

    // The 32 demo conversations happened in the last 40 days (other specs import theirs at fixed, older dates).
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/interactions?from=${day(45)}&to=${day(0)}`);
    await expect(rows(page)).toHaveCount(25);
    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/before=/);
    await expect(page).toHaveURL(new RegExp(`from=${day(45)}`));
    await expect(rows(page)).toHaveCount(32 - 25);
    await page.goto("/interactions?from=2000-01-01&to=2000-12-31");
    await expect(page.getByRole("status").filter({ hasText: "No conversations match" })).toContainText("Date: 2000-01-01 to 2000-12-31");
  });

  test("bad filter values answer 400 with what is wrong, keeping the form as it was sent", async ({ page }) => {
    await loginAs(page, "qa");
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
    // Another Billing agent's id and one of their calls, as a QA specialist sees them.
    const qaContext = await browser.newContext();
    const qa = await qaContext.newPage();
    await loginAs(qa, "qa");
    await qa.goto("/interactions");
    const marcusId = await qa.getByLabel("Agent", { exact: true }).locator("option", { hasText: "Marcus Chen" }).getAttribute("value");
    expect(marcusId).toMatch(/^[0-9a-f-]{36}$/);
    await qa.goto(`/interactions?agent=${marcusId}&channel=call`);
    await expect(rows(qa).first()).toBeVisible();
    expect(new Set(await listedAgents(qa))).toEqual(new Set(["Marcus Chen"]));
    const marcusCall = await rows(qa).first().getByRole("link").getAttribute("href");
    await qaContext.close();

    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await loginAs(agent, "agent");
    await agent.goto("/interactions");
    // Nothing to choose between: an agent only has their own conversations.
    await expect(agent.getByLabel("Agent", { exact: true })).toHaveCount(0);
    await expect(agent.getByLabel("Team", { exact: true })).toHaveCount(0);
    await agent.getByLabel("Channel", { exact: true }).selectOption("call");
    await agent.getByRole("button", { name: "Apply filters" }).click();
    await expect(agent).toHaveURL(/channel=call/);
    await expect(rows(agent).first()).toBeVisible();
    expect(new Set(await listedAgents(agent))).toEqual(new Set([users.agent.name]));

    // Another agent's id in the URL finds nothing and names no one.
    await agent.goto(`/interactions?agent=${marcusId}`);
    await expect(rows(agent)).toHaveCount(0);
    await expect(agent.getByRole("status").filter({ hasText: "No conversations match" })).toContainText(
      "Agent: an agent outside your view",
    );
    await expect(agent.getByText("Marcus Chen")).toHaveCount(0);
    const response = await agent.goto(marcusCall ?? "/interactions/missing");
    expect(response?.status()).toBe(404);
    await agentContext.close();
  });
});

test.describe("the call player", () => {
  test("plays a demo call on two waveform lanes, seeks from the waveform, the keyboard and the transcript", async ({ page }) => {
    test.setTimeout(150_000);
    await loginAs(page, "qa");
    await page.goto("/interactions?q=outage&channel=call");
    await expect(rows(page)).toHaveCount(1);
    const href = await rows(page).first().getByRole("link").getAttribute("href");
    if (!href) throw new Error("no link to the outage call");

    const player = await openWhenReady(page, href);
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
    await loginAs(page, "qa");
    for (const url of ["/interactions?q=engineer&channel=call", "/interactions?q=engineer&queue=billing"]) {
      await page.goto(url);
      await expect(page.getByRole("list", { name: "Filtered by" })).toBeVisible();
      const violations = await seriousViolations(page);
      expect(violations, `${url}\n${violations.join("\n")}`).toEqual([]);
    }
    await page.goto("/interactions?q=password&channel=call");
    const href = await rows(page).first().getByRole("link").getAttribute("href");
    if (!href) throw new Error("no link to the password call");
    await openWhenReady(page, href);
    await page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(2).locator(".turn__text").click();
    await expect(page.locator('[aria-current="true"]')).toHaveCount(1);
    const violations = await seriousViolations(page);
    expect(violations, violations.join("\n")).toEqual([]);
  });
});
