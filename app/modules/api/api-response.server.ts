import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { logger } from "../../../server/logger";
import { DomainError } from "../../lib/errors";
import { apiErrorBody, apiErrorResponse, apiInternalError, type ApiErrorBody, refusalOf } from "../../lib/errors.server";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** A JSON answer. (Resource routes build their Response themselves: status and headers are the API's contract.) */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/**
 * Field names used by the use cases, as paths of the request the client sent, so a
 * message always names something the client can find in its own JSON.
 */
const requestPaths: Record<string, string> = {
  agentId: "agent",
  uploadId: "recording.uploadId",
};

const requestPath = (name: string) => requestPaths[name] ?? name;

/** A refusal as the API's error body, its fields named as the request's paths. */
export function apiRefusalBody(error: DomainError): ApiErrorBody["error"] {
  return apiErrorBody(error, { field: requestPath });
}

/** A refusal as the API's error answer (docs/api.md), its fields named as the request's paths. */
export function apiRefusal(error: DomainError, headers: Record<string, string> = {}): Response {
  return apiErrorResponse(error, { field: requestPath, headers });
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
      const refusal = refusalOf(error);
      if (refusal) return apiRefusal(refusal);
      logger.error({ err: error, method: args.request.method, path: new URL(args.request.url).pathname }, "API request failed");
      return apiInternalError();
    }
  };
}

function notAllowed(allowed: string[]): Response {
  return apiRefusal(new DomainError("method_not_allowed", `Use ${allowed.join(" or ")} here.`), { Allow: allowed.join(", ") });
}

/** The loader or action of a route that does not answer that method (Remix would reply 405 in plain text). */
export function methodNotAllowed(allowed: string[]): () => Promise<Response> {
  return () => Promise.resolve(notAllowed(allowed));
}

/** Every method other than GET/HEAD reaches the action; refuse the ones it does not handle. */
export function assertMethod(request: Request, handled: string[], allowed = handled): void {
  if (!handled.includes(request.method)) throw notAllowed(allowed);
}

