/**
 * Test support for the API: requests to the route modules as a client would send
 * them, tokens for seeded users, and JSON bodies. Not used by the app.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { seedTeam, seedUser } from "../../../test/factories";
import { db } from "../../lib/db.server";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { pcm16WavHeader } from "../recordings/pcm-wav-header";
import type { Role, Viewer } from "../users/roles";

export interface ApiUser extends Viewer {
  token: string;
}

/** A user of `role` with an API token. */
export async function apiUser(role: Role, teamIds: string[] = []): Promise<ApiUser> {
  const user = await seedUser(role, teamIds);
  const { token } = await createApiToken(db(), user, `test ${role}`);
  return { ...user, token };
}

export const externalId = () => `ext-${randomBytes(4).toString("hex")}`;

/** A team's agent and a QA lead who imports for them, each with an API token. */
export async function importer() {
  const team = await seedTeam();
  const agent = await apiUser("agent", [team.id]);
  const lead = await apiUser("qa_lead");
  return { team, agent, lead };
}

/** A valid import of a chat for `agentEmail`, with `overrides`. */
export const chatRequest = (agentEmail: string, overrides: Record<string, unknown> = {}) => ({
  externalId: externalId(),
  agent: agentEmail,
  startedAt: "2026-03-02T10:00:00Z",
  source: "api-test",
  transcript: { fileName: "chat.json", content: chatJson() },
  ...overrides,
});

type RouteHandler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<Response> | Response;

interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  rawBody?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

/** Calls a route's loader or action with a Request built like a client's (JSON body, bearer token). */
/** What a test reads from an answer: the error body, or any other field it then narrows. */
export interface ApiAnswer {
  error?: { code: string; message: string; fields?: Record<string, string> };
  [key: string]: unknown;
}

export async function callRoute<T = ApiAnswer>(
  handler: RouteHandler,
  method: string,
  path: string,
  { token, body, rawBody, headers = {}, params = {} }: CallOptions = {},
): Promise<{ status: number; headers: Headers; json: T }> {
  const text = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const request = new Request(`http://parley.test${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(text !== undefined ? { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) } : {}),
      ...headers,
    },
    body: text,
  });
  const response = await handler({ request, params, context: {} });
  const raw = await response.text();
  return { status: response.status, headers: response.headers, json: (raw ? JSON.parse(raw) : null) as T };
}

export const chatJson = (agentName = "Lena", start = "2026-03-02T10:00:00Z") =>
  JSON.stringify({
    messages: [
      { created_at: start, role: "customer", author: "Tom", text: "My invoice shows a late fee I already paid." },
      { created_at: new Date(Date.parse(start) + 40_000).toISOString(), role: "agent", author: agentName, text: "Let me look at that for you." },
    ],
  });

export const callVtt = () =>
  ["WEBVTT", "", "00:00.000 --> 00:00.400", "<v Agent>Thanks for calling.", "", "00:00.400 --> 00:00.500", "<v Customer>Hi."].join("\n");

/** A valid mono 8 kHz 16-bit PCM WAV of silence, `dataBytes` long: large recordings without computing samples. */
export function silentWav(dataBytes: number): Buffer {
  return Buffer.concat([pcm16WavHeader({ channels: 1, sampleRate: 8000, dataBytes }), Buffer.alloc(dataBytes)]);
}
