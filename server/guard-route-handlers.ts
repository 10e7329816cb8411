import type { ActionFunction, LoaderFunction, ServerBuild } from "@remix-run/node";

type RouteModule = ServerBuild["routes"][string]["module"];
export type RouteHandler = LoaderFunction | ActionFunction;

/**
 * The Remix build with every route's loader and action passed through `guard`: the one way
 * the server puts a cross-cutting answer (outages, refusals) around pages, their `.data`
 * requests and the API alike.
 */
export function guardRouteHandlers(build: ServerBuild, guard: <F extends RouteHandler>(handler: F) => F): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    const module: RouteModule = {
      ...route.module,
      ...(loader ? { loader: guard(loader) } : {}),
      ...(action ? { action: guard(action) } : {}),
    };
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
