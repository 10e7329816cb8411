/**
 * One note of a session in the rich-text editor (the review's feedback editor, same document
 * schema), autosaved (use-session-note-autosave.ts) with the review workspace's conflict
 * handling: another coach saved first → take theirs, or keep mine and overwrite.
 */
import { useCallback, useState } from "react";
import { formatHourMinute } from "../../lib/time";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";
import { FeedbackEditor } from "../review/feedback-editor";
import { useSessionNoteAutosave } from "./use-session-note-autosave";

interface Props {
  sessionId: string;
  visibility: "shared" | "private";
  title: string;
  hint: string;
  body: FeedbackDocument;
  revision: number;
  savedAt: string | null;
  timeZone: string;
}

export function SessionNoteEditor({ sessionId, visibility, title, hint, body, revision, savedAt, timeZone }: Props) {
  const formatTime = useCallback((iso: string) => formatHourMinute(iso, timeZone), [timeZone]);
  const autosave = useSessionNoteAutosave({ sessionId, visibility, revision, savedAt, formatTime });
  const [content, setContent] = useState({ key: 0, body });
  const id = `note-${visibility}`;
  const { conflict } = autosave;
  return (
    <section className="session-note" aria-labelledby={`${id}-title`}>
      <div className="session-note__head">
        <h3 id={`${id}-title`}>{title}</h3>
        <p className={`save-status save-status--${autosave.status.kind}`} role="status" data-testid={`${id}-status`}>
          {autosave.status.label}
        </p>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {conflict ? (
        <div className="alert alert--error conflict-alert" role="alert">
          <p>
            <strong>{conflict.updatedBy} saved this note</strong> after this page loaded, so your latest changes were not saved. Everything you typed is still here.
          </p>
          <div className="conflict-alert__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                autosave.takeSaved(conflict);
                setContent((previous) => ({ key: previous.key + 1, body: conflict.body }));
              }}
            >
              Take the saved version
            </button>
            <button type="button" className="button button--danger button--small" onClick={() => autosave.overwrite(conflict)}>
              Keep mine and overwrite
            </button>
          </div>
        </div>
      ) : autosave.state.failure?.kind === "invalid" || autosave.state.failure?.kind === "locked" ? (
        <p className="alert alert--error" role="alert">
          Not saved: {autosave.state.failure.message}
        </p>
      ) : null}
      <FeedbackEditor key={content.key} value={content.body} onChange={autosave.changed} onBlur={autosave.flush} labelledBy={`${id}-title`} describedBy={`${id}-hint`} />
    </section>
  );
}
