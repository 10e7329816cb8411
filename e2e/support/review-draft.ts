/**
 * A review draft a spec makes for itself: new people, a scorecard, a call imported through
 * the API, and the draft opened for a new QA specialist, who signs in and works on it.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { openEvaluation } from "../../app/modules/evaluations/open-evaluation.server";
import type { ScorecardDefinitionInput } from "../../app/modules/scorecards/scorecard-definition.schema";
import { db } from "../../app/lib/db.server";
import { seedPeople, seedScorecard, TEST_PASSWORD } from "../../test/factories";
import { seedApiToken } from "../../test/review-factories";
import { callVtt, expect, importConversation, loginAs, uniqueSuffix, waitForHydration } from "../fixtures";

export const LONG_PROMPT = "Explained the refund timeline and the reference number clearly before closing the call";

const definition: ScorecardDefinitionInput = {
  passMark: 80,
  sections: [
    {
      id: "handling",
      title: "Handling",
      questions: [
        { id: "greeting", kind: "binary", prompt: "Greeted the customer" },
        { id: "refund", kind: "binary", prompt: LONG_PROMPT },
        { id: "note", kind: "text", prompt: "Note for the supervisor" },
      ],
    },
  ],
};

export async function reviewDraft(request: APIRequestContext) {
  const people = await seedPeople();
  const scorecard = await seedScorecard({ definition });
  const { token } = await seedApiToken(people.lead);
  const interactionId = await importConversation(request, token, {
    externalId: `e2e-workspace-${uniqueSuffix()}`,
    agent: people.agent.email,
    startedAt: "2025-06-03T09:40:00Z",
    customerName: "Robin Vale",
    transcript: { fileName: "call.vtt", content: callVtt(people.agent.name) },
  });
  const { evaluationId } = await openEvaluation(db(), people.qa, { interactionId, scorecardId: scorecard.id });
  return { ...people, scorecard, interactionId, evaluationId };
}

export async function openWorkspace(page: Page, request: APIRequestContext) {
  const draft = await reviewDraft(request);
  await loginAs(page, { email: draft.qa.email, password: TEST_PASSWORD, name: draft.qa.name });
  await page.goto(`/review/${draft.evaluationId}`);
  await waitForHydration(page);
  await scorecardReady(page);
  return draft;
}

/** The scorecard takes input once it has checked that its copy of the draft is the saved one. */
export async function scorecardReady(page: Page) {
  await expect(page.locator(".scorecard-panel")).toHaveAttribute("aria-busy", "false");
}

/** Selects a word of the nth turn and opens the new-annotation form on it. */
export async function annotateWord(page: Page, turn: number) {
  const text = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(turn).locator("[data-segment-text]");
  await text.dblclick({ position: { x: 4, y: 6 } });
  await page.getByRole("button", { name: "Annotate" }).click();
  const composer = page.getByRole("form", { name: "New annotation" });
  await expect(composer).toBeVisible();
  return composer;
}
