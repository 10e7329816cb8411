/** PostgreSQL's unique_violation: a concurrent writer got there first. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint: name } = error as { code?: unknown; constraint?: unknown };
  return code === "23505" && (constraint === undefined || name === constraint);
}

/**
 * PostgreSQL refusing text it cannot store: a NUL in text (22021) or `\u0000` in jsonb
 * (22P05). Input is checked for NULs where it is read (app/lib/nul.ts); this is the net
 * behind that, so a path that was missed still answers 400 rather than 500.
 */
export function isUnstorableText(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === "22021" || code === "22P05";
}
