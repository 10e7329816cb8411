import { can } from "../access/permissions";
import type { Viewer } from "../users/roles";

/**
 * When Retry is offered for a conversation's processing (the waveform job): when it failed, and
 * when it has been "processing" for longer than it should, which is what a job lost with a
 * dead worker looks like from the page. A slow job retried this way is harmless: the waveform
 * job writes the same result however often it runs.
 */
export function processingRetryable(
  interaction: { status: "processing" | "ready" | "failed"; statusSince: Date },
  now: Date,
  retryAfterMinutes: number,
): boolean {
  if (interaction.status === "failed") return true;
  return interaction.status === "processing" && now.getTime() - interaction.statusSince.getTime() >= retryAfterMinutes * 60_000;
}

/**
 * What the interaction page says about processing: how long it has been stalled (for everyone
 * who sees it, once Retry would be offered) and whether this viewer is offered Retry — only
 * who imports interactions (`interactions:ingest`; retryProcessing checks it again).
 */
export function processingRetryFor(
  viewer: Viewer,
  interaction: { recording: unknown; status: "processing" | "ready" | "failed"; statusSince: Date },
  now: Date,
  retryAfterMinutes: number,
): { canRetry: boolean; stalledMinutes: number | null } {
  // Failed, or processing for so long that its job was probably lost (a worker that died).
  const retryable = interaction.recording !== null && processingRetryable(interaction, now, retryAfterMinutes);
  return {
    canRetry: retryable && can(viewer, "interactions:ingest"),
    stalledMinutes: interaction.status === "processing" && retryable ? Math.floor((now.getTime() - interaction.statusSince.getTime()) / 60_000) : null,
  };
}
