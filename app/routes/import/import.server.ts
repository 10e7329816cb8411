/**
 * The server half of the upload page (`app/routes/import.tsx`): what its loader shows
 * and what each intent of its action does. Kept out of the route module so the
 * importers (csv-parse uses Node's Buffer at load time) never reach the browser bundle.
 */
import { data, redirect } from "@remix-run/node";
import { getConfig } from "../../../server/config";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { formatBytes } from "../../lib/format";
import { formFailure, invalidFields, refusalOf } from "../../lib/errors.server";
import { blobStore } from "../../lib/storage.server";
import { formatDateTime, parseLocalDateTime, zoneOffsetLabel } from "../../lib/time";
import { importInteraction } from "../../modules/interactions/import-interaction.server";
import type { IngestRequest } from "../../modules/interactions/ingest-request.schema";
import { formatLabels, importTranscript } from "../../modules/transcripts/index";
import { decodeBytes } from "../../modules/transcripts/text";
import { claimRecordingUpload, discardUpload, startRecordingUpload } from "../../modules/interactions/recording-upload.server";
import { getOrganisation } from "../../modules/users/get-organisation.server";
import { listUsers } from "../../modules/users/list-users.server";
import type { Viewer } from "../../modules/users/roles";
import { formFieldFor, toIngestRequest, type ImportDuplicate, type ImportFailure, type ImportFields, type PreviewResult, type StartedUpload } from "../../modules/interactions/import-fields";

/** More agents than a select can reasonably hold; a bigger centre imports through the API. */
const AGENT_LIMIT = 2000;

export async function loadImportPage(viewer: Viewer) {
  const config = getConfig();
  const [organisation, agents] = await Promise.all([
    getOrganisation(db()),
    listUsers(db(), viewer, { role: "agent", status: "active", limit: AGENT_LIMIT }),
  ]);
  const now = new Date();
  return {
    agents: agents.users.map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      team: user.teams.find((team) => team.kind === "agent")?.name ?? null,
    })),
    timeZone: organisation.timeZone,
    zoneLabel: zoneOffsetLabel(now, organisation.timeZone),
    defaultStartedAt: formatDateTime(now, organisation.timeZone),
    formats: Object.values(formatLabels),
    maxRecordingMb: config.MAX_RECORDING_MB,
    maxTranscriptMb: config.MAX_TRANSCRIPT_MB,
  };
}

const maxTranscriptBytes = () => getConfig().MAX_TRANSCRIPT_MB * 1024 * 1024;

/** intent=preview: parse the chosen transcript file and describe it for the speaker table. */
export async function previewTranscript(form: FormData, input: { startedAt: string }) {
  const file = await readTranscriptFile(form, maxTranscriptBytes());
  if (!file.ok) {
    return data<PreviewResult>({ intent: "preview", ok: false, code: "invalid", message: file.message ?? "Choose the transcript or chat file." }, { status: 422 });
  }
  const { timeZone } = await getOrganisation(db());
  // Chats without timestamps are placed at the start time; before it is typed (or while it
  // is one the import will refuse), now will do.
  const typed = parseLocalDateTime(input.startedAt, timeZone);
  const startedAt = (typed.ok ? typed.instant : new Date()).toISOString();
  try {
    const result = importTranscript(file.fileName, file.content, { startedAt, maxBytes: maxTranscriptBytes() });
    return data<PreviewResult>({
      intent: "preview",
      ok: true,
      fileName: file.fileName,
      format: result.format,
      formatLabel: formatLabels[result.format],
      channel: result.transcript.channel,
      segments: result.transcript.segments.length,
      speakers: result.speakers.map((speaker) => ({
        label: speaker.label,
        name: speaker.name ?? null,
        guessedRole: speaker.guessedRole,
        segments: speaker.segments,
      })),
      warnings: [...(file.warning ? [file.warning] : []), ...result.warnings],
    });
  } catch (error) {
    if (error instanceof DomainError) return data<PreviewResult>({ intent: "preview", ok: false, code: error.code, message: error.message }, { status: error.status });
    throw error;
  }
}

/** intent=start-upload: presigned URLs for the browser to PUT the recording straight to storage. */
export async function startUpload(viewer: Viewer, input: { fileName: string; contentType: string; size: number }, form: FormData) {
  try {
    const plan = await startRecordingUpload(db(), blobStore(), {
      userId: viewer.id,
      fileName: input.fileName,
      contentType: input.contentType,
      size: input.size,
      maxBytes: getConfig().MAX_RECORDING_MB * 1024 * 1024,
    });
    return data<StartedUpload>({ intent: "start-upload", ok: true, plan: { uploadId: plan.uploadId, single: plan.single, multipart: plan.multipart } });
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return failure("start-upload", refusal, form);
    throw error;
  }
}

