import { logger } from "../../../server/logger";
import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { importInteraction } from "../interactions/import-interaction.server";
import { ingestRequestSchema } from "../interactions/ingest-request.schema";
import type { Viewer } from "../users/roles";
import { refusalOf } from "../../lib/errors.server";
import { apiRefusalBody } from "./api-response.server";
import type { BatchItemResult, BatchResult } from "./api.schema";
import { mapLimit } from "./map-limit";
import { describeFields, fieldErrors } from "./read-json.server";

export interface BatchOptions {
  maxTranscriptBytes: number;
  /** Imports in flight at once; each holds at most one pooled connection at a time. */
  concurrency: number;
}

/**
 * Imports each item through the one import use case, independently: a failure is
 * reported in its result and does not roll back the others. A repeated (source,
 * externalId), in this batch or an earlier one, is a duplicate, not an error.
 * Items that share an id within the batch run one after the other in their order,
 * so the first is the one stored and the later ones are its duplicates — never
 * whichever happened to finish first.
 */
export async function importInteractionBatch(
  db: Database,
  store: BlobStore,
  importer: Viewer,
  items: readonly unknown[],
  options: BatchOptions,
): Promise<BatchResult> {
  const previousOfKey = new Map<string, Promise<unknown>>();
  // mapLimit starts items in index order, so an earlier item with the same key has started before this one waits on it.
  const results = await mapLimit(items, options.concurrency, (item, index) => {
    const parsed = ingestRequestSchema.safeParse(item);
    const key = parsed.success ? JSON.stringify([parsed.data.source, parsed.data.externalId]) : null;
    const previous = key ? previousOfKey.get(key) : undefined;
    const run = (async () => {
      if (previous) await previous;
      return importOne(db, store, importer, item, parsed, index, options);
    })();
    if (key) previousOfKey.set(key, run);
    return run;
  });
  return {
    results,
    created: results.filter((result) => result.status === "created").length,
    duplicates: results.filter((result) => result.status === "duplicate").length,
    failed: results.filter((result) => result.status === "failed").length,
  };
}

async function importOne(
  db: Database,
  store: BlobStore,
  importer: Viewer,
  item: unknown,
  parsed: ReturnType<typeof ingestRequestSchema.safeParse>,
  index: number,
  options: BatchOptions,
): Promise<BatchItemResult> {
  const externalId = externalIdOf(item);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return { index, externalId, status: "failed", error: { code: "invalid", message: describeFields(`interaction at index ${index}`, fields), fields } };
  }
  try {
    const result = await importInteraction(db, store, importer, parsed.data, { maxTranscriptBytes: options.maxTranscriptBytes });
    return {
      index,
      externalId: parsed.data.externalId,
      status: result.status,
      id: result.id,
      ...(result.warnings.length && result.status === "created" ? { warnings: result.warnings } : {}),
    };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { index, externalId, status: "failed", error: apiRefusalBody(refusal) };
    logger.error({ err: error, index, externalId }, "batch import item failed");
    return { index, externalId, status: "failed", error: { code: "internal", message: "This interaction could not be stored. Send it again." } };
  }
}

function externalIdOf(item: unknown): string | null {
  if (item && typeof item === "object" && "externalId" in item && typeof item.externalId === "string") return item.externalId;
  return null;
}
