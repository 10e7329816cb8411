/**
 * One POST of a delivery: the URL checked again (DNS may have changed since registration),
 * the socket connected only to an address the guard allowed (webhook-url.server.ts), no
 * redirects followed (a redirect could point anywhere), a time limit on the whole exchange.
 * The receiver's body is read and dropped: only the status code is kept.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { DomainError } from "../../lib/errors";
import { assertWebhookUrl, guardedLookup } from "./webhook-url.server";

export const DELIVERY_TIMEOUT_MS = 10_000;

export interface PostOutcome {
  /** The receiver's HTTP status, or null when none came (refused, timed out, unreachable). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = await assertWebhookUrl(rawUrl, options.allowPrivate);
  } catch (error) {
    if (error instanceof DomainError) return { status: null, error: `Refused: ${error.message}`, durationMs: elapsed() };
    throw error;
  }
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, durationMs: elapsed() });
    };
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate),
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on("end", () => finish({ status: res.statusCode ?? null, error: null }));
        res.on("error", (error) => finish({ status: res.statusCode ?? null, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ status: null, error: `No answer within ${timeoutMs / 1000} s` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code === "EWEBHOOKADDRESS" ? error.message : `${error.code ?? "error"}: ${error.message}` }));
    req.end(body);
  });
}
