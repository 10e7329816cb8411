import { evaluationInputSchema } from "../app/modules/evaluations/evaluation-input.schema";
import { saveEvaluationDraft } from "../app/modules/evaluations/save-evaluation-draft.server";
import { expect, test } from "./fixtures";
import { chromiumLaunchOptions } from "./support/chromium";
import { openWorkspace, scorecardReady } from "./support/review-draft";
import { db } from "./support/seed";

/**
 * The review workspace restored from the back-forward cache (a \`pageshow\` with \`persisted\`),
 * with the draft saved elsewhere meanwhile: the page loads the newer save before it takes
 * input, instead of offering to overwrite it with its older copy. Playwright turns Chromium's
 * back-forward cache off by default; a reviewer's browser has it on, and so does this file.
 */
test.use({ launchOptions: { ...chromiumLaunchOptions(), ignoreDefaultArgs: ["--disable-back-forward-cache"] } });


test.describe("coming back from the back-forward cache", () => {
  test("a save made elsewhere while the page was away is loaded before the reviewer can type", async ({ page, request }) => {
    const draft = await openWorkspace(page, request);
    const reviewUrl = page.url();
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    const editor = scorecard.getByRole("textbox", { name: "Overall feedback" });
    await editor.click();
    await page.keyboard.type("First thoughts.");
    await expect(scorecard.locator(".save-status")).toHaveText(/^Saved /, { timeout: 15_000 });

    await page.evaluate(() => {
      window.addEventListener("pageshow", (event) => {
        (window as { restoredFromCache?: boolean }).restoredFromCache = event.persisted;
      });
    });
    await page.goto("/queue");
    // Meanwhile the draft is saved from another tab.
    const current = await db().selectFrom("evaluations").select("revision").where("id", "=", draft.evaluationId).executeTakeFirstOrThrow();
    const feedback = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Rewritten in another tab." }] }] };
    await saveEvaluationDraft(db(), draft.qa, draft.evaluationId, evaluationInputSchema.parse({ answers: { greeting: { value: true } }, feedback, revision: current.revision }));

    // A page restored from the cache fires no "load": wait for the navigation only.
    await page.goBack({ waitUntil: "commit" });
    await expect(page).toHaveURL(reviewUrl);
    // The same document came back from the cache, with the scripts' state of before.
    expect(await page.evaluate(() => (window as { restoredFromCache?: boolean }).restoredFromCache)).toBe(true);
    await scorecardReady(page);
    await expect(editor).toHaveText("Rewritten in another tab.");
    await expect(scorecard.getByRole("group", { name: /^Greeted the customer/ }).getByLabel("Yes")).toBeChecked();
    await editor.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" And more.");
    await expect(scorecard.locator(".save-status")).toHaveText(/^Saved /, { timeout: 15_000 });
    await expect(scorecard.getByRole("alert")).toHaveCount(0);
    const saved = await db().selectFrom("evaluations").select("feedback").where("id", "=", draft.evaluationId).executeTakeFirstOrThrow();
    expect(JSON.stringify(saved.feedback)).toContain('"Rewritten in another tab. And more."');
  });
});
