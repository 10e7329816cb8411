/**
 * The interaction list's "evaluated or not" filter on real PostgreSQL: a submitted review
 * evaluation counts; a draft, a calibration or (for the agent) an unreleased one does not.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedScorecard, seedUser } from "../../../test/factories";
import type { Viewer } from "../users/roles";
import { listInteractions } from "./list-interactions.server";

const ids = async (viewer: Viewer, evaluated?: "yes" | "no") =>
  (await listInteractions(db(), viewer, { evaluated, limit: 100 })).items.map((item) => item.id).sort();

describe("the evaluated filter", () => {
  it("tells reviewed interactions from the rest, and shows agents only what was released to them", async () => {
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const scorecard = await seedScorecard();
    const [released, unreleased, draft, calibration, untouched] = await insertInteractionRows(
      Array.from({ length: 5 }, (_, i) => ({ agentId: agent.id, startedAt: new Date(Date.UTC(2026, 10, 2, 9 + i)) })),
    );
    const evaluation = (interactionId: string, extra: { status?: "draft" | "submitted"; kind?: "review" | "calibration"; released?: boolean }) => ({
      interaction_id: interactionId,
      scorecard_id: scorecard.id,
      scorecard_version_id: scorecard.versionId,
      reviewer_id: qa.id,
      kind: extra.kind ?? "review",
      status: extra.status ?? "submitted",
      submitted_at: (extra.status ?? "submitted") === "submitted" ? new Date() : null,
      released_at: extra.released ? new Date() : null,
      score: 80,
    });
    await db()
      .insertInto("evaluations")
      .values([
        evaluation(released!, { released: true }),
        evaluation(unreleased!, {}),
        evaluation(draft!, { status: "draft" }),
        evaluation(calibration!, { kind: "calibration" }),
      ])
      .execute();

    const all = [released, unreleased, draft, calibration, untouched].map(String).sort();
    const mine = async (viewer: Viewer, evaluated?: "yes" | "no") => (await ids(viewer, evaluated)).filter((id) => all.includes(id));
    expect(await mine(qa, "yes")).toEqual([released, unreleased].map(String).sort());
    expect(await mine(qa, "no")).toEqual([draft, calibration, untouched].map(String).sort());
    expect(await mine(qa)).toEqual(all);
    expect(await mine(agent, "yes")).toEqual([released]);
    expect(await mine(agent, "no")).toEqual([unreleased, draft, calibration, untouched].map(String).sort());
  });
});
