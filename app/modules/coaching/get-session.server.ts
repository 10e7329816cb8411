/**
 * One session as its page shows it (issue 15 §2): when, state, plan, acknowledgement, its action
 * items and notes; for the coach side (coaching:oversee, not the agent) the agenda too. The agent
 * gets the shared note only — the private one is never read for them (read-session-notes) — and
 * no agenda (it lists reviews and disputes the agent may not see yet). 404 outside the scope.
 */
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { seesPrivateCoachingNotes } from "../access/coaching-scope.server";
import { can } from "../access/permissions";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { buildSessionAgenda, type SessionAgenda } from "./build-session-agenda.server";
import { loadSession } from "./load-session.server";
import { readSessionNotes, type SessionNotes } from "./read-session-notes.server";
import { listSessions, type SessionView } from "./session-actions.server";

export interface SessionDetail {
  session: SessionView;
  agent: { id: string; name: string };
  plan: { id: string; title: string; status: string } | null;
  notes: SessionNotes;
  agenda: SessionAgenda | null;
  today: string;
  timeZone: string;
  may: { manage: boolean; acknowledge: boolean; tickAgentItems: boolean };
}

export async function getCoachingSession(db: Database, viewer: Viewer, sessionId: string, now: Date): Promise<SessionDetail> {
  const row = await loadSession(db, viewer, sessionId);
  const { timeZone } = await getOrganisation(db);
  const today = formatLocalDate(localDateOf(now, timeZone));
  const [session] = await listSessions(db, viewer, { sessionId: row.id }, today);
  const agent = await db.selectFrom("users").select(["id", "name"]).where("id", "=", row.agent_id).executeTakeFirstOrThrow();
  const plan = row.plan_id ? await db.selectFrom("coaching_plans").select(["id", "title", "status"]).where("id", "=", row.plan_id).executeTakeFirstOrThrow() : null;
  const isAgent = viewer.id === row.agent_id;
  const coachSide = !isAgent && seesPrivateCoachingNotes(viewer);
  return {
    session: session!,
    agent,
    plan,
    notes: await readSessionNotes(db, viewer, row.id),
    agenda: coachSide ? await buildSessionAgenda(db, viewer, row.id, now) : null,
    today,
    timeZone,
    may: {
      manage: !isAgent && can(viewer, "coaching:manage"),
      acknowledge: isAgent && row.state === "held" && row.acknowledged_at === null,
      tickAgentItems: isAgent,
    },
  };
}
