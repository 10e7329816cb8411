import { apiJson, methodNotAllowed } from "../modules/api/api-response.server";
import { transcriptSchemaDocument } from "../modules/api/transcript-json-schema";

/** GET /api/v1/schemas/transcript.json — public, like the OpenAPI document: it describes a format, it holds no data. */
export function loader() {
  return apiJson(transcriptSchemaDocument(), 200, { "Content-Type": "application/schema+json; charset=utf-8", "Cache-Control": "public, max-age=300" });
}

export const action = methodNotAllowed(["GET"]);
