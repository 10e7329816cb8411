/**
 * The media half of the review workspace: the recording's waveform with annotation
 * regions, the transcript that follows playback (search, text-span annotations), and the
 * list of annotations. Read-only on the evaluation page (`editable` false): regions,
 * highlights and the list, without the controls that change them.
 *
 * On the interaction's own page (no evaluation) it is the conversation alone: player,
 * transcript and shortcuts, without annotations.
 *
 * Annotations are saved with fetch to routes/review.$evaluationId.annotations.ts.
 * Keyboard shortcuts (shortcuts.ts) work anywhere on the page except in fields.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatTime } from "../../lib/time";
import { formatClock } from "./lanes";
import { SegmentTimeline, timedSegments } from "./active-segment";
import { AnnotationForm, type AnnotationFormValues } from "./annotation-form";
import { AnnotationList } from "./annotation-list";
import { annotationMoment, draftFrom, sortAnnotations, timeRangeLabel, type SegmentPlace } from "./annotation-order";
import { MediaPlayer } from "./media-player";
import type { TextSpan } from "./selection-offsets";
import { ShortcutHelp } from "./shortcut-help";
import type { NoteRange } from "./text-marks";
import type { TranscriptRow } from "./transcript-list";
import { TranscriptPanel } from "./transcript-panel";
import { SKIP_MS, stepPlaybackRate, type AnnotationAnchor, type MediaHandle, type MediaSegment, type RegionSpec, type ReviewMediaProps, type SerializedAnnotation } from "./types";
import { useAnnotations } from "./use-annotations";
import { revealRow, useFollow } from "./use-follow";
import { useShortcuts } from "./use-shortcuts";
import { useTextSelection } from "./use-text-selection";
import { useTranscriptSearch } from "./use-transcript-search";
import { createValueStore } from "./value-store";

export type { ReviewMediaProps, SerializedAnnotation } from "./types";

const NO_SEGMENTS: MediaSegment[] = [];
const EMPTY_FORM: AnnotationFormValues = { comment: "", sentiment: null, questionId: null };
const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function ReviewMedia(props: ReviewMediaProps) {
  const { evaluationId, player, questions, currentUserId, timeZone, onFocusQuestion, evidence, playRequest } = props;
  const annotated = evaluationId !== null;
  const editable = annotated && props.editable;
  // Read once: a revalidation (the scorecard autosaves) brings an equal transcript as new
  // objects, which would re-render all of a long call's rows. Key the component per evaluation.
  const [transcript] = useState(props.transcript);
  const media = useRef<MediaHandle>(null);
  const root = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const [activeStore] = useState(() => createValueStore<string | null>(null));
  const [helpOpen, setHelpOpen] = useState(false);
  const [composer, setComposer] = useState<AnnotationAnchor | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);

  // ---- the transcript, indexed once per transcript
  const segments = transcript?.segments ?? NO_SEGMENTS;
  const hasAudio = player !== null;
  const timeline = useMemo(() => new SegmentTimeline(timedSegments(segments)), [segments]);
  const follows = hasAudio && timeline.size > 0;
  const places = useMemo(() => new Map<string, SegmentPlace>(segments.map((s, index) => [s.id, { index, startMs: s.startMs, endMs: s.endMs }])), [segments]);
  const textById = useMemo(() => new Map(segments.map((s) => [s.id, s.text])), [segments]);
  const textOf = useCallback((id: string) => textById.get(id), [textById]);
  const rows = useMemo((): TranscriptRow[] => {
    const speakers = new Map((transcript?.speakers ?? []).map((speaker) => [speaker.id, speaker]));
    return segments.map((segment) => {
      const speaker = speakers.get(segment.speaker);
      const role = speaker?.role ?? "customer";
      return {
        id: segment.id,
        speakerLabel: speaker?.name ?? (role === "agent" ? "Agent" : "Customer"),
        role,
        text: segment.text,
        timeLabel: segment.startMs !== undefined ? formatClock(segment.startMs) : segment.at ? formatTime(segment.at, timeZone) : "",
        seekMs: hasAudio && segment.startMs !== undefined ? segment.startMs : null,
      };
    });
  }, [segments, transcript?.speakers, timeZone, hasAudio]);

  // ---- playback → the active turn (a store: only the rows concerned re-render)
  const onTimeUpdate = useCallback((ms: number) => activeStore.set(timeline.activeAt(ms)), [activeStore, timeline]);
  const follow = useFollow(scroller, activeStore, follows);
  const { hold, release } = follow;
  /** Moves playback to `ms` (and plays, for a turn's "Play from" button). The turn is highlighted at once; the transcript scrolls to it once the audio is there. */
  const seek = useCallback(
    (ms: number, play = false) => {
      const handle = media.current;
      if (!handle) {
        activeStore.set(timeline.activeAt(ms));
        return;
      }
      hold();
      handle.seekTo(ms);
      activeStore.set(timeline.activeAt(ms));
      handle.afterSeek(release);
      if (play) handle.play();
    },
    [activeStore, timeline, hold, release],
  );
  const search = useTranscriptSearch(segments, places, activeStore, scroller, follow.pause);
  const { pending: selection, clear: clearSelection } = useTextSelection(scroller, textOf);

  // ---- annotations
  const { annotations, add, update, remove } = useAnnotations(evaluationId, props.annotations);
  const sorted = useMemo(() => sortAnnotations(annotations, places), [annotations, places]);
  const regions = useMemo(
    () =>
      annotations.flatMap((a): RegionSpec[] => (hasAudio && a.startMs !== null && a.endMs !== null ? [{ id: a.id, startMs: a.startMs, endMs: a.endMs, sentiment: a.sentiment }] : [])),
    [annotations, hasAudio],
  );
  const notes = useMemo(() => {
    const bySegment = new Map<string, NoteRange[]>();
    for (const a of annotations) {
      if (a.segmentId === null || a.startOffset === null || a.endOffset === null) continue;
      const list = bySegment.get(a.segmentId) ?? [];
      list.push({ id: a.id, start: a.startOffset, end: a.endOffset, sentiment: a.sentiment });
      bySegment.set(a.segmentId, list);
    }
    return bySegment;
  }, [annotations]);
  const questionPrompts = useMemo(() => new Map(questions.map((q) => [q.id, q.prompt])), [questions]);

  const whereOf = useCallback(
    (a: Pick<SerializedAnnotation, "startMs" | "endMs" | "segmentId">) => {
      const time = timeRangeLabel(a.startMs, a.endMs);
      if (time) return time;
      const segment = a.segmentId === null ? undefined : segments[places.get(a.segmentId)?.index ?? -1];
      if (segment?.at) return formatTime(segment.at, timeZone);
      return segment ? `Turn ${(places.get(segment.id)?.index ?? 0) + 1}` : "Transcript";
    },
    [segments, places, timeZone],
  );

  function openComposer(anchor: AnnotationAnchor) {
    if (!editable) return;
    setEditingId(null);
    setComposer(anchor);
  }

  // A dispute's evidence (read-only pages): the selected span, with its turn's times where it has them.
  const captureSpan = (span: TextSpan) => {
    const place = places.get(span.segmentId);
    const timed = place?.startMs !== undefined && place.endMs !== undefined;
    evidence?.onCapture({ ...span, startMs: timed ? (place.startMs ?? null) : null, endMs: timed ? (place.endMs ?? null) : null });
    clearSelection();
  };
  const captureMoment = () => {
    const ms = media.current?.currentTimeMs();
    if (ms === undefined) return;
    evidence?.onCapture({ startMs: ms, endMs: ms, segmentId: null, startOffset: null, endOffset: null, quote: null });
  };
  useEffect(() => {
    if (playRequest) seek(playRequest.ms, true);
  }, [playRequest, seek]);

  const annotateSpan = (span: TextSpan) => {
    const place = places.get(span.segmentId);
    const timed = place?.startMs !== undefined && place.endMs !== undefined;
    openComposer({ ...span, startMs: timed ? (place.startMs ?? null) : null, endMs: timed ? (place.endMs ?? null) : null });
  };

  function annotateNow() {
    if (selection?.ok) return annotateSpan(selection.span);
    if (composer) return;
    const handle = media.current;
    if (!handle) return;
    const ms = handle.currentTimeMs();
    openComposer({ startMs: ms, endMs: ms, segmentId: null, startOffset: null, endOffset: null, quote: null });
  }

  const onDraw = useCallback(
    (range: { startMs: number; endMs: number }) => {
      if (!editable) return;
      setEditingId(null);
      setComposer({ startMs: range.startMs, endMs: range.endMs, segmentId: null, startOffset: null, endOffset: null, quote: null });
    },
    [editable],
  );

  async function saveNew(values: AnnotationFormValues) {
    if (!composer) return { ok: false as const, message: "Nothing to annotate.", fieldErrors: {} };
    const result = await add({ ...composer, ...values });
    if (result.ok) {
      setComposer(null);
      clearSelection();
      if (result.annotation) setFocusedId(result.annotation.id);
    }
    return result;
  }

  async function saveEdit(annotation: SerializedAnnotation, values: AnnotationFormValues) {
    const result = await update(annotation.id, draftFrom(annotation, values));
    if (result.ok) setEditingId(null);
    return result;
  }

  const jump = useCallback(
    (annotation: SerializedAnnotation) => {
      setFocusedId(annotation.id);
      const moment = annotationMoment(annotation, places);
      if (hasAudio && moment !== null) seek(moment);
      const segmentId = annotation.segmentId ?? (moment !== null ? timeline.activeAt(moment) : null);
      if (segmentId !== null && scroller.current) revealRow(scroller.current, segmentId);
      if (annotation.questionId) onFocusQuestion?.(annotation.questionId);
    },
    [places, hasAudio, seek, timeline, onFocusQuestion],
  );

  const onRegionClick = useCallback((annotationId: string) => {
    setFocusedId(annotationId);
    root.current?.querySelector(`[data-annotation-id="${CSS.escape(annotationId)}"]`)?.scrollIntoView({ block: "nearest" });
  }, []);

  const audio = (run: (handle: MediaHandle) => void) => (hasAudio ? () => media.current && run(media.current) : undefined);
  useShortcuts({
    togglePlay: audio((h) => h.togglePlay()),
    back: audio((h) => h.skip(-SKIP_MS)),
    forward: audio((h) => h.skip(SKIP_MS)),
    slower: audio((h) => h.setPlaybackRate(stepPlaybackRate(h.playbackRate(), -1))),
    faster: audio((h) => h.setPlaybackRate(stepPlaybackRate(h.playbackRate(), 1))),
    search: transcript
      ? () => {
          searchInput.current?.focus();
          searchInput.current?.select();
        }
      : undefined,
    nextHit: () => search.step(1),
    previousHit: () => search.step(-1),
    annotate: editable ? annotateNow : undefined,
    help: () => setHelpOpen(true),
  });

  const composerLabel = composer ? [timeRangeLabel(composer.startMs, composer.endMs), composer.quote ? `“${shorten(composer.quote)}”` : null].filter(Boolean).join(" · ") : "";
  const emptyHint = !editable
    ? "No annotations."
    : hasAudio
      ? "No annotations yet. Drag across the waveform, or select words in the transcript, then press A (or Annotate)."
      : "No annotations yet. Select words in a message, then press A (or Annotate).";

  return (
    <section ref={root} className="review-media" aria-labelledby="review-media-title" data-editable={editable ? "true" : "false"}>
      <div className="review-media__toolbar">
        <h2 id="review-media-title">Conversation</h2>
        {evidence && hasAudio ? (
          <button type="button" className="button" onClick={captureMoment}>
            Use the current moment as evidence
          </button>
        ) : null}
        <button type="button" className="button button--quiet review-media__help" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
          Keyboard shortcuts <kbd>?</kbd>
        </button>
      </div>
      {player ? (
        <MediaPlayer
          ref={media}
          source={player}
          onTimeUpdate={onTimeUpdate}
          regions={regions}
          draft={composer && composer.startMs !== null && composer.endMs !== null ? { startMs: composer.startMs, endMs: composer.endMs } : null}
          selectable={editable}
          onDraw={onDraw}
          onRegionClick={onRegionClick}
          onSeek={seek}
        />
      ) : null}
      {composer ? (
        <AnnotationForm title="New annotation" anchorLabel={composerLabel} questions={questions} initial={EMPTY_FORM} onSave={saveNew} onCancel={() => setComposer(null)} />
      ) : null}
      {transcript ? (
        <TranscriptPanel
          rows={rows}
          activeStore={activeStore}
          scroller={scroller}
          searchInput={searchInput}
          query={search.query}
          hits={search.hits}
          hitMap={search.hitMap}
          hitIndex={search.hitIndex}
          onQuery={search.setQuery}
          onStep={search.step}
          notes={notes}
          focusedNoteId={focusedId}
          onSeek={seek}
          followPaused={follow.paused}
          onResumeFollow={follow.resume}
          selection={composer ? null : selection}
          onAnnotate={editable ? annotateSpan : evidence ? captureSpan : null}
          annotateLabel={!editable && evidence ? "Use as evidence" : undefined}
        />
      ) : (
        <p className="empty-state">This interaction has no transcript.</p>
      )}
      {annotated ? (
      <section className="review-media__notes" aria-labelledby="review-notes-title">
        <h3 id="review-notes-title">
          Annotations <span className="muted">({sorted.length})</span>
        </h3>
        <AnnotationList
          items={sorted}
          whereOf={whereOf}
          questionPrompts={questionPrompts}
          questions={questions}
          currentUserId={currentUserId}
          editable={editable}
          focusedId={focusedId}
          editingId={editingId}
          emptyHint={emptyHint}
          onJump={jump}
          onEdit={(id) => {
            setComposer(null);
            setEditingId(id);
          }}
          onSave={saveEdit}
          onDelete={(annotation) => remove(annotation.id)}
        />
      </section>
      ) : null}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} hasAudio={hasAudio} editable={editable} />
    </section>
  );
}

export default ReviewMedia;
