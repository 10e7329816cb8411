/**
 * Stopping the server under load: 200 clients on keep-alive connections ask the API for the
 * conversation list without pause; SIGTERM comes while many of their requests are in flight.
 * Every request sent before the signal is answered in full, answers given while stopping tell
 * the client to close its connection, the job runner and the pool are closed, and the process
 * exits 0 within SHUTDOWN_GRACE_SECONDS.
 */
import http from "node:http";
import { once } from "node:events";
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer } from "./support/own-server";

const CLIENTS = 200;
const GRACE_SECONDS = 10;

interface Outcome {
  sentAt: number;
  status?: number;
  connection?: string;
  /** The body arrived in full (its length as announced, or up to the end of a chunked body). */
  complete: boolean;
  error?: string;
}

let own: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  own = await startOwnServer({ SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
});

test.afterAll(async () => {
  await own?.dispose();
});

test("SIGTERM under keep-alive load finishes the requests in flight, closes the runner and the pool, and exits 0 in time", async () => {
  test.setTimeout(120_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const outcomes: Outcome[] = [];
  let inFlight = 0;
  let stopping = false;

  const get = () =>
    new Promise<Outcome>((resolve) => {
      const outcome: Outcome = { sentAt: Number.POSITIVE_INFINITY, complete: false };
      inFlight++;
      const done = () => {
        inFlight--;
        resolve(outcome);
      };
      const request = http.get(`${own.server.url}/api/v1/interactions`, { agent, headers: { Authorization: `Bearer ${own.apiToken}` } }, (response) => {
        outcome.status = response.statusCode;
        outcome.connection = response.headers.connection;
        response.on("data", () => {});
        response.on("end", () => {
          outcome.complete = response.complete;
          done();
        });
        response.on("error", (error) => {
          outcome.error = error.message;
          done();
        });
      });
      // The request is on the wire once written to its socket.
      request.on("finish", () => (outcome.sentAt = performance.now()));
      request.on("error", (error) => {
        outcome.error = (error as NodeJS.ErrnoException).code ?? error.message;
        done();
      });
    });

  const client = async () => {
    for (;;) {
      const outcome = await get();
      outcomes.push(outcome);
      // Refused or closed once the server has stopped listening: this client is done.
      if (outcome.error && stopping) return;
      if (outcome.error) throw new Error(`a request failed before the shutdown: ${outcome.error}`);
    }
  };

  const clients = Array.from({ length: CLIENTS }, client);
  // Warmed up: the clients have been answered on their keep-alive connections.
  await expect.poll(() => outcomes.length, { timeout: 60_000 }).toBeGreaterThan(CLIENTS * 2);
  await expect.poll(() => inFlight, { timeout: 10_000 }).toBeGreaterThanOrEqual(CLIENTS / 2);

  stopping = true;
  const signalledAt = performance.now();
  const inFlightAtSignal = inFlight;
  // "close": the process has exited and its output has been read to the end.
  const exited = once(own.server.process, "close") as Promise<[number | null, NodeJS.Signals | null]>;
  own.server.process.kill("SIGTERM");
  const [code, signal] = await exited;
  const exitSeconds = (performance.now() - signalledAt) / 1000;
  await Promise.all(clients);
  agent.destroy();

  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(exitSeconds).toBeLessThan(GRACE_SECONDS);
  expect(inFlightAtSignal).toBeGreaterThanOrEqual(CLIENTS / 2);

  // Everything sent before the signal was answered, in full.
  const before = outcomes.filter((outcome) => outcome.sentAt < signalledAt);
  expect(before.filter((outcome) => outcome.error !== undefined || outcome.status !== 200 || !outcome.complete)).toEqual([]);
  // No answer was cut in the middle, before or after the signal.
  expect(outcomes.filter((outcome) => outcome.status !== undefined && !outcome.complete)).toEqual([]);
  // Busy connections were told to close with their answer (most requests in flight at the
  // signal had not been answered yet; a few were answered before the server saw the signal).
  expect(outcomes.filter((outcome) => outcome.connection === "close").length).toBeGreaterThanOrEqual(inFlightAtSignal / 2);

  // The job runner and the pool were closed, in that order, before the exit.
  const order = ["shutting down", "HTTP server closed", "job runner stopped", "database pool and storage closed; stopped"];
  expect(own.lines.map((line) => line.msg).filter((message) => order.includes(message))).toEqual(order);
  // The runner took its heartbeat with it; no connection of the server is left.
  expect(await own.query("SELECT id FROM job_runners")).toEqual([]);
  expect(await own.query("SELECT pid FROM pg_stat_activity WHERE datname = 'parley' AND pid <> pg_backend_pid()")).toEqual([]);
});
