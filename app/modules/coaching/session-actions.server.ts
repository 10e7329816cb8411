/**
 * What happens to a session after it is scheduled (issue 15 §2): the coach marks it held, missed
 * or cancelled (from scheduled only: 409 after); a held one emits `coaching.session.held`; the
 * agent acknowledges a held session once, with an optional comment; action items (text, owner
 * agent or coach, due day) are added by the coach and ticked done by their owner or the coach.
 * One transaction each, audited.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { assertIsCoachedAgent, assertMayCoach, coachingRowsVisibleTo } from "../access/coaching-scope.server";
import { can } from "../access/permissions";
import { forbidden } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import type { Viewer } from "../users/roles";
import { emitWebhookEvent } from "../webhooks/emit-webhook-event.server";
import { publicLink } from "../webhooks/evaluation-event-data.server";
import { actionItemSchema, sessionAcknowledgementSchema, sessionStateSchema } from "./coaching.schema";
import { loadSession } from "./load-session.server";
import { parseInput } from "./parse";

export async function setSessionState(db: Database, viewer: Viewer, sessionId: string, rawInput: unknown, now: Date): Promise<void> {
  const input = parseInput(sessionStateSchema, rawInput);
  await db.transaction().execute(async (trx) => {
    const session = await loadSession(trx, viewer, sessionId, { forUpdate: true });
    assertMayCoach(viewer);
    if (session.state !== "scheduled") throw new DomainError("conflict", `This session was already marked ${session.state}.`);
    await trx.updateTable("coaching_sessions").set({ state: input.state, state_changed_at: now }).where("id", "=", session.id).execute();
    await recordAudit(trx, { actorId: viewer, action: "coaching_session.state", entityType: "coaching_session", entityId: session.id, before: { state: "scheduled" }, after: { state: input.state } }, now);
    if (input.state === "held") {
      await emitWebhookEvent(
        trx,
        "coaching.session.held",
        {
          session: {
            id: session.id,
            planId: session.plan_id,
            agentId: session.agent_id,
            coachId: session.coach_id,
            startsAt: session.starts_at.toISOString(),
            durationMinutes: session.duration_minutes,
            state: "held",
            heldAt: now.toISOString(),
            url: publicLink(`/coaching/sessions/${session.id}`),
          },
        },
        { now },
      );
    }
  });
}

export async function acknowledgeSession(db: Database, viewer: Viewer, sessionId: string, rawInput: unknown, now: Date): Promise<void> {
  const input = parseInput(sessionAcknowledgementSchema, rawInput);
  await db.transaction().execute(async (trx) => {
    const session = await loadSession(trx, viewer, sessionId, { forUpdate: true });
    assertIsCoachedAgent(viewer, session);
    if (session.state !== "held") throw new DomainError("conflict", "Only a session that was held is acknowledged.");
    if (session.acknowledged_at) throw new DomainError("conflict", "You have already acknowledged this session.");
    const comment = input.comment ? input.comment : null;
    await trx.updateTable("coaching_sessions").set({ acknowledged_at: now, acknowledgement_comment: comment }).where("id", "=", session.id).execute();
    await recordAudit(trx, { actorId: viewer, action: "coaching_session.acknowledge", entityType: "coaching_session", entityId: session.id, after: { comment } }, now);
    await notify(trx, [
      { recipientId: session.coach_id, kind: "coaching_acknowledged", title: `${viewer.name} acknowledged your coaching session`, body: comment, link: `/coaching/sessions/${session.id}`, createdAt: now },
    ]);
  });
}

export async function addActionItem(db: Database, viewer: Viewer, sessionId: string, rawInput: unknown, now: Date): Promise<{ id: string }> {
  const input = parseInput(actionItemSchema, rawInput);
  return db.transaction().execute(async (trx) => {
    const session = await loadSession(trx, viewer, sessionId, { forUpdate: true });
    assertMayCoach(viewer);
    if (session.state === "cancelled") throw new DomainError("conflict", "This session was cancelled; add action items to another one.");
    const { id } = await trx
      .insertInto("coaching_action_items")
      .values({ session_id: session.id, agent_id: session.agent_id, text: input.text, owner: input.owner, due_on: input.dueOn ?? null, created_by: viewer.id, created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { actorId: viewer, action: "coaching_action_item.create", entityType: "coaching_action_item", entityId: id, after: { sessionId: session.id, text: input.text, owner: input.owner, dueOn: input.dueOn ?? null } },
      now,
    );
    return { id };
  });
}

export async function completeActionItem(db: Database, viewer: Viewer, itemId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!/^[0-9a-f-]{36}$/i.test(itemId)) throw notFound("Action item");
    const item = await trx
      .selectFrom("coaching_action_items as i")
      .selectAll("i")
      .where("i.id", "=", itemId)
      .where(coachingRowsVisibleTo(viewer, "i.agent_id"))
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound("Action item");
    const agentsOwn = item.owner === "agent" && item.agent_id === viewer.id;
    if (!agentsOwn && (viewer.id === item.agent_id || !can(viewer, "coaching:manage"))) {
      throw forbidden("The coach ticks the coach's items; the agent their own.");
    }
    if (!agentsOwn) assertMayCoach(viewer);
    if (item.done_at) throw new DomainError("conflict", "This action item is already done.");
    await trx.updateTable("coaching_action_items").set({ done_at: now, done_by: viewer.id }).where("id", "=", item.id).execute();
    await recordAudit(trx, { actorId: viewer, action: "coaching_action_item.done", entityType: "coaching_action_item", entityId: item.id }, now);
  });
}

export interface SessionView {
  id: string;
  planId: string | null;
  coachName: string;
  startsAt: Date;
  durationMinutes: number;
  state: "scheduled" | "held" | "missed" | "cancelled";
  acknowledgedAt: Date | null;
  acknowledgementComment: string | null;
  actionItems: { id: string; text: string; owner: "agent" | "coach"; dueOn: string | null; doneAt: Date | null; overdue: boolean }[];
}

/** Sessions of a plan, of an agent, or one session, scoped, with their action items. Private notes are never read here. */
export async function listSessions(db: Database, viewer: Viewer, filter: { planId: string } | { agentId: string } | { sessionId: string }, today: string): Promise<SessionView[]> {
  let query = db
    .selectFrom("coaching_sessions as s")
    .innerJoin("users as c", "c.id", "s.coach_id")
    .select(["s.id", "s.plan_id", "c.name as coachName", "s.starts_at", "s.duration_minutes", "s.state", "s.acknowledged_at", "s.acknowledgement_comment"])
    .where(coachingRowsVisibleTo(viewer, "s.agent_id"));
  query = "planId" in filter ? query.where("s.plan_id", "=", filter.planId) : "agentId" in filter ? query.where("s.agent_id", "=", filter.agentId) : query.where("s.id", "=", filter.sessionId);
  const sessions = await query.orderBy("s.starts_at").orderBy("s.id").execute();
  if (sessions.length === 0) return [];
  const items = await db
    .selectFrom("coaching_action_items")
    .select(["id", "session_id", "text", "owner", sql<string | null>`due_on::text`.as("dueOn"), "done_at"])
    .where(
      "session_id",
      "in",
      sessions.map((s) => s.id),
    )
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return sessions.map((s) => ({
    id: s.id,
    planId: s.plan_id,
    coachName: s.coachName,
    startsAt: s.starts_at,
    durationMinutes: s.duration_minutes,
    state: s.state as SessionView["state"],
    acknowledgedAt: s.acknowledged_at,
    acknowledgementComment: s.acknowledgement_comment,
    actionItems: items
      .filter((i) => i.session_id === s.id)
      .map((i) => ({ id: i.id, text: i.text, owner: i.owner as "agent" | "coach", dueOn: i.dueOn, doneAt: i.done_at, overdue: i.done_at === null && i.dueOn !== null && i.dueOn < today })),
  }));
}
