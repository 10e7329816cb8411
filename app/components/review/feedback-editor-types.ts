import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";

export interface FeedbackEditorProps {
  /** The document to start from; the editor reads it once (remount it with a `key` to reset). */
  value: FeedbackDocument;
  onChange: (doc: FeedbackDocument) => void;
  onBlur?: () => void;
  /** Id of the visible label (the "Overall feedback" heading). */
  labelledBy?: string;
  /** Id of the hint and error text under the box. */
  describedBy?: string;
}
