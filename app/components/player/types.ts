/** The player's contract, shared by the waveform player and its plain-audio stand-in. */

/** One lane of the waveform: a recording channel and whose voice it carries. */
export interface PlayerLane {
  label: string;
  /** Picks the lane's colour: `--agent`, `--customer`, or the accent for a mixed (mono) recording. */
  role: "agent" | "customer" | "mixed";
}

export interface PlayerProps {
  /** Presigned GET of peaks.json (docs/decisions/0006); without it the plain audio player is shown. */
  peaksUrl: string | null;
  /** Presigned GET of the recording; the browser plays it with Range requests straight from storage. */
  audioUrl: string;
  durationMs: number;
  /** One entry per recording channel, in file order (stereo calls: agent, customer). */
  channels: PlayerLane[];
  /** Called as playback moves (about once per animation frame while playing) and after every seek. */
  onTimeUpdate?: (ms: number) => void;
}

/** What a page (the transcript, later the review workspace) may ask of the player. */
export interface PlayerHandle {
  seekTo(ms: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  currentTimeMs(): number;
}

export const SKIP_SECONDS = 5;

/** m:ss (h:mm:ss past an hour), whole seconds rounded down, as a clock shows elapsed time. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
