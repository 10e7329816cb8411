import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password-rules";
import { roleSchema } from "./roles";

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** Checkbox lists and multi-selects arrive as repeated fields; forms give one string or several. */
const idList = z
  .preprocess(
    (value: unknown): unknown[] => (value === undefined || value === "" ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.uuid({ error: "Choose a team from the list" })),
  )
  .default([]);

export const userFieldsSchema = z.object({
  name: trimmed("Name", 120),
  email: trimmed("Email", 254).pipe(z.email({ error: "Enter an email address like name@example.com" })),
  role: roleSchema,
  teamIds: idList,
});

export const passwordSchema = z
  .string({ error: "Password is required" })
  .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Password must be at most 200 characters");

export const createUserSchema = userFieldsSchema.extend({ password: passwordSchema });

export const updateUserSchema = userFieldsSchema;

export type UserFields = z.infer<typeof userFieldsSchema>;
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const teamNameSchema = z.object({ name: trimmed("Team name", 80) });

/** Which team links a role may have: an agent sits in one team, a supervisor leads any number. */
export function teamRuleError(role: UserFields["role"], teamIds: string[]): string | null {
  if (role === "agent" && teamIds.length > 1) return "An agent belongs to one team; choose only one.";
  if (role !== "agent" && role !== "supervisor" && teamIds.length > 0) {
    return "Only agents and supervisors belong to teams.";
  }
  return null;
}
