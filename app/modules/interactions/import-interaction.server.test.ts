/**
 * Importing through the shared request path (API, import page, bulk import): the
 * transcript is converted from its own format, the original kept, the recording taken
 * from a finished browser/API upload — and a refusal leaves nothing behind.
 */
import { describe, expect, it } from "vitest";
import { interactionPrefix, sourceKey, transcriptKey } from "../../../storage/keys";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { blobStore } from "../../lib/storage.server";
import { countRows, listObjectKeys, seedTeam, seedUser, testWav } from "../../../test/factories";
import { importInteraction } from "./import-interaction.server";
import type { IngestRequest } from "./ingest-request.schema";
import { startRecordingUpload } from "./recording-upload.server";

const limits = { maxTranscriptBytes: 1024 * 1024 };
const vtt = ["WEBVTT", "", "00:00.000 --> 00:02.500", "<v Dana>Thanks for calling Northwind.", "", "00:03.000 --> 00:05.000", "<v Sam>My bill is wrong.", ""].join("\n");

async function setup() {
  const team = await seedTeam();
  const agent = await seedUser("agent", [team.id]);
  const lead = await seedUser("qa_lead");
  const request = (overrides: Partial<IngestRequest> = {}): IngestRequest => ({
    source: "upload",
    externalId: `call-${Math.random().toString(36).slice(2)}`,
    agent: agent.email,
    startedAt: "2026-03-02T10:00:00Z",
    tags: [],
    metadata: {},
    transcript: { fileName: "call.vtt", content: vtt },
    ...overrides,
  });
  return { agent, lead, request };
}

async function footprint() {
  return { interactions: await countRows("interactions"), intents: await countRows("storage_intents"), objects: await listObjectKeys() };
}

