/**
 * Every action the audit log records, with the entity it is about and the shape of its
 * `before` / `after` JSON. The action names are a closed union, so a misspelt action does
 * not compile, and each payload is checked against its schema when it is written
 * (record-audit.server.ts), so a reader of the log can rely on one shape per action.
 * An action without a `before` or `after` schema records none.
 * Where a module has the schema of what it saves (scorecard settings, sampling rules,
 * evaluation answers), the entry uses it, so the log and the module cannot drift apart.
 */
import { z } from "zod";
import { answersSchema } from "../scorecards/scorecard-definition.schema";
import { samplingRuleSchema } from "../sampling/sampling-rule.schema";
import { scorecardSettingsSchema } from "../scorecards/scorecard-settings.schema";
import { roleSchema } from "../users/roles";

const id = z.string().min(1);
const userFields = z.object({ name: z.string(), email: z.string(), role: roleSchema, teamIds: z.array(id) });
const name = z.object({ name: z.string() });
const version = z.object({ version: z.number().int() });
const webhookFields = z.object({ url: z.string(), description: z.string(), events: z.array(z.string()), enabled: z.boolean() });
const timestamp = z.union([z.date(), z.iso.datetime({ offset: true })]);
/** An evaluation's revision as the audit log records it: its number, answers and score. */
const revisionState = z.object({
  revision: z.number().int().min(1),
  answers: answersSchema,
  score: z.number().nullable(),
  passed: z.boolean(),
  autoFailed: z.boolean(),
});

/** The organisation's settings a save changed (only those), as organisation-settings.ts types them. */
const settingsChange = z
  .object({
    timeZone: z.string(),
    disputeWindowDays: z.number().int(),
    disputeResolutionDays: z.number().int(),
    workingDays: z.array(z.number().int()),
    holidays: z.array(z.string()),
    disputeSupervisorFirstLine: z.boolean(),
    disputeReasonCodes: z.array(z.string()),
    disputeDecisionMayLower: z.boolean(),
    selfEvaluationEnabled: z.boolean(),
    defaultAcknowledgement: z.string(),
    defaultAcknowledgementDays: z.number().int().nullable(),
    emailFrom: z.string().nullable(),
    arbiterIds: z.array(id),
  })
  .partial();

interface ActionSpec {
  entityType: string;
  before?: z.ZodType;
  after?: z.ZodType;
}

