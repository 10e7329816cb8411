import { lazy, Suspense } from "react";
import type { FeedbackEditorProps } from "./feedback-editor-types";
import { useHydrated } from "../use-hydrated";

// tiptap needs the browser: its chunk is fetched after hydration, and the server build sees
// an empty `.client` module.
const FeedbackEditorClient = lazy(() => import("./feedback-editor.client"));

/** The overall-feedback box: the tiptap editor once hydrated, "Loading editor…" in the same box before. */
export function FeedbackEditor(props: FeedbackEditorProps) {
  const hydrated = useHydrated();
  const loading = <p className="feedback-editor__loading">Loading editor…</p>;
  return <div className="feedback-editor">{hydrated ? <Suspense fallback={loading}>{<FeedbackEditorClient {...props} />}</Suspense> : loading}</div>;
}
