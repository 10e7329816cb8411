/**
 * What WebVTT and SRT share once their cue blocks are parsed: speakers from voice
 * tags or from "Name:" prefixes, markup removal, and cues to segments.
 */
import type { RawCallSegment } from "./build";
import { decodeEntities } from "./html";
import { roleFromName, type SpeakerBook } from "./speakers";

/** The label of the one speaker of a file that names none. */
export const UNLABELLED = "speaker";

export interface CaptionPart {
  /** From a WebVTT voice span or an accepted "Name:" prefix. */
  voice?: string;
  /** Raw cue text of one line (or of one voice span within a line); markup still in. */
  text: string;
}

export interface Caption {
  line: number;
  startMs: number;
  endMs: number;
  parts: CaptionPart[];
}

/** Removes cue markup (<c>, <i>, <b>, <u>, <ruby>, <lang>, karaoke timestamps, SRT <font>, ASS {\an8}) and decodes entities. */
export function cleanCueText(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, "").replace(/\{\\[^}]*\}/g, ""))
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** Splits WebVTT cue lines into voice parts: `<v Name>` opens a voice, `</v>` or the cue's end closes it. */
export function splitVoices(lines: string[]): CaptionPart[] {
  const parts: CaptionPart[] = [];
  let voice: string | undefined;
  for (const line of lines) {
    let text = "";
    const flush = () => {
      if (text.trim() !== "") parts.push({ ...(voice ? { voice } : {}), text });
      text = "";
    };
    for (const match of line.matchAll(/<([^>]*)>|[^<]+|</g)) {
      const tag = match[1];
      if (tag === undefined) {
        text += match[0];
      } else if (/^v(\.[^\s]*)?(\s|$)/.test(tag)) {
        flush();
        voice = decodeEntities(tag.replace(/^v(\.\S*)?\s*/, "")).trim() || undefined;
      } else if (tag.trim() === "/v") {
        flush();
        voice = undefined;
      } else {
        text += `<${tag}>`; // other markup is removed later, with the rest of the text
      }
    }
    flush();
  }
  return parts;
}

const prefixPattern = /^(?:>>\s*|-\s+)?(\p{L}[\p{L}\p{N} .'’_-]{0,30}?)\s*:\s+(\S.*)$/u;

/**
 * "AGENT: Hello" / "Dana: Hi" prefixes become voices when at least half of the cues
 * (and at least two, unless the file has one cue) start with one, so a stray
 * "Note: …" line in an unlabelled file stays text. A line without a prefix
 * continues the previous speaker.
 */
export function applySpeakerPrefixes(captions: Caption[]): void {
  if (captions.some((caption) => caption.parts.some((part) => part.voice))) return;
  const prefixed = captions.filter((caption) => {
    const first = caption.parts[0];
    return first !== undefined && prefixPattern.test(cleanCueText(first.text));
  });
  if (prefixed.length * 2 < captions.length || (prefixed.length < 2 && captions.length > 1)) return;
  for (const caption of captions) {
    caption.parts = caption.parts.map((part) => {
      const match = prefixPattern.exec(cleanCueText(part.text));
      return match?.[1] && match[2] ? { voice: match[1].trim(), text: match[2] } : part;
    });
  }
}

/**
 * Cues to segments. Parts without a voice continue the most recent voice (captions
 * name a speaker when the turn changes); consecutive parts of one speaker in a cue
 * join into one segment; different voices in one cue become separate segments
 * with the cue's times.
 */
export function captionsToSegments(captions: Caption[], book: SpeakerBook): RawCallSegment[] {
  const firstVoice = captions.flatMap((caption) => caption.parts).find((part) => part.voice)?.voice;
  let lastVoice: string | undefined;
  const segments: RawCallSegment[] = [];
  for (const caption of captions) {
    const pieces: { speaker: string; text: string }[] = [];
    for (const part of caption.parts) {
      const speaker = part.voice ?? lastVoice ?? firstVoice ?? UNLABELLED;
      lastVoice = speaker === UNLABELLED ? undefined : speaker;
      const text = cleanCueText(part.text);
      if (text === "") continue;
      const previous = pieces.at(-1);
      if (previous?.speaker === speaker) previous.text = `${previous.text} ${text}`;
      else pieces.push({ speaker, text });
    }
    if (pieces.length === 0) pieces.push({ speaker: lastVoice ?? UNLABELLED, text: "" });
    for (const piece of pieces) {
      const role = roleFromName(piece.speaker);
      const name = role || piece.speaker === UNLABELLED ? undefined : piece.speaker;
      book.add(piece.speaker, { ...(name ? { name } : {}), ...(role ? { role } : {}) });
      segments.push({ speaker: piece.speaker, startMs: caption.startMs, endMs: caption.endMs, text: piece.text });
    }
  }
  return segments;
}
