/**
 * The coach edits their own agenda items of a session (session-agenda.ts): add, reword, remove,
 * move up or down. The coach side only (`coaching:manage` in scope, never the agent); not on a
 * cancelled session. The session row is locked, so two edits never lose one another. Audited.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { assertMayCoach } from "../access/coaching-scope.server";
import { forbidden } from "../access/refusals";
import { recordAudit } from "../audit/record-audit.server";
import type { Viewer } from "../users/roles";
import { loadSession } from "./load-session.server";
import { parseInput } from "./parse";
import { agendaEditSchema, applyAgendaEdit, storedAgenda, type AgendaItem } from "./session-agenda";

export async function editSessionAgenda(db: Database, viewer: Viewer, sessionId: string, rawInput: unknown, now: Date): Promise<AgendaItem[]> {
  const edit = parseInput(agendaEditSchema, rawInput);
  return db.transaction().execute(async (trx) => {
    const session = await loadSession(trx, viewer, sessionId, { forUpdate: true });
    assertMayCoach(viewer);
    if (viewer.id === session.agent_id) throw forbidden("The coach keeps the session's agenda.");
    if (session.state === "cancelled") throw new DomainError("conflict", "This session was cancelled; its agenda no longer changes.");
    const before = storedAgenda(session.agenda);
    const result = applyAgendaEdit(before, edit, randomUUID());
    if (!result.ok) throw new DomainError("invalid", result.message, { [result.field]: result.message });
    await trx.updateTable("coaching_sessions").set({ agenda: JSON.stringify(result.items) }).where("id", "=", session.id).execute();
    await recordAudit(trx, { actorId: viewer, action: "coaching_session.agenda", entityType: "coaching_session", entityId: session.id, before: { agenda: before }, after: { agenda: result.items } }, now);
    return result.items;
  });
}
