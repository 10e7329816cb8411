import { forwardRef, lazy, Suspense } from "react";
import { PlainAudioPlayer } from "./plain-audio-player";
import type { PlayerHandle, PlayerProps } from "./types";
import { useHydrated } from "./use-hydrated";

// wavesurfer.js needs the browser: its module is fetched only after hydration, as
// its own chunk, and the server build sees an empty `.client` module.
const WaveformPlayer = lazy(() => import("./waveform-player.client"));

/**
 * The recording player for any page: the waveform player once peaks exist and the
 * page is hydrated, the browser's audio controls until then. Give it a `key` per
 * recording; it reads its sources once (presigned URLs change on every reload).
 */
export const RecordingPlayer = forwardRef<PlayerHandle, PlayerProps>(function RecordingPlayer(props, ref) {
  const hydrated = useHydrated();
  const plain = <PlainAudioPlayer ref={ref} audioUrl={props.audioUrl} onTimeUpdate={props.onTimeUpdate} />;
  if (!props.peaksUrl || !hydrated) return plain;
  return (
    <Suspense fallback={plain}>
      <WaveformPlayer ref={ref} {...props} peaksUrl={props.peaksUrl} />
    </Suspense>
  );
});
