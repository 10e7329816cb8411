/**
 * "Submitted: 86.5 (pass)" after a submit, carried to the next page in the URL
 * (`?submitted=86.5&result=pass`, plus `queue=done` when nothing else waits). Pure, shared by
 * the workspace's action (writes it), the next workspace and the queue (read it).
 */
export type SubmittedResult = "pass" | "fail" | "autofail";

export interface SubmittedFlash {
  score: number | null;
  result: SubmittedResult;
  queueDone: boolean;
}

export function submittedSearch(outcome: { score: number | null; passed: boolean; autoFailed: boolean }, { queueDone = false } = {}): string {
  const params = new URLSearchParams({
    submitted: outcome.score === null ? "none" : outcome.score.toFixed(1),
    result: outcome.autoFailed ? "autofail" : outcome.passed ? "pass" : "fail",
  });
  if (queueDone) params.set("queue", "done");
  return `?${params.toString()}`;
}

/** The flash in a page's search params, or null when there is none (or it is malformed). */
export function readSubmittedFlash(search: URLSearchParams): SubmittedFlash | null {
  const submitted = search.get("submitted");
  const result = search.get("result");
  if (submitted === null || (result !== "pass" && result !== "fail" && result !== "autofail")) return null;
  let score: number | null = null;
  if (submitted !== "none") {
    if (!/^\d{1,3}(\.\d)?$/.test(submitted)) return null;
    score = Number(submitted);
    if (score > 100) return null;
  }
  return { score, result, queueDone: search.get("queue") === "done" };
}

const resultWords: Record<SubmittedResult, string> = { pass: "pass", fail: "fail", autofail: "fail, auto-failed" };

/** "Submitted: 86.5 (pass)." */
export function submittedText(flash: SubmittedFlash): string {
  const score = flash.score === null ? "no score (nothing counted)" : flash.score.toFixed(1);
  return `Submitted: ${score} (${resultWords[flash.result]}).`;
}
