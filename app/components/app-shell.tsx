import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { NavItem } from "../modules/users/navigation";
import { CsrfField } from "./csrf-field";
import { NotificationsLink } from "./notifications-link";

interface ShellUser {
  name: string;
  email: string;
  roleLabel: string;
  /** Unread notifications, for the inbox link. */
  unread: number;
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
  // On a narrow screen the links fold behind "Menu" (CSS shows them inline on wide ones).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname, location.search]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape" && menuOpen) {
      setMenuOpen(false);
      menuButton.current?.focus();
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className={`topbar${menuOpen ? " topbar--menu-open" : ""}`} onKeyDown={closeOnEscape}>
        <Link to="/" className="brand" aria-label="Parley home">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>{" "}
          Parley
        </Link>
        {user ? (
          <>
            <button
              ref={menuButton}
              type="button"
              className="button button--quiet topbar__menu-button"
              aria-expanded={menuOpen}
              aria-controls="main-navigation"
              onClick={() => setMenuOpen((open) => !open)}
            >
              Menu
            </button>
            <nav aria-label="Main" className="mainnav" id="main-navigation">
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
              <NotificationsLink unread={user.unread} />
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
