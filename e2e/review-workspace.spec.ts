import { db } from "../app/lib/db.server";
import { expect, test, waitForHydration } from "./fixtures";
import { annotateWord, LONG_PROMPT, openWorkspace, scorecardReady } from "./support/review-draft";

/**
 * The review workspace's forms and keys, each test on a draft it makes for itself: new
 * people, a scorecard, a call imported through the API, and the draft opened for a new QA
 * specialist, who signs in and works on it.
 */


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

test.describe("text past its limit", () => {
  test("overall feedback: a count as the limit nears, the real problem named, and answers still saved", async ({ page, request }) => {
    test.slow(); // 20,000 characters through the editor
    const draft = await openWorkspace(page, request);
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    const status = scorecard.locator(".save-status");
    const editor = scorecard.getByRole("textbox", { name: "Overall feedback" });
    await scorecard.getByRole("group", { name: /^Greeted the customer/ }).getByLabel("Yes").check();
    await editor.click();
    await page.keyboard.insertText("a".repeat(17_999));
    await expect(status).toHaveText(/^Saved /, { timeout: 15_000 });
    await expect(scorecard.locator(".char-count")).toHaveCount(0);
    await page.keyboard.insertText("b");
    await expect(scorecard.locator(".char-count")).toHaveText("18,000 of 20,000 characters");
    await expect(status).toHaveText("Unsaved changes");
    await expect(status).toHaveText(/^Saved /, { timeout: 15_000 });
    await page.keyboard.insertText("c".repeat(2_050));
    await expect(scorecard.locator(".char-count")).toHaveText("20,050 of 20,000 characters: 50 too many");
    await expect(scorecard.getByText("The overall feedback is 20,050 characters; the limit is 20,000. Shorten it by 50 to save it.")).toBeVisible();
    await expect(status).toHaveText("Other changes saved · overall feedback not saved: 50 characters too many", { timeout: 15_000 });

    // An answer given now is saved, although the feedback is still too long.
    await scorecard.getByRole("group", { name: /^Explained the refund timeline/ }).getByLabel("No", { exact: true }).check();
    await expect(status).toHaveText("Unsaved changes");
    await expect(status).toHaveText("Other changes saved · overall feedback not saved: 50 characters too many", { timeout: 15_000 });
    const saved = await db().selectFrom("evaluations").select(["answers", "feedback"]).where("id", "=", draft.evaluationId).executeTakeFirstOrThrow();
    expect(saved.answers).toEqual({ greeting: { value: true }, refund: { value: false } });
    // Every required question is answered, but the feedback must be shortened to submit.
    await expect(scorecard.getByRole("button", { name: "Submit evaluation" })).toBeDisabled();
    await expect(scorecard.getByText("Shorten the overall feedback marked in red to submit.")).toBeVisible();
    // The feedback as it was last saved, within the limit: 17,999 a's and the b.
    const savedText = (saved.feedback as { content: { content: { text: string }[] }[] }).content[0]?.content[0]?.text ?? "";
    expect({ length: savedText.length, end: savedText.slice(-2), hasC: savedText.includes("c") }).toEqual({ length: 18_000, end: "ab", hasC: false });

    // Shortened to the limit, the feedback is saved too.
    await editor.focus();
    await page.keyboard.press("Control+End");
    for (let i = 0; i < 50; i += 1) await page.keyboard.press("Backspace");
    await expect(scorecard.locator(".char-count")).toHaveText("20,000 of 20,000 characters");
    await expect(status).toHaveText(/^Saved /, { timeout: 15_000 });
    await expect(scorecard.getByRole("button", { name: "Submit evaluation" })).toBeEnabled();
  });

  test("an annotation comment over 2,000 characters is refused whole, with a count, never cut", async ({ page, request }) => {
    await openWorkspace(page, request);
    const composer = await annotateWord(page, 1);
    const comment = composer.getByLabel("Comment");
    await comment.fill("n".repeat(1_900));
    await expect(composer.locator(".char-count")).toHaveText("1,900 of 2,000 characters");
    await comment.fill("n".repeat(2_150));
    await expect(comment).toHaveValue("n".repeat(2_150));
    await expect(composer.locator(".char-count")).toHaveText("2,150 of 2,000 characters: 150 too many");
    await composer.getByRole("button", { name: "Save" }).click();
    await expect(composer.getByRole("alert")).toHaveText("Not saved. The comment is 2,150 characters; the limit is 2,000. Shorten it by 150 to save it.");
    await expect(comment).toHaveValue("n".repeat(2_150));
    await expect(page.getByRole("list", { name: "Annotations" }).getByRole("listitem")).toHaveCount(0);

    await comment.fill("n".repeat(2_000));
    await composer.getByRole("button", { name: "Save" }).click();
    await expect(composer).toBeHidden();
    await expect(page.getByRole("list", { name: "Annotations" }).getByRole("listitem")).toHaveCount(1);
  });

  test("a question's comment over 5,000 characters is refused whole with a count, and the other answers still save", async ({ page, request }) => {
    const draft = await openWorkspace(page, request);
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    const status = scorecard.locator(".save-status");
    const question = scorecard.locator(".scorecard-question", { has: page.getByRole("group", { name: /^Greeted the customer/ }) });
    await question.getByText("Add a comment").click();
    const comment = question.getByLabel("Comment on “Greeted the customer”");
    await comment.fill("m".repeat(5_100));
    await expect(comment).toHaveValue("m".repeat(5_100));
    await expect(question.locator(".char-count")).toHaveText("5,100 of 5,000 characters: 100 too many");
    await expect(question.getByText("This comment is 5,100 characters; the limit is 5,000. Shorten it by 100 to save it.")).toBeVisible();
    await scorecard.getByRole("group", { name: /^Explained the refund timeline/ }).getByLabel("No", { exact: true }).check();
    await expect(status).toHaveText("Other changes saved · a comment over 5,000 characters not saved", { timeout: 15_000 });
    const saved = await db().selectFrom("evaluations").select("answers").where("id", "=", draft.evaluationId).executeTakeFirstOrThrow();
    expect(saved.answers).toEqual({ refund: { value: false } });
  });
});

test.describe("coming back to the workspace", () => {
  test("after leaving by typing an address and pressing Back, it shows the latest save and the next edit saves without a false conflict", async ({ page, request }) => {
    const draft = await openWorkspace(page, request);
    const reviewUrl = page.url();
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    const status = scorecard.locator(".save-status");
    const editor = scorecard.getByRole("textbox", { name: "Overall feedback" });
    await editor.click();
    await page.keyboard.type("Clear opening.");
    await expect(status).toHaveText(/^Saved /, { timeout: 15_000 });

    // Elsewhere by typing an address (a new document), then Back.
    await page.goto("/queue");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(reviewUrl);
    await waitForHydration(page);
    await scorecardReady(page);
    await expect(editor).toHaveText("Clear opening.");

    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Good pace.");
    await expect(status).toHaveText(/^Saved /, { timeout: 15_000 });
    await expect(scorecard.getByRole("alert")).toHaveCount(0);
    const saved = await db().selectFrom("evaluations").select(["feedback", "revision"]).where("id", "=", draft.evaluationId).executeTakeFirstOrThrow();
    expect(JSON.stringify(saved.feedback)).toContain('"Clear opening. Good pace."');
    expect(saved.revision).toBe(3);
  });
});

