/**
 * The embedded object store serves any browser that opens Parley by the address it was
 * given (decision 0014): at 127.0.0.1, at localhost, and at a name standing for another
 * machine (parley.test, which Chromium is told resolves to 127.0.0.1). At each, a person
 * uploads a call on the import page, then plays it: the waveform loads and the audio
 * seeks by Range, all through the app's own origin. The server is this spec's own
 * (embedded store in a data folder of its own); the spec makes every conversation it opens.
 */
import { createUser } from "../app/modules/users/create-user.server";
import { createDb } from "../db/client";
import { expect, submitLogin, test, waitForHydration } from "./fixtures";
import { twoChannelWav } from "./fixtures/wav";
import { OWN_ADMIN, startOwnServer, type OwnServer } from "./support/own-server";
import { seedData } from "../app/modules/access/actor";

const OTHER_MACHINE = "parley.test";
const HOSTS = ["127.0.0.1", "localhost", OTHER_MACHINE] as const;
const AGENT = { name: "Dana Reyes", email: "dana@own-server.test" };
const TRANSCRIPT = [
  "WEBVTT",
  "",
  "00:00.200 --> 00:02.400",
  "<v Dana Reyes>Thanks for calling Parley Billing, this is Dana.",
  "",
  "00:04.100 --> 00:06.000",
  "<v Robert>Hi Dana, my last invoice was charged twice.",
  "",
].join("\n");

let own: OwnServer;
let port: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  own = await startOwnServer();
  port = new URL(own.server.url).port;
  const db = createDb({ connectionString: own.databaseUrl, max: 1 });
  try {
    await createUser(db, seedData, { ...AGENT, role: "agent", teamIds: [], password: "agent password 1" });
  } finally {
    await db.destroy();
  }
});

test.afterAll(async () => {
  await own?.dispose();
});

test("the API hands out storage URLs on the address it was called at, and they take the upload", async () => {
  const base = `http://localhost:${port}`;
  const wav = new Uint8Array(twoChannelWav({ seconds: 1 }));
  const plan = await fetch(`${base}/api/v1/uploads`, {
    method: "POST",
    headers: { Authorization: `Bearer ${own.apiToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ fileName: "api.wav", contentType: "audio/wav", size: wav.length }),
  });
  expect(plan.status).toBe(201);
  const { single } = (await plan.json()) as { single: { url: string; headers: Record<string, string> } };
  expect(single.url.startsWith(`${base}/storage/parley/`)).toBe(true);
  const put = await fetch(single.url, { method: "PUT", headers: single.headers, body: wav });
  expect(put.status).toBe(200);
  // Without its signature the same address refuses.
  expect((await fetch(single.url.split("?")[0] ?? "")).status).toBe(403);
});

for (const host of HOSTS) {
  test(`opened at ${host}: a call is uploaded, its waveform loads and the audio seeks`, async ({ playwright, launchOptions }) => {
    test.setTimeout(120_000);
    const browser = await playwright.chromium.launch({
      ...launchOptions,
      args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${OTHER_MACHINE} 127.0.0.1`],
    });
    try {
      const base = `http://${host}:${port}`;
      const page = await (await browser.newContext({ baseURL: base })).newPage();
      const storageAnswers: { status: number; range: string | null }[] = [];
      page.on("response", (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith("/storage/")) {
          storageAnswers.push({ status: response.status(), range: response.request().headers().range ?? null });
        }
      });

      await page.goto("/login");
      await submitLogin(page, OWN_ADMIN.email, OWN_ADMIN.password);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

      // Upload: the recording goes from this page to /storage on the address it was opened at.
      const externalId = `any-address-${host}`;
      await page.goto("/import");
      await waitForHydration(page);
      await page.getByLabel("Started at").fill("2 Jun 2025, 10:15");
      await page.getByLabel("Recording (optional)").setInputFiles({ name: `${externalId}.wav`, mimeType: "audio/wav", buffer: twoChannelWav({ seconds: 7 }) });
      await page.getByLabel("Transcript or chat file").setInputFiles({ name: `${externalId}.vtt`, mimeType: "text/vtt", buffer: Buffer.from(TRANSCRIPT) });
      await expect(page.getByRole("group", { name: "Who is the agent?" })).toBeVisible();
      await page.getByLabel("Agent", { exact: true }).selectOption(AGENT.email);
      await page.getByRole("button", { name: "Import" }).click();
      await expect(page).toHaveURL(/\/interactions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
      expect(storageAnswers.filter((answer) => answer.status === 200)).toHaveLength(1);

      // Play: the page is opened again until the waveform job has run; then the waveform
      // (peaks from /storage) and the audio (Range requests to /storage) load.
      const player = page.locator('.media-player[data-waveform-ready="true"]');
      await expect(async () => {
        await page.reload();
        await expect(player).toBeVisible({ timeout: 3_000 });
      }).toPass({ timeout: 60_000 });
      await waitForHydration(page);
      await expect(page.getByText("The waveform could not be loaded")).toHaveCount(0);

      const turn = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(1);
      await turn.getByRole("button", { name: "Play from 0:04" }).click();
      const audio = player.locator("audio");
      // Playing on from the turn proves the seek and the Range requests behind it; on a loaded
      // machine the audio's first ranges can take longer than the default 10 s to arrive.
      await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime), { timeout: 25_000 }).toBeGreaterThan(4.2);
      await player.getByRole("button", { name: "Pause" }).click();
      expect(await audio.evaluate((element: HTMLAudioElement) => element.error)).toBeNull();

      expect(storageAnswers.filter((answer) => answer.status >= 400)).toEqual([]);
      expect(storageAnswers.some((answer) => answer.status === 206 && answer.range !== null)).toBe(true);
    } finally {
      await browser.close();
    }
  });
}
