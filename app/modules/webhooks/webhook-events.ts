/**
 * The events a webhook may subscribe to and the shape of what is posted for each (docs/api.md
 * "Webhooks"). Payloads carry ids, scores, states and links, never answers or feedback text:
 * an answer may be hidden from agents, and the receiver can read what its token may see
 * through the REST API.
 */
export const webhookEventTypes = ["evaluation.submitted", "evaluation.released", "evaluation.acknowledged", "dispute.opened", "dispute.decided", "coaching.plan.completed", "coaching.session.held"] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Posted by "Send test event" only; nobody subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";

export const webhookEventLabels: Record<WebhookEventType, string> = {
  "evaluation.submitted": "A review is submitted",
  "evaluation.released": "A review is released to the agent",
  "evaluation.acknowledged": "The agent acknowledges a review",
  "dispute.opened": "A dispute is opened",
  "dispute.decided": "A dispute is decided",
  "coaching.plan.completed": "A coaching plan is completed",
  "coaching.session.held": "A coaching session is marked held",
};

/** An evaluation as every evaluation event carries it. */
export interface EvaluationEventData {
  evaluation: {
    id: string;
    interactionId: string;
    agentId: string;
    reviewerId: string;
    scorecardId: string;
    scorecardVersion: number;
    /** The current revision's number (1 for the submitted one; a correction or decision adds one). */
    revision: number;
    score: number | null;
    passed: boolean | null;
    autoFailed: boolean;
    status: string;
    submittedAt: string | null;
    releasedAt: string | null;
    /** The evaluation's page in Parley, and its REST resource. */
    url: string;
    apiUrl: string;
  };
}

export interface AcknowledgedEventData extends EvaluationEventData {
  acknowledgement: { revision: number; acknowledgedAt: string; agentId: string };
}

/** For the disputes work to fill in (docs/api.md): ids, states and links only. */
export interface DisputeEventData extends EvaluationEventData {
  dispute: {
    id: string;
    status: string;
    raisedBy: string;
    questionIds: string[];
    openedAt: string;
    /** dispute.decided only. */
    outcome?: "upheld" | "partly_upheld" | "rejected";
    decidedBy?: string;
    decidedAt?: string;
    url: string;
  };
}

export interface WebhookEventData {
  "evaluation.submitted": EvaluationEventData;
  "evaluation.released": EvaluationEventData;
  "evaluation.acknowledged": AcknowledgedEventData;
  "dispute.opened": DisputeEventData;
  "dispute.decided": DisputeEventData;
  "coaching.plan.completed": CoachingPlanEventData;
  "coaching.session.held": CoachingSessionEventData;
}

/** A coaching session: ids, times and links only (never notes, private or shared). */
export interface CoachingSessionEventData {
  session: { id: string; planId: string | null; agentId: string; coachId: string; startsAt: string; durationMinutes: number; state: "held"; heldAt: string; url: string };
}

/** A coaching plan: ids, state and links only (never notes; the API reads the rest with a token's scope). */
export interface CoachingPlanEventData {
  plan: { id: string; agentId: string; ownerId: string; scorecardId: string; status: string; dueOn: string; completedAt: string; url: string };
}

/** The body posted to the receiver. `id` is the event's: the same in every delivery of it and in every retry. */
export interface WebhookEventBody<T extends string = string, D = unknown> {
  id: string;
  type: T;
  createdAt: string;
  data: D;
}
