import type { SelectQueryBuilder } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Viewer } from "../users/roles";
import { can } from "./permissions";

/** API tokens: a person sees their own; `api-tokens:manage` (admins) sees everyone's, to revoke them. */
export function scopeApiTokens<O>(query: SelectQueryBuilder<DB, "api_tokens", O>, viewer: Viewer): SelectQueryBuilder<DB, "api_tokens", O> {
  return can(viewer, "api-tokens:manage") ? query : query.where("api_tokens.user_id", "=", viewer.id);
}
