/**
 * The error contract (docs/decisions/0003): every code of a DomainError in each of its three
 * answers — an action's form result, a loader's error page, the API's JSON error — plus the
 * failures that amount to a refusal (an outage, text PostgreSQL cannot store) and the one
 * function that turns zod issues into field errors.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorResponseSchema } from "../modules/api/api.schema";
import { DomainError, errorStatus, type ErrorCode, fieldErrorsOf, isErrorCode } from "./errors";
import { apiErrorBody, apiErrorResponse, errorPage, formFailure, jsonFailure, refusalOf, rethrowAsErrorPage, runUseCase } from "./errors.server";

/** Every code with the status written in DESIGN.md / docs/api.md, so a changed status fails here. */
const expected: [ErrorCode, number][] = [
  ["bad_request", 400],
  ["unauthenticated", 401],
  ["forbidden", 403],
  ["not_found", 404],
  ["method_not_allowed", 405],
  ["conflict", 409],
  ["locked", 409],
  ["payload_too_large", 413],
  ["unsupported_media_type", 415],
  ["invalid", 422],
  ["too_many_requests", 429],
  ["unavailable", 503],
];

function typedForm(): FormData {
  const form = new FormData();
  form.set("_csrf", "token");
  form.set("name", "Dana");
  form.set("newPassword", "hunter2 hunter2");
  return form;
}

/** What `throw data(body, init)` throws. */
function asThrownData(value: unknown): {
  data: unknown;
  status: number | undefined;
} {
  const thrown = value as {
    type?: string;
    data: unknown;
    init: ResponseInit | null;
  };
  expect(thrown.type).toBe("DataWithResponseInit");
  return { data: thrown.data, status: thrown.init?.status };
}

describe("every code", () => {
  it("lists exactly the codes and statuses of the contract", () => {
    expect(Object.entries(errorStatus)).toEqual(expected);
  });

  describe.each(expected)("%s", (code, status) => {
    const error = new DomainError(code, `Refused: ${code}`, {
      name: "Say why",
    });

    it(`is a form result: returned with ${status}, the code, the message, field errors and what was typed (never a password or the token)`, () => {
      const result = formFailure(error, typedForm());
      expect(result.init?.status).toBe(status);
      expect(result.data).toEqual({
        ok: false,
        code,
        message: `Refused: ${code}`,
        fieldErrors: { name: "Say why" },
        values: { name: "Dana" },
      });
    });

    it(`is a loader's error page: thrown data with ${status}, the code and the message`, () => {
      expect(() => rethrowAsErrorPage(error)).toThrow();
      let thrown: unknown;
      try {
        rethrowAsErrorPage(error);
      } catch (e) {
        thrown = e;
      }
      expect(asThrownData(thrown)).toEqual({
        status,
        data: { code, message: `Refused: ${code}` },
      });
      expect(asThrownData(errorPage(code, "Said here"))).toEqual({
        status,
        data: { code, message: "Said here" },
      });
    });

    it(`is the API's JSON error: ${status}, a code docs/api.md documents, the message and fields`, async () => {
      const response = apiErrorResponse(error);
      expect(response.status).toBe(status);
      expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      const body: unknown = await response.json();
      // The OpenAPI document's enum: the API never answers a code it does not document.
      expect(errorResponseSchema.safeParse(body).success).toBe(true);
      expect(body).toEqual({
        error: {
          code: code === "locked" ? "conflict" : code,
          message: `Refused: ${code}`,
          fields: { name: "Say why" },
        },
      });
      expect(response.headers.get("WWW-Authenticate")).toBe(code === "unauthenticated" ? 'Bearer realm="parley"' : null);
      expect(response.headers.get("Retry-After")).toBe(code === "unavailable" ? "30" : null);
    });

    it(`is the JSON a page's fetch call gets: ${status}, the code, the message and field errors`, async () => {
      const response = jsonFailure(error);
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({
        ok: false,
        code,
        message: `Refused: ${code}`,
        fieldErrors: { name: "Say why" },
      });
    });
  });
});

describe("the surfaces' own names for fields", () => {
  const error = new DomainError("invalid", "No agent", {
    agentId: "Unknown agent",
    "transcript.content": "line 3: no cue",
  });

  it("renames fields for a form, the first message per form field winning", () => {
    const field = (name: string) => (name === "agentId" ? "agent" : name.split(".")[0]!);
    expect(formFailure(error, undefined, { field }).data.fieldErrors).toEqual({
      agent: "Unknown agent",
      transcript: "line 3: no cue",
    });
  });

  it("renames fields for the API, and leaves out `fields` when no field is to blame", () => {
    const field = (name: string) => (name === "agentId" ? "agent" : name);
    expect(apiErrorBody(error, { field })).toEqual({
      code: "invalid",
      message: "No agent",
      fields: {
        agent: "Unknown agent",
        "transcript.content": "line 3: no cue",
      },
    });
    expect(apiErrorBody(new DomainError("not_found", "Gone"))).toEqual({
      code: "not_found",
      message: "Gone",
    });
  });

  it("adds headers to the API's answer (405's Allow)", () => {
    const response = apiErrorResponse(new DomainError("method_not_allowed", "Use GET here."), { headers: { Allow: "GET" } });
    expect([response.status, response.headers.get("Allow")]).toEqual([405, "GET"]);
  });
});

