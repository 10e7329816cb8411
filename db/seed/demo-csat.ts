/**
 * The customers' survey answers on the demo conversations (issue 14 §9, docs/decisions/0029).
 * Calls carry the post-call survey (1 to 5) in the import's `csat` field; chats carry the chat
 * widget's rating (0 to 10) in their metadata under `survey_rating`, which the demo organisation
 * maps to CSAT in its settings — so both ways in are seeded.
 *
 * The answer follows what the conversation was like, as its review will find it (levelOf, with
 * the conversation's place among all the demo conversations — the review's place, except among
 * the last two weeks', where the sampled ones are left out): customers of a failed contact or of
 * Marcus Chen's empathy dip answer low, while a skipped identity check or a missed recording
 * disclosure goes unnoticed by them. So the Criteria page's CSAT difference shows which criteria
 * customers feel (resolution, empathy, tone) and which they do not (verification, disclosure).
 * About four in five customers answer; every unhappy one does. Deterministic: a hash of the slug
 * decides, never a random draw.
 */
import { DIP_AGENT, DIP_DAYS_AGO, baseOf, levelOf, type Level } from "./demo-evaluations";

export const CSAT_METADATA_KEY = "survey_rating";

const DAY = 86_400_000;

/** FNV-1a of the slug: a stable number per conversation. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    hash ^= text.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The two answers a customer of such a contact gives, on 1–5 (calls) and 0–10 (chats). */
const callAnswers: Record<Level | "dip", [number, number]> = {
  excellent: [5, 5],
  good: [4, 5],
  borderline: [3, 4],
  fail: [1, 2],
  autoFail: [4, 5],
  missedDisclosure: [4, 5],
  dip: [2, 3],
};
const chatAnswers: Record<Level | "dip", [number, number]> = {
  excellent: [9, 10],
  good: [8, 9],
  borderline: [6, 7],
  fail: [2, 4],
  autoFail: [8, 9],
  missedDisclosure: [8, 9],
  dip: [4, 5],
};

export interface DemoCsatInput {
  slug: string;
  agent: string;
  channel: "call" | "chat";
  startedAt: Date;
}

/**
 * Each conversation's answer, or null where the customer did not answer. `conversations` is every
 * demo conversation; their order by start (then slug) gives the place levelOf rotates by.
 */
export function demoCsatAnswers(conversations: readonly DemoCsatInput[], now: Date): Map<string, number | null> {
  const ordered = [...conversations].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const answers = new Map<string, number | null>();
  for (const [index, conversation] of ordered.entries()) {
    const daysAgo = (now.getTime() - conversation.startedAt.getTime()) / DAY;
    const level = levelOf(baseOf(conversation.slug), conversation.slug, conversation.agent, daysAgo, index);
    const dip = conversation.agent === DIP_AGENT && daysAgo >= DIP_DAYS_AGO.from && daysAgo <= DIP_DAYS_AGO.to;
    const hash = hashOf(conversation.slug);
    const unhappy = dip || level === "fail";
    if (!unhappy && hash % 5 === 0) {
      answers.set(conversation.slug, null);
      continue;
    }
    const pair = (conversation.channel === "call" ? callAnswers : chatAnswers)[dip ? "dip" : level];
    answers.set(conversation.slug, pair[(hash >>> 3) % 2] as number);
  }
  return answers;
}
