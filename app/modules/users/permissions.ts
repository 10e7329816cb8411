import type { Role, Viewer } from "./roles";

/**
 * The one place that answers "may this viewer do this?" for actions that are not
 * about a particular row. Row-level visibility (which interactions, evaluations…)
 * is enforced by the query scopes in scope.server.ts, so a guessed URL finds nothing.
 */
export type Permission =
  | "users:manage"
  | "teams:manage"
  | "settings:manage"
  | "interactions:view"
  | "interactions:view-all"
  | "interactions:ingest"
  /** Scorecards: build, publish, archive; release evaluations to agents. */
  | "scorecards:manage"
  /** Sampling rules, their runs and coverage. */
  | "sampling:manage"
  /** Assign, reassign and oversee review work of others. */
  | "assignments:manage"
  /** Work a review queue of one's own. */
  | "reviews:work"
  /** Correct or void a submitted evaluation, with a reason (docs/decisions/0020). */
  | "evaluations:edit"
  /** See which agents have not acknowledged their feedback, in the viewer's scope (issue 13 §3). */
  | "acknowledgements:oversee";

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    "users:manage",
    "teams:manage",
    "settings:manage",
    "interactions:view",
    "interactions:view-all",
    "interactions:ingest",
    "scorecards:manage",
    "sampling:manage",
    "assignments:manage",
    "acknowledgements:oversee",
  ],
  qa_lead: [
    "interactions:view",
    "interactions:view-all",
    "interactions:ingest",
    "scorecards:manage",
    "sampling:manage",
    "assignments:manage",
    "reviews:work",
    "evaluations:edit",
    "acknowledgements:oversee",
  ],
  qa: ["interactions:view", "interactions:view-all", "reviews:work"],
  supervisor: ["interactions:view", "acknowledgements:oversee"],
  agent: ["interactions:view"],
};

export function can(viewer: Pick<Viewer, "role">, permission: Permission): boolean {
  return grants[viewer.role].includes(permission);
}

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
