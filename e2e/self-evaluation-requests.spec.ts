/**
 * Self-evaluation requests in Chromium (issue 13 §5, §7): with self-evaluation on (the spec's
 * data), a QA lead makes a sampling rule of purpose "self" for a team and runs it; the agent is
 * notified (one notification for the run), finds exactly the conversations requested of them
 * under "To self-evaluate" on My feedback — not an older one outside the window, not a
 * colleague's — self-evaluates one from there, and it drops off the list while the other stays.
 */
import type { Page } from "@playwright/test";
import { db } from "../app/lib/db.server";
import { formatDateTime } from "../app/lib/time";
import { getOrganisation } from "../app/modules/users/get-organisation.server";
import { seedConversation } from "../test/conversation-factories";
import { reviewDefinition } from "../test/evaluation-fixtures";
import { seedScorecard, seedTeam } from "../test/factories";
import { withOrganisationSettings } from "../test/organisation-factories";
import { expect, expectNoSeriousViolations, loginAs, seedLogin, signOut, test, uniqueSuffix, waitForHydration } from "./fixtures";
import { scorecardReady } from "./support/review-draft";

const DAY_MS = 86_400_000;
const inboxLink = (page: Page) => page.getByRole("link", { name: /^Notifications, / });
const stat = (page: Page, label: string) =>
  page.locator(".stat").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");

