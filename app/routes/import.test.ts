/**
 * The upload page's action, called with real Requests against real PostgreSQL and S3:
 * the session cookie and CSRF token of a signed-in user, a multipart body like the
 * browser's, and presigned PUTs straight to storage for the recording.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { transcriptKey } from "../../storage/keys";
import { countRows, listObjectKeys, seedTeam, seedUser, testWav, withOrganisationTimeZone } from "../../test/factories";
import type { ImportActionData } from "../modules/interactions/import-fields";
import { toLocalInput } from "../lib/time";
import { commitSessionCookie } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { blobStore } from "../lib/storage.server";
import { createSession, loadSession } from "../modules/auth/session.server";
import type { Role } from "../modules/users/roles";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { action, loader } from "./import/route";

const URL_ = "http://parley.test/import";
const vtt = ["WEBVTT", "", "00:00.000 --> 00:02.500", "<v Dana>Thanks for calling Northwind.", "", "00:03.000 --> 00:05.000", "<v Sam>My bill is wrong.", ""].join("\n");
const chatCsv = ["Time,Speaker,Message", "2026-03-02 10:00:00,customer,Hi there", "2026-03-02 10:00:40,agent,Hello! How can I help?", ""].join("\n");

type Fields = Record<string, string | File>;

async function signIn(role: Role = "qa_lead") {
  const user = await seedUser(role);
  const { token, expiresAt } = await createSession(db(), { userId: user.id, ttlHours: 1 });
  const cookie = (await commitSessionCookie(new Request(URL_), token, expiresAt)).split(";")[0] as string;
  const session = await loadSession(db(), token);
  if (!session) throw new Error("session not loaded");
  const post = (fields: Fields, { csrf = session.csrfToken }: { csrf?: string | null } = {}) => {
    const body = new FormData();
    if (csrf !== null) body.set("_csrf", csrf);
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    return new Request(URL_, { method: "POST", headers: { Cookie: cookie }, body });
  };
  return { user, post, cookie };
}

async function setup() {
  const team = await seedTeam();
  const agent = await seedUser("agent", [team.id]);
  const lead = await signIn("qa_lead");
  const { timeZone } = await getOrganisation(db());
  const importFields = (overrides: Fields = {}): Fields => ({
    intent: "import",
    agent: agent.email,
    startedAt: "2026-03-02T10:00",
    externalId: `call-${Math.random().toString(36).slice(2)}`,
    transcript: new File([vtt], "call-4711.vtt", { type: "text/vtt" }),
    ...overrides,
  });
  return { agent, lead, timeZone, importFields };
}

/** Runs the action; a thrown Response (redirect, 403) is returned so tests can look at it. */
async function run(request: Request): Promise<{ status: number; body?: ImportActionData; location?: string | null }> {
  try {
    const result: unknown = await action({ request, params: {}, context: {} });
    if (result && typeof result === "object" && "type" in result && result.type === "DataWithResponseInit") {
      const { data: body, init } = result as unknown as { data: ImportActionData; init: ResponseInit | null };
      return { status: init?.status ?? 200, body };
    }
    return { status: 200, body: result as ImportActionData };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    if (thrown && typeof thrown === "object" && "type" in thrown && thrown.type === "DataWithResponseInit") {
      return { status: (thrown as unknown as { init: ResponseInit | null }).init?.status ?? 500 };
    }
    throw thrown;
  }
}

async function footprint() {
  return { interactions: await countRows("interactions"), intents: await countRows("storage_intents"), objects: await listObjectKeys() };
}

async function uploadThroughStorage(lead: Awaited<ReturnType<typeof signIn>>, bytes: Buffer, fileName = "call-4711.wav") {
  const started = await run(lead.post({ intent: "start-upload", fileName, contentType: "audio/wav", size: String(bytes.length) }));
  if (started.body?.intent !== "start-upload" || !started.body.ok) throw new Error(`upload not started: ${JSON.stringify(started)}`);
  const { plan } = started.body;
  if (plan.single) {
    const put = await fetch(plan.single.url, { method: "PUT", body: new Uint8Array(bytes), headers: plan.single.headers });
    expect(put.status).toBe(200);
    return { uploadId: plan.uploadId, parts: undefined };
  }
  if (!plan.multipart) throw new Error("no upload plan");
  const { partSize, parts } = plan.multipart;
  const etags = await Promise.all(
    parts.map(async ({ partNumber, url }) => {
      const body = new Uint8Array(bytes.subarray((partNumber - 1) * partSize, partNumber * partSize));
      const put = await fetch(url, { method: "PUT", body });
      expect(put.status).toBe(200);
      return { partNumber, etag: put.headers.get("ETag") ?? "" };
    }),
  );
  return { uploadId: plan.uploadId, parts: etags };
}

