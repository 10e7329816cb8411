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
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { loader as serveDocument } from "../../routes/api.v1.openapi[.]json";
import { loader as serveTranscriptSchema } from "../../routes/api.v1.schemas.transcript[.]json";
import { fixture } from "../transcripts/test-fixtures";
import { transcriptSchema } from "../transcripts/transcript";
import { batchRequestSchema, ingestRequestSchema, listQuerySchema, startUploadSchema } from "./api.schema";
import { decideDisputeSchema, raiseDisputeSchema } from "../disputes/dispute.schema";
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
        "GET /evaluations",
        "GET /evaluations/{id}",
        "GET /interactions",
        "GET /interactions/{id}",
        "GET /openapi.json",
        "GET /schemas/transcript.json",
        "POST /evaluations/{id}/acknowledgement",
        "POST /evaluations/{id}/comments",
        "POST /evaluations/{id}/disputes",
        "GET /disputes",
        "POST /disputes/{id}/decision",
        "GET /reports/quality",
        "GET /reports/criteria",
        "GET /reports/reviewers",
        "GET /coaching/plans",
        "GET /coaching/plans/{id}",
        "GET /coaching/sessions",
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
      const isPublic = apiPath === "/openapi.json" || apiPath.startsWith("/schemas/");
      expect(response.status, operation).toBe(isPublic ? 200 : 401);
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
    // The dispute bodies are the forms' own schemas, which the use cases parse.
    expect(schemas.RaiseDisputeRequest).toEqual(withoutDialect(z.toJSONSchema(raiseDisputeSchema, { io: "input", unrepresentable: "any" })));
    expect(schemas.DecideDisputeRequest).toEqual(withoutDialect(z.toJSONSchema(decideDisputeSchema, { io: "input", unrepresentable: "any" })));
    const disputeParameters = document.paths["/disputes"].get.parameters as { name: string }[];
    expect(disputeParameters.map((parameter) => parameter.name)).toEqual(["status", "overdue", "scorecard", "reviewer", "team", "limit", "cursor"]);
    // Every field of an import is documented with its constraints.
    expect(Object.keys((schemas.IngestRequest as { properties: object }).properties)).toEqual(Object.keys(ingestRequestSchema.shape));
  });

  it("is served as JSON at /api/v1/openapi.json", async () => {
    const response = serveDocument();
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)));
  });
});

describe("what the document says is what the server accepts", () => {
  const document = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const documented = ajv.compile(document.components.schemas.IngestRequest);
  const valid = {
    externalId: "call-17",
    agent: "dana.reyes@example.com",
    startedAt: "2026-03-02T09:30:00Z",
    transcript: { fileName: "call-17.vtt", content: "WEBVTT" },
  };

  it.each([
    ["a complete request", valid, true],
    ["every optional field", { ...valid, source: "genesys", durationMs: 93_000, direction: "inbound", queue: "Billing", tags: ["billing"], metadata: { a: 1 }, customerName: "Tom" }, true],
    ["null for an optional field", { ...valid, direction: null, queue: null, durationMs: null }, true],
    ["tags as one string", { ...valid, tags: "invoice" }, false],
    ["durationMs as a string", { ...valid, durationMs: "100" }, false],
    ["durationMs with a fraction", { ...valid, durationMs: 1.5 }, false],
    ["durationMs over 24 hours", { ...valid, durationMs: 86_400_001 }, false],
    ["an empty queue", { ...valid, queue: "" }, false],
    ["an unknown direction", { ...valid, direction: "sideways" }, false],
    ["an unknown field", { ...valid, colour: "blue" }, false],
    ["an unknown transcript field", { ...valid, transcript: { ...valid.transcript, encodin: "utf-8" } }, false],
    ["an unknown recording field", { ...valid, recording: { uploadId: "00000000-0000-4000-8000-000000000000", size: 3 } }, false],
    ["a start time without a zone", { ...valid, startedAt: "2026-03-02T09:30:00" }, false],
    ["an unknown encoding", { ...valid, transcript: { contentBase64: "V0VCVlRU", encoding: "latin-9" } }, false],
    ["base64 content with its encoding", { ...valid, transcript: { contentBase64: "V0VCVlRU", encoding: "utf-8" } }, true],
    ["neither content nor contentBase64", { ...valid, transcript: { fileName: "call-17.vtt" } }, false],
    ["both content and contentBase64", { ...valid, transcript: { content: "WEBVTT", contentBase64: "V0VCVlRU" } }, false],
    ["an encoding for text content", { ...valid, transcript: { content: "WEBVTT", encoding: "utf-8" } }, false],
    ["an external id of spaces", { ...valid, externalId: "   " }, false],
  ])("%s: documented %s, and the server agrees", (_name, body, accepted) => {
    expect(documented(body)).toBe(accepted);
    expect(ingestRequestSchema.safeParse(body).success).toBe(accepted);
  });
});

