import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const titles: Record<number, string> = {
  400: "That request could not be read",
  403: "You do not have access",
  404: "Not found",
  409: "Someone else changed this",
  413: "Too large",
  422: "Please check what you entered",
  429: "Too many attempts",
  503: "Parley is unavailable for a moment",
};

/** The one error view every route's ErrorBoundary renders. */
export function ErrorPage({ error }: { error: unknown }) {
  let status = 500;
  let message = "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.";
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const body: unknown = error.data;
    if (body && typeof body === "object" && "message" in body && typeof body.message === "string") message = body.message;
    else if (typeof body === "string" && body) message = body;
    else if (status === 404) message = "There is nothing at this address, or you do not have access to it.";
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">Error {status}</p>
      <h1 id="error-title">{titles[status] ?? "Something went wrong"}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}

/** Exported as `ErrorBoundary` by every route, so an error keeps the app's navigation around it. */
export function RouteErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