describe("importInteraction", () => {
  it("converts a WebVTT file, keeps the original under source/ and names the speakers", async () => {
    const { lead, request, agent } = await setup();
    const result = await importInteraction(db(), blobStore(), lead, request(), limits);
    expect(result.status).toBe("created");
    const stored = await blobStore().getJson<{ speakers: { id: string; role: string }[]; segments: { startMs: number }[] }>(transcriptKey(result.id));
    expect(stored.speakers).toEqual([
      { id: "Dana", role: "agent", name: "Dana" },
      { id: "Sam", role: "customer", name: "Sam" },
    ]);
    expect(stored.segments.map((segment) => segment.startMs)).toEqual([0, 3000]);
    expect(await blobStore().getText(sourceKey(result.id, "call.vtt"))).toBe(vtt);
    const row = await db().selectFrom("interactions").select(["agent_id", "duration_ms", "status", "customer_name"]).where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ agent_id: agent.id, duration_ms: 5000, status: "ready", customer_name: "Sam" });
  });

  it("imports a canonical transcript of 200,000 segments, and refuses one more with the limit", async () => {
    const { lead, request } = await setup();
    const canonical = (count: number) =>
      JSON.stringify({
        version: 1,
        channel: "call",
        speakers: [
          { id: "a", role: "agent" },
          { id: "c", role: "customer" },
        ],
        segments: Array.from({ length: count }, (_, i) => ({ id: `s${i}`, speaker: i % 2 ? "c" : "a", startMs: i * 400, endMs: i * 400 + 350, text: "ok" })),
      });
    const big = { maxTranscriptBytes: 50 * 1024 * 1024 };
    const result = await importInteraction(db(), blobStore(), lead, request({ transcript: { fileName: "long.json", content: canonical(200_000) } }), big);
    expect(result.status).toBe("created");
    const row = await db().selectFrom("interactions").select(["duration_ms", "agent_talk_ms"]).where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ duration_ms: 199_999 * 400 + 350, agent_talk_ms: 100_000 * 350 });

    const before = await footprint();
    const refusal = await importInteraction(db(), blobStore(), lead, request({ transcript: { fileName: "longer.json", content: canonical(200_001) } }), big).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(422);
    expect((refusal as Error).message).toBe(
      "Canonical JSON: segments: a transcript holds at most 200,000 segments; split the conversation, or join short segments",
    );
    expect(await footprint()).toEqual(before);
  }, 60_000);

  it("refuses call times past 24 hours, the longest duration there is", async () => {
    const { lead, request } = await setup();
    const late = ["WEBVTT", "", "150:00:00.000 --> 150:00:02.000", "<v Dana>Still here?", ""].join("\n");
    await expect(importInteraction(db(), blobStore(), lead, request({ transcript: { fileName: "late.vtt", content: late } }), limits)).rejects.toThrow(
      "WebVTT: the result is not a valid transcript (segments[0].startMs: startMs is past 24 hours (86400000 ms), the longest call Parley keeps)",
    );
  });

  it("keeps a durationMs the transcript runs past, with a warning stored with the interaction", async () => {
    const { lead, request } = await setup();
    // As in a real report: 100 (meant as seconds, or a typo) for a call whose transcript runs to 9 s.
    const nineSeconds = { fileName: "call.vtt", content: `${vtt}\n00:07.000 --> 00:09.000\n<v Dana>Let me check.\n` };
    const result = await importInteraction(db(), blobStore(), lead, request({ durationMs: 100, transcript: nineSeconds }), limits);
    const warning = "durationMs is 100 ms (0:00), but the transcript runs to 0:09; the duration given was kept. durationMs is in milliseconds.";
    expect(result.warnings).toEqual([warning]);
    const row = await db().selectFrom("interactions").select(["duration_ms", "import_warnings"]).where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ duration_ms: 100, import_warnings: [warning] });
    // A duration the transcript fits is taken without a word.
    expect((await importInteraction(db(), blobStore(), lead, request({ durationMs: 9000, transcript: nineSeconds }), limits)).warnings).toEqual([]);
  });

  it("lets the importer say who the agent is when the guess is wrong", async () => {
    const { lead, request } = await setup();
    const result = await importInteraction(
      db(),
      blobStore(),
      lead,
      request({ transcript: { fileName: "call.vtt", content: vtt, speakerRoles: { Dana: "customer", Sam: "agent" } } }),
      limits,
    );
    const stored = await blobStore().getJson<{ speakers: { id: string; role: string }[] }>(transcriptKey(result.id));
    expect(stored.speakers.find((speaker) => speaker.id === "Sam")?.role).toBe("agent");
  });

  it("refuses a malformed transcript with the line at fault and stores nothing", async () => {
    const { lead, request } = await setup();
    const before = await footprint();
    const broken = "WEBVTT\n\n00:05.000 --> 00:01.000\n<v Dana>Backwards.\n";
    const error = await importInteraction(db(), blobStore(), lead, request({ transcript: { fileName: "bad.vtt", content: broken } }), limits).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(422);
    expect((error as Error).message).toMatch(/line 3/);
    expect(await footprint()).toEqual(before);
  });

  it("refuses an unknown agent by name and stores nothing", async () => {
    const { lead, request } = await setup();
    const before = await footprint();
    await expect(importInteraction(db(), blobStore(), lead, request({ agent: "nobody@example.test" }), limits)).rejects.toThrow(
      /No agent account matches "nobody@example.test"/,
    );
    expect(await footprint()).toEqual(before);
  });

  it("records a recording uploaded beforehand, after checking its bytes", async () => {
    const { lead, request } = await setup();
    const wav = testWav({ seconds: 1 });
    const plan = await startRecordingUpload(db(), blobStore(), { userId: lead.id, fileName: "call.wav", contentType: "audio/wav", size: wav.length, maxBytes: 10 * 1024 * 1024 });
    const put = await fetch(plan.single?.url ?? "", { method: "PUT", body: new Uint8Array(wav), headers: plan.single?.headers });
    expect(put.ok).toBe(true);

    const result = await importInteraction(db(), blobStore(), lead, request({ recording: { uploadId: plan.uploadId } }), limits);
    expect(result).toMatchObject({ status: "created", id: plan.uploadId });
    const row = await db().selectFrom("interactions").select(["recording_size", "recording_content_type", "status"]).where("id", "=", result.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ recording_size: wav.length, recording_content_type: "audio/wav", status: "processing" });
    const intent = await db().selectFrom("storage_intents").select("id").where("interaction_id", "=", plan.uploadId).executeTakeFirst();
    expect(intent).toBeUndefined();
  });

  it("refuses an upload that is not audio, whatever its name, and removes it", async () => {
    const { lead, request } = await setup();
    const pdf = Buffer.from("%PDF-1.7\n% not a recording at all\n".repeat(20));
    const plan = await startRecordingUpload(db(), blobStore(), { userId: lead.id, fileName: "call.wav", contentType: "audio/wav", size: pdf.length, maxBytes: 1024 * 1024 });
    await fetch(plan.single?.url ?? "", { method: "PUT", body: new Uint8Array(pdf), headers: plan.single?.headers });
    const before = await countRows("interactions");

    await expect(importInteraction(db(), blobStore(), lead, request({ recording: { uploadId: plan.uploadId } }), limits)).rejects.toThrow(
      /not a supported recording/,
    );
    expect(await countRows("interactions")).toBe(before);
    expect(await listObjectKeys(interactionPrefix(plan.uploadId))).toEqual([]);
  });

  it("refuses another user's upload id", async () => {
    const { lead, request } = await setup();
    const other = await seedUser("admin");
    const wav = testWav();
    const plan = await startRecordingUpload(db(), blobStore(), { userId: other.id, fileName: "a.wav", contentType: "audio/wav", size: wav.length, maxBytes: 1024 * 1024 });
    await expect(importInteraction(db(), blobStore(), lead, request({ recording: { uploadId: plan.uploadId } }), limits)).rejects.toThrow(
      /does not exist or has expired/,
    );
  });

  it("answers a duplicate with the first interaction and drops the second upload", async () => {
    const { lead, request } = await setup();
    const first = await importInteraction(db(), blobStore(), lead, request({ externalId: "dup-1" }), limits);
    const wav = testWav();
    const plan = await startRecordingUpload(db(), blobStore(), { userId: lead.id, fileName: "a.wav", contentType: "audio/wav", size: wav.length, maxBytes: 1024 * 1024 });
    await fetch(plan.single?.url ?? "", { method: "PUT", body: new Uint8Array(wav), headers: plan.single?.headers });

    const again = await importInteraction(db(), blobStore(), lead, request({ externalId: "dup-1", recording: { uploadId: plan.uploadId } }), limits);
    expect(again).toMatchObject({ status: "duplicate", id: first.id });
    expect(await listObjectKeys(interactionPrefix(plan.uploadId))).toEqual([]);
    const intent = await db().selectFrom("storage_intents").select("id").where("interaction_id", "=", plan.uploadId).executeTakeFirst();
    expect(intent).toBeUndefined();
  });

  it("refuses a recording larger than the configured limit before anything is uploaded", async () => {
    const { lead } = await setup();
    await expect(
      startRecordingUpload(db(), blobStore(), { userId: lead.id, fileName: "long.wav", contentType: "audio/wav", size: 3 * 1024 * 1024, maxBytes: 2 * 1024 * 1024 }),
    ).rejects.toThrow(/larger than the 2 MiB limit/);
  });
});
