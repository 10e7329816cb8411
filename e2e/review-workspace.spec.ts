import type { APIRequestContext, Page } from "@playwright/test";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import type { ScorecardDefinitionInput } from "../app/modules/scorecards/scorecard-definition.schema";
import { expect, loginAs, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { callVtt, closeRunDatabase, db, importConversation, seedPeople, seedPublishedScorecard, TEST_PASSWORD, tokenOf } from "./support/seed";

/**
 * The review workspace's forms and keys, each test on a draft it makes for itself: new
 * people, a scorecard, a call imported through the API, and the draft opened for a new QA
 * specialist, who signs in and works on it.
 */

const LONG_PROMPT = "Explained the refund timeline and the reference number clearly before closing the call";

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

async function reviewDraft(request: APIRequestContext) {
  const people = await seedPeople();
  const scorecard = await seedPublishedScorecard(definition);
  const token = await tokenOf(people.lead);
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

async function openWorkspace(page: Page, request: APIRequestContext) {
  const draft = await reviewDraft(request);
  await loginAs(page, draft.qa.email, TEST_PASSWORD);
  await page.goto(`/review/${draft.evaluationId}`);
  await waitForHydration(page);
  return draft;
}

/** Selects a word of the nth turn and opens the new-annotation form on it. */
async function annotateWord(page: Page, turn: number) {
  const text = page.getByRole("list", { name: "Transcript" }).getByRole("listitem").nth(turn).locator("[data-segment-text]");
  await text.dblclick({ position: { x: 4, y: 6 } });
  await page.getByRole("button", { name: "Annotate" }).click();
  const composer = page.getByRole("form", { name: "New annotation" });
  await expect(composer).toBeVisible();
  return composer;
}

test.afterAll(closeRunDatabase);

test.describe("the review workspace's forms", () => {
  test("at 1366 px the new annotation's Question select stays clear of the Positive/Negative/Neither choice", async ({ page, request }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await openWorkspace(page, request);
    const composer = await annotateWord(page, 1);
    const select = composer.getByLabel("Question (optional)");
    await select.selectOption({ label: LONG_PROMPT });
    const selectBox = await select.boundingBox();
    const formBox = await composer.boundingBox();
    if (!selectBox || !formBox) throw new Error("The form is not laid out");
    for (const name of ["Positive", "Negative", "Neither"]) {
      const box = await composer.getByLabel(name).boundingBox();
      if (!box) throw new Error(`${name} is not laid out`);
      const overlaps = box.x < selectBox.x + selectBox.width && selectBox.x < box.x + box.width && box.y < selectBox.y + selectBox.height && selectBox.y < box.y + box.height;
      expect(overlaps, `${name} overlaps the Question select`).toBe(false);
    }
    // And the select stays inside its form.
    expect(selectBox.x + selectBox.width).toBeLessThanOrEqual(formBox.x + formBox.width);
  });

  test("Esc in the transcript search leaves the box and keeps the text, as the shortcut help says", async ({ page, request }) => {
    await openWorkspace(page, request);
    await page.keyboard.press("/");
    const search = page.getByRole("searchbox", { name: "Search the transcript" });
    await expect(search).toBeFocused();
    await search.fill("invoice");
    await expect(page.locator(".review-hit")).toHaveCount(2);
    await page.keyboard.press("Escape");
    await expect(search).not.toBeFocused();
    await expect(search).toHaveValue("invoice");
    await expect(page.locator(".review-hit")).toHaveCount(2);
    // Out of the box, the shortcuts work again: "?" opens their list, which says what Esc does.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help.getByRole("row", { name: /Esc/ })).toContainText("leave the search box");
  });
});
