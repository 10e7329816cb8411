import type { Kysely } from "kysely";

// A small picture of the waveform (per channel, a few hundred magnitudes from 0 to 100),
// written by the waveform job next to peaks.json, so that pages draw the waveform in their
// first paint from the row they already load (docs/decisions/0012). Null until the job
// has run, and for interactions whose peaks were computed before this column existed:
// pages then wait for the interactive waveform, as before.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("interactions").addColumn("waveform_overview", "jsonb").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("interactions").dropColumn("waveform_overview").execute();
}
