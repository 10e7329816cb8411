/** A session as an .ics file (issue 15 §2), for whoever sees the session; 404 otherwise. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { rethrowAsErrorPage } from "../lib/errors.server";
import { absoluteUrl } from "../lib/public-origin.server";
import { loadSession } from "../modules/coaching/load-session.server";
import { sessionIcs } from "../modules/coaching/session-ics";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const session = await loadSession(db(), viewer, params.sessionId ?? "").catch((error: unknown) => rethrowAsErrorPage(error));
  const people = await db().selectFrom("users").select(["id", "name"]).where("id", "in", [session.agent_id, session.coach_id]).execute();
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? "";
  const plan = session.plan_id ? await db().selectFrom("coaching_plans").select("title").where("id", "=", session.plan_id).executeTakeFirst() : undefined;
  const path = `/coaching/sessions/${session.id}`;
  const body = sessionIcs({
    id: session.id,
    startsAt: session.starts_at,
    durationMinutes: session.duration_minutes,
    summary: `Coaching: ${name(session.agent_id)} with ${name(session.coach_id)}`,
    description: plan ? `Plan: ${plan.title}` : "One-on-one coaching session",
    url: absoluteUrl(path, request),
    now: new Date(),
  });
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'attachment; filename="coaching-session.ics"', "Cache-Control": "private, no-store" },
  });
}
