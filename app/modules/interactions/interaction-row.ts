/**
 * What the UI's interaction (get-interaction.server.ts) and the API's (get-api-interaction.server.ts)
 * read from an interactions row the same way: the talk metrics and the warnings. Pure.
 */

export interface TalkMetrics {
  agentTalkMs: number | null;
  customerTalkMs: number | null;
  silenceRatio: number | null;
  longestSilenceMs: number | null;
  overtalkMs: number | null;
}

export function talkMetricsOf(row: {
  agent_talk_ms: number | null;
  customer_talk_ms: number | null;
  silence_ratio: number | null;
  longest_silence_ms: number | null;
  overtalk_ms: number | null;
}): TalkMetrics {
  return {
    agentTalkMs: row.agent_talk_ms,
    customerTalkMs: row.customer_talk_ms,
    silenceRatio: row.silence_ratio,
    longestSilenceMs: row.longest_silence_ms,
    overtalkMs: row.overtalk_ms,
  };
}

/** What the import noticed, then what the waveform job noticed. */
export function warningsOf(row: { import_warnings: string[]; processing_warnings: string[] }): string[] {
  return [...row.import_warnings, ...row.processing_warnings];
}
