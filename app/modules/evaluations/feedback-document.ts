/**
 * Overall feedback is a tiptap (ProseMirror) JSON document. It is stored as JSON and shown
 * by rendering this tree to React elements, so no HTML written by a browser is ever put in
 * a page: the schema below is the sanitiser. It admits only what the feedback editor
 * offers — paragraphs, headings (levels 2–3), bullet and numbered lists, hard breaks, and
 * text marked bold, italic or as a link to http(s) or mailto — and refuses anything else
 * with a message. Pure: no I/O, safe in the browser.
 */
import { z } from "zod";

export const MAX_FEEDBACK_CHARS = 20_000;
export const MAX_LINK_LENGTH = 2000;
const MAX_DEPTH = 8;

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

const linkMark = z.object({
  type: z.literal("link"),
  attrs: z
    .object({
      href: z
        .string()
        .trim()
        .max(MAX_LINK_LENGTH, `A link is at most ${MAX_LINK_LENGTH} characters`)
        .refine((href) => SAFE_LINK.test(href) && URL.canParse(href), "Links must be web (http or https) or mailto addresses"),
    })
    .loose()
    // Only the address survives: target, rel and class come from the renderer.
    .transform(({ href }) => ({ href })),
});
const markSchema = z.discriminatedUnion("type", [z.object({ type: z.literal("bold") }), z.object({ type: z.literal("italic") }), linkMark], {
  error: "Feedback may use bold, italic and links only",
});

export type FeedbackMark = z.infer<typeof markSchema>;

export type FeedbackNode =
  | { type: "text"; text: string; marks?: FeedbackMark[] }
  | { type: "hardBreak" }
  | { type: "paragraph"; content?: FeedbackNode[] }
  | { type: "heading"; attrs: { level: 2 | 3 }; content?: FeedbackNode[] }
  | { type: "bulletList"; content: FeedbackNode[] }
  | { type: "orderedList"; attrs?: { start?: number }; content: FeedbackNode[] }
  | { type: "listItem"; content: FeedbackNode[] };

export interface FeedbackDocument {
  type: "doc";
  content: FeedbackNode[];
}

const textNode = z.object({ type: z.literal("text"), text: z.string().min(1), marks: z.array(markSchema).max(3).optional() });
const hardBreak = z.object({ type: z.literal("hardBreak") });
const inline = z.discriminatedUnion("type", [textNode, hardBreak], { error: "Only text can go inside a paragraph or heading" });

const nodeSchema: z.ZodType<FeedbackNode> = z.lazy(() =>
  z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.literal("paragraph"), content: z.array(inline).optional() }),
      z.object({
        type: z.literal("heading"),
        // The editor offers two levels under the page's own headings.
        attrs: z.object({ level: z.union([z.literal(2), z.literal(3)], { error: "Headings are level 2 or 3" }) }).loose().transform(({ level }) => ({ level })),
        content: z.array(inline).optional(),
      }),
      z.object({ type: z.literal("bulletList"), content: z.array(nodeSchema).min(1) }),
      z.object({
        type: z.literal("orderedList"),
        attrs: z.object({ start: z.number().int().min(0).max(10_000).optional() }).loose().transform(({ start }) => ({ start })).optional(),
        content: z.array(nodeSchema).min(1),
      }),
      z.object({ type: z.literal("listItem"), content: z.array(nodeSchema).min(1) }),
    ],
    { error: "Feedback may contain paragraphs, headings (level 2 or 3) and lists only" },
  ),
);

export const feedbackDocumentSchema = z
  .object({ type: z.literal("doc", { error: "Feedback must be an editor document" }), content: z.array(nodeSchema) })
  .superRefine((doc, ctx) => {
    const chars = plainTextOf(doc).length;
    if (chars > MAX_FEEDBACK_CHARS) ctx.addIssue({ code: "custom", message: `Feedback is at most ${MAX_FEEDBACK_CHARS.toLocaleString("en")} characters (this has ${chars.toLocaleString("en")})` });
    if (depthOf(doc.content) > MAX_DEPTH) ctx.addIssue({ code: "custom", message: `Lists can be nested at most ${MAX_DEPTH / 2} deep` });
  });

export const emptyFeedback = (): FeedbackDocument => ({ type: "doc", content: [] });

/** The text of the feedback, blocks separated by new lines: for search, length checks and "is it empty". */
export function plainTextOf(doc: FeedbackDocument): string {
  const blocks: string[] = [];
  const walk = (nodes: readonly FeedbackNode[]) => {
    for (const node of nodes) {
      if (node.type === "paragraph" || node.type === "heading") {
        blocks.push((node.content ?? []).map((child) => (child.type === "text" ? child.text : "\n")).join(""));
      } else if (node.type !== "text" && node.type !== "hardBreak") {
        walk(node.content);
      }
    }
  };
  walk(doc.content);
  return blocks.join("\n").trim();
}

function depthOf(nodes: readonly FeedbackNode[]): number {
  let deepest = 0;
  for (const node of nodes) {
    if (node.type === "bulletList" || node.type === "orderedList" || node.type === "listItem") deepest = Math.max(deepest, 1 + depthOf(node.content));
  }
  return deepest;
}
