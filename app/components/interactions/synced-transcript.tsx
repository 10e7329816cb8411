import type { MouseEvent } from "react";
import { formatClock } from "../player/types";

interface Speaker {
  id: string;
  role: "agent" | "customer";
  name?: string;
}

export interface SyncedSegment {
  id: string;
  speaker: string;
  text: string;
  startMs: number;
  endMs: number;
}

/**
 * A call's transcript beside its recording: the turn being spoken is highlighted,
 * and clicking a turn (or its time, from the keyboard) plays from its start.
 * Text is rendered as text (React escapes it), never as HTML.
 */
export function SyncedTranscript({
  speakers,
  segments,
  activeId,
  onSeek,
}: {
  speakers: Speaker[];
  segments: SyncedSegment[];
  activeId: string | null;
  onSeek: (ms: number) => void;
}) {
  const byId = new Map(speakers.map((speaker) => [speaker.id, speaker]));
  if (segments.length === 0) return <p className="empty-state">The transcript is empty.</p>;

  function seekFromTurn(event: MouseEvent<HTMLLIElement>, startMs: number) {
    // Selecting text to copy it is not a request to jump.
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && event.currentTarget.contains(selection.anchorNode)) return;
    if ((event.target as HTMLElement).closest("button")) return;
    onSeek(startMs);
  }

  return (
    <ol className="transcript transcript--synced" aria-label="Transcript">
      {segments.map((segment) => {
        const speaker = byId.get(segment.speaker);
        const role = speaker?.role ?? "customer";
        const active = segment.id === activeId;
        const time = formatClock(segment.startMs);
        return (
          <li
            key={segment.id}
            id={`segment-${segment.id}`}
            className={`turn turn--${role}${active ? " turn--active" : ""}`}
            aria-current={active ? "true" : undefined}
            onClick={(event) => seekFromTurn(event, segment.startMs)}
          >
            <div className="turn__meta">
              <span className="turn__speaker">{speaker?.name ?? (role === "agent" ? "Agent" : "Customer")}</span>
              <button
                type="button"
                className="turn__seek"
                onClick={() => onSeek(segment.startMs)}
                aria-label={`Play from ${time}`}
              >
                {time}
              </button>
            </div>
            <p className="turn__text">{segment.text}</p>
          </li>
        );
      })}
    </ol>
  );
}
