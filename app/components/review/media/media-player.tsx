/**
 * The recording in the review workspace: the waveform (with annotation regions) once
 * peaks exist and the page is hydrated; until then, and for recordings still being
 * processed, the browser's own audio controls with the same handle, so the transcript
 * and the shortcuts work either way.
 */
import { forwardRef, lazy, Suspense, useImperativeHandle, useRef, useState } from "react";
import { useHydrated } from "../../player/use-hydrated";
import type { MediaHandle, MediaPlayerSource } from "./types";
import { useMediaHandle } from "./use-media-handle";
import type { WaveformProps } from "./waveform.client";

// wavesurfer.js needs the browser: fetched after hydration as its own chunk.
const Waveform = lazy(() => import("./waveform.client"));

export type MediaPlayerProps = Omit<WaveformProps, "source"> & { source: MediaPlayerSource };

export const MediaPlayer = forwardRef<MediaHandle, MediaPlayerProps>(function MediaPlayer(props, ref) {
  const hydrated = useHydrated();
  const { source } = props;
  const plain = (
    <PlainPlayer
      ref={ref}
      audioUrl={source.audioUrl}
      onTimeUpdate={props.onTimeUpdate}
      note={source.peaksUrl ? "Loading the waveform…" : "The waveform is being prepared; the recording already plays."}
    />
  );
  const { peaksUrl } = source;
  if (!peaksUrl || !hydrated) return plain;
  return (
    <Suspense fallback={plain}>
      <Waveform ref={ref} {...props} source={{ ...source, peaksUrl }} />
    </Suspense>
  );
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
