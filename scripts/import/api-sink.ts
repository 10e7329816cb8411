/** API mode: the import talks to a running Parley through /api/v1 with a bearer token. */
import type { ApiErrorBody } from "../../app/lib/errors.server";
import type { UploadPlanJson } from "../../app/modules/api/api.schema";
import { describeFailure, FatalError, ItemFailure, type ImportSink } from "./sink";

const ATTEMPTS = 3;

export function createApiSink(baseUrl: string, token: string): ImportSink & { check(): Promise<void> } {
  async function call<T>(method: string, route: string, body?: unknown): Promise<{ status: number; json: T }> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/v1${route}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        // Safe to repeat: a repeated import is a duplicate, a repeated upload start an unused intent the sweep removes.
        if (attempt < ATTEMPTS) {
          await pause(attempt);
          continue;
        }
        throw new FatalError(`Cannot reach ${baseUrl}: ${(error as Error).message}`);
      }
      const text = await response.text();
      const json = parse(text);
      if (response.ok) return { status: response.status, json: json as T };
      if ((response.status >= 500 || response.status === 429) && attempt < ATTEMPTS) {
        await pause(attempt);
        continue;
      }
      const error = (json as Partial<ApiErrorBody> | null)?.error;
      const message = error?.message ?? `${response.status} ${response.statusText}: ${text.slice(0, 200)}`;
      if (response.status === 401 || response.status === 403) throw new FatalError(`The API refused the token (${response.status}): ${message}`);
      if (response.status === 404 && !error) throw new FatalError(`There is no Parley API at ${baseUrl} (404 for ${route}).`);
      throw new ItemFailure(describeFailure(message, error?.fields));
    }
  }
  return {
    async check() {
      await call("GET", "/interactions?limit=1");
    },
    async startUpload(input) {
      return (await call<UploadPlanJson>("POST", "/uploads", input)).json;
    },
    async importOne(request) {
      const { status, json } = await call<{ id: string; status: "created" | "duplicate"; warnings?: string[] }>("POST", "/interactions", request);
      return { id: json.id, status: status === 201 ? "created" : json.status, warnings: json.warnings ?? [] };
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
