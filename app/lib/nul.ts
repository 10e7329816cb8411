import { DomainError } from "./errors";

/**
 * NUL characters (U+0000) in what people and clients send. PostgreSQL cannot store one in
 * text or jsonb, so a NUL that reached a query answered 500; it is refused where input is
 * read instead (query strings and route params in server/route-guards.ts, form bodies in
 * readFormData, JSON bodies in readJsonBody and the workspace's action), with a message.
 */

const NUL = "\u0000";

export const NUL_FIELD_MESSAGE = "Remove the NUL character (\\0): Parley cannot store it";

export function hasNul(value: string): boolean {
  return value.includes(NUL);
}

/**
 * The first name (or path, for nested JSON) whose key or text holds a NUL, or null. `skip`
 * names paths whose text a use case reads itself with a better message (a transcript file
 * sent as text, whose NULs say it is UTF-16).
 */
export function nulPath(value: unknown, path = "", skip: (path: string) => boolean = () => false): string | null {
  if (typeof value === "string") return hasNul(value) && !skip(path) ? path || "body" : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, path ? `${path}.${index}` : String(index), skip);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (hasNul(key)) return here;
      const found = nulPath(item, here, skip);
      if (found) return found;
    }
  }
  return null;
}

/** The refusal for a field that holds a NUL: 422 naming it (`where` says what it was part of). */
export function nulInField(field: string, where = "The form"): DomainError {
  return new DomainError("invalid", `${where} has a NUL character (\\0) in “${field}”, which Parley cannot store. Remove it and try again.`, {
    [field]: NUL_FIELD_MESSAGE,
  });
}

/** The refusal for an address (query string or path) that holds a NUL: 400. */
export function nulInAddress(name: string): DomainError {
  return new DomainError("bad_request", `The address has a NUL character (\\0) in “${name}”, which Parley cannot search for or store. Remove it and try again.`);
}
