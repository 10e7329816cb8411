import type { Transaction } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Database } from "../../lib/db.server";
import { actorColumns, type Actor } from "./actor";
import { payloadSchema, type auditActions, type AuditAction, type AuditPayload } from "./audit-actions";

/** One entry; `before` / `after` are typed by the action (see ./audit-actions.ts). */
export type AuditEntry<A extends AuditAction = AuditAction> = A extends AuditAction
  ? {
      /** A user's id or a named system actor (see ./actor.ts). */
      actorId: Actor | null;
      action: A;
      entityType: (typeof auditActions)[A]["entityType"];
      entityId: string;
      before?: AuditPayload<A, "before">;
      after?: AuditPayload<A, "after">;
    }
  : never;

/**
 * Appends to the audit log inside the caller's transaction, so the entry and the change
 * commit together. A payload that does not match its action's schema is a bug in the
 * caller: it throws (and so rolls the change back) rather than writing a shape no reader
 * expects.
 */
/** `at` is the cause's time when it is not now (the demo seed writes history through the use cases). */
export async function recordAudit(trx: Database | Transaction<DB>, entry: AuditEntry, at?: Date): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      ...actorColumns(entry.actorId),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: payloadJson(entry.action, "before", entry.before),
      after: payloadJson(entry.action, "after", entry.after),
      ...(at ? { at } : {}),
    })
    .execute();
}

function payloadJson(action: AuditAction, key: "before" | "after", value: unknown): string | null {
  const schema = payloadSchema(action, key);
  if (value === undefined) {
    if (schema && !schema.safeParse(undefined).success) throw new Error(`Audit entry ${action} needs its ${key}`);
    return null;
  }
  if (!schema) throw new Error(`Audit entry ${action} records no ${key}`);
  const checked = schema.safeParse(value);
  if (!checked.success) throw new Error(`Audit entry ${action} has a malformed ${key}: ${checked.error.message}`);
  // The value as given, not as parsed: a schema's defaults and transforms must not rewrite history.
  return JSON.stringify(value);
}
