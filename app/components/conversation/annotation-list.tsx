/**
 * The evaluation's annotations in conversation order. Choosing one plays from its moment
 * and shows it in the transcript; the reviewer edits or deletes their own (after a
 * confirmation) while the evaluation is a draft.
 */
import { useEffect, useRef, useState } from "react";
import { AnnotationForm, type AnnotationFormValues } from "./annotation-form";
import { sentimentLabels, type SerializedAnnotation } from "./types";
import type { SaveOutcome } from "./use-annotations";

export interface AnnotationListProps {
  items: readonly SerializedAnnotation[];
  /** Where each one points, for its label: "12:03–12:10", or the message's time. */
  whereOf: (annotation: SerializedAnnotation) => string;
  questionPrompts: ReadonlyMap<string, string>;
  questions: readonly { id: string; prompt: string }[];
  currentUserId: string;
  editable: boolean;
  focusedId: string | null;
  editingId: string | null;
  emptyHint: string;
  onJump: (annotation: SerializedAnnotation) => void;
  onEdit: (annotationId: string | null) => void;
  onSave: (annotation: SerializedAnnotation, values: AnnotationFormValues) => Promise<SaveOutcome>;
  onDelete: (annotation: SerializedAnnotation) => Promise<SaveOutcome>;
}

export function AnnotationList(props: AnnotationListProps) {
  const { items, whereOf, questionPrompts, currentUserId, editable, focusedId, editingId } = props;
  const [confirming, setConfirming] = useState<SerializedAnnotation | null>(null);

  if (items.length === 0) return <p className="empty-state review-notes__empty">{props.emptyHint}</p>;
  return (
    <>
      <ol className="review-notes" aria-label="Annotations">
        {items.map((annotation) => {
          const own = editable && annotation.authorId === currentUserId;
          if (own && editingId === annotation.id) {
            return (
              <li key={annotation.id} className="review-notes__item review-notes__item--editing" data-annotation-id={annotation.id}>
                <AnnotationForm
                  title="Edit annotation"
                  anchorLabel={whereOf(annotation)}
                  questions={props.questions}
                  initial={{ comment: annotation.comment, sentiment: annotation.sentiment, questionId: annotation.questionId }}
                  onSave={(values) => props.onSave(annotation, values)}
                  onCancel={() => props.onEdit(null)}
                />
              </li>
            );
          }
          const question = annotation.questionId ? questionPrompts.get(annotation.questionId) : undefined;
          const sentiment = annotation.sentiment ?? "neither";
          return (
            <li
              key={annotation.id}
              className={`review-notes__item review-notes__item--${sentiment}${focusedId === annotation.id ? " review-notes__item--focused" : ""}`}
              data-annotation-id={annotation.id}
              aria-current={focusedId === annotation.id ? "true" : undefined}
            >
              <button type="button" className="review-notes__jump" onClick={() => props.onJump(annotation)} title="Show this moment">
                <span className="review-notes__where">{whereOf(annotation)}</span>
                {annotation.quote ? <q className="review-notes__quote">{annotation.quote}</q> : null}
              </button>
              <div className="review-notes__tags">
                {annotation.sentiment ? <span className={`badge review-badge--${annotation.sentiment}`}>{sentimentLabels[annotation.sentiment]}</span> : null}
                {question ? <span className="badge review-notes__question">{question}</span> : null}
                {annotation.authorId !== currentUserId ? <span className="muted small">by {annotation.authorName}</span> : null}
              </div>
              <p className="review-notes__comment">{annotation.comment}</p>
              {own ? (
                <div className="review-notes__actions">
                  <button type="button" className="button button--quiet" onClick={() => props.onEdit(annotation.id)}>
                    Edit
                  </button>
                  <button type="button" className="button button--quiet" onClick={() => setConfirming(annotation)}>
                    Delete
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {confirming ? <ConfirmDelete annotation={confirming} onDelete={props.onDelete} onClose={() => setConfirming(null)} /> : null}
    </>
  );
}

function ConfirmDelete({
  annotation,
  onDelete,
  onClose,
}: {
  annotation: SerializedAnnotation;
  onDelete: (annotation: SerializedAnnotation) => Promise<SaveOutcome>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  async function confirm() {
    setBusy(true);
    setError(null);
    const result = await onDelete(annotation);
    if (result.ok) {
      onClose();
      return;
    }
    setBusy(false);
    setError(result.message);
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="review-delete-title" onClose={onClose}>
      <h2 id="review-delete-title">Delete this annotation?</h2>
      <p className="review-notes__comment">“{annotation.comment}”</p>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={busy} autoFocus>
          Keep it
        </button>
        <button type="button" className="button button--danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? "Deleting…" : "Delete"}
        </button>
      </div>
    </dialog>
  );
}
