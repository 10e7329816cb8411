/**
 * The interaction routes' loaders and action, called as Remix calls them, with a
 * real session, real PostgreSQL and real S3: bad filters answer 400, the detail
 * page hands the player its presigned peaks and audio, and "Retry" re-queues a
 * failed waveform only for someone allowed to import, with a valid CSRF token.
 */
import { Logger, runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { commitSessionCookie } from "../lib/auth.server";
import { db, pgPool } from "../lib/db.server";
import { createSession, loadSession } from "../modules/auth/session.server";
import { peaksJsonSchema } from "../modules/recordings/compute-peaks";
import type { Viewer } from "../modules/users/roles";
import { taskList } from "../../server/jobs/task-list";
import { chatTranscript, seedInteraction, seedTeam, seedUser, testWav } from "../../test/factories";
import { action as detailAction, loader as detailLoader } from "./interactions.$interactionId";
import { loader as listLoader } from "./interactions._index";

const BASE = "http://parley.test";
const silent = new Logger(() => () => {});
const runQueuedJobs = () => runOnce({ pgPool: pgPool(), taskList, logger: silent, noHandleSignals: true });

async function signIn(viewer: Viewer): Promise<{ cookie: string; csrf: string }> {
  const { token, expiresAt } = await createSession(db(), { userId: viewer.id, ttlHours: 1 });
  const session = await loadSession(db(), token);
  const setCookie = await commitSessionCookie(new Request(BASE), token, expiresAt);
  return { cookie: setCookie.split(";")[0] as string, csrf: session?.csrfToken ?? "" };
}

async function get(viewer: Viewer, path: string): Promise<Request> {
  const { cookie } = await signIn(viewer);
  return new Request(`${BASE}${path}`, { headers: { Cookie: cookie } });
}

async function post(viewer: Viewer, path: string, fields: Record<string, string>, { csrf }: { csrf?: string } = {}) {
  const session = await signIn(viewer);
  const body = new URLSearchParams({ _csrf: csrf ?? session.csrf, ...fields });
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { Cookie: session.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
}

/** What a loader or action threw: a `data()` error page or a Response (redirect). */
async function thrown(work: () => Promise<unknown>): Promise<{ status: number; message?: string; location?: string | null }> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("Location") };
    const init = (error as { init?: { status?: number }; data?: { message?: string } }).init;
    if (init?.status) return { status: init.status, message: (error as { data?: { message?: string } }).data?.message };
    throw error;
  }
  throw new Error("expected the route to throw");
}

/** The status and body of a returned `data()` (a form failure). */
function returned(value: unknown): { status: number; message: string } {
  const result = value as { init?: { status?: number }; data?: { message?: string } };
  return { status: result.init?.status ?? 200, message: result.data?.message ?? "" };
}

type ListResult = Awaited<ReturnType<typeof listLoader>>;
type ListPage = Exclude<ListResult, { init: unknown }>;

/** A list the loader answered with (200): its data. */
function listed(result: ListResult): ListPage {
  if ("init" in result) throw new Error(`expected a list, got ${result.init?.status}: ${JSON.stringify(result.data)}`);
  return result;
}

/** Filters the loader refused: the status and the page it still renders. */
function refusedList(result: ListResult) {
  if (!("init" in result)) throw new Error("expected the filters to be refused");
  return { status: result.init?.status, ...result.data };
}

const statusOf = (id: string) =>
  db().selectFrom("interactions").select(["status", "failure_reason"]).where("id", "=", id).executeTakeFirstOrThrow();

