import { describe, expect, it } from "vitest";
import { reconcileDraft } from "./reconcile";

describe("a workspace page shown again, against the server's draft", () => {
  it("is current at the server's revision, with or without unsaved edits", () => {
    expect(reconcileDraft({ revision: 4, unsaved: false }, { revision: 4, submitted: false })).toBe("current");
    expect(reconcileDraft({ revision: 4, unsaved: true }, { revision: 4, submitted: false })).toBe("current");
  });

  it("takes a newer save when it has nothing unsaved: it never offers to overwrite newer work with its older copy", () => {
    expect(reconcileDraft({ revision: 1, unsaved: false }, { revision: 3, submitted: false })).toBe("take-server");
  });

  it("reports unsaved edits made on an older copy as a conflict, and a submitted draft as such", () => {
    expect(reconcileDraft({ revision: 1, unsaved: true }, { revision: 3, submitted: false })).toBe("conflict");
    expect(reconcileDraft({ revision: 3, unsaved: false }, { revision: 4, submitted: true })).toBe("submitted");
  });
});