describe("GET /import", () => {
  it("offers the active agents, the organisation's time zone and the supported formats", async () => {
    const { agent, lead } = await setup();
    const inactive = await seedUser("agent");
    await db().updateTable("users").set({ active: false }).where("id", "=", inactive.id).execute();
    const page = await loader({ request: new Request(URL_, { headers: { Cookie: lead.cookie } }), params: {}, context: {} });
    expect(page.agents.map((option) => option.email)).toContain(agent.email);
    expect(page.agents.map((option) => option.email)).not.toContain(inactive.email);
    expect(page.agents.map((option) => option.email)).not.toContain(lead.user.email);
    expect(page.formats).toContain("WebVTT");
    expect(page.formats).toContain("Zendesk");
    // In the app's date format (issue 11 point 9), which the import reads back.
    expect(page.defaultStartedAt).toMatch(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);
  });

  it("is for people who may import: a QA specialist gets 403", async () => {
    const qa = await signIn("qa");
    const denied = await loader({ request: new Request(URL_, { headers: { Cookie: qa.cookie } }), params: {}, context: {} }).catch((error: unknown) => error);
    expect(denied).toMatchObject({ init: { status: 403 } });
  });
});

describe("POST /import, intent=preview", () => {
  it("describes the transcript: format, speakers with their guessed roles and turn counts", async () => {
    const { lead } = await setup();
    const answer = await run(lead.post({ intent: "preview", transcript: new File([vtt], "call.vtt"), startedAt: "" }));
    expect(answer).toEqual({
      status: 200,
      body: {
        intent: "preview",
        ok: true,
        fileName: "call.vtt",
        format: "webvtt",
        formatLabel: "WebVTT",
        channel: "call",
        segments: 2,
        speakers: [
          { label: "Dana", name: "Dana", guessedRole: "agent", segments: 1 },
          { label: "Sam", name: "Sam", guessedRole: "customer", segments: 1 },
        ],
        warnings: [],
      },
    });
  });

  it("names the line of a malformed file", async () => {
    const { lead } = await setup();
    const broken = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Dana>Hello.\n\n00:05.000 --> 00:01.000\n<v Sam>Backwards.\n";
    const answer = await run(lead.post({ intent: "preview", transcript: new File([broken], "bad.vtt") }));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ intent: "preview", ok: false, code: "invalid", message: expect.stringMatching(/^WebVTT line 6: /) as string });
  });

  it("decodes a Windows-1252 file the way the importers do, with a warning", async () => {
    const { lead } = await setup();
    const latin = Buffer.from("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Gr\xfc\xdfe.\n", "latin1");
    const answer = await run(lead.post({ intent: "preview", transcript: new File([new Uint8Array(latin)], "de.vtt") }));
    expect(answer.body).toMatchObject({ ok: true, warnings: ["The file is not valid UTF-8; it was read as Windows-1252."] });
  });
});

