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

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 and a fallback decoding was used. */
  warning?: string;
}

/**
 * Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode
 * text"), and otherwise Windows-1252, which is what a non-UTF-8 export from a
 * Western-European Windows machine almost always is.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: normalizeText(new TextDecoder("utf-16le").decode(bytes)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: normalizeText(new TextDecoder("utf-16be").decode(bytes)) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    const repaired = normalizeText(text);
    return repaired.length < text.replace(/\r\n/g, "\n").replace(/^\ufeff/, "").length
      ? { text: repaired, warning: "Repaired characters that had been mis-encoded (UTF-8 read as Latin-1)." }
      : { text: repaired };
  } catch {
    return {
      text: normalizeText(decodeWindows1252(bytes)),
      warning: "The file is not valid UTF-8; it was read as Windows-1252.",
    };
  }
}

/** A piece of the file quoted in a message: JSON-style quotes, cut to a readable length. */
export function quote(value: string, max = 60): string {
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return JSON.stringify(cut);
}

export function formatBytes(size: number): string {
  const show = (value: number, unit: string) => `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  if (size >= 1024 * 1024) return show(size / (1024 * 1024), "MB");
  if (size >= 1024) return show(size / 1024, "kB");
  return `${size} bytes`;
}

// Node's TextDecoder("windows-1252") decodes as Latin-1 (0x80–0x9f become C1 controls);
// these are the characters Windows-1252 puts there.
const windows1252High = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? windows1252High.charAt(byte - 0x80) : String.fromCharCode(byte);
  return text;
}
