import type { RecordingUploadPlan } from "../interactions/recording-upload.server";
import type { UploadPlanJson } from "./api.schema";

/** The plan as the API returns it; the URLs' lifetime is read from the signature itself, so it cannot disagree. */
export function toUploadPlanJson(plan: RecordingUploadPlan): UploadPlanJson {
  const firstUrl = plan.single?.url ?? plan.multipart?.parts[0]?.url ?? "";
  const expiresIn = Number(new URL(firstUrl).searchParams.get("X-Amz-Expires") ?? "0");
  return {
    uploadId: plan.uploadId,
    ...(plan.single ? { single: plan.single } : {}),
    ...(plan.multipart ? { multipart: plan.multipart } : {}),
    expiresIn,
  };
}
