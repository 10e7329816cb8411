import { useEffect, useRef } from "react";

/**
 * Calls `onAnswer` once for each answer a fetcher gets back, and `onNoAnswer` when a request
 * ends without a new one (aborted, or the same data as before). The autosaves treat the second
 * as a failure to retry, so a page never waits forever for a save that will not answer.
 */
export function useFetcherAnswer<T>(fetcher: { state: string; data: T | undefined }, onAnswer: (result: T) => void, onNoAnswer: () => void): void {
  const handled = useRef<T | undefined>(fetcher.data);
  const wasBusy = useRef(false);
  const callbacks = useRef({ onAnswer, onNoAnswer });
  useEffect(() => {
    callbacks.current = { onAnswer, onNoAnswer };
  });
  useEffect(() => {
    if (fetcher.state !== "idle") {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    const result = fetcher.data;
    if (result === undefined || result === handled.current) {
      callbacks.current.onNoAnswer();
      return;
    }
    handled.current = result;
    callbacks.current.onAnswer(result);
  }, [fetcher.state, fetcher.data]);
}
