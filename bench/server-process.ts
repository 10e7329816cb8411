/**
 * The app server as a benchmark's child process: what `npm start` runs (the server compiled
 * by `npm run build`, decision 0013), in production mode on a free port with a data folder
 * of its own, waited for until /healthz answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import getPort from "get-port";

export const SERVER_ENTRY = "build/server/index.js";
export const WORKER_ENTRY = "build/server/worker.js";

export interface AppServer {
  process: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

export async function startAppServer({
  env,
  dataDir,
  nodeArgs = [],
  onUnexpectedExit,
  onOutput,
}: {
  /** Settings over the defaults below (JOBS_IN_PROCESS in particular: each bench says where its jobs run). */
  env: Record<string, string>;
  dataDir: string;
  nodeArgs?: string[];
  onUnexpectedExit?: (message: string) => void;
  /** Each line the server writes on stdout (its JSON log), instead of passing them through. */
  onOutput?: (line: string) => void;
}): Promise<AppServer> {
  const port = await getPort({ host: "127.0.0.1" });
  const child = spawn(process.execPath, [...nodeArgs, "--enable-source-maps", SERVER_ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PARLEY_DATA_DIR: dataDir,
      SEED_DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      PUBLIC_URL: "",
      ...env,
    },
    stdio: ["ignore", onOutput ? "pipe" : "inherit", "inherit"],
  });
  if (onOutput && child.stdout) createInterface({ input: child.stdout }).on("line", onOutput);
  let stopping = false;
  child.on("exit", (code, signal) => {
    if (!stopping) onUnexpectedExit?.(`the server (pid ${child.pid}) exited unexpectedly: code ${code}, signal ${signal}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("the server did not become healthy within 120 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    process: child,
    url,
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
