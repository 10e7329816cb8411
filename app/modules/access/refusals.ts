import { DomainError } from "../../lib/errors";
import { can, type Grantee, type Permission } from "./permissions";

/**
 * The one rule for refusals (docs/architecture.md "Access"), checked in this order:
 *
 * 1. an action no row makes possible for the viewer's role (releasing, reassigning, starting
 *    a review) is "forbidden" (403) whatever the row: the answer does not depend on the row,
 *    so it reveals nothing about it (`assertCan`, before anything is read);
 * 2. a row the viewer may not see is "not found" (404): the scopes never return it, and a
 *    guessed id answers exactly as a missing one;
 * 3. a row they may see but may not act on — somebody else's draft, comment or queue item,
 *    their own conversation, their own draft after their role stopped scoring — is
 *    "forbidden" (403) (rules.ts);
 * 4. the row's state: 409 (already submitted, already released), 422 (bad input).
 *
 * Actions whose "who" depends on the row (scoring a draft, changing a comment, skipping a
 * queue item) have no step 1: their scorer, author or assignee is decided at step 3.
 */
export function assertCan(who: Grantee, permission: Permission, message: string): void {
  if (!can(who, permission)) throw forbidden(message);
}

export const forbidden = (message: string) => new DomainError("forbidden", message);
