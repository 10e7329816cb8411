/**
 * AWS Signature Version 4 checking for the embedded S3 store (decision 0014). s3rver 3.7.1
 * lets unsigned requests through and never checks a V4 signature, so the HTTP wrapper around
 * it (embedded-s3.ts) asks this module first. The signature is recomputed with the AWS SDK's
 * own signer (`@smithy/signature-v4`), from the parts of the request it says it signed, and
 * compared in constant time; nothing here re-implements the algorithm.
 *
 * Accepted: the `Authorization: AWS4-HMAC-SHA256 …` header (what the SDK sends) and presigned
 * query strings (`X-Amz-Signature`, what the browser is handed). The payload is taken as the
 * client declared it (`x-amz-content-sha256`, `UNSIGNED-PAYLOAD` included): checking a hash
 * of the body would mean holding the body back, and uploads stream.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { SignatureV4 } from "@smithy/signature-v4";

export interface StoreCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface RequestToCheck {
  method: string;
  /** Path and query exactly as received (`req.url`): the signature covers the raw path. */
  url: string;
  headers: IncomingHttpHeaders;
}

export type SignatureVerdict =
  | { ok: true; mechanism: "header" | "query"; accessKeyId: string }
  | { ok: false; code: string; message: string };

/** How far a header-signed request's time may be from ours (S3's own limit): limits replays. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_SECONDS = 7 * 24 * 3600;
const ALGORITHM = "AWS4-HMAC-SHA256";
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
const SHA256_HEADER = "x-amz-content-sha256";
const LONG_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

type Query = Record<string, string | string[]>;
type SignerRequest = Parameters<SignatureV4["presign"]>[0];

/** Node's hashes behind the interface the SDK's signer takes (`new (secret?) => { update, digest }`). */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

const refuse = (code: string, message: string): SignatureVerdict => ({ ok: false, code, message });

