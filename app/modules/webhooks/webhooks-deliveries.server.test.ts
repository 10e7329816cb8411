/**
 * Webhook deliveries on real PostgreSQL against a real `node:http` receiver on loopback (issue 13
 * §8, decision 0024): events written in their cause's transaction (submit, release,
 * acknowledgement, dispute opened and decided), signed, retried with the exact back-off, and
 * every attempt in the log.
 */
import { describe, expect, it } from "vitest";
import { Logger, runOnce } from "graphile-worker";
import { sql } from "kysely";
import { disputeWorld, twoQuestions } from "../../../test/dispute-fixtures";
import { fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedUser } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { taskList } from "../../../server/jobs/task-list";
import { db, pgPool } from "../../lib/db.server";
import { decideDispute } from "../disputes/decide-dispute.server";
import { raiseDispute } from "../disputes/raise-dispute.server";
import { takeDispute } from "../disputes/take-dispute.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { acknowledgeEvaluation } from "../feedback/acknowledge-evaluation.server";
import { createWebhook } from "./create-webhook.server";
import { deliverWebhook } from "./deliver-webhook.server";
import { emitWebhookEvent } from "./emit-webhook-event.server";
import { evaluationEventData } from "./evaluation-event-data.server";
import { getWebhookWithDeliveries, listWebhooks } from "./list-webhooks.server";
import { sendTestEvent } from "./send-test-event.server";
import { setWebhookEnabled } from "./update-webhook.server";
import { verifySignature } from "./webhook-signature";
import { receiver, useWebhookTestHooks, deliveriesOf, attemptsOf, queuedJobs } from "./webhook-test-support.server";

useWebhookTestHooks();

