import { describe, expect, it } from "vitest";
import { inlineText, parseInline, parseMarkdown, safeHref, type Block, type Inline } from "./markdown.ts";

const text = (t: string): Inline => ({ type: "text", text: t });
const para = (...children: Inline[]): Block => ({ type: "paragraph", children });

/** Every link address anywhere in the tree. */
function hrefs(blocks: Block[]): string[] {
  const found: string[] = [];
  const walk = (nodes: readonly Inline[]) => {
    for (const n of nodes) {
      if (n.type === "link") found.push(n.href);
      if (n.type === "strong" || n.type === "em" || n.type === "link") walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.type === "list") b.items.forEach(walk);
    else walk(b.children);
  }
  return found;
}

function allText(blocks: Block[]): string {
  return blocks.map((b) => (b.type === "list" ? b.items.map(inlineText).join(" ") : inlineText(b.children))).join("\n");
}

describe("blocks", () => {
  it("splits paragraphs on blank lines and keeps single newlines as line breaks", () => {
    expect(parseMarkdown("First line\nsecond line\n\nNext paragraph")).toEqual([
      para(text("First line"), { type: "break" }, text("second line")),
      para(text("Next paragraph")),
    ]);
  });

  it("reads ## and ### as h2 and h3, and # as h2 because the page has the only h1", () => {
    expect(parseMarkdown("# Top\n## Where\n### When\n#### Detail ##")).toEqual([
      { type: "heading", level: 2, children: [text("Top")] },
      { type: "heading", level: 2, children: [text("Where")] },
      { type: "heading", level: 3, children: [text("When")] },
      { type: "heading", level: 3, children: [text("Detail")] },
    ]);
  });

  it("needs a space after the hashes, so #hashtag is a paragraph", () => {
    expect(parseMarkdown("#hashtag")).toEqual([para(text("#hashtag"))]);
  });

  it("reads bullet and numbered lists, with continuation lines and loose items", () => {
    expect(parseMarkdown("Intro\n- one\n  more of one\n* two\n\n+ three\n\n1. first\n2) second")).toEqual([
      para(text("Intro")),
      { type: "list", ordered: false, start: 1, items: [[text("one"), { type: "break" }, text("more of one")], [text("two")], [text("three")]] },
      { type: "list", ordered: true, start: 1, items: [[text("first")], [text("second")]] },
    ]);
  });

  it("keeps the start number of a numbered list", () => {
    expect(parseMarkdown("3. third\n4. fourth")).toEqual([{ type: "list", ordered: true, start: 3, items: [[text("third")], [text("fourth")]] }]);
  });

  it("ends a list at an unindented line after a blank line", () => {
    expect(parseMarkdown("- item\n\nAfter the list")).toEqual([
      { type: "list", ordered: false, start: 1, items: [[text("item")]] },
      para(text("After the list")),
    ]);
  });

  it("treats Windows line endings like Unix ones and ignores an empty text", () => {
    expect(parseMarkdown("a\r\nb\r\n\r\nc")).toEqual([para(text("a"), { type: "break" }, text("b")), para(text("c"))]);
    expect(parseMarkdown("")).toEqual([]);
    expect(parseMarkdown("\n \n\t\n")).toEqual([]);
  });
});

