/**
 * What the review workspace, the evaluation page and the interaction page hand to their
 * components, built from the scoped interaction (and evaluation): the header facts, and the
 * media half's props (player, transcript, annotations, questions). Server only: the player
 * gets presigned URLs.
 */
import { z } from "zod";
import { db } from "../../lib/db.server";
import { channelLabels, formatDuration } from "../../lib/format";
import { formatDateTime } from "../../lib/time";
import { errorPage, rethrowAsErrorPage } from "../../lib/errors.server";
import { getEvaluation, type EvaluationView } from "../../modules/evaluations/get-evaluation.server";
import type { InteractionDetail } from "../../modules/interactions/get-interaction.server";
import { questionsInOrder } from "../../modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../../modules/users/roles";
import { dueView } from "../../modules/assignments/due";
import type { PlayerLane } from "../../components/conversation/lanes";
import type { ReviewMediaProps, SerializedAnnotation } from "../../components/conversation/types";
import type { ReviewHeaderFacts } from "../../components/review/workspace-layout";

/** What both pages answer for an evaluation the viewer may not see, or that does not exist. */
export const EVALUATION_NOT_FOUND = "There is no evaluation at this address, or you do not have access to it.";

const evaluationParams = z.object({ evaluationId: z.uuid() });

/** The route's evaluation id; a malformed one is as absent as somebody else's: 404. */
export function evaluationIdOf(params: unknown): string {
  const parsed = evaluationParams.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", EVALUATION_NOT_FOUND);
  return parsed.data.evaluationId;
}

/** The evaluation as the viewer may see it (scoped in getEvaluation), or the route's 404/403. */
export async function loadEvaluationOrThrow(viewer: Viewer, id: string): Promise<EvaluationView> {
  try {
    return await getEvaluation(db(), viewer, id);
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: EVALUATION_NOT_FOUND });
  }
}

/** Lanes in file order; on a two-channel call, channel 0 is the agent and 1 the customer (docs/decisions/0006). */
function playerLanes(interaction: InteractionDetail): PlayerLane[] {
  const channels = interaction.recording?.channels;
  if (channels === 2) {
    return [
      { label: `Agent · ${interaction.agentName}`, role: "agent" },
      { label: `Customer · ${interaction.customerName ?? "unnamed"}`, role: "customer" },
    ];
  }
  return Array.from({ length: channels ?? 1 }, (_, index) => ({
    label: channels && channels > 1 ? `Channel ${index + 1}` : "Recording",
    role: "mixed" as const,
  }));
}

export function serializeAnnotations(evaluation: EvaluationView): SerializedAnnotation[] {
  return evaluation.annotations.map((annotation) => ({ ...annotation, createdAt: annotation.createdAt.toISOString() }));
}

export type ConversationMedia = Pick<ReviewMediaProps, "player" | "transcript">;
export type MediaData = Pick<ReviewMediaProps, "player" | "transcript" | "annotations" | "questions">;

/** The player (presigned URLs) and transcript of a scoped interaction, as ReviewMedia takes them. */
export function conversationMediaOf(interaction: InteractionDetail): ConversationMedia {
  const { recording, peaks, transcript } = interaction;
  return {
    player: recording
      ? {
          status: interaction.status,
          audioUrl: recording.url,
          peaksUrl: peaks?.url ?? null,
          overview: peaks?.overview?.channels ?? null,
          durationMs: interaction.durationMs,
          channels: playerLanes(interaction),
        }
      : null,
    transcript: transcript
      ? {
          speakers: transcript.speakers.map(({ id, role, name }) => (name === undefined ? { id, role } : { id, role, name })),
          // Words stay on the server: the workspace anchors to segments and character offsets.
          segments: transcript.segments.map((segment) =>
            "startMs" in segment
              ? { id: segment.id, speaker: segment.speaker, text: segment.text, startMs: segment.startMs, endMs: segment.endMs }
              : { id: segment.id, speaker: segment.speaker, text: segment.text, at: segment.at },
          ),
        }
      : null,
  };
}

export function mediaDataOf(interaction: InteractionDetail, evaluation: EvaluationView): MediaData {
  return {
    ...conversationMediaOf(interaction),
    annotations: serializeAnnotations(evaluation),
    questions: questionsInOrder(evaluation.version.definition).map(({ question }) => ({ id: question.id, prompt: question.prompt })),
  };
}

export function headerFactsOf(interaction: InteractionDetail, evaluation: EvaluationView, timeZone: string, now = new Date()): ReviewHeaderFacts {
  const channelLabel = channelLabels[interaction.channel];
  return {
    interactionId: interaction.id,
    title: `${channelLabel} with ${interaction.customerName ?? "a customer"}`,
    agentName: interaction.agentName,
    teamName: interaction.teamName,
    customerName: interaction.customerName,
    channel: interaction.channel,
    channelLabel,
    startedAt: formatDateTime(interaction.startedAt, timeZone),
    duration: formatDuration(interaction.durationMs),
    scorecardName: evaluation.scorecard.name,
    version: evaluation.version.version,
    due: evaluation.assignment && evaluation.status === "draft" ? dueView(evaluation.assignment.dueAt, now, timeZone) : null,
  };
}
