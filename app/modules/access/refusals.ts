import { DomainError } from "../../lib/errors";
import { roleLabels } from "../users/roles";
import { can, rolesWith, type Grantee, type Permission } from "./permissions";

/**
 * The one rule for refusals (docs/architecture.md "Access"), checked by every use case in
 * this order before it writes anything:
 *
 * 1. a row the viewer may not see is "not found" (404): the scopes never return it, so a
 *    guessed id answers exactly as a missing one, whatever the viewer's role;
 * 2. a row they may see but may not do this to is "forbidden" (403): their role lacks the
 *    permission (`assertCan`), or the row is not theirs to change — somebody else's draft,
 *    comment or queue item, their own conversation (rules.ts);
 * 3. the row's state: 409 (already submitted, already released), 422 (bad input).
 *
 * An action about no particular row (creating a scorecard, a user, a rule) has only step 2.
 * Before a use case runs, a route may turn away a role whose pages or actions these are not
 * at all (`requirePermission`): 403 whatever the row, which reveals nothing about any row.
 */
export function assertCan(who: Grantee, permission: Permission, message = defaultMessage(permission)): void {
  if (!can(who, permission)) throw forbidden(message);
}

export const forbidden = (message: string) => new DomainError("forbidden", message);

function defaultMessage(permission: Permission): string {
  const holders = rolesWith(permission).map((role) => roleLabels[role]);
  return holders.length === 0 ? "Your role does not allow this." : `Your role does not allow this; ${holders.join(", ")} may.`;
}
