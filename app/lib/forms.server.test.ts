import { describe, expect, it } from "vitest";
import { createSession, loadSession } from "../modules/auth/session.server";
import { createUserSchema } from "../modules/users/user.schema";
import { seedUser } from "../../test/factories";
import { commitSessionCookie } from "./auth.server";
import { db } from "./db.server";
import type { FormFailure } from "./errors.server";
import { formToObject, readForm } from "./forms.server";

const URL_ = "http://parley.test/admin/users/new";
const TEAM_A = "7b0c6f5e-2d1a-4c3b-9e8f-1a2b3c4d5e6f";
const TEAM_B = "0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";

async function signedIn() {
  const admin = await seedUser("admin");
  const { token, expiresAt } = await createSession(db(), { userId: admin.id, ttlHours: 1 });
  const cookie = (await commitSessionCookie(new Request(URL_), token, expiresAt)).split(";")[0] as string;
  const session = await loadSession(db(), token);
  if (!session) throw new Error("session not loaded");
  const post = (fields: Array<[string, string]>) => {
    const body = new URLSearchParams(fields);
    return new Request(URL_, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
  };
  return { admin, csrf: session.csrfToken, post };
}

function failure(result: Awaited<ReturnType<typeof readForm>>): { status: number | undefined; body: FormFailure } {
  if (result.ok) throw new Error("expected the form to be refused");
  const init = result.response.init;
  return { status: typeof init === "number" ? init : init?.status, body: result.response.data };
}

describe("readForm", () => {
  it("parses a valid post into the schema's types, repeated fields as a list", async () => {
    const { csrf, post, admin } = await signedIn();
    const result = await readForm(
      post([
        ["_csrf", csrf],
        ["name", " Sam Patel "],
        ["email", "sam@example.com"],
        ["role", "supervisor"],
        ["teamIds", TEAM_A],
        ["teamIds", TEAM_B],
        ["password", "correct horse battery"],
      ]),
      createUserSchema,
    );
    if (!result.ok) throw new Error("expected the form to be accepted");
    expect(result.input).toEqual({
      name: "Sam Patel",
      email: "sam@example.com",
      role: "supervisor",
      teamIds: [TEAM_A, TEAM_B],
      password: "correct horse battery",
    });
    expect(result.session.viewer.id).toBe(admin.id);
  });

  it("refuses a post with a stale CSRF token with 403 and keeps what was typed", async () => {
    const { post } = await signedIn();
    const { status, body } = failure(
      await readForm(
        post([
          ["_csrf", "stale"],
          ["name", "Sam"],
          ["password", "secret secret"],
        ]),
        createUserSchema,
      ),
    );
    expect(status).toBe(403);
    expect(body.message).toBe("This form has expired. Reload the page and try again.");
    expect(body.values).toEqual({ name: "Sam" });
  });

  it("answers 422 with one message per field, echoing the typed values but never the password or token", async () => {
    const { csrf, post } = await signedIn();
    const { status, body } = failure(
      await readForm(
        post([
          ["_csrf", csrf],
          ["name", "Sam"],
          ["email", "not an email"],
          ["role", "agent"],
          ["password", "short"],
        ]),
        createUserSchema,
      ),
    );
    expect(status).toBe(422);
    expect(body.fieldErrors).toEqual({
      email: "Enter an email address like name@example.com",
      password: "Password must be at least 10 characters",
    });
    expect(body.values).toEqual({ name: "Sam", email: "not an email", role: "agent" });
  });

  it("sends a post without a session to the login page", async () => {
    const request = new Request(URL_, { method: "POST", body: new URLSearchParams([["name", "x"]]) });
    const thrown: unknown = await readForm(request, createUserSchema).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("formToObject", () => {
  it("gives single fields as strings and repeated fields (checkboxes) as arrays", () => {
    const form = new FormData();
    form.append("name", "Dana");
    form.append("teamIds", "a");
    form.append("teamIds", "b");
    expect(formToObject(form)).toEqual({ name: "Dana", teamIds: ["a", "b"] });
  });
});
