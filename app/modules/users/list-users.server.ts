import type { Database } from "../../lib/db.server";
import { scopeUsers } from "../access/user-scope.server";
import type { Role, Viewer } from "./roles";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  teams: { id: string; name: string; kind: "agent" | "supervisor" }[];
}

export interface UserListQuery {
  search?: string;
  role?: Role;
  status: "active" | "inactive" | "all";
  /** Keyset cursor: the last (name, id) of the previous page. */
  after?: { name: string; id: string };
  limit: number;
}

/**
 * Users by name, keyset-paged (`limit + 1` fetched to know if more follow), within the
 * viewer's user scope (access/user-scope.server.ts): every account for the admin list, the
 * workforce for a QA lead (the import page's active agents).
 */
export async function listUsers(db: Database, viewer: Viewer, query: UserListQuery): Promise<{ users: UserRow[]; hasMore: boolean }> {
  let q = scopeUsers(db.selectFrom("users"), viewer)
    .select(["id", "name", "email", "role", "active"])
    .orderBy("name")
    .orderBy("id")
    .limit(query.limit + 1);
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("name", "ilike", pattern), eb("email", "ilike", pattern)]));
  }
  if (query.role) q = q.where("role", "=", query.role);
  if (query.status !== "all") q = q.where("active", "=", query.status === "active");
  const after = query.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([eb("name", ">", after.name), eb.and([eb("name", "=", after.name), eb("id", ">", after.id)])]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const teams = page.length
    ? await db
        .selectFrom("team_members")
        .innerJoin("teams", "teams.id", "team_members.team_id")
        .select(["team_members.user_id", "teams.id", "teams.name", "team_members.kind"])
        .where(
          "team_members.user_id",
          "in",
          page.map((row) => row.id),
        )
        .orderBy("teams.name")
        .execute()
    : [];
  return {
    users: page.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role as Role,
      active: row.active,
      teams: teams
        .filter((team) => team.user_id === row.id)
        .map((team) => ({ id: team.id, name: team.name, kind: team.kind as "agent" | "supervisor" })),
    })),
    hasMore: rows.length > query.limit,
  };
}

/** One account, or null when it does not exist or is outside the viewer's user scope. */
export async function getUser(db: Database, viewer: Viewer, id: string): Promise<UserRow | null> {
  const row = await scopeUsers(db.selectFrom("users"), viewer)
    .select(["id", "name", "email", "role", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const teams = await db
    .selectFrom("team_members")
    .innerJoin("teams", "teams.id", "team_members.team_id")
    .select(["teams.id", "teams.name", "team_members.kind"])
    .where("team_members.user_id", "=", id)
    .orderBy("teams.name")
    .execute();
  return {
    ...row,
    role: row.role as Role,
    teams: teams.map((team) => ({ id: team.id, name: team.name, kind: team.kind as "agent" | "supervisor" })),
  };
}
