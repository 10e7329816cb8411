import { getConfig } from "../../server/config";
import { db } from "../lib/db.server";
import { absoluteUrl } from "../lib/public-origin.server";
import { blobStore } from "../lib/storage.server";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { startUploadSchema } from "../modules/api/api.schema";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { parseOrThrow, readJsonBody } from "../modules/api/read-json.server";
import { toUploadPlanJson } from "../modules/api/upload-plan";
import { startRecordingUpload } from "../modules/interactions/recording-upload.server";

/** POST /api/v1/uploads — presigned URLs for a recording that goes straight to storage (docs/api.md). */
export const action = apiRoute(async ({ request }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:ingest");
  const input = parseOrThrow(startUploadSchema.strict(), await readJsonBody(request, { maxBytes: 64 * 1024 }));
  const plan = await startRecordingUpload(db(), blobStore(), {
    userId: viewer.id,
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    maxBytes: getConfig().MAX_RECORDING_MB * 1024 * 1024,
  });
  return apiJson(toUploadPlanJson(plan, (url) => absoluteUrl(url, request)), 201);
});

export const loader = methodNotAllowed(["POST"]);
