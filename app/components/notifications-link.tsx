import { NavLink } from "@remix-run/react";

/** The inbox in the top bar, with the unread count; the label says it in words for screen readers. */
export function NotificationsLink({ unread }: { unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread.toLocaleString("en-GB")} unread`;
  return (
    <NavLink to="/notifications" className="nav-inbox" aria-label={label} title={label}>
      {/* A phone's top bar keeps to one row with the shorter word; the label says it in full. */}
      <span className="nav-inbox__word">Notifications</span>
      <span className="nav-inbox__short">Inbox</span>
      {unread > 0 ? (
        <span className="nav-inbox__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
