import { getConfig } from "../../server/config";
import { db } from "../lib/db.server";
import { blobStore } from "../lib/storage.server";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { batchEnvelopeSchema } from "../modules/api/api.schema";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { importInteractionBatch } from "../modules/api/import-batch.server";
import { parseOrThrow, readJsonBody, transcriptContentPath } from "../modules/api/read-json.server";

/** Imports in flight per batch call, leaving pooled connections for other requests. */
const concurrency = () => Math.max(2, getConfig().DATABASE_POOL_MAX - 2);

/** POST /api/v1/interactions/batch — up to 500 imports, each succeeding or failing on its own. */
export const action = apiRoute(async ({ request }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:ingest");
  const maxTranscriptBytes = getConfig().MAX_TRANSCRIPT_MB * 1024 * 1024;
  const body = await readJsonBody(request, { maxBytes: maxTranscriptBytes + 1024 * 1024, nulReadBy: transcriptContentPath });
  const { interactions } = parseOrThrow(batchEnvelopeSchema, body);
  const result = await importInteractionBatch(db(), blobStore(), viewer, interactions, { maxTranscriptBytes, concurrency: concurrency() });
  return apiJson(result);
});

export const loader = methodNotAllowed(["POST"]);
