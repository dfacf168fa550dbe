import { useT } from "../i18n.tsx";

interface Node {
  slug: string;
  parentSlug: string | null;
  name: string;
  verified: boolean;
}

/** A framework's outcomes as nested lists, with provisional wording marked in words. */
export function OutcomeTree({ nodes }: { nodes: Node[] }) {
  const t = useT();
  const render = (parent: string | null) => {
    const children = nodes.filter((n) => n.parentSlug === parent);
    if (!children.length) return null;
    return (
      <ul className={`list-disc pl-6 ${parent ? "mt-2" : "mb-8"}`}>
        {children.map((node) => (
          <li key={node.slug} className="mb-2">
            {node.name}
            {node.verified ? null : <span className="text-secondary"> ({t("frameworks.provisional")})</span>}
            {render(node.slug)}
          </li>
        ))}
      </ul>
    );
  };
  return render(null);
}
