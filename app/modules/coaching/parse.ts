import type { z } from "zod";
import { DomainError, fieldErrorsOf } from "../../lib/errors";

/** Parses use-case input: 422 with one message per field, nothing written. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues.map((issue) => issue.message).join("; "), fieldErrorsOf(parsed.error.issues));
  return parsed.data;
}
