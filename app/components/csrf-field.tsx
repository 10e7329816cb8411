import { useRouteLoaderData } from "@remix-run/react";
import type { RootLoaderData } from "../root";

/** The session's CSRF token as a hidden field; every form that posts includes it. */
export function CsrfField() {
  const root = useRouteLoaderData<RootLoaderData>("root");
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}
