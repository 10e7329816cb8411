/**
 * What the import page and the conversation page say about files that import with a
 * problem: an empty recording is named as empty, and a transcript that runs past its
 * recording is imported with a note on the conversation's page. Each test imports its
 * own files, as a QA lead it made, for an agent it made.
 */
import type { Page } from "@playwright/test";
import { seedTeam } from "../test/factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration, type SeededLogin } from "./fixtures";
import { twoChannelWav } from "./fixtures/wav";

const STARTED_AT = "3 Jun 2025, 09:40";

/** A five-minute call transcript whose agent voice names the agent, so the page picks her. */
const fiveMinuteVtt = (agent: { name: string }) =>
  [
    "WEBVTT",
    "",
    "00:00.200 --> 00:01.800",
    `<v ${agent.name}>Thanks for calling, this is Dana.`,
    "",
    "04:55.000 --> 05:00.000",
    "<v Robert>And that is all, thank you.",
    "",
  ].join("\n");

/** Signs in as a new QA lead and opens the import page; the agent is named uniquely, so the page's guess finds exactly her. */
async function openImport(page: Page): Promise<SeededLogin> {
  const agent = await seedLogin("agent", [(await seedTeam()).id], `Dana Reyes ${uniqueSuffix()}`);
  await loginAs(page, await seedLogin("qa_lead"));
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import interactions" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Started at").fill(STARTED_AT);
  return agent;
}

test.describe("import warnings", () => {
  test("an empty recording is named as empty, not only 'correct the highlighted fields'", async ({ page }) => {
    const externalId = `e2e-empty-${uniqueSuffix()}`;
    const agent = await openImport(page);
    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: Buffer.alloc(0) });
    await page.getByLabel("Transcript or chat file").setInputFiles({ name: `${externalId}.vtt`, mimeType: "text/vtt", buffer: Buffer.from(fiveMinuteVtt(agent)) });
    await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.email);

    await page.getByRole("button", { name: "Import" }).click();

    await expect(page.getByLabel("Recording (optional)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(`${externalId}.wav is empty: it holds no audio`)).toBeVisible();
    await expect(page).toHaveURL(/\/import$/);
  });

  test("a transcript that runs past its recording imports with a note on the conversation's page", async ({ page }) => {
    test.setTimeout(60_000);
    const externalId = `e2e-overrun-${uniqueSuffix()}`;
    const agent = await openImport(page);
    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 2 }) });
    await page.getByLabel("Transcript or chat file").setInputFiles({ name: `${externalId}.vtt`, mimeType: "text/vtt", buffer: Buffer.from(fiveMinuteVtt(agent)) });
    await expect(page.getByText("WebVTT · a call · 2 turns · 2 speakers")).toBeVisible();
    await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(agent.email);

    await page.getByRole("button", { name: "Import" }).click();
    await expect(page).toHaveURL(/\/interactions\/[0-9a-f-]{36}$/);

    // The page refreshes itself while the waveform job runs; the note comes with the audio's length.
    const notes = page.getByRole("note", { name: "Notes from the import:" });
    await expect(notes).toContainText(
      "The transcript runs to 5:00, past the end of the recording (0:02): turns after 0:02 cannot be played. Check that the transcript belongs to this recording.",
      { timeout: 30_000 },
    );
    await expect(notes.getByRole("listitem")).toHaveCount(1);
    await expect(page.locator(".page-header")).toContainText("0:02");
  });
});
