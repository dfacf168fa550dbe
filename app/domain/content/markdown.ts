// A small Markdown reader for text officers and residents write (project descriptions): it
// returns a tree, never HTML, so the page renders it as React elements and nothing in the text
// can become markup. Raw HTML stays visible text ("<script>" is shown, not run).
//
// Supported, deliberately little (what a project description needs):
// - paragraphs (separated by a blank line); a single newline inside one is a line break, as in
//   most comment boxes, so an address typed on several lines keeps its lines;
// - "## " and "### " headings as h2 / h3 ("# " is read as h2 too: the page owns the only h1);
// - "- ", "* ", "+ " bullet lists and "1. " / "1) " numbered lists (one level, no nesting);
// - **strong**, *em*, backslash escapes (\*), and [links](https://…).
//
// Links: only absolute http:, https: and mailto: addresses are kept (OWASP XSS Prevention Cheat
// Sheet, "URL contexts": allow-list the scheme). The address is parsed with the WHATWG URL
// parser, so "JaVaScRiPt:", a leading control character or an encoded scheme all end up as what
// the browser would see, and anything not on the list is left as the plain text it was typed as.
// The scanner is linear apart from a bounded search for closing markers; nesting is capped, so a
// hostile 5,000-character description cannot make it slow.

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Block =
  | { type: "paragraph"; children: Inline[] }
  | { type: "heading"; level: 2 | 3; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] };

const ALLOWED_SCHEMES = new Set(["http:", "https:", "mailto:"]);
const MAX_DEPTH = 4;
const ESCAPABLE = new Set("\\`*_{}[]()#+-.!<>|~");

/** The address a link may point to, or null when it is not an allowed absolute URL. */
export function safeHref(raw: string): string | null {
  const text = raw.trim();
  if (text === "" || [...text].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c))) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== "mailto:" && !url.hostname) return null;
  return url.href;
}

// ───────────────────────────── blocks ─────────────────────────────

const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;

/** Reads Markdown text into blocks. Never throws; unknown syntax stays as text. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[][] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n")) });
    paragraph = [];
  };
  const flushList = () => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, start: list.start, items: list.items.map((item) => parseInline(item.join("\n"))) });
    list = null;
  };

  let previousBlank = false;
  for (const line of lines) {
    const blank = line.trim() === "";
    const afterBlank = previousBlank;
    previousBlank = blank;
    if (blank) {
      // A blank line ends a paragraph; a list may continue after one (a "loose" list).
      flushParagraph();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({ type: "heading", level: heading[1]!.length >= 3 ? 3 : 2, children: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flushParagraph();
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        flushList();
        list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      list.items.push([(bullet ? bullet[1] : numbered![2])!]);
      continue;
    }
    // A line straight after an item, or an indented one after a blank line, continues the item.
    if (list && paragraph.length === 0 && (!afterBlank || /^\s/.test(line))) {
      list.items[list.items.length - 1]!.push(line.trim());
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

// ───────────────────────────── inline ─────────────────────────────

/** Reads the inline part of one block: emphasis, links, escapes, line breaks. */
export function parseInline(text: string): Inline[] {
  return mergeText(scan(text, 0, true));
}

function scan(text: string, depth: number, linksAllowed: boolean): Inline[] {
  const out: Inline[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push({ type: "text", text: buffer });
    buffer = "";
  };
  // Where a search for each closing marker has already run off the end: a later opener of the
  // same kind cannot find one either, which keeps unclosed markers linear.
  const exhausted = { "*": Infinity, "**": Infinity };
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && i + 1 < text.length && ESCAPABLE.has(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === "\n") {
      flush();
      out.push({ type: "break" });
      i += 1;
      continue;
    }
    if (depth < MAX_DEPTH && ch === "*") {
      const strong = text.startsWith("**", i);
      const marker = strong ? "**" : "*";
      const from = i + marker.length;
      const close = from >= exhausted[marker] ? NONE : findCloser(text, from, marker);
      if (close === NONE) exhausted[marker] = Math.min(exhausted[marker], from);
      if (close >= 0) {
        flush();
        const inner = scan(text.slice(i + marker.length, close), depth + 1, linksAllowed);
        out.push(strong ? { type: "strong", children: inner } : { type: "em", children: inner });
        i = close + marker.length;
        continue;
      }
      // No closer: the whole run of asterisks is text.
      let run = i;
      while (text[run] === "*") run++;
      buffer += text.slice(i, run);
      i = run;
      continue;
    }
    if (linksAllowed && depth < MAX_DEPTH && ch === "[") {
      const link = readLink(text, i);
      if (link) {
        flush();
        const href = safeHref(link.href);
        const children = scan(link.label, depth + 1, false);
        // A refused address keeps the label and shows the address as text, so the reader can
        // still see what was written but nothing is clickable.
        if (href) out.push({ type: "link", href, children });
        else out.push(...children, { type: "text", text: ` (${link.href})` });
        i = link.end;
        continue;
      }
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return out;
}

const NONE = -1;
const NOT_AN_OPENER = -2;

/**
 * The index of the closing marker for an opener whose content starts at `from`: content must not
 * start or end with a space, and a single "*" skips over "**" pairs inside it (so "*a **b** c*"
 * is emphasis containing strong text). NONE when no closer follows, NOT_AN_OPENER when the
 * marker cannot open here.
 */
function findCloser(text: string, from: number, marker: "*" | "**"): number {
  if (from >= text.length || /\s/.test(text[from]!) || (marker === "*" && text[from] === "*")) return NOT_AN_OPENER;
  let j = from;
  while (j < text.length) {
    const k = text.indexOf(marker, j);
    if (k === -1) return NONE;
    if (marker === "*" && text[k + 1] === "*") {
      // Skip a whole "**" run inside emphasis.
      let end = k;
      while (text[end] === "*") end++;
      j = end;
      continue;
    }
    if (k > from && !/\s/.test(text[k - 1]!)) return k;
    j = k + marker.length;
  }
  return NONE;
}

/** "[label](href)" starting at `start`, with balanced brackets in the label and parentheses in the address. */
function readLink(text: string, start: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "\n") return null;
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) break;
  }
  if (i >= text.length || text[i + 1] !== "(") return null;
  const label = text.slice(start + 1, i);
  let parens = 0;
  let j = i + 2;
  for (; j < text.length; j++) {
    const ch = text[j];
    if (ch === "\n" || ch === " ") return null;
    if (ch === "(") parens++;
    else if (ch === ")") {
      if (parens === 0) break;
      parens--;
    }
  }
  if (j >= text.length) return null;
  const href = text.slice(i + 2, j);
  if (label.trim() === "" || href === "") return null;
  return { label, href, end: j + 1 };
}

function mergeText(nodes: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === "text" && last?.type === "text") out[out.length - 1] = { type: "text", text: last.text + node.text };
    else if (node.type === "strong" || node.type === "em" || node.type === "link") out.push({ ...node, children: mergeText(node.children) });
    else out.push(node);
  }
  return out;
}

/** The plain text of some inline nodes (for summaries and accessible names). */
export function inlineText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === "text" ? n.text : n.type === "break" ? " " : inlineText(n.children))).join("");
}