describe("the interaction list route", () => {
  it("answers 400 naming each bad filter value, with the form as it was sent and no list", async () => {
    const qa = await seedUser("qa");
    const bad = refusedList(await listLoader({ request: await get(qa, "/interactions?min=ten&status=done&queue=billing"), params: {}, context: {} }));
    expect(bad.status).toBe(400);
    expect(bad.error).toContain("Shortest: enter a number of minutes");
    expect(bad.error).toContain("Status: choose processing, ready or failed");
    expect(bad.values).toEqual({ min: "ten", status: "done", queue: "billing" });
    expect(bad.items).toEqual([]);

    const stopWords = refusedList(await listLoader({ request: await get(qa, "/interactions?q=the+and&channel=chat"), params: {}, context: {} }));
    expect(stopWords.status).toBe(400);
    expect(stopWords.error).toContain("only common words");
    expect(stopWords.values).toEqual({ q: "the and", channel: "chat" });
  });

  it("lists with the filters applied, describes them and offers the viewer's choices", async () => {
    const team = await seedTeam();
    const agent = await seedUser("agent", [team.id]);
    const other = await seedUser("agent", [team.id]);
    const qa = await seedUser("qa");
    const chat = await seedInteraction(agent.id, { transcript: chatTranscript(), queue: "route-test", tags: ["route-tag"] });
    await seedInteraction(agent.id, { queue: "route-test" });

    const data = listed(
      await listLoader({
        request: await get(qa, `/interactions?channel=chat&queue=route-test&agent=${agent.id}`),
        params: {},
        context: {},
      }),
    );
    expect(data.items.map((item) => item.id)).toEqual([chat.id]);
    expect(data.values).toEqual({ channel: "chat", queue: "route-test", agent: agent.id });
    expect(data.active.map((filter) => `${filter.label}: ${filter.value}`)).toEqual([
      "Channel: Chats",
      `Agent: ${agent.name}`,
      "Queue: route-test",
    ]);
    expect(data.options.teams).toContainEqual({ id: team.id, name: team.name });
    expect(data.options.queues).toContain("route-test");

    // The agent's own view: no people to choose, and another agent's id finds nothing.
    const own = listed(await listLoader({ request: await get(other, `/interactions?agent=${agent.id}`), params: {}, context: {} }));
    expect(own.items).toEqual([]);
    expect(own.options).toMatchObject({ teams: [], agents: [] });
    expect(own.active).toEqual([{ params: ["agent"], label: "Agent", value: "an agent outside your view" }]);

    // An agent who has left is still a choice, and the filter names them as such.
    await db().updateTable("users").set({ active: false }).where("id", "=", agent.id).execute();
    const left = listed(await listLoader({ request: await get(qa, `/interactions?agent=${agent.id}`), params: {}, context: {} }));
    expect(left.active).toEqual([{ params: ["agent"], label: "Agent", value: `${agent.name} (inactive)` }]);
    expect(left.items.map((item) => item.id)).toContain(chat.id);
  });
});

describe("the interaction page route", () => {
  it("gives the player the recording, then the peaks once the waveform job has run", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const { id } = await seedInteraction(agent.id, { durationMs: 0, customerName: "Jo Bloggs", recording: { body: testWav({ seconds: 2 }) } });

    const processing = await detailLoader({ request: await get(agent, `/interactions/${id}`), params: { interactionId: id }, context: {} });
    expect(processing.interaction.status).toBe("processing");
    expect(processing.media.player).toMatchObject({ peaksUrl: null, audioUrl: expect.stringContaining("recording.wav") as string });
    // The call's transcript follows playback: its segments keep their times.
    expect(processing.media.transcript?.segments[1]).toMatchObject({ id: "s2", startMs: 2500, endMs: 5000 });

    await runQueuedJobs();
    const ready = await detailLoader({ request: await get(agent, `/interactions/${id}`), params: { interactionId: id }, context: {} });
    expect(ready.interaction.status).toBe("ready");
    expect(ready.media.player?.durationMs).toBe(2000);
    // The waveform's overview comes with the page, for its first paint.
    expect(ready.media.player?.overview).toHaveLength(2);
    expect(processing.media.player?.overview).toBeNull();
    expect(ready.media.player?.channels).toEqual([
      { label: `Agent · ${agent.name}`, role: "agent" },
      { label: "Customer · Jo Bloggs", role: "customer" },
    ]);
    // The browser fetches peaks.json straight from storage with the presigned URL.
    const response = await fetch(ready.media.player?.peaksUrl as string);
    expect(response.status).toBe(200);
    const peaks = peaksJsonSchema.parse(await response.json());
    expect(peaks.channels).toHaveLength(2);
    expect(peaks.durationMs).toBe(2000);
    // URLs are not repeated inside the interaction itself.
    expect(ready.interaction).toMatchObject({ recording: null, peaks: null });
  });

  it("reads chats as a plain list, with no player", async () => {
    const agent = await seedUser("agent");
    const { id } = await seedInteraction(agent.id, { transcript: chatTranscript() });
    const data = await detailLoader({ request: await get(agent, `/interactions/${id}`), params: { interactionId: id }, context: {} });
    expect(data.media.player).toBeNull();
    expect(data.media.transcript?.segments).toHaveLength(2);
    expect(data.media.transcript?.segments[0]).toMatchObject({ at: expect.any(String) as string });
    expect(data.media.transcript?.segments[0]).not.toHaveProperty("startMs");
  });
});

