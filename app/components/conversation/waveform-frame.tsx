/**
 * The parts of the waveform that need no browser: the channel lanes, the overview picture
 * drawn from the interaction row (waveform-overview.ts), and the box the player shows
 * before the waveform's module has loaded. The server renders them, so a call's waveform is in the
 * page's first paint; wavesurfer.js (waveform.client.tsx) takes over the same box once it
 * has loaded the full peaks.
 */
import { memo } from "react";
import type { MediaPlayerSource, PlayerLane } from "./types";

export const LANE_HEIGHT = 56;

export function WaveformLanes({ lanes }: { lanes: readonly PlayerLane[] }) {
  return (
    <ul className="player__lanes" aria-label="Channels">
      {lanes.map((lane, index) => (
        <li key={index} className={`player__lane player__lane--${lane.role}`} style={{ height: LANE_HEIGHT }}>
          {lane.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * One filled, mirrored envelope per lane, stretched over the box like the interactive
 * waveform (100 units a column, 100 units a lane). Decorative: the box around it is the
 * labelled image.
 */
export const WaveformOverviewImage = memo(function WaveformOverviewImage({ channels, lanes }: { channels: number[][]; lanes: readonly PlayerLane[] }) {
  const columns = Math.max(1, ...channels.map((channel) => channel.length));
  return (
    <svg
      className="waveform-overview"
      viewBox={`0 0 ${columns} ${channels.length * 100}`}
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
      data-waveform-drawn="overview"
    >
      {channels.map((channel, lane) => (
        <polygon key={lane} className={`waveform-overview__lane waveform-overview__lane--${lanes[lane]?.role ?? "mixed"}`} points={envelope(channel, lane)} />
      ))}
    </svg>
  );
});

/** The outline of a mirrored waveform around the lane's middle: along the top, back along the bottom. */
function envelope(channel: readonly number[], lane: number): string {
  const middle = lane * 100 + 50;
  // Half the lane's height at full scale, with a little room, as wavesurfer leaves.
  const half = (value: number) => Math.max(0.5, (value / 100) * 46);
  const top = channel.map((value, column) => `${column},${(middle - half(value)).toFixed(1)} ${column + 1},${(middle - half(value)).toFixed(1)}`);
  const bottom = channel.map((value, column) => `${column + 1},${(middle + half(value)).toFixed(1)} ${column},${(middle + half(value)).toFixed(1)}`).reverse();
  return [...top, ...bottom].join(" ");
}

/**
 * The waveform's box as it stands before its module has loaded (the server's render, and until
 * the chunk arrives): lanes and the overview when the row has one. The player around it
 * (media-player.tsx) already plays.
 */
export function WaveformShell({ source }: { source: MediaPlayerSource }) {
  const lanes = source.channels.length > 0 ? source.channels : [{ label: "Recording", role: "mixed" as const }];
  return (
    <div className="player__stage media-player__stage" style={{ minHeight: lanes.length * LANE_HEIGHT }}>
      {/* The full peaks are fetched while the page's scripts load, not after. */}
      {source.peaksUrl ? <link rel="preload" href={source.peaksUrl} as="fetch" crossOrigin="anonymous" /> : null}
      <WaveformLanes lanes={lanes} />
      <div className="player__waveform media-player__waveform waveform-box" role="img" aria-label="Waveform (loading)">
        {source.overview ? <WaveformOverviewImage channels={source.overview} lanes={lanes} /> : null}
      </div>
      {source.overview ? null : <p className="player__loading muted">Loading the waveform…</p>}
    </div>
  );
}
