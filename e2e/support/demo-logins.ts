/**
 * Transitional: the demo organisation's logins, for the specs not yet moved to data of their
 * own (issue 10 §4). Removed, with SEED_DEMO_DATA, once every spec seeds what it uses.
 */
import { demoEmail, demoUsers, DEMO_PASSWORD } from "../../db/seed/demo-organisation";
import { roleLabels, type Role } from "../../app/modules/users/roles";

export { DEMO_PASSWORD };

export interface DemoLogin {
  email: string;
  password: string;
  name: string;
  role: Role;
  roleLabel: string;
}

function demoLogin(key: string): DemoLogin {
  const user = demoUsers.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`No demo user ${key} in db/seed/demo-organisation.ts`);
  return { email: demoEmail(key), password: DEMO_PASSWORD, name: user.name, role: user.role, roleLabel: roleLabels[user.role] };
}

export const users: Record<Role, DemoLogin> = {
  admin: demoLogin("admin"),
  qa_lead: demoLogin("leah.morgan"),
  qa: demoLogin("quinn.harper"),
  supervisor: demoLogin("sam.patel"),
  agent: demoLogin("dana.reyes"),
};

export const otherUsers = { techSupervisor: demoLogin("grace.liu") };
export const roleNames = Object.keys(users) as Role[];
