import type { ServerBuild } from "@remix-run/node";
import { guardRouteHandlers, type RouteHandler } from "./guard-route-handlers";
import { databaseUnavailable } from "../app/lib/errors";
import { errorPage } from "../app/lib/errors.server";
import { isDatabaseUnavailable } from "../db/outage";

/**
 * The Remix build with every loader and action answering a database outage with a 503 error
 * page carrying a message a person understands, instead of Remix's 500 "Unexpected Server
 * Error" and a stack trace per request: one place for pages and their `.data` requests alike.
 * (`Retry-After` is added in app/entry.server.tsx, where the response's headers are made; API
 * routes answer in their JSON shape themselves, see apiRoute.)
 */
export function withOutageAnswers(build: ServerBuild): ServerBuild {
  return guardRouteHandlers(build, guard);
}

function guard<F extends RouteHandler>(handler: F): F {
  const guarded = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      throw errorPage(databaseUnavailable());
    }
  };
  return guarded as F;
}
