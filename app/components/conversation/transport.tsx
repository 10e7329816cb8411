/** Play/pause, ±5 s, speed and the clock under the waveform. */
import { memo } from "react";
import { formatClock } from "./lanes";
import { PLAYBACK_RATES, SKIP_MS } from "./types";

export const Transport = memo(function Transport({
  playing,
  positionMs,
  durationMs,
  rate,
  onToggle,
  onSkip,
  onRate,
  disabled = false,
}: {
  playing: boolean;
  positionMs: number;
  durationMs: number;
  rate: number;
  onToggle: () => void;
  onSkip: (ms: number) => void;
  onRate: (rate: number) => void;
  /** Before the player's script has loaded: shown, not yet usable. */
  disabled?: boolean;
}) {
  const listed = PLAYBACK_RATES.some((value) => Math.abs(value - rate) < 0.001);
  return (
    <div className="player__controls media-transport" role="group" aria-label="Playback" aria-busy={disabled || undefined}>
      <button type="button" className="button media-transport__skip" data-player-control="" onClick={() => onSkip(-SKIP_MS)} disabled={disabled} aria-label="Back 5 seconds" title="Back 5 seconds (J or ←)">
        −5 s
      </button>
      <button type="button" className="button button--primary media-transport__play" data-player-control="" onClick={onToggle} disabled={disabled} title="Play or pause (Space or K)">
        {playing ? "Pause" : "Play"}
      </button>
      <button type="button" className="button media-transport__skip" data-player-control="" onClick={() => onSkip(SKIP_MS)} disabled={disabled} aria-label="Forward 5 seconds" title="Forward 5 seconds (L or →)">
        +5 s
      </button>
      <span className="player__time media-transport__time" role="timer" aria-label="Position" aria-live="off">
        {formatClock(positionMs)} / {formatClock(durationMs)}
      </span>
      <label className="media-transport__rate" title="Playback speed ([ slower, ] faster)">
        <span>Speed</span>
        <select value={listed ? String(rate) : "other"} disabled={disabled} onChange={(event) => onRate(Number(event.currentTarget.value))}>
          {listed ? null : <option value="other">{rate}×</option>}
          {PLAYBACK_RATES.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </label>
      {disabled ? (
        <span className="muted small media-transport__status" role="status">
          Loading the player…
        </span>
      ) : null}
    </div>
  );
});
