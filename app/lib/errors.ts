/**
 * The one error contract (docs/decisions/0003-errors.md): use cases throw
 * DomainError with a stable label and an HTTP status; routes turn them into
 * responses in one place (`toResponse` / the shared ErrorBoundary). Anything else
 * is a bug and answers 500 without leaking internals.
 */
export type DomainErrorLabel =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "too_many_requests"
  | "unavailable";

const statusByLabel: Record<DomainErrorLabel, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  too_many_requests: 429,
  unavailable: 503,
};

export class DomainError extends Error {
  override name = "DomainError";
  readonly status: number;
  constructor(
    readonly label: DomainErrorLabel,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.status = statusByLabel[label];
  }
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