describe("refusalOf", () => {
  it("takes a DomainError as it is, and words a 404 as the page does when asked", () => {
    const error = new DomainError("conflict", "Changed");
    expect(refusalOf(error)).toBe(error);
    expect(
      refusalOf(new DomainError("not_found", "Scorecard not found"), {
        notFound: "There is no scorecard here.",
      }),
    ).toMatchObject({
      code: "not_found",
      message: "There is no scorecard here.",
    });
    expect(refusalOf(error, { notFound: "There is no scorecard here." })).toBe(error);
  });

  it("answers a database outage as 503 unavailable, nothing changed", () => {
    const outage = Object.assign(new Error("connect ECONNREFUSED"), {
      code: "57P01",
    });
    expect(refusalOf(outage)).toMatchObject({
      code: "unavailable",
      status: 503,
      message: expect.stringContaining("cannot reach its database") as string,
    });
  });

  it("answers text PostgreSQL cannot store as 400", () => {
    const nul = Object.assign(new Error("invalid byte sequence"), {
      code: "22021",
    });
    expect(refusalOf(nul)).toMatchObject({ code: "bad_request", status: 400 });
  });

  it("leaves a bug a bug: no refusal, so it answers 500", async () => {
    const bug = new TypeError("x is undefined");
    expect(refusalOf(bug)).toBeNull();
    expect(() => rethrowAsErrorPage(bug)).toThrow(bug);
    await expect(runUseCase(new FormData(), () => Promise.reject(bug))).rejects.toBe(bug);
  });

  it("lets runUseCase return a refusal as the form's result and a success as its value", async () => {
    expect(await runUseCase(typedForm(), () => Promise.resolve(7))).toEqual({
      ok: true,
      value: 7,
    });
    const refused = await runUseCase(typedForm(), () => Promise.reject(new DomainError("locked", "Submitted")));
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.response.init?.status).toBe(409);
    expect(refused.response.data).toMatchObject({
      code: "locked",
      message: "Submitted",
      values: { name: "Dana" },
    });
  });
});

describe("isErrorCode", () => {
  it("knows the codes and nothing else", () => {
    expect(isErrorCode("locked")).toBe(true);
    expect(isErrorCode("internal")).toBe(false);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode(409)).toBe(false);
  });
});

describe("fieldErrorsOf", () => {
  const schema = z.strictObject({
    name: z.string().min(1, "Name is required").max(3, "Name is too long"),
    tags: z.array(z.string().max(2, "Tag too long")),
    period: z.object({ from: z.string(), to: z.string() }).refine((p) => p.from < p.to, {
      message: "From comes before to",
      path: ["to"],
    }),
  });

  const issues = (value: unknown) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) throw new Error("expected issues");
    return parsed.error.issues;
  };

  it("names each field by its dotted path, the first message per field winning", () => {
    expect(
      fieldErrorsOf(
        issues({
          name: "",
          tags: ["ok", "long"],
          period: { from: "b", to: "a" },
        }),
      ),
    ).toEqual({
      name: "Name is required",
      "tags.1": "Tag too long",
      "period.to": "From comes before to",
    });
  });

  it("puts an issue about the whole input under the root, and names unknown keys by their path", () => {
    const parsed = z
      .strictObject({ a: z.string() })
      .refine(() => false, "Never valid")
      .safeParse({ a: "x" });
    expect(fieldErrorsOf(parsed.error!.issues)).toEqual({
      form: "Never valid",
    });
    expect(fieldErrorsOf(parsed.error!.issues, { root: "body" })).toEqual({
      body: "Never valid",
    });
    expect(
      fieldErrorsOf(
        issues({
          name: "ab",
          tags: [],
          period: { from: "a", to: "b" },
          extra: 1,
        }),
      ),
    ).toEqual({ extra: "is not a known field" });
  });

  it("renames fields and rewords messages for the surface that shows them", () => {
    const found = fieldErrorsOf(issues({ name: "", tags: ["long"], period: { from: "a", to: "b" } }), {
      field: (path) => path.split(".")[0]!,
      message: (issue) => issue.message.toLowerCase(),
    });
    expect(found).toEqual({ name: "name is required", tags: "tag too long" });
  });
});
