/**
 * What the evaluation page shows of the acknowledgement (issue 13 §3), its times in the
 * organisation's zone; null when the scorecard does not ask for one (or the evaluation does not
 * count: void, a draft) — the page then shows nothing about it.
 */
import { formatDate, formatDateTime } from "../../lib/time";
import type { AcknowledgementView } from "../../modules/feedback/get-acknowledgement.server";

export type AcknowledgementPanelView =
  | {
      kind: "awaiting";
      viewerAcknowledges: boolean;
      revisionId: string;
      required: boolean;
      /** "25 Nov 2026": the last day to acknowledge. */
      dueDay: string | null;
      overdue: boolean;
      again: boolean;
    }
  | {
      kind: "acknowledged";
      viewerAcknowledges: boolean;
      at: string;
      comment: string | null;
      acknowledgedRevision: number;
      currentRevision: number;
      updated: boolean;
    };

export function acknowledgementPanelView(view: AcknowledgementView, timeZone: string): AcknowledgementPanelView | null {
  const { state } = view;
  if (state.kind === "not_asked" || !view.currentRevisionId) return null;
  if (state.kind === "acknowledged") {
    return {
      kind: "acknowledged",
      viewerAcknowledges: view.viewerAcknowledges,
      at: formatDateTime(state.acknowledgedAt, timeZone),
      comment: state.comment,
      acknowledgedRevision: state.acknowledgedRevision,
      currentRevision: state.currentRevision,
      updated: state.updated,
    };
  }
  return {
    kind: "awaiting",
    viewerAcknowledges: view.viewerAcknowledges,
    revisionId: view.currentRevisionId,
    required: state.required,
    // Due at the first instant of the next day: the last day is the one before it.
    dueDay: state.dueAt ? formatDate(new Date(state.dueAt.getTime() - 1), timeZone) : null,
    overdue: state.overdue,
    again: state.again,
  };
}
