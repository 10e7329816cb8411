/**
 * Text plumbing shared by every importer: decoding uploaded bytes, BOMs, line
 * endings, and quoting file content inside error messages.
 */

/**
 * Strips a leading BOM, turns CRLF / lone CR into LF (so line numbers match an
 * editor's) and repairs UTF-8 that was read as Latin-1 on its way into the file.
 */
export function normalizeText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return repairMojibake(withoutBom.replace(/\r\n?/g, "\n"));
}

const c1Control = /[\u0080-\u009f]/;
const latin1Sequence = /[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g;

/**
 * "e-mailedâ\u0080\u0094" → "e-mailed—": a UTF-8 sequence decoded as Latin-1 and
 * re-encoded. Only sequences holding a C1 control character are touched: those
 * characters never appear in real text, so the repair cannot change a correct file.
 * (The Windows-1252 variant, "â€”", is left alone: it is also valid text.)
 */
export function repairMojibake(text: string): string {
  if (!c1Control.test(text)) return text;
  return text.replace(latin1Sequence, (run) => {
    if (!c1Control.test(run)) return run;
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(run, (char) => char.charCodeAt(0)));
    } catch {
      return run;
    }
  });
}

export function splitLines(text: string): string[] {
  return normalizeText(text).split("\n");
}

/** Character encodings a transcript file may be given in (API `transcript.encoding`). */
export const textEncodings = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type TextEncoding = (typeof textEncodings)[number];

/** How messages name an encoding. */
export const encodingLabels: Record<TextEncoding, string> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  "windows-1252": "Windows-1252",
};

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read as. */
  encoding: TextEncoding;
  /** Set when the bytes were not plain UTF-8 and a guess or a repair was made. */
  warning?: string;
}

/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode
 * text") or without one (recognised by the zero bytes beside ASCII characters), and
 * otherwise Windows-1252, which is what a non-UTF-8 export from a Western-European
 * Windows machine almost always is. A declared encoding is used as it is, and bytes
 * that are not valid in it are refused naming it.
 */
export function decodeBytes(bytes: Uint8Array, declared?: TextEncoding): DecodedText {
  if (declared) return { text: normalizeText(decodeStrictly(bytes, declared)), encoding: declared };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: normalizeText(new TextDecoder("utf-16le").decode(bytes)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: normalizeText(new TextDecoder("utf-16be").decode(bytes)), encoding: "utf-16be" };
  const utf16 = guessUtf16(bytes);
  if (utf16) {
    try {
      return {
        text: normalizeText(new TextDecoder(utf16, { fatal: true }).decode(bytes)),
        encoding: utf16,
        warning: `The file has no byte-order mark; it was read as ${encodingLabels[utf16]}.`,
      };
    } catch {
      // not UTF-16 after all: fall through
    }
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const repaired = normalizeText(text);
    return repaired.length < text.replace(/\r\n/g, "\n").replace(/^\ufeff/, "").length
      ? { text: repaired, encoding: "utf-8", warning: "Repaired characters that had been mis-encoded (UTF-8 read as Latin-1)." }
      : { text: repaired, encoding: "utf-8" };
  } catch {
    return {
      text: normalizeText(decodeWindows1252(bytes)),
      encoding: "windows-1252",
      warning: "The file is not valid UTF-8; it was read as Windows-1252.",
    };
  }
}

function decodeStrictly(bytes: Uint8Array, encoding: TextEncoding): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`the bytes are not valid ${encodingLabels[encoding]}`);
  }
}

/** How many leading bytes the UTF-16 guess looks at. */
const GUESS_BYTES = 4096;

/**
 * UTF-16 without a byte-order mark: transcripts are mostly ASCII (JSON keys, cue
 * timings, digits), and in UTF-16 every ASCII character has a zero byte beside it,
 * on the odd side for little-endian and the even side for big-endian. UTF-8 and
 * Windows-1252 text never holds zero bytes.
 */
export function guessUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const length = Math.min(bytes.length, GUESS_BYTES) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.05) return "utf-16le";
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * Text that is UTF-16 bytes read as UTF-8 (what `jq --rawfile` makes of a UTF-16
 * file): a NUL beside nearly every letter. Such text cannot be repaired — the
 * reader already replaced what was not UTF-8 — so it is refused with the way out.
 */
export function looksLikeMisreadUtf16(text: string): boolean {
  const sample = text.slice(0, GUESS_BYTES);
  let nuls = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nuls++;
  return sample.length >= 4 && nuls >= sample.length * 0.2;
}

/** A piece of the file quoted in a message: JSON-style quotes, cut to a readable length. */
export function quote(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return JSON.stringify(cut);
}

// Node's TextDecoder("windows-1252") decodes as Latin-1 (0x80–0x9f become C1 controls);
// these are the characters Windows-1252 puts there.
const windows1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? windows1252High.charAt(byte - 0x80) : String.fromCharCode(byte);
  return text;
}
