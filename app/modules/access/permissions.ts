import type { SystemActorName } from "../audit/actor";
import { roles, type Role, type Viewer } from "../users/roles";

/**
 * The policy: what each role may do (DESIGN.md "Who uses it"). Pure, no I/O. A permission
 * answers "may this viewer do this kind of thing at all?"; which rows they may do it to is
 * the scopes' business (interaction-scope.server.ts and the scopes built on it), so a guessed
 * URL finds nothing (404) while a visible row the role may not act on is refused (403).
 */
/** Every permission with what it lets its holder do (the keys are the type). */
const described = {
  "users:manage": "Add, change and deactivate users.",
  "users:read": "See every account (email, role, teams, active or not) and every team: the people pages.",
  "users:read-workforce":
    "See the accounts whose work QA manages (agents, QA specialists and leads, active or not), to name them in imports, sampling rules and runs.",
  "teams:manage": "Create and rename teams.",
  "settings:manage": "Organisation settings.",
  "api-tokens:manage": "See and revoke every user's API tokens (everybody else sees only their own).",
  "api-tokens:hold": "Create and revoke one's own personal API tokens, which act with exactly the owner's permissions and scope.",
  "webhooks:manage": "Register webhooks, rotate their secrets, read their delivery log and send test events.",
  "interactions:view": "See interactions, within the viewer's scope.",
  "interactions:view-all": "The scope is every interaction.",
  "interactions:ingest": "Import interactions (page, API, bulk).",
  "scorecards:manage": "Scorecards: build, publish, archive, hide questions from agents.",
  "sampling:manage": "Sampling rules, their runs and coverage.",
  "assignments:manage": "Assign, reassign and oversee review work of others.",
  "reviews:work": "Work a review queue of one's own: score and annotate.",
  "evaluations:release": "Release a submitted review to the agent (scorecards whose release mode is manual).",
  "evaluations:see-hidden-answers":
    "Read the answers, comments and annotations a scorecard hides from agents (notes for the supervisor); without it an evaluation is read as the agent reads it.",
  "evaluations:edit": "Correct or void a submitted evaluation, with a reason (a new revision): QA's judgement, so leads, not admins.",
  "evaluations:self": "Self-evaluate one's own conversation (kind self) while the organisation allows it, until its review is released.",
  "acknowledgements:oversee": "See which agents have not acknowledged their feedback, and the overdue ones, within the viewer's scope.",
  "disputes:raise": "Dispute a released evaluation: the agent, or their supervisor on their behalf.",
  "disputes:endorse": "Endorse or decline a dispute of one's team before it reaches QA, where the organisation asks its supervisors first.",
  "disputes:decide": "Arbitrate a dispute (never the original reviewer nor the agent: a rule on the row); the organisation's arbiter pool does too.",
  "calibration:run": "Create and close calibration sessions.",
  "coaching:manage": "Own coaching plans and one-on-one sessions.",
  "coaching:oversee":
    "See the coaching of the agents in scope with the coaches' private notes, and the team coaching page (the agent's own plans and sessions need no permission, and never show private notes).",
  "reports:view": "Read reports and roll-ups, each within the viewer's scope.",
  "reports:reviewers": "Read every reviewer's output, handling time, leniency against peers and overturn rate (QA specialists see only their own row).",
} as const;

export type Permission = keyof typeof described;

/** Every permission, in the order the table in docs/architecture.md lists them. */
export const permissions = Object.keys(described) as Permission[];

/** What only QA's or supervisors' own judgement does: everything else, admins may. */
const notForAdmins: readonly Permission[] = ["reviews:work", "evaluations:self", "evaluations:edit", "disputes:raise", "disputes:endorse", "disputes:decide", "coaching:manage"];

export const grants: Record<Role, readonly Permission[]> = {
  admin: permissions.filter((permission) => !notForAdmins.includes(permission)),
  qa_lead: [
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
  ],
  qa: ["api-tokens:hold", "interactions:view", "interactions:view-all", "reviews:work", "evaluations:see-hidden-answers", "reports:view"],
  supervisor: ["api-tokens:hold", "interactions:view", "evaluations:see-hidden-answers", "acknowledgements:oversee", "disputes:raise", "disputes:endorse", "coaching:manage", "coaching:oversee", "reports:view"],
  agent: ["api-tokens:hold", "interactions:view", "evaluations:self", "disputes:raise", "reports:view"],
};

/**
 * A part of Parley acting on its own (audit/actor.ts names them) holds only what its work
 * needs: the command line administers accounts, the job runner runs scheduled sampling, the
 * demo seed sets up an organisation. Their scope is the whole organisation.
 */
export const systemGrants: Record<SystemActorName, readonly Permission[]> = {
  // settings:manage for `rollups rebuild`, the one maintenance command that is not about accounts.
  "admin-cli": ["users:manage", "teams:manage", "api-tokens:manage", "settings:manage"],
  jobs: ["interactions:view", "interactions:view-all", "sampling:manage", "assignments:manage"],
  seed: ["users:manage", "teams:manage", "interactions:view", "interactions:view-all", "interactions:ingest", "scorecards:manage", "sampling:manage", "assignments:manage"],
};

/** Who holds a permission: a person by role, or a named part of Parley. */
export type Grantee = Pick<Viewer, "role"> | { system: SystemActorName };

export function can(who: Grantee, permission: Permission): boolean {
  return "system" in who ? systemGrants[who.system].includes(permission) : grants[who.role].includes(permission);
}

/** The roles holding `permission`, for messages and the documented table. */
export const rolesWith = (permission: Permission): Role[] => roles.filter((role) => grants[role].includes(permission));

/** Whether the viewer sees every interaction, only their teams', or only their own. */
export type InteractionScope =
  | { kind: "all" }
  | { kind: "teams"; teamIds: string[] }
  | { kind: "own"; agentId: string };

export function interactionScope(viewer: Viewer): InteractionScope {
  if (can(viewer, "interactions:view-all")) return { kind: "all" };
  if (viewer.role === "supervisor") return { kind: "teams", teamIds: viewer.teamIds };
  return { kind: "own", agentId: viewer.id };
}
