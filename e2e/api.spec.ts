import type { Browser } from "@playwright/test";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

// The REST API through the real server (express in front of Remix): routing of the
// resource routes, JSON errors, and the server's own checks for /api/. Imports and
// uploads are covered by the integration tests in app/modules/api/.

/** Creates a token as the admin through the settings page and returns the secret. */
async function adminToken(browser: Browser): Promise<{ token: string; name: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, await seedLogin("admin"));
  await page.goto("/settings/api-tokens");
  await waitForHydration(page);
  const name = `e2e api ${uniqueSuffix()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new API token").inputValue();
  await context.close();
  return { token, name };
}

test.describe("REST API", () => {
  test("serves its OpenAPI document and answers unknown paths and missing tokens in JSON", async ({ request }) => {
    const document = await request.get("/api/v1/openapi.json");
    expect(document.status()).toBe(200);
    const body = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(["/uploads", "/interactions", "/interactions/batch", "/interactions/{id}"]));

    const missing = await request.get("/api/v1/interactions");
    expect(missing.status()).toBe(401);
    expect(missing.headers()["www-authenticate"]).toMatch(/^Bearer/);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

    const unknown = await request.get("/api/v1/calls");
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: "not_found", message: "There is no API endpoint GET /api/v1/calls. See /api/v1/openapi.json." },
    });
  });

  test("accepts bearer-token writes from other origins (no cookie, no CSRF) and reports bad input", async ({ request, browser }) => {
    const { token } = await adminToken(browser);
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Origin: "https://crm.example.com" };

    const malformed = await request.post("/api/v1/interactions", { headers: auth, data: Buffer.from('{"externalId": ') });
    expect(malformed.status()).toBe(400);
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe("bad_request");

    const invalid = await request.post("/api/v1/interactions", { headers: auth, data: { externalId: "x", startedAt: "now" } });
    expect(invalid.status()).toBe(422);
    expect(((await invalid.json()) as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({
      agent: "agent is required: the agent's email or user id",
      startedAt: "startedAt must be an ISO 8601 time with a zone, e.g. 2026-03-01T09:30:00Z",
      transcript: "is required",
    });

    const batch = await request.post("/api/v1/interactions/batch", {
      headers: auth,
      data: { interactions: [{ externalId: "e2e-ghost", agent: "ghost@example.test", startedAt: "2019-01-01T00:00:00Z", transcript: { content: "WEBVTT\n\n00:00.000 --> 00:01.000\nHi" } }] },
    });
    expect(batch.status()).toBe(200);
    expect(await batch.json()).toMatchObject({ created: 0, duplicates: 0, failed: 1, results: [{ index: 0, status: "failed", error: { fields: { agent: "Unknown agent" } } }] });

    const tooBig = await request.post("/api/v1/uploads", {
      headers: auth,
      data: { fileName: "huge.wav", contentType: "audio/wav", size: 100 * 1024 ** 4 },
    });
    expect(tooBig.status()).toBe(422);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toBe("The recording is larger than the 2048 MiB limit.");

    const get = await request.get("/api/v1/uploads", { headers: auth });
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe("POST");
  });
});