export const auditActions = {
  "user.create": { entityType: "user", after: userFields },
  // `before` as the row held it (the role column is text), without teams.
  "user.update": { entityType: "user", before: z.object({ name: z.string(), email: z.string(), role: z.string() }), after: userFields },
  "user.deactivate": { entityType: "user", before: z.object({ active: z.literal(true) }), after: z.object({ active: z.literal(false), revokedTokens: z.number().int() }) },
  "user.reactivate": { entityType: "user", before: z.object({ active: z.literal(false) }), after: z.object({ active: z.literal(true) }) },
  /** The fact only: never the password or its hash. */
  "user.set_password": { entityType: "user" },
  "team.create": { entityType: "team", after: name },
  /** One entry per save of /admin/settings, holding only the settings it changed. */
  "organisation.settings_update": { entityType: "organisation", before: settingsChange, after: settingsChange },
  "team.rename": { entityType: "team", before: name, after: name },
  "api_token.create": { entityType: "api_token", after: name },
  "api_token.revoke": { entityType: "api_token" },
  // Webhooks (decision 0024): never the secret, only that it changed.
  "webhook.create": { entityType: "webhook", after: webhookFields },
  "webhook.update": { entityType: "webhook", before: webhookFields, after: webhookFields },
  "webhook.rotate_secret": { entityType: "webhook" },
  "webhook.delete": { entityType: "webhook", before: webhookFields },
  "webhook.test": { entityType: "webhook", after: z.object({ deliveryId: id }) },
  "interaction.retry_processing": {
    entityType: "interaction",
    before: z.object({ status: z.string(), failureReason: z.string().nullable(), since: timestamp }),
  },
  "sampling_rule.create": { entityType: "sampling_rule", after: samplingRuleSchema },
  // Rules saved before a settings field existed lack it: the earlier state is taken as stored.
  "sampling_rule.update": { entityType: "sampling_rule", before: z.looseObject({ name: z.string(), scorecardId: id }), after: samplingRuleSchema },
  "sampling_rule.pause": {
    entityType: "sampling_rule",
    // Paused by hand (no payload) or because its scorecard was archived.
    after: z.object({ reason: z.literal("scorecard_archived"), scorecardId: id }).optional(),
  },
  "sampling_rule.resume": { entityType: "sampling_rule" },
  "sampling_rule.delete": {
    entityType: "sampling_rule",
    before: name,
    after: z.object({ cancelledAssignmentIds: z.array(id), inProgress: z.number().int() }),
  },
  "scorecard.create": { entityType: "scorecard", after: scorecardSettingsSchema },
  "scorecard.update": {
    entityType: "scorecard",
    before: z.object({
      name: z.string(),
      description: z.string(),
      release_mode: z.string(),
      acknowledgement: z.string(),
      acknowledgement_days: z.number().int().nullable(),
    }),
    after: scorecardSettingsSchema,
  },
  "scorecard.new_draft": { entityType: "scorecard", after: version },
  "scorecard.save_draft": { entityType: "scorecard", after: version },
  "scorecard.publish": { entityType: "scorecard", after: version },
  "rollups.rebuild": { entityType: "rollups", after: z.object({ evaluations: z.number().int(), questionRows: z.number().int(), ms: z.number().int() }) },
  "scorecard.discard_draft": { entityType: "scorecard" },
  "scorecard.archive": { entityType: "scorecard" },
  "scorecard.unarchive": { entityType: "scorecard" },
  // Which questions' answers agents never see (outside the versioned definition).
  "scorecard.hidden_questions": { entityType: "scorecard", before: z.object({ hidden: z.array(z.string()) }), after: z.object({ hidden: z.array(z.string()) }) },
  /** What was submitted: the answers and the score the server computed from them. */
  "evaluation.submit": {
    entityType: "evaluation",
    after: z.object({
      answers: answersSchema,
      score: z.number().nullable(),
      passed: z.boolean(),
      autoFailed: z.boolean(),
      released: z.boolean(),
    }),
  },
  "evaluation.release": { entityType: "evaluation" },
  /** A lead's correction: the revision in force before and the one written, with the reason. */
  "evaluation.edited": {
    entityType: "evaluation",
    before: revisionState,
    after: revisionState.extend({ reason: z.string().min(1) }),
  },
  /** Out of every figure from now on; `before` is what stopped counting. */
  "evaluation.voided": {
    entityType: "evaluation",
    before: revisionState.extend({ status: z.literal("submitted") }),
    after: z.object({ status: z.literal("void"), reason: z.string().min(1) }),
  },
  /** The agent acknowledged the revision they saw (issue 13 §3), with their optional comment. */
  "evaluation.acknowledged": {
    entityType: "evaluation",
    after: z.object({ revisionId: id, revision: z.number().int().min(1), comment: z.string().nullable() }),
  },
  /** A comment in an evaluation's thread (issue 13 §4): what it said, and what an edit or a deletion changed. */
  "evaluation_comment.create": { entityType: "evaluation_comment", after: z.object({ evaluationId: id, body: z.string().min(1) }) },
  "evaluation_comment.edit": { entityType: "evaluation_comment", before: z.object({ body: z.string().min(1) }), after: z.object({ body: z.string().min(1) }) },
  "evaluation_comment.delete": { entityType: "evaluation_comment", before: z.object({ body: z.string().min(1) }) },
  // Disputes (issue 13 §6, docs/decisions/0022): the lifecycle on the dispute; the decision on the
  // evaluation, with the revision in force before and after (the same one when every answer was kept).
  "dispute.raised": {
    entityType: "dispute",
    after: z.object({
      evaluationId: id,
      revision: z.number().int().min(1),
      state: z.enum(["awaiting_supervisor", "open"]),
      onBehalf: z.boolean(),
      dueAt: timestamp,
      questions: z.array(z.object({ questionId: z.string(), proposed: z.unknown(), reasonCode: z.string() })).min(1),
    }),
  },
  "dispute.endorsed": { entityType: "dispute", after: z.object({ note: z.string().nullable(), dueAt: timestamp }) },
  "dispute.declined": { entityType: "dispute", after: z.object({ note: z.string().min(1) }) },
  "dispute.taken": { entityType: "dispute", before: z.object({ state: z.literal("open") }), after: z.object({ state: z.literal("in_review") }) },
  "dispute.withdrawn": { entityType: "dispute", before: z.object({ state: z.enum(["awaiting_supervisor", "open", "in_review"]) }) },
  "evaluation.dispute_decided": {
    entityType: "evaluation",
    before: revisionState,
    after: revisionState.extend({
      disputeId: id,
      outcome: z.enum(["upheld", "partly_upheld", "rejected"]),
      decisions: z.array(z.object({ questionId: z.string(), decision: z.enum(["keep", "accept", "other"]) })).min(1),
    }),
  },
  // Coaching (issue 15, docs/decisions/0031).
  "coaching_plan.create": {
    entityType: "coaching_plan",
    after: z.object({ agentId: id, scorecardId: id, title: z.string(), dueOn: z.string(), criteria: z.array(z.object({ questionKey: z.string(), target: z.number() })).min(1) }),
  },
  "coaching_plan.complete": { entityType: "coaching_plan", before: z.object({ status: z.literal("active") }), after: z.object({ status: z.literal("completed") }) },
  "coaching_plan.cancel": { entityType: "coaching_plan", before: z.object({ status: z.literal("active") }), after: z.object({ status: z.literal("cancelled"), reason: z.string().min(1) }) },
  "coaching_plan.acknowledge": { entityType: "coaching_plan" },
  "coaching_plan.add_evidence": {
    entityType: "coaching_plan",
    after: z.object({ evidenceId: id, evaluationId: id, annotationId: id.nullable(), kind: z.enum(["strength", "opportunity"]), note: z.string() }),
  },
  "coaching_plan.remove_evidence": { entityType: "coaching_plan", before: z.object({ evidenceId: id, evaluationId: id }) },
  "coaching_plan.follow_up": { entityType: "coaching_plan", after: z.object({ ruleId: id, perWeek: z.number().int(), reviewerIds: z.array(id), endsAt: timestamp }) },
  "coaching_session.schedule": { entityType: "coaching_session", after: z.object({ agentId: id, planId: id.nullable(), startsAt: timestamp, durationMinutes: z.number().int() }) },
  "coaching_session.state": { entityType: "coaching_session", before: z.object({ state: z.literal("scheduled") }), after: z.object({ state: z.enum(["held", "missed", "cancelled"]) }) },
  "coaching_session.acknowledge": { entityType: "coaching_session", after: z.object({ comment: z.string().nullable() }) },
  "coaching_session.agenda": { entityType: "coaching_session", before: z.object({ agenda: z.array(z.object({ id: z.string(), text: z.string() })) }), after: z.object({ agenda: z.array(z.object({ id: z.string(), text: z.string() })) }) },
  "coaching_action_item.create": { entityType: "coaching_action_item", after: z.object({ sessionId: id, text: z.string().min(1), owner: z.enum(["agent", "coach"]), dueOn: z.string().nullable() }) },
  "coaching_action_item.done": { entityType: "coaching_action_item" },
  "assignment.create": {
    entityType: "assignment",
    after: z.object({ interactionId: id, scorecardId: id, reviewerId: id, dueAt: timestamp }),
  },
  "assignment.reassign": { entityType: "assignment", before: z.object({ reviewerId: id }), after: z.object({ reviewerId: id }) },
  "assignment.replace": { entityType: "assignment", after: z.object({ replacedBy: id, interactionId: id }) },
  "assignment.skip": { entityType: "assignment", after: z.object({ reason: z.string() }) },
} as const satisfies Record<string, ActionSpec>;

export type AuditAction = keyof typeof auditActions;
type Spec<A extends AuditAction> = (typeof auditActions)[A];

/** What `before` / `after` of action A hold; `undefined` where the action records none. */
export type AuditPayload<A extends AuditAction, K extends "before" | "after"> = A extends AuditAction
  ? Spec<A> extends Record<K, infer S extends z.ZodType>
    ? z.input<S>
    : undefined
  : never;

export type AuditEntityType = Spec<AuditAction>["entityType"];

/** The action's schema for `key`, or null when it records none. */
export function payloadSchema(action: AuditAction, key: "before" | "after"): z.ZodType | null {
  const spec: ActionSpec = auditActions[action];
  return spec[key] ?? null;
}
