/**
 * Transcript import (docs/decisions/0005-transcript-import.md): pure functions from
 * an uploaded file's bytes to a canonical transcript, the source speakers found, and
 * warnings. No I/O: the caller stores the original under source/ and the result.
 */
import { importAssemblyAi } from "./assemblyai";
import { importCanonical } from "./canonical";
import { importChatCsv } from "./chat-csv";
import { importChatJson } from "./chat-json";
import { importContactLens } from "./contact-lens";
import { importDeepgram } from "./deepgram";
import { detectFormat } from "./detect";
import { importIntercom } from "./intercom";
import { locateJsonError } from "./json";
import { importSrt } from "./srt";
import { formatBytes } from "../../lib/format";
import { decodeBytes, encodingLabels, looksLikeMisreadUtf16, normalizeText, type DecodedText } from "./text";
import { importTranscribe } from "./transcribe";
import { ImportError, MAX_IMPORT_BYTES, formatLabels, type ImportOptions, type ImportResult, type Importer, type TranscriptFormat } from "./types";
import { importWebVtt } from "./webvtt";
import { importWhisper } from "./whisper";
import { importZendesk } from "./zendesk";

export const importers: Record<TranscriptFormat, Importer> = {
  canonical: importCanonical,
  webvtt: importWebVtt,
  srt: importSrt,
  "aws-transcribe": importTranscribe,
  "aws-contact-lens": importContactLens,
  deepgram: importDeepgram,
  assemblyai: importAssemblyAi,
  whisper: importWhisper,
  "chat-json": importChatJson,
  "chat-csv": importChatCsv,
  zendesk: importZendesk,
  intercom: importIntercom,
};

/**
 * Detects the format (or uses `options.format`) and imports. Refuses files over
 * `options.maxBytes` (default 50 MiB) before decoding them. Bytes are decoded as
 * `options.encoding` when given, else as UTF-8 with or without BOM, UTF-16 with or
 * without BOM, or Windows-1252 with a warning; a refusal of a file that was not
 * read as UTF-8 names the encoding it was read as.
 */
export function importTranscript(fileName: string, bytes: Uint8Array | string, options: ImportOptions = {}): ImportResult {
  const size = typeof bytes === "string" ? new TextEncoder().encode(bytes).byteLength : bytes.byteLength;
  const limit = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (size > limit) {
    throw new ImportError(null, `${fileName} is ${formatBytes(size)}, over the ${formatBytes(limit)} limit for transcript files.`);
  }
  const decoded = decode(fileName, bytes, options);
  const readAs = decoded.encoding === "utf-8" ? "" : ` (read as ${encodingLabels[decoded.encoding]})`;
  if (decoded.text.trim() === "") throw new ImportError(null, `${fileName} is empty${readAs}.`);
  const format = options.format ?? detectFormat(fileName, decoded.text);
  if (!format) throw unknownFormat(fileName + readAs, decoded.text);
  let result: ImportResult;
  try {
    result = importers[format](decoded.text, options);
  } catch (error) {
    if (error instanceof ImportError && readAs) throw new ImportError(error.format, `${error.message}${readAs}`);
    throw error;
  }
  if (decoded.warning) result.warnings.unshift(decoded.warning);
  return { ...result, encoding: decoded.encoding };
}

function decode(fileName: string, bytes: Uint8Array | string, options: ImportOptions): DecodedText {
  if (typeof bytes === "string") {
    if (looksLikeMisreadUtf16(bytes)) {
      throw new ImportError(
        null,
        `${fileName} is UTF-16 text that was read as UTF-8 (a NUL beside every letter), so its characters are lost. ` +
          "Send the file's bytes base64-encoded as transcript.contentBase64, or convert it to UTF-8 first.",
      );
    }
    return { text: normalizeText(bytes), encoding: "utf-8" };
  }
  try {
    return decodeBytes(bytes, options.encoding);
  } catch (error) {
    throw new ImportError(null, `${fileName} cannot be read: ${(error as Error).message}.`);
  }
}

function unknownFormat(fileName: string, text: string): ImportError {
  const content = text.trimStart();
  const supported = Object.values(formatLabels).join(", ");
  if (content.startsWith("{") || content.startsWith("[")) {
    const broken = locateJsonError(text);
    if (broken) {
      const before = text.slice(0, broken.offset);
      const line = before.split("\n").length;
      const column = broken.offset - before.lastIndexOf("\n");
      const jsonLines = /\.jsonl$/i.test(fileName) || broken.why.includes("after the end of the JSON value");
      const hint = jsonLines ? " (JSON Lines holds one conversation per line: import one conversation per file)" : "";
      return new ImportError(null, `${fileName} line ${line}, column ${column}: not valid JSON: ${broken.why}${hint}`);
    }
    return new ImportError(null, `${fileName}: JSON that is not a transcript format Parley knows (${describeShape(content)}). Supported: ${supported}.`);
  }
  return new ImportError(null, `${fileName}: not a transcript format Parley knows (the first line is ${JSON.stringify(content.split("\n", 1)[0]?.slice(0, 60) ?? "")}). Supported: ${supported}.`);
}

function describeShape(content: string): string {
  try {
    const value: unknown = JSON.parse(content);
    const sample: unknown = Array.isArray(value) ? value[0] : value;
    const keys = typeof sample === "object" && sample !== null ? Object.keys(sample).slice(0, 6).join(", ") : typeof sample;
    return Array.isArray(value) ? `an array of ${value.length} items with ${keys}` : `an object with ${keys}`;
  } catch {
    return "unreadable";
  }
}

export { detectFormat } from "./detect";
export { ImportError, MAX_IMPORT_BYTES, formatLabels, transcriptFormats } from "./types";
export type { ImportOptions, ImportResult, Importer, SourceSpeaker, TranscriptFormat } from "./types";
export {
  importAssemblyAi,
  importCanonical,
  importChatCsv,
  importChatJson,
  importContactLens,
  importDeepgram,
  importIntercom,
  importSrt,
  importTranscribe,
  importWebVtt,
  importWhisper,
  importZendesk,
};
