import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, type RefObject } from "react";

/**
 * Leaving the page while parts are in flight would strand them: ask first, and abort
 * them if so (also when the form unmounts).
 */
export function useUploadLeaveGuard(uploading: boolean, abort: RefObject<AbortController | null>) {
  useEffect(() => () => abort.current?.abort(), [abort]);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (uploading) event.preventDefault();
      },
      [uploading],
    ),
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => uploading && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("The recording is still uploading. Leave the page and cancel the upload?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);
}