test("a lead's self-evaluation rule asks the agents; the agent is told, sees exactly their requests, self-evaluates one and it drops off", async ({ page }) => {
  // A rule form, a run, two sign-ins, a workspace submission and an axe scan on a loaded machine.
  test.setTimeout(240_000);
  await withOrganisationSettings({ self_evaluation_enabled: true }, async () => {
    const suffix = uniqueSuffix();
    const team = await seedTeam(`Self-ask team ${suffix}`);
    const dana = await seedLogin("agent", [team.id], `Dana Selfask ${suffix}`);
    const eli = await seedLogin("agent", [team.id], `Eli Selfask ${suffix}`);
    const lead = await seedLogin("qa_lead", [], `Leah Selfask ${suffix}`);
    const scorecard = await seedScorecard({ name: `Self-asked chats ${suffix}`, definition: reviewDefinition });
    // Dana: two chats in the rule's window and one long before it; Eli: one in the window.
    const danaRecent = await seedConversation(dana.id, "chat-tech-outage-update", { startedAt: new Date(Date.now() - 2 * DAY_MS) });
    const danaOlder = await seedConversation(dana.id, "chat-billing-refund-status", { startedAt: new Date(Date.now() - 5 * DAY_MS) });
    await seedConversation(dana.id, "chat-tech-wifi-extender", { startedAt: new Date(Date.now() - 90 * DAY_MS) });
    const eliChat = await seedConversation(eli.id, "chat-sales-tv-bundle", { startedAt: new Date(Date.now() - 3 * DAY_MS) });
    const { timeZone } = await getOrganisation(db());
    const startedAt = async (interactionId: string) =>
      formatDateTime((await db().selectFrom("interactions").select("started_at").where("id", "=", interactionId).executeTakeFirstOrThrow()).started_at, timeZone);

    // ---- the lead makes the rule and runs it
    await loginAs(page, lead);
    await page.goto("/sampling/new");
    await waitForHydration(page);
    await page.getByRole("textbox", { name: "Name" }).fill(`Self-evaluation ${suffix}`);
    await page.getByRole("combobox", { name: "Scorecard" }).selectOption({ label: scorecard.name });
    await page.getByRole("combobox", { name: "Purpose" }).selectOption({ label: "Self-evaluation by the agents" });
    await page.getByRole("combobox", { name: "Window" }).selectOption({ label: "Last N days" });
    await page.getByLabel("Number of days").fill("30");
    await page.getByRole("group", { name: "Teams" }).getByLabel(team.name).check();
    await page.getByRole("combobox", { name: "Quota" }).selectOption({ label: "A number per agent" });
    await page.getByLabel("Conversations per agent").fill("5");
    await page.getByLabel("Due in (hours)").fill("72");
    await page.getByRole("combobox", { name: "Schedule" }).selectOption({ label: "Manual: only when someone presses Run now" });
    await page.getByRole("button", { name: "Create rule" }).click();
    await expect(page).toHaveURL(/\/sampling\/[0-9a-f-]{36}\?done=created$/);
    await page.getByRole("button", { name: "Run now" }).click();
    await expect(page).toHaveURL(/\/sampling\/runs\/[0-9a-f-]{36}$/);
    await expect(stat(page, "Matched")).toHaveText("3");
    await expect(stat(page, "Drawn")).toHaveText("3");
    await expect(stat(page, "Sent to agents to self-evaluate")).toHaveText("3");
    await signOut(page);

    const requests = await db().selectFrom("self_evaluation_requests").select(["interaction_id", "agent_id", "due_at"]).where("scorecard_id", "=", scorecard.id).execute();
    expect(requests.map((r) => r.interaction_id).sort()).toEqual([danaRecent.id, danaOlder.id, eliChat.id].sort());
    const due = formatDateTime(requests[0]!.due_at, timeZone);

    // ---- the agent is told, once, and the notification leads to My feedback
    await loginAs(page, dana);
    await expect(inboxLink(page)).toHaveAccessibleName("Notifications, 1 unread");
    await inboxLink(page).click();
    const items = page.getByRole("list", { name: "Notifications, newest first" }).getByRole("listitem");
    await expect(items).toHaveCount(1);
    await items.first().getByRole("link", { name: `Unread: You are asked to self-evaluate 2 conversations by ${due}` }).click();
    await expect(page).toHaveURL("/feedback");
    await expect(inboxLink(page)).toHaveAccessibleName("Notifications, none unread");

    // ---- exactly the two requested, soonest due first (both due alike: then by request), not the old one nor Eli's
    const section = page.getByRole("region", { name: "To self-evaluate" });
    const rows = section.locator("tbody tr");
    await expect(rows).toHaveCount(2);
    const listed = (await rows.locator("td:first-child").allTextContents()).map((text) => text.replace(/^Chat\s*/, "").trim()).sort();
    expect(listed).toEqual([await startedAt(danaRecent.id), await startedAt(danaOlder.id)].sort());
    for (const cells of await rows.allTextContents()) expect(cells).toContain(scorecard.name);
    await expect(section.getByRole("navigation")).toHaveCount(0); // one page
    await expectNoSeriousViolations(page, "/feedback with requests to self-evaluate");

    // ---- self-evaluates the recent chat from the list; it drops off, the other stays
    const recentLabel = `Self-evaluate the chat of ${await startedAt(danaRecent.id)}`;
    await section.getByRole("button", { name: recentLabel }).click();
    await expect(page).toHaveURL(/\/review\/[0-9a-f-]{36}$/);
    const selfId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await waitForHydration(page);
    await scorecardReady(page);
    const form = page.getByRole("region", { name: "Scorecard" });
    await form.getByRole("group", { name: /^Greeted the customer/ }).getByLabel("Yes", { exact: true }).check();
    await form.getByRole("group", { name: /^Verified identity/ }).getByLabel("Yes", { exact: true }).check();
    await form.getByRole("group", { name: /^Understood the issue/ }).getByRole("radio", { name: /^5/ }).check();
    await form.getByRole("group", { name: /^Outcome/ }).getByLabel(/^Resolved/).check();
    await form.getByRole("button", { name: "Submit evaluation" }).click();
    await page.getByRole("dialog", { name: "Submit this evaluation?" }).getByRole("button", { name: "Submit", exact: true }).click();
    await expect(page).toHaveURL(`/evaluations/${selfId}?self=submitted`);

    await page.goto("/feedback");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(await startedAt(danaOlder.id));
    await expect(section.getByRole("button", { name: recentLabel })).toHaveCount(0);
    const self = await db().selectFrom("evaluations").select(["interaction_id", "kind", "status"]).where("id", "=", selfId).executeTakeFirstOrThrow();
    expect(self).toEqual({ interaction_id: danaRecent.id, kind: "self", status: "submitted" });
  });
});
