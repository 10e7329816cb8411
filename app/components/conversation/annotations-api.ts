/**
 * The media panel's client for POST /review/:evaluationId/annotations
 * (routes/review.$evaluationId.annotations.ts). Never throws: a refusal or a network
 * failure comes back as `{ ok: false, message }` so the form can show it and keep what
 * was typed.
 */
import type { AnnotationDraft, SerializedAnnotation } from "./types";

export type AnnotationRequest =
  | { intent: "add"; annotation: AnnotationDraft }
  | { intent: "update"; annotationId: string; annotation: AnnotationDraft }
  | { intent: "delete"; annotationId: string };

export type AnnotationFailure = { ok: false; message: string; fieldErrors: Record<string, string> };
export type AnnotationResponse = { ok: true; annotation: SerializedAnnotation | null } | AnnotationFailure;

export const annotationsUrl = (evaluationId: string) => `/review/${encodeURIComponent(evaluationId)}/annotations`;

const failure = (message: string, fieldErrors: Record<string, string> = {}): AnnotationFailure => ({ ok: false, message, fieldErrors });

function statusMessage(status: number): string {
  if (status === 401 || status === 403) return "Your session has expired or this form is out of date. Reload the page and try again; copy your comment first.";
  if (status === 404) return "This evaluation or annotation no longer exists, or you cannot change it.";
  if (status === 409) return "This evaluation was submitted; its annotations can no longer change.";
  if (status === 413) return "The comment is too long to save.";
  return `The annotation could not be saved (HTTP ${status}). Try again.`;
}

export async function sendAnnotation(evaluationId: string, csrfToken: string, request: AnnotationRequest, signal?: AbortSignal): Promise<AnnotationResponse> {
  const body = new URLSearchParams({ _csrf: csrfToken, intent: request.intent });
  if (request.intent !== "add") body.set("annotationId", request.annotationId);
  if (request.intent !== "delete") body.set("annotation", JSON.stringify(request.annotation));
  let response: Response;
  try {
    response = await fetch(annotationsUrl(evaluationId), {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal,
    });
  } catch {
    return failure("The server could not be reached. Check your connection and try again; what you typed is kept.");
  }
  // A redirect to the login page (the session ended) answers HTML.
  if (response.redirected || !(response.headers.get("Content-Type") ?? "").includes("json")) {
    return failure(response.ok ? "Your session has ended. Sign in again in another tab, then save again." : statusMessage(response.status));
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    return failure(statusMessage(response.status));
  }
  const result = json as { ok?: unknown; annotation?: SerializedAnnotation; message?: unknown; fieldErrors?: Record<string, string> };
  if (response.ok && result.ok === true) return { ok: true, annotation: result.annotation ?? null };
  return failure(typeof result.message === "string" && result.message ? result.message : statusMessage(response.status), result.fieldErrors ?? {});
}
