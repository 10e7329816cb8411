/** Evidence in words: "at 0:12", "“card works now”", or both. Pure, shared by the form and the dispute page. */
import { formatClock } from "../conversation/lanes";

export interface EvidenceLike {
  startMs: number | null;
  endMs: number | null;
  segmentId: string | null;
  quote: string | null;
}

export function evidenceLabel(evidence: EvidenceLike): string {
  const parts: string[] = [];
  if (evidence.quote) parts.push(`“${evidence.quote.length > 120 ? `${evidence.quote.slice(0, 119)}…` : evidence.quote}”`);
  if (evidence.startMs !== null) {
    const range = evidence.endMs !== null && evidence.endMs !== evidence.startMs ? `${formatClock(evidence.startMs)}–${formatClock(evidence.endMs)}` : formatClock(evidence.startMs);
    parts.push(evidence.segmentId ? `(turn at ${range})` : `the recording at ${range}`);
  }
  return parts.join(" ");
}
