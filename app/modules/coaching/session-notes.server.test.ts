/**
 * Session notes on real PostgreSQL (issue 15 §2): who writes them (the coach side only), who
 * reads the private one (never the agent), the tiptap document checked like review feedback,
 * and a stale autosave answered 409 with the note as it is now; every refusal writes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { refusal } from "../../../test/refusal";
import { PLAN_NOW, criterionKey, seedCoachingWorld, type CoachingWorld } from "../../../test/coaching-fixtures";
import type { Viewer } from "../users/roles";
import { createCoachingPlan } from "./create-plan.server";
import { readSessionNotes } from "./read-session-notes.server";
import { NoteConflict, saveSessionNote } from "./save-session-note.server";
import { scheduleCoachingSession } from "./schedule-session.server";

let world: CoachingWorld;
let sessionId: string;
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const notes = async () => db().selectFrom("coaching_session_notes").select(["visibility", "revision"]).where("session_id", "=", sessionId).orderBy("visibility").execute();
const outcome = async (work: Promise<unknown>) => work.then(() => "A" as const, (error: unknown) => (error instanceof NoteConflict ? 409 : (error as { status?: number }).status ?? String(error)));

beforeAll(async () => {
  world = await seedCoachingWorld();
  const greeting = await criterionKey(world.scorecard.id, "greeting");
  const plan = await createCoachingPlan(db(), world.sam, { agentId: world.ana.id, scorecardId: world.scorecard.id, title: "Greeting", dueOn: "2027-06-30", criteria: [{ questionKey: greeting, target: 80 }] }, PLAN_NOW);
  sessionId = (await scheduleCoachingSession(db(), world.sam, { agentId: world.ana.id, planId: plan.id, date: "2026-12-10", time: "10:00", durationMinutes: 30 }, PLAN_NOW)).id;
});

describe("writing notes", () => {
  it("lets only the coach side write, in scope: supervisor of the agent and QA lead; the agent and admins are refused, others see no session", async () => {
    const roles: [string, Viewer][] = [
      ["admin", world.admin],
      ["lead", world.lead],
      ["qa", world.qa],
      ["sam", world.sam],
      ["stan", world.stan],
      ["ana", world.ana],
      ["nick", world.nick],
    ];
    const shared: Record<string, unknown> = {};
    const privately: Record<string, unknown> = {};
    for (const [name, viewer] of roles) {
      // Each successful write moves the revision on: name the current one so only access decides.
      const revisionOf = async (visibility: string) => (await db().selectFrom("coaching_session_notes").select("revision").where("session_id", "=", sessionId).where("visibility", "=", visibility).executeTakeFirst())?.revision ?? 0;
      shared[name] = await outcome(saveSessionNote(db(), viewer, sessionId, { visibility: "shared", body: doc(`shared by ${name}`), baseRevision: await revisionOf("shared") }, PLAN_NOW));
      privately[name] = await outcome(saveSessionNote(db(), viewer, sessionId, { visibility: "private", body: doc(`private by ${name}`), baseRevision: await revisionOf("private") }, PLAN_NOW));
    }
    const expected = { admin: 403, lead: "A", qa: 404, sam: "A", stan: 404, ana: 403, nick: 404 };
    expect(shared).toEqual(expected);
    expect(privately).toEqual(expected);
    expect(await notes()).toEqual([
      { visibility: "private", revision: 2 },
      { visibility: "shared", revision: 2 },
    ]);
  });

  it("checks the document like review feedback and writes nothing when it does not pass", async () => {
    const before = await notes();
    const script = await refusal(saveSessionNote(db(), world.sam, sessionId, { visibility: "shared", body: { type: "doc", content: [{ type: "script", text: "alert(1)" }] }, baseRevision: 2 }, PLAN_NOW));
    expect([script.status, script.message]).toEqual([422, "A note may contain paragraphs, headings (level 2 or 3) and lists only"]);
    const link = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] };
    expect((await refusal(saveSessionNote(db(), world.sam, sessionId, { visibility: "shared", body: link, baseRevision: 2 }, PLAN_NOW))).status).toBe(422);
    expect((await refusal(saveSessionNote(db(), world.sam, sessionId, { visibility: "public", body: doc("x"), baseRevision: 2 }, PLAN_NOW))).status).toBe(422);
    expect(await notes()).toEqual(before);
  });

  it("answers a stale save with 409 and the note as it is now; naming that revision then saves over it", async () => {
    const later = new Date(PLAN_NOW.getTime() + 60_000);
    const { revision } = await saveSessionNote(db(), world.lead, sessionId, { visibility: "shared", body: doc("the lead's words"), baseRevision: 2 }, later);
    expect(revision).toBe(3);
    const stale = await refusal(saveSessionNote(db(), world.sam, sessionId, { visibility: "shared", body: doc("Sam's words"), baseRevision: 2 }, later));
    expect(stale).toBeInstanceOf(NoteConflict);
    expect(stale.status).toBe(409);
    expect((stale as NoteConflict).current).toMatchObject({ body: doc("the lead's words"), revision: 3, updatedBy: "Lee Lead" });
    expect(stale.message).toBe("Lee Lead saved this note after this page loaded. Your text is still here: take the saved version, or keep yours and overwrite it.");
    expect((await saveSessionNote(db(), world.sam, sessionId, { visibility: "shared", body: doc("Sam's words"), baseRevision: 3 }, later)).revision).toBe(4);
    // The private note kept its own revision all along.
    expect((await refusal(saveSessionNote(db(), world.sam, sessionId, { visibility: "private", body: doc("x"), baseRevision: 4 }, later))).status).toBe(409);
  });
});

describe("reading notes", () => {
  it("gives the private note to the agent's supervisors, QA leads and admins, never to the agent", async () => {
    const read = async (viewer: Viewer) => {
      const result = await readSessionNotes(db(), viewer, sessionId).catch((error: { status: number }) => error.status);
      if (typeof result === "number") return result;
      return JSON.stringify(result).includes("private by") ? "shared+private" : "shared";
    };
    expect([await read(world.admin), await read(world.lead), await read(world.qa), await read(world.sam), await read(world.stan), await read(world.ana), await read(world.nick)]).toEqual([
      "shared+private",
      "shared+private",
      404,
      "shared+private",
      404,
      "shared",
      404,
    ]);
    const agents = await readSessionNotes(db(), world.ana, sessionId);
    expect(agents.seesPrivate).toBe(false);
    expect(Object.keys(agents).sort()).toEqual(["seesPrivate", "shared"]);
    expect(agents.shared).toMatchObject({ body: doc("Sam's words"), revision: 4 });
  });
});
