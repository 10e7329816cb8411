/**
 * The dispute state machine (docs/decisions/0022), pure so the pages, the use cases and the tests
 * read it alike:
 *
 *   awaiting_supervisor ──endorse──► open ──take──► in_review ──decide──► upheld | partly_upheld | rejected
 *            └──decline──► declined          (deciding an open dispute takes it on the way)
 *   awaiting_supervisor | open | in_review ──withdraw (the raiser)──► withdrawn
 *
 * The three states before a decision are "open" in the broad sense: one per evaluation, and the
 * evaluation can be neither corrected nor voided while one is.
 */
export const disputeStates = ["awaiting_supervisor", "declined", "open", "in_review", "upheld", "partly_upheld", "rejected", "withdrawn"] as const;
export type DisputeState = (typeof disputeStates)[number];

export const openDisputeStates = ["awaiting_supervisor", "open", "in_review"] as const satisfies readonly DisputeState[];
export const decidedDisputeStates = ["upheld", "partly_upheld", "rejected"] as const satisfies readonly DisputeState[];
export type DisputeOutcome = (typeof decidedDisputeStates)[number];

export const disputeStateLabels: Record<DisputeState, string> = {
  awaiting_supervisor: "Awaiting supervisor",
  declined: "Declined by supervisor",
  open: "Open",
  in_review: "In review",
  upheld: "Upheld",
  partly_upheld: "Partly upheld",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

/** The queue's status filter: a group of states, or one state. */
export const disputeStatusFilters = ["active", "decided", "closed", "all", ...disputeStates] as const;
export type DisputeStatusFilter = (typeof disputeStatusFilters)[number];

export function isOpenState(state: string): boolean {
  return (openDisputeStates as readonly string[]).includes(state);
}

export function asDisputeState(state: string): DisputeState {
  if (!(disputeStates as readonly string[]).includes(state)) throw new Error(`Unknown dispute state ${state}`);
  return state as DisputeState;
}

export const questionDecisions = ["keep", "accept", "other"] as const;
export type QuestionDecision = (typeof questionDecisions)[number];

/** The outcome follows from the questions: all kept → rejected; all accepted → upheld; otherwise partly upheld. */
export function outcomeOf(decisions: readonly QuestionDecision[]): DisputeOutcome {
  if (decisions.length === 0) throw new Error("A decision needs at least one question");
  if (decisions.every((d) => d === "keep")) return "rejected";
  if (decisions.every((d) => d === "accept")) return "upheld";
  return "partly_upheld";
}
