/**
 * The player's handle over its one <audio> element: a stable object, so the workspace's
 * shortcuts and transcript can hold it. Everything goes through the element, whether the
 * waveform is drawn yet or not; wavesurfer.js follows the element's events.
 */
import { useMemo, useRef, type RefObject } from "react";
import type { MediaHandle } from "./types";

/** How long a turn waits for a seek that does not land (a stalled network) before it is shown anyway. */
const SEEK_PATIENCE_MS = 1000;

export function useMediaHandle(
  audio: RefObject<HTMLAudioElement | null>,
  durationMs: number,
  onPlayError: (message: string) => void,
): MediaHandle {
  const state = useRef({ durationMs, onPlayError });
  state.current = { durationMs, onPlayError };
  // The one pending "after the seek" callback: a newer seek replaces it.
  const pending = useRef<(() => void) | null>(null);

  return useMemo<MediaHandle>(() => {
    const media = () => audio.current;
    const currentTimeMs = () => Math.round((media()?.currentTime ?? 0) * 1000);
    const seekTo = (ms: number) => {
      const element = media();
      if (!element) return;
      const limit = state.current.durationMs > 0 ? state.current.durationMs : Infinity;
      // Only the element: wavesurfer's own setTime defers a seek while the audio buffers and
      // applies it again once it can play (a second seek, restarting playback). A quick
      // series of seeks (J J J) works natively: each assignment replaces the one before.
      element.currentTime = Math.min(Math.max(0, ms), limit) / 1000;
      // The clock and the waveform's cursor move now, not when the seek lands.
      element.dispatchEvent(new Event("timeupdate"));
    };
    const afterSeek = (callback: () => void) => {
      pending.current?.();
      const element = media();
      if (!element?.seeking) {
        pending.current = null;
        callback();
        return;
      }
      let timer = 0;
      const cancel = () => {
        element.removeEventListener("seeked", land);
        window.clearTimeout(timer);
        if (pending.current === cancel) pending.current = null;
      };
      const land = () => {
        cancel();
        callback();
      };
      timer = window.setTimeout(land, SEEK_PATIENCE_MS);
      element.addEventListener("seeked", land, { once: true });
      pending.current = cancel;
    };
    const play = () => {
      media()
        ?.play()
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") return;
          state.current.onPlayError(`The recording cannot be played here: ${error instanceof Error ? error.message : String(error)}.`);
        });
    };
    const pause = () => media()?.pause();
    return {
      seekTo,
      play,
      pause,
      togglePlay: () => (media()?.paused === false ? pause() : play()),
      skip: (ms: number) => seekTo(currentTimeMs() + ms),
      currentTimeMs,
      playbackRate: () => media()?.playbackRate ?? 1,
      setPlaybackRate(rate: number) {
        const element = media();
        if (!element) return;
        element.preservesPitch = true;
        element.playbackRate = rate;
      },
      afterSeek,
    };
  }, [audio]);
}
