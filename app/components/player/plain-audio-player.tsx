import { forwardRef, useImperativeHandle, useRef, useState } from "react";
import type { PlayerHandle } from "./types";

/**
 * The browser's own audio controls, with the player's handle: shown before the
 * waveform exists (processing, failed), while the waveform code loads, and on the
 * server. Seeking from the transcript works here too.
 */
export const PlainAudioPlayer = forwardRef<
  PlayerHandle,
  { audioUrl: string; onTimeUpdate?: (ms: number) => void; label?: string }
>(function PlainAudioPlayer({ audioUrl, onTimeUpdate, label = "Recording" }, ref) {
  const audio = useRef<HTMLAudioElement>(null);
  // Presigned URLs change on every load of the page data; swapping the source
  // would restart playback, so the first one is kept (it lasts an hour).
  const [src] = useState(audioUrl);
  useImperativeHandle(
    ref,
    () => ({
      seekTo(ms) {
        if (audio.current) audio.current.currentTime = Math.max(0, ms / 1000);
      },
      play() {
        void audio.current?.play().catch(() => {});
      },
      pause() {
        audio.current?.pause();
      },
      togglePlay() {
        const element = audio.current;
        if (!element) return;
        if (element.paused) void element.play().catch(() => {});
        else element.pause();
      },
      currentTimeMs() {
        return Math.round((audio.current?.currentTime ?? 0) * 1000);
      },
    }),
    [],
  );
  return (
    <audio
      ref={audio}
      controls
      preload="metadata"
      src={src}
      className="audio"
      aria-label={label}
      onTimeUpdate={(event) => onTimeUpdate?.(Math.round(event.currentTarget.currentTime * 1000))}
    >
      <track kind="captions" />
    </audio>
  );
});
