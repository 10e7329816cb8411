/**
 * Who an audit entry names. A person acts as their users row (their id); a part of Parley
 * acting on its own has no row and is named instead, so that the log never shows an
 * anonymous change. Add a name here when another part of Parley starts writing.
 */
export const systemActorLabels = {
  "admin-cli": "Admin command line",
  jobs: "Background jobs",
  seed: "Seed data",
} as const;

export type SystemActorName = keyof typeof systemActorLabels;

export interface SystemActor {
  system: SystemActorName;
}

/** A user (their id, or the signed-in viewer), or a named part of Parley. */
export type Actor = string | { id: string } | SystemActor;

export const adminCommandLine: SystemActor = { system: "admin-cli" };
/** Scheduled work of the job runner (scheduled sampling runs). */
export const backgroundJobs: SystemActor = { system: "jobs" };
/** Data set up by a command rather than a person: `npm run db:seed` (the demo organisation), test and benchmark set-up. */
export const seedData: SystemActor = { system: "seed" };

/** The two audit_log columns that name the actor; null actor only where no one is known (tests). */
export function actorColumns(actor: Actor | null): { actor_id: string | null; actor_system: SystemActorName | null } {
  if (actor === null) return { actor_id: null, actor_system: null };
  if (typeof actor === "string") return { actor_id: actor, actor_system: null };
  return "system" in actor ? { actor_id: null, actor_system: actor.system } : { actor_id: actor.id, actor_system: null };
}

/** The users row an actor is, or null for a part of Parley (for created_by-style columns). */
export function userIdOf(actor: Actor): string | null {
  if (typeof actor === "string") return actor;
  return "id" in actor ? actor.id : null;
}

/** Whether `actor` is the user `userId` (a system actor is never a user). */
export const isUser = (actor: Actor, userId: string): boolean => userIdOf(actor) === userId;
