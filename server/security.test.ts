/**
 * The HTTP guards in front of Remix, exercised over a real socket: a small
 * express app with the same middleware order as server/http.ts.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { Readable } from "node:stream";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitRequestBodies, rejectCrossSiteWrites, securityHeaders } from "./security";

const STORAGE = "https://storage.example.com";
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(securityHeaders({ storageOrigin: STORAGE, development: false }));
  app.use(limitRequestBodies(1024));
  app.use(rejectCrossSiteWrites(null));
  app.all("*", (req, res) => {
    // Drain the body like Remix would, then answer.
    req.resume();
    req.on("end", () => res.status(200).type("text/plain").send(`ok ${String(res.locals.cspNonce)}`));
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
});

const post = (path: string, headers: Record<string, string> = {}, body = "a=1") =>
  fetch(`${base}${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body });

describe("rejectCrossSiteWrites", () => {
  it("accepts a form post from the app's own origin", async () => {
    const response = await post("/admin/users/new", { Origin: base, "Sec-Fetch-Site": "same-origin" });
    expect(response.status).toBe(200);
  });

  it("refuses a form post that another site's page sent", async () => {
    const response = await post("/admin/users/new", { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Cross-site form submissions are not accepted.");
  });

  it("refuses a cross-site post even when only one of the two headers gives it away", async () => {
    expect((await post("/logout", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/logout", { "Sec-Fetch-Site": "same-site" })).status).toBe(403);
  });

  it("lets cross-site reads and bearer-token API calls through", async () => {
    const read = await fetch(`${base}/interactions`, { headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" } });
    expect(read.status).toBe(200);
    expect((await post("/api/interactions", { Origin: "https://other-system.example" })).status).toBe(200);
  });
});

describe("limitRequestBodies", () => {
  it("accepts a body within the limit", async () => {
    expect((await post("/x", { Origin: base }, "a".repeat(1024))).status).toBe(200);
  });

  it("refuses a body over the limit with 413 and says what the limit is", async () => {
    const response = await post("/x", { Origin: base }, "a".repeat(1025));
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("The request body is larger than the 1 KiB limit.");
  });

  it("answers an API client in the API's error shape, with the documented code", async () => {
    const response = await post("/api/v1/interactions/batch", { Origin: base }, "a".repeat(1025));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: "The request body is larger than the 1 KiB limit." } });
  });

  it("refuses a streamed body without a length, which could not be capped up front", async () => {
    const response = await fetch(`${base}/x`, {
      method: "POST",
      headers: { Origin: base },
      body: Readable.toWeb(Readable.from([Buffer.from("a=1")])) as ReadableStream,
      duplex: "half",
    });
    expect(response.status).toBe(411);
  });
});

describe("securityHeaders", () => {
  it("lets scripts run only with a nonce that changes on every response", async () => {
    const [a, b] = [await fetch(`${base}/`), await fetch(`${base}/`)];
    const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const [nonceA, nonceB] = [nonceOf(a), nonceOf(b)];
    expect(nonceA).toBeTruthy();
    expect(nonceA).not.toBe(nonceB);
    // The nonce in the header is the one handed to the page renderer.
    expect(await a.text()).toBe(`ok ${nonceA}`);
  });

  it("allows media and uploads to reach the storage origin and forbids framing", async () => {
    const csp = (await fetch(`${base}/`)).headers.get("content-security-policy") ?? "";
    const directive = (name: string) => csp.split(";").map((part) => part.trim()).find((part) => part.startsWith(`${name} `));
    expect(directive("media-src")).toContain(STORAGE);
    expect(directive("connect-src")).toContain(STORAGE);
    expect(directive("connect-src")).not.toContain("ws:");
    expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive("object-src")).toBe("object-src 'none'");
    expect(directive("script-src")).not.toContain("unsafe-inline");
  });
});
