import type { ServerBuild } from "@remix-run/node";
import { guardRouteHandlers, type RouteHandler } from "./guard-route-handlers";
import { hasNul, nulInAddress } from "../app/lib/nul";
import { errorPage, refusalOf } from "../app/lib/errors.server";
import { apiRefusal } from "../app/modules/api/api-response.server";

/**
 * The Remix build with every loader and action guarded in one place (pages, their `.data`
 * requests and the API alike):
 * - an address whose query string or route params hold a NUL character answers 400 with a
 *   message before the route runs (PostgreSQL cannot take a NUL, so it used to answer 500);
 * - a DomainError a route let through (or text PostgreSQL refused to store) becomes the
 *   error page of its status and message instead of Remix's 500 "Unexpected Server Error".
 * API routes (`/api/`) answer in the API's JSON error shape; a legacy `?_data=` request gets the
 * error's JSON with its status.
 */
export function withRefusalAnswers(build: ServerBuild): ServerBuild {
  return guardRouteHandlers(build, guard);
}

function guard<F extends RouteHandler>(handler: F): F {
  const guarded = async (args: Parameters<F>[0]) => {
    const url = new URL(args.request.url);
    const api = url.pathname.startsWith("/api/");
    try {
      try {
        assertNoNulInAddress(args.request.url, args.params);
        return await handler(args);
      } catch (error) {
        // Outages are answered by withOutageAnswers inside this guard; anything else is a bug.
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        throw api ? apiRefusal(refusal) : errorPage(refusal);
      }
    } catch (error) {
      // A legacy `?_data=` request (Parley's pages use `.data`) answers a thrown error page
      // with Remix's {"message":"Unexpected Server Error"} whatever it said: send it as JSON.
      if (url.searchParams.has("_data") && isThrownData(error)) throw Response.json(error.data, error.init ?? undefined);
      throw error;
    }
  };
  return guarded as F;
}

/** What `throw data(body, init)` throws. */
function isThrownData(error: unknown): error is { data: unknown; init: ResponseInit | null } {
  return typeof error === "object" && error !== null && (error as { type?: unknown }).type === "DataWithResponseInit";
}

/** The query string's names and values, then the route params (decoded, as routes see them). */
export function assertNoNulInAddress(url: string, params: Record<string, string | undefined>): void {
  for (const [name, value] of new URL(url).searchParams) {
    if (hasNul(name) || hasNul(value)) throw nulInAddress(hasNul(name) ? "the query string" : name);
  }
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && hasNul(value)) throw nulInAddress(name);
  }
}
