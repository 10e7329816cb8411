import { z } from "zod";

export const roles = ["admin", "qa_lead", "qa", "supervisor", "agent"] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { error: "Choose a role from the list" });

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  qa_lead: "QA lead",
  qa: "QA specialist",
  supervisor: "Supervisor",
  agent: "Agent",
};

/** What the signed-in person is, as every scope and permission check sees it. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Teams the viewer supervises (supervisor) or belongs to (agent). */
  teamIds: string[];
}
