import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { RouteErrorBoundary } from "./error-page";

/**
 * "First page" (when not on it) and "Next page" (when there is one) of a keyset-paged list.
 * `label` names the navigation when a page has two paged lists (landmarks must differ).
 */
export function KeysetPager({ firstHref, nextHref, label = "Pages" }: { firstHref: string | null; nextHref: string | null; label?: string }) {
  return (
    <nav className="pager" aria-label={label}>
      {firstHref ? <Link to={firstHref}>First page</Link> : null}
      {nextHref ? (
        <Link to={nextHref} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

/** The error boundary of a keyset-paged list: a bad page link answers 400, and the way out is its first page. */
export function keysetListErrorBoundary(firstPage: string, label: string) {
  return function KeysetListErrorBoundary() {
    const error = useRouteError();
    return (
      <>
        <RouteErrorBoundary />
        {isRouteErrorResponse(error) && error.status === 400 ? (
          <p className="error-page__extra">
            <Link to={firstPage}>{label}</Link>
          </p>
        ) : null}
      </>
    );
  };
}
