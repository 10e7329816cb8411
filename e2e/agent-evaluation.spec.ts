import { callTranscript, seedInteraction, seedScorecard, seedTeam, seedUser } from "../test/factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedEvaluation } from "../test/review-factories";
import { expect, loginAs, seedLogin, test } from "./fixtures";

/**
 * An agent reads the released evaluation of their own conversation: the score, each chosen
 * answer with its points and the annotated moment, plainly; a note for the supervisor on a
 * question hidden from agents (issue 11 point 1) reaches neither the page nor its loader
 * data; another agent is told the evaluation does not exist. All data is made here.
 */

const NOTE = "Coach on hold etiquette before the next review";
const NOTE_COMMENT = "Private: second time this month";
const HIDDEN_ANNOTATION = "Hold without asking";
/** What the browser fetches for the route's loader data (single fetch: `<path>.data`, turbo-stream text). */
const loaderData = (url: string) => `${url}.data?_routes=${encodeURIComponent("routes/evaluations.$evaluationId")}`;

async function releasedEvaluation() {
  const team = await seedTeam();
  const agent = await seedLogin("agent", [team.id]);
  const otherAgent = await seedLogin("agent", [team.id]);
  const qa = await seedUser("qa");
  // Released as soon as it is submitted; "note" (a text question) hidden from agents.
  const scorecard = await seedScorecard({ definition: reviewDefinition, releaseMode: "immediate", hiddenFromAgents: ["note"] });
  const { id: interactionId } = await seedInteraction(agent.id, { transcript: callTranscript(agent.name), startedAt: new Date("2026-11-10T10:00:00Z") });
  const { id: evaluationId } = await seedEvaluation({
    reviewer: qa,
    interactionId,
    scorecardId: scorecard.id,
    annotations: [
      { comment: "Warm greeting, used the name", sentiment: "positive", questionId: "greeting", startMs: 0, endMs: 2000 },
      { comment: HIDDEN_ANNOTATION, questionId: "note", startMs: 2500, endMs: 5000 },
    ],
    answers: {
      greeting: { value: true, comment: "Used the customer's name" },
      identity: { value: true },
      discovery: { value: 4 },
      outcome: { value: "next" },
      note: { value: NOTE, comment: NOTE_COMMENT },
    },
  });
  return { agent, otherAgent, evaluationId };
}

test("an agent reads their released evaluation plainly, without the note hidden from agents; another agent gets 404", async ({ page }) => {
  const { agent, otherAgent, evaluationId } = await releasedEvaluation();
  const url = `/evaluations/${evaluationId}`;

  await loginAs(page, agent);
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: `Evaluation of ${agent.name}’s call` })).toBeVisible();

  // Opening 100 (weight 1); Resolution (3 of 4 + 1 of 2) / 2 = 62.5 (weight 3): (100 + 3 × 62.5) / 4 = 71.875.
  const result = page.getByLabel("Result");
  await expect(result.locator(".evaluation-score__value")).toHaveText("Score 71.9");
  await expect(result).toContainText("Fail");
  await expect(result).toContainText("pass mark 80");
  await expect(page.getByText("Visible to the agent since")).toBeVisible();

  // Each chosen answer in words with its points, not disabled controls; the hidden question is not listed.
  const scores = page.locator(".evaluation-scores");
  await expect(scores.locator(".scorecard-question__prompt")).toHaveText([
    /Greeted the customer/,
    /Verified identity/,
    /Understood the issue/,
    /Outcome/,
  ]);
  await expect(scores.locator(".scorecard-answer")).toHaveText(["Yes1 of 1 point", "Yes1 of 1 point", "4 on 1 to 53 of 4 points", "Next steps1 of 2 points"]);
  await expect(scores.locator(".scorecard-answer__points")).toHaveText(["1 of 1 point", "1 of 1 point", "3 of 4 points", "1 of 2 points"]);
  await expect(scores.getByText("Used the customer's name")).toBeVisible();
  await expect(scores.locator("input, textarea, select")).toHaveCount(0);

  // The annotated moment is listed, with its question; the one on the hidden question is not.
  const annotations = page.getByRole("list", { name: "Annotations" }).getByRole("listitem");
  await expect(annotations).toHaveCount(1);
  await expect(annotations.first()).toContainText("0:00–0:02");
  await expect(annotations.first()).toContainText("Greeted the customer");
  await expect(annotations.first()).toContainText("Warm greeting, used the name");

  // Neither the page nor the data its route sends to the browser holds the hidden answer, its comment or its annotation.
  const html = await page.content();
  const data = await page.request.get(loaderData(url));
  expect(data.status()).toBe(200);
  const json = await data.text();
  expect(json).toContain("Used the customer's name");
  for (const secret of [NOTE, NOTE_COMMENT, HIDDEN_ANNOTATION]) {
    expect(html, secret).not.toContain(secret);
    expect(json, secret).not.toContain(secret);
  }

  // Another agent of the same team: the evaluation does not exist for them, page or data.
  await page.context().clearCookies();
  await loginAs(page, otherAgent);
  const refused = await page.goto(url);
  expect(refused?.status()).toBe(404);
  await expect(page.getByText("Used the customer's name")).toHaveCount(0);
  expect((await page.request.get(loaderData(url))).status()).toBe(404);
});
