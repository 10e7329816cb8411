import { DomainError } from "../lib/errors";
import { apiRoute } from "../modules/api/api-response.server";

/** Unknown /api/v1 paths answer in the API's JSON error format, not with the app's HTML 404 page. */
const notFound = apiRoute(({ request }) => {
  throw new DomainError("not_found", `There is no API endpoint ${request.method} ${new URL(request.url).pathname}. See /api/v1/openapi.json.`);
});

export const loader = notFound;
export const action = notFound;