export function createSignatureChecker(credentials: StoreCredentials, { now = Date.now }: { now?: () => number } = {}) {
  const signer = new SignatureV4({
    service: "s3",
    // The region the client signed for is read from its credential scope; this one is unused.
    region: "us-east-1",
    credentials,
    sha256: NodeSha256,
    // S3 signs the path as sent, without SigV4's usual re-encoding and normalising.
    uriEscapePath: false,
    applyChecksum: false,
  });

  return async function checkSignature(request: RequestToCheck): Promise<SignatureVerdict> {
    const queryAt = request.url.indexOf("?");
    const path = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
    const query = parseQuery(queryAt === -1 ? "" : request.url.slice(queryAt + 1));
    if (!query) return refuse("AccessDenied", "The query string is not valid percent-encoding.");
    const authorization = request.headers.authorization;
    const presigned = "X-Amz-Signature" in query || "X-Amz-Algorithm" in query;

    if (authorization !== undefined && presigned) {
      return refuse("AccessDenied", "Only one of the Authorization header and a presigned query may be given.");
    }
    if (authorization !== undefined) return checkHeader(authorization, path, query, request);
    if (presigned) return checkQuery(path, query, request);
    if ("Signature" in query || "AWSAccessKeyId" in query) {
      return refuse("AccessDenied", "Signature Version 2 is not accepted: sign requests with AWS Signature Version 4.");
    }
    return refuse("AccessDenied", "Anonymous requests are not accepted: sign the request with this installation's credentials.");
  };

  async function checkHeader(authorization: string, path: string, query: Query, request: RequestToCheck): Promise<SignatureVerdict> {
    const match = /^AWS4-HMAC-SHA256\s+(.+)$/.exec(authorization);
    if (!match?.[1]) {
      return refuse("AccessDenied", "Only AWS Signature Version 4 (AWS4-HMAC-SHA256) is accepted.");
    }
    const fields = new Map<string, string>();
    for (const part of match[1].split(",")) {
      const at = part.indexOf("=");
      if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
    }
    const credential = fields.get("Credential");
    const signedHeaderList = fields.get("SignedHeaders");
    const signature = fields.get("Signature");
    if (!credential || !signedHeaderList || !signature) {
      return refuse("AuthorizationHeaderMalformed", "The Authorization header needs Credential, SignedHeaders and Signature.");
    }
    const scope = parseScope(credential);
    if (!scope.ok) return scope.verdict;

    const longDate = header(request.headers, "x-amz-date");
    const signingDate = longDate ? parseLongDate(longDate) : null;
    if (!longDate || !signingDate || longDate.slice(0, 8) !== scope.date) {
      return refuse("AccessDenied", "A header-signed request needs an x-amz-date matching its credential scope.");
    }
    if (Math.abs(now() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
      return refuse("RequestTimeTooSkewed", "The difference between the request time and the server's time is too large.");
    }
    const payloadHash = header(request.headers, SHA256_HEADER);
    if (payloadHash !== UNSIGNED_PAYLOAD && !/^[0-9a-fA-F]{64}$/.test(payloadHash ?? "")) {
      // Streaming (chunk-signed) payloads would need every chunk checked: not offered.
      return refuse("AccessDenied", "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or the SHA-256 of the body.");
    }
    const signed = signedHeaders(signedHeaderList, request.headers);
    if (!signed.ok) return signed.verdict;
    if (!signed.names.includes(SHA256_HEADER) || !signed.names.includes("x-amz-date")) {
      return refuse("AccessDenied", "x-amz-content-sha256 and x-amz-date must be among the signed headers.");
    }

    const recomputed = await signer.sign(signerRequest(request.method, path, query, signed.values), {
      signingDate,
      signingRegion: scope.region,
      signingService: scope.service,
      signableHeaders: new Set(signed.names),
    });
    const expected = /SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(String(recomputed.headers.authorization));
    if (!expected || expected[1] !== signedHeaderList || !sameSignature(expected[2] ?? "", signature)) {
      return refuse("SignatureDoesNotMatch", "The request signature does not match: check the key and the signing method.");
    }
    return { ok: true, mechanism: "header", accessKeyId: credentials.accessKeyId };
  }

  async function checkQuery(path: string, query: Query, request: RequestToCheck): Promise<SignatureVerdict> {
    const one = (name: string) => (typeof query[name] === "string" ? query[name] : undefined);
    const algorithm = one("X-Amz-Algorithm");
    const credential = one("X-Amz-Credential");
    const longDate = one("X-Amz-Date");
    const expires = one("X-Amz-Expires");
    const signedHeaderList = one("X-Amz-SignedHeaders");
    const signature = one("X-Amz-Signature");
    if (algorithm !== ALGORITHM || !credential || !longDate || !expires || !signedHeaderList || !signature) {
      return refuse(
        "AccessDenied",
        "A presigned URL needs X-Amz-Algorithm=AWS4-HMAC-SHA256, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature, once each.",
      );
    }
    const scope = parseScope(credential);
    if (!scope.ok) return scope.verdict;
    const signingDate = parseLongDate(longDate);
    const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : Number.NaN;
    if (!signingDate || longDate.slice(0, 8) !== scope.date || !(seconds >= 1 && seconds <= MAX_PRESIGNED_SECONDS)) {
      return refuse("AccessDenied", "X-Amz-Date or X-Amz-Expires is not valid for a presigned URL.");
    }
    if (now() > signingDate.getTime() + seconds * 1000) return refuse("AccessDenied", "Request has expired.");
    if (signingDate.getTime() - now() > MAX_CLOCK_SKEW_MS) return refuse("AccessDenied", "Request is not valid yet.");
    const signed = signedHeaders(signedHeaderList, request.headers);
    if (!signed.ok) return signed.verdict;

    // S3 takes a presigned request's payload as unsigned. The declared value travels as a
    // header that must neither move into the query nor join the signed headers.
    const headers = { ...signed.values };
    if (!signed.names.includes(SHA256_HEADER)) headers[SHA256_HEADER] = UNSIGNED_PAYLOAD;
    const { "X-Amz-Signature": _signature, ...rest } = query;
    const recomputed = await signer.presign(signerRequest(request.method, path, rest, headers), {
      signingDate,
      expiresIn: seconds,
      signingRegion: scope.region,
      signingService: scope.service,
      signableHeaders: new Set(signed.names),
      unsignableHeaders: signed.names.includes(SHA256_HEADER) ? new Set() : new Set([SHA256_HEADER]),
      unhoistableHeaders: new Set([...signed.names, SHA256_HEADER]),
    });
    const expectedSignature = recomputed.query?.["X-Amz-Signature"];
    if (
      recomputed.query?.["X-Amz-SignedHeaders"] !== signedHeaderList ||
      typeof expectedSignature !== "string" ||
      !sameSignature(expectedSignature, signature)
    ) {
      return refuse("SignatureDoesNotMatch", "The request signature does not match: check the key and the signing method.");
    }
    return { ok: true, mechanism: "query", accessKeyId: credentials.accessKeyId };
  }

  function parseScope(
    credential: string,
  ): { ok: true; date: string; region: string; service: string } | { ok: false; verdict: SignatureVerdict } {
    const [accessKeyId, date, region, service, terminator, ...extra] = credential.split("/");
    if (!accessKeyId || !date || !region || !service || terminator !== "aws4_request" || extra.length > 0) {
      return { ok: false, verdict: refuse("AuthorizationHeaderMalformed", "The credential must be <key>/<date>/<region>/s3/aws4_request.") };
    }
    if (accessKeyId !== credentials.accessKeyId) {
      return { ok: false, verdict: refuse("InvalidAccessKeyId", "The access key is not this installation's.") };
    }
    if (service !== "s3") {
      return { ok: false, verdict: refuse("AuthorizationHeaderMalformed", "The credential scope must name the s3 service.") };
    }
    return { ok: true, date, region, service };
  }
}

function signedHeaders(
  list: string,
  headers: IncomingHttpHeaders,
): { ok: true; names: string[]; values: Record<string, string> } | { ok: false; verdict: SignatureVerdict } {
  const names = list.split(";");
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = name === name.toLowerCase() ? header(headers, name) : undefined;
    if (value === undefined) {
      return { ok: false, verdict: refuse("AccessDenied", `The signed header "${name}" is missing from the request.`) };
    }
    values[name] = value;
  }
  if (!names.includes("host")) {
    return { ok: false, verdict: refuse("AccessDenied", "The host header must be signed.") };
  }
  return { ok: true, names, values };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function signerRequest(method: string, path: string, query: Query, headers: Record<string, string>): SignerRequest {
  // Only method, path, query and headers reach the canonical request; the rest fills the type.
  return { method, protocol: "http:", hostname: headers.host ?? "", path, query, headers };
}

/** The query as the signer saw it: names and values percent-decoded (`+` stays `+`), repeats kept. */
export function parseQuery(queryString: string): Query | null {
  // No prototype: a parameter called "__proto__" or "constructor" is just a parameter.
  const query = Object.create(null) as Query;
  for (const part of queryString.split("&")) {
    if (part === "") continue;
    const at = part.indexOf("=");
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(at === -1 ? part : part.slice(0, at));
      value = at === -1 ? "" : decodeURIComponent(part.slice(at + 1));
    } catch {
      return null;
    }
    const seen = query[name];
    if (seen === undefined) query[name] = value;
    else query[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

function parseLongDate(longDate: string): Date | null {
  const m = LONG_DATE.exec(longDate);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return Number.isNaN(date.getTime()) ? null : date;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
