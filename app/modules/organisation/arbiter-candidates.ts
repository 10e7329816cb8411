import type { Role } from "../users/roles";

/**
 * Who may be named to the dispute arbiter pool: QA specialists and supervisors. QA leads
 * arbitrate anyway; admins and agents judge no scores (DESIGN.md "Disputes").
 */
export const arbiterCandidateRoles = ["qa", "supervisor"] as const satisfies readonly Role[];
