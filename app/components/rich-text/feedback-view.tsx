/**
 * Overall feedback, read-only: the stored tiptap JSON (feedback-document.ts) mapped node by
 * node to React elements. Text is React text, so it is escaped; nothing is ever set as HTML.
 * Only the whitelisted nodes and marks are drawn — anything else (a document stored before
 * the schema, or tampered with) is skipped — and a link is a link only to http(s) or mailto,
 * opened in a new tab without the opener or referrer.
 */
import { Fragment, type ReactNode } from "react";
import type { FeedbackDocument } from "../../modules/evaluations/feedback-document";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

type UnknownNode = { type?: unknown; text?: unknown; marks?: unknown; attrs?: unknown; content?: unknown };
type UnknownMark = { type?: unknown; attrs?: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function childrenOf(node: UnknownNode): UnknownNode[] {
  return Array.isArray(node.content) ? node.content.filter(isObject) : [];
}

/** The address of a link mark, only when it is safe to put in an href. */
export function safeHref(mark: UnknownMark): string | null {
  const href = isObject(mark.attrs) ? mark.attrs.href : undefined;
  if (typeof href !== "string") return null;
  const trimmed = href.trim();
  return SAFE_LINK.test(trimmed) && URL.canParse(trimmed) ? trimmed : null;
}

function renderText(node: UnknownNode, key: number): ReactNode {
  if (typeof node.text !== "string" || node.text === "") return null;
  let element: ReactNode = node.text;
  const marks = Array.isArray(node.marks) ? (node.marks.filter(isObject) as UnknownMark[]) : [];
  // Links outermost, so bold or italic parts of a link stay inside one anchor.
  const order = (mark: UnknownMark) => (mark.type === "link" ? 1 : 0);
  for (const mark of [...marks].sort((a, b) => order(a) - order(b))) {
    if (mark.type === "bold") element = <strong>{element}</strong>;
    else if (mark.type === "italic") element = <em>{element}</em>;
    else if (mark.type === "link") {
      const href = safeHref(mark);
      if (href) {
        element = (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            {element}
          </a>
        );
      }
    }
  }
  return <Fragment key={key}>{element}</Fragment>;
}

function renderInline(nodes: UnknownNode[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === "hardBreak") return <br key={index} />;
    if (node.type === "text") return renderText(node, index);
    return null;
  });
}

type HeadingTag = "h3" | "h4" | "h5" | "h6";
const headingTags: HeadingTag[] = ["h3", "h4", "h5", "h6"];

function renderBlock(node: UnknownNode, key: number, outerLevel: number): ReactNode {
  const blocks = (nodes: UnknownNode[]) => nodes.map((child, index) => renderBlock(child, index, outerLevel));
  switch (node.type) {
    case "paragraph":
      return <p key={key}>{renderInline(childrenOf(node))}</p>;
    case "heading": {
      const level = isObject(node.attrs) && node.attrs.level === 2 ? 2 : 3;
      // Under the page's "Overall feedback" heading: the document's level 2 is one deeper.
      const Tag = headingTags[Math.min(headingTags.length - 1, Math.max(0, outerLevel + level - 1 - 3))] ?? "h6";
      return <Tag key={key}>{renderInline(childrenOf(node))}</Tag>;
    }
    case "bulletList":
      return <ul key={key}>{blocks(childrenOf(node))}</ul>;
    case "orderedList": {
      const start = isObject(node.attrs) && typeof node.attrs.start === "number" && Number.isInteger(node.attrs.start) ? node.attrs.start : undefined;
      return (
        <ol key={key} start={start !== undefined && start !== 1 ? start : undefined}>
          {blocks(childrenOf(node))}
        </ol>
      );
    }
    case "listItem":
      return <li key={key}>{blocks(childrenOf(node))}</li>;
    case "text":
    case "hardBreak":
      return <Fragment key={key}>{renderInline([node])}</Fragment>;
    default:
      return null;
  }
}

/** True when the document has no text at all. */
export function isEmptyFeedback(doc: FeedbackDocument | null | undefined): boolean {
  const walk = (nodes: UnknownNode[]): boolean =>
    nodes.every((node) => (node.type === "text" ? typeof node.text !== "string" || node.text.trim() === "" : walk(childrenOf(node))));
  return !doc || walk(childrenOf(doc));
}

interface FeedbackViewProps {
  doc: FeedbackDocument | null | undefined;
  /** The level of the heading the feedback sits under (2: the document's headings become h3 and h4). */
  headingLevel?: 2 | 3 | 4;
  emptyText?: string;
}

export function FeedbackView({ doc, headingLevel = 2, emptyText = "No overall feedback was written." }: FeedbackViewProps) {
  if (isEmptyFeedback(doc)) return <p className="muted feedback-view feedback-view--empty">{emptyText}</p>;
  return <div className="feedback-view">{childrenOf(doc as UnknownNode).map((node, index) => renderBlock(node, index, headingLevel))}</div>;
}
