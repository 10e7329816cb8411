import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isDatabaseUnavailable } from "../../../db/outage";
import { logger } from "../../../server/logger";
import { databaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "../../lib/errors";
import { refusalOf } from "../../lib/refusal.server";
import { ApiError, errorBodyOf, isExpectedError, type ApiErrorBody } from "./api-error";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** A JSON answer. (Resource routes build their Response themselves: status and headers are the API's contract.) */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function apiErrorResponse(status: number, error: ApiErrorBody["error"]): Response {
  const headers: Record<string, string> =
    status === 401 ? { "WWW-Authenticate": 'Bearer realm="parley"' } : status === 503 ? { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } : {};
  return apiJson({ error } satisfies ApiErrorBody, status, headers);
}

type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<Response>;

/**
 * Wraps an API loader or action: known errors become `{ error: { code, message,
 * fields? } }` with their status (docs/decisions/0003); a database outage is a 503 (logged
 * once by the pool, not per request); anything else is a bug, logged with the request and
 * answered 500 without details.
 */
export function apiRoute(handler: Handler): Handler {
  return async (args) => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return error;
      if (isExpectedError(error)) return apiErrorResponse(error.status, errorBodyOf(error));
      if (isDatabaseUnavailable(error)) return apiErrorResponse(503, errorBodyOf(databaseUnavailable()));
      const refusal = refusalOf(error);
      if (refusal) return apiErrorResponse(refusal.status, errorBodyOf(refusal));
      logger.error({ err: error, method: args.request.method, path: new URL(args.request.url).pathname }, "API request failed");
      return apiErrorResponse(500, { code: "internal", message: "Something went wrong on our side. Try again; if it keeps happening, tell your administrator." });
    }
  };
}

function notAllowed(allowed: string[]): Response {
  const error: ApiErrorBody["error"] = { code: "method_not_allowed", message: `Use ${allowed.join(" or ")} here.` };
  return apiJson({ error } satisfies ApiErrorBody, 405, { Allow: allowed.join(", ") });
}

/** The loader or action of a route that does not answer that method (Remix would reply 405 in plain text). */
export function methodNotAllowed(allowed: string[]): () => Promise<Response> {
  return () => Promise.resolve(notAllowed(allowed));
}

/** Every method other than GET/HEAD reaches the action; refuse the ones it does not handle. */
export function assertMethod(request: Request, handled: string[], allowed = handled): void {
  if (!handled.includes(request.method)) throw notAllowed(allowed);
}

export { ApiError };
