import { useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";

/**
 * A fetcher whose `submit` returns a promise of the action's answer, so a sequence of
 * posts (start the upload → upload → import) reads as one async function. The post
 * still goes through the route's action like any fetcher submission; a redirect
 * answer navigates and the promise resolves with `undefined`.
 */
export function useActionSubmit<T>(action: string, key: string) {
  const fetcher = useFetcher<T>({ key });
  const waiting = useRef<{ resolve: (value: T | undefined) => void; busy: boolean; before: unknown } | null>(null);
  const latest = useRef<unknown>(fetcher.data);
  latest.current = fetcher.data;

  useEffect(() => {
    const current = waiting.current;
    if (!current) return;
    if (fetcher.state !== "idle") {
      current.busy = true;
      return;
    }
    // Idle again after being busy, or a new answer already in (both updates rendered at once).
    if (current.busy || fetcher.data !== current.before) {
      waiting.current = null;
      current.resolve(fetcher.data);
    }
  }, [fetcher.state, fetcher.data]);

  const { submit: submitFetcher } = fetcher;
  const submit = useCallback(
    (form: FormData) =>
      new Promise<T | undefined>((resolve) => {
        waiting.current?.resolve(undefined);
        waiting.current = { resolve, busy: false, before: latest.current };
        submitFetcher(form, { method: "post", action, encType: "multipart/form-data" });
      }),
    [action, submitFetcher],
  );

  return { submit, state: fetcher.state, data: fetcher.data as T | undefined };
}
