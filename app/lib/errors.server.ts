/**
 * The one place a refusal becomes an answer (docs/decisions/0003-errors-and-input.md). A
 * DomainError — or what amounts to one: a database outage, text PostgreSQL cannot store — is
 * answered in one of three forms, each carrying the error's code:
 * - an action's form result (`formFailure`): returned, not thrown, with the status, the
 *   message, one message per field and what was typed, so the page re-renders it (`jsonFailure`:
 *   the same for a resource route the page calls with fetch);
 * - a loader's error page (`errorPage`): thrown, shown by the shared ErrorBoundary;
 * - the API's JSON error (`apiErrorResponse`): `{ error: { code, message, fields? } }`.
 * A surface that names fields differently from the use case (a form field, a request path)
 * passes `field` to rename them. Anything else is a bug: it propagates and answers 500.
 */
import { data } from "@remix-run/node";
import { isDatabaseUnavailable } from "../../db/outage";
import { databaseUnavailable, DomainError, type ErrorCode, type FieldErrors, UNAVAILABLE_RETRY_AFTER_SECONDS } from "./errors";
import { isUnstorableText } from "./pg-errors";

type FieldName = (name: string) => string;

/**
 * What a failure means for the person: a DomainError as it is, a database outage as the 503
 * refusal it amounts to (nothing was saved; try again), text PostgreSQL cannot store as a
 * 400, anything else null (a bug). `notFound` is the page's own wording of a 404, so every way
 * of missing a row (absent, outside the viewer's scope, a malformed id) reads the same.
 */
export function refusalOf(error: unknown, { notFound }: { notFound?: string } = {}): DomainError | null {
  if (error instanceof DomainError) return notFound && error.code === "not_found" ? new DomainError("not_found", notFound) : error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  // Nothing was written: the statement failed, and with it its transaction.
  if (isUnstorableText(error))
    return new DomainError("bad_request", "What was sent holds a character Parley cannot store (a NUL, \\0). Remove it and try again.");
  return null;
}

function renamed(fieldErrors: FieldErrors, field: FieldName | undefined): FieldErrors {
  if (!field) return fieldErrors;
  const result: FieldErrors = {};
  for (const [name, message] of Object.entries(fieldErrors)) result[field(name)] ??= message;
  return result;
}

// ---- form results (actions) ----

export interface FormFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors: FieldErrors;
  /** What was typed, so the page can put it back instead of losing it. */
  values: Record<string, string>;
}

/** The form's typed values, without the CSRF token and never a password. */
export function typedValues(form: FormData | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  form?.forEach((value, name) => {
    if (typeof value === "string" && name !== "_csrf" && !/password/i.test(name)) values[name] = value;
  });
  return values;
}

/** A refusal as an action's answer: its status, code, message, field errors and what was typed. */
export function formFailure(error: DomainError, form?: FormData, { field }: { field?: FieldName } = {}) {
  return data<FormFailure>(
    {
      ok: false,
      code: error.code,
      message: error.message,
      fieldErrors: renamed(error.fieldErrors, field),
      values: typedValues(form),
    },
    { status: error.status },
  );
}

export type FormFailureResponse = ReturnType<typeof formFailure>;

/**
 * A form failure answered by a route without a page of its own (a resource route a page posts
 * to with a fetcher, e.g. the comment thread's posts): as a Response, so its status holds for a
 * direct post too. Remix (single fetch) answers a resource route's plain data, `data()` included,
 * as 200 JSON: a refused post without JavaScript, or from a script, would otherwise read 200.
 * A fetcher reads the same JSON body either way.
 */
export function resourceFailure(failure: FormFailureResponse): Response {
  return Response.json(failure.data, failure.init ?? undefined);
}

/** The usual refusal of a form whose fields did not pass: 422 with one message per field. */
export function invalidFields(fieldErrors: FieldErrors, message = "Please correct the highlighted fields."): DomainError {
  return new DomainError("invalid", message, fieldErrors);
}

