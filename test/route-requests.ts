/**
 * Calling route loaders and actions the way Remix calls them, with a real session cookie
 * and CSRF token, for route tests on real PostgreSQL and S3.
 */
import { commitSessionCookie } from "../app/lib/auth.server";
import { db } from "../app/lib/db.server";
import { createSession, loadSession } from "../app/modules/auth/session.server";
import type { Viewer } from "../app/modules/users/roles";

export const BASE = "http://parley.test";

export async function signIn(viewer: Pick<Viewer, "id">): Promise<{ cookie: string; csrf: string }> {
  const { token, expiresAt } = await createSession(db(), { userId: viewer.id, ttlHours: 1 });
  const session = await loadSession(db(), token);
  const setCookie = await commitSessionCookie(new Request(BASE), token, expiresAt);
  return { cookie: setCookie.split(";")[0] as string, csrf: session?.csrfToken ?? "" };
}

export async function getRequest(viewer: Pick<Viewer, "id">, path: string): Promise<Request> {
  const { cookie } = await signIn(viewer);
  return new Request(`${BASE}${path}`, { headers: { Cookie: cookie } });
}

/** A form POST; `fields` may repeat a name with an array. `csrf` overrides the session's token. */
export async function postRequest(
  viewer: Pick<Viewer, "id">,
  path: string,
  fields: Record<string, string | string[]>,
  { csrf }: { csrf?: string } = {},
): Promise<Request> {
  const session = await signIn(viewer);
  const body = new URLSearchParams();
  body.append("_csrf", csrf ?? session.csrf);
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { Cookie: session.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** What a loader or action threw: a `data()` error page or a Response (redirect). */
export async function thrown(work: () => Promise<unknown>): Promise<{ status: number; message?: string; location?: string | null }> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    const init = (error as { init?: { status?: number }; data?: { message?: string } }).init;
    if (init?.status) return { status: init.status, message: (error as { data?: { message?: string } }).data?.message };
    throw error;
  }
  throw new Error("expected the route to throw");
}

/** The status and body of a returned `data()` (a form failure), 200 for plain data. */
export function returned(value: unknown): { status: number; message: string; fieldErrors: Record<string, string> } {
  const result = value as { init?: { status?: number }; data?: { message?: string; fieldErrors?: Record<string, string> } };
  return { status: result.init?.status ?? 200, message: result.data?.message ?? "", fieldErrors: result.data?.fieldErrors ?? {} };
}

/** The body of an action's answer, whether returned as `data()` (with a status) or plain. */
export function bodyOf<T>(value: unknown): T {
  const wrapped = value as { data?: unknown; init?: unknown };
  return (wrapped && typeof wrapped === "object" && "init" in wrapped ? wrapped.data : value) as T;
}
