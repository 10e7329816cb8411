/**
 * The scorecard builder's routes as Remix calls them, with a real session and CSRF token on
 * real PostgreSQL: the list and "New scorecard", saving a draft (revisioned, validated by the
 * definition schema with issue paths as field names), publishing (immutable afterwards),
 * starting the next draft, discarding, archiving, and who may do any of it.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { publishProblem } from "../modules/scorecards/publish-scorecard-draft.server";
import type { ScorecardDefinitionInput } from "../modules/scorecards/scorecard-definition.schema";
import { basicScorecardDefinition, seedScorecard, seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { action as listAction, loader as listLoader } from "./scorecards._index";
import { action, loader } from "./scorecards.$scorecardId";

type Who = { id: string };

const loadList = async (viewer: Who, path = "/scorecards") => listLoader({ request: await getRequest(viewer, path), params: {}, context: {} });
const postList = async (viewer: Who, fields: Record<string, string>, options: { csrf?: string } = {}) =>
  listAction({ request: await postRequest(viewer, "/scorecards", fields, options), params: {}, context: {} });
const load = async (viewer: Who, id: string, search = "") =>
  loader({ request: await getRequest(viewer, `/scorecards/${id}${search}`), params: { scorecardId: id }, context: {} });
const post = async (viewer: Who, id: string, fields: Record<string, string>, options: { csrf?: string } = {}) =>
  action({ request: await postRequest(viewer, `/scorecards/${id}`, fields, options), params: { scorecardId: id }, context: {} });

const versionRows = (scorecardId: string) =>
  db()
    .selectFrom("scorecard_versions")
    .select(["version", "status", "revision", "definition", "published_by"])
    .where("scorecard_id", "=", scorecardId)
    .orderBy("version")
    .execute();

const twoQuestions: ScorecardDefinitionInput = {
  passMark: 75,
  sections: [
    {
      id: "opening",
      title: "Opening",
      weight: 1,
      questions: [
        { id: "greeting", kind: "binary", prompt: "Greeted the customer", weight: 1, allowNa: false, critical: "all", required: true },
        { id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 5, minLabel: "Cold", maxLabel: "Warm", weight: 2, allowNa: true, critical: null, required: true },
      ],
    },
  ],
};

/** A lead and a new scorecard (through the route), on its first draft. */
async function newScorecard(name = `Card ${Math.random().toString(36).slice(2, 8)}`) {
  const lead = await seedUser("qa_lead");
  const created = await thrown(() => postList(lead, { intent: "create", name, description: "For calls", releaseMode: "manual" }));
  const id = created.location!.match(/^\/scorecards\/([0-9a-f-]{36})\?done=created$/)![1]!;
  return { lead, id, name };
}

describe("the scorecard list", () => {
  it("lists scorecards with their published version, draft, evaluations and release mode; archived ones on request", async () => {
    const lead = await seedUser("admin");
    const published = await seedScorecard({ name: `Published ${Math.random()}` });
    const draftOnly = await seedScorecard({ name: `Draft only ${Math.random()}`, published: false });
    const archived = await seedScorecard({ name: `Archived ${Math.random()}` });
    await db().updateTable("scorecards").set({ archived_at: new Date() }).where("id", "=", archived.id).execute();

    const page = await loadList(lead);
    expect(page.includeArchived).toBe(false);
    expect(page.scorecards.find((s) => s.id === published.id)).toMatchObject({
      latestPublished: 1,
      draftVersion: null,
      evaluations: 0,
      archived: false,
      releaseMode: "As soon as the evaluation is submitted",
    });
    expect(page.scorecards.find((s) => s.id === draftOnly.id)).toMatchObject({ latestPublished: null, draftVersion: 1 });
    expect(page.scorecards.some((s) => s.id === archived.id)).toBe(false);

    const withArchived = await loadList(lead, "/scorecards?archived=1");
    expect(withArchived.includeArchived).toBe(true);
    expect(withArchived.scorecards.find((s) => s.id === archived.id)).toMatchObject({ archived: true });
  });

  it("creates a scorecard with a starter draft and redirects to its editor", async () => {
    const { lead, id, name } = await newScorecard();
    const page = await load(lead, id);
    expect(page.scorecard).toMatchObject({ name, description: "For calls", releaseMode: "manual", archived: false });
    expect(page.editing).toBe(true);
    expect(page.draft).toMatchObject({ version: 1, revision: 1 });
    expect(page.draft!.definition.sections[0]!.questions).toHaveLength(1);
    expect(page.latestPublished).toBeNull();
  });

  it("refuses a blank or taken name with 422 and keeps what was typed", async () => {
    const { lead, name } = await newScorecard();
    const blank = await postList(lead, { intent: "create", name: "  ", description: "typed", releaseMode: "manual" });
    expect(returned(blank)).toMatchObject({ status: 422, fieldErrors: { name: "Name is required" } });
    expect((blank as { data: { values: Record<string, string> } }).data.values).toMatchObject({ description: "typed", releaseMode: "manual" });
    const taken = returned(await postList(lead, { intent: "create", name, releaseMode: "immediate" }));
    expect(taken).toMatchObject({ status: 422, fieldErrors: { name: "Choose another name" } });
  });
});

