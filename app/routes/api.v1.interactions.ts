import { getConfig } from "../../server/config";
import { db } from "../lib/db.server";
import { blobStore } from "../lib/storage.server";
import { apiJson, apiRoute, assertMethod } from "../modules/api/api-response.server";
import { ingestRequestSchema, listQuerySchema, type InteractionSummaryJson } from "../modules/api/api.schema";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { listApiInteractions } from "../modules/api/list-api-interactions.server";
import { parseOrThrow, readJsonBody, transcriptContentPath } from "../modules/api/read-json.server";
import { importInteraction } from "../modules/interactions/import-interaction.server";

/** GET /api/v1/interactions — the token user's interactions, newest first, keyset-paged. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "interactions:view");
  const query = parseOrThrow(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  const page: { items: InteractionSummaryJson[]; nextCursor: string | null } = await listApiInteractions(db(), viewer, query);
  return apiJson(page);
});

/** POST /api/v1/interactions — import one interaction: 201 created, 200 duplicate. */
export const action = apiRoute(async ({ request }) => {
  assertMethod(request, ["POST"], ["GET", "POST"]);
  const viewer = await requireApiViewer(request, "interactions:ingest");
  const maxTranscriptBytes = getConfig().MAX_TRANSCRIPT_MB * 1024 * 1024;
  const body = await readJsonBody(request, { maxBytes: maxTranscriptBytes + 1024 * 1024, nulReadBy: transcriptContentPath });
  const input = parseOrThrow(ingestRequestSchema, body);
  const result = await importInteraction(db(), blobStore(), viewer, input, { maxTranscriptBytes });
  if (result.status === "duplicate") return apiJson({ id: result.id, status: "duplicate" }, 200);
  return apiJson({ id: result.id, status: "created", warnings: result.warnings }, 201, { Location: `/api/v1/interactions/${result.id}` });
});
