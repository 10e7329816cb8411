import type { Database } from "../../lib/db.server";
import { reviewerRoles } from "./reviewer-loads.server";

export interface PersonOption {
  id: string;
  name: string;
}

/** Who work can be assigned to: active QA specialists and QA leads, by name. */
export async function listReviewers(db: Database): Promise<PersonOption[]> {
  return db.selectFrom("users").select(["id", "name"]).where("role", "in", reviewerRoles).where("active", "=", true).orderBy("name").execute();
}
