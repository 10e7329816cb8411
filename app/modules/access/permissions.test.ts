import { describe, expect, it } from "vitest";
import { can, interactionScope, permissions, rolesWith, type Permission } from "./permissions";
import { roles, type Role, type Viewer } from "../users/roles";
import { seesHiddenAnswers } from "./rules";

const everyPermission: readonly Permission[] = permissions;

const viewer = (role: Role, teamIds: string[] = []): Viewer => ({
  id: `${role}-id`,
  name: role,
  email: `${role}@example.test`,
  role,
  teamIds,
});

const granted = (role: Role) => everyPermission.filter((permission) => can({ role }, permission));

describe("can", () => {
  // Correcting and voiding scores, arbitrating and coaching are QA's and supervisors' judgement.
  it("gives admins every permission except a review queue, self-evaluating, correcting evaluations, disputes and coaching", () => {
    expect(granted("admin")).toEqual(
      everyPermission.filter((p) => !["reviews:work", "evaluations:self", "evaluations:edit", "disputes:raise", "disputes:endorse", "disputes:decide", "coaching:manage"].includes(p)),
    );
  });

  it("lets QA leads see and import all interactions, run sampling and review, release, arbitrate, calibrate and coach, but not administer the organisation", () => {
    expect(granted("qa_lead")).toEqual([
      "users:read-workforce",
      "api-tokens:hold",
      "interactions:view",
      "interactions:view-all",
      "interactions:ingest",
      "scorecards:manage",
      "sampling:manage",
      "assignments:manage",
      "reviews:work",
      "evaluations:release",
      "evaluations:see-hidden-answers",
      "evaluations:edit",
      "acknowledgements:oversee",
      "disputes:decide",
      "calibration:run",
      "coaching:manage",
      "coaching:oversee",
      "reports:view",
      "reports:reviewers",
    ]);
  });

  it("lets QA specialists see all interactions and work their queue, but not import, sample or release", () => {
    expect(granted("qa")).toEqual(["api-tokens:hold", "interactions:view", "interactions:view-all", "reviews:work", "evaluations:see-hidden-answers", "reports:view"]);
  });

  it("lets a supervisor view interactions only within their scope, see who has not acknowledged, dispute for their agents and coach them", () => {
    expect(granted("supervisor")).toEqual(["api-tokens:hold", "interactions:view", "evaluations:see-hidden-answers", "acknowledgements:oversee", "disputes:raise", "disputes:endorse", "coaching:manage", "coaching:oversee", "reports:view"]);
  });

  it("lets an agent view interactions only within their scope, self-evaluate and dispute their evaluations", () => {
    expect(granted("agent")).toEqual(["api-tokens:hold", "interactions:view", "evaluations:self", "disputes:raise", "reports:view"]);
    expect(rolesWith("evaluations:self")).toEqual(["agent"]);
  });

  it("never lets the reviewer's side raise a dispute, nor anyone but a QA lead decide one", () => {
    expect(rolesWith("disputes:raise")).toEqual(["supervisor", "agent"]);
    expect(rolesWith("disputes:decide")).toEqual(["qa_lead"]);
  });

  it("lets only QA leads read the workforce's accounts (admins read every account)", () => {
    expect(rolesWith("users:read-workforce")).toEqual(["admin", "qa_lead"]);
    expect(rolesWith("users:read")).toEqual(["admin"]);
  });

  it("shows the answers hidden from agents to every role but the agent", () => {
    expect(rolesWith("evaluations:see-hidden-answers")).toEqual(["admin", "qa_lead", "qa", "supervisor"]);
    // The rule the evaluation reads go through (get-evaluation, the history) asks the grants, not the role's name.
    expect(roles.filter((role) => seesHiddenAnswers(viewer(role)))).toEqual(["admin", "qa_lead", "qa", "supervisor"]);
  });

  it("lets QA leads and admins release evaluations, and only QA leads correct them (not QA specialists)", () => {
    expect(rolesWith("evaluations:release")).toEqual(["admin", "qa_lead"]);
    expect(rolesWith("evaluations:edit")).toEqual(["qa_lead"]);
  });

  it("lets every role hold personal API tokens (they act within the owner's own scope)", () => {
    expect(rolesWith("api-tokens:hold")).toEqual([...roles]);
  });

  it("never lets anyone but an admin manage users, teams, settings, tokens or webhooks", () => {
    for (const role of roles.filter((r) => r !== "admin")) {
      expect(can({ role }, "users:manage")).toBe(false);
      expect(can({ role }, "users:read")).toBe(false);
      expect(can({ role }, "teams:manage")).toBe(false);
      expect(can({ role }, "settings:manage")).toBe(false);
      expect(can({ role }, "api-tokens:manage")).toBe(false);
      expect(can({ role }, "webhooks:manage")).toBe(false);
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

describe("system actors", () => {
  it("hold only what their work needs", () => {
    expect(can({ system: "admin-cli" }, "users:manage")).toBe(true);
    expect(can({ system: "admin-cli" }, "sampling:manage")).toBe(false);
    expect(can({ system: "jobs" }, "sampling:manage")).toBe(true);
    expect(can({ system: "jobs" }, "users:manage")).toBe(false);
    expect(can({ system: "seed" }, "sampling:manage")).toBe(true);
    expect(can({ system: "seed" }, "reviews:work")).toBe(false);
  });
});
