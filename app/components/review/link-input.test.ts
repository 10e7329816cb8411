import { describe, expect, it } from "vitest";
import { feedbackDocumentSchema } from "../../modules/evaluations/feedback-document";
import { normaliseLinkInput } from "./link-input";

describe("the feedback editor's link prompt", () => {
  it("accepts web and e-mail addresses, adding https:// or mailto: where missing", () => {
    expect(normaliseLinkInput(" https://example.com/a?b=1 ")).toEqual({ ok: true, href: "https://example.com/a?b=1" });
    expect(normaliseLinkInput("example.com/guide")).toEqual({ ok: true, href: "https://example.com/guide" });
    expect(normaliseLinkInput("coach@example.com")).toEqual({ ok: true, href: "mailto:coach@example.com" });
    expect(normaliseLinkInput("mailto:coach@example.com")).toEqual({ ok: true, href: "mailto:coach@example.com" });
  });

  it("refuses other schemes and non-addresses with a message", () => {
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "ftp://example.com", "", "   ", "not an address", "https://"]) {
      expect(normaliseLinkInput(bad).ok, bad).toBe(false);
    }
  });

  it("only makes links the stored document's schema accepts", () => {
    for (const input of ["example.com", "http://example.com:8080/x", "a@b.co"]) {
      const link = normaliseLinkInput(input);
      if (!link.ok) throw new Error(`expected ${input} to be accepted`);
      const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: link.href } }] }] }] };
      expect(feedbackDocumentSchema.safeParse(doc).success).toBe(true);
    }
  });
});
