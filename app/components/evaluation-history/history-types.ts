/** The evaluation page's history as the loader hands it to the view: text ready to show, dates in the organisation's zone. */
export interface RevisionView {
  sequence: number;
  /** "Submitted", "Corrected", "Re-scored after a dispute" */
  title: string;
  actorName: string;
  at: string;
  reason: string | null;
  /** "90.6", or "—" when no section counted */
  score: string;
  verdict: "Pass" | "Fail" | "Auto-failed";
  /** Set when the score differs from the revision before. */
  scoreBefore: string | null;
  verdictBefore: string | null;
  changes: { questionId: string; prompt: string; before: string; after: string }[];
  current: boolean;
}

export interface VoidView {
  byName: string;
  at: string;
  reason: string;
}
