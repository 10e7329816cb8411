/**
 * The player's handle over an <audio> element, and wavesurfer when it is drawn: one
 * stable object, so the workspace's shortcuts and transcript can hold it.
 */
import { useMemo, useRef, type RefObject } from "react";
import type WaveSurfer from "wavesurfer.js";
import type { MediaHandle } from "./types";

export function useMediaHandle(
  audio: RefObject<HTMLAudioElement | null>,
  surfer: RefObject<WaveSurfer | null> | null,
  durationMs: number,
  onRate: (rate: number) => void,
  onPlayError: (message: string) => void,
): MediaHandle {
  const state = useRef({ durationMs, onRate, onPlayError });
  state.current = { durationMs, onRate, onPlayError };

  return useMemo<MediaHandle>(() => {
    const media = () => audio.current;
    const wave = () => surfer?.current ?? null;
    const currentTimeMs = () => Math.round((wave()?.getCurrentTime() ?? media()?.currentTime ?? 0) * 1000);
    const seekTo = (ms: number) => {
      const limit = state.current.durationMs > 0 ? state.current.durationMs : Infinity;
      const seconds = Math.min(Math.max(0, ms), limit) / 1000;
      // The media element only. wavesurfer 8's setTime defers a seek while the audio buffers
      // and applies it again once it can play, which restarted playback a moment after it
      // began (a second seek), and it drops a deferred seek when an earlier one lands (JJJ
      // while loading). Its cursor follows the element's timeupdate once the seek lands.
      const element = media();
      if (element) element.currentTime = seconds;
      else wave()?.setTime(seconds);
    };
    const play = () => {
      const promise = wave()?.play() ?? media()?.play();
      promise?.catch((error: unknown) => {
        if (error instanceof DOMException && error.name === "AbortError") return;
        state.current.onPlayError(`The recording cannot be played here: ${error instanceof Error ? error.message : String(error)}.`);
      });
    };
    const pause = () => {
      const ws = wave();
      if (ws) ws.pause();
      else media()?.pause();
    };
    const afterSeek = (callback: () => void) => {
      const element = media();
      if (!element?.seeking) {
        callback();
        return;
      }
      // Whichever comes first: the seek lands, or a second passes (a stalled network).
      let done = false;
      const run = () => {
        if (done) return;
        done = true;
        element.removeEventListener("seeked", run);
        window.clearTimeout(timer);
        callback();
      };
      const timer = window.setTimeout(run, 1000);
      element.addEventListener("seeked", run, { once: true });
    };
    const isPlaying = () => wave()?.isPlaying() ?? media()?.paused === false;
    return {
      seekTo,
      play,
      pause,
      togglePlay: () => (isPlaying() ? pause() : play()),
      skip: (ms: number) => seekTo(currentTimeMs() + ms),
      afterSeek,
      currentTimeMs,
      playbackRate: () => media()?.playbackRate ?? 1,
      setPlaybackRate(rate: number) {
        const element = media();
        if (!element) return;
        element.preservesPitch = true;
        element.playbackRate = rate;
        state.current.onRate(rate);
      },
    };
  }, [audio, surfer]);
}
