import { isDatabaseUnavailable } from "../../db/outage";
import { databaseUnavailable, DomainError } from "./errors";
import { isUnstorableText } from "./pg-errors";

/**
 * What a failed use case means for the person: a DomainError as it is, a database outage as
 * the 503 refusal it amounts to (nothing was saved; try again), text PostgreSQL cannot store
 * as a 400, anything else null (a bug).
 */
export function refusalOf(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  // Nothing was written: the statement failed, and with it its transaction.
  if (isUnstorableText(error)) return new DomainError("bad_request", "What was sent holds a character Parley cannot store (a NUL, \\0). Remove it and try again.");
  return null;
}
