/**
 * The media half of the review workspace: its props (the route codes against
 * `ReviewMediaProps`) and the shapes its parts share. Pure: no React, no DOM.
 */
import type { AnnotationInput } from "../../modules/evaluations/annotation.schema";
import type { AnnotationView } from "../../modules/evaluations/get-evaluation.server";
import type { PlayerLane } from "./lanes";

export type { PlayerLane };

export type Sentiment = AnnotationInput["sentiment"];

/** An annotation as the evaluation shows it (AnnotationView), createdAt as ISO text. */
export type SerializedAnnotation = Omit<AnnotationView, "createdAt"> & { createdAt: string };

/** What the page sends to save one: the anchors plus comment, sentiment and question (annotation.schema.ts). */
export type AnnotationDraft = AnnotationInput;

/** Where a new annotation points: a time range, a text span of one segment, or both. */
export type AnnotationAnchor = Pick<AnnotationDraft, "startMs" | "endMs" | "segmentId" | "startOffset" | "endOffset" | "quote">;

export interface MediaSpeaker {
  id: string;
  role: "agent" | "customer";
  name?: string;
}

export interface MediaSegment {
  id: string;
  speaker: string;
  text: string;
  startMs?: number;
  endMs?: number;
  at?: string;
}

export interface MediaPlayerSource {
  /** The interaction's processing state: without peaks, "processing" or "failed" says why. */
  status: "processing" | "ready" | "failed";
  audioUrl: string;
  peaksUrl: string | null;
  /** Per channel, magnitudes 0–100 drawn in the first paint until the interactive waveform is ready (waveform-overview.ts). */
  overview: number[][] | null;
  durationMs: number;
  channels: PlayerLane[];
}

export interface ReviewMediaProps {
  /** Null on the interaction's own page: the conversation alone, without annotations. */
  evaluationId: string | null;
  /** Calls: the recording; null for chats/emails or a call without audio. */
  player: MediaPlayerSource | null;
  transcript: { speakers: MediaSpeaker[]; segments: MediaSegment[] } | null;
  annotations: SerializedAnnotation[];
  /** Scorecard questions an annotation may link to. */
  questions: { id: string; prompt: string }[];
  /** False on the read-only evaluation page. */
  editable: boolean;
  currentUserId: string;
  /** Organisation zone, for chat message timestamps. */
  timeZone: string;
  /** Optional: tell the page which question an annotation jumped to (the form may scroll to it). */
  onFocusQuestion?: (questionId: string) => void;
  /** Optional, read-only pages: selected text and the player's moment are taken as a dispute's evidence. */
  evidence?: EvidenceCapture | null;
  /** Optional: a request to play from a moment (a dispute's evidence); a new `nonce` asks again. */
  playRequest?: { ms: number; nonce: number } | null;
}

/** Takes the player's current moment (a range of length 0) or a transcript span as evidence. */
export interface EvidenceCapture {
  onCapture: (anchor: AnnotationAnchor) => void;
}

/** What the workspace may ask of the player (waveform or plain audio). */
export interface MediaHandle {
  seekTo: (ms: number) => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** Moves by `ms` (negative: back) from the current position. */
  skip: (ms: number) => void;
  currentTimeMs: () => number;
  playbackRate: () => number;
  setPlaybackRate: (rate: number) => void;
  /** Runs `callback` once the seek just asked for has landed (or at once when nothing is seeking). */
  afterSeek: (callback: () => void) => void;
}

/** A drawn annotation on the waveform. */
export interface RegionSpec {
  id: string;
  startMs: number;
  endMs: number;
  sentiment: Sentiment;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;
export const SKIP_MS = 5000;

/** The next slower (-1) or faster (+1) speed from the list; stays at the ends. */
export function stepPlaybackRate(current: number, direction: -1 | 1): number {
  const rates: readonly number[] = PLAYBACK_RATES;
  let index = rates.findIndex((rate) => Math.abs(rate - current) < 0.001);
  if (index < 0) {
    // An unlisted speed (set elsewhere): step from the nearest listed one on that side.
    const above = rates.findIndex((rate) => rate > current);
    index = above < 0 ? rates.length - (direction > 0 ? 1 : 0) : above - (direction > 0 ? 1 : 0);
  }
  const next = Math.min(rates.length - 1, Math.max(0, index + direction));
  return rates[next] ?? 1;
}

export const sentimentLabels = { positive: "Positive", negative: "Negative", neither: "Neither" } as const;
