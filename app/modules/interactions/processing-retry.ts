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
