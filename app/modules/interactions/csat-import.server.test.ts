/**
 * CSAT at import (issue 14 §8, docs/decisions/0029) through POST /api/v1/interactions on real
 * PostgreSQL: the `csat` field, the organisation's metadata mapping read at import (a changed
 * mapping applies to later imports only), `rollups rebuild` re-reading earlier ones, and 422s
 * with clear messages for a score outside its scale, an unknown scale or an unreadable mapped value.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { countRows } from "../../../test/factories";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { db } from "../../lib/db.server";
import { adminCommandLine } from "../access/actor";
import { action as importRoute } from "../../routes/api.v1.interactions";
import { loader as getInteraction } from "../../routes/api.v1.interactions.$id";
import type { InteractionDetailJson } from "../api/api.schema";
import { callRoute, chatRequest, importer } from "../api/test-support";
import { rebuildRollups } from "../reports/rebuild-rollups.server";
import { csatFromMetadata, csatPercent } from "./csat";

const csatOf = (id: string) =>
  db().selectFrom("interactions").select(["csat_score", "csat_scale", "csat_source", "csat_percent"]).where("id", "=", id).executeTakeFirstOrThrow();

/** The customer roll-up rows of one agent, as text so exact sums compare exactly. */
const rollupOf = async (agentId: string) =>
  (
    await sql<{ row: string }>`SELECT (r.*)::text AS row FROM rollup_customer_daily r WHERE agent_id = ${agentId} ORDER BY conversation_day, channel, team_id NULLS FIRST`.execute(db())
  ).rows.map((r) => r.row);

