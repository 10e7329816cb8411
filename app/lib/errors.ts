/**
 * The one error contract (docs/decisions/0003-errors-and-input.md). Use cases throw a
 * DomainError with a machine code, a message for people and, where a field is to blame, one
 * message per field. The code fixes the HTTP status; pages branch on the code, never on the
 * message's text. `errors.server.ts` turns a DomainError into a form result, a loader's error
 * page or the API's JSON error; anything that is not a DomainError is a bug and answers 500
 * without leaking internals.
 *
 * This file has no server dependency: the browser uses the codes and `fieldErrorsOf` too.
 */
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  /** Somebody else changed the row first (a stale revision, a draft already published…). */
  conflict: 409,
  /** The row can no longer change at all (an evaluation already submitted). */
  locked: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  override name = "DomainError";
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorStatus, value);
}

export const notFound = (what = "Page") => new DomainError("not_found", `${what} not found`);

/** Seconds a client is asked to wait (`Retry-After`) when Parley cannot reach its database. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

/** A database outage as a refusal: nothing was changed, and trying again later will work. */
export const databaseUnavailable = () =>
  new DomainError(
    "unavailable",
    "Parley cannot reach its database at the moment, so nothing was loaded or saved. Try again in a minute; if it keeps happening, tell your administrator.",
  );

/** What fieldErrorsOf needs of a zod issue (zod's own type, without importing zod here). */
export interface IssueLike {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** `unrecognized_keys` issues name the keys that are not in the schema. */
  readonly keys?: readonly string[];
}

export interface FieldErrorOptions {
  /** The field for an issue about the whole input: "form" for pages, "body" for the API. */
  root?: string;
  /** The surface's name for a schema path (a form names `agentId` "agent"); issues that map to one field keep the first message. */
  field?: (path: string) => string;
  /** The surface's wording of an issue's message. */
  message?: (issue: IssueLike) => string;
}

/**
 * Zod issues as field errors: one message per field, the path joined with dots
 * (`transcript.content`, `answers.greeting`), the first issue of each field winning. An
 * unknown key is named by its own path. Every form, the workspace and the API read input
 * errors through this one function.
 */
export function fieldErrorsOf(
  issues: readonly IssueLike[],
  { root = "form", field = (path) => path, message = (issue) => issue.message }: FieldErrorOptions = {},
): FieldErrors {
  const fieldErrors: FieldErrors = {};
  const add = (path: readonly PropertyKey[], text: string) => {
    const name = field(path.map(String).join(".") || root);
    fieldErrors[name] ??= text;
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) add([...issue.path, key], "is not a known field");
      continue;
    }
    add(issue.path, message(issue));
  }
  return fieldErrors;
}
