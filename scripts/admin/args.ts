/**
 * The admin command line's grammar: `<group> <verb> [--options]`, parsed by node:util's
 * parseArgs (strict: an unknown or misspelt option is refused, never ignored). Pure, so
 * the help texts and the refusals are tested without a database.
 */
import { parseArgs as parseOptions, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

interface CommandSpec {
  summary: string;
  usage: string;
  options: Options;
  details: string;
}

const passwordStdin = {
  "password-stdin": { type: "boolean" },
} as const satisfies Options;

const specs = {
  "user create": {
    summary: "Add a user (prints a generated password once unless --password-stdin)",
    usage: "user create --email EMAIL --name NAME --role ROLE [--team TEAM]... [--password-stdin]",
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      team: { type: "string", multiple: true },
      ...passwordStdin,
    },
    details: [
      "  --role            admin, qa_lead, qa, supervisor or agent",
      "  --team            a team's name or id; an agent belongs to one team, a supervisor leads any",
      "                    number, other roles none (repeat --team for several)",
      "  --password-stdin  read the password from standard input instead of generating one",
    ].join("\n"),
  },
  "user set-password": {
    summary: "Give a user a new password and sign them out everywhere",
    usage: "user set-password --email EMAIL [--password-stdin]",
    options: { email: { type: "string" }, ...passwordStdin },
    details: "  --password-stdin  read the password from standard input instead of generating one",
  },
  "user deactivate": {
    summary: "Deactivate a user: ends their sessions and revokes their API tokens",
    usage: "user deactivate --email EMAIL",
    options: { email: { type: "string" } },
    details: "",
  },
  "token create": {
    summary: "Make an API token for a user (printed once)",
    usage: "token create --user EMAIL --name NAME",
    options: { user: { type: "string" }, name: { type: "string" } },
    details: "  --name  what the token is for, e.g. the system that will use it",
  },
  "rollups rebuild": {
    summary: "Recompute every report row and roll-up from the submitted evaluations",
    usage: "rollups rebuild",
    options: {},
    details: [
      "  Reads each submitted review's current revision, its conversation (agent, team, channel,",
      "  queue) and the organisation's time zone as they are now. Run it after changing the time",
      "  zone or moving conversations between teams. Submits wait while it runs (minutes at a",
      "  million evaluations); the figures are the same as the incremental ones otherwise.",
    ].join("\n"),
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof specs;
const commandNames = Object.keys(specs) as CommandName[];

export type Command =
  | { name: "help"; text: string }
  | { name: "user create"; email: string; userName: string; role: string; teams: string[]; passwordFromStdin: boolean }
  | { name: "user set-password"; email: string; passwordFromStdin: boolean }
  | { name: "user deactivate"; email: string }
  | { name: "token create"; email: string; tokenName: string }
  | { name: "rollups rebuild" };

export const usage = [
  "Usage: npm run admin -- <command> [options]",
  "",
  "Commands:",
  ...commandNames.map((name) => `  ${name.padEnd(19)} ${specs[name].summary}`),
  "",
  "`npm run admin -- <command> --help` shows a command's options.",
  "Works against DATABASE_URL; without it, against the embedded PostgreSQL in PARLEY_DATA_DIR",
  "(beside a running `npm start`, or started for the command when no server runs).",
  "Exit codes: 0 done, 1 failed (e.g. no database), 2 bad input (nothing was written).",
].join("\n");

export function commandUsage(name: CommandName): string {
  const spec: CommandSpec = specs[name];
  return [`Usage: npm run admin -- ${spec.usage}`, "", spec.summary + ".", ...(spec.details ? ["", spec.details] : [])].join("\n");
}

/** The command `argv` asks for; throws UsageError (exit code 2) on anything it cannot run. */
export function parseArgs(argv: string[]): Command {
  if (argv.length === 0 || (argv.length === 1 && isHelp(argv[0]))) return { name: "help", text: usage };
  const [group = "", verb = "", ...rest] = argv;
  const name = `${group} ${verb}` as CommandName;
  if (!commandNames.includes(name)) {
    const known = commandNames.filter((candidate) => candidate.startsWith(`${group} `));
    if (known.length && (verb === "" || isHelp(verb))) {
      return { name: "help", text: known.map((command) => commandUsage(command)).join("\n\n") };
    }
    throw new UsageError(`Unknown command "${argv.slice(0, 2).join(" ")}".`);
  }
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    const options: Options = { ...specs[name].options, help: { type: "boolean", short: "h" } };
    ({ values, positionals } = parseOptions({ args: rest, options, strict: true, allowPositionals: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${commandUsage(name)}`);
  }
  if (values.help) return { name: "help", text: commandUsage(name) };
  if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".\n\n${commandUsage(name)}`);
  const required = (option: string): string => {
    const value = values[option];
    if (typeof value !== "string" || value.trim() === "") {
      throw new UsageError(`--${option} is required.\n\n${commandUsage(name)}`);
    }
    return value;
  };
  switch (name) {
    case "user create":
      return {
        name,
        email: required("email"),
        userName: required("name"),
        role: required("role"),
        teams: (values.team as string[] | undefined) ?? [],
        passwordFromStdin: values["password-stdin"] === true,
      };
    case "user set-password":
      return { name, email: required("email"), passwordFromStdin: values["password-stdin"] === true };
    case "user deactivate":
      return { name, email: required("email") };
    case "token create":
      return { name, email: required("user"), tokenName: required("name") };
    case "rollups rebuild":
      return { name };
  }
}

const isHelp = (arg: string | undefined) => arg === "--help" || arg === "-h" || arg === "help";
