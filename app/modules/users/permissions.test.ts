import { describe, expect, it } from "vitest";
import { can, interactionScope, type Permission } from "./permissions";
import { roles, type Role, type Viewer } from "./roles";

const everyPermission: Permission[] = [
  "users:manage",
  "teams:manage",
  "settings:manage",
  "interactions:view",
  "interactions:view-all",
  "interactions:ingest",
  "scorecards:manage",
  "sampling:manage",
  "assignments:manage",
  "reviews:work",
  "evaluations:edit",
  "acknowledgements:oversee",
];

const viewer = (role: Role, teamIds: string[] = []): Viewer => ({
  id: `${role}-id`,
  name: role,
  email: `${role}@example.test`,
  role,
  teamIds,
});

const granted = (role: Role) => everyPermission.filter((permission) => can({ role }, permission));

describe("can", () => {
  // Correcting and voiding scores is QA's judgement (DESIGN.md: "void (lead, with reason)").
  it("gives admins every permission except a review queue of their own and correcting evaluations", () => {
    expect(granted("admin")).toEqual(everyPermission.filter((p) => p !== "reviews:work" && p !== "evaluations:edit"));
  });

  it("lets QA leads see and import all interactions, run sampling and review, but not administer the organisation", () => {
    expect(granted("qa_lead")).toEqual([
      "interactions:view",
      "interactions:view-all",
      "interactions:ingest",
      "scorecards:manage",
      "sampling:manage",
      "assignments:manage",
      "reviews:work",
      "evaluations:edit",
      "acknowledgements:oversee",
    ]);
  });

  it("lets QA specialists see all interactions and work their queue, but not import or sample", () => {
    expect(granted("qa")).toEqual(["interactions:view", "interactions:view-all", "reviews:work"]);
  });

  it("lets a supervisor view interactions and who has not acknowledged feedback, only within their scope", () => {
    expect(granted("supervisor")).toEqual(["interactions:view", "acknowledgements:oversee"]);
  });

  it("lets an agent view interactions only within their scope", () => {
    expect(granted("agent")).toEqual(["interactions:view"]);
  });

  it("never lets anyone but an admin manage users, teams or settings", () => {
    for (const role of roles.filter((r) => r !== "admin")) {
      expect(can({ role }, "users:manage")).toBe(false);
      expect(can({ role }, "teams:manage")).toBe(false);
      expect(can({ role }, "settings:manage")).toBe(false);
    }
  });
});

describe("interactionScope", () => {
  it.each(["admin", "qa_lead", "qa"] as const)("lets a %s see every interaction", (role) => {
    expect(interactionScope(viewer(role))).toEqual({ kind: "all" });
  });

  it("limits a supervisor to the teams they lead", () => {
    expect(interactionScope(viewer("supervisor", ["t1", "t2"]))).toEqual({ kind: "teams", teamIds: ["t1", "t2"] });
  });

  it("gives a supervisor with no team an empty team scope, not everything", () => {
    expect(interactionScope(viewer("supervisor"))).toEqual({ kind: "teams", teamIds: [] });
  });

  it("limits an agent to their own interactions, whatever team they are in", () => {
    expect(interactionScope(viewer("agent", ["t1"]))).toEqual({ kind: "own", agentId: "agent-id" });
  });
});