describe("who may build scorecards", () => {
  it("answers 403 to QA specialists, supervisors and agents, and changes nothing", async () => {
    const { id } = await newScorecard();
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const viewer = await seedUser(role);
      expect((await thrown(() => loadList(viewer))).status).toBe(403);
      expect((await thrown(() => postList(viewer, { intent: "create", name: `Nope ${role}` }))).status).toBe(403);
      expect((await thrown(() => load(viewer, id))).status).toBe(403);
      expect((await thrown(() => post(viewer, id, { intent: "archive" }))).status).toBe(403);
    }
    expect(await db().selectFrom("scorecards").select("id").where("name", "like", "Nope %").execute()).toEqual([]);
    expect((await db().selectFrom("scorecards").select("archived_at").where("id", "=", id).executeTakeFirstOrThrow()).archived_at).toBeNull();
  });

  it("answers 404 for an unknown or malformed id and an unknown version, 400 for a malformed version", async () => {
    const { lead, id } = await newScorecard();
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await thrown(() => load(lead, unknown))).status).toBe(404);
    expect((await thrown(() => load(lead, "not-a-uuid"))).status).toBe(404);
    expect((await thrown(() => post(lead, unknown, { intent: "archive" }))).status).toBe(404);
    expect((await thrown(() => load(lead, id, "?version=7"))).status).toBe(404);
    expect((await thrown(() => load(lead, id, "?version=first"))).status).toBe(400);
  });

  it("refuses a stale CSRF token with 403 and saves nothing", async () => {
    const { lead, id } = await newScorecard();
    const stale = returned(await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(twoQuestions) }, { csrf: "stale" }));
    expect(stale.status).toBe(403);
    expect(returned(await postList(lead, { intent: "create", name: "Stale" }, { csrf: "stale" })).status).toBe(403);
    expect((await versionRows(id))[0]).toMatchObject({ revision: 1 });
  });
});

