/**
 * The admin command line (`npm run admin`, scripts/admin/) as a child process against real
 * PostgreSQL: each command through the app's use cases, recorded in the audit log as the
 * named system actor; bad input exits with code 2 and writes nothing; and, on the embedded
 * defaults, beside a booted server (through its connection file) and with no server running.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../app/lib/db.server";
import { authenticateApiToken } from "../app/modules/api-tokens/authenticate-api-token.server";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import { verifyPassword } from "../app/modules/auth/password.server";
import { createDb } from "../db/client";
import { connectionFileFor } from "../db/embedded-connection";
import { getConfig } from "../server/config";
import { submittedReviewWorld } from "./evaluation-fixtures";
import { seedTeam, seedUser } from "./factories";
import { postgresScratchFolder } from "./support/postgres-setup";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function admin(args: string[], { stdin, env }: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/admin/cli.ts", ...args], {
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: getConfig().DATABASE_URL, LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? "");
  return once(child, "exit").then(([code]) => ({ code: code as number, stdout, stderr }));
}

const unique = () => Math.random().toString(36).slice(2, 8);

const userByEmail = (email: string) =>
  db().selectFrom("users").select(["id", "name", "role", "active", "password_hash"]).where("email", "=", email).executeTakeFirst();

const auditOf = (entityId: string) =>
  db().selectFrom("audit_log").select(["actor_id", "actor_system", "action", "after"]).where("entity_id", "=", entityId).orderBy("id").execute();

const countRows = async () => {
  const [users, audit, tokens] = (await Promise.all(
    (["users", "audit_log", "api_tokens"] as const).map((table) =>
      db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ),
  )).map((row) => row.n);
  return { users, audit, tokens };
};

describe("npm run admin", () => {
  it("lists its commands with --help, and each command's options with <command> --help", async () => {
    const help = await admin(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["user create", "user set-password", "user deactivate", "token create", "rollups rebuild"]) expect(help.stdout).toContain(command);
    const tokenHelp = await admin(["token", "create", "--help"]);
    expect(tokenHelp.code).toBe(0);
    expect(tokenHelp.stdout).toContain("Usage: npm run admin -- token create --user EMAIL --name NAME");
  });

  it("rollups rebuild: recomputes the roll-ups from the rows, says how many it read, audits as admin-cli", async () => {
    const w = await submittedReviewWorld();
    const rollup = () => db().selectFrom("rollup_daily").select(["n", "sum_score"]).where("scorecard_id", "=", w.scorecard.id).execute();
    expect(await rollup()).toEqual([{ n: 1, sum_score: 71.9 }]);
    await db().deleteFrom("rollup_daily").execute();
    const run = await admin(["rollups", "rebuild"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt the report roll-ups from \d+ evaluations and \d+ question results in \d+\.\d s\./);
    expect(await rollup()).toEqual([{ n: 1, sum_score: 71.9 }]);
    expect(await auditOf("all")).toContainEqual(expect.objectContaining({ actor_id: null, actor_system: "admin-cli", action: "rollups.rebuild" }));
  }, 60_000);

  it("user create: makes the user with their team, prints a generated password once, audits as admin-cli", async () => {
    const team = await seedTeam();
    const email = `cli.${unique()}@example.test`;
    const run = await admin(["user", "create", "--email", email, "--name", "Ana Agent", "--role", "agent", "--team", team.name]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const password = run.stdout.trim().split("\n").at(-1) ?? "";
    expect(password).toMatch(/^[\w-]{24}$/);
    const user = await userByEmail(email);
    expect(user).toMatchObject({ name: "Ana Agent", role: "agent", active: true });
    expect(await verifyPassword(user!.password_hash, password)).toBe(true);
    const teams = await db().selectFrom("team_members").select("team_id").where("user_id", "=", user!.id).execute();
    expect(teams).toEqual([{ team_id: team.id }]);
    expect(await auditOf(user!.id)).toEqual([
      { actor_id: null, actor_system: "admin-cli", action: "user.create", after: { name: "Ana Agent", email, role: "agent", teamIds: [team.id] } },
    ]);
  });

  it("user create --password-stdin takes the password from standard input and prints none", async () => {
    const email = `cli.${unique()}@example.test`;
    const run = await admin(["user", "create", "--email", email, "--name", "Quinn", "--role", "qa", "--password-stdin"], { stdin: "a long enough secret\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("a long enough secret");
    expect(run.stdout).not.toContain("Password");
    const user = await userByEmail(email);
    expect(await verifyPassword(user!.password_hash, "a long enough secret")).toBe(true);
  });

  it("refuses bad input with exit code 2 and a message, writing nothing", async () => {
    const taken = await seedUser("qa");
    const [teamA, teamB] = [await seedTeam(), await seedTeam()];
    const before = await countRows();
    const email = `cli.${unique()}@example.test`;
    const cases: Array<[string[], string, string?]> = [
      [["user", "create", "--email", email, "--name", "X", "--role", "boss"], "--role: Choose a role from the list"],
      [["user", "create", "--email", "not-an-email", "--name", "X", "--role", "qa"], "--email: Enter an email address"],
      [["user", "create", "--email", taken.email.toUpperCase(), "--name", "X", "--role", "qa"], "That email is already in use."],
      [["user", "create", "--email", email, "--name", "X", "--role", "agent", "--team", teamA.id, "--team", teamB.name], "An agent belongs to one team"],
      [["user", "create", "--email", email, "--name", "X", "--role", "agent", "--team", "No such team"], '--team: no team "No such team".'],
      [["user", "create", "--email", email, "--name", "X", "--role", "qa", "--password-stdin"], "--password: Password must be at least 10 characters", "short"],
      [["user", "create", "--email", email, "--role", "qa"], "--name is required."],
      [["user", "create", "--email", email, "--name", "X", "--role", "qa", "--admin"], "Unknown option '--admin'"],
      [["user", "set-password", "--email", `nobody.${unique()}@example.test`], "No user has the email"],
      [["user", "set-password", "--email", taken.email, "--password-stdin"], "Password must be at least 10 characters", "short"],
      [["user", "deactivate", "--email", `nobody.${unique()}@example.test`], "No user has the email"],
      [["token", "create", "--user", taken.email, "--name", "CRM"], "only admins and QA leads hold API tokens"],
      [["token", "create", "--user", taken.email, "--name", "   "], "--name is required."],
      [["reports", "purge"], 'Unknown command "reports purge"'],
      [["rollups", "rebuild", "--all"], "Unknown option '--all'"],
    ];
    // Three at a time: each is a process start, and none of them writes.
    for (let i = 0; i < cases.length; i += 3) {
      await Promise.all(
        cases.slice(i, i + 3).map(async ([args, message, stdin]) => {
          const run = await admin(args, { stdin });
          expect({ args, code: run.code }).toEqual({ args, code: 2 });
          expect(run.stderr).toContain(message);
        }),
      );
    }
    expect(await countRows()).toEqual(before);
    const unchanged = await userByEmail(taken.email);
    expect(await verifyPassword(unchanged!.password_hash, taken.password)).toBe(true);
  }, 120_000);

  it("user set-password: the new password works, the old one and every session end", async () => {
    const user = await seedUser("supervisor");
    await db().insertInto("sessions").values({ user_id: user.id, token_hash: `h${unique()}`, csrf_token: "c", expires_at: new Date(Date.now() + 3_600_000) }).execute();
    const run = await admin(["user", "set-password", "--email", user.email, "--password-stdin"], { stdin: "brand new passphrase" });
    expect(run.code).toBe(0);
    const row = await userByEmail(user.email);
    expect(await verifyPassword(row!.password_hash, "brand new passphrase")).toBe(true);
    expect(await verifyPassword(row!.password_hash, user.password)).toBe(false);
    expect(await db().selectFrom("sessions").select("token_hash").where("user_id", "=", user.id).execute()).toEqual([]);
    expect(await auditOf(user.id)).toContainEqual({ actor_id: null, actor_system: "admin-cli", action: "user.set_password", after: null });
  });

  it("user deactivate: the user is inactive and their tokens are revoked", async () => {
    const lead = await seedUser("qa_lead");
    const { token } = await createApiToken(db(), lead, "CRM");
    const run = await admin(["user", "deactivate", "--email", lead.email]);
    expect(run.code).toBe(0);
    expect((await userByEmail(lead.email))!.active).toBe(false);
    await expect(authenticateApiToken(db(), `Bearer ${token}`)).rejects.toThrow("That API token belongs to a deactivated user.");
    const tokens = await db().selectFrom("api_tokens").select("revoked_at").where("user_id", "=", lead.id).execute();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.revoked_at).toBeInstanceOf(Date);
    expect(await auditOf(lead.id)).toContainEqual({ actor_id: null, actor_system: "admin-cli", action: "user.deactivate", after: { active: false, revokedTokens: 1 } });
  });

  it("token create: prints a token once that authenticates as its owner", async () => {
    const lead = await seedUser("qa_lead");
    const run = await admin(["token", "create", "--user", lead.email, "--name", "Recorder sync"]);
    expect(run.code).toBe(0);
    const token = run.stdout.trim().split("\n").at(-1) ?? "";
    expect((await authenticateApiToken(db(), `Bearer ${token}`)).id).toBe(lead.id);
    const [row] = await db().selectFrom("api_tokens").select(["id", "name", "token_hash"]).where("user_id", "=", lead.id).execute();
    expect(row).toMatchObject({ name: "Recorder sync" });
    expect(row!.token_hash).not.toContain(token);
    expect(await auditOf(row!.id)).toEqual([{ actor_id: null, actor_system: "admin-cli", action: "api_token.create", after: { name: "Recorder sync" } }]);
  });
});

describe("npm run admin on the embedded defaults", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
  });

  it("works beside a running server through its 0600 connection file, and starts the database itself when none runs", async () => {
    const dataDir = await postgresScratchFolder("parley-admin-");
    dirs.push(dataDir);
    const s3 = getConfig();
    const env = {
      DATABASE_URL: undefined,
      PARLEY_DATA_DIR: dataDir,
      S3_ENDPOINT: s3.S3_ENDPOINT,
      S3_ACCESS_KEY_ID: s3.S3_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: s3.S3_SECRET_ACCESS_KEY,
      S3_BUCKET: s3.S3_BUCKET,
    };
    const server = spawn(process.execPath, ["--import", "tsx", "test/support/embedded-server-process.ts"], {
      env: { ...process.env, ...env, NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: undefined },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = once(server, "exit");
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
        void exited.then(() => reject(new Error("the server process exited before it was ready")));
      });
      const file = connectionFileFor(dataDir);
      expect((await fs.stat(file)).mode & 0o777).toBe(0o600);

      const email = `beside.${unique()}@example.test`;
      const run = await admin(["user", "create", "--email", email, "--name", "Ada Admin", "--role", "admin"], { env });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("the server running in");

      const { url } = JSON.parse(await fs.readFile(file, "utf8")) as { url: string };
      const serverDb = createDb({ connectionString: url, max: 1 });
      try {
        const created = await serverDb.selectFrom("users").select("role").where("email", "=", email).execute();
        expect(created).toEqual([{ role: "admin" }]);
      } finally {
        await serverDb.destroy();
      }

      server.kill("SIGTERM");
      await exited;
      await expect(fs.stat(file)).rejects.toThrow("ENOENT");

      const alone = await admin(["user", "set-password", "--email", email, "--password-stdin"], { env, stdin: "set while stopped" });
      expect(alone.stderr).toBe("");
      expect(alone.code).toBe(0);
      expect(alone.stdout).toContain("started for this command");
    } finally {
      server.kill("SIGTERM");
    }
  }, 180_000);
});