describe("retrying a failed waveform", () => {
  async function failedCall() {
    const team = await seedTeam();
    const agent = await seedUser("agent", [team.id]);
    // Cut off inside its header: there is no audio to decode at all.
    const { id } = await seedInteraction(agent.id, { recording: { body: testWav({ seconds: 1 }).subarray(0, 30) } });
    await runQueuedJobs();
    expect((await statusOf(id)).status).toBe("failed");
    return { id, agent, team };
  }

  it("offers Retry to someone who may import, and re-queues the job", async () => {
    const { id } = await failedCall();
    const lead = await seedUser("qa_lead");
    const page = await detailLoader({ request: await get(lead, `/interactions/${id}`), params: { interactionId: id }, context: {} });
    expect(page.canRetry).toBe(true);
    expect(page.interaction.failureReason).toMatch(/could not be decoded/i);

    const response = await thrown(async () =>
      detailAction({ request: await post(lead, `/interactions/${id}`, { intent: "retry" }), params: { interactionId: id }, context: {} }),
    );
    expect(response).toEqual({ status: 302, location: `/interactions/${id}` });
    expect(await statusOf(id)).toEqual({ status: "processing", failure_reason: null });

    // Not failed any more: a second retry (a stale page) is a conflict, not a second job.
    const again = await detailAction({
      request: await post(lead, `/interactions/${id}`, { intent: "retry" }),
      params: { interactionId: id },
      context: {},
    });
    expect(returned(again)).toMatchObject({ status: 409, message: expect.stringMatching(/still being processed/) as string });
  });

  it("offers Retry for a call whose waveform has been in preparation past PROCESSING_RETRY_AFTER_MINUTES (5)", async () => {
    const agent = await seedUser("agent", [(await seedTeam()).id]);
    const { id } = await seedInteraction(agent.id, { recording: { body: testWav({ seconds: 1 }) } });
    const lead = await seedUser("qa_lead");
    const open = async () => detailLoader({ request: await get(lead, `/interactions/${id}`), params: { interactionId: id }, context: {} });

    const fresh = await open();
    expect({ canRetry: fresh.canRetry, stalledMinutes: fresh.stalledMinutes }).toEqual({ canRetry: false, stalledMinutes: null });
    const early = await detailAction({ request: await post(lead, `/interactions/${id}`, { intent: "retry" }), params: { interactionId: id }, context: {} });
    expect(returned(early)).toMatchObject({ status: 409, message: expect.stringMatching(/still being processed/) as string });

    // Its job was lost (a worker died holding it): seven minutes on, nothing has happened.
    await db().updateTable("interactions").set({ updated_at: new Date(Date.now() - 7 * 60_000) }).where("id", "=", id).execute();
    const stalled = await open();
    expect({ canRetry: stalled.canRetry, stalledMinutes: stalled.stalledMinutes }).toEqual({ canRetry: true, stalledMinutes: 7 });
    const qa = await seedUser("qa");
    expect((await detailLoader({ request: await get(qa, `/interactions/${id}`), params: { interactionId: id }, context: {} })).canRetry).toBe(false);

    const response = await thrown(async () =>
      detailAction({ request: await post(lead, `/interactions/${id}`, { intent: "retry" }), params: { interactionId: id }, context: {} }),
    );
    expect(response).toEqual({ status: 302, location: `/interactions/${id}` });
    await runQueuedJobs();
    expect(await statusOf(id)).toEqual({ status: "ready", failure_reason: null });
  });

  it("refuses a stale CSRF token, and people who may not import", async () => {
    const { id, agent } = await failedCall();
    const lead = await seedUser("qa_lead");
    const stale = await detailAction({
      request: await post(lead, `/interactions/${id}`, { intent: "retry" }, { csrf: "not-the-token" }),
      params: { interactionId: id },
      context: {},
    });
    expect(returned(stale).status).toBe(403);

    const qa = await seedUser("qa");
    const page = await detailLoader({ request: await get(qa, `/interactions/${id}`), params: { interactionId: id }, context: {} });
    expect(page.canRetry).toBe(false);
    // retryProcessing refuses them itself: the page shows the refusal where Retry would be.
    for (const viewer of [qa, agent]) {
      const refused = await detailAction({ request: await post(viewer, `/interactions/${id}`, { intent: "retry" }), params: { interactionId: id }, context: {} });
      expect(returned(refused)).toEqual({ status: 403, message: "Your role does not allow this; Admin, QA lead may." });
    }
    expect((await statusOf(id)).status).toBe("failed");
  });
});
