import type { Transaction } from "kysely";
import type { DB } from "../../../db/types.generated";
import type { Database } from "../../lib/db.server";
import { actorColumns, type Actor } from "./actor";

export interface AuditEntry {
  /** A user's id or a named system actor (see ./actor.ts). */
  actorId: Actor | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log inside the caller's transaction, so the entry and the change commit together. */
export async function recordAudit(trx: Database | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      ...actorColumns(entry.actorId),
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
