import type { z } from "zod";
import { DomainError, fieldErrorsOf } from "../../lib/errors";

/** The input as `schema` reads it, or 422 with one message per field. Pure. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsOf(parsed.error.issues);
  throw new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);
}