/**
 * Runs a use case for an action. A refusal (a DomainError, a database outage…) becomes the
 * form's failure with what was typed kept; anything else propagates as a 500.
 */
export async function runUseCase<T>(form: FormData, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: FormFailureResponse }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, response: formFailure(refusal, form) };
    throw error;
  }
}

/** What a resource route the page calls with fetch answers for a refusal (the workspace's annotations and draft revision). */
export interface JsonFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  fieldErrors: FieldErrors;
}

/** A refusal as JSON for the page's own fetch calls: its status, code, message and field errors, never cached. */
export function jsonFailure(error: DomainError): Response {
  const body: JsonFailure = {
    ok: false,
    code: error.code,
    message: error.message,
    fieldErrors: error.fieldErrors,
  };
  return Response.json(body, {
    status: error.status,
    headers: { "Cache-Control": "no-store" },
  });
}

// ---- error pages (loaders, and actions that have no form to re-render) ----

/** The body of a thrown error page; the shared ErrorBoundary shows `message`. */
export interface ErrorPageData {
  code: ErrorCode;
  message: string;
}

/** A refusal as a thrown error page of its status: `throw errorPage("not_found", "…")`. */
export function errorPage(error: DomainError): ReturnType<typeof data<ErrorPageData>>;
export function errorPage(code: ErrorCode, message: string): ReturnType<typeof data<ErrorPageData>>;
export function errorPage(error: DomainError | ErrorCode, message = ""): ReturnType<typeof data<ErrorPageData>> {
  const refusal = typeof error === "string" ? new DomainError(error, message) : error;
  return data<ErrorPageData>({ code: refusal.code, message: refusal.message }, { status: refusal.status });
}

/** For loaders: a refusal thrown by a query becomes its error page (`notFound` as in refusalOf); anything else propagates. */
export function rethrowAsErrorPage(error: unknown, options: { notFound?: string } = {}): never {
  const refusal = refusalOf(error, options);
  throw refusal ? errorPage(refusal) : error;
}

// ---- the API's JSON error (/api/v1, docs/api.md) ----

/** The API's codes (docs/api.md, the OpenAPI document): the domain's, `locked` reported as `conflict`, and `internal`. */
export type ApiErrorCode = Exclude<ErrorCode, "locked"> | "internal";

/** `{ error: { code, message, fields? } }`: the one error body of every /api/v1 answer. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: FieldErrors };
}

/** A refusal as the API reports it; `field` names fields as paths of the request the client sent. */
export function apiErrorBody(error: DomainError, { field }: { field?: FieldName } = {}): ApiErrorBody["error"] {
  const code: ApiErrorCode = error.code === "locked" ? "conflict" : error.code;
  const fields = renamed(error.fieldErrors, field);
  return Object.keys(fields).length > 0 ? { code, message: error.message, fields } : { code, message: error.message };
}

const API_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
};

function apiErrorJson(status: number, body: ApiErrorBody["error"], headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: body } satisfies ApiErrorBody), {
    status,
    headers: { ...API_HEADERS, ...headers },
  });
}

/** A refusal as the API's answer: 401 says how to authenticate, 503 when to try again. */
export function apiErrorResponse(error: DomainError, { field, headers = {} }: { field?: FieldName; headers?: Record<string, string> } = {}): Response {
  const advice: Record<string, string> =
    error.status === 401
      ? { "WWW-Authenticate": 'Bearer realm="parley"' }
      : error.status === 503
        ? { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) }
        : {};
  return apiErrorJson(error.status, apiErrorBody(error, { field }), {
    ...advice,
    ...headers,
  });
}

/** A bug, as the API reports it: 500 and no details (they go to the log). */
export function apiInternalError(): Response {
  return apiErrorJson(500, {
    code: "internal",
    message: "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.",
  });
}
