import type { Transaction } from "kysely";
import type { DB } from "../../../db/types.generated";
import { DomainError } from "../../lib/errors";
import type { Role } from "./roles";

/** Replaces a user's team links to match their role: agents as members, supervisors as leads. */
export async function setTeamLinks(trx: Transaction<DB>, userId: string, role: Role, teamIds: string[]): Promise<void> {
  await trx.deleteFrom("team_members").where("user_id", "=", userId).execute();
  if (teamIds.length === 0 || (role !== "agent" && role !== "supervisor")) return;
  const found = await trx.selectFrom("teams").select("id").where("id", "in", teamIds).execute();
  if (found.length !== new Set(teamIds).size) {
    throw new DomainError("invalid", "A chosen team no longer exists. Reload the page.", { teamIds: "Unknown team" });
  }
  await trx
    .insertInto("team_members")
    .values([...new Set(teamIds)].map((teamId) => ({ team_id: teamId, user_id: userId, kind: role })))
    .execute();
}
