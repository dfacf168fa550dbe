// Integrity of the built-in definitions against ../shared/reference/wellbeing-frameworks.md.
import { describe, expect, it } from "vitest";
import { BUILTIN_FRAMEWORKS, RESERVED_FRAMEWORK_SLUGS, findBuiltinFramework } from "~/domain/frameworks/builtin/catalogue.ts";
import { SLUG_PATTERN, builtinProblems, checkTree, toTree, validateFramework } from "~/domain/frameworks/framework.ts";

const bySlug = (slug: string) => {
  const framework = findBuiltinFramework(slug);
  if (!framework) throw new Error(`missing ${slug}`);
  return framework;
};
const names = (slug: string) => bySlug(slug).nodes.map((n) => n.name);
const verifiedCount = (slug: string) => bySlug(slug).nodes.filter((n) => n.verified).length;

describe("built-in catalogue", () => {
  it("ships the seven frameworks of the brief, in order", () => {
    expect(BUILTIN_FRAMEWORKS.map((f) => f.slug)).toEqual([
      "thriving-places-index",
      "wmca-inclusive-growth",
      "ons-measures-of-national-well-being",
      "un-sustainable-development-goals",
      "cles-community-wealth-building",
      "wales-well-being-goals",
      "place-standard",
    ]);
  });

  it("has unique kebab-case framework slugs, reserved against council use", () => {
    const slugs = BUILTIN_FRAMEWORKS.map((f) => f.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) {
      expect(slug).toMatch(SLUG_PATTERN);
      expect(RESERVED_FRAMEWORK_SLUGS.has(slug)).toBe(true);
    }
    expect(findBuiltinFramework("nope")).toBeUndefined();
  });

  describe.each(BUILTIN_FRAMEWORKS.map((f) => [f.slug, f] as const))("%s", (_slug, framework) => {
    it("has no structural problems", () => {
      expect(builtinProblems(framework)).toEqual([]);
    });

    it("has unique node slugs whose parents exist, no cycles, at most three levels", () => {
      const slugs = framework.nodes.map((n) => n.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const node of framework.nodes) {
        if (node.parentSlug !== null) expect(slugs).toContain(node.parentSlug);
      }
      expect(checkTree(framework.nodes)).toEqual([]);
    });

    it("cites a source and carries notes and a version", () => {
      expect(framework.source.trim().length).toBeGreaterThan(10);
      expect(framework.notes.trim().length).toBeGreaterThan(10);
      expect(framework.version).toBeGreaterThanOrEqual(1);
      if (framework.sourceUrl !== null) expect(framework.sourceUrl).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
    });

    it("lists parents before children, so positions read top-down", () => {
      const seen = new Set<string>();
      for (const node of framework.nodes) {
        if (node.parentSlug !== null) expect(seen.has(node.parentSlug)).toBe(true);
        seen.add(node.slug);
      }
    });

    it("has no Welsh names yet: the reference sources none", () => {
      // Change this test when Welsh names are taken from the publishers (reference, "Data model conventions").
      expect(framework.nameCy).toBeNull();
      expect(framework.nodes.every((n) => n.nameCy === undefined)).toBe(true);
    });

    it("would pass a council's own validation too (names, slugs, depth)", () => {
      const result = validateFramework({
        slug: framework.slug,
        name: framework.name,
        source: framework.source,
        sourceUrl: framework.sourceUrl ?? "",
        notes: framework.notes,
        nodes: framework.nodes.map((n) => ({ slug: n.slug, parentSlug: n.parentSlug ?? "", name: n.name, description: n.description ?? "" })),
      });
      expect(result.ok ? {} : result.detail.fieldErrors).toEqual({});
    });
  });

  it("Thriving Places Index: three headline elements, 2019 structure, statuses from the reference", () => {
    const tree = toTree(bySlug("thriving-places-index").nodes.map((n) => ({ ...n })));
    expect(tree.map((t) => t.node.name)).toEqual(["Local Conditions", "Equality", "Sustainability"]);
    expect(tree[0]!.children.map((t) => t.node.name)).toEqual([
      "Place and Environment",
      "Mental and Physical Health",
      "Education and Learning",
      "Work and Local Economy",
      "People and Community",
    ]);
    expect(tree[1]!.children.map((t) => t.node.name)).toEqual(["Health", "Income", "Gender", "Social", "Ethnicity"]);
    expect(tree[0]!.children.flatMap((t) => t.children)).toHaveLength(17);
    expect(bySlug("thriving-places-index").nodes).toHaveLength(34);
    expect(verifiedCount("thriving-places-index")).toBe(16);
    // Every sub-domain of Local Conditions is provisional except three in Place and Environment.
    const subDomains = tree[0]!.children.flatMap((t) => t.children);
    expect(subDomains.filter((t) => t.node.verified).map((t) => t.node.slug)).toEqual(["housing", "transport", "safety"]);
    // 2024-only domains are not in the 2019 version.
    const slugs = bySlug("thriving-places-index").nodes.map((n) => n.slug);
    expect(slugs).not.toContain("energy-and-carbon");
    expect(slugs).not.toContain("age");
  });

  it("WMCA: eight fundamentals, three verified", () => {
    expect(names("wmca-inclusive-growth")).toHaveLength(8);
    expect(
      bySlug("wmca-inclusive-growth")
        .nodes.filter((n) => n.verified)
        .map((n) => n.slug),
    ).toEqual(["climate-resilience", "inclusive-economy", "affordable-and-safe-places"]);
  });

  it("ONS: ten domains, all verified", () => {
    expect(names("ons-measures-of-national-well-being")).toEqual([
      "Personal well-being",
      "Our relationships",
      "Health",
      "What we do",
      "Where we live",
      "Personal finance",
      "Economy",
      "Education and skills",
      "Governance",
      "Environment",
    ]);
    expect(verifiedCount("ons-measures-of-national-well-being")).toBe(10);
  });

  it("SDGs: exactly 17 goals numbered 1 to 17, all provisional", () => {
    const sdg = bySlug("un-sustainable-development-goals");
    expect(sdg.nodes).toHaveLength(17);
    expect(sdg.nodes.map((n) => n.code)).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(sdg.nodes.every((n) => n.parentSlug === null && !n.verified)).toBe(true);
    expect(sdg.nodes[16]).toMatchObject({ name: "Partnerships for the Goals", aliases: ["Partnership for Goals"] });
  });

  it("CLES: five pillars with their verified aliases", () => {
    const cles = bySlug("cles-community-wealth-building");
    expect(cles.nodes.map((n) => [n.slug, n.aliases?.[0]])).toEqual([
      ["plural-ownership", "Inclusive ownership"],
      ["financial-power", "Finance"],
      ["fair-employment", "Workforce"],
      ["progressive-procurement", "Spending"],
      ["land-and-property", "Socially just use of land and property"],
    ]);
    expect(verifiedCount("cles-community-wealth-building")).toBe(5);
  });

  it("Wales: exactly seven goals, all provisional", () => {
    const wales = bySlug("wales-well-being-goals");
    expect(wales.nodes).toHaveLength(7);
    expect(wales.nodes.every((n) => n.parentSlug === null && !n.verified)).toBe(true);
    expect(wales.nodes.every((n) => n.name.includes("Wales"))).toBe(true);
  });

  it("Place Standard: fourteen themes, all verified", () => {
    expect(names("place-standard")).toHaveLength(14);
    expect(verifiedCount("place-standard")).toBe(14);
  });

  it("totals 95 nodes: 48 verified, 47 provisional", () => {
    const all = BUILTIN_FRAMEWORKS.flatMap((f) => f.nodes);
    expect(all).toHaveLength(95);
    expect(all.filter((n) => n.verified)).toHaveLength(48);
  });
});
