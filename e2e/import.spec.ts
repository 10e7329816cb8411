import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page, Route } from "@playwright/test";
import { seedTeam } from "../test/factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, test, uniqueSuffix, waitForHydration, type SeededLogin } from "./fixtures";
import { twoChannelWav } from "./fixtures/wav";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string) => path.join(fixtures, name);
const interactionUrl = /\/interactions\/[0-9a-f-]{36}$/;
const STARTED_AT = "2 Jun 2025, 10:15";

/**
 * A QA lead who imports, and the agent the imported conversations belong to: named "Dana
 * Reyes" and a suffix, so the page's guess from the transcript's agent voice finds exactly her.
 */
async function seedImporters(): Promise<{ lead: SeededLogin; agent: SeededLogin }> {
  const team = await seedTeam();
  const agent = await seedLogin("agent", [team.id], `Dana Reyes ${uniqueSuffix()}`);
  return { lead: await seedLogin("qa_lead"), agent };
}

/** e2e/fixtures/import-call.vtt with the agent's voice named after `agent`. */
function callVtt(agent: { name: string }, name = "import-call.vtt") {
  const text = readFileSync(fixture("import-call.vtt"), "utf8").replaceAll("<v Dana Reyes>", `<v ${agent.name}>`);
  return { name, mimeType: "text/vtt", buffer: Buffer.from(text) };
}

async function openImport(page: Page, lead: SeededLogin) {
  await loginAs(page, lead);
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import interactions" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Started at").fill(STARTED_AT);
}

/** Holds the page's final import post until `release()`, so the finished upload can be looked at. */
async function holdImportPost(page: Page) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/import.data", async (route: Route) => {
    const body = route.request().postDataBuffer()?.toString("latin1") ?? "";
    if (/name="intent"\r\n\r\nimport\r\n/.test(body)) await released;
    await route.continue();
  });
  return () => release();
}

