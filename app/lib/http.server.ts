import { data } from "@remix-run/node";
import { formFailure } from "./forms.server";
import { refusalOf } from "./refusal.server";

/** A thrown error page: the shared ErrorBoundary shows `message` with the status. */
export function httpError(status: number, message: string) {
  return data({ message }, { status });
}

/**
 * Runs a use case for an action. A DomainError (or a database outage, 503) becomes the form's
 * failure (status, message, field errors, typed values kept); anything else propagates as a 500.
 */
export async function runUseCase<T>(form: FormData, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof formFailure> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, response: formFailure(refusal.status, refusal.message, refusal.fieldErrors, form) };
    throw error;
  }
}

/** For loaders: a DomainError thrown by a query becomes the matching error page. */
export function rethrowAsHttp(error: unknown): never {
  const refusal = refusalOf(error);
  if (refusal) throw httpError(refusal.status, refusal.message);
  throw error;
}
