/**
 * PostgreSQL stops under a running server and starts again: pages, their `.data` requests and
 * the API answer 503 with `Retry-After` and a message a person understands (not 500
 * "Unexpected Server Error"), the log says once that the database is gone and once that it is
 * back (no stack trace per request), and the server serves again by itself.
 */
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const MESSAGE = "Parley cannot reach its database at the moment, so nothing was loaded or saved.";

let own: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  own = await startOwnServer();
});

test.afterAll(async () => {
  await own?.dispose();
});

test("a database outage answers 503 with Retry-After, is logged once when it starts and once when it ends", async ({ page }) => {
  test.setTimeout(120_000);
  const base = own.server.url;
  const cookie = await own.signIn();
  const asAdmin = { headers: { Cookie: cookie } };
  const api = { headers: { Authorization: `Bearer ${own.apiToken}` } };
  expect((await fetch(`${base}/interactions`, asAdmin)).status).toBe(200);
  expect((await fetch(`${base}/api/v1/interactions`, api)).status).toBe(200);
  const [name, value] = cookie.split("=") as [string, string];
  await page.context().addCookies([{ name, value, url: base }]);
  const linesBefore = own.lines.length;

  await own.postgres.stop();

  // A page, as the browser loads it.
  const pageResponse = await fetch(`${base}/interactions`, asAdmin);
  expect(pageResponse.status).toBe(503);
  expect(pageResponse.headers.get("retry-after")).toBe("30");
  expect(await pageResponse.text()).toContain(MESSAGE);
  // The same page's data, as a navigation inside the app asks for it.
  const dataResponse = await fetch(`${base}/interactions.data`, asAdmin);
  expect(dataResponse.status).toBe(503);
  expect(dataResponse.headers.get("retry-after")).toBe("30");
  expect(await dataResponse.text()).toContain(MESSAGE);
  // The API, in its JSON error shape.
  const apiResponse = await fetch(`${base}/api/v1/interactions`, api);
  expect(apiResponse.status).toBe(503);
  expect(apiResponse.headers.get("retry-after")).toBe("30");
  expect(await apiResponse.json()).toEqual({ error: { code: "unavailable", message: expect.stringContaining(MESSAGE) as unknown } });
  // What a person sees.
  await page.goto(`${base}/interactions`);
  await expect(page.getByRole("heading", { level: 1, name: "Parley is unavailable for a moment" })).toBeVisible();
  await expect(page.getByText(MESSAGE)).toBeVisible();
  // The health check names the database.
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(503);
  expect(((await health.json()) as { checks: { database: { ok: boolean } } }).checks.database.ok).toBe(false);

  // Many more requests while it lasts.
  const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => fetch(`${base}/${i % 2 ? "interactions" : "queue"}`, asAdmin).then((response) => response.status)));
  expect(new Set(statuses)).toEqual(new Set([503]));

  await own.postgres.start();
  await expect.poll(async () => (await fetch(`${base}/interactions`, asAdmin)).status, { timeout: 20_000 }).toBe(200);
  expect((await fetch(`${base}/api/v1/interactions`, api)).status).toBe(200);
  await expect.poll(async () => (await fetch(`${base}/healthz`)).status, { timeout: 20_000 }).toBe(200);

  const during = own.lines.slice(linesBefore);
  expect(during.filter((line) => line.msg.startsWith("database unavailable"))).toHaveLength(1);
  expect(during.filter((line) => line.msg.startsWith("database available again"))).toHaveLength(1);
  // Refused requests are logged as such (a warning line each), with no stack trace anywhere.
  expect(during.filter((line) => JSON.stringify(line).includes("    at "))).toEqual([]);
  expect(during.filter((line) => line.msg === "request" && line.status === 500)).toEqual([]);
  expect(during.filter((line) => line.msg === "request" && line.status === 503).length).toBeGreaterThanOrEqual(64);
});
