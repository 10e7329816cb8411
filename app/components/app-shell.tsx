import { Form, Link, NavLink } from "@remix-run/react";
import type { NavItem } from "../modules/users/navigation";
import { CsrfField } from "./csrf-field";

interface ShellUser {
  name: string;
  email: string;
  roleLabel: string;
}

export function AppShell({
  user,
  navigation,
  children,
}: {
  user: ShellUser | null;
  navigation: NavItem[];
  children: React.ReactNode;
}) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Parley home">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>{" "}
          Parley
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="mainnav">
              <ul>
                {navigation.map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.to === "/"} prefetch="intent">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="usermenu">
              <span className="usermenu__who">
                <span className="usermenu__name">{user.name}</span>
                <span className="usermenu__role">{user.roleLabel}</span>
              </span>
              <Form method="post" action="/logout">
                <CsrfField />
                <button type="submit" className="button button--quiet">
                  Sign out
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
