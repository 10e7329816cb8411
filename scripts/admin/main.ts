import { ConfigError, parseConfig } from "../../server/config";
import { parseArgs, UsageError, type Command } from "./args";
import { InputError, runCommand } from "./commands";
import { connect, ConnectionError, type Connection } from "./connect";

/** Exit codes: 0 done, 1 failed (no database, a bug), 2 bad input (nothing written). */
const fail = (message: string, code: 1 | 2): never => {
  console.error(`admin: ${message}`);
  process.exit(code);
};

let command: Command;
try {
  command = parseArgs(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) fail(`${error.message}\n\nRun \`npm run admin -- --help\` for the commands.`, 2);
  throw error;
}
if (command.name === "help") {
  console.log(command.text);
  process.exit(0);
}

let config;
try {
  config = parseConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 1);
  throw error;
}

let connection: Connection | null = null;
let exitCode = 0;
try {
  connection = await connect(config);
  console.log(`Using ${connection.description}.`);
  await runCommand(connection.db, command, { out: (line) => console.log(line), readPassword });
} catch (error) {
  if (error instanceof InputError) {
    console.error(`admin: ${error.message}`);
    exitCode = 2;
  } else if (error instanceof ConnectionError) {
    console.error(`admin: ${error.message}`);
    exitCode = 1;
  } else {
    console.error(error);
    exitCode = 1;
  }
} finally {
  await connection?.close();
}
process.exit(exitCode);

/** `--password-stdin`: everything on standard input, less one trailing line break. */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError("--password-stdin reads a piped password, e.g. `printf %s \"$PW\" | npm run admin -- …`.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
