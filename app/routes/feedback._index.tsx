import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import {
  KeysetPager,
  keysetListErrorBoundary,
} from "../components/keyset-pager";
import { FeedbackTable, feedbackRowView } from "../components/feedback-table";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, rethrowAsErrorPage } from "../lib/errors.server";
import {
  encodeFeedbackCursor,
  feedbackCursorSchema,
} from "../modules/feedback/feedback-cursor";
import { dueCursorSchema, encodeDueCursor } from "../modules/assignments/due";
import { listMyFeedback } from "../modules/feedback/list-my-feedback.server";
import { listSelfEvaluationRequests } from "../modules/feedback/list-self-evaluation-requests.server";
import {
  SelfEvaluationRequestList,
  selfEvaluationRequestView,
} from "../components/self-evaluation/self-evaluation-requests";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "My feedback · Parley" }];

const PAGE_SIZE = 25;
const searchSchema = z.object({
  after: feedbackCursorSchema,
  requestsAfter: dueCursorSchema,
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const search = searchSchema.safeParse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  if (!search.success)
    throw errorPage(
      "bad_request",
      search.error.issues[0]?.message ??
        "The page link is malformed; go back to the first page",
    );
  const { after, requestsAfter } = search.data;
  const organisation = await getOrganisation(db());
  const now = new Date();
  const [page, requests] = await Promise.all([
    listMyFeedback(db(), viewer, {
      after,
      limit: PAGE_SIZE,
      now,
      timeZone: organisation.timeZone,
    }),
    // On the first page of feedback only: it leads the page, and paging through feedback should
    // not repeat it. Paged on its own (?requestsAfter=), with the feedback's first page below.
    after
      ? null
      : listSelfEvaluationRequests(db(), viewer, {
          after: requestsAfter,
          limit: PAGE_SIZE,
        }),
  ]).catch((error: unknown) => rethrowAsErrorPage(error));
  return {
    selfEvaluation: {
      enabled: requests?.enabled ?? false,
      items: (requests?.items ?? []).map((item) =>
        selfEvaluationRequestView(item, organisation.timeZone, now),
      ),
      next: requests?.next ? encodeDueCursor(requests.next) : null,
      isFirstPage: !requestsAfter,
    },
    items: page.items.map((item) =>
      feedbackRowView(item, organisation.timeZone),
    ),
    next: page.next ? encodeFeedbackCursor(page.next) : null,
    isFirstPage: !after,
  };
}

export default function MyFeedback() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>My feedback</h1>
          <p className="muted">
            Conversations you are asked to self-evaluate, then evaluations of
            your conversations released to you: what waits for your
            acknowledgement first, then the newest.
          </p>
        </div>
      </div>
      <SelfEvaluationRequestList
        requests={data.selfEvaluation}
        items={data.selfEvaluation.items}
        firstHref={data.selfEvaluation.isFirstPage ? null : "/feedback"}
        nextHref={
          data.selfEvaluation.next
            ? `?requestsAfter=${encodeURIComponent(data.selfEvaluation.next)}`
            : null
        }
      />
      {data.items.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>
              {data.isFirstPage ? "No feedback yet." : "No more feedback."}
            </strong>
          </p>
          <p>
            {data.isFirstPage
              ? "When a QA specialist's evaluation of one of your conversations is released to you, it appears here."
              : "You have reached the end of the list."}
          </p>
        </div>
      ) : (
        <FeedbackTable
          items={data.items}
          caption="Your feedback, what waits for you first, then newest first"
        />
      )}
      <KeysetPager
        firstHref={data.isFirstPage ? null : "/feedback"}
        nextHref={data.next ? `?after=${encodeURIComponent(data.next)}` : null}
      />
    </>
  );
}

export const ErrorBoundary = keysetListErrorBoundary(
  "/feedback",
  "Go to the first page of your feedback",
);
