/**
 * What the feedback editor's link prompt accepts: web addresses (http, https; "example.com"
 * becomes https://example.com), and mailto: or a bare e-mail address. The same rule as the
 * stored document's schema (feedback-document.ts), so a link the editor makes is never
 * refused on save. Pure.
 */
import { MAX_LINK_LENGTH } from "../../modules/evaluations/feedback-document";

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const SCHEME = /^[a-z][a-z0-9+-]*:/i;

export type LinkInput = { ok: true; href: string } | { ok: false; message: string };

export function normaliseLinkInput(raw: string): LinkInput {
  const value = raw.trim();
  if (!value) return { ok: false, message: "Enter a web address, like https://example.com" };
  let href = value;
  if (EMAIL.test(value)) href = `mailto:${value}`;
  else if (!SCHEME.test(value)) href = `https://${value}`;
  if (href.length > MAX_LINK_LENGTH) return { ok: false, message: `A link is at most ${MAX_LINK_LENGTH} characters` };
  if (!SAFE_LINK.test(href) || !URL.canParse(href)) {
    return { ok: false, message: "Links must be web (http or https) or e-mail (mailto) addresses" };
  }
  if (/^https?:/i.test(href) && !new URL(href).hostname.includes(".") && new URL(href).hostname !== "localhost") {
    return { ok: false, message: "Enter a whole web address, like https://example.com" };
  }
  return { ok: true, href };
}
