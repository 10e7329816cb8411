/**
 * The interaction list's "evaluated or not" filter on real PostgreSQL: a submitted review
 * evaluation counts; a draft, a calibration, a void one or (for the agent) an unreleased one does not.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedScorecard, seedUser } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { voidEvaluation } from "../evaluations/void-evaluation.server";
import type { Viewer } from "../users/roles";
import { listInteractions } from "./list-interactions.server";

const ids = async (viewer: Viewer, evaluated?: "yes" | "no") =>
  (await listInteractions(db(), viewer, { evaluated, limit: 100 })).items.map((item) => item.id).sort();

describe("the evaluated filter", () => {
  it("tells reviewed interactions from the rest, and shows agents only what was released to them", async () => {
    const [agent, qa] = [await seedUser("agent"), await seedUser("qa")];
    const scorecard = await seedScorecard({ releaseMode: "manual" });
    const [released, unreleased, draft, calibration, untouched, voided] = await insertInteractionRows(
      Array.from({ length: 6 }, (_, i) => ({ agentId: agent.id, startedAt: new Date(Date.UTC(2026, 10, 2, 9 + i)) })),
    );
    const lead = await seedUser("qa_lead");
    const review = (interactionId: string, submit = true) =>
      seedEvaluation({ reviewer: qa, interactionId, scorecardId: scorecard.id, answers: { greeting: { value: true } }, submit });
    await releaseEvaluation(db(), lead, (await review(released!)).id);
    await review(unreleased!);
    await review(draft!, false);
    const { id: calibrationId } = await review(calibration!);
    await db().updateTable("evaluations").set({ kind: "calibration" }).where("id", "=", calibrationId).execute();
    // A void review no longer counts: the conversation is "not evaluated" again.
    const { id: voidId } = await review(voided!);
    await releaseEvaluation(db(), lead, voidId);
    await voidEvaluation(db(), lead, voidId, { reason: "Wrong scorecard", revision: 2 });

    const all = [released, unreleased, draft, calibration, untouched, voided].map(String).sort();
    const mine = async (viewer: Viewer, evaluated?: "yes" | "no") => (await ids(viewer, evaluated)).filter((id) => all.includes(id));
    expect(await mine(qa, "yes")).toEqual([released, unreleased].map(String).sort());
    expect(await mine(qa, "no")).toEqual([draft, calibration, untouched, voided].map(String).sort());
    expect(await mine(qa)).toEqual(all);
    expect(await mine(agent, "yes")).toEqual([released]);
    expect(await mine(agent, "no")).toEqual([unreleased, draft, calibration, untouched, voided].map(String).sort());
  });
});
