import { DomainError } from "../../lib/errors";

/**
 * The API's error codes (docs/api.md). The domain labels of DomainError are used as
 * they are; the HTTP layer adds the few that only exist at that level.
 */
export type ApiErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "invalid"
  | "too_many_requests"
  | "unavailable"
  | "internal";

/** `{ error: { code, message, fields? } }`: the one error body of every /api/v1 answer. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: Record<string, string> };
}

/** An HTTP-level refusal (malformed JSON, a body too large, a wrong token…). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Field names used by the use cases, as paths of the request the client sent, so a
 * message always names something the client can find in its own JSON.
 */
const requestPaths: Record<string, string> = {
  agentId: "agent",
  uploadId: "recording.uploadId",
};

/** A DomainError (or ApiError) as the API reports it; import failures point at the transcript's content. */
export function errorBodyOf(error: DomainError | ApiError): ApiErrorBody["error"] {
  if (error instanceof ApiError) return withFields({ code: error.code, message: error.message }, error.fields);
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(error.fieldErrors)) fields[requestPaths[name] ?? name] = message;
  if (error.name === "ImportError" && Object.keys(fields).length === 0) fields["transcript.content"] = error.message;
  return withFields({ code: error.label, message: error.message }, fields);
}

function withFields(body: ApiErrorBody["error"], fields: Record<string, string>): ApiErrorBody["error"] {
  return Object.keys(fields).length > 0 ? { ...body, fields } : body;
}

export function isExpectedError(error: unknown): error is DomainError | ApiError {
  return error instanceof ApiError || error instanceof DomainError;
}
