/**
 * The guard every loader and action runs behind (server/route-guards.ts), around the real
 * route modules on real PostgreSQL: a NUL character anywhere in what is sent — query string,
 * form field, JSON body — answers 400/422 with a message instead of PostgreSQL's refusal
 * turning into a 500, and nothing is written.
 */
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { db } from "../app/lib/db.server";
import { refusalOf } from "../app/lib/errors.server";
import { apiUser, callRoute } from "../app/modules/api/test-support";
import * as teamsRoute from "../app/routes/admin.teams";
import * as usersRoute from "../app/routes/admin.users._index";
import * as apiInteractions from "../app/routes/api.v1.interactions";
import * as interactionsRoute from "../app/routes/interactions._index";
import { countRows, seedUser } from "../test/factories";
import { getRequest, postRequest, returned, thrown } from "../test/route-requests";
import { withRefusalAnswers } from "./route-guards";

type Module = ServerBuild["routes"][string]["module"];
type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** A route module as the server serves it: behind the guard. */
function guarded(module: object): { loader: Handler; action: Handler } {
  const build = { routes: { route: { id: "route", path: "", module: module as Module } } } as unknown as ServerBuild;
  const { route } = withRefusalAnswers(build).routes as unknown as Record<"route", { module: unknown }>;
  return route.module as { loader: Handler; action: Handler };
}

describe("a NUL character in the address", () => {
  it("answers 400 with a message on the pages that search (interactions, users) instead of 500", async () => {
    const admin = await seedUser("admin");
    for (const [module, path] of [
      [interactionsRoute, "/interactions?q=%00"],
      [interactionsRoute, "/interactions?q=refund%00&channel=call"],
      [usersRoute, "/admin/users?q=%00"],
      [usersRoute, "/admin/users?q%00=x"],
    ] as const) {
      const request = await getRequest(admin, path);
      const answer = await thrown(() => guarded(module).loader({ request, params: {}, context: {} }));
      expect(answer.status, path).toBe(400);
      expect(answer.message, path).toMatch(/NUL character \(\\0\)/);
    }
  });

  it("answers 400 in the API's JSON shape for /api/v1", async () => {
    const { token } = await apiUser("qa_lead");
    const { loader } = guarded(apiInteractions);
    const answer = await thrown(() =>
      loader({ request: new Request("http://parley.test/api/v1/interactions?q=%00", { headers: { Authorization: `Bearer ${token}` } }), params: {}, context: {} }),
    );
    expect(answer.status).toBe(400);
  });
});

describe("a NUL character in a form field", () => {
  it("is a 422 naming the field, and the team is not created", async () => {
    const admin = await seedUser("admin");
    const before = await countRows("teams");
    const request = await postRequest(admin, "/admin/teams", { intent: "create", name: "Bil\u0000ling" });
    const answer = returned(await guarded(teamsRoute).action({ request, params: {}, context: {} }));
    expect(answer.status).toBe(422);
    expect(answer.message).toMatch(/NUL character \(\\0\) in “name”/);
    expect(answer.fieldErrors).toEqual({ name: expect.stringMatching(/Remove the NUL/) as unknown });
    expect(await countRows("teams")).toBe(before);
  });
});

describe("a NUL character in a JSON body", () => {
  it("is a 422 naming the field's path, and nothing is imported", async () => {
    const { token } = await apiUser("qa_lead");
    const before = await countRows("interactions");
    const answer = await callRoute(apiInteractions.action, "POST", "/api/v1/interactions", {
      token,
      body: { externalId: "call-\u0000-1", agent: "x", startedAt: "2026-03-02T10:00:00Z", transcript: { fileName: "a.vtt", content: "WEBVTT" } },
    });
    expect(answer.status).toBe(422);
    expect(answer.json.error?.fields).toEqual({ externalId: expect.stringMatching(/Remove the NUL/) as unknown });
    expect(await countRows("interactions")).toBe(before);
  });
});

describe("text PostgreSQL refuses to store", () => {
  it("is a 400 refusal, not a bug, wherever a NUL slipped past the checks", async () => {
    const error = await db()
      .insertInto("teams")
      .values({ name: "a\u0000b" })
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refusalOf(error)).toMatchObject({ status: 400, message: expect.stringMatching(/cannot store/) as unknown });
  });
});
