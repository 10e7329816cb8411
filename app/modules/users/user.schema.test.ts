import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fieldErrorsOf } from "../../lib/errors";
import { createUserSchema, teamNameSchema, teamRuleError, updateUserSchema } from "./user.schema";

const TEAM_A = "7b0c6f5e-2d1a-4c3b-9e8f-1a2b3c4d5e6f";
const TEAM_B = "0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c";

const valid = { name: "Dana Reyes", email: "dana@example.com", role: "agent", teamIds: TEAM_A, password: "correct horse battery" };

/** The first message per field, as the form shows them. */
function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return fieldErrorsOf(result.error.issues);
}

describe("teamRuleError", () => {
  it("lets an agent belong to no team or one team", () => {
    expect(teamRuleError("agent", [])).toBeNull();
    expect(teamRuleError("agent", [TEAM_A])).toBeNull();
  });

  it("refuses an agent in two teams", () => {
    expect(teamRuleError("agent", [TEAM_A, TEAM_B])).toBe("An agent belongs to one team; choose only one.");
  });

  it("lets a supervisor lead several teams", () => {
    expect(teamRuleError("supervisor", [TEAM_A, TEAM_B])).toBeNull();
  });

  it.each(["admin", "qa_lead", "qa"] as const)("refuses team links for a %s, but not an empty list", (role) => {
    expect(teamRuleError(role, [TEAM_A])).toBe("Only agents and supervisors belong to teams.");
    expect(teamRuleError(role, [])).toBeNull();
  });
});

describe("createUserSchema", () => {
  it("accepts a complete form and trims name and email", () => {
    const parsed = createUserSchema.parse({ ...valid, name: "  Dana Reyes ", email: " dana@example.com  " });
    expect(parsed).toEqual({ ...valid, teamIds: [TEAM_A] });
  });

  it("says which fields are required when they are empty", () => {
    expect(fieldErrors(createUserSchema, { name: "", email: "", role: "agent", password: "" })).toEqual({
      name: "Name is required",
      email: "Email is required",
      password: "Password must be at least 10 characters",
    });
  });

  it("treats a name of only spaces as missing", () => {
    expect(fieldErrors(createUserSchema, { ...valid, name: "   " })).toEqual({ name: "Name is required" });
  });

  it("says when fields are absent altogether", () => {
    expect(fieldErrors(createUserSchema, {})).toMatchObject({
      name: "Name is required",
      email: "Email is required",
      password: "Password is required",
      role: "Choose a role from the list",
    });
  });

  it("explains what an email address looks like", () => {
    expect(fieldErrors(createUserSchema, { ...valid, email: "dana at example" })).toEqual({
      email: "Enter an email address like name@example.com",
    });
  });

  it("requires a password of at least 10 characters and at most 200", () => {
    expect(fieldErrors(createUserSchema, { ...valid, password: "123456789" })).toEqual({
      password: "Password must be at least 10 characters",
    });
    expect(createUserSchema.safeParse({ ...valid, password: "1234567890" }).success).toBe(true);
    expect(fieldErrors(createUserSchema, { ...valid, password: "x".repeat(201) })).toEqual({
      password: "Password must be at most 200 characters",
    });
  });

  it("caps the name length with a message naming the limit", () => {
    expect(fieldErrors(createUserSchema, { ...valid, name: "n".repeat(121) })).toEqual({
      name: "Name must be at most 120 characters",
    });
  });

  it("refuses a role that does not exist", () => {
    expect(fieldErrors(createUserSchema, { ...valid, role: "superuser" })).toEqual({ role: "Choose a role from the list" });
  });
});

describe("teamIds as forms send them", () => {
  it("reads a missing field or an empty string as no teams", () => {
    expect(updateUserSchema.parse({ ...valid, teamIds: undefined }).teamIds).toEqual([]);
    expect(updateUserSchema.parse({ ...valid, teamIds: "" }).teamIds).toEqual([]);
  });

  it("reads one checked box (a string) as a list of one", () => {
    expect(updateUserSchema.parse({ ...valid, teamIds: TEAM_A }).teamIds).toEqual([TEAM_A]);
  });

  it("reads several checked boxes (an array) as they are", () => {
    expect(updateUserSchema.parse({ ...valid, role: "supervisor", teamIds: [TEAM_A, TEAM_B] }).teamIds).toEqual([TEAM_A, TEAM_B]);
  });

  it("refuses a team id that is not a uuid", () => {
    expect(fieldErrors(updateUserSchema, { ...valid, teamIds: ["billing"] })).toEqual({ "teamIds.0": "Choose a team from the list" });
  });
});

describe("teamNameSchema", () => {
  it("trims the name and refuses a blank one", () => {
    expect(teamNameSchema.parse({ name: "  Billing " })).toEqual({ name: "Billing" });
    expect(fieldErrors(teamNameSchema, { name: "   " })).toEqual({ name: "Team name is required" });
    expect(fieldErrors(teamNameSchema, { name: "t".repeat(81) })).toEqual({ name: "Team name must be at most 80 characters" });
  });
});
