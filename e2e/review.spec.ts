import type { Locator, Page } from "@playwright/test";
import { demoScorecards } from "../db/seed/demo-scorecards";
import { seedConversation } from "../test/conversation-factories";
import { seedScorecard, seedTeam } from "../test/factories";
import { seedAssignment } from "../test/review-factories";
import { expect, loginAs, seedLogin, test, uniqueSuffix, waitForHydration } from "./fixtures";

/**
 * The review workspace end to end, on a queue the spec fills: open an assignment, play and
 * seek, annotate a waveform range and a transcript span, score with an N/A and a critical
 * fail, write feedback, reload half-way, submit into the next assignment, then read the
 * evaluation page.
 */

const DAY_MS = 86_400_000;
const [callQuality, chatQuality] = demoScorecards.map((scorecard) => scorecard.definition);

const question = (scope: Page | Locator, prompt: RegExp) => scope.getByRole("group", { name: prompt });

/** Seconds shown by the player's clock ("0:07 / 0:48" → 7). */
async function clockSeconds(page: Page): Promise<number> {
  const text = (await page.getByRole("timer", { name: "Position" }).textContent()) ?? "";
  const match = /^(\d+):(\d{2})/.exec(text.trim());
  if (!match) throw new Error(`Unexpected clock text: ${text}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Drags across the waveform from one fraction of its width to another. */
async function dragAcrossWaveform(page: Page, from: number, to: number): Promise<void> {
  const waveform = page.getByRole("img", { name: /^Waveform/ });
  await waveform.scrollIntoViewIfNeeded();
  const box = await waveform.boundingBox();
  if (!box) throw new Error("The waveform has no box");
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  for (let step = 1; step <= 8; step += 1) {
    await page.mouse.move(box.x + box.width * (from + ((to - from) * step) / 8), y);
  }
  await page.mouse.up();
}

test.describe("the review workspace", () => {
  test("My queue's skip dialog (useSkipDialog, shared with Assignments) keeps a refused reason in its dialog, forgets the refusal once cancelled, and a done skip moves focus to its message", async ({ page }) => {
    const suffix = uniqueSuffix();
    const agent = await seedLogin("agent", [(await seedTeam(`Skip team ${suffix}`)).id], `Skip Agent ${suffix}`);
    const qa = await seedLogin("qa");
    const scorecard = await seedScorecard({ name: `Call quality ${suffix}`, definition: callQuality });
    const call = await seedConversation(agent.id, "call-tech-password-reset");
    await seedAssignment({ interactionId: call.id, scorecardId: scorecard.id, reviewerId: qa.id, dueAt: new Date(Date.now() + DAY_MS) });

    await loginAs(page, qa);
    await page.goto("/queue");
    await waitForHydration(page);
    const skipButton = page.getByRole("button", { name: new RegExp(`^Skip the conversation of ${agent.name}`) });
    const dialog = page.getByRole("dialog", { name: "Skip this conversation?" });
    const reason = dialog.getByLabel("Reason");

    // A reason of spaces passes the browser's "required" and is refused by the server: the dialog stays open with it.
    await skipButton.click();
    await expect(reason).toBeFocused();
    await reason.fill("   ");
    await dialog.getByRole("button", { name: "Skip", exact: true }).click();
    await expect(dialog.getByText("Give a reason, for example “no audio”")).toBeVisible();
    await expect(reason).toHaveValue("   ");
    await expect(reason).toHaveAttribute("aria-invalid", "true");

    // Cancelled, the refusal is read: opened again, the dialog starts clean.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await skipButton.click();
    await expect(dialog.getByText("Give a reason, for example “no audio”")).toBeHidden();
    await expect(reason).toHaveValue("");

    // Done: the dialog closes, the row goes, and focus lands on the status message.
    await reason.fill("No audio on the recording");
    await dialog.getByRole("button", { name: "Skip", exact: true }).click();
    const done = page.getByRole("status").filter({ hasText: "Skipped. It has left your queue." });
    await expect(done).toBeFocused();
    await expect(dialog).toBeHidden();
    await expect(skipButton).toHaveCount(0);
  });

  test("a QA specialist scores a call from My queue, with annotations and feedback, and lands on the next assignment", async ({ page }) => {
    test.slow(); // One long journey through the whole workspace.
    // Two calls of an agent, each assigned to the QA specialist for a call scorecard; the one
    // due first (the area outage) is reviewed, the other is where the submit leads.
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Review team ${suffix}`);
    const agent = await seedLogin("agent", [team.id]);
    const qa = await seedLogin("qa");
    const callScorecard = await seedScorecard({ name: `Call quality ${suffix}`, definition: callQuality });
    const first = await seedConversation(agent.id, "call-tech-area-outage");
    const second = await seedConversation(agent.id, "call-tech-password-reset");
    await seedAssignment({ interactionId: first.id, scorecardId: callScorecard.id, reviewerId: qa.id, dueAt: new Date(Date.now() + DAY_MS) });
    await seedAssignment({ interactionId: second.id, scorecardId: callScorecard.id, reviewerId: qa.id, dueAt: new Date(Date.now() + 2 * DAY_MS) });

    await loginAs(page, qa);
    await page.goto("/queue");
    await waitForHydration(page);
    const rows = page.getByRole("row").filter({ has: page.getByRole("button", { name: /^Review the conversation of/ }) });
    await expect(rows).toHaveCount(2);

    // ---- open the first assignment
    await rows.first().getByRole("button", { name: /^Review the conversation of/ }).click();
    await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
    const reviewUrl = page.url();
    const evaluationId = reviewUrl.split("/").pop() ?? "";
    await waitForHydration(page);
    // The scorecard takes input once it has checked its copy of the draft against the server.
    await expect(page.locator(".scorecard-panel")).toHaveAttribute("aria-busy", "false");
    await expect(page.locator('[data-waveform-ready="true"]')).toBeVisible();
    await expect(page.getByRole("list", { name: "Channels" }).getByRole("listitem")).toHaveCount(2);
    const transcript = page.getByRole("list", { name: "Transcript" });
    const turns = transcript.getByRole("listitem");
    await expect(turns.nth(3)).toBeVisible();

    // ---- play, pause
    const playback = page.getByRole("group", { name: "Playback" });
    await playback.getByRole("button", { name: "Play" }).click();
    await expect(playback.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect.poll(() => clockSeconds(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await playback.getByRole("button", { name: "Pause" }).click();
    await expect(playback.getByRole("button", { name: "Play" })).toBeVisible();

    // ---- seek by clicking a transcript segment: that turn becomes the current one
    const target = turns.nth(3);
    const seekButton = target.getByRole("button", { name: /^Play from / });
    const label = ((await seekButton.getAttribute("aria-label")) ?? "").replace("Play from ", "");
    const [minutes, seconds] = label.split(":").map(Number);
    await target.locator(".turn__text").click();
    await expect(target).toHaveAttribute("aria-current", "true");
    await expect.poll(() => clockSeconds(page)).toBe((minutes ?? 0) * 60 + (seconds ?? 0));

    // ---- annotate a waveform range, linked to a question, marked negative
    const notes = page.getByRole("list", { name: "Annotations" });
    await dragAcrossWaveform(page, 0.2, 0.35);
    const composer = page.getByRole("form", { name: "New annotation" });
    await expect(composer).toBeVisible();
    await expect(composer.getByLabel("Comment")).toBeFocused();
    await composer.getByLabel("Comment").fill("Long silence while the account loads; say what you are doing.");
    await composer.getByLabel("Question (optional)").selectOption({ label: "Showed empathy" });
    await composer.getByLabel("Negative").check();
    await composer.getByRole("button", { name: "Save" }).click();
    await expect(composer).toBeHidden();
    await expect(notes.getByRole("listitem")).toHaveCount(1);
    await expect(notes).toContainText("Long silence while the account loads");
    await expect(notes).toContainText("Showed empathy");
    await expect(page.locator('[part~="region"]')).toHaveCount(1);

    // ---- annotate a span of transcript text, marked positive
    const spanTurn = turns.nth(1);
    const spanText = spanTurn.locator("[data-segment-text]");
    const words = ((await spanText.textContent()) ?? "").split(/\s+/).filter((word) => /^[A-Za-z]{3,}$/.test(word));
    const word = words[0];
    if (!word) throw new Error("The second turn has no plain word to select");
    await spanText.getByText(word, { exact: false }).first().dblclick({ position: { x: 4, y: 6 } });
    await page.getByRole("button", { name: "Annotate" }).click();
    const spanComposer = page.getByRole("form", { name: "New annotation" });
    await expect(spanComposer).toContainText("“");
    await spanComposer.getByLabel("Comment").fill("Good: clear and friendly.");
    await spanComposer.getByLabel("Positive").check();
    await spanComposer.getByRole("button", { name: "Save" }).click();
    await expect(spanComposer).toBeHidden();
    await expect(notes.getByRole("listitem")).toHaveCount(2);
    await expect(spanTurn.locator(".review-note--positive")).toBeVisible();
    // On a call, a text span is also anchored to its turn's time, so it shows on the waveform.
    await expect(page.locator('[part~="region"]')).toHaveCount(2);

    // ---- the scorecard: the live score follows every answer
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    const score = scorecard.getByRole("status").filter({ hasText: "Score" });
    await expect(score).toContainText("No score yet");
    await question(scorecard, /^Greeted the customer/).getByLabel("Yes").check();
    await expect(score).toContainText("100.0");
    // A critical-for-all question answered no fails the whole evaluation…
    const identity = question(scorecard, /^Verified the customer's identity/);
    await identity.getByLabel("No", { exact: true }).check();
    await expect(score).toContainText("0.0");
    await expect(score).toContainText("auto-failed");
    // …and N/A takes it out of the count altogether.
    await identity.getByLabel(/^N\/A/).check();
    await expect(score).toContainText("100.0");
    await question(scorecard, /^Understood the customer's issue/).getByRole("radio", { name: /^4/ }).check();
    await question(scorecard, /^Outcome/).getByLabel(/^Resolved on this contact/).check();
    await question(scorecard, /^Showed empathy/).getByRole("radio", { name: /^5/ }).check();
    await question(scorecard, /^Asked before placing on hold/).getByLabel(/^N\/A/).check();
    // A section-critical question answered no zeroes its section:
    // (Opening 1×1 + Resolution 3×(2×0.75 + 3×1)/5 + Manner 1×1 + Compliance 1×0) / 6 = 78.3.
    const disclosure = question(scorecard, /^Disclosed that the call is recorded/);
    await disclosure.getByLabel("No", { exact: true }).check();
    await expect(score).toContainText("78.3");
    await expect(score).toContainText("Fail (pass mark 80)");
    await expect(scorecard.getByRole("list", { name: "Section scores" })).toContainText("critical failed");
    await disclosure.getByLabel("Yes", { exact: true }).check();
    await expect(score).toContainText("95.0");
    await expect(score).toContainText("Pass (pass mark 80)");

    // ---- overall feedback in the rich-text editor
    const editor = scorecard.getByRole("textbox", { name: "Overall feedback" });
    await editor.click();
    await page.keyboard.type("Well handled. ");
    await page.keyboard.press("Control+b");
    await page.keyboard.type("Keep the disclosure first.");
    await page.keyboard.press("Control+b");
    await expect(editor.locator("strong")).toHaveText("Keep the disclosure first.");
    const saveStatus = scorecard.getByRole("status").filter({ hasText: /Saved|Saving|Unsaved|No changes/ });
    await expect(saveStatus).toContainText(/^Saved /, { timeout: 15_000 });

    // ---- reload half-way: the draft, the annotations and the feedback are all there
    await page.reload();
    await waitForHydration(page);
    await expect(score).toContainText("95.0");
    await expect(question(scorecard, /^Verified the customer's identity/).getByLabel(/^N\/A/)).toBeChecked();
    await expect(question(scorecard, /^Showed empathy/).getByRole("radio", { name: /^5/ })).toBeChecked();
    await expect(editor.locator("strong")).toHaveText("Keep the disclosure first.");
    await expect(notes.getByRole("listitem")).toHaveCount(2);
    await expect(page.locator('[data-waveform-ready="true"]')).toBeVisible();
    await expect(page.locator('[part~="region"]')).toHaveCount(2);

    // ---- submit: the server records the score and opens the next assignment
    await scorecard.getByRole("button", { name: "Submit evaluation" }).click();
    const confirm = page.getByRole("dialog", { name: "Submit this evaluation?" });
    await expect(confirm).toContainText("95.0");
    await expect(confirm).toContainText("Pass (pass mark 80)");
    await confirm.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(page).not.toHaveURL(reviewUrl);
    await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}\?submitted=95\.0&result=pass$/);
    await expect(page.getByRole("status").filter({ hasText: "Submitted: 95.0 (pass)." })).toBeVisible();
    await page.goto("/queue");
    await expect(rows).toHaveCount(1);

    // ---- the evaluation page shows all of it, read-only
    await page.goto(`/evaluations/${evaluationId}`);
    await waitForHydration(page);
    const result = page.getByLabel("Result");
    await expect(result).toContainText("95.0");
    await expect(result).toContainText("Pass");
    await expect(page.getByRole("region", { name: "Scores and feedback" }).locator("strong", { hasText: "Keep the disclosure first." })).toBeVisible();
    await expect(notes.getByRole("listitem")).toHaveCount(2);
    await expect(notes).toContainText("Good: clear and friendly.");
    await expect(page.locator('[data-waveform-ready="true"]')).toBeVisible();
    await expect(page.locator('[part~="region"]')).toHaveCount(2);
    await expect(spanTurn.locator(".review-note--positive")).toBeVisible();
    // Each answer in plain words with the points it earned, not as disabled controls.
    const empathy = page.locator(".scorecard-question", { hasText: "Showed empathy" });
    await expect(empathy.locator(".scorecard-answer")).toHaveText("5 on 1 to 54 of 4 points");
    await expect(empathy.getByRole("radio")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Submit evaluation" })).toHaveCount(0);

    // The workspace address of a submitted evaluation now leads to this page.
    await page.goto(reviewUrl);
    await expect(page).toHaveURL(`/evaluations/${evaluationId}`);
  });

  test("a QA lead scores a chat from its page: messages with their times, no player; the agent sees it, another agent gets 404", async ({ page, browser }) => {
    test.slow();
    // A chat of one agent; another agent of the same team must not see its evaluation.
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Chat team ${suffix}`);
    const agent = await seedLogin("agent", [team.id]);
    const otherAgent = await seedLogin("agent", [team.id]);
    const lead = await seedLogin("qa_lead");
    const chatScorecard = await seedScorecard({ name: `Chat quality ${suffix}`, definition: chatQuality });
    const chat = await seedConversation(agent.id, "chat-tech-outage-update");

    await loginAs(page, lead);
    await page.goto(`/interactions/${chat.id}`);
    const start = page.getByRole("region", { name: "Score this interaction" });
    await start.getByLabel("Scorecard").selectOption({ label: chatScorecard.name });
    await start.getByRole("button", { name: "Start scoring" }).click();
    await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
    const evaluationId = page.url().split("/").pop() ?? "";
    await waitForHydration(page);
    // The scorecard takes input once it has checked its copy of the draft against the server.
    await expect(page.locator(".scorecard-panel")).toHaveAttribute("aria-busy", "false");

    // A chat: no waveform or playback, and each message shows its clock time.
    await expect(page.getByRole("group", { name: "Playback" })).toHaveCount(0);
    await expect(page.getByRole("img", { name: /^Waveform/ })).toHaveCount(0);
    const messages = page.getByRole("list", { name: "Transcript" }).getByRole("listitem");
    await expect(messages.first()).toBeVisible();
    await expect(messages.first().locator(".turn__time")).toHaveText(/^\d{2}:\d{2}:\d{2}$/);

    // Annotate a word of a message.
    const text = messages.nth(1).locator("[data-segment-text]");
    await text.dblclick({ position: { x: 4, y: 6 } });
    await page.getByRole("button", { name: "Annotate" }).click();
    const composer = page.getByRole("form", { name: "New annotation" });
    await composer.getByLabel("Comment").fill("Asked for the account number before greeting.");
    await composer.getByLabel("Question (optional)").selectOption({ label: "Tone fitted the customer" });
    await composer.getByRole("button", { name: "Save" }).click();
    const notes = page.getByRole("list", { name: "Annotations" });
    await expect(notes.getByRole("listitem")).toHaveCount(1);

    // (1 + 2/3 + 2) / 4 = 91.7
    const scorecard = page.getByRole("region", { name: "Scorecard" });
    await question(scorecard, /^Answered within two minutes/).getByLabel("Yes").check();
    await question(scorecard, /^Tone fitted the customer/).getByRole("radio", { name: /^3/ }).check();
    await question(scorecard, /^Resolved or handed over correctly/).getByLabel("Yes").check();
    await expect(scorecard.getByRole("status").filter({ hasText: "Score" })).toContainText("91.7");
    await scorecard.getByRole("button", { name: "Submit evaluation" }).click();
    await page.getByRole("dialog", { name: "Submit this evaluation?" }).getByRole("button", { name: "Submit", exact: true }).click();
    // The lead has no queue: the queue page says so.
    await expect(page).toHaveURL(/\/queue\?submitted=91\.7&result=pass&queue=done$/);
    await expect(page.getByRole("status").filter({ hasText: "Submitted: 91.7 (pass)." })).toContainText("Queue done");

    // The chat's agent reads it (the scorecard releases on submit); another agent cannot find it.
    const own = await browser.newContext();
    const ownPage = await own.newPage();
    await loginAs(ownPage, agent);
    const ownView = await ownPage.goto(`/evaluations/${evaluationId}`);
    expect(ownView?.status()).toBe(200);
    await expect(ownPage.getByLabel("Result")).toContainText("91.7");
    await expect(ownPage.getByRole("list", { name: "Annotations" })).toContainText("Asked for the account number before greeting.");
    await own.close();

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await loginAs(otherPage, otherAgent);
    const otherView = await otherPage.goto(`/evaluations/${evaluationId}`);
    expect(otherView?.status()).toBe(404);
    await expect(otherPage.getByText("Asked for the account number")).toHaveCount(0);
    await other.close();
  });
});
