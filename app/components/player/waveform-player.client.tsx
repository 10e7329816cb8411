/**
 * The waveform player (browser only; see recording-player.tsx for how pages use it).
 * wavesurfer.js 8 draws the precomputed peaks (docs/decisions/0006) with the known
 * duration, so the browser never downloads or decodes the whole recording; the
 * <audio> element below plays it from the presigned URL with Range requests.
 * A two-channel call gets two lanes (agent, customer) via `splitChannels`.
 *
 * Keyboard, while the player has focus: Space plays or pauses, ← and → move 5 s.
 */
import { forwardRef, useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent } from "react";
import WaveSurfer from "wavesurfer.js";
import { peaksJsonSchema, toWaveSurferPeaks } from "../../modules/recordings/compute-peaks";
import { formatClock, SKIP_SECONDS, type PlayerHandle, type PlayerLane, type PlayerProps } from "./types";

const LANE_HEIGHT = 64;

type LoadState = { kind: "loading" } | { kind: "ready"; lanes: PlayerLane[] } | { kind: "failed"; message: string };

export const WaveformPlayer = forwardRef<PlayerHandle, PlayerProps & { peaksUrl: string }>(function WaveformPlayer(
  { peaksUrl, audioUrl, durationMs, channels, onTimeUpdate },
  ref,
) {
  // Sources are read once: a reload of the page data brings fresh presigned URLs
  // for the same objects, and swapping them would restart playback.
  const [source] = useState(() => ({ peaksUrl, audioUrl, durationMs, channels }));
  const root = useRef<HTMLDivElement>(null);
  const waveform = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const timeListener = useRef(onTimeUpdate);
  const [load, setLoad] = useState<LoadState>({ kind: "loading" });
  const [playing, setPlaying] = useState(false);
  const [second, setSecond] = useState(0);
  const [duration, setDuration] = useState(durationMs);
  const [playError, setPlayError] = useState<string | null>(null);
  const keysId = useId();

  useEffect(() => {
    timeListener.current = onTimeUpdate;
  });

  useEffect(() => {
    const container = waveform.current;
    const media = audio.current;
    const element = root.current;
    if (!container || !media || !element) return;
    const abort = new AbortController();
    let instance: WaveSurfer | null = null;

    async function start(container: HTMLElement, media: HTMLAudioElement, element: HTMLElement) {
      const response = await fetch(source.peaksUrl, { signal: abort.signal });
      if (!response.ok) throw new Error(`the waveform could not be loaded (HTTP ${response.status})`);
      const parsed = peaksJsonSchema.safeParse(await response.json());
      if (!parsed.success) throw new Error("the waveform data is not in the expected format");
      if (abort.signal.aborted) return;
      const { peaks, duration } = toWaveSurferPeaks(parsed.data);
      if (duration <= 0) throw new Error("the recording is empty");
      const lanes = peaks.map((_, index): PlayerLane => source.channels[index] ?? { label: `Channel ${index + 1}`, role: "mixed" });
      const colours = lanes.map((lane) => laneColours(element, lane.role));
      const cursorColor = cssVariable(element, "--text") || "#1b1f24";
      instance = WaveSurfer.create({
        container,
        media,
        peaks,
        duration,
        height: LANE_HEIGHT,
        normalize: true,
        cursorColor,
        cursorWidth: 2,
        dragToSeek: true,
        ...(lanes.length > 1
          ? { splitChannels: colours.map(({ wave, progress }) => ({ waveColor: wave, progressColor: progress })) }
          : { waveColor: colours[0]?.wave, progressColor: colours[0]?.progress }),
      });
      surfer.current = instance;
      instance.on("ready", (seconds) => {
        setDuration(Math.round(seconds * 1000));
        setLoad({ kind: "ready", lanes });
      });
      instance.on("play", () => {
        setPlaying(true);
        setPlayError(null);
      });
      instance.on("pause", () => setPlaying(false));
      instance.on("finish", () => setPlaying(false));
      instance.on("timeupdate", (seconds) => {
        setSecond(Math.floor(seconds));
        timeListener.current?.(Math.round(seconds * 1000));
      });
      instance.on("error", (error) => {
        setPlayError(`The recording cannot be played here: ${error.message || "the browser refused it"}.`);
      });
    }

    start(container, media, element).catch((error: unknown) => {
      if (abort.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      setLoad({ kind: "failed", message: `The waveform is not available: ${message}. The recording still plays below.` });
    });
    return () => {
      abort.abort();
      instance?.destroy();
      surfer.current = null;
    };
  }, [source]);

  const play = () => {
    const ws = surfer.current;
    const promise = ws ? ws.play() : audio.current?.play();
    void promise?.catch((error: unknown) => {
      if (error instanceof DOMException && error.name === "AbortError") return;
      setPlayError(`The recording cannot be played here: ${error instanceof Error ? error.message : String(error)}.`);
    });
  };
  const pause = () => (surfer.current ? surfer.current.pause() : audio.current?.pause());
  const isPlaying = () => (surfer.current ? surfer.current.isPlaying() : audio.current?.paused === false);
  const seekTo = (ms: number) => {
    const seconds = Math.min(Math.max(0, ms / 1000), (duration || durationMs) / 1000);
    // The media element first: wavesurfer 8 defers a seek while the audio buffers and
    // drops that deferred seek when an earlier one lands, so quick repeated seeks
    // (←← while loading) would be lost. Then wavesurfer, to move its cursor at once.
    if (audio.current) audio.current.currentTime = seconds;
    surfer.current?.setTime(seconds);
  };
  const currentTimeMs = () => Math.round((surfer.current?.getCurrentTime() ?? audio.current?.currentTime ?? 0) * 1000);
  const togglePlay = () => (isPlaying() ? pause() : play());

  useImperativeHandle(ref, () => ({ seekTo, play, pause, togglePlay, currentTimeMs }));

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    // A focused button answers Space itself; text fields keep their keys.
    const interactive = target !== event.currentTarget && target.closest("button, input, select, textarea, a, audio");
    if (event.key === " " && !interactive) {
      event.preventDefault();
      togglePlay();
    } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !target.closest("input, select, textarea")) {
      event.preventDefault();
      const step = (event.key === "ArrowLeft" ? -SKIP_SECONDS : SKIP_SECONDS) * 1000;
      seekTo(currentTimeMs() + step);
    }
  }

  const laneCount = load.kind === "ready" ? load.lanes.length : Math.max(1, source.channels.length);
  return (
    <div
      ref={root}
      className="player"
      role="group"
      aria-label="Recording player"
      aria-describedby={keysId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-state={load.kind}
    >
      <div className="player__stage" style={{ minHeight: laneCount * LANE_HEIGHT }}>
        {load.kind === "ready" ? (
          <ul className="player__lanes" aria-label="Channels">
            {load.lanes.map((lane, index) => (
              <li key={index} className={`player__lane player__lane--${lane.role}`} style={{ height: LANE_HEIGHT }}>
                {lane.label}
              </li>
            ))}
          </ul>
        ) : null}
        <div ref={waveform} className="player__waveform" aria-hidden="true" />
        {load.kind === "loading" ? <p className="player__loading muted">Loading the waveform…</p> : null}
      </div>
      {load.kind === "failed" ? (
        <p className="alert alert--error" role="alert">
          {load.message}
        </p>
      ) : null}
      <div className="player__controls">
        <button type="button" className="button player__play" onClick={togglePlay}>
          {playing ? "Pause" : "Play"}
        </button>
        <span className="player__time" role="timer" aria-label="Position">
          {formatClock(second * 1000)} / {formatClock(duration)}
        </span>
        <span id={keysId} className="player__keys muted small">
          Space: play or pause · ← →: {SKIP_SECONDS} seconds back or forward · click the waveform to jump
        </span>
      </div>
      {playError ? (
        <p className="alert alert--error" role="alert">
          {playError}
        </p>
      ) : null}
      {/* Played through wavesurfer; with the waveform unavailable, shown with the browser's controls. */}
      <audio ref={audio} preload="metadata" src={source.audioUrl} controls={load.kind === "failed"} className="audio">
        <track kind="captions" />
      </audio>
    </div>
  );
});

export default WaveformPlayer;

function cssVariable(element: HTMLElement, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim();
}

/** The lane's colour from the stylesheet: the played part in full, the rest paler. */
function laneColours(element: HTMLElement, role: PlayerLane["role"]): { wave: string; progress: string } {
  const variable = role === "agent" ? "--agent" : role === "customer" ? "--customer" : "--accent";
  const colour = cssVariable(element, variable) || "#57606a";
  return { wave: paler(colour, 0.55), progress: colour };
}

/**
 * The colour mixed with white. Opaque on purpose: wavesurfer paints the progress
 * layer over the waveform's own pixels ("source-in"), so a translucent wave colour
 * would make the played part translucent too.
 */
function paler(colour: string, amount: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!hex) return colour;
  const channel = (value: string) =>
    Math.round(parseInt(value, 16) + (255 - parseInt(value, 16)) * amount)
      .toString(16)
      .padStart(2, "0");
  return `#${channel(hex[1] as string)}${channel(hex[2] as string)}${channel(hex[3] as string)}`;
}
