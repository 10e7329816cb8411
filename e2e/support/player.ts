/** The conversation player as specs meet it: wait for the waveform, read the audio's time. */
import type { Locator, Page } from "@playwright/test";
import { expect, waitForHydration } from "../fixtures";

/** Where the browser's audio element is, in seconds. */
export const audioTime = (player: Locator) => player.locator("audio").evaluate((audio: HTMLAudioElement) => audio.currentTime);

/**
 * A call's waveform is computed by the server's job runner after the call is ingested: open
 * the page again until the player reports its waveform ready, then wait for hydration.
 */
export async function openWhenReady(page: Page, url: string): Promise<Locator> {
  const player = page.locator('.media-player[data-state="ready"]');
  await expect(async () => {
    await page.goto(url);
    await expect(player).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 120_000 });
  await waitForHydration(page);
  return player;
}
