import { isDatabaseUnavailable } from "../../db/outage";
import { databaseUnavailable, DomainError } from "./errors";

/**
 * What a failed use case means for the person: a DomainError as it is, a database outage as
 * the 503 refusal it amounts to (nothing was saved; try again), anything else null (a bug).
 */
export function refusalOf(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  return null;
}
