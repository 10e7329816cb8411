/**
 * Annotations in the order of the conversation, and what each one points at: where to
 * seek, which segment to show, how to describe its anchor. Pure.
 */
import { formatClock } from "./lanes";
import type { AnnotationDraft, SerializedAnnotation } from "./types";

export interface SegmentPlace {
  index: number;
  startMs?: number;
  endMs?: number;
}

/** The moment an annotation points at: its own start, else its segment's. */
export function annotationMoment(annotation: Pick<SerializedAnnotation, "startMs" | "segmentId">, places: ReadonlyMap<string, SegmentPlace>): number | null {
  if (annotation.startMs !== null) return annotation.startMs;
  const place = annotation.segmentId === null ? undefined : places.get(annotation.segmentId);
  return place?.startMs ?? null;
}

/**
 * By moment (calls), then by position in the transcript and within the segment (chats,
 * and ties), then oldest first. Anchors that no longer exist (a re-imported transcript)
 * go last rather than disappear.
 */
export function sortAnnotations<T extends SerializedAnnotation>(annotations: readonly T[], places: ReadonlyMap<string, SegmentPlace>): T[] {
  const keyed = annotations.map((annotation) => ({
    annotation,
    moment: annotationMoment(annotation, places) ?? Infinity,
    segment: annotation.segmentId === null ? Infinity : (places.get(annotation.segmentId)?.index ?? Infinity),
    offset: annotation.startOffset ?? 0,
    created: Date.parse(annotation.createdAt) || 0,
  }));
  keyed.sort((a, b) => {
    if (a.moment !== b.moment) return a.moment < b.moment ? -1 : 1;
    if (a.segment !== b.segment) return a.segment < b.segment ? -1 : 1;
    if (a.offset !== b.offset) return a.offset - b.offset;
    return a.created - b.created;
  });
  return keyed.map((item) => item.annotation);
}

/** "12:03–12:10", "12:03" for a moment, or null without a time range. */
export function timeRangeLabel(startMs: number | null, endMs: number | null): string | null {
  if (startMs === null) return null;
  if (endMs === null || Math.floor(endMs / 1000) === Math.floor(startMs / 1000)) return formatClock(startMs);
  return `${formatClock(startMs)}–${formatClock(endMs)}`;
}

/** The fields to send when editing: the anchor unchanged, the rest from the form. */
export function draftFrom(annotation: SerializedAnnotation, changes: Pick<AnnotationDraft, "comment" | "sentiment" | "questionId">): AnnotationDraft {
  return {
    comment: changes.comment,
    sentiment: changes.sentiment,
    questionId: changes.questionId,
    startMs: annotation.startMs,
    endMs: annotation.endMs,
    segmentId: annotation.segmentId,
    startOffset: annotation.startOffset,
    endOffset: annotation.endOffset,
    quote: annotation.quote,
  };
}

/** What this page saved or deleted, to lay over the page's (possibly older) list. */
export interface LocalChanges {
  saved: ReadonlyMap<string, SerializedAnnotation>;
  deleted: ReadonlySet<string>;
}

export function mergeAnnotations(fromPage: readonly SerializedAnnotation[], local: LocalChanges): SerializedAnnotation[] {
  if (local.saved.size === 0 && local.deleted.size === 0) return [...fromPage];
  const byId = new Map(fromPage.map((annotation) => [annotation.id, annotation]));
  for (const [id, annotation] of local.saved) byId.set(id, annotation);
  for (const id of local.deleted) byId.delete(id);
  return [...byId.values()];
}
