/**
 * The object key layout of DESIGN.md ("Storage layout") as pure functions.
 *
 *   interactions/{id}/recording.{ext}
 *   interactions/{id}/transcript.json
 *   interactions/{id}/peaks.json
 *   interactions/{id}/source/{name}
 *
 * Every key Parley writes is built here, so the layout lives in one place and
 * the sweep job can rely on "everything of an interaction is under its prefix".
 * Inputs are validated rather than escaped: a key built from a bad id would
 * silently land outside the interaction's prefix, which is worse than a throw.
 */

const INTERACTIONS_ROOT = "interactions/";

// RFC 4122 shape, any version; ids come from Postgres `uuid` columns.
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXT_RE = /^[a-z0-9]{1,5}$/;

/** Longest source file name we keep, in UTF-8 bytes (S3 keys max out at 1024). */
export const MAX_SOURCE_NAME_BYTES = 120;

export class InvalidKeyPartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidKeyPartError";
  }
}

/**
 * Returns the id in canonical (lowercase) form. Postgres prints uuids in
 * lowercase; normalising here means an uppercase id from a URL cannot address
 * a different set of objects than the row it names.
 */
export function assertInteractionId(id: string): string {
  if (typeof id !== "string" || !UUID_RE.test(id)) {
    throw new InvalidKeyPartError(`invalid interaction id ${JSON.stringify(id)}: expected a UUID`);
  }
  return id.toLowerCase();
}

/** `ext` comes from content sniffing, never from the uploaded name, so it must already be canonical. */
export function assertExtension(ext: string): string {
  if (typeof ext !== "string" || !EXT_RE.test(ext)) {
    throw new InvalidKeyPartError(
      `invalid recording extension ${JSON.stringify(ext)}: expected 1-5 lowercase letters or digits`,
    );
  }
  return ext;
}

/** `interactions/{id}/` — everything stored for one interaction lives under this prefix. */
export function interactionPrefix(interactionId: string): string {
  return `${INTERACTIONS_ROOT}${assertInteractionId(interactionId)}/`;
}

export function recordingKey(interactionId: string, ext: string): string {
  return `${interactionPrefix(interactionId)}recording.${assertExtension(ext)}`;
}

const RECORDING_KEY_RE = /^interactions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/recording\.([a-z0-9]{1,5})$/;

/** The extension of a key recordingKey built (`interactions/{id}/recording.{ext}`); throws for any other key. */
export function recordingKeyExtension(key: string): string {
  const match = RECORDING_KEY_RE.exec(key);
  if (!match) throw new InvalidKeyPartError(`not a recording key: ${JSON.stringify(key)}`);
  return match[2] as string;
}

export function transcriptKey(interactionId: string): string {
  return `${interactionPrefix(interactionId)}transcript.json`;
}

export function peaksKey(interactionId: string): string {
  return `${interactionPrefix(interactionId)}peaks.json`;
}

/** `interactions/{id}/source/{name}` with the uploaded name reduced to a safe basename. */
export function sourceKey(interactionId: string, fileName: string): string {
  return `${interactionPrefix(interactionId)}source/${sanitizeFileName(fileName)}`;
}

/**
 * The interaction id a key belongs to, or null for keys outside the layout.
 * The orphan sweep lists `interactions/` and groups keys by this.
 */
export function interactionIdFromKey(key: string): string | null {
  if (!key.startsWith(INTERACTIONS_ROOT)) return null;
  const rest = key.slice(INTERACTIONS_ROOT.length);
  const slash = rest.indexOf("/");
  if (slash === -1) return null;
  const id = rest.slice(0, slash);
  return UUID_RE.test(id) ? id.toLowerCase() : null;
}

/**
 * Reduces an uploaded file name to something safe as the last segment of a key:
 * - only the basename survives (both `/` and `\` count as separators, since
 *   browsers on Windows have been known to send full paths);
 * - control characters are dropped; anything but letters, digits, `.`, `-`,
 *   `_` becomes `_` (keeps keys printable and free of URL/XML surprises);
 * - no leading dots and no `..` runs, so the name can never read as a path
 *   step or a hidden file;
 * - at most MAX_SOURCE_NAME_BYTES UTF-8 bytes, cutting the stem and keeping
 *   the extension, so the importer can still tell `.vtt` from `.json`.
 * The original name belongs in the database if it must be shown verbatim.
 */
export function sanitizeFileName(fileName: string): string {
  const raw = typeof fileName === "string" ? fileName : "";
  const base = raw.split(/[/\\]/).pop() ?? "";
  const name = base
    .normalize("NFC")
    // C0, DEL and C1 control characters: removed outright, not replaced.
    .replace(/\p{Cc}/gu, "")
    .replace(/[^\p{L}\p{N}._-]/gu, "_")
    .replace(/_{2,}/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[._]+/, "")
    .replace(/[.]+$/, "");

  const dot = name.lastIndexOf(".");
  let stem = dot > 0 ? name.slice(0, dot) : name;
  let ext = dot > 0 ? name.slice(dot) : "";
  // A silly-long "extension" is not one worth preserving.
  if (ext.length > 16) {
    stem = name;
    ext = "";
  }
  if (stem === "" || stem === "_") stem = "file";
  stem = truncateUtf8(stem, MAX_SOURCE_NAME_BYTES - byteLength(ext));
  return `${stem}${ext}`;
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Cuts by code point so a multi-byte character is never split in half. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (byteLength(s) <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const ch of s) {
    const b = byteLength(ch);
    if (bytes + b > maxBytes) break;
    out += ch;
    bytes += b;
  }
  return out;
}
