import { sql, type Kysely } from "kysely";

// What a person should know about how an interaction was imported, shown on its page and
// in the API: `import_warnings` from the transcript import (skipped cues, a guessed
// encoding, a durationMs shorter than the transcript), written once with the row;
// `processing_warnings` from the waveform job (a WAV cut short, a transcript that runs
// past the recording), replaced each time the job runs.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("interactions")
    .addColumn("import_warnings", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("processing_warnings", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("interactions").dropColumn("import_warnings").dropColumn("processing_warnings").execute();
}
