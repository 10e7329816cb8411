import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isRouteErrorResponse } from "@remix-run/react";
import { logger } from "../server/logger";
import { isDatabaseUnavailable } from "../db/outage";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "./lib/errors";
import type { ErrorPageData } from "./lib/errors.server";
import { NonceProvider } from "./lib/nonce";

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  responseHeaders.set("Cache-Control", NO_STORE);
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error instanceof Error ? error : new Error(String(error)));
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Pages and their data carry what only this viewer may see, presigned storage URLs included:
 * no cache (the browser's, a proxy's) keeps them.
 */
const NO_STORE = "private, no-store";

/** What a refused data request without a message of its own (an unknown route, say) is answered: an error page's body (app/lib/errors.server.ts). */
const statusMessages: Record<number, ErrorPageData> = {
  400: { code: "bad_request", message: "That request could not be read." },
  403: { code: "forbidden", message: "You do not have access to this page." },
  404: { code: "not_found", message: "There is nothing at this address, or you do not have access to it." },
  405: { code: "method_not_allowed", message: "This address does not accept that kind of request." },
};

/**
 * Every data request (`.data`, and the legacy `?_data=`): never cached; refused while the
 * database is away, it says when to come back, as the page does; and a refusal Remix made
 * itself (no route there, no action) says what it is instead of "Unexpected Server Error".
 */
export async function handleDataRequest(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", NO_STORE);
  if (response.status === 503 && !headers.has("Retry-After")) headers.set("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  let body: BodyInit | null = response.body;
  const refusal = statusMessages[response.status];
  if (refusal && headers.get("X-Remix-Error") === "yes" && /json/.test(headers.get("Content-Type") ?? "")) {
    // Remix's own legacy error body: {"message":"Unexpected Server Error"} for any status.
    await response.body?.cancel();
    body = JSON.stringify(refusal);
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Unexpected errors only: 4xx answers (a guessed URL, a stale form) are the app
 * working as intended, an aborted request is the browser leaving, and a database outage is
 * logged once when it starts and once when it ends (db/outage.ts), not once per request.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  // Remix's note that somebody sent a legacy `?_data=` request: answered, not a fault of Parley's.
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")) return;
  if (isDatabaseUnavailable(error)) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  const status = (error as { init?: { status?: number } } | null)?.init?.status;
  if (typeof status === "number" && status < 500) return;
  logger.error({ err: error, method: request.method, path: new URL(request.url).pathname }, "unhandled error in a request");
};
