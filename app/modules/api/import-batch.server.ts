import { logger } from "../../../server/logger";
import type { Database } from "../../lib/db.server";
import type { BlobStore } from "../../lib/storage.server";
import { importInteraction } from "../interactions/import-interaction.server";
import { ingestRequestSchema } from "../interactions/ingest-request.schema";
import type { Viewer } from "../users/roles";
import { errorBodyOf, isExpectedError } from "./api-error";
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
 */
export async function importInteractionBatch(
  db: Database,
  store: BlobStore,
  importer: Viewer,
  items: readonly unknown[],
  options: BatchOptions,
): Promise<BatchResult> {
  const results = await mapLimit(items, options.concurrency, (item, index) => importOne(db, store, importer, item, index, options));
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
  index: number,
  options: BatchOptions,
): Promise<BatchItemResult> {
  const externalId = externalIdOf(item);
  const parsed = ingestRequestSchema.safeParse(item);
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
      ...(result.warnings.length ? { warnings: result.warnings } : {}),
    };
  } catch (error) {
    if (isExpectedError(error)) return { index, externalId, status: "failed", error: errorBodyOf(error) };
    logger.error({ err: error, index, externalId }, "batch import item failed");
    return { index, externalId, status: "failed", error: { code: "internal", message: "This interaction could not be stored. Send it again." } };
  }
}

function externalIdOf(item: unknown): string | null {
  if (item && typeof item === "object" && "externalId" in item && typeof item.externalId === "string") return item.externalId;
  return null;
}
