import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";
import { roles } from "./roles";

const labels = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.label);

describe("navigationFor", () => {
  it("shows an agent their own conversations, their feedback and nothing to administer", () => {
    expect(navigationFor("agent")).toEqual([
      { to: "/", label: "Home" },
      { to: "/interactions", label: "My conversations" },
      { to: "/feedback", label: "My feedback" },
      { to: "/disputes", label: "Disputes" },
      { to: "/reports", label: "Reports" },
      { to: "/my/coaching", label: "My coaching" },
      { to: "/settings/api-tokens", label: "API tokens" },
    ]);
  });

  it("shows a supervisor their team's conversations and who has not acknowledged feedback", () => {
    expect(labels("supervisor")).toEqual(["Home", "Team conversations", "Acknowledgements", "Disputes", "Reports", "Coaching", "API tokens"]);
  });

  it("shows a QA specialist their queue and all interactions but no import, sampling or admin pages", () => {
    expect(labels("qa")).toEqual(["Home", "My queue", "Interactions", "Disputes", "Reports", "API tokens"]);
  });

  it("lets a QA lead review, run sampling, oversee assignments, import and manage API tokens, without admin pages", () => {
    expect(labels("qa_lead")).toEqual(["Home", "My queue", "Interactions", "Acknowledgements", "Disputes", "Reports", "Coaching", "Assignments", "Scorecards", "Sampling", "Import", "API tokens"]);
  });

  it("shows an admin the user and team admin pages", () => {
    expect(navigationFor("admin")).toEqual([
      { to: "/", label: "Home" },
      { to: "/interactions", label: "Interactions" },
      { to: "/acknowledgements", label: "Acknowledgements" },
      { to: "/disputes", label: "Disputes" },
      { to: "/reports", label: "Reports" },
      { to: "/coaching", label: "Coaching" },
      { to: "/assignments", label: "Assignments" },
      { to: "/scorecards", label: "Scorecards" },
      { to: "/sampling", label: "Sampling" },
      { to: "/import", label: "Import" },
      { to: "/admin/users", label: "Users" },
      { to: "/admin/teams", label: "Teams" },
      { to: "/admin/settings", label: "Settings" },
      { to: "/admin/webhooks", label: "Webhooks" },
      { to: "/settings/api-tokens", label: "API tokens" },
    ]);
  });

  it("starts every role's menu at Home and never links a page twice", () => {
    for (const role of roles) {
      const items = navigationFor(role);
      expect(items[0]).toEqual({ to: "/", label: "Home" });
      expect(new Set(items.map((item) => item.to)).size).toBe(items.length);
    }
  });
});