describe("inline", () => {
  it("reads strong and emphasis, nested both ways", () => {
    expect(parseInline("a **bold** and *soft* word")).toEqual([
      text("a "),
      { type: "strong", children: [text("bold")] },
      text(" and "),
      { type: "em", children: [text("soft")] },
      text(" word"),
    ]);
    expect(parseInline("*a **b** c*")).toEqual([{ type: "em", children: [text("a "), { type: "strong", children: [text("b")] }, text(" c")] }]);
    expect(parseInline("**a *b* c**")).toEqual([{ type: "strong", children: [text("a "), { type: "em", children: [text("b")] }, text(" c")] }]);
  });

  it("leaves unmatched or spaced asterisks as text", () => {
    expect(parseInline("2 * 3 * 4")).toEqual([text("2 * 3 * 4")]);
    expect(parseInline("**not closed")).toEqual([text("**not closed")]);
    expect(parseInline("a * b")).toEqual([text("a * b")]);
  });

  it("honours backslash escapes", () => {
    expect(parseInline("\\*not em\\* and \\[not](a link)")).toEqual([text("*not em* and [not](a link)")]);
    expect(parseInline("C:\\path")).toEqual([text("C:\\path")]);
  });

  it("reads links with https, http and mailto addresses", () => {
    expect(parseInline("See [the plan](https://example.org/plan?a=1&b=2).")).toEqual([
      text("See "),
      { type: "link", href: "https://example.org/plan?a=1&b=2", children: [text("the plan")] },
      text("."),
    ]);
    expect(hrefs(parseMarkdown("[x](http://example.org) [mail us](mailto:pb@trafford.gov.uk)"))).toEqual([
      "http://example.org/",
      "mailto:pb@trafford.gov.uk",
    ]);
  });

  it("allows emphasis inside link text and balanced parentheses in the address", () => {
    expect(parseInline("[**Park** map](https://en.wikipedia.org/wiki/Park_(disambiguation))")).toEqual([
      {
        type: "link",
        href: "https://en.wikipedia.org/wiki/Park_(disambiguation)",
        children: [{ type: "strong", children: [text("Park")] }, text(" map")],
      },
    ]);
  });
});

describe("hostile input (XSS vectors)", () => {
  const refused = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\u0001javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/relative/path",
    "https:",
    "file:///etc/passwd",
  ];

  it.each(refused)("refuses the address %j", (href) => {
    expect(safeHref(href)).toBeNull();
    const blocks = parseMarkdown(`[click me](${href})`);
    expect(hrefs(blocks)).toEqual([]);
  });

  it("shows a refused link as plain text with its address, so nothing is clickable", () => {
    expect(parseInline("[click](javascript:alert(1))")).toEqual([text("click (javascript:alert(1))")]);
  });

  it("keeps raw HTML as text: script tags, on* attributes, iframes", () => {
    const source = '<script>alert(1)</script>\n<img src=x onerror="alert(1)">\n<a href="javascript:alert(1)">x</a>';
    const blocks = parseMarkdown(source);
    expect(hrefs(blocks)).toEqual([]);
    expect(blocks).toEqual([
      para(
        text("<script>alert(1)</script>"),
        { type: "break" },
        text('<img src=x onerror="alert(1)">'),
        { type: "break" },
        text('<a href="javascript:alert(1)">x</a>'),
      ),
    ]);
  });

  it("does not let nested brackets smuggle a script link inside an allowed one", () => {
    const blocks = parseMarkdown("[[inner](javascript:alert(1))](https://example.org)");
    expect(hrefs(blocks)).toEqual(["https://example.org/"]);
    expect(allText(blocks)).toBe("[inner](javascript:alert(1))");
  });

  it("does not let an allowed link hide a script link after it", () => {
    const blocks = parseMarkdown("[ok](https://example.org)[bad](javascript:alert(1))");
    expect(hrefs(blocks)).toEqual(["https://example.org/"]);
  });

  it("keeps quotes and angle brackets in an address encoded, so they cannot break out of an attribute", () => {
    const href = safeHref('https://example.org/"><script>');
    expect(href).toBe("https://example.org/%22%3E%3Cscript%3E");
  });

  it("refuses an address with spaces and reads the rest as text", () => {
    expect(hrefs(parseMarkdown("[x](https://example.org onclick=alert(1))"))).toEqual([]);
  });

  it("stays fast on pathological input", () => {
    const started = performance.now();
    parseMarkdown("*".repeat(5000));
    parseMarkdown("[".repeat(2500) + "]".repeat(2500));
    parseMarkdown("**a ".repeat(1250));
    parseMarkdown("[a](".repeat(1250));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("caps nesting depth rather than recursing without end", () => {
    const deep = "*".repeat(200) + "x" + "*".repeat(200);
    expect(() => parseMarkdown(deep)).not.toThrow();
  });
});
