/**
 * HTML bodies (Intercom, Zendesk html_body) and character references (WebVTT cue
 * text) to plain text. Not a general HTML parser: enough for message bodies, whose
 * structure is paragraphs, line breaks, lists and inline formatting.
 */

const named: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  lrm: "\u200e",
  rlm: "\u200f",
  zwj: "\u200d",
  zwnj: "\u200c",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  sbquo: "‚",
  ldquo: "“",
  rdquo: "”",
  bdquo: "„",
  laquo: "«",
  raquo: "»",
  bull: "•",
  middot: "·",
  copy: "©",
  reg: "®",
  trade: "™",
  deg: "°",
  euro: "€",
  pound: "£",
  yen: "¥",
  cent: "¢",
  sect: "§",
  times: "×",
  divide: "÷",
  iexcl: "¡",
  iquest: "¿",
  shy: "\u00ad",
  agrave: "à",
  aacute: "á",
  acirc: "â",
  atilde: "ã",
  auml: "ä",
  aring: "å",
  aelig: "æ",
  ccedil: "ç",
  egrave: "è",
  eacute: "é",
  ecirc: "ê",
  euml: "ë",
  igrave: "ì",
  iacute: "í",
  icirc: "î",
  iuml: "ï",
  ntilde: "ñ",
  ograve: "ò",
  oacute: "ó",
  ocirc: "ô",
  otilde: "õ",
  ouml: "ö",
  oslash: "ø",
  ugrave: "ù",
  uacute: "ú",
  ucirc: "û",
  uuml: "ü",
  yacute: "ý",
  szlig: "ß",
  Agrave: "À",
  Aacute: "Á",
  Auml: "Ä",
  Ccedil: "Ç",
  Eacute: "É",
  Ntilde: "Ñ",
  Ouml: "Ö",
  Uuml: "Ü",
};

/** Decodes named (a common subset), decimal and hex character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return String.fromCodePoint(code);
    }
    return named[body] ?? whole;
  });
}

const blockTags = /^(p|div|br|li|ul|ol|h[1-6]|tr|table|blockquote|pre|hr|section|article|header|footer)$/;

/** HTML to plain text: blocks and <br> become line breaks, list items get "- ", tags go, entities decode. */
export function htmlToText(html: string): string {
  const withoutHidden = html.replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "").replace(/<!--[\s\S]*?-->/g, "");
  const withBreaks = withoutHidden.replace(/<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g, (tag, name: string) => {
    const lower = name.toLowerCase();
    if (lower === "li") return tag.startsWith("</") ? "" : "\n- ";
    return blockTags.test(lower) ? "\n" : "";
  });
  return decodeEntities(withBreaks)
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** True when a string looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?(p|div|br|span|a|b|i|strong|em|ul|ol|li|h[1-6]|img|table)\b[^>]*>/i.test(text);
}