describe("saving a draft", () => {
  it("saves a valid definition and bumps the revision", async () => {
    const { lead, id } = await newScorecard();
    const saved = await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(twoQuestions) });
    expect(saved).toEqual({ ok: true, intent: "save", revision: 2, message: "Draft saved." });
    const again = await post(lead, id, { intent: "save", revision: "2", definition: JSON.stringify({ ...twoQuestions, passMark: 70 }) });
    expect(again).toMatchObject({ ok: true, revision: 3 });
    const page = await load(lead, id);
    expect(page.draft).toMatchObject({ revision: 3, definition: { passMark: 70 } });
    expect(page.draft!.definition.sections[0]!.questions.map((q) => q.id)).toEqual(["greeting", "tone"]);
  });

  it("refuses an invalid definition with 422, issue paths as field names, and saves nothing", async () => {
    const { lead, id } = await newScorecard();
    const invalid = {
      passMark: 80,
      sections: [
        {
          id: "opening",
          title: " ",
          weight: 1,
          questions: [
            { id: "greeting", kind: "binary", prompt: "Greeted", weight: 1 },
            { id: "outcome", kind: "choice", prompt: "Outcome", options: [{ id: "a", label: "Fixed", points: 1 }, { id: "b", label: "", points: 0 }] },
            { id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 20 },
            { id: "later", kind: "binary", prompt: "Follow-up", showIf: { questionId: "greeting", equals: ["maybe"] } },
          ],
        },
      ],
    };
    const refused = returned(await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(invalid) }));
    expect(refused.status).toBe(422);
    expect(refused.message).toContain("not saved");
    expect(refused.fieldErrors).toMatchObject({
      "sections.0.title": "Section title is required",
      "sections.0.questions.1.options.1.label": "Option label is required",
      "sections.0.questions.2.max": expect.stringContaining("2 to 11 points") as string,
      "sections.0.questions.3.showIf.equals.0": expect.stringContaining("yes (true) or no (false)") as string,
    });
    // A weight typed as nothing reaches the server as null (JSON of NaN): reported at the weight.
    const blankWeight = structuredClone(twoQuestions) as { sections: { questions: { weight?: unknown }[] }[] };
    blankWeight.sections[0]!.questions[1]!.weight = null;
    const weight = returned(await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(blankWeight) }));
    expect(weight).toMatchObject({ status: 422, fieldErrors: { "sections.0.questions.1.weight": "Question weight must be a whole number from 0 to 100" } });

    const unreadable = returned(await post(lead, id, { intent: "save", revision: "1", definition: "{not json" }));
    expect(unreadable.status).toBe(400);
    expect((await versionRows(id))[0]).toMatchObject({ revision: 1 });
  });

  it("answers 409 for a stale revision and keeps the saved draft", async () => {
    const { lead, id } = await newScorecard();
    await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(twoQuestions) });
    const other = await seedUser("qa_lead");
    const stale = returned(await post(other, id, { intent: "save", revision: "1", definition: JSON.stringify(basicScorecardDefinition) }));
    expect(stale.status).toBe(409);
    expect(stale.message).toContain("Somebody else saved this draft");
    const [row] = await versionRows(id);
    expect(row).toMatchObject({ revision: 2, definition: { passMark: 75 } });
  });
});

