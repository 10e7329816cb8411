/**
 * The recording on a conversation's page and in the review workspace: one <audio> element
 * that plays from the presigned URL for as long as the page lives, its handle, the transport
 * and, above them, the waveform:
 *   - before the waveform's module has loaded (the server's render included), its box with
 *     the overview the server drew (waveform-frame.tsx);
 *   - then wavesurfer.js drawing the full peaks over the same element (waveform.client.tsx);
 *   - for a recording still being processed, or whose waveform failed, the browser's own
 *     controls on that element.
 * Because the element stays, playback goes on when the waveform arrives (a processing call
 * becoming ready while it plays), and keys and clicks work before the waveform has loaded.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "../use-hydrated";
import { Transport } from "./transport";
import type { MediaHandle, MediaPlayerSource } from "./types";
import { useMediaHandle } from "./use-media-handle";
import type { Waveform as WaveformComponent, WaveformLoad, WaveformOptions } from "./waveform.client";
import { WaveformShell } from "./waveform-frame";

// wavesurfer.js needs the browser: its own chunk, requested as soon as this module runs in
// the browser (while the page hydrates) rather than when the player first renders. Not
// React.lazy: a Suspense retry waits behind transitions (the rest of a long transcript
// rendering), a plain state update does not. A failed load is forgotten so the next player
// tries again.
type WaveformModule = { Waveform: typeof WaveformComponent };
let waveformModule: WaveformModule | null = null;
let waveformLoading: Promise<WaveformModule> | null = null;

function loadWaveformModule(): Promise<WaveformModule> {
  waveformLoading ??= import("./waveform.client").then(
    (module) => (waveformModule = module),
    (error: unknown) => {
      waveformLoading = null;
      throw error;
    },
  );
  return waveformLoading;
}
if (typeof document !== "undefined") loadWaveformModule().catch(() => {});

/** The waveform's module once loaded; `failed` when it could not be (offline, a new deployment). */
function useWaveformModule(wanted: boolean): { module: WaveformModule | null; failed: boolean } {
  const [module, setModule] = useState(waveformModule);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || module) return;
    let current = true;
    loadWaveformModule().then(
      (loaded) => current && setModule(loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [wanted, module]);
  return { module, failed };
}

export type MediaPlayerProps = WaveformOptions & {
  source: MediaPlayerSource;
  /** As playback moves (about four times a second while playing) and right after every seek. */
  onTimeUpdate: (ms: number) => void;
  /** A click on the waveform: the page seeks (and keeps its transcript in step). */
  onSeek: (ms: number) => void;
};

const plainNotes: Record<MediaPlayerSource["status"], string> = {
  processing: "The waveform is being prepared; the recording already plays.",
  failed: "There is no waveform for this recording; it may still play here.",
  ready: "The waveform could not be loaded; the recording still plays.",
};

export const MediaPlayer = forwardRef<MediaHandle, MediaPlayerProps>(function MediaPlayer(props, ref) {
  const { source } = props;
  const hydrated = useHydrated();
  const audio = useRef<HTMLAudioElement>(null);
  // Presigned URLs change on every load of the page data; the first one is kept (it lasts an hour).
  const [src] = useState(source.audioUrl);
  const [playing, setPlaying] = useState(false);
  const [second, setSecond] = useState(0);
  const [rate, setRate] = useState(1);
  const [durationMs, setDurationMs] = useState(source.durationMs);
  const [error, setError] = useState<string | null>(null);
  const [load, setLoad] = useState<WaveformLoad>({ kind: "loading" });
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const handle = useMediaHandle(audio, durationMs, setError);
  useImperativeHandle(ref, () => handle, [handle]);

  const { peaksUrl } = source;
  const { module, failed: moduleFailed } = useWaveformModule(hydrated && peaksUrl !== null);
  const plain = peaksUrl === null || moduleFailed || load.kind === "failed";
  const state = peaksUrl === null ? "plain" : moduleFailed ? "failed" : load.kind;

  let stage: ReactNode;
  if (peaksUrl === null || moduleFailed) {
    stage = <p className="muted small media-player__note">{plainNotes[peaksUrl === null ? source.status : "ready"]}</p>;
  } else if (hydrated && module) {
    stage = (
      <module.Waveform
        source={{ ...source, peaksUrl }}
        audio={audio}
        regions={props.regions}
        draft={props.draft}
        selectable={props.selectable}
        onDraw={props.onDraw}
        onRegionClick={props.onRegionClick}
        onSeek={props.onSeek}
        onLoad={(next) => {
          setLoad(next);
          if (next.kind === "ready") setDurationMs(next.durationMs);
        }}
      />
    );
  } else {
    stage = <WaveformShell source={source} />;
  }

  return (
    <div className="media-player" data-state={state} data-waveform-ready={state === "ready" ? "true" : undefined}>
      {stage}
      {plain ? null : (
        <Transport
          playing={playing}
          positionMs={second * 1000}
          durationMs={durationMs}
          rate={rate}
          onToggle={handle.togglePlay}
          onSkip={handle.skip}
          onRate={handle.setPlaybackRate}
          disabled={!hydrated}
        />
      )}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
      {/* The one element that plays; with the waveform drawn, its controls are the transport's. */}
      <audio
        ref={audio}
        preload="metadata"
        src={src}
        controls={plain}
        className="audio"
        aria-label="Recording"
        onPlay={() => {
          setPlaying(true);
          setError(null);
        }}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onRateChange={(event) => setRate(event.currentTarget.playbackRate)}
        onTimeUpdate={(event) => {
          const ms = Math.round(event.currentTarget.currentTime * 1000);
          setSecond(Math.floor(ms / 1000));
          latest.current.onTimeUpdate(ms);
        }}
        onError={() => setError("The recording could not be loaded: the link to storage may have expired (reload the page), or this browser cannot play its format.")}
      >
        <track kind="captions" />
      </audio>
    </div>
  );
});