/** intent=discard-upload: the person chose another recording; drop the old upload now rather than at the sweep. */
export async function discardRecordingUpload(viewer: Viewer, uploadId: string) {
  const upload = await claimRecordingUpload(db(), { uploadId, uploadedBy: viewer.id }).catch(() => null);
  if (upload) await discardUpload(db(), blobStore(), upload);
  return data({ intent: "discard-upload" as const, ok: true as const });
}

/**
 * intent=import: the form becomes the shared import request and `importInteraction`
 * runs. A new interaction redirects to its page; a duplicate answers 409 with the
 * existing one; a refusal answers with one message per field and says whether the
 * uploaded recording is still there to try again with.
 */
export async function importFromForm(viewer: Viewer, input: ImportFields, form: FormData) {
  const file = await readTranscriptFile(form, maxTranscriptBytes());
  const { timeZone } = await getOrganisation(db());
  const mapped = toIngestRequest(input, file.ok ? file : null, timeZone);
  const uploadId = input.recordingUploadId.trim() || null;
  if (!mapped.ok) {
    const fieldErrors = !file.ok && file.message ? { ...mapped.fieldErrors, transcript: file.message } : mapped.fieldErrors;
    return failure("import", invalidFields(fieldErrors), form, await uploadStillThere(viewer, uploadId));
  }
  // A file that is not plain UTF-8 goes on as its bytes: the import decodes them the same way,
  // keeps the note about it with the interaction, and keeps the original under source/.
  const request = file.ok && file.warning ? withOriginalBytes(mapped.request, file.bytes) : mapped.request;
  let result;
  try {
    result = await importInteraction(db(), blobStore(), viewer, request, { maxTranscriptBytes: maxTranscriptBytes() });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    // The use case names request paths (`agentId`, `transcript.content`); the form names its fields.
    return failure("import", refusal, form, await uploadStillThere(viewer, uploadId), formFieldFor);
  }
  if (result.status === "duplicate") {
    return data<ImportDuplicate>({ intent: "import", ok: true, duplicate: { id: result.id, externalId: mapped.request.externalId } }, { status: 409 });
  }
  throw redirect(`/interactions/${result.id}`);
}

async function readTranscriptFile(
  form: FormData,
  maxBytes: number,
): Promise<{ ok: true; fileName: string; content: string; bytes: Uint8Array; warning?: string } | { ok: false; message: string | null }> {
  const file = form.get("transcript");
  // A form posted without a file chosen sends an empty, nameless part.
  if (!(file instanceof Blob) || (file.size === 0 && !("name" in file && file.name))) return { ok: false, message: null };
  const fileName = ("name" in file && typeof file.name === "string" && file.name) || "transcript.txt";
  if (file.size === 0) return { ok: false, message: `${fileName} is empty.` };
  if (file.size > maxBytes) {
    return { ok: false, message: `${fileName} is larger than the ${formatBytes(maxBytes)} limit for transcript files.` };
  }
  // The importers' own decoding (UTF-8, UTF-16 with BOM, else Windows-1252), not the browser's.
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decoded = decodeBytes(bytes);
  return { ok: true, fileName, content: decoded.text, bytes, ...(decoded.warning ? { warning: decoded.warning } : {}) };
}

function withOriginalBytes(request: IngestRequest, bytes: Uint8Array): IngestRequest {
  const { content: _text, ...transcript } = request.transcript;
  return { ...request, transcript: { ...transcript, contentBase64: Buffer.from(bytes).toString("base64") } };
}

/** Whether a failed import left its uploaded recording in place (then "Import" again needs no new upload). */
async function uploadStillThere(viewer: Viewer, uploadId: string | null): Promise<boolean | undefined> {
  if (!uploadId) return undefined;
  return claimRecordingUpload(db(), { uploadId, uploadedBy: viewer.id }).then(
    () => true,
    () => false,
  );
}

function failure(intent: NonNullable<ImportFailure["intent"]>, error: DomainError, form: FormData, uploadKept?: boolean, field?: (name: string) => string) {
  const base = formFailure(error, form, { field });
  return data<ImportFailure>({ ...base.data, intent, ...(uploadKept === undefined ? {} : { uploadKept }) }, { status: error.status });
}