describe("publishing and the next draft", () => {
  it("publishes the draft; the page shows it read-only, and Edit starts version 2 while version 1 stays as it was", async () => {
    const { lead, id } = await newScorecard();
    await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(twoQuestions) });
    // The revision guards publishing too: a stale page cannot publish what it has not seen.
    expect(returned(await post(lead, id, { intent: "publish", revision: "1" })).status).toBe(409);

    const published = await thrown(() => post(lead, id, { intent: "publish", revision: "2" }));
    expect(published).toMatchObject({ status: 302, location: `/scorecards/${id}?done=published` });
    const [v1] = await versionRows(id);
    expect(v1).toMatchObject({ version: 1, status: "published", published_by: lead.id });
    const v1Definition = v1!.definition;

    const page = await load(lead, id);
    expect(page).toMatchObject({ editing: false, draft: null, latestPublished: 1, shown: { version: 1, status: "published" } });
    expect(page.versions).toEqual([expect.objectContaining({ version: 1, status: "published", publishedBy: lead.name, evaluations: 0 })]);
    expect(page.versions[0]!.publishedAt).toEqual(expect.any(String));
    // Nothing to save or publish any more.
    expect(returned(await post(lead, id, { intent: "save", revision: "2", definition: JSON.stringify(basicScorecardDefinition) })).status).toBe(409);
    expect(returned(await post(lead, id, { intent: "publish", revision: "2" })).status).toBe(409);

    expect(await thrown(() => post(lead, id, { intent: "edit" }))).toMatchObject({ status: 302, location: `/scorecards/${id}?done=draft` });
    const next = await load(lead, id);
    expect(next).toMatchObject({ editing: true, draft: { version: 2, revision: 1 }, latestPublished: 1, shown: { version: 2 } });
    expect(next.draft!.definition).toEqual(page.shown.definition);
    // Edit again while the draft exists: the same draft, not a third version.
    await thrown(() => post(lead, id, { intent: "edit" }));
    expect((await versionRows(id)).map((row) => row.version)).toEqual([1, 2]);

    const changed = { ...twoQuestions, passMark: 90, sections: [{ ...twoQuestions.sections[0]!, title: "Greeting" }] };
    expect(await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(changed) })).toMatchObject({ ok: true, revision: 2 });
    const [v1After, v2] = await versionRows(id);
    expect(v1After!.definition).toEqual(v1Definition);
    expect(v2).toMatchObject({ status: "draft", definition: { passMark: 90 } });

    // Version 1 is still there to look at, read-only.
    const old = await load(lead, id, "?version=1");
    expect(old).toMatchObject({ editing: false, shown: { version: 1, status: "published", definition: { passMark: 75 } }, draft: { version: 2 } });
  });

  it("refuses to publish a definition without a weighted scoring question with publishProblem's message", async () => {
    const { lead, id } = await newScorecard();
    const notes: ScorecardDefinitionInput = {
      sections: [
        {
          id: "notes",
          title: "Notes",
          questions: [
            { id: "why", kind: "tags", prompt: "Why did they call?", options: [{ id: "billing", label: "Billing" }] },
            { id: "greeting", kind: "binary", prompt: "Greeted", weight: 0 },
          ],
        },
      ],
    };
    await post(lead, id, { intent: "save", revision: "1", definition: JSON.stringify(notes) });
    const refused = returned(await post(lead, id, { intent: "publish", revision: "2" }));
    expect(refused.status).toBe(422);
    expect(refused.message).toBe(publishProblem(notes as Parameters<typeof publishProblem>[0]));
    expect((await versionRows(id))[0]).toMatchObject({ status: "draft" });
  });

  it("discards a draft that follows a published version, and refuses to discard the only version", async () => {
    const { lead, id } = await newScorecard();
    expect(returned(await post(lead, id, { intent: "discard" })).status).toBe(422);
    await thrown(() => post(lead, id, { intent: "publish", revision: "1" }));
    await thrown(() => post(lead, id, { intent: "edit" }));
    expect(await thrown(() => post(lead, id, { intent: "discard" }))).toMatchObject({ status: 302, location: `/scorecards/${id}?done=discarded` });
    expect((await versionRows(id)).map((row) => [row.version, row.status])).toEqual([[1, "published"]]);
    expect(returned(await post(lead, id, { intent: "discard" })).status).toBe(409);
  });
});

describe("settings and archiving", () => {
  it("changes the settings, and refuses a blank name with 422", async () => {
    const { lead, id } = await newScorecard();
    const done = await thrown(() => post(lead, id, { intent: "settings", name: "Renamed card", description: "", releaseMode: "immediate" }));
    expect(done).toMatchObject({ status: 302, location: `/scorecards/${id}?done=settings` });
    expect((await load(lead, id)).scorecard).toMatchObject({ name: "Renamed card", description: "", releaseMode: "immediate" });
    const blank = returned(await post(lead, id, { intent: "settings", name: "", releaseMode: "immediate" }));
    expect(blank).toMatchObject({ status: 422, fieldErrors: { name: "Name is required" } });
  });

  it("archives and unarchives", async () => {
    const { lead, id } = await newScorecard();
    expect(await thrown(() => post(lead, id, { intent: "archive" }))).toMatchObject({ status: 302, location: `/scorecards/${id}?done=archived` });
    expect((await load(lead, id)).scorecard.archived).toBe(true);
    expect((await loadList(lead)).scorecards.some((s) => s.id === id)).toBe(false);
    expect(await thrown(() => post(lead, id, { intent: "unarchive" }))).toMatchObject({ status: 302, location: `/scorecards/${id}?done=unarchived` });
    expect((await load(lead, id)).scorecard.archived).toBe(false);
  });

  it("refuses an unknown intent with 422", async () => {
    const { lead, id } = await newScorecard();
    expect(returned(await post(lead, id, { intent: "delete" })).status).toBe(422);
  });
});
