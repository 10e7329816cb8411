/**
 * Scheduling a one-on-one session (issue 15 §2): on a plan of the agent (active) or standalone,
 * at a date and time in the organisation's zone for 5–480 minutes. A wall-clock time the zone
 * skips (clocks going forward) is refused with the jump named (app/lib/time.ts); a repeated
 * one is its first instant. The agent is notified. One transaction.
 */
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { parseLocalDateTime } from "../../lib/time";
import { assertMayCoachAgent, notActive } from "../access/coaching-scope.server";
import { recordAudit } from "../audit/record-audit.server";
import { notify } from "../notifications/notify.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { scheduleSessionSchema } from "./coaching.schema";
import { loadPlan } from "./load-plan.server";
import { parseInput } from "./parse";
import { formatDateTime } from "../../lib/time";

export async function scheduleCoachingSession(db: Database, viewer: Viewer, rawInput: unknown, now: Date): Promise<{ id: string }> {
  const input = parseInput(scheduleSessionSchema, rawInput);
  const agent = await assertMayCoachAgent(db, viewer, input.agentId);
  const { timeZone } = await getOrganisation(db);
  const when = parseLocalDateTime(`${input.date}T${input.time}`, timeZone);
  if (!when.ok) throw new DomainError("invalid", when.message, { time: when.message });
  return db.transaction().execute(async (trx) => {
    if (input.planId) {
      const plan = await loadPlan(trx, viewer, input.planId, { forUpdate: true });
      if (plan.agent_id !== agent.id) throw new DomainError("invalid", "That plan is another agent's.", { planId: "Choose a plan of this agent" });
      if (plan.status !== "active") throw notActive("plan");
    }
    const { id } = await trx
      .insertInto("coaching_sessions")
      .values({
        plan_id: input.planId ?? null,
        agent_id: agent.id,
        coach_id: viewer.id,
        team_id: agent.teamId,
        starts_at: when.instant,
        duration_minutes: input.durationMinutes,
        created_by: viewer.id,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      { actorId: viewer, action: "coaching_session.schedule", entityType: "coaching_session", entityId: id, after: { agentId: agent.id, planId: input.planId ?? null, startsAt: when.instant, durationMinutes: input.durationMinutes } },
      now,
    );
    await notify(trx, [
      {
        recipientId: agent.id,
        kind: "coaching_session_scheduled",
        title: `${viewer.name} scheduled a coaching session with you: ${formatDateTime(when.instant, timeZone)}, ${input.durationMinutes} minutes`,
        link: `/coaching/sessions/${id}`,
        createdAt: now,
      },
    ]);
    return { id };
  });
}
