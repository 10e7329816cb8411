import { data } from "@remix-run/node";
import { DomainError } from "./errors";
import { formFailure } from "./forms.server";

/** A thrown error page: the shared ErrorBoundary shows `message` with the status. */
export function httpError(status: number, message: string) {
  return data({ message }, { status });
}

/**
 * Runs a use case for an action. A DomainError becomes the form's failure (status,
 * message, field errors, typed values kept); anything else propagates as a 500.
 */
export async function runUseCase<T>(form: FormData, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof formFailure> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, response: formFailure(error.status, error.message, error.fieldErrors, form) };
    }
    throw error;
  }
}

/** For loaders: a DomainError thrown by a query becomes the matching error page. */
export function rethrowAsHttp(error: unknown): never {
  if (error instanceof DomainError) throw httpError(error.status, error.message);
  throw error;
}
