import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteError } from "@remix-run/react";
import { AppShell } from "./components/app-shell";
import { ErrorPage } from "./components/error-page";
import { getSession } from "./lib/auth.server";
import { useNonce } from "./lib/nonce";
import { db } from "./lib/db.server";
import { countUnread } from "./modules/notifications/list-notifications.server";
import { navigationFor } from "./modules/users/navigation";
import { roleLabels } from "./modules/users/roles";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (!session) return { user: null, csrfToken: null, navigation: [] };
  const { viewer } = session;
  return {
    user: { name: viewer.name, email: viewer.email, role: viewer.role, roleLabel: roleLabels[viewer.role], unread: await countUnread(db(), viewer) },
    csrfToken: session.csrfToken,
    navigation: navigationFor(viewer.role),
  };
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>;

function Document({ children, title }: { children: React.ReactNode; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, navigation } = useLoaderData<typeof loader>();
  return (
    <Document>
      <AppShell user={user} navigation={navigation}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <Document title="Error · Parley">
      <main id="main" className="page page--narrow">
        <ErrorPage error={error} />
      </main>
    </Document>
  );
}
