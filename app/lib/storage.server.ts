// The file, not storage/index.ts: the index also exports the embedded S3 server, which the app bundle never needs.
import { createBlobStore } from "../../storage/blob-store";
import type { BlobStore } from "../../storage/types";
import { STORAGE_PATH, getConfig, type Config } from "../../server/config";

export type { BlobStore };

const key = Symbol.for("parley.blobStore");
type Holder = typeof globalThis & { [key]?: BlobStore };

/** The process-wide blob store, shared by the server entry and the Remix bundle. */
export function blobStore(): BlobStore {
  const holder = globalThis as Holder;
  holder[key] ??= createBlobStore(blobStoreOptions(getConfig()));
  return holder[key];
}

export function resetBlobStore(): void {
  delete (globalThis as Holder)[key];
}

export function blobStoreOptions(config: Config) {
  if (!config.S3_ENDPOINT) {
    throw new Error("S3_ENDPOINT is not resolved: the server entry starts the embedded S3 server before use");
  }
  return {
    endpoint: config.S3_ENDPOINT,
    publicEndpoint: config.S3_PUBLIC_ENDPOINT,
    ...(config.storageThroughApp ? { browserPath: STORAGE_PATH } : {}),
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  };
}
