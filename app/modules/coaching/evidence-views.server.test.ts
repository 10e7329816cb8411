/**
 * A plan's evidence on its page (issue 15 §1), real PostgreSQL and S3: an annotated moment of a
 * recording carries a presigned URL of that recording with the moment's bounds, so it plays
 * inline; the transcript span stays quoted; a whole evaluation, or a moment of a conversation
 * without a recording, has nothing to play.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { blobStore } from "../../lib/storage.server";
import { PLAN_NOW, criterionKey, seedCoachingWorld } from "../../../test/coaching-fixtures";
import { insertInteractionRows, seedInteraction } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { addEvidence } from "./add-evidence.server";
import { createCoachingPlan } from "./create-plan.server";
import { evidenceViews } from "./evidence-views.server";
import { getCoachingPlan } from "./get-plan.server";

const answers = { greeting: { value: true }, identity: { value: true }, discovery: { value: 4 }, outcome: { value: "resolved" } };

describe("evidence views", () => {
  it("plays an annotated moment of a recording inline, quotes the span, and offers nothing to play otherwise", async () => {
    const world = await seedCoachingWorld();
    const greeting = await criterionKey(world.scorecard.id, "greeting");
    const { id: planId } = await createCoachingPlan(db(), world.sam, { agentId: world.ana.id, scorecardId: world.scorecard.id, title: "Greeting", dueOn: "2027-01-31", criteria: [{ questionKey: greeting, target: 80 }] }, PLAN_NOW);
    const call = await seedInteraction(world.ana.id, { withAudio: true });
    const [chat] = await insertInteractionRows([{ agentId: world.ana.id, teamId: world.north.id, startedAt: new Date("2026-12-03T09:00:00Z"), channel: "chat" }]);
    const withAudio = await seedEvaluation({
      reviewer: world.qa,
      interactionId: call.id,
      scorecardId: world.scorecard.id,
      answers,
      annotations: [{ comment: "Warm, named greeting", startMs: 1500, endMs: 4000, sentiment: "positive" }],
    });
    const noAudio = await seedEvaluation({
      reviewer: world.qa,
      interactionId: chat!,
      scorecardId: world.scorecard.id,
      answers,
      annotations: [{ comment: "No name used", startMs: 2000, endMs: 3000, sentiment: "negative" }],
    });
    const annotationOf = async (evaluationId: string) => (await db().selectFrom("annotations").select("id").where("evaluation_id", "=", evaluationId).executeTakeFirstOrThrow()).id;
    await addEvidence(db(), world.sam, planId, { evaluationId: withAudio.id, annotationId: await annotationOf(withAudio.id), kind: "strength" }, PLAN_NOW);
    await addEvidence(db(), world.sam, planId, { evaluationId: noAudio.id, annotationId: await annotationOf(noAudio.id), kind: "opportunity" }, new Date(PLAN_NOW.getTime() + 60_000));
    await addEvidence(db(), world.sam, planId, { evaluationId: withAudio.id, kind: "strength", note: "The whole call" }, new Date(PLAN_NOW.getTime() + 120_000));

    const plan = await getCoachingPlan(db(), world.sam, planId, PLAN_NOW);
    const views = await evidenceViews(db(), blobStore(), plan.evidence, "UTC");
    expect(views.map((v) => [v.annotation?.comment ?? null, v.annotation?.moment ?? null, v.media === null ? null : [v.media.startMs, v.media.endMs]])).toEqual([
      ["Warm, named greeting", "0:01–0:04", [1500, 4000]],
      ["No name used", "0:02–0:03", null],
      [null, null, null],
    ]);
    // The URL is the recording's, presigned: it answers the bytes (a range, as the browser asks for the moment).
    const recording = await fetch(views[0]!.media!.url, { headers: { Range: "bytes=0-3" } });
    expect([recording.status, Buffer.from(await recording.arrayBuffer()).toString("latin1")]).toEqual([206, "RIFF"]);
  });
});
