import type { SystemActor } from "../audit/actor";
import type { Viewer } from "../users/roles";

export { adminCommandLine, backgroundJobs, seedData, type SystemActor } from "../audit/actor";

/**
 * Who a use case acts for: the signed-in viewer, or a named part of Parley (the admin
 * command line, the job runner, the demo seed), never a bare id. Use cases that only people
 * call take a `Viewer`; those the command line, jobs or the seed also call take an `Actor`.
 * Either way the use case checks the permission itself (permissions.ts `can`).
 */
export type Actor = Viewer | SystemActor;

export const isSystemActor = (actor: Actor): actor is SystemActor => "system" in actor;
