import { describe, expect, it } from "vitest";
import { createSession, loadSession } from "../modules/auth/session.server";
import { seedUser } from "../../test/factories";
import { assertCsrf, commitSessionCookie, getViewer, requireSession, safeRedirectPath } from "./auth.server";
import { db } from "./db.server";
import { DomainError } from "./errors";

describe("safeRedirectPath", () => {
  it.each(["/", "/interactions", "/interactions?channel=call&page=2", "/admin/users/abc#teams"])("keeps the same-site path %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    ["a protocol-relative URL", "//evil.com"],
    ["a protocol-relative URL with a path", "//evil.com/login"],
    ["a backslash that browsers read as a slash", "/\\evil.com"],
    ["an absolute URL", "https://x"],
    ["a tab that browsers drop, turning it into //evil.com", "/\t/evil.com"],
    ["a newline that browsers drop, turning it into //evil.com", "/\n/evil.com"],
    ["a backslash after a tab", "/\t\\evil.com"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "interactions"],
    ["an empty string", ""],
    ["text outside Latin-1, which no Location header can carry", "/interactions?q=привет"],
    ["Latin-1 text, which a path Parley builds never has unencoded", "/interactions?q=café"],
    ["a space", "/interactions?q=a b"],
  ])("falls back for %s", (_what, value) => {
    expect(safeRedirectPath(value)).toBe("/");
    expect(safeRedirectPath(value, "/home")).toBe("/home");
  });

  it("falls back when the value is not a string (a missing or repeated form field)", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
    expect(safeRedirectPath(["/a", "/b"])).toBe("/");
  });
});

async function signedInRequest(url = "http://parley.test/interactions?channel=call") {
  const user = await seedUser("qa");
  const { token, expiresAt } = await createSession(db(), { userId: user.id, ttlHours: 1 });
  const setCookie = await commitSessionCookie(new Request(url), token, expiresAt);
  const cookie = setCookie.split(";")[0] as string;
  return { user, token, request: new Request(url, { headers: { Cookie: cookie } }) };
}

describe("session cookie", () => {
  it("identifies the signed-in viewer from the cookie the login set", async () => {
    const { user, request } = await signedInRequest();
    expect(await getViewer(request)).toMatchObject({ id: user.id, role: "qa" });
  });

  it("marks the cookie HttpOnly and SameSite=Lax, and Secure on https", async () => {
    const plain = await commitSessionCookie(new Request("http://parley.test/"), "t", new Date(Date.now() + 60_000));
    expect(plain).toMatch(/HttpOnly/i);
    expect(plain).toMatch(/SameSite=Lax/i);
    expect(plain).not.toMatch(/Secure/i);
    const secure = await commitSessionCookie(new Request("https://parley.test/"), "t", new Date(Date.now() + 60_000));
    expect(secure).toMatch(/Secure/i);
  });

  it("sends a visitor without a session to the login page and back to where they were", async () => {
    const thrown: unknown = await requireSession(new Request("http://parley.test/interactions?channel=call")).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/interactions?channel=call")}`);
  });

  it("treats a cookie for an unknown token as signed out", async () => {
    const url = "http://parley.test/";
    const setCookie = await commitSessionCookie(new Request(url), "not-a-real-token", new Date(Date.now() + 60_000));
    const request = new Request(url, { headers: { Cookie: setCookie.split(";")[0] as string } });
    expect(await getViewer(request)).toBeNull();
  });
});

describe("assertCsrf", () => {
  it("accepts a form carrying the session's token and refuses any other", async () => {
    const { token } = await signedInRequest();
    const session = await loadSession(db(), token);
    if (!session) throw new Error("session not loaded");

    const good = new FormData();
    good.set("_csrf", session.csrfToken);
    expect(() => assertCsrf(session, good)).not.toThrow();

    const lastChar = session.csrfToken.at(-1) === "A" ? "B" : "A";
    for (const sent of [null, "", "x", `${session.csrfToken.slice(0, -1)}${lastChar}`]) {
      const form = new FormData();
      if (sent !== null) form.set("_csrf", sent);
      const error = (() => {
        try {
          assertCsrf(session, form);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "forbidden", status: 403 });
    }
  });
});
