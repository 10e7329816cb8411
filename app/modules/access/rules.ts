/**
 * What a viewer may do to a row they can already see (the scopes decided that; outside them
 * it is 404), step 3 of the order in refusals.ts. Pure: each rule reads the row's columns it
 * needs and refuses with 403, or with 409 when the row's state, not the viewer, is what
 * stands in the way.
 */
import { DomainError } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import { can } from "./permissions";
import { forbidden } from "./refusals";

/**
 * Whether the viewer reads an evaluation whole, or as the agent reads it: without the answers,
 * comments and annotations its scorecard hides from agents (evaluations/hidden-answers.ts
 * removes them). A permission, not a role name, so a role added later reads the agent's
 * version until it is granted more.
 */
export function seesHiddenAnswers(viewer: Viewer): boolean {
  return can(viewer, "evaluations:see-hidden-answers");
}

/**
 * Autosave, submit and annotations of a draft: its own scorer, while their role still scores
 * (a self-evaluation's scorer is the agent: `assertMaySelfEvaluate` checks them first).
 */
export function assertMayScore(viewer: Viewer, evaluation: { reviewer_id: string; status: string; kind?: string }): void {
  if (evaluation.kind !== "self" && !can(viewer, "reviews:work")) {
    throw forbidden("Your role no longer includes scoring conversations, so this evaluation cannot be changed. Ask a QA lead to reassign it.");
  }
  if (evaluation.reviewer_id !== viewer.id) throw forbidden("Only the reviewer who scores this evaluation can change it.");
  if (evaluation.status !== "draft") throw new DomainError("locked", "This evaluation was already submitted; it can no longer change.");
}

/** Starting a review of a conversation (after the `reviews:work` gate): never one's own conversation. */
export function assertNotOwnConversation(viewer: Viewer, interaction: { agent_id: string }): void {
  if (interaction.agent_id === viewer.id) throw forbidden("You cannot score your own conversation.");
}

/**
 * Starting or changing a self-evaluation (docs/decisions/0025): an agent, on their own
 * conversation, while the organisation allows it (403 otherwise), and until a review of the
 * conversation is released to them (409: it locked then).
 */
export function assertMaySelfEvaluate(
  viewer: Viewer,
  interaction: { agent_id: string },
  state: { enabled: boolean; reviewReleased: boolean },
): void {
  if (!can(viewer, "evaluations:self")) throw forbidden("Only agents self-evaluate, and only their own conversations.");
  if (interaction.agent_id !== viewer.id) throw forbidden("You can self-evaluate only your own conversations.");
  if (!state.enabled) throw forbidden("Self-evaluation is turned off for your organisation. An admin can turn it on under Settings.");
  if (state.reviewReleased) {
    throw new DomainError("locked", "The review of this conversation has been released to you, so self-evaluation is closed. Your self-evaluation, if you made one, stays as it was.");
  }
}

/** Releasing (after the `evaluations:release` gate): a submitted review not yet released. */
export function assertReleasable(evaluation: { kind: string; status: string; released_at: Date | null }): void {
  if (evaluation.kind !== "review") throw new DomainError("conflict", "Only a review is released to the agent.");
  if (evaluation.status !== "submitted") throw new DomainError("conflict", "Only a submitted evaluation can be released.");
  if (evaluation.released_at) throw new DomainError("conflict", "This evaluation was already released.");
}

/** Editing or deleting an annotation: its author (and then the draft rule above). */
export function assertMayChangeAnnotation(viewer: Viewer, annotation: { author_id: string }): void {
  if (annotation.author_id !== viewer.id) throw forbidden("Only the reviewer who wrote this comment can change it.");
}

/** Scoring from a queue item: the reviewer it is assigned to. */
export function assertAssignedTo(viewer: Viewer, assignment: { reviewer_id: string }): void {
  if (assignment.reviewer_id !== viewer.id) throw forbidden("This assignment is in another reviewer's queue; only they score it from there.");
}

/** Skipping or replacing an open assignment: its reviewer while they still review, or a lead. */
export function assertMayWorkAssignment(viewer: Viewer, assignment: { reviewer_id: string; status: string }): void {
  const manages = can(viewer, "assignments:manage");
  if (!manages && !can(viewer, "reviews:work")) {
    throw forbidden("Your role no longer includes review work, so this assignment cannot be changed. Ask a QA lead.");
  }
  if (!manages && assignment.reviewer_id !== viewer.id) throw forbidden("Only the reviewer it is assigned to, or a QA lead, can change this assignment.");
  if (assignment.status !== "open") {
    throw new DomainError("conflict", assignment.status === "done" ? "This assignment is already done." : "This assignment was already skipped.");
  }
}

/**
 * Arbitrating a dispute (taking it, deciding it): a QA lead (`disputes:decide`) or a member of the
 * organisation's arbiter pool, and never the reviewer who scored the evaluation nor its agent.
 */
export function assertMayArbitrate(viewer: Viewer, dispute: { inArbiterPool: boolean; reviewerId: string; agentId: string }): void {
  if (!can(viewer, "disputes:decide") && !dispute.inArbiterPool) throw forbidden("Only QA leads and the organisation's arbiters decide disputes.");
  if (dispute.reviewerId === viewer.id) throw forbidden("You scored this evaluation, so another arbiter decides its dispute.");
  if (dispute.agentId === viewer.id) throw forbidden("This dispute is about your own conversation; another arbiter decides it.");
}

/** Withdrawing a dispute: only who raised it. */
export function assertRaisedBy(viewer: Viewer, dispute: { raisedBy: string }): void {
  if (dispute.raisedBy !== viewer.id) throw forbidden("Only the person who raised this dispute can withdraw it.");
}
