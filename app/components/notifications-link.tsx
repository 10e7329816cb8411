import { NavLink } from "@remix-run/react";

/** The inbox in the top bar, with the unread count; the label says it in words for screen readers. */
export function NotificationsLink({ unread }: { unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread.toLocaleString("en-GB")} unread`;
  return (
    <NavLink to="/notifications" className="nav-inbox" aria-label={label} title={label}>
      Notifications
      {unread > 0 ? (
        <span className="nav-inbox__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
