import { z } from "zod";
import { db } from "../lib/db.server";
import { absoluteUrl } from "../lib/public-origin.server";
import { blobStore } from "../lib/storage.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { getApiInteraction } from "../modules/api/get-api-interaction.server";

const paramsSchema = z.object({ id: z.uuid() });

/** GET /api/v1/interactions/:id — 404 when missing or outside the token user's scope (the same answer). */
export const loader = apiRoute(async ({ request, params }) => {
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  const interaction = parsed.success ? await getApiInteraction(db(), blobStore(), viewer, parsed.data.id) : null;
  if (!interaction) throw new DomainError("not_found", "There is no interaction with this id that this token may see.");
  const recording = interaction.recording && { ...interaction.recording, url: absoluteUrl(interaction.recording.url, request) };
  return apiJson({ ...interaction, recording });
});

export const action = methodNotAllowed(["GET"]);