describe("POST /import, intent=import", () => {
  it("imports a file that is not UTF-8 as it was uploaded, keeping the note about its encoding", async () => {
    const { lead, importFields } = await setup();
    const latin = Buffer.from("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Agent>Gr\xfc\xdfe.\n", "latin1");
    const answer = await run(lead.post(importFields({ transcript: new File([new Uint8Array(latin)], "de.vtt") })));
    const id = answer.location?.split("/").pop() ?? "";
    const row = await db().selectFrom("interactions").select(["transcript_text", "import_warnings"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ transcript_text: "Grüße.", import_warnings: ["The file is not valid UTF-8; it was read as Windows-1252."] });
    expect(await blobStore().get(`interactions/${id}/source/de.vtt`)).toEqual(latin);
  });

  it("imports a chat export without a recording and redirects to the new interaction", async () => {
    const { lead, importFields } = await setup();
    const answer = await run(lead.post(importFields({ transcript: new File([chatCsv], "chat-881.csv", { type: "text/csv" }), tags: "billing, chat" })));
    expect(answer.status).toBe(302);
    const id = /^\/interactions\/([0-9a-f-]{36})$/.exec(answer.location ?? "")?.[1];
    if (!id) throw new Error(`unexpected redirect ${answer.location}`);
    const row = await db().selectFrom("interactions").select(["channel", "status", "tags", "source"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: "chat", status: "ready", tags: ["billing", "chat"], source: "upload" });
  });

  it("imports a call whose recording went straight to storage, with the speaker roles the person chose", async () => {
    const { lead, agent, timeZone, importFields } = await setup();
    const wav = testWav({ seconds: 1 });
    const { uploadId } = await uploadThroughStorage(lead, wav);
    const answer = await run(
      lead.post(
        importFields({
          externalId: "call-4711",
          queue: "Billing",
          direction: "inbound",
          customerName: "",
          startedAt: "2 Mar 2026, 10:00",
          speakerRoles: JSON.stringify({ Dana: "customer", Sam: "agent" }),
          recordingUploadId: uploadId,
        }),
      ),
    );
    expect(answer).toEqual({ status: 302, location: `/interactions/${uploadId}` });
    const row = await db()
      .selectFrom("interactions")
      .select(["agent_id", "status", "recording_size", "recording_channels", "queue", "direction", "external_id", "started_at"])
      .where("id", "=", uploadId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ agent_id: agent.id, status: "processing", recording_size: wav.length, recording_channels: 2, queue: "Billing", direction: "inbound", external_id: "call-4711" });
    expect(toLocalInput(row.started_at, timeZone)).toBe("2026-03-02T10:00");
    const stored = await blobStore().getJson<{ speakers: { id: string; role: string }[] }>(transcriptKey(uploadId));
    expect(stored.speakers).toEqual([
      { id: "Dana", role: "customer", name: "Dana" },
      { id: "Sam", role: "agent", name: "Sam" },
    ]);
    const jobs = await sql<{ key: string }>`select key from graphile_worker.jobs where key = ${`peaks:${uploadId}`}`.execute(db());
    expect(jobs.rows).toHaveLength(1);
  });

  it("finishes a multipart upload from the parts' ETags", async () => {
    const { lead, importFields } = await setup();
    // Just over the 32 MB threshold: three parts of 16 MiB, 16 MiB and the rest.
    const wav = testWav({ seconds: 1050, channels: 2 });
    const { uploadId, parts } = await uploadThroughStorage(lead, wav, "long-call.wav");
    expect(parts).toHaveLength(3);
    const answer = await run(lead.post(importFields({ recordingUploadId: uploadId, recordingParts: JSON.stringify(parts) })));
    expect(answer).toEqual({ status: 302, location: `/interactions/${uploadId}` });
    expect((await blobStore().head(`interactions/${uploadId}/recording.wav`))?.size).toBe(wav.length);
  });

  it("answers 422 with a message per field, keeps what was typed and writes nothing", async () => {
    const { lead, importFields } = await setup();
    const before = await footprint();
    const answer = await run(
      lead.post(importFields({ agent: "", startedAt: "yesterday", externalId: "   ", direction: "sideways", queue: "Retention", transcript: new File([], "") })),
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      ok: false,
      intent: "import",
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        agent: "Choose the agent who handled the conversation",
        startedAt: "Enter the date and time the conversation started",
        externalId: "Enter the conversation's id in your phone or chat system",
        transcript: "Choose the transcript or chat file",
        direction: expect.any(String) as string,
      },
      values: { queue: "Retention", startedAt: "yesterday", direction: "sideways", intent: "import" },
    });
    expect(answer.body && "values" in answer.body ? answer.body.values : {}).not.toHaveProperty("_csrf");
    expect(await footprint()).toEqual(before);
  });

  it("refuses a start time the clocks skipped, naming the jump, and writes nothing (decision 0017)", async () => {
    const { lead, importFields } = await setup();
    await withOrganisationTimeZone("Europe/London", async () => {
      const before = await footprint();
      // London skips 01:00–02:00 on 29 March 2026.
      const skipped = await run(lead.post(importFields({ startedAt: "2026-03-29T01:30" })));
      expect(skipped.status).toBe(422);
      expect(skipped.body).toMatchObject({
        ok: false,
        fieldErrors: {
          startedAt:
            "01:30 on 2026-03-29 does not exist in Europe/London: the clocks went forward from 01:00 to 02:00. Enter a time before 01:00 or from 02:00.",
        },
        values: { startedAt: "2026-03-29T01:30" },
      });
      expect(await footprint()).toEqual(before);

      // 01:30 on 25 October happens twice: the import takes the first, 00:30Z (BST).
      const repeated = await run(lead.post(importFields({ startedAt: "2026-10-25T01:30" })));
      expect(repeated.status).toBe(302);
      const id = repeated.location?.split("/").pop() ?? "";
      const row = await db().selectFrom("interactions").select("started_at").where("id", "=", id).executeTakeFirstOrThrow();
      expect(row.started_at.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    });
  });

  it("puts a parse error under the transcript field, naming the line", async () => {
    const { lead, importFields } = await setup();
    const answer = await run(lead.post(importFields({ transcript: new File(["WEBVTT\n\nnot a cue\n"], "bad.vtt") })));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, fieldErrors: { transcript: expect.stringMatching(/^WebVTT line 3: /) as string } });
  });

  it("refuses an unknown agent but keeps the uploaded recording, so importing again needs no new upload", async () => {
    const { lead, importFields, agent } = await setup();
    const { uploadId } = await uploadThroughStorage(lead, testWav());
    const refused = await run(lead.post(importFields({ agent: "nobody@example.test", recordingUploadId: uploadId })));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ ok: false, uploadKept: true, fieldErrors: { agent: "Unknown agent" } });

    const accepted = await run(lead.post(importFields({ agent: agent.email, recordingUploadId: uploadId })));
    expect(accepted).toEqual({ status: 302, location: `/interactions/${uploadId}` });
  });

  it("answers a duplicate external id with the existing interaction and drops the new upload", async () => {
    const { lead, importFields } = await setup();
    const first = await run(lead.post(importFields({ externalId: "dup-4711" })));
    const firstId = first.location?.split("/").pop();
    const { uploadId } = await uploadThroughStorage(lead, testWav());

    const again = await run(lead.post(importFields({ externalId: "dup-4711", recordingUploadId: uploadId })));
    expect(again).toEqual({ status: 409, body: { intent: "import", ok: true, duplicate: { id: firstId, externalId: "dup-4711" } } });
    expect(await listObjectKeys(`interactions/${uploadId}/`)).toEqual([]);
    expect(await db().selectFrom("storage_intents").select("id").where("interaction_id", "=", uploadId).executeTakeFirst()).toBeUndefined();
  });

  it("says when a refused import also lost its upload (a recording that is not audio)", async () => {
    const { lead, importFields } = await setup();
    const { uploadId } = await uploadThroughStorage(lead, Buffer.from("%PDF-1.7\n".repeat(50)), "call.wav");
    const answer = await run(lead.post(importFields({ recordingUploadId: uploadId })));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, uploadKept: false, message: expect.stringMatching(/not a supported recording/) as string });
  });
});

