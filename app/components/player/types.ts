/** What the recording player shares with the pages around it: lanes and the clock. */

/** One lane of the waveform: a recording channel and whose voice it carries. */
export interface PlayerLane {
  label: string;
  /** Picks the lane's colour: `--agent`, `--customer`, or the accent for a mixed (mono) recording. */
  role: "agent" | "customer" | "mixed";
}

/** m:ss (h:mm:ss past an hour), whole seconds rounded down, as a clock shows elapsed time. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
