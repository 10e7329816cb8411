/** Where items go: straight into the database and storage, or through the REST API. */
import type { UploadPlanJson } from "../../app/modules/api/api.schema";
import type { IngestRequest } from "../../app/modules/interactions/ingest-request.schema";

export interface ImportSink {
  /** Presigned URLs for a recording (POST /api/v1/uploads, or the same use case directly). */
  startUpload(input: { fileName: string; contentType: string; size: number }): Promise<UploadPlanJson>;
  importOne(request: IngestRequest): Promise<{ status: "created" | "duplicate"; id: string; warnings: string[] }>;
}

/** This item cannot be imported as it is (validation, unknown agent…); the others go on. */
export class ItemFailure extends Error {
  override name = "ItemFailure";
}

/** Nothing more can be imported (the token was refused, the API is not there): the run stops. */
export class FatalError extends Error {
  override name = "FatalError";
}

/** "message (field: why; field: why)". */
export function describeFailure(message: string, fields: Record<string, string> | undefined): string {
  const entries = Object.entries(fields ?? {}).filter(([, why]) => !message.includes(why));
  return entries.length ? `${message} (${entries.map(([field, why]) => `${field}: ${why}`).join("; ")})` : message;
}
