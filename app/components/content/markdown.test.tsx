import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown.tsx";

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("Markdown", () => {
  it("renders headings, paragraphs, lists, emphasis and links as elements", () => {
    expect(html("## Where\nBy the **river**, near *the bridge*.\n\n- one\n- two\n\n3. three\n\n[Map](https://example.org/map)")).toBe(
      "<h2>Where</h2>" +
        "<p>By the <strong>river</strong>, near <em>the bridge</em>.</p>" +
        '<ul class="mb-6 list-disc pl-6"><li class="mb-1">one</li><li class="mb-1">two</li></ul>' +
        '<ol start="3" class="mb-6 list-decimal pl-6"><li class="mb-1">three</li></ol>' +
        '<p><a href="https://example.org/map" rel="nofollow noopener noreferrer">Map</a></p>',
    );
  });

  it("shows raw HTML as text, escaped, never as markup", () => {
    const out = html('<script>alert(1)</script> <img src=x onerror="alert(1)"> <b onmouseover=alert(1)>hi</b>');
    expect(out).toBe(
      "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &lt;b onmouseover=alert(1)&gt;hi&lt;/b&gt;</p>",
    );
    expect(out).not.toMatch(/<script|<img|<b /);
  });

  it("never renders a javascript: or data: address as a link", () => {
    const out = html("[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,<script>alert(1)</script>)");
    expect(out).not.toContain("<a");
    expect(out).not.toMatch(/href/);
  });

  it("keeps a quote in an address from closing the attribute", () => {
    const out = html('[x](https://example.org/"onmouseover="alert(1))');
    expect(out).toContain('href="https://example.org/%22onmouseover=%22alert(1)"');
    expect(out).not.toContain(' onmouseover="');
  });
});