describe("deliveries", () => {
  it("are written with the submit, in its transaction, signed, retried after 30 s and 2 min on 500s, and logged attempt by attempt until a 200", async () => {
    const admin = await seedUser("admin");
    const w = await reviewWorld({ releaseMode: "immediate" });
    const r = await receiver([500, 500, 200]);
    const { id: webhookId, secret } = await createWebhook(db(), admin, { url: r.url, description: "BI", events: ["evaluation.submitted", "evaluation.released"] });
    const ignored = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.acknowledged"] });
    const disabled = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.submitted"] });
    await setWebhookEnabled(db(), admin, disabled.id, false);

    const { id: evaluationId } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });

    const deliveries = await deliveriesOf(webhookId);
    expect(deliveries.map((d) => [d.event_type, d.status, d.attempts])).toEqual([
      ["evaluation.submitted", "pending", 0],
      ["evaluation.released", "pending", 0],
    ]);
    expect(await deliveriesOf(ignored.id)).toEqual([]);
    expect(await deliveriesOf(disabled.id)).toEqual([]);
    expect((await queuedJobs()).map((job) => job.key).sort()).toEqual(deliveries.map((d) => `webhook_delivery:${d.id}`).sort());

    const submitted = deliveries.find((d) => d.event_type === "evaluation.submitted")!;
    const payload = JSON.parse(submitted.body) as { id: string; type: string; data: { evaluation: Record<string, unknown> } };
    expect(payload.type).toBe("evaluation.submitted");
    // Ids, score and links: no answers, no feedback.
    expect(payload.data).toEqual({
      evaluation: {
        id: evaluationId,
        interactionId: w.interactionId,
        agentId: w.agent.id,
        reviewerId: w.qa.id,
        scorecardId: w.scorecard.id,
        scorecardVersion: 1,
        revision: 1,
        score: 100,
        passed: true,
        autoFailed: false,
        status: "submitted",
        submittedAt: expect.any(String) as string,
        releasedAt: expect.any(String) as string,
        url: `/evaluations/${evaluationId}`,
        apiUrl: `/api/v1/evaluations/${evaluationId}`,
      },
    });

    const t0 = new Date("2026-12-14T10:00:00.000Z");
    const first = await deliverWebhook(db(), submitted.id, { now: t0 });
    expect(first).toEqual({ kind: "attempted", attempt: 1, status: "pending", responseStatus: 500, error: "The receiver answered 500", nextAttemptAt: new Date("2026-12-14T10:00:30.000Z") });
    expect((await queuedJobs()).find((job) => job.key === `webhook_delivery:${submitted.id}`)?.run_at).toEqual(new Date("2026-12-14T10:00:30.000Z"));
    const second = await deliverWebhook(db(), submitted.id, { now: new Date("2026-12-14T10:00:30.000Z") });
    expect(second).toMatchObject({ attempt: 2, status: "pending", responseStatus: 500, nextAttemptAt: new Date("2026-12-14T10:02:30.000Z") });
    const third = await deliverWebhook(db(), submitted.id, { now: new Date("2026-12-14T10:02:30.000Z") });
    expect(third).toEqual({ kind: "attempted", attempt: 3, status: "delivered", responseStatus: 200, error: null, nextAttemptAt: null });
    expect(await deliverWebhook(db(), submitted.id)).toEqual({ kind: "skipped", reason: "finished" });

    expect(r.received).toHaveLength(3);
    for (const [index, request] of r.received.entries()) {
      expect(request.path).toBe("/hooks/parley");
      expect(request.body).toBe(submitted.body);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["parley-event"]).toBe("evaluation.submitted");
      expect(request.headers["parley-delivery"]).toBe(submitted.id);
      const at = [t0, new Date("2026-12-14T10:00:30.000Z"), new Date("2026-12-14T10:02:30.000Z")][index]!;
      expect(verifySignature(secret, request.body, request.headers["parley-signature"] as string, at)).toEqual({ ok: true, timestamp: at.getTime() / 1000 });
    }
    expect(await attemptsOf(submitted.id)).toEqual([
      { attempt: 1, attempted_at: t0, response_status: 500, error: "The receiver answered 500" },
      { attempt: 2, attempted_at: new Date("2026-12-14T10:00:30.000Z"), response_status: 500, error: "The receiver answered 500" },
      { attempt: 3, attempted_at: new Date("2026-12-14T10:02:30.000Z"), response_status: 200, error: null },
    ]);
    const log = await getWebhookWithDeliveries(db(), admin, webhookId);
    expect(log.deliveries.find((d) => d.id === submitted.id)).toMatchObject({
      eventType: "evaluation.submitted",
      status: "delivered",
      attempts: 3,
      lastResponseStatus: 200,
      finishedAt: new Date("2026-12-14T10:02:30.000Z"),
    });
    // The released event's first job, and the job that ran the third attempt (called directly here): none after it.
    expect((await queuedJobs()).map((job) => [job.key, job.run_at <= new Date("2026-12-14T10:02:30.000Z")])).toEqual([
      [`webhook_delivery:${deliveries[1]!.id}`, true],
      [`webhook_delivery:${submitted.id}`, true],
    ]);
  });

  it("give up after the eighth failure, having waited 30 s, 2, 8, 32, 128, 512 and 720 minutes", async () => {
    const admin = await seedUser("admin");
    const r = await receiver([503]);
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.submitted"] });
    const { deliveryId } = await sendTestEvent(db(), admin, id);
    let now = new Date("2026-12-14T00:00:00Z");
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const outcome = await deliverWebhook(db(), deliveryId, { now });
      if (outcome.kind !== "attempted") throw new Error("expected an attempt");
      expect(outcome.attempt).toBe(attempt);
      if (outcome.nextAttemptAt) {
        waits.push((outcome.nextAttemptAt.getTime() - now.getTime()) / 1000);
        now = outcome.nextAttemptAt;
      } else {
        expect(outcome.status).toBe("failed");
      }
    }
    expect(waits).toEqual([30, 120, 480, 1920, 7680, 30720, 43200]);
    expect(r.received).toHaveLength(8);
    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 8, last_response_status: 503, next_attempt_at: null });
    // Only the job that ran the eighth attempt (called directly here): nothing after it.
    expect((await queuedJobs()).map((job) => job.run_at)).toEqual([now]);
    expect((await listWebhooks(db(), admin, new Date("2026-12-14T23:59:00Z")))[0]).toMatchObject({ failedLastDay: 1, retrying: 0 });
  });

  it("count a receiver that does not answer in time as a failed attempt", async () => {
    const admin = await seedUser("admin");
    const r = await receiver("hang");
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.submitted"] });
    const { deliveryId } = await sendTestEvent(db(), admin, id);
    const outcome = await deliverWebhook(db(), deliveryId, { timeoutMs: 200 });
    expect(outcome).toMatchObject({ attempt: 1, status: "pending", responseStatus: null, error: "No answer within 0.2 s" });
  });

  it("are run by the job runner: the test event reaches the receiver, signed, as `webhook.test`", async () => {
    const admin = await seedUser("admin");
    const r = await receiver([204]);
    const { id, secret } = await createWebhook(db(), admin, { url: r.url, events: ["dispute.opened"] });
    const { deliveryId } = await sendTestEvent(db(), admin, id);
    await runOnce({ pgPool: pgPool(), taskList, logger: new Logger(() => () => {}), noHandleSignals: true });
    expect(r.received).toHaveLength(1);
    const body = JSON.parse(r.received[0]!.body) as { type: string; data: unknown };
    expect(body).toMatchObject({ type: "webhook.test", data: { webhook: { id }, message: "A test event from Parley." } });
    expect(verifySignature(secret, r.received[0]!.body, r.received[0]!.headers["parley-signature"] as string, new Date()).ok).toBe(true);
    expect((await deliveriesOf(id))[0]).toMatchObject({ id: deliveryId, status: "delivered", attempts: 1, last_response_status: 204 });
    expect(await queuedJobs()).toEqual([]);
  });

  it("exist only when their cause commits, and a disabled webhook's queued delivery is cancelled, not sent", async () => {
    const admin = await seedUser("admin");
    const w = await reviewWorld({ releaseMode: "immediate" });
    const r = await receiver([200]);
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.submitted"] });
    const { id: evaluationId } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
    await db().deleteFrom("webhook_deliveries").execute();
    await sql`DELETE FROM graphile_worker._private_jobs`.execute(db());
    await db()
      .transaction()
      .execute(async (trx) => {
        await emitWebhookEvent(trx, "evaluation.submitted", await evaluationEventData(trx, evaluationId));
        throw new Error("the cause fails");
      })
      .catch(() => undefined);
    expect(await deliveriesOf(id)).toEqual([]);
    expect(await queuedJobs()).toEqual([]);

    const [deliveryId] = await db().transaction().execute(async (trx) => emitWebhookEvent(trx, "evaluation.submitted", await evaluationEventData(trx, evaluationId)));
    await setWebhookEnabled(db(), admin, id, false);
    expect(await deliverWebhook(db(), deliveryId!)).toEqual({ kind: "skipped", reason: "disabled" });
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "cancelled", attempts: 0 });
    expect(r.received).toEqual([]);
  });

  it("follow a manual release and the agent's acknowledgement, without the agent's comment", async () => {
    const admin = await seedUser("admin");
    const w = await reviewWorld({ releaseMode: "manual" });
    await db().updateTable("scorecards").set({ acknowledgement: "optional" }).where("id", "=", w.scorecard.id).execute();
    const r = await receiver([200]);
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.released", "evaluation.acknowledged"] });
    const { id: evaluationId } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
    expect(await deliveriesOf(id)).toEqual([]);
    await releaseEvaluation(db(), w.lead, evaluationId);
    const { current_revision_id } = await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow();
    await acknowledgeEvaluation(db(), w.agent, evaluationId, { revisionId: current_revision_id!, comment: "Thanks, fair points" });
    // Acknowledging the same revision again is idempotent: no second event.
    await acknowledgeEvaluation(db(), w.agent, evaluationId, { revisionId: current_revision_id!, comment: "again" });
    const deliveries = await deliveriesOf(id);
    expect(deliveries.map((d) => d.event_type)).toEqual(["evaluation.released", "evaluation.acknowledged"]);
    const acknowledged = JSON.parse(deliveries[1]!.body) as { data: { acknowledgement: unknown; evaluation: { status: string } } };
    expect(acknowledged.data.acknowledgement).toEqual({ revision: 1, acknowledgedAt: expect.any(String) as string, agentId: w.agent.id });
    expect(deliveries[1]!.body).not.toContain("Thanks, fair points");
  });
});

