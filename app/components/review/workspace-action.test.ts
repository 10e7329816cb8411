import { describe, expect, it } from "vitest";
import { errorStatus, type ErrorCode } from "../../lib/errors";
import { failureKindOf } from "./workspace-action";

describe("failureKindOf", () => {
  it("tells a submitted evaluation from a newer save by the code, whatever the message says", () => {
    // Both are 409: only the code separates "reload or overwrite" from "nothing more to save".
    expect(errorStatus.locked).toBe(errorStatus.conflict);
    expect(failureKindOf("locked")).toBe("locked");
    expect(failureKindOf("conflict")).toBe("conflict");
  });

  it.each<[ErrorCode | undefined, string]>([
    ["forbidden", "locked"],
    ["not_found", "locked"],
    ["invalid", "invalid"],
    ["bad_request", "invalid"],
    ["unauthenticated", "server"],
    ["unavailable", "server"],
    ["too_many_requests", "server"],
    ["payload_too_large", "server"],
    [undefined, "server"],
  ])("%s → %s", (code, kind) => {
    expect(failureKindOf(code)).toBe(kind);
  });
});
