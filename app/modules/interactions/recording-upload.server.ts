import { randomUUID } from "node:crypto";
import { interactionPrefix, recordingKey } from "../../../storage/keys";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { formatBytes } from "../../lib/format";
import type { BlobStore } from "../../lib/storage.server";

/** Above this size the browser uploads in parts, so a dropped connection loses one part, not the file. */
export const MULTIPART_THRESHOLD = 32 * 1024 * 1024;
const MIN_PART_SIZE = 16 * 1024 * 1024;
const MAX_PARTS = 10_000;
const URL_TTL_SECONDS = 6 * 3600;

export interface RecordingUploadPlan {
  /** The interaction id the recording is stored under; pass it back to finish the import. */
  uploadId: string;
  key: string;
  single?: { method: "PUT"; url: string; headers: Record<string, string> };
  multipart?: { partSize: number; parts: { partNumber: number; url: string }[] };
}

const extensions: Record<string, string> = {
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/vnd.wave": "wav",
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/ogg": "ogg",
  "audio/opus": "ogg",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
};

/** `type/subtype` with optional parameters, printable ASCII only; or nothing (the type is then guessed from the name). */
const MEDIA_TYPE = /^(?:[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?:[ \t]*;[\x20-\x7e]*)?)?$/;

/** The key's extension from the declared type or the name; the bytes are checked after the upload. */
export function recordingExtension(fileName: string, contentType: string): string {
  const byType = extensions[contentType.toLowerCase().split(";")[0]?.trim() ?? ""];
  if (byType) return byType;
  const byName = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase();
  if (byName && ["wav", "mp3", "ogg", "opus", "flac"].includes(byName)) return byName === "opus" ? "ogg" : byName;
  throw new DomainError(
    "invalid",
    `"${fileName}" does not look like a recording (${contentType || "no type"}). Upload WAV, MP3, Ogg/Opus or FLAC.`,
    { recording: "Unsupported file type" },
  );
}

/**
 * Starts a browser/API upload straight to storage: allocates the interaction id,
 * commits a storage intent describing the promised object (so an abandoned upload
 * is swept), and returns presigned URLs — one PUT, or one per part.
 */
export async function startRecordingUpload(
  db: Database,
  store: BlobStore,
  input: { userId: string; fileName: string; contentType: string; size: number; maxBytes: number },
): Promise<RecordingUploadPlan> {
  if (!Number.isInteger(input.size) || input.size <= 0) {
    const why = `${input.fileName} is empty: it holds no audio`;
    throw new DomainError("invalid", `${why}. Choose the recording file again, or import without one.`, { recording: why });
  }
  if (input.size > input.maxBytes) {
    throw new DomainError("invalid", `The recording is larger than the ${formatBytes(input.maxBytes)} limit.`, { recording: "Too large" });
  }
  // The type is sent back as the Content-Type header the upload must carry (and stored with
  // the object): a line break in it would smuggle headers into the client's request.
  if (!MEDIA_TYPE.test(input.contentType)) {
    const why = "must be one media type on one line, such as audio/wav (no line breaks or control characters)";
    throw new DomainError("invalid", `The recording's contentType ${why}.`, { contentType: why });
  }
  const ext = recordingExtension(input.fileName, input.contentType);
  const id = randomUUID();
  const key = recordingKey(id, ext);
  const contentType = input.contentType || "application/octet-stream";
  const multipart = input.size > MULTIPART_THRESHOLD;
  const multipartUploadId = multipart ? await store.createMultipartUpload(key, { contentType }) : null;

  await db
    .insertInto("storage_intents")
    .values({
      prefix: interactionPrefix(id),
      interaction_id: id,
      created_by: input.userId,
      object_key: key,
      content_type: contentType,
      size: input.size,
      multipart_upload_id: multipartUploadId,
    })
    .execute();

  if (!multipartUploadId) {
    const url = await store.presignPut(key, { contentType, expiresIn: URL_TTL_SECONDS });
    return { uploadId: id, key, single: { method: "PUT", url, headers: { "Content-Type": contentType } } };
  }
  const partSize = Math.max(MIN_PART_SIZE, Math.ceil(input.size / MAX_PARTS));
  const count = Math.ceil(input.size / partSize);
  const parts = await Promise.all(
    Array.from({ length: count }, async (_, index) => ({
      partNumber: index + 1,
      url: await store.presignUploadPart(key, multipartUploadId, index + 1, { expiresIn: URL_TTL_SECONDS }),
    })),
  );
  return { uploadId: id, key, multipart: { partSize, parts } };
}

export interface ClaimedUpload {
  interactionId: string;
  key: string;
  size: number | null;
  multipartUploadId: string | null;
}

/** The upload a finishing request names; only its starter may finish it. */
export async function claimRecordingUpload(db: Database, input: { uploadId: string; uploadedBy: string }): Promise<ClaimedUpload> {
  const intent = await db
    .selectFrom("storage_intents")
    .select(["interaction_id", "object_key", "size", "multipart_upload_id"])
    .where("interaction_id", "=", input.uploadId)
    .where("created_by", "=", input.uploadedBy)
    .executeTakeFirst();
  if (!intent?.interaction_id || !intent.object_key) {
    throw new DomainError("invalid", "That recording upload does not exist or has expired. Upload the recording again.", {
      uploadId: "Unknown upload",
    });
  }
  return {
    interactionId: intent.interaction_id,
    key: intent.object_key,
    size: intent.size,
    multipartUploadId: intent.multipart_upload_id,
  };
}

/** Drops an upload that will not become an interaction (a duplicate, a refused agent). */
export async function discardUpload(db: Database, store: BlobStore, upload: ClaimedUpload): Promise<void> {
  if (upload.multipartUploadId) await store.abortMultipartUpload(upload.key, upload.multipartUploadId);
  await store.deletePrefix(interactionPrefix(upload.interactionId));
  await db.deleteFrom("storage_intents").where("interaction_id", "=", upload.interactionId).execute();
}
