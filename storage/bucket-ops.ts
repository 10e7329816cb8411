/**
 * Bucket-level operations: start-up provisioning (`ensureBucket`) and the
 * health check (`ping`).
 */
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand } from "@aws-sdk/client-s3";
import type { BucketLocationConstraint } from "@aws-sdk/client-s3";
import { corsRule } from "./cors";
import { StorageError, errorCode, errorStatus, isNotFoundError } from "./errors";
import type { StoreContext } from "./s3-context";
import type { BlobStore } from "./types";

export type BucketOps = Pick<BlobStore, "ensureBucket" | "ping">;

export function bucketOps(ctx: StoreContext): BucketOps {
  const { client, bucket, fail, options } = ctx;

  async function createBucket(): Promise<boolean> {
    try {
      // AWS outside us-east-1 insists on a LocationConstraint; S3-compatible
      // servers (endpoint set) have their own notion of regions and may reject one.
      const needsLocation = !options.endpoint && options.region !== "us-east-1";
      await client.send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(needsLocation
            ? { CreateBucketConfiguration: { LocationConstraint: options.region as BucketLocationConstraint } }
            : {}),
        }),
      );
      return true;
    } catch (err) {
      // Another process won the race: fine as long as the bucket is now ours to use.
      const code = errorCode(err);
      if (code === "BucketAlreadyOwnedByYou") return false;
      if (code === "BucketAlreadyExists") {
        const reachable = await client.send(new HeadBucketCommand({ Bucket: bucket })).then(
          () => true,
          () => false,
        );
        if (reachable) return false;
      }
      throw fail(err, "ensureBucket(create)");
    }
  }

  return {
    async ensureBucket({ corsOrigins }) {
      let created = false;
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (err) {
        if (!isNotFoundError(err)) throw fail(err, "ensureBucket(head)");
        created = await createBucket();
      }
      if (corsOrigins.length === 0) return { created, corsApplied: false, corsError: "no CORS origins given" };
      try {
        await client.send(
          new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [corsRule(corsOrigins)] } }),
        );
        return { created, corsApplied: true };
      } catch (err) {
        // MinIO answers NotImplemented, locked-down credentials AccessDenied; CORS
        // may then be configured out of band, so report instead of refusing to
        // start. No HTTP status means storage was not reached: a real failure.
        if (errorStatus(err) === undefined) throw fail(err, "ensureBucket(cors)");
        return { created, corsApplied: false, corsError: fail(err, "putBucketCors").message };
      }
    },

    async ping({ timeoutMs = 5000 } = {}) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) });
        return true;
      } catch (err) {
        const e = fail(err, "ping");
        throw new StorageError(e.message + pingHint(e, options.endpoint), e);
      }
    },
  };
}

/** What an operator should check, in words, for the health endpoint and start-up logs. */
function pingHint(e: StorageError, endpoint: string | undefined): string {
  if (e.status === 404) return " (bucket does not exist)";
  if (e.status === 401 || e.status === 403) return " (credentials lack access to the bucket)";
  if (e.status === undefined) return ` (storage unreachable at ${endpoint ?? "AWS S3"})`;
  return "";
}
