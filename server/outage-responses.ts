import { data, type ActionFunction, type LoaderFunction, type ServerBuild } from "@remix-run/node";
import { databaseUnavailable } from "../app/lib/errors";
import { isDatabaseUnavailable } from "../db/outage";

type RouteModule = ServerBuild["routes"][string]["module"];

/**
 * The Remix build with every loader and action answering a database outage with a 503 error
 * page carrying a message a person understands, instead of Remix's 500 "Unexpected Server
 * Error" and a stack trace per request: one place for pages and their `.data` requests alike.
 * (`Retry-After` is added in app/entry.server.tsx, where the response's headers are made; API
 * routes answer in their JSON shape themselves, see apiRoute.)
 */
export function withOutageAnswers(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    routes[id] = { ...route, module: guardModule(route.module) };
  }
  return { ...build, routes };
}

function guardModule(module: RouteModule): RouteModule {
  const { loader, action } = module;
  return {
    ...module,
    ...(loader ? { loader: guard(loader) } : {}),
    ...(action ? { action: guard(action) } : {}),
  };
}

function guard<F extends LoaderFunction | ActionFunction>(handler: F): F {
  const guarded = async (args: Parameters<F>[0]) => {
    try {
      return await handler(args);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const refusal = databaseUnavailable();
      throw data({ message: refusal.message }, { status: refusal.status });
    }
  };
  return guarded as F;
}
