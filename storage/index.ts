/** Public surface of the storage module; import from `storage` rather than its files. */
export { createBlobStore } from "./blob-store";
export type {
  BlobStore,
  BlobStoreOptions,
  CompletedPart,
  EnsureBucketResult,
  ListedObject,
  ObjectInfo,
  PageOptions,
  PresignGetOptions,
  PresignPutOptions,
  PutOptions,
  PutStreamOptions,
} from "./types";
export { startEmbeddedS3 } from "./embedded-s3";
export type { EmbeddedS3, EmbeddedS3Options } from "./embedded-s3";
export { StorageError, isNotFoundError } from "./errors";
export { corsRule, corsXml } from "./cors";
export {
  InvalidKeyPartError,
  MAX_SOURCE_NAME_BYTES,
  assertExtension,
  assertInteractionId,
  interactionIdFromKey,
  interactionPrefix,
  peaksKey,
  recordingKey,
  sanitizeFileName,
  sourceKey,
  transcriptKey,
} from "./keys";
