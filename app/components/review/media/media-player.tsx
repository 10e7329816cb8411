/**
 * The recording in the review workspace: the waveform (with annotation regions) once
 * peaks exist; before the page is interactive, the waveform's shell with the overview the
 * server drew (waveform-frame.tsx). For recordings still being processed, the browser's
 * own audio controls with the same handle, so the transcript and the shortcuts work either
 * way.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useHydrated } from "../../player/use-hydrated";
import type { MediaHandle, MediaPlayerSource } from "./types";
import { useMediaHandle } from "./use-media-handle";
import { WaveformShell } from "./waveform-frame";
import type { Waveform as WaveformComponent, WaveformProps } from "./waveform.client";

// wavesurfer.js needs the browser: its own chunk, requested as soon as this module runs in
// the browser (while the page hydrates) rather than when the player first renders. Not
// React.lazy: a Suspense retry waits behind transitions (the rest of a long transcript
// rendering), a plain state update does not.
type WaveformModule = { Waveform: typeof WaveformComponent };
let waveformModule: WaveformModule | null = null;
const waveformLoading: Promise<WaveformModule> | null =
  typeof document === "undefined"
    ? null
    : import("./waveform.client").then((module) => {
        waveformModule = module;
        return module;
      });

function useWaveformModule(wanted: boolean): WaveformModule | null {
  const [module, setModule] = useState(waveformModule);
  const [failed, setFailed] = useState<Error | null>(null);
  useEffect(() => {
    if (!wanted || module || !waveformLoading) return;
    let current = true;
    waveformLoading.then(
      (loaded) => current && setModule(loaded),
      (error: unknown) => current && setFailed(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      current = false;
    };
  }, [wanted, module]);
  // A chunk that cannot load (offline, a new deployment) is the route's error to show.
  if (failed) throw failed;
  return module;
}

export type MediaPlayerProps = Omit<WaveformProps, "source"> & { source: MediaPlayerSource };

export const MediaPlayer = forwardRef<MediaHandle, MediaPlayerProps>(function MediaPlayer(props, ref) {
  const hydrated = useHydrated();
  const { source } = props;
  const plain = (
    <PlainPlayer
      ref={ref}
      audioUrl={source.audioUrl}
      onTimeUpdate={props.onTimeUpdate}
      note="The waveform is being prepared; the recording already plays."
    />
  );
  const { peaksUrl } = source;
  const module = useWaveformModule(hydrated && peaksUrl !== null);
  if (!peaksUrl) return plain;
  if (!hydrated || !module) return <WaveformShell source={source} />;
  const { Waveform } = module;
  return <Waveform ref={ref} {...props} source={{ ...source, peaksUrl }} />;
});

/** The browser's audio controls, with the player's handle. */
const PlainPlayer = forwardRef<MediaHandle, { audioUrl: string; onTimeUpdate: (ms: number) => void; note: string }>(function PlainPlayer(
  { audioUrl, onTimeUpdate, note },
  ref,
) {
  const audio = useRef<HTMLAudioElement>(null);
  // Presigned URLs change on every load of the page data; the first one is kept (it lasts an hour).
  const [src] = useState(audioUrl);
  const [error, setError] = useState<string | null>(null);
  const handle = useMediaHandle(audio, null, 0, () => {}, setError);
  useImperativeHandle(ref, () => handle, [handle]);
  return (
    <div className="media-player media-player--plain" data-state="plain">
      <p className="muted small media-player__note">{note}</p>
      <audio
        ref={audio}
        controls
        preload="metadata"
        src={src}
        className="audio"
        aria-label="Recording"
        onTimeUpdate={(event) => onTimeUpdate(Math.round(event.currentTarget.currentTime * 1000))}
      >
        <track kind="captions" />
      </audio>
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
});
