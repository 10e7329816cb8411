import { expect, loginAs, seedLogin, test } from "./fixtures";

/**
 * Answers a browser (or anyone) gets over HTTP from the real server, beyond the pages
 * themselves: no caching of what only the viewer may see, a message for a NUL in the address,
 * and data requests that say why they were refused. Each test signs in as a user it makes;
 * nothing here reads data.
 */

test.describe("caching", () => {
  test("signed-in pages and their data are never stored by a cache", async ({ page }) => {
    await loginAs(page, await seedLogin("qa"));
    for (const path of ["/interactions", "/interactions.data", "/queue", "/queue.data", "/?_data=root"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["cache-control"], path).toBe("private, no-store");
    }
    const document = await page.goto("/interactions");
    expect(document?.headers()["cache-control"]).toBe("private, no-store");
  });
});

test.describe("a NUL character in the address", () => {
  test("the search pages answer 400 saying what is wrong", async ({ page }) => {
    await loginAs(page, await seedLogin("admin"));
    for (const path of ["/interactions?q=%00", "/admin/users?q=%00"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(400);
      await expect(page.getByRole("heading", { level: 1, name: "That request could not be read" })).toBeVisible();
      await expect(page.getByText("The address has a NUL character (\\0) in “q”")).toBeVisible();
    }
    const data = await page.request.get("/interactions.data?q=%00");
    expect(data.status()).toBe(400);
    expect(await data.text()).toContain("NUL character");
  });
});

test.describe("refused data requests", () => {
  test("a denied or missing route says what it is, as .data and as ?_data=", async ({ page }) => {
    await loginAs(page, await seedLogin("agent"));
    const denied = await page.request.get("/queue?_data=routes/queue");
    expect(denied.status()).toBe(403);
    expect(await denied.json()).toEqual({ code: "forbidden", message: "You do not have access to this page." });
    const missing = await page.request.get("/no-such-page?_data=routes/no-such-page");
    expect(missing.status()).toBe(404);
    expect(await missing.json()).toEqual({ code: "not_found", message: "There is nothing at this address, or you do not have access to it." });

    const deniedData = await page.request.get("/queue.data");
    expect(deniedData.status()).toBe(403);
    expect(await deniedData.text()).toContain("You do not have access to this page.");
    expect(deniedData.headers()["cache-control"]).toBe("private, no-store");
  });
});
