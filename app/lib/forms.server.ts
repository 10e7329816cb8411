import type { z } from "zod";
import type { SessionRecord } from "../modules/auth/session.server";
import { assertCsrf, requireSession } from "./auth.server";
import { DomainError, fieldErrorsOf } from "./errors";
import { formFailure, type FormFailureResponse, invalidFields, refusalOf } from "./errors.server";
import { hasNul, nulInField } from "./nul";

export type ReadFormResult<T> = { ok: true; session: SessionRecord; input: T; form: FormData } | { ok: false; response: FormFailureResponse };

/**
 * Reads a form post: session required, CSRF token checked, body parsed with the
 * zod schema. Failures come back as a response to return (403 for a stale token,
 * 422 with one message per field), carrying what was typed so it is not lost.
 */
export async function readForm<S extends z.ZodType>(request: Request, schema: S): Promise<ReadFormResult<z.infer<S>>> {
  let session: SessionRecord;
  try {
    session = await requireSession(request);
  } catch (error) {
    // Without the database the session cannot be checked; the page keeps what was typed.
    const refusal = error instanceof Response ? null : refusalOf(error);
    if (!refusal) throw error;
    return { ok: false, response: formFailure(refusal, await readFormData(request)) };
  }
  let form: FormData;
  try {
    form = await readFormData(request);
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, response: formFailure(error) };
    throw error;
  }
  try {
    assertCsrf(session, form);
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, response: formFailure(error, form) };
    throw error;
  }
  const parsed = schema.safeParse(formToObject(form));
  if (!parsed.success) return { ok: false, response: formFailure(invalidFields(fieldErrorsOf(parsed.error.issues)), form) };
  return { ok: true, session, input: parsed.data, form };
}

/**
 * The posted form; a text field holding a NUL character is refused (422 naming it, see nul.ts)
 * unless `refuseNul` is false: for a copy read only to put what was typed back on the page.
 */
export async function readFormData(request: Request, { refuseNul = true }: { refuseNul?: boolean } = {}): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new DomainError("bad_request", "The form could not be read. Reload the page and try again.");
  }
  for (const [name, value] of form) {
    if (refuseNul && typeof value === "string" && (hasNul(name) || hasNul(value))) throw nulInField(name);
  }
  return form;
}

/** FormData as a plain object; a field sent several times (checkboxes) becomes an array. */
export function formToObject(form: FormData): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name).filter((value): value is string => typeof value === "string");
    result[name] = values.length === 1 ? (values[0] as string) : values;
  }
  return result;
}
