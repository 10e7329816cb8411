import { sql, type Kysely } from "kysely";

// A notification kind for self-evaluation requests (issue 13 §5 and §7): the agent is told in the
// sampling run's transaction when a rule asks them to self-evaluate. The kinds check of
// 20261214T091000 is replaced with the same list plus `self_evaluation_requested`, as that
// migration foresaw for later kinds.
const before = ["evaluation_released", "acknowledgement_due", "comment_added", "dispute_raised", "dispute_assigned", "dispute_decided", "dispute_overdue"];
const after = [...before, "self_evaluation_requested"];

const check = (kinds: string[]) => sql.raw(`kind IN (${kinds.map((kind) => `'${kind}'`).join(", ")})`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notifications").dropConstraint("notifications_kind_check").execute();
  await db.schema.alterTable("notifications").addCheckConstraint("notifications_kind_check", check(after)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("notifications").where("kind", "=", "self_evaluation_requested").execute();
  await db.schema.alterTable("notifications").dropConstraint("notifications_kind_check").execute();
  await db.schema.alterTable("notifications").addCheckConstraint("notifications_kind_check", check(before)).execute();
}
