import { describe, expect, it } from "vitest";
import { feedbackDocumentSchema, plainTextOf } from "./feedback-document";

const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (value: string, marks?: unknown[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const issues = (value: unknown) => {
  const result = feedbackDocumentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe("feedbackDocumentSchema", () => {
  it("accepts headings, bold, italic, links and nested lists, keeping only what the renderer needs", () => {
    const value = doc(
      { type: "heading", attrs: { level: 2, id: "x" }, content: [text("Well done")] },
      p(text("You "), text("listened", [{ type: "bold" }]), text(" and "), text("checked", [{ type: "italic" }]), { type: "hardBreak" }),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("See the guide", [{ type: "link", attrs: { href: "https://wiki.example/guide", target: "_blank", class: "evil" } }]))] }] },
      { type: "orderedList", attrs: { start: 3, type: null }, content: [{ type: "listItem", content: [p(text("Three"))] }] },
    );
    const parsed = feedbackDocumentSchema.parse(value);
    expect(parsed.content[0]).toEqual({ type: "heading", attrs: { level: 2 }, content: [text("Well done")] });
    const link = (parsed.content[2] as { content: { content: { content: { marks: unknown[] }[] }[] }[] }).content[0]!.content[0]!.content[0]!.marks[0];
    expect(link).toEqual({ type: "link", attrs: { href: "https://wiki.example/guide" } });
    expect(plainTextOf(parsed)).toBe("Well done\nYou listened and checked\n\nSee the guide\nThree");
  });

  it.each([
    ["a script link", doc(p(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))), "Links must be web (http or https) or mailto addresses"],
    ["a data link", doc(p(text("x", [{ type: "link", attrs: { href: "data:text/html,<b>" } }]))), "Links must be web"],
    ["an image", doc({ type: "image", attrs: { src: "https://x/y.png" } }), "Feedback may contain paragraphs, headings (level 2 or 3) and lists only"],
    ["raw HTML in a code block", doc({ type: "codeBlock", content: [text("<script>")] }), "paragraphs, headings"],
    ["a level-1 heading", doc({ type: "heading", attrs: { level: 1 }, content: [text("Big")] }), "Headings are level 2 or 3"],
    ["an underline mark", doc(p(text("x", [{ type: "underline" }]))), "Feedback may use bold, italic and links only"],
    ["a paragraph inside a paragraph", doc(p(p(text("x")))), "Only text can go inside a paragraph or heading"],
    ["something that is not a document", { type: "paragraph", content: [] }, "Feedback must be an editor document"],
  ])("refuses %s", (_, value, message) => {
    expect(issues(value).join(" | ")).toContain(message);
  });

  it("refuses feedback longer than 20,000 characters and lists nested too deep", () => {
    expect(issues(doc(p(text("a".repeat(20_001)))))[0]).toContain("Feedback is at most 20,000 characters");
    let nested: unknown = p(text("deep"));
    for (let i = 0; i < 5; i++) nested = { type: "bulletList", content: [{ type: "listItem", content: [nested] }] };
    expect(issues(doc(nested))[0]).toContain("Lists can be nested at most 4 deep");
  });

  it("keeps text exactly as typed, markup-looking characters included (rendering escapes it)", () => {
    const parsed = feedbackDocumentSchema.parse(doc(p(text("<img src=x onerror=alert(1)> & \"quotes\""))));
    expect(plainTextOf(parsed)).toBe("<img src=x onerror=alert(1)> & \"quotes\"");
  });
});
