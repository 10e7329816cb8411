/**
 * What the import page and the conversation page say about files that import with a
 * problem: an empty recording is named as empty, and a transcript that runs past its
 * recording is imported with a note on the conversation's page. Each test imports its
 * own files; only the login and the agent come from the demo organisation.
 */
import type { Page } from "@playwright/test";
import { expect, loginAs, test, uniqueSuffix, users, waitForHydration } from "./fixtures";
import { twoChannelWav } from "./fixtures/wav";

/** Well before the demo data's last 40 days, which other specs count on. */
const STARTED_AT = "2025-06-03T09:40";

/** A five-minute call transcript whose agent voice names the demo agent, so the page picks her. */
const fiveMinuteVtt = [
  "WEBVTT",
  "",
  "00:00.200 --> 00:01.800",
  `<v ${users.agent.name}>Thanks for calling, this is Dana.`,
  "",
  "04:55.000 --> 05:00.000",
  "<v Robert>And that is all, thank you.",
  "",
].join("\n");

async function openImport(page: Page) {
  await loginAs(page, "qa_lead");
  await page.goto("/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import interactions" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Started at").fill(STARTED_AT);
}

test.describe("import warnings", () => {
  test("an empty recording is named as empty, not only 'correct the highlighted fields'", async ({ page }) => {
    const externalId = `e2e-empty-${uniqueSuffix()}`;
    await openImport(page);
    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: Buffer.alloc(0) });
    await page.getByLabel("Transcript or chat file").setInputFiles({ name: `${externalId}.vtt`, mimeType: "text/vtt", buffer: Buffer.from(fiveMinuteVtt) });
    await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(users.agent.email);

    await page.getByRole("button", { name: "Import" }).click();

    await expect(page.getByLabel("Recording (optional)")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText(`${externalId}.wav is empty: it holds no audio`)).toBeVisible();
    await expect(page).toHaveURL(/\/import$/);
  });

  test("a transcript that runs past its recording imports with a note on the conversation's page", async ({ page }) => {
    test.setTimeout(60_000);
    const externalId = `e2e-overrun-${uniqueSuffix()}`;
    await openImport(page);
    await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 2 }) });
    await page.getByLabel("Transcript or chat file").setInputFiles({ name: `${externalId}.vtt`, mimeType: "text/vtt", buffer: Buffer.from(fiveMinuteVtt) });
    await expect(page.getByText("WebVTT · a call · 2 turns · 2 speakers")).toBeVisible();
    await expect(page.getByLabel("Agent", { exact: true })).toHaveValue(users.agent.email);

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
