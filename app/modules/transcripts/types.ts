import { DomainError } from "../../lib/errors";
import type { SpeakerRole, Transcript } from "./transcript";
import type { TextEncoding } from "./text";

/** Every transcript format Parley imports (docs/decisions/0005-transcript-import.md). */
export const transcriptFormats = [
  "canonical",
  "webvtt",
  "srt",
  "aws-transcribe",
  "aws-contact-lens",
  "deepgram",
  "assemblyai",
  "whisper",
  "chat-json",
  "chat-csv",
  "zendesk",
  "intercom",
] as const;

export type TranscriptFormat = (typeof transcriptFormats)[number];

/** The name a person reads in messages and in the upload form. */
export const formatLabels: Record<TranscriptFormat, string> = {
  canonical: "Canonical JSON",
  webvtt: "WebVTT",
  srt: "SRT",
  "aws-transcribe": "Amazon Transcribe",
  "aws-contact-lens": "Amazon Connect Contact Lens",
  deepgram: "Deepgram",
  assemblyai: "AssemblyAI",
  whisper: "OpenAI Whisper",
  "chat-json": "Chat JSON",
  "chat-csv": "Chat CSV",
  zendesk: "Zendesk",
  intercom: "Intercom",
};

/** The largest file an import accepts unless the caller configures another limit. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportOptions {
  /** Role per source speaker label or channel (as listed in `ImportResult.speakers[].label`). */
  speakerRoles?: Record<string, SpeakerRole>;
  /** Zendesk (default "email"), Intercom (default from the source type), chat JSON/CSV (default "chat"). */
  channel?: "chat" | "email";
  /** ISO instant given to every message of a chat whose rows carry no timestamp at all. */
  startedAt?: string;
  /** Skip detection and parse as this format. */
  format?: TranscriptFormat;
  /** Size limit in bytes for `importTranscript`; defaults to MAX_IMPORT_BYTES. */
  maxBytes?: number;
  /** The character encoding of the bytes given to `importTranscript`; detected when absent. */
  encoding?: TextEncoding;
}

/** One speaker as found in the source file, so a UI can offer the role choice. */
export interface SourceSpeaker {
  /** The source's own label (voice name, `spk_0`, `ch_1`, author id…); also the canonical speaker id. */
  label: string;
  name?: string;
  /** What the importer guessed from the file alone. */
  guessedRole: SpeakerRole;
  /** The role in the transcript: the guess, or `speakerRoles[label]` when given. */
  role: SpeakerRole;
  segments: number;
}

export interface ImportResult {
  format: TranscriptFormat;
  transcript: Transcript;
  speakers: SourceSpeaker[];
  /** Things a person may want to know that did not stop the import (skipped notes, empty cues…). */
  warnings: string[];
  /** The encoding the file was read as (set by `importTranscript`). */
  encoding?: TextEncoding;
}

export type Importer = (text: string, options?: ImportOptions) => ImportResult;

/**
 * A file that cannot be imported. The message names the line (text formats) or the
 * JSON path (JSON formats) and says why; it is meant for the person who uploaded it.
 */
export class ImportError extends DomainError {
  override name = "ImportError";
  constructor(
    readonly format: TranscriptFormat | null,
    message: string,
  ) {
    // The file's content is what is wrong: named as the request's path (a form calls it "transcript").
    super("invalid", message, { "transcript.content": message });
  }
}

export function lineError(format: TranscriptFormat, line: number, why: string): ImportError {
  return new ImportError(format, `${formatLabels[format]} line ${line}: ${why}`);
}

export function fileError(format: TranscriptFormat, why: string): ImportError {
  return new ImportError(format, `${formatLabels[format]}: ${why}`);
}
