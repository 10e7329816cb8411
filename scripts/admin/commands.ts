/**
 * Each admin command runs the app's own use case (create-user, set-user-password,
 * setUserActive, create-api-token, rebuild-rollups) as the named system actor "admin-cli", so the audit
 * log says the command line did it. This file only turns emails and team names into the
 * ids those use cases take, and their refusals into exit code 2.
 */
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/client";
import { DomainError } from "../../app/lib/errors";
import { createApiToken } from "../../app/modules/api-tokens/create-api-token.server";
import { apiTokenNameSchema } from "../../app/modules/api-tokens/api-token.schema";
import { adminCommandLine } from "../../app/modules/access/actor";
import { rebuildRollups } from "../../app/modules/reports/rebuild-rollups.server";
import { createUser } from "../../app/modules/users/create-user.server";
import { can } from "../../app/modules/access/permissions";
import type { Role, Viewer } from "../../app/modules/users/roles";
import { setUserPassword } from "../../app/modules/users/set-user-password.server";
import { setUserActive } from "../../app/modules/users/update-user.server";
import { createUserSchema } from "../../app/modules/users/user.schema";
import type { Command } from "./args";

/** Bad input: the message is shown, the process exits with code 2, nothing was written. */
export class InputError extends Error {
  override name = "InputError";
}

export interface Io {
  out(line: string): void;
  /** The password given on standard input (`--password-stdin`). */
  readPassword(): Promise<string>;
}

type RunnableCommand = Exclude<Command, { name: "help" }>;

export async function runCommand(db: Database, command: RunnableCommand, io: Io): Promise<void> {
  try {
    await dispatch(db, command, io);
  } catch (error) {
    // The use cases refuse with DomainError before they write (a transaction rolls back).
    if (error instanceof DomainError && ["invalid", "not_found", "forbidden", "conflict", "bad_request"].includes(error.code)) {
      throw new InputError(describe(error));
    }
    throw error;
  }
}

async function dispatch(db: Database, command: RunnableCommand, io: Io): Promise<void> {
  switch (command.name) {
    case "user create": {
      const { password, generated } = await choosePassword(command.passwordFromStdin, io);
      const parsed = createUserSchema.safeParse({
        name: command.userName,
        email: command.email,
        role: command.role,
        teamIds: await teamIds(db, command.teams),
        password,
      });
      if (!parsed.success) throw new InputError(parsed.error.issues.map((issue) => `--${optionOf(issue.path[0])}: ${issue.message}`).join("\n"));
      const { id } = await createUser(db, adminCommandLine, parsed.data);
      io.out(`Created ${parsed.data.role} ${parsed.data.email} (${id}).`);
      if (generated) printOnce(io, "Password", password);
      return;
    }
    case "user set-password": {
      const user = await findUser(db, command.email);
      const { password, generated } = await choosePassword(command.passwordFromStdin, io);
      await setUserPassword(db, adminCommandLine, user.id, password);
      io.out(`New password set for ${user.email}; their sessions have ended.`);
      if (generated) printOnce(io, "Password", password);
      return;
    }
    case "user deactivate": {
      const user = await findUser(db, command.email);
      if (!user.active) {
        io.out(`${user.email} was already deactivated.`);
        return;
      }
      await setUserActive(db, adminCommandLine, user.id, false);
      io.out(`Deactivated ${user.email}: their sessions have ended and their API tokens are revoked.`);
      return;
    }
    case "token create": {
      const name = apiTokenNameSchema.safeParse({ name: command.tokenName });
      if (!name.success) throw new InputError(`--name: ${name.error.issues[0]?.message ?? "not valid"}`);
      const owner = await findUser(db, command.email);
      if (!owner.active) throw new InputError(`${owner.email} is deactivated; a token of theirs would not work.`);
      // The same rule as Settings → API tokens: whoever may ingest interactions may hold tokens.
      if (!can(owner, "interactions:ingest")) throw new InputError(`${owner.email} is a ${owner.role}; only admins and QA leads hold API tokens.`);
      const { token, prefix } = await createApiToken(db, owner, name.data.name, adminCommandLine);
      io.out(`Created API token "${name.data.name}" (${prefix}…) for ${owner.email}.`);
      printOnce(io, "Token", token);
      return;
    }
    case "rollups rebuild": {
      const outcome = await rebuildRollups(db, adminCommandLine);
      io.out(`Rebuilt the report roll-ups from ${outcome.evaluations} evaluations and ${outcome.questionRows} question results in ${(outcome.ms / 1000).toFixed(1)} s.`);
      io.out(`CSAT re-read from metadata with the current mapping: ${outcome.csatChanged} conversations changed.`);
      return;
    }
  }
}

function printOnce(io: Io, label: string, secret: string): void {
  io.out(`${label} (shown only this once; it is not stored in clear):`);
  io.out(secret);
}

async function choosePassword(fromStdin: boolean, io: Io): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await io.readPassword(), generated: false };
  // 18 random bytes: 24 URL-safe characters, far past the minimum length.
  return { password: randomBytes(18).toString("base64url"), generated: true };
}

async function findUser(db: Database, email: string): Promise<Viewer & { active: boolean }> {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user) throw new InputError(`No user has the email ${email}.`);
  const teams = await db.selectFrom("team_members").select("team_id").where("user_id", "=", user.id).execute();
  return { ...user, role: user.role as Role, teamIds: teams.map((team) => team.team_id) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `--team` takes a team's name (as the app shows it) or its id. */
async function teamIds(db: Database, teams: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const team of teams) {
    const found = await db
      .selectFrom("teams")
      .select("id")
      .where((eb) => (UUID.test(team) ? eb("id", "=", team) : eb(eb.fn("lower", ["name"]), "=", team.trim().toLowerCase())))
      .executeTakeFirst();
    if (!found) throw new InputError(`--team: no team "${team}".`);
    ids.push(found.id);
  }
  return ids;
}

const optionOf = (field: PropertyKey | undefined) => (field === "teamIds" ? "team" : String(field));

function describe(error: DomainError): string {
  const fields = Object.entries(error.fieldErrors).map(([field, message]) => `--${optionOf(field)}: ${message}`);
  return [error.message, ...fields.filter((line) => !line.endsWith(error.message))].join("\n");
}
