/**
 * Who an audit entry names. A person acts as their users row (their id); a part of Parley
 * acting on its own has no row and is named instead, so that the log never shows an
 * anonymous change. Add a name here when another part of Parley starts writing.
 */
export const systemActorLabels = {
  "admin-cli": "Admin command line",
} as const;

export type SystemActorName = keyof typeof systemActorLabels;

export interface SystemActor {
  system: SystemActorName;
}

/** A user's id, or a named part of Parley. */
export type Actor = string | SystemActor;

export const adminCommandLine: SystemActor = { system: "admin-cli" };

/** The two audit_log columns that name the actor; null actor only where no one is known (tests). */
export function actorColumns(actor: Actor | null): { actor_id: string | null; actor_system: SystemActorName | null } {
  if (actor === null) return { actor_id: null, actor_system: null };
  return typeof actor === "string" ? { actor_id: actor, actor_system: null } : { actor_id: null, actor_system: actor.system };
}

/** Whether `actor` is the user `userId` (a system actor is never a user). */
export const isUser = (actor: Actor, userId: string): boolean => actor === userId;
