import { timingSafeEqual } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { getConfig } from "../../server/config";
import { loadSession, type SessionRecord } from "../modules/auth/session.server";
import { can, type Permission } from "../modules/access/permissions";
import type { Viewer } from "../modules/users/roles";
import { db } from "./db.server";
import { DomainError } from "./errors";
import { errorPage } from "./errors.server";

const SESSION_COOKIE = "parley_session";

function sessionCookie(request: Request) {
  const secure = new URL(request.url).protocol === "https:" || getConfig().PUBLIC_URL?.startsWith("https:") === true;
  return createCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secure });
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function commitSessionCookie(request: Request, token: string, expiresAt: Date): Promise<string> {
  return sessionCookie(request).serialize(token, { expires: expiresAt });
}

export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie(request).serialize("", { expires: new Date(0) });
}

// Loaders of one request (root + route) run in parallel; load the session once.
const sessionsByRequest = new WeakMap<Request, Promise<SessionRecord | null>>();

export function getSession(request: Request): Promise<SessionRecord | null> {
  let pending = sessionsByRequest.get(request);
  if (!pending) {
    pending = readSessionToken(request).then((token) => (token ? loadSession(db(), token) : null));
    sessionsByRequest.set(request, pending);
  }
  return pending;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getSession(request))?.viewer ?? null;
}

/** The signed-in viewer, or a redirect to the login page that comes back here. */
export async function requireSession(request: Request): Promise<SessionRecord> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return session;
}

export async function requireViewer(request: Request): Promise<Viewer> {
  return (await requireSession(request)).viewer;
}

export async function requirePermission(request: Request, permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer(request);
  if (!can(viewer, permission)) throw errorPage("forbidden", "You do not have access to this page.");
  return viewer;
}

/**
 * Synchronizer-token CSRF check for form posts: the hidden `_csrf` field must equal
 * the token stored with the session. (The server also rejects cross-origin
 * mutating requests by their Origin header before they reach Remix.)
 */
export function assertCsrf(session: SessionRecord, form: FormData): void {
  const sent = form.get("_csrf");
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === "string" ? sent : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new DomainError("forbidden", "This form has expired. Reload the page and try again.");
  }
}

const SAME_ORIGIN_PROBE = "http://parley.invalid";

/**
 * Only same-site relative paths, so a crafted link cannot bounce a login elsewhere; and only
 * printable ASCII, which is all a path Parley builds contains (requireSession percent-encodes
 * it): anything else (non-Latin-1 text, control characters) cannot go into a Location header.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  if (!/^[\x21-\x7e]+$/.test(value)) return fallback;
  // Browsers drop tabs and newlines inside a URL, so "/\t/evil.com" lands on evil.com:
  // resolve the path the way a browser will and insist it stays on this origin.
  try {
    if (new URL(value, SAME_ORIGIN_PROBE).origin !== SAME_ORIGIN_PROBE) return fallback;
  } catch {
    return fallback;
  }
  return value;
}
