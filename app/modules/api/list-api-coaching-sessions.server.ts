/**
 * GET /api/v1/coaching/sessions: the one-on-one sessions the token's user may see (the coaching
 * scope of the pages: an agent their own, a supervisor their teams', QA leads and admins every
 * one), earliest start first, keyset-paged on (starts_at, id), with their action items and notes.
 * The private note is selected only for those who see private notes (seesPrivateCoachingNotes):
 * for an agent's token the query never reads that row, so it cannot leak into the answer.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { coachingRowsVisibleTo, seesPrivateCoachingNotes } from "../access/coaching-scope.server";
import { feedbackDocumentSchema, plainTextOf } from "../evaluations/feedback-document";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import type { CoachingSessionJson, CoachingSessionListQuery } from "./coaching-api.schema";
import { decodeCursor, encodeCursor, findUserId } from "./list-api-interactions.server";

type Note = NonNullable<CoachingSessionJson["notes"]["shared"]>;

export async function listApiCoachingSessions(db: Database, viewer: Viewer, query: CoachingSessionListQuery, now: Date): Promise<{ items: CoachingSessionJson[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const agentId = query.agent ? await findUserId(db, query.agent) : undefined;
  if (agentId === null) return { items: [], nextCursor: null };
  let sessions = db
    .selectFrom("coaching_sessions as s")
    .innerJoin("users as a", "a.id", "s.agent_id")
    .innerJoin("users as c", "c.id", "s.coach_id")
    .select(["s.id", "s.plan_id", "s.starts_at", "s.duration_minutes", "s.state", "s.acknowledged_at", "s.acknowledgement_comment", "a.id as agentId", "a.name as agentName", "c.id as coachId", "c.name as coachName"])
    .where(coachingRowsVisibleTo(viewer, "s.agent_id"));
  if (agentId) sessions = sessions.where("s.agent_id", "=", agentId);
  if (query.plan) sessions = sessions.where("s.plan_id", "=", query.plan);
  if (query.state) sessions = sessions.where("s.state", "=", query.state);
  if (query.from) sessions = sessions.where("s.starts_at", ">=", new Date(query.from));
  if (query.to) sessions = sessions.where("s.starts_at", "<", new Date(query.to));
  if (after) sessions = sessions.where(sql<boolean>`(s.starts_at, s.id) > (${after.startedAt}, ${after.id}::uuid)`);
  const rows = await sessions.orderBy("s.starts_at").orderBy("s.id").limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  if (page.length === 0) return { items: [], nextCursor: null };
  const ids = page.map((s) => s.id);
  const { timeZone } = await getOrganisation(db);
  const today = formatLocalDate(localDateOf(now, timeZone));
  const [items, notes] = await Promise.all([
    db
      .selectFrom("coaching_action_items")
      .select(["id", "session_id", "text", "owner", sql<string | null>`due_on::text`.as("dueOn"), "done_at"])
      .where("session_id", "in", ids)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("coaching_session_notes")
      .select(["session_id", "visibility", "body", "updated_at"])
      .where("session_id", "in", ids)
      .where("visibility", "in", seesPrivateCoachingNotes(viewer) ? ["shared", "private"] : ["shared"])
      .execute(),
  ]);
  const noteOf = (sessionId: string, visibility: "shared" | "private"): Note | null => {
    const row = notes.find((n) => n.session_id === sessionId && n.visibility === visibility);
    if (!row) return null;
    const doc = feedbackDocumentSchema.safeParse(row.body);
    return { doc: row.body, text: doc.success ? plainTextOf(doc.data) : "", updatedAt: row.updated_at.toISOString() };
  };
  const last = page.at(-1)!;
  return {
    items: page.map((s) => ({
      id: s.id,
      planId: s.plan_id,
      agent: { id: s.agentId, name: s.agentName },
      coach: { id: s.coachId, name: s.coachName },
      startsAt: s.starts_at.toISOString(),
      durationMinutes: s.duration_minutes,
      state: s.state as CoachingSessionJson["state"],
      acknowledgedAt: s.acknowledged_at?.toISOString() ?? null,
      acknowledgementComment: s.acknowledgement_comment,
      actionItems: items
        .filter((i) => i.session_id === s.id)
        .map((i) => ({
          id: i.id,
          text: i.text,
          owner: i.owner as "agent" | "coach",
          dueOn: i.dueOn,
          doneAt: i.done_at?.toISOString() ?? null,
          overdue: i.done_at === null && i.dueOn !== null && i.dueOn < today,
        })),
      notes: { shared: noteOf(s.id, "shared"), private: noteOf(s.id, "private") },
    })),
    nextCursor: rows.length > query.limit ? encodeCursor(last.starts_at, last.id) : null,
  };
}
