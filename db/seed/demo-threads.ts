/**
 * Comment threads on some of the demo's reviews (issue 13 point 11), written through the comment
 * use case at the times they happened, after the review history: an agent asks, the reviewer
 * answers, a supervisor or the QA lead joins in. Each thread is on a released review found by its
 * conversation's slug; "reviewer" stands for whoever reviewed it.
 */
import type { Database } from "../../app/lib/db.server";
import { addComment } from "../../app/modules/comments/add-comment.server";
import type { Viewer } from "../../app/modules/users/roles";

const HOUR = 3_600_000;

interface Thread {
  slug: string;
  /** Hours after the release, and who says what ("reviewer" is the review's author). */
  comments: Array<[hours: number, who: string, body: string]>;
}

export const demoThreads: Thread[] = [
  {
    slug: "call-billing-payment-no-verification-earlier",
    comments: [
      [20, "tom.becker", "The caller knew the account number and the last payment, so I took them as verified. What should I have asked?"],
      [23, "reviewer", "An account number is on every bill, so it isn't proof. Ask for the phone PIN, or two of: full name, postcode, date of birth — before any balance talk.\nThe \"Verifying callers\" article has the exact wording."],
      [30, "sam.patel", "Tom, let's role-play the verification script in Thursday's one-on-one."],
    ],
  },
  {
    slug: "call-billing-autopay-failed",
    comments: [
      [4, "sam.patel", "Marcus, this is the third call this month where the customer's frustration went unacknowledged. The fix was right; the customer didn't feel heard."],
      [9, "marcus.chen", "Understood. The new billing screens have had me heads-down; I'll name the feeling before I start fixing."],
      [10, "reviewer", "One phrase that works: \"I can hear this has been really frustrating — let's get it sorted now.\""],
    ],
  },
  {
    slug: "call-retention-cancel-moving-abroad",
    comments: [
      [26, "jamal.wright", "Thanks for listening again — the disclosure is right at the start."],
      [27, "leah.morgan", "Our miss, thanks for flagging it. The correction is in and the review now passes."],
    ],
  },
  {
    slug: "call-tech-no-dial-tone-rushed-earlier",
    comments: [
      [6, "sofia.rossi", "We had a queue of 30 when this came in. Is there a shorter line test I can run?"],
      [8, "reviewer", "The 90-second remote test covers no-dial-tone. Even in a busy queue, tell the customer what you're doing while it runs."],
      [30, "grace.liu", "I'll put the remote line test on next week's team huddle."],
    ],
  },
  {
    slug: "chat-billing-promo-ended-curt",
    comments: [
      [48, "tom.becker", "Fair. I'll offer the loyalty discount before explaining the price change next time."],
    ],
  },
  {
    slug: "call-retention-pushy-agent-earlier",
    comments: [
      [5, "diego.alvarez", "The customer asked for the cancellation three times, I know. I was trying to hit the save target."],
      [7, "reviewer", "Saves count only when the customer chooses to stay. One offer, then respect the answer."],
      [26, "sam.patel", "Agreed. Diego, let's look at your save offers together on Monday."],
    ],
  },
];

async function reviewOf(db: Database, slug: string) {
  return db
    .selectFrom("evaluations")
    .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
    .innerJoin("users", "users.id", "evaluations.reviewer_id")
    .select(["evaluations.id", "evaluations.released_at", "users.email"])
    .where("interactions.external_id", "=", slug)
    .where("evaluations.kind", "=", "review")
    .executeTakeFirstOrThrow();
}

export async function seedDemoThreads(db: Database, viewer: (key: string) => Viewer): Promise<number> {
  let written = 0;
  for (const thread of demoThreads) {
    const review = await reviewOf(db, thread.slug);
    if (!review.released_at) throw new Error(`The demo thread needs ${thread.slug}'s review released`);
    const reviewerKey = review.email.split("@")[0] as string;
    for (const [hours, who, body] of thread.comments) {
      await addComment(db, viewer(who === "reviewer" ? reviewerKey : who), review.id, { body }, new Date(review.released_at.getTime() + hours * HOUR));
      written++;
    }
  }
  return written;
}
