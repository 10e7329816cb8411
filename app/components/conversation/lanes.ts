/** What the recording player shares with the pages around it: lanes and the clock. */
import { formatDuration } from "../../lib/format";

/** One lane of the waveform: a recording channel and whose voice it carries. */
export interface PlayerLane {
  label: string;
  /** Picks the lane's colour: `--agent`, `--customer`, or the accent for a mixed (mono) recording. */
  role: "agent" | "customer" | "mixed";
}

/** The player's clock: whole seconds as they pass, formatted like every length in the app. */
export const formatClock = formatDuration;
