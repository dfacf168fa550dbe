// Renders the tree from app/domain/content/markdown.ts as React elements. React escapes every
// string it renders, and this component never sets HTML directly, so text from the database
// cannot become markup; link addresses were allow-listed by the parser (http, https, mailto).
import type { ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "~/domain/content/markdown.ts";

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "break":
        return <br key={i} />;
      case "strong":
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case "em":
        return <em key={i}>{renderInline(node.children)}</em>;
      case "link":
        // Written by someone other than the reader: no referrer, no opener, no search-engine credit.
        return (
          <a key={i} href={node.href} rel="nofollow noopener noreferrer">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

function renderBlock(block: Block, i: number): ReactNode {
  switch (block.type) {
    case "paragraph":
      return <p key={i}>{renderInline(block.children)}</p>;
    case "heading":
      return block.level === 2 ? <h2 key={i}>{renderInline(block.children)}</h2> : <h3 key={i}>{renderInline(block.children)}</h3>;
    case "list": {
      const items = block.items.map((item, j) => (
        <li key={j} className="mb-1">
          {renderInline(item)}
        </li>
      ));
      return block.ordered ? (
        <ol key={i} start={block.start === 1 ? undefined : block.start} className="mb-6 list-decimal pl-6">
          {items}
        </ol>
      ) : (
        <ul key={i} className="mb-6 list-disc pl-6">
          {items}
        </ul>
      );
    }
  }
}

/** Markdown text (a project description) as safe page content. */
export function Markdown({ source }: { source: string }) {
  return <>{parseMarkdown(source).map(renderBlock)}</>;
}
