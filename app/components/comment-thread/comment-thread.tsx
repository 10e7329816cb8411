/**
 * The comment thread of an evaluation (issue 13 §4): the comments, oldest first, as plain text
 * (React escapes it; line breaks kept by CSS), and a box to post one — counted near its limit,
 * sent with Ctrl+Enter or ⌘+Enter as well as the button, and kept as typed when the post is
 * refused. The author's own comment offers Edit and Delete for its first ten minutes.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { CharacterCount, characterCount } from "../character-count";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import type { CommentThreadView, CommentView } from "./comment-thread-view.server";

interface PostResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
}

/** Ctrl+Enter or ⌘+Enter in the box sends its form. */
function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

export function CommentThread({ thread }: { thread: CommentThreadView }) {
  const action = `/evaluations/${thread.evaluationId}/comments`;
  return (
    <section className="comment-thread" aria-labelledby="comment-thread-title">
      <h2 id="comment-thread-title">Comments</h2>
      {thread.comments.length === 0 ? <p className="muted">No comments yet.</p> : null}
      {thread.comments.length > 0 ? (
        <ol className="comment-thread__list">
          {thread.comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} action={action} maxChars={thread.maxChars} />
          ))}
        </ol>
      ) : null}
      {thread.open ? <CommentBox action={action} maxChars={thread.maxChars} /> : <p className="muted">This evaluation was voided; its thread is closed.</p>}
    </section>
  );
}

function CommentBox({ action, maxChars }: { action: string; maxChars: number }) {
  const fetcher = useFetcher<PostResult>();
  const [body, setBody] = useState("");
  const box = useRef<HTMLTextAreaElement>(null);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  // Emptied only once the comment is posted; a refusal keeps what was typed.
  useEffect(() => {
    if (result?.ok) setBody("");
  }, [result]);
  const error = result && !result.ok ? (result.fieldErrors?.body ?? result.message) : undefined;
  const count = characterCount(body.length, maxChars);
  const describedBy = [error ? "comment-body-error" : null, count.show ? "comment-body-count" : null, "comment-body-hint"].filter(Boolean).join(" ");
  return (
    <fetcher.Form method="post" action={action} className="form comment-thread__form" aria-label="Add a comment" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="add" />
      <div className="field">
        <label htmlFor="comment-body">Add a comment</label>
        <textarea
          ref={box}
          id="comment-body"
          name="body"
          rows={3}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={submitOnModEnter}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <p id="comment-body-hint" className="field__hint">
          Plain text; everyone in this thread is notified. Ctrl+Enter (⌘+Enter) posts it.
        </p>
        <CharacterCount id="comment-body-count" length={body.length} max={maxChars} />
        <FieldError id="comment-body-error" message={error} />
      </div>
      <button type="submit" className="button button--primary" disabled={fetcher.state !== "idle"}>
        {fetcher.state === "idle" ? "Post comment" : "Posting…"}
      </button>
    </fetcher.Form>
  );
}

function CommentItem({ comment, action, maxChars }: { comment: CommentView; action: string; maxChars: number }) {
  const fetcher = useFetcher<PostResult>();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [body, setBody] = useState(comment.body ?? "");
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (result?.ok) {
      setEditing(false);
      setConfirmingDelete(false);
    }
  }, [result]);
  const error = result && !result.ok ? (result.fieldErrors?.body ?? result.message) : undefined;
  const editId = `comment-edit-${comment.id}`;
  return (
    <li className="comment" id={`comment-${comment.id}`}>
      <p className="comment__meta">
        <strong>{comment.mine ? `${comment.authorName} (you)` : comment.authorName}</strong> <span className="muted">· {comment.at}</span>
        {comment.edited && !comment.deleted ? <span className="muted"> · edited</span> : null}
      </p>
      {comment.deleted ? (
        <p className="comment__body comment__body--deleted muted">comment deleted</p>
      ) : editing ? (
        <fetcher.Form method="post" action={action} className="form" aria-label="Edit your comment" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="commentId" value={comment.id} />
          <div className="field">
            <label htmlFor={editId}>Your comment</label>
            <textarea
              id={editId}
              name="body"
              rows={3}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              onKeyDown={submitOnModEnter}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${editId}-error` : undefined}
            />
            <CharacterCount id={`${editId}-count`} length={body.length} max={maxChars} />
            <FieldError id={`${editId}-error`} message={error} />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={fetcher.state !== "idle"}>
              Save
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </fetcher.Form>
      ) : (
        <p className="comment__body">{comment.body}</p>
      )}
      {comment.changeableUntil && !editing ? (
        <div className="comment__actions">
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
          {confirmingDelete ? (
            <fetcher.Form method="post" action={action} className="button-row" aria-label="Delete your comment">
              <CsrfField />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="commentId" value={comment.id} />
              <span>Delete this comment?</span>
              <button type="submit" className="button button--danger" disabled={fetcher.state !== "idle"}>
                Delete
              </button>
              <button type="button" className="button" onClick={() => setConfirmingDelete(false)}>
                Keep it
              </button>
            </fetcher.Form>
          ) : (
            <>
              <button type="button" className="button button--quiet" onClick={() => setEditing(true)} aria-label={`Edit your comment of ${comment.at}`}>
                Edit
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirmingDelete(true)} aria-label={`Delete your comment of ${comment.at}`}>
                Delete
              </button>
              <span className="muted"> until {comment.changeableUntil}</span>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
