/**
 * The acknowledgement rule (issue 13 §3, docs/architecture.md "The agent's feedback and acknowledgement"), pure so the evaluation page, the
 * lists and the tests share one reading of it:
 *
 * - a scorecard asks for acknowledgement not at all, optionally, or required within N days;
 * - an acknowledgement is made against the revision the agent saw;
 * - a later revision that changes pass/fail against what was acknowledged asks again, from the
 *   first revision of that change; one that does not leaves the acknowledgement standing,
 *   marked "updated";
 * - "within N days" ends with the N-th day after it was asked, in the organisation's time zone:
 *   released (or asked again) on Monday at 23:30 with 1 day → due by the end of Tuesday there.
 *
 * The SQL of the lists (acknowledgement-query.server.ts) computes the same with per-day cutoffs
 * from `overdueCutoffs`; the tests hold the two to agreement.
 */
import { z } from "zod";
import { addDays, localDateOf, startOfLocalDay } from "../../lib/time";

export const acknowledgementModes = ["none", "optional", "required"] as const;
export type AcknowledgementMode = (typeof acknowledgementModes)[number];
export const acknowledgementModeLabels: Record<AcknowledgementMode, string> = {
  none: "Not asked",
  optional: "Optional",
  required: "Required within a number of days",
};

export const MIN_ACKNOWLEDGEMENT_DAYS = 1;
export const MAX_ACKNOWLEDGEMENT_DAYS = 60;
export const MAX_ACKNOWLEDGEMENT_COMMENT = 2000;

export const acknowledgementCommentSchema = z
  .string()
  .trim()
  .max(MAX_ACKNOWLEDGEMENT_COMMENT, `Keep the comment to ${MAX_ACKNOWLEDGEMENT_COMMENT.toLocaleString("en-GB")} characters`)
  .transform((value) => (value === "" ? null : value));

export interface RevisionFacts {
  id: string;
  sequence: number;
  passed: boolean;
  createdAt: Date;
}

export interface AcknowledgementFacts {
  revisionId: string;
  acknowledgedAt: Date;
  comment: string | null;
}

export interface AcknowledgementInput {
  mode: AcknowledgementMode;
  /** Set when mode is "required". */
  days: number | null;
  releasedAt: Date | null;
  /** Every revision of the evaluation, any order; the last by sequence is the current one. */
  revisions: RevisionFacts[];
  acknowledgements: AcknowledgementFacts[];
}

export type AcknowledgementState =
  | { kind: "not_asked" }
  | {
      kind: "awaiting";
      askedAt: Date;
      /** Only when required. */
      dueAt: Date | null;
      overdue: boolean;
      /** Asked again: a revision changed pass/fail since the agent acknowledged. */
      again: boolean;
      required: boolean;
    }
  | {
      kind: "acknowledged";
      acknowledgedAt: Date;
      comment: string | null;
      /** The revision acknowledged (its sequence) and the current one. */
      acknowledgedRevision: number;
      currentRevision: number;
      /** A later revision that kept pass/fail: the acknowledgement stands. */
      updated: boolean;
    };

/** The first instant the acknowledgement is late: the start of the day after the N-th day after `askedAt`, in `timeZone`. */
export function acknowledgementDueAt(askedAt: Date, days: number, timeZone: string): Date {
  return startOfLocalDay(addDays(localDateOf(askedAt, timeZone), days + 1), timeZone);
}

/**
 * For the lists' SQL: cutoffs[d - 1] is the start of the local day d days before `now`'s; an
 * acknowledgement asked before it with N = d days is overdue (the same as `now ≥ dueAt`).
 */
export function overdueCutoffs(now: Date, timeZone: string): Date[] {
  const today = localDateOf(now, timeZone);
  return Array.from({ length: MAX_ACKNOWLEDGEMENT_DAYS }, (_, index) => startOfLocalDay(addDays(today, -(index + 1)), timeZone));
}

export function acknowledgementState(input: AcknowledgementInput, now: Date, timeZone: string): AcknowledgementState {
  const revisions = [...input.revisions].sort((a, b) => a.sequence - b.sequence);
  const current = revisions.at(-1);
  if (input.mode === "none" || !input.releasedAt || !current) return { kind: "not_asked" };
  const bySequence = new Map(revisions.map((revision) => [revision.id, revision]));
  const latest = input.acknowledgements
    .map((ack) => ({ ack, revision: bySequence.get(ack.revisionId) }))
    .filter((entry): entry is { ack: AcknowledgementFacts; revision: RevisionFacts } => entry.revision !== undefined)
    .sort((a, b) => b.revision.sequence - a.revision.sequence)[0];

  if (latest && latest.revision.passed === current.passed) {
    return {
      kind: "acknowledged",
      acknowledgedAt: latest.ack.acknowledgedAt,
      comment: latest.ack.comment,
      acknowledgedRevision: latest.revision.sequence,
      currentRevision: current.sequence,
      updated: latest.revision.sequence !== current.sequence,
    };
  }
  let askedAt = input.releasedAt;
  if (latest) {
    // Asked again from the first revision of the latest run whose result differs from the one acknowledged.
    const lastAgreeing = Math.max(...revisions.filter((r) => r.passed === latest.revision.passed).map((r) => r.sequence));
    const reasked = revisions.find((r) => r.sequence > lastAgreeing);
    if (reasked && reasked.createdAt > askedAt) askedAt = reasked.createdAt;
  }
  const required = input.mode === "required" && input.days !== null;
  const dueAt = required ? acknowledgementDueAt(askedAt, input.days as number, timeZone) : null;
  return { kind: "awaiting", askedAt, dueAt, overdue: dueAt !== null && now >= dueAt, again: latest !== undefined, required };
}
