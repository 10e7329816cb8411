import { apiJson, methodNotAllowed } from "../modules/api/api-response.server";
import { openApiDocument } from "../modules/api/openapi";

/** GET /api/v1/openapi.json — public: it describes the API, it holds no data. */
export function loader() {
  return apiJson(openApiDocument(), 200, { "Cache-Control": "public, max-age=300" });
}

export const action = methodNotAllowed(["GET"]);