test.describe("import page", () => {
  test("a QA lead imports a two-channel call with its WebVTT transcript and sees it processed", async ({ page }) => {
    test.setTimeout(60_000);
    const externalId = `e2e-call-${uniqueSuffix()}`;
    const { lead, agent } = await seedImporters();
    await openImport(page, lead);

    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 7 }) });
    await page.getByLabel("Transcript or chat file").setInputFiles(callVtt(agent));

    // The file is read on the server and its speakers offered for the mapping.
    const speakers = page.getByRole("group", { name: "Who is the agent?" });
    await expect(speakers).toBeVisible();
    await expect(page.getByText("WebVTT · a call · 3 turns · 2 speakers")).toBeVisible();
    await expect(speakers.getByLabel(`Role of ${agent.name}`)).toHaveValue("agent");
    await expect(speakers.getByLabel("Role of Robert")).toHaveValue("customer");
    await speakers.getByLabel("Role of Robert").selectOption("agent");
    await speakers.getByLabel("Role of Robert").selectOption("customer");

    // The external id comes from the file name; the agent from the transcript's agent voice.
    await expect(page.getByLabel("External id")).toHaveValue(externalId);
    await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.email);
    await expect(page.getByText(/In the organisation's time zone, /)).toBeVisible();
    await page.getByLabel("Queue (optional)").fill("Billing");
    await page.getByLabel("Direction (optional)").selectOption("inbound");
    await page.getByLabel("Tags (optional)").fill("e2e, double-charge");

    const release = await holdImportPost(page);
    await page.getByRole("button", { name: "Import" }).click();
    const progress = page.getByRole("progressbar", { name: "Recording upload" });
    await expect(progress).toHaveAttribute("value", "100");
    await expect(page.getByText(/^100% · 0\.\d of 0\.\d MiB$/)).toBeVisible();
    await expect(page.getByText("Uploaded. Importing…")).toBeVisible();
    release();

    await expect(page).toHaveURL(interactionUrl);
    // "processing" until the waveform job has read the audio: then the duration is the audio's (7 s), not the transcript's (6 s).
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.locator(".page-header").innerText();
        },
        { timeout: 30_000, intervals: [250, 500, 1000] },
      )
      .toContain("0:07");
    await expect(page.getByText("The waveform is being prepared")).toHaveCount(0);
    await expect(page.getByText("Processing failed")).toHaveCount(0);
    // The waveform drawn from the computed peaks, one lane per channel.
    await expect(page.locator('[data-waveform-ready="true"]')).toBeVisible();
    await expect(page.getByRole("list", { name: "Channels" }).getByRole("listitem")).toHaveText([/^Agent · /, /^Customer · /]);
    // The start time was read in the organisation's time zone and is shown in it.
    await expect(page.locator(".page-header")).toContainText("2 Jun 2025, 10:15");
    await expect(page.getByText("Thanks for calling Parley Billing, this is Dana.")).toBeVisible();
    await expect(page.getByText("Hi Dana, my last invoice was charged twice.")).toBeVisible();
    await expect(page.getByText(externalId)).toBeVisible();
  });

  test("a malformed WebVTT file is refused with the line at fault, and nothing is uploaded", async ({ page }) => {
    const { lead } = await seedImporters();
    await openImport(page, lead);
    const puts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "PUT") puts.push(request.url());
    });
    await page.getByLabel("Recording (optional)").setInputFiles({ name: "broken-call.wav", mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 2 }) });
    await page.getByLabel("Transcript or chat file").setInputFiles(fixture("import-malformed.vtt"));
    const transcriptError = page.locator("#transcript-error");
    await expect(transcriptError).toContainText("WebVTT line 6:");
    await expect(page.getByLabel("Transcript or chat file")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toHaveCount(0);

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." })).toBeVisible();
    await expect(page.getByLabel("Transcript or chat file")).toBeFocused();
    await expect(page).toHaveURL(/\/import$/);
    await expect(page.getByLabel("External id")).toHaveValue("broken-call");
    expect(puts).toEqual([]);
  });

  test("a transcript larger than the app's usual 1 MB body limit is still read (the import path allows more)", async ({ page }) => {
    const { lead } = await seedImporters();
    await openImport(page, lead);
    const stamp = (ms: number) => `${String(Math.floor(ms / 60_000)).padStart(2, "0")}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}.${String(ms % 1000).padStart(3, "0")}`;
    const cues = Array.from({ length: 24_000 }, (_, index) => {
      const start = index * 100;
      return `${stamp(start)} --> ${stamp(start + 90)}\n<v ${index % 2 === 0 ? "Dana Reyes" : "Robert"}>Turn number ${index} of a very long call.`;
    });
    const buffer = Buffer.from(`WEBVTT\n\n${cues.join("\n\n")}\n`);
    expect(buffer.length).toBeGreaterThan(1.5 * 1024 * 1024);
    await page.getByLabel("Transcript or chat file").setInputFiles({ name: "long-call.vtt", mimeType: "text/vtt", buffer });
    await expect(page.getByText("WebVTT · a call · 24000 turns · 2 speakers")).toBeVisible();
  });

  test("a chat export imports without a recording, and the same external id again says it was already imported", async ({ page }) => {
    const externalId = `e2e-chat-${uniqueSuffix()}`;
    const { lead, agent } = await seedImporters();
    await openImport(page, lead);
    await page.getByLabel("Transcript or chat file").setInputFiles(fixture("import-chat.csv"));
    await expect(page.getByText("Chat CSV · a chat · 4 messages · 2 speakers")).toBeVisible();
    await expect(page.getByRole("group", { name: "Who is the agent?" }).getByLabel("Role of agent")).toHaveValue("agent");
    await expect(page.getByLabel("External id")).toHaveValue("import-chat");
    await page.getByLabel("External id").fill(externalId);
    await page.getByLabel("Agent", { exact: true }).selectOption(agent.email);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page).toHaveURL(interactionUrl);
    const first = page.url();
    await expect(page.getByText("Found it: the second charge is refunded today.")).toBeVisible();
    await expect(page.getByText("The waveform is being prepared")).toHaveCount(0);

    await page.goto("/import");
    await waitForHydration(page);
    await page.getByLabel("Started at").fill(STARTED_AT);
    await page.getByLabel("Transcript or chat file").setInputFiles(fixture("import-chat.csv"));
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
    await page.getByLabel("External id").fill(externalId);
    await page.getByLabel("Agent", { exact: true }).selectOption(agent.email);
    await page.getByLabel("Queue (optional)").fill("Kept after the refusal");
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("heading", { name: "Already imported" })).toBeVisible();
    await expect(page.getByLabel("Queue (optional)")).toHaveValue("Kept after the refusal");
    await page.getByRole("link", { name: "Open the existing interaction" }).click();
    await expect(page).toHaveURL(first);
  });

  test("when Parley cannot be reached, the page stays as it was and importing again works", async ({ page }) => {
    const externalId = `e2e-offline-${uniqueSuffix()}`;
    const { lead, agent } = await seedImporters();
    await openImport(page, lead);
    await page.getByLabel("Transcript or chat file").setInputFiles(fixture("import-chat.csv"));
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
    await page.getByLabel("External id").fill(externalId);
    await page.getByLabel("Agent", { exact: true }).selectOption(agent.email);
    await page.getByLabel("Tags (optional)").fill("typed before the outage");

    let dropped = 0;
    await page.route("**/import.data", async (route) => {
      const body = route.request().postDataBuffer()?.toString("latin1") ?? "";
      if (dropped === 0 && /name="intent"\r\n\r\nimport\r\n/.test(body)) {
        dropped++;
        return route.abort("internetdisconnected");
      }
      return route.continue();
    });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Parley could not be reached" })).toBeVisible();
    await expect(page).toHaveURL(/\/import$/);
    await expect(page.getByLabel("Tags (optional)")).toHaveValue("typed before the outage");
    await expect(page.getByLabel("External id")).toHaveValue(externalId);
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page).toHaveURL(interactionUrl);
    await expect(page.getByText(externalId)).toBeVisible();
  });

  test("a large recording goes up in parts, and Try again after a dropped connection sends only the missing part", async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    // Over the 32 MB threshold: three parts of 16 MiB, 16 MiB and the rest.
    const recording = testInfo.outputPath("long-call.wav");
    await writeFile(recording, twoChannelWav({ seconds: 1300, toneSeconds: 6 }));
    const externalId = `e2e-long-${uniqueSuffix()}`;
    const { lead, agent } = await seedImporters();
    await openImport(page, lead);

    const putsByPart = new Map<string, number>();
    let dropped = 0;
    await page.route(
      (url) => url.searchParams.has("partNumber"),
      async (route) => {
        const request = route.request();
        if (request.method() !== "PUT") return route.continue();
        const part = new URL(request.url()).searchParams.get("partNumber") ?? "?";
        putsByPart.set(part, (putsByPart.get(part) ?? 0) + 1);
        // Part 2 loses its connection on the first attempt and all three retries.
        if (part === "2" && dropped < 4) {
          dropped++;
          return route.abort("connectionreset");
        }
        return route.continue();
      },
    );

    await page.getByLabel("Recording (optional)").setInputFiles(recording);
    await page.getByLabel("Transcript or chat file").setInputFiles(callVtt(agent));
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
    await page.getByLabel("External id").fill(externalId);
    await page.getByLabel("Customer name (optional)").fill("Robert Okoye");
    await page.getByRole("button", { name: "Import" }).click();

    // Four attempts of part 2 with growing pauses, each 16 MiB body passing through Playwright's interception.
    const failure = page.getByRole("alert").filter({ hasText: "The upload stopped" });
    await expect(failure).toContainText("The connection to storage was lost.", { timeout: 45_000 });
    await expect(page.getByText(/^\d+% · [\d.]+ of 39\.7 MiB$/)).toBeVisible();
    expect(Object.fromEntries(putsByPart)).toEqual({ "1": 1, "2": 4, "3": 1 });
    await expect(page.getByLabel("Customer name (optional)")).toHaveValue("Robert Okoye");
    await expect(page.getByLabel("External id")).toHaveValue(externalId);

    await failure.getByRole("button", { name: "Try again" }).click();
    await expect(page).toHaveURL(interactionUrl, { timeout: 30_000 });
    expect(Object.fromEntries(putsByPart)).toEqual({ "1": 1, "2": 5, "3": 1 });
    await expect(page.getByText(externalId)).toBeVisible();
  });

  test("Cancel stops the upload and keeps everything; importing again finishes it", async ({ page }) => {
    const externalId = `e2e-cancel-${uniqueSuffix()}`;
    const { lead, agent } = await seedImporters();
    await openImport(page, lead);
    let holding = true;
    let letGo = () => {};
    await page.route(
      (url) => url.pathname.endsWith(".wav"),
      async (route) => {
        if (route.request().method() !== "PUT" || !holding) return route.continue();
        await new Promise<void>((resolve) => (letGo = resolve));
        // The page has cancelled this request by now.
        await route.abort().catch(() => {});
      },
    );
    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 3 }) });
    await page.getByLabel("Transcript or chat file").setInputFiles(callVtt(agent));
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("progressbar", { name: "Recording upload" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel upload" }).click();
    await expect(page.getByText(/^Upload cancelled\./)).toBeVisible();
    await expect(page.getByLabel("External id")).toHaveValue(externalId);
    holding = false;
    letGo();

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page).toHaveURL(interactionUrl);
    await expect(page.getByText(externalId)).toBeVisible();
  });

  test("the form, its speaker table and its errors have no serious accessibility problems", async ({ page }) => {
    const { lead } = await seedImporters();
    await openImport(page, lead);
    await page.getByLabel("Transcript or chat file").setInputFiles(fixture("import-chat.csv"));
    await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
    await page.getByLabel("External id").fill("");
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.locator("#agent-error")).toHaveText("Choose the agent who handled the conversation");
    await expect(page.locator("#externalId-error")).toBeVisible();
    await expect(page.getByLabel("Agent", { exact: true })).toBeFocused();
    await expectNoSeriousViolations(page);
  });

  test("an agent may not open the import page", async ({ page }) => {
    await loginAs(page, await seedLogin("agent"));
    const response = await page.goto("/import");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "You do not have access" })).toBeVisible();
  });

});