describe("CSAT at import", () => {
  it("stores the csat field's score, scale and percentage of the scale", async () => {
    const { agent, lead } = await importer();
    const res = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score: 4, scale: "1-5" } }) });
    expect(res.status).toBe(201);
    const id = res.json.id as string;
    expect(await csatOf(id)).toEqual({ csat_score: 4, csat_scale: "1-5", csat_source: "field", csat_percent: 75 });
    // The API reads it back with the interaction.
    const detail = await callRoute<InteractionDetailJson>(getInteraction, "GET", `/api/v1/interactions/${id}`, { token: lead.token, params: { id } });
    expect(detail.json.csat).toEqual({ score: 4, scale: "1-5", percent: 75 });
    const tenPoint = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score: 0, scale: "0-10" } }) });
    expect(await csatOf(tenPoint.json.id as string)).toMatchObject({ csat_score: 0, csat_percent: 0 });
    // The roll-up counts both conversations and both answers (75 % and 0 %).
    const [row] = await sql<{ conversations: number; csat_n: number; csat_sum: string }>`
      SELECT conversations, csat_n, csat_sum::text FROM rollup_customer_daily WHERE agent_id = ${agent.id}`.execute(db()).then((r) => r.rows);
    expect(row).toEqual({ conversations: 2, csat_n: 2, csat_sum: "75.0000" });
  });

  it("answers 422 for a score outside its scale or an unknown scale, and writes nothing", async () => {
    const { agent, lead } = await importer();
    const before = await countRows("interactions");
    const outside = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score: 6, scale: "1-5" } }) });
    expect(outside.status).toBe(422);
    expect(outside.json.error?.fields).toEqual({ "csat.score": "csat.score 6 is outside the 1-5 scale: give a whole number from 1 to 5" });
    const fraction = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score: 3.5, scale: "1-5" } }) });
    expect(fraction.json.error?.fields).toEqual({ "csat.score": "csat.score 3.5 is outside the 1-5 scale: give a whole number from 1 to 5" });
    const unknown = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score: 3, scale: "1-3" } }) });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error?.fields).toEqual({ "csat.scale": 'csat.scale must be one of "1-5", "1-7", "1-10", "0-10"' });
    expect(await countRows("interactions")).toBe(before);
  });

  it("reads the mapped metadata key at import; a changed mapping applies to later imports; rebuild re-reads the earlier ones", async () => {
    const { agent, lead } = await importer();
    const post = async (overrides: Record<string, unknown>) => {
      const res = await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, overrides) });
      return res;
    };
    // Imported before any mapping: its metadata is kept, no CSAT is read from it.
    const early = (await post({ metadata: { survey: 7 } })).json.id as string;
    expect(await csatOf(early)).toMatchObject({ csat_score: null });
    await withOrganisationSettings({ csat_metadata_key: "survey", csat_metadata_scale: "1-10" }, async () => {
      const first = (await post({ metadata: { survey: " 8 ", nps: 3 } })).json.id as string;
      expect(await csatOf(first)).toEqual({ csat_score: 8, csat_scale: "1-10", csat_source: "metadata", csat_percent: 77.7778 });
      // The field wins over the mapping.
      const given = (await post({ metadata: { survey: 2 }, csat: { score: 5, scale: "1-5" } })).json.id as string;
      expect(await csatOf(given)).toMatchObject({ csat_score: 5, csat_source: "field" });
      // A mapped value that is not a score on the scale refuses the import, naming the key.
      const bad = await post({ metadata: { survey: 11 } });
      expect(bad.status).toBe(422);
      expect(bad.json.error?.message).toBe("metadata.survey (mapped to CSAT in the organisation settings): 11 is outside the 1-10 scale: give a whole number from 1 to 10");
      const words = await post({ metadata: { survey: "great" } });
      expect(words.json.error?.fields).toEqual({ metadata: 'metadata.survey (mapped to CSAT in the organisation settings) must be a number on the 1-10 scale, got "great"' });
      // No answer (the customer skipped the survey) is no CSAT, not an error.
      const skipped = (await post({ metadata: { survey: "" } })).json.id as string;
      expect(await csatOf(skipped)).toMatchObject({ csat_score: null });

      // The mapping changes: later imports read the new key on the new scale; earlier ones keep theirs.
      await db().updateTable("organisation").set({ csat_metadata_key: "nps", csat_metadata_scale: "0-10" }).where("id", "=", 1).execute();
      const later = (await post({ metadata: { survey: 9, nps: 9 } })).json.id as string;
      expect(await csatOf(later)).toMatchObject({ csat_score: 9, csat_scale: "0-10", csat_source: "metadata" });
      expect(await csatOf(first)).toMatchObject({ csat_score: 8, csat_scale: "1-10" });
      const csatSums = async () =>
        (await sql<{ csat_n: number; csat_sum: string }>`SELECT csat_n, csat_sum::text FROM rollup_customer_daily WHERE agent_id = ${agent.id}`.execute(db())).rows;
      // Five conversations; answers 77.7778 (8 on 1–10), 100 (the field's 5 of 5) and 90 (9 on 0–10).
      expect(await csatSums()).toEqual([{ csat_n: 3, csat_sum: "267.7778" }]);

      // Rebuild re-reads with the mapping as it is now: `first` carries nps 3; `early` has no nps
      // (stays without); the field's answer stays as given.
      const outcome = await rebuildRollups(db(), adminCommandLine);
      expect(outcome.csatChanged).toBeGreaterThanOrEqual(1);
      expect(await csatOf(first)).toEqual({ csat_score: 3, csat_scale: "0-10", csat_source: "metadata", csat_percent: 30 });
      expect(await csatOf(early)).toMatchObject({ csat_score: null });
      expect(await csatOf(given)).toMatchObject({ csat_score: 5, csat_scale: "1-5", csat_source: "field" });
      expect(await csatOf(later)).toMatchObject({ csat_score: 9, csat_scale: "0-10" });
      // The roll-up moved with the re-read answer: 77.7778 % out, 30 % in.
      expect(await csatSums()).toEqual([{ csat_n: 3, csat_sum: "220.0000" }]);
      // Mapped away entirely: the rebuild clears what the mapping gave and keeps the field's.
      await db().updateTable("organisation").set({ csat_metadata_key: null, csat_metadata_scale: null }).where("id", "=", 1).execute();
      await rebuildRollups(db(), adminCommandLine);
      expect(await csatOf(first)).toMatchObject({ csat_score: null, csat_source: null });
      expect(await csatOf(later)).toMatchObject({ csat_score: null });
      expect(await csatOf(given)).toMatchObject({ csat_score: 5, csat_source: "field" });
    });
  });

  it("keeps the customer roll-ups equal to a rebuild after imports, duration changes and a team move", async () => {
    const { agent, lead } = await importer();
    for (const score of [1, 5, 3]) await callRoute(importRoute, "POST", "/api/v1/interactions", { token: lead.token, body: chatRequest(agent.email, { csat: { score, scale: "1-5" }, durationMs: 1000 * score }) });
    const [one] = await db().selectFrom("interactions").select("id").where("agent_id", "=", agent.id).orderBy("csat_score").limit(1).execute();
    await db().updateTable("interactions").set({ duration_ms: 0, team_id: null }).where("id", "=", one?.id as string).execute();
    const incremental = await rollupOf(agent.id);
    await sql`SELECT customer_rollup_rebuild()`.execute(db());
    expect(await rollupOf(agent.id)).toEqual(incremental);
    expect(incremental).toHaveLength(2);
  });
});

describe("csat rules", () => {
  it("reads numbers and numeric strings, and gives the percentage of the scale to 4 decimals", () => {
    const mapping = { key: "csat", scale: "1-7" } as const;
    expect(csatFromMetadata({ csat: "7" }, mapping)).toEqual({ kind: "score", csat: { score: 7, scale: "1-7" } });
    expect(csatFromMetadata({ other: 1 }, mapping)).toEqual({ kind: "none" });
    expect(csatFromMetadata({ csat: null }, mapping)).toEqual({ kind: "none" });
    expect(csatFromMetadata({ csat: true }, mapping)).toMatchObject({ kind: "invalid" });
    expect(csatPercent({ score: 2, scale: "1-7" })).toBe(16.6667);
    expect(csatPercent({ score: 10, scale: "0-10" })).toBe(100);
  });
});