describe("dispute events", () => {
  it("are written when a dispute is opened and when it is decided, with the new revision's score and no reasons or notes", async () => {
    const admin = await seedUser("admin");
    const w = await disputeWorld();
    const r = await receiver([200]);
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["dispute.opened", "dispute.decided"] });
    const raised = await raiseDispute(db(), w.agent, w.evaluationId, twoQuestions(w.revisionId));
    await takeDispute(db(), w.lead, raised.id);
    await decideDispute(db(), w.lead, raised.id, {
      decisions: [
        { questionId: "outcome", decision: "accept", note: "The customer confirms it at 02:10." },
        { questionId: "discovery", decision: "keep", note: "One checklist question was skipped." },
      ],
      note: "Listened to the call twice",
    });
    const deliveries = await deliveriesOf(id);
    expect(deliveries.map((d) => d.event_type)).toEqual(["dispute.opened", "dispute.decided"]);
    const [opened, decided] = deliveries.map((d) => JSON.parse(d.body) as { data: { evaluation: { revision: number; score: number }; dispute: Record<string, unknown> } });
    expect(opened!.data.dispute).toMatchObject({ id: raised.id, status: "open", raisedBy: w.agent.id, questionIds: ["discovery", "outcome"], url: `/disputes/${raised.id}` });
    expect(opened!.data.evaluation).toMatchObject({ revision: 1, score: 71.9 });
    expect(decided!.data.dispute).toMatchObject({ id: raised.id, status: "partly_upheld", outcome: "partly_upheld", decidedBy: w.lead.id });
    expect(decided!.data.evaluation).toMatchObject({ revision: 2, score: 90.6, passed: true });
    for (const text of ["card works now", "Listened to the call twice", "02:10"]) expect(deliveries.map((d) => d.body).join()).not.toContain(text);
  });
});
