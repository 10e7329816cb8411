/**
 * The OpenAPI document against the code: every documented operation is a route that
 * answers that method, every API route file is documented, and the request schemas
 * are the zod schemas the routes parse with.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loader as serveDocument } from "../../routes/api.v1.openapi[.]json";
import { batchRequestSchema, ingestRequestSchema, listQuerySchema, startUploadSchema } from "./api.schema";
import { documentedOperations, openApiDocument } from "./openapi";

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<Response> | Response;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

const ROUTES = path.resolve(import.meta.dirname, "../../routes");

/** "/interactions/{id}" → "api.v1.interactions.$id.ts"; "/openapi.json" → "api.v1.openapi[.]json.ts". */
function routeFileOf(apiPath: string): string {
  const segments = apiPath
    .split("/")
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(\w+)\}$/, "$$$1").replaceAll(".", "[.]"));
  return `api.v1.${segments.join(".")}.ts`;
}

const withoutDialect = (schema: Record<string, unknown>) => {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
};

describe("OpenAPI document", () => {
  const document = openApiDocument();

  it("is OpenAPI 3.1 and lists the API's operations", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(documentedOperations(document).sort()).toEqual(
      [
        "GET /interactions",
        "GET /interactions/{id}",
        "GET /openapi.json",
        "POST /interactions",
        "POST /interactions/batch",
        "POST /uploads",
      ].sort(),
    );
  });

  it("documents only routes that exist and answer the method (401 without a token, not 404 or 405)", async () => {
    for (const operation of documentedOperations(document)) {
      const [method, apiPath] = operation.split(" ") as [string, string];
      const file = routeFileOf(apiPath);
      const module = (await import(path.join(ROUTES, file))) as RouteModule;
      const handler = method === "GET" ? module.loader : module.action;
      expect(handler, `${operation}: ${file} exports ${method === "GET" ? "loader" : "action"}`).toBeTypeOf("function");
      const concrete = apiPath.replace("{id}", "00000000-0000-4000-8000-000000000000");
      const request = new Request(`http://parley.test/api/v1${concrete}`, { method, ...(method === "POST" ? { body: "{}" } : {}) });
      const response = await (handler as Handler)({ request, params: { id: "00000000-0000-4000-8000-000000000000" }, context: {} });
      expect(response.status, operation).toBe(apiPath === "/openapi.json" ? 200 : 401);
    }
  });

  it("documents every API route file", () => {
    const files = readdirSync(ROUTES).filter((name) => name.startsWith("api.v1.") && !name.includes(".test.") && name !== "api.v1.$.ts");
    const documented = Object.keys(document.paths).map(routeFileOf);
    expect(files.sort()).toEqual([...new Set(documented)].sort());
  });

  it("describes request bodies with the zod schemas the routes parse", () => {
    const schemas = document.components.schemas;
    expect(schemas.IngestRequest).toEqual(withoutDialect(z.toJSONSchema(ingestRequestSchema, { io: "input", unrepresentable: "any" })));
    expect(schemas.StartUpload).toEqual(withoutDialect(z.toJSONSchema(startUploadSchema, { io: "input", unrepresentable: "any" })));
    expect(document.paths["/interactions"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/IngestRequest",
    });
    expect(schemas.BatchRequest.properties.interactions).toMatchObject({ items: { $ref: "#/components/schemas/IngestRequest" }, maxItems: 500 });
    const generated = withoutDialect(z.toJSONSchema(batchRequestSchema, { io: "input", unrepresentable: "any" })) as {
      properties: { interactions: { items: unknown } };
    };
    expect(generated.properties.interactions.items).toEqual(schemas.IngestRequest);
    const parameters = document.paths["/interactions"].get.parameters as { name: string }[];
    expect(parameters.map((parameter) => parameter.name)).toEqual(Object.keys(listQuerySchema.shape));
    // Every field of an import is documented with its constraints.
    expect(Object.keys((schemas.IngestRequest as { properties: object }).properties)).toEqual(Object.keys(ingestRequestSchema.shape));
  });

  it("is served as JSON at /api/v1/openapi.json", async () => {
    const response = serveDocument();
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
