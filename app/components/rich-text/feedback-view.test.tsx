import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { feedbackDocumentSchema, type FeedbackDocument } from "../../modules/evaluations/feedback-document";
import { FeedbackView, isEmptyFeedback } from "./feedback-view";

const render = (doc: unknown) => renderToStaticMarkup(createElement(FeedbackView, { doc: doc as FeedbackDocument }));
const text = (value: string, marks?: unknown[]) => ({ type: "text", text: value, ...(marks ? { marks } : {}) });

describe("FeedbackView", () => {
  it("renders the whitelisted nodes and marks as elements", () => {
    const doc = feedbackDocumentSchema.parse({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("Overall")] },
        { type: "paragraph", content: [text("Good "), text("empathy", [{ type: "bold" }, { type: "italic" }]), { type: "hardBreak" }, text("next")] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("one")] }] }] },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [{ type: "paragraph", content: [text("three")] }] }] },
        { type: "paragraph", content: [text("See the guide", [{ type: "link", attrs: { href: "https://example.com/guide", target: "_self" } }])] },
      ],
    });
    expect(render(doc)).toBe(
      '<div class="feedback-view"><h3>Overall</h3><p>Good <em><strong>empathy</strong></em><br/>next</p>' +
        "<ul><li><p>one</p></li></ul>" +
        '<ol start="3"><li><p>three</p></li></ol>' +
        '<p><a href="https://example.com/guide" target="_blank" rel="noopener noreferrer nofollow">See the guide</a></p></div>',
    );
  });

  it("never turns a <script> in the text into markup", () => {
    const html = render({ type: "doc", content: [{ type: "paragraph", content: [text('<script>alert("x")</script><img src=x onerror=alert(1)>')] }] });
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;");
  });

  it("drops a javascript: (or any non-web) link but keeps its text; the schema refuses it anyway", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            text("click me", [{ type: "link", attrs: { href: "javascript:alert(document.cookie)" } }]),
            text(" and ", []),
            text("data", [{ type: "link", attrs: { href: " data:text/html,<script>alert(1)</script>" } }]),
          ],
        },
      ],
    };
    expect(feedbackDocumentSchema.safeParse(doc).success).toBe(false);
    const html = render(doc);
    expect(html).toBe("<div class=\"feedback-view\"><p>click me and data</p></div>");
    expect(html).not.toMatch(/href|javascript:|<a/i);
  });

  it("skips nodes outside the whitelist and raw HTML attributes", () => {
    const html = render({
      type: "doc",
      content: [
        { type: "codeBlock", content: [text("rm -rf /")] },
        { type: "paragraph", attrs: { style: "color:red", onclick: "alert(1)" }, content: [text("kept")] },
        { type: "image", attrs: { src: "https://example.com/x.png" } },
      ],
    });
    expect(html).toBe('<div class="feedback-view"><p>kept</p></div>');
  });

  it("puts the document's headings under the page's own heading level", () => {
    const doc = { type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [text("A")] }, { type: "heading", attrs: { level: 3 }, content: [text("B")] }] };
    expect(renderToStaticMarkup(createElement(FeedbackView, { doc: doc as FeedbackDocument, headingLevel: 3 }))).toBe('<div class="feedback-view"><h4>A</h4><h5>B</h5></div>');
  });

  it("says so when there is no feedback", () => {
    expect(isEmptyFeedback({ type: "doc", content: [{ type: "paragraph" }] })).toBe(true);
    expect(render({ type: "doc", content: [] })).toContain("No overall feedback was written.");
  });
});
