/**
 * Re-reads CSAT from stored metadata with the organisation's mapping as it is now (issue 14 §8,
 * docs/decisions/0029): part of `npm run admin -- rollups rebuild`. A changed mapping applies to
 * later imports by itself; the rebuild brings earlier conversations in line. Answers given in
 * the import's `csat` field are the caller's word and stay; everything else is derived again —
 * set, changed or cleared. A stored value the mapping cannot read (imported before the key was
 * mapped) leaves its conversation without CSAT rather than failing the rebuild. The customer
 * roll-ups follow through their trigger (and are rebuilt right after anyway).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { getCsatMapping } from "../organisation/get-organisation-settings.server";
import { csatFromMetadata } from "./csat";

const BATCH = 1000;

/** Returns how many conversations' CSAT changed. */
export async function rederiveCsatFromMetadata(db: Database): Promise<number> {
  const mapping = await getCsatMapping(db);
  let changed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    // Only what the mapping could touch: metadata-sourced answers and conversations carrying the key.
    const batch = await db
      .selectFrom("interactions")
      .select(["id", "csat_score", "csat_scale", "csat_source"])
      .select(mapping ? sql<unknown>`metadata -> ${mapping.key}`.as("value") : sql<unknown>`NULL::jsonb`.as("value"))
      .where("id", ">", after)
      .where((eb) => eb.or([eb("csat_source", "=", "metadata"), ...(mapping ? [eb(sql<boolean>`metadata ? ${mapping.key}`, "=", true)] : [])]))
      .where((eb) => eb.or([eb("csat_source", "is", null), eb("csat_source", "<>", "field")]))
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (batch.length === 0) return changed;
    after = batch[batch.length - 1]?.id ?? after;
    const updates = batch.flatMap((row) => {
      const found = mapping ? csatFromMetadata({ [mapping.key]: row.value }, mapping) : { kind: "none" as const };
      const next = found.kind === "score" ? found.csat : null;
      if ((next?.score ?? null) === row.csat_score && (next?.scale ?? null) === row.csat_scale) return [];
      return [{ id: row.id, score: next?.score ?? null, scale: next?.scale ?? null, source: next ? "metadata" : null }];
    });
    if (updates.length === 0) continue;
    await sql`
      UPDATE interactions i SET csat_score = u.score, csat_scale = u.scale, csat_source = u.source
      FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.score)}::smallint[], ${updates.map((u) => u.scale)}::text[], ${updates.map((u) => u.source)}::text[])
        AS u(id, score, scale, source)
      WHERE i.id = u.id`.execute(db);
    changed += updates.length;
  }
}
