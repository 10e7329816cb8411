import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { TranscriptView } from "../components/transcript-view";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { channelLabels, formatDateTime, formatDuration, formatPercent, formatTime } from "../lib/format";
import { httpError } from "../lib/http.server";
import { blobStore } from "../lib/storage.server";
import { getInteraction } from "../modules/interactions/get-interaction.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · Parley` : "Interaction · Parley" },
];

const paramsSchema = z.object({ interactionId: z.uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  // A malformed id is as absent as someone else's: 404 either way.
  if (!parsed.success) throw httpError(404, "There is no interaction at this address, or you do not have access to it.");
  const [organisation, interaction] = await Promise.all([
    getOrganisation(db()),
    getInteraction(db(), blobStore(), viewer, parsed.data.interactionId),
  ]);
  if (!interaction) throw httpError(404, "There is no interaction at this address, or you do not have access to it.");
  const tz = organisation.timeZone;
  const { transcript } = interaction;
  return {
    title: `${channelLabels[interaction.channel]} with ${interaction.customerName ?? "a customer"}`,
    interaction: {
      ...interaction,
      startedAt: formatDateTime(interaction.startedAt, tz),
      duration: formatDuration(interaction.durationMs),
      transcript: null,
    },
    transcript: transcript
      ? {
          speakers: transcript.speakers,
          segments: transcript.segments.map((segment) => ({
            id: segment.id,
            speaker: segment.speaker,
            text: segment.text,
            time: "startMs" in segment ? formatDuration(segment.startMs) : formatTime(segment.at, tz),
          })),
        }
      : null,
  };
}

export default function InteractionPage() {
  const { title, interaction, transcript } = useLoaderData<typeof loader>();
  const m = interaction.metrics;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/interactions">Interactions</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="muted">
            {interaction.agentName}
            {interaction.teamName ? ` · ${interaction.teamName}` : ""} · {interaction.startedAt} · {interaction.duration}
          </p>
        </div>
      </div>
      {interaction.status === "failed" ? (
        <p className="alert alert--error" role="alert">
          Processing failed: {interaction.failureReason ?? "unknown reason"}
        </p>
      ) : null}
      <div className="detail-grid">
        <section aria-labelledby="conversation-title" className="panel">
          <h2 id="conversation-title">Conversation</h2>
          {interaction.recording ? (
            <audio controls preload="metadata" src={interaction.recording.url} className="audio">
              <track kind="captions" />
            </audio>
          ) : null}
          {transcript ? (
            <TranscriptView speakers={transcript.speakers} segments={transcript.segments} />
          ) : (
            <p className="empty-state">This interaction has no transcript.</p>
          )}
        </section>
        <aside className="panel" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="facts">
            <dt>Channel</dt>
            <dd>{channelLabels[interaction.channel]}</dd>
            <dt>Direction</dt>
            <dd>{interaction.direction ?? "—"}</dd>
            <dt>Queue</dt>
            <dd>{interaction.queue ?? "—"}</dd>
            <dt>Tags</dt>
            <dd>{interaction.tags.length ? interaction.tags.join(", ") : "—"}</dd>
            <dt>Source</dt>
            <dd>
              {interaction.source} · {interaction.externalId}
            </dd>
            {interaction.summary ? (
              <>
                <dt>Summary</dt>
                <dd>{interaction.summary}</dd>
              </>
            ) : null}
          </dl>
          {interaction.channel === "call" && m.agentTalkMs !== null ? (
            <>
              <h3>Talk metrics</h3>
              <dl className="facts">
                <dt>Agent talk</dt>
                <dd>{formatDuration(m.agentTalkMs)}</dd>
                <dt>Customer talk</dt>
                <dd>{formatDuration(m.customerTalkMs ?? 0)}</dd>
                <dt>Silence</dt>
                <dd>{formatPercent(m.silenceRatio ?? 0)}</dd>
                <dt>Longest silence</dt>
                <dd>{formatDuration(m.longestSilenceMs ?? 0)}</dd>
                <dt>Overtalk</dt>
                <dd>{formatDuration(m.overtalkMs ?? 0)}</dd>
              </dl>
            </>
          ) : null}
        </aside>
      </div>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
