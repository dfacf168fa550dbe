// The officer form edits a council's framework as an indented outline in one text box, so the
// whole tree can be written and changed without JavaScript:
//
//   Health and wellbeing | health
//     Mental health
//   Getting around
//
// Two spaces (or a tab) of indent per level put a line under the line above; text after a
// vertical bar is the node's slug, else one is made from the name. Validation of the result
// (depth, lengths, duplicates) stays in `validateFramework`.
import { slugify } from "./framework.ts";

export interface OutlineNode {
  slug: string;
  parentSlug: string | null;
  name: string;
}

export function parseOutline(text: string): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const stack: { depth: number; slug: string }[] = [];
  const used = new Set<string>();
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (!raw.trim()) continue;
    const indent = raw.replace(/\t/g, "  ").match(/^ */)![0].length;
    const depth = Math.floor(indent / 2);
    const [namePart, slugPart] = raw.trim().split("|", 2);
    const name = namePart!.trim();
    let slug = slugPart?.trim() || slugify(name) || "outcome";
    // Made-up slugs never collide; a typed duplicate is left for validation to report.
    if (!slugPart?.trim()) for (let n = 2; used.has(slug); n++) slug = `${slugify(name) || "outcome"}-${n}`;
    used.add(slug);
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    nodes.push({ slug, parentSlug: stack.length ? stack[stack.length - 1]!.slug : null, name });
    stack.push({ depth, slug });
  }
  return nodes;
}

/** The outline text for existing nodes (parents before children), for the edit form. */
export function formatOutline(nodes: readonly { slug: string; parentSlug: string | null; name: string }[]): string {
  const children = new Map<string | null, typeof nodes[number][]>();
  for (const node of nodes) children.set(node.parentSlug, [...(children.get(node.parentSlug) ?? []), node]);
  const lines: string[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const node of children.get(parent) ?? []) {
      lines.push(`${"  ".repeat(depth)}${node.name} | ${node.slug}`);
      walk(node.slug, depth + 1);
    }
  };
  walk(null, 0);
  return lines.join("\n");
}