describe("the canonical transcript's JSON Schema", () => {
  const document = openApiDocument();
  const served = async () => {
    const response = serveTranscriptSchema();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/schema\+json/);
    return (await response.json()) as Record<string, unknown>;
  };

  it("is served at /api/v1/schemas/transcript.json, and is the OpenAPI document's Transcript", async () => {
    const { $schema, ...schema } = await served();
    expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const { externalDocs, ...component } = document.components.schemas.Transcript as Record<string, unknown>;
    expect(externalDocs).toEqual({ description: expect.any(String) as string, url: "/api/v1/schemas/transcript.json" });
    expect(schema).toEqual(component);
    expect((document.components.schemas.InteractionDetail.properties as Record<string, unknown>).transcript).toMatchObject({
      anyOf: [{ $ref: "#/components/schemas/Transcript" }, { type: "null" }],
    });
  });

  it("accepts and refuses transcripts as the server's own schema does", async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const documented = ajv.compile(await served());
    const call = JSON.parse(fixture("canonical-call.json")) as { segments: Record<string, unknown>[] };
    const chat = {
      version: 1,
      channel: "email",
      speakers: [{ id: "c", role: "customer" }],
      segments: [{ id: "m1", speaker: "c", at: "2026-01-05T09:00:00+01:00", text: "Hello" }],
    };
    const withSegment = (segment: Record<string, unknown>) => ({ ...call, segments: [{ ...call.segments[0], ...segment }] });
    const samples: [string, unknown][] = [
      ["the call fixture", call],
      ["an email thread", chat],
      ["version 2", { ...call, version: 2 }],
      ["a fax", { ...call, channel: "fax" }],
      ["no speakers", { ...call, speakers: [] }],
      ["a speaker role that is not agent or customer", { ...call, speakers: [{ id: "a", role: "bot" }] }],
      ["a segment time past 24 hours", withSegment({ startMs: 0, endMs: 86_400_001 })],
      ["a fractional time", withSegment({ endMs: 10.5 })],
      ["a segment id over 64 characters", withSegment({ id: "s".repeat(65) })],
      ["a chat message with audio times instead of at", { ...chat, segments: [{ id: "m1", speaker: "c", startMs: 0, endMs: 1, text: "Hi" }] }],
      ["a chat time without a zone", { ...chat, segments: [{ ...chat.segments[0], at: "2026-01-05T09:00:00" }] }],
      ["200,001 segments", { ...chat, segments: Array.from({ length: 200_001 }, (_, i) => ({ id: `m${i}`, speaker: "c", at: "2026-01-05T09:00:00Z", text: "" })) }],
    ];
    for (const [name, sample] of samples) {
      expect(documented(sample), name).toBe(transcriptSchema.safeParse(sample).success);
    }
    expect(samples.filter(([, sample]) => transcriptSchema.safeParse(sample).success).map(([name]) => name)).toEqual(["the call fixture", "an email thread"]);
  });
});
