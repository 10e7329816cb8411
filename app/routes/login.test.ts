/**
 * The login route's action as Remix calls it, on real PostgreSQL: where a sign-in lands, and
 * that a session row exists only when the answer carrying its cookie was built.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { seedUser, TEST_PASSWORD } from "../../test/factories";
import { BASE } from "../../test/route-requests";
import { action } from "./login";

function loginRequest(fields: Record<string, string>): Request {
  return new Request(`${BASE}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function redirectOf(work: Promise<unknown>): Promise<Response> {
  const outcome = await work.then(
    (value) => value,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Response)) throw new Error(`expected a redirect, got ${String(outcome)}`);
  return outcome;
}

const sessionsOf = async (userId: string) =>
  Number((await db().selectFrom("sessions").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow()).n);

describe("POST /login", () => {
  it("goes back to where the person was, with the session cookie", async () => {
    const user = await seedUser("qa");
    const response = await redirectOf(
      action({ request: loginRequest({ email: user.email, password: TEST_PASSWORD, redirectTo: "/interactions?q=refund" }), params: {}, context: { clientIp: "192.0.2.10" } }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/interactions?q=refund");
    expect(response.headers.get("Set-Cookie")).toMatch(/^parley_session=/);
    expect(await sessionsOf(user.id)).toBe(1);
  });

  it("falls back to / for a redirectTo with text no Location header can carry, and opens exactly one session with its cookie", async () => {
    const user = await seedUser("qa");
    const response = await redirectOf(
      action({ request: loginRequest({ email: user.email, password: TEST_PASSWORD, redirectTo: "/interactions?q=привет" }), params: {}, context: { clientIp: "192.0.2.11" } }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toMatch(/^parley_session=/);
    expect(await sessionsOf(user.id)).toBe(1);
  });
});
