import { can } from "../access/permissions";
import type { Role } from "./roles";

export interface NavItem {
  to: string;
  label: string;
}

/** The main navigation for a role: only pages the role can open. */
export function navigationFor(role: Role): NavItem[] {
  const viewer = { role };
  const items: NavItem[] = [{ to: "/", label: "Home" }];
  if (can(viewer, "reviews:work")) items.push({ to: "/queue", label: "My queue" });
  if (can(viewer, "interactions:view")) {
    const label = role === "agent" ? "My conversations" : role === "supervisor" ? "Team conversations" : "Interactions";
    items.push({ to: "/interactions", label });
  }
  if (role === "agent") items.push({ to: "/feedback", label: "My feedback" });
  if (can(viewer, "acknowledgements:oversee")) items.push({ to: "/acknowledgements", label: "Acknowledgements" });
  // Every role has disputes it may see (its own, its team's, of its own work, or all): the list is scoped.
  items.push({ to: "/disputes", label: "Disputes" });
  if (can(viewer, "reports:view")) items.push({ to: "/reports", label: "Reports" });
  if (can(viewer, "coaching:oversee")) items.push({ to: "/coaching", label: "Coaching" });
  if (role === "agent") items.push({ to: "/my/coaching", label: "My coaching" });
  if (can(viewer, "assignments:manage")) items.push({ to: "/assignments", label: "Assignments" });
  if (can(viewer, "scorecards:manage")) items.push({ to: "/scorecards", label: "Scorecards" });
  if (can(viewer, "sampling:manage")) items.push({ to: "/sampling", label: "Sampling" });
  if (can(viewer, "interactions:ingest")) items.push({ to: "/import", label: "Import" });
  if (can(viewer, "users:manage")) items.push({ to: "/admin/users", label: "Users" });
  if (can(viewer, "teams:manage")) items.push({ to: "/admin/teams", label: "Teams" });
  if (can(viewer, "settings:manage")) items.push({ to: "/admin/settings", label: "Settings" });
  if (can(viewer, "webhooks:manage")) items.push({ to: "/admin/webhooks", label: "Webhooks" });
  if (can(viewer, "api-tokens:hold")) items.push({ to: "/settings/api-tokens", label: "API tokens" });
  return items;
}
