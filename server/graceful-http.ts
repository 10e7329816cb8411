import type { Server, ServerResponse } from "node:http";
import net from "node:net";

export interface Drain {
  /**
   * Stops accepting connections, finishes the requests in flight and closes every connection.
   * Resolves true when all closed by `deadline` (epoch ms); false when some had to be cut.
   */
  close(deadline: number): Promise<boolean>;
}

/**
 * Closing an HTTP server under keep-alive load. `server.close()` alone closes the connections
 * idle at that instant and then waits, while busy keep-alive connections go on serving request
 * after request until the process is killed. Here, once closing:
 * - every response (those in flight, and requests that still arrive on open connections) says
 *   `Connection: close`, so each client closes its connection after its answer;
 * - connections with no request are closed, but only after two turns of the event loop: a
 *   request whose bytes reached the machine just before the signal is read by then, and its
 *   connection is no longer idle, so it is answered instead of cut;
 * - a response whose headers went out before (saying keep-alive) is followed, once finished, by
 *   the same closing of idle connections.
 */
export function drainable(server: Server): Drain {
  let closing = false;
  const inFlight = new Set<ServerResponse>();

  const closeIdleSoon = () => setImmediate(() => setImmediate(() => server.closeIdleConnections()));

  server.prependListener("request", (_req, res) => {
    if (closing) res.setHeader("Connection", "close");
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    res.on("finish", () => {
      if (closing) closeIdleSoon();
    });
  });

  return {
    async close(deadline) {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      // net.Server's close: stop listening without http.Server#close's immediate
      // closeIdleConnections(), which would cut requests not yet read (see above).
      const closed = new Promise<void>((resolve) => {
        net.Server.prototype.close.call(server, () => resolve());
      });
      closeIdleSoon();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()));
      });
      const cut = await Promise.race([closed.then(() => false), timedOut]);
      clearTimeout(timer);
      if (cut) {
        server.closeAllConnections();
        await closed;
      }
      return !cut;
    },
  };
}