describe("POST /import, uploads and access", () => {
  it("refuses to start an upload of a file that is not a recording, under the recording field", async () => {
    const { lead } = await setup();
    const answer = await run(lead.post({ intent: "start-upload", fileName: "notes.pdf", contentType: "application/pdf", size: "1000" }));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ ok: false, intent: "start-upload", fieldErrors: { recording: "Unsupported file type" } });
  });

  it("says that an empty recording is empty, under the recording field, and starts nothing", async () => {
    const { lead } = await setup();
    const before = await footprint();
    const answer = await run(lead.post({ intent: "start-upload", fileName: "call-4711.wav", contentType: "audio/wav", size: "0" }));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      ok: false,
      intent: "start-upload",
      message: "call-4711.wav is empty: it holds no audio. Choose the recording file again, or import without one.",
      fieldErrors: { recording: "call-4711.wav is empty: it holds no audio" },
    });
    expect(await footprint()).toEqual(before);
  });

  it("discards an upload the person replaced, and only their own", async () => {
    const { lead } = await setup();
    const other = await signIn("admin");
    const { uploadId } = await uploadThroughStorage(lead, testWav());
    await run(other.post({ intent: "discard-upload", uploadId }));
    expect(await listObjectKeys(`interactions/${uploadId}/`)).toHaveLength(1);
    const answer = await run(lead.post({ intent: "discard-upload", uploadId }));
    expect(answer.body).toEqual({ intent: "discard-upload", ok: true });
    expect(await listObjectKeys(`interactions/${uploadId}/`)).toEqual([]);
  });

  it("refuses posts without the form's CSRF token, and from people who may not import", async () => {
    const { lead, importFields } = await setup();
    const before = await footprint();
    const forged = await run(lead.post(importFields(), { csrf: "forged" }));
    expect(forged.status).toBe(403);
    const agent = await signIn("agent");
    const denied = await run(agent.post(importFields()));
    expect(denied.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });
});
