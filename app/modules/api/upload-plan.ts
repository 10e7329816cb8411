import type { RecordingUploadPlan } from "../interactions/recording-upload.server";
import type { UploadPlanJson } from "./api.schema";

/**
 * The plan as the API returns it, its URLs made absolute by `absolute` (the embedded store's
 * are relative to the app's origin). The URLs' lifetime is read from the signature itself,
 * so it cannot disagree.
 */
export function toUploadPlanJson(plan: RecordingUploadPlan, absolute: (url: string) => string): UploadPlanJson {
  const single = plan.single ? { ...plan.single, url: absolute(plan.single.url) } : undefined;
  const multipart = plan.multipart
    ? { ...plan.multipart, parts: plan.multipart.parts.map((part) => ({ ...part, url: absolute(part.url) })) }
    : undefined;
  const firstUrl = single?.url ?? multipart?.parts[0]?.url ?? "";
  const expiresIn = Number(new URL(firstUrl).searchParams.get("X-Amz-Expires") ?? "0");
  return {
    uploadId: plan.uploadId,
    ...(single ? { single } : {}),
    ...(multipart ? { multipart } : {}),
    expiresIn,
  };
}
