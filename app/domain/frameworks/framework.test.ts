import { describe, expect, it } from "vitest";
import {
  FRAMEWORK_LIMITS,
  builtinContent,
  builtinNodeData,
  checkOneVersionPerFramework,
  checkTree,
  diffSummary,
  diffVersions,
  draftInputFrom,
  draftNodes,
  ensureEditable,
  fieldId,
  frameworkDraftSchema,
  hasChanges,
  inFormOrder,
  nextVersion,
  nodeKey,
  planBuiltinSync,
  readyToPublish,
  sameContent,
  slugify,
  toTree,
  validateFramework,
  type BuiltinFramework,
  type FrameworkNodeData,
} from "~/domain/frameworks/framework.ts";

const node = (slug: string, parentSlug: string | null = null, name = `Node ${slug}`) => ({ slug, parentSlug, name });

const validInput = () => ({
  slug: "our-priorities",
  name: "Our council priorities",
  nameCy: "",
  source: "Corporate Plan 2025 to 2028",
  sourceUrl: "https://www.example.gov.uk/corporate-plan",
  notes: "",
  nodes: [
    { slug: "people", parentSlug: "", name: "People", nameCy: "", description: "" },
    { slug: "healthy-lives", parentSlug: "people", name: "Healthy lives", nameCy: "", description: "Living well for longer." },
    { slug: "place", parentSlug: "", name: "Place", nameCy: "Lle", description: "" },
  ],
});

function errorsOf(input: unknown) {
  const result = validateFramework(input);
  if (result.ok) throw new Error("expected invalid");
  return result.detail.fieldErrors;
}

describe("validateFramework", () => {
  it("accepts a valid draft and normalises blanks to null", () => {
    const result = validateFramework(validInput());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual({
      slug: "our-priorities",
      name: "Our council priorities",
      nameCy: null,
      source: "Corporate Plan 2025 to 2028",
      sourceUrl: "https://www.example.gov.uk/corporate-plan",
      notes: null,
      nodes: [
        { slug: "people", parentSlug: null, name: "People", nameCy: null, description: null },
        { slug: "healthy-lives", parentSlug: "people", name: "Healthy lives", nameCy: null, description: "Living well for longer." },
        { slug: "place", parentSlug: null, name: "Place", nameCy: "Lle", description: null },
      ],
    });
  });

  it("trims text and treats missing optional fields as null", () => {
    const result = validateFramework({ slug: "  plan ", name: "  Plan  ", nodes: [{ slug: " aa ", name: " Aa " }] });
    expect(result).toEqual({
      ok: true,
      value: {
        slug: "plan",
        name: "Plan",
        nameCy: null,
        source: null,
        sourceUrl: null,
        notes: null,
        nodes: [{ slug: "aa", parentSlug: null, name: "Aa", nameCy: null, description: null }],
      },
    });
  });

  it("keys missing required fields by path", () => {
    expect(errorsOf({})).toEqual({ name: "required", slug: "required", nodes: "too_few" });
  });

  it("refuses a body that is not an object", () => {
    expect(errorsOf(null)).toEqual({ form: "invalid" });
    expect(errorsOf("framework")).toEqual({ form: "invalid" });
  });

  it.each([
    ["", "required"],
    ["   ", "required"],
    ["ab", "too_short"],
    ["abc", null],
    ["x".repeat(120), null],
    ["x".repeat(121), "too_long"],
  ])("framework name %j → %s", (name, expected) => {
    const result = validateFramework({ ...validInput(), name });
    if (expected === null) expect(result.ok).toBe(true);
    else expect(errorsOf({ ...validInput(), name })).toEqual({ name: expected });
  });

  it("rejects a non-string name as invalid", () => {
    expect(errorsOf({ ...validInput(), name: 42 })).toEqual({ name: "invalid" });
  });

  it.each([
    ["our-priorities", null],
    ["a1", null],
    ["2025-plan", null],
    ["Our-Priorities", "invalid_slug"],
    ["our priorities", "invalid_slug"],
    ["our--priorities", "invalid_slug"],
    ["-our", "invalid_slug"],
    ["our-", "invalid_slug"],
    ["our_priorities", "invalid_slug"],
    ["blaenoriaethau-ŵyl", "invalid_slug"],
    ["a", "too_short"],
    ["a".repeat(60), null],
    ["a".repeat(61), "too_long"],
    ["", "required"],
  ])("framework slug %j → %s", (slug, expected) => {
    if (expected === null) expect(validateFramework({ ...validInput(), slug }).ok).toBe(true);
    else expect(errorsOf({ ...validInput(), slug })).toEqual({ slug: expected });
  });

  it("checks the Welsh name only when given", () => {
    expect(validateFramework({ ...validInput(), nameCy: "Ein blaenoriaethau" }).ok).toBe(true);
    expect(errorsOf({ ...validInput(), nameCy: "Ei" })).toEqual({ nameCy: "too_short" });
    expect(errorsOf({ ...validInput(), nameCy: "y".repeat(121) })).toEqual({ nameCy: "too_long" });
  });

  it.each([
    ["https://www.example.gov.uk/plan", null],
    ["http://example.org", null],
    ["", null],
    ["ftp://example.org/plan", "invalid_url"],
    ["javascript:alert(1)", "invalid_url"],
    ["www.example.gov.uk", "invalid_url"],
    ["https://example.org/a plan", "invalid_url"],
    [`https://example.org/${"p".repeat(490)}`, "too_long"],
  ])("source URL %j → %s", (sourceUrl, expected) => {
    if (expected === null) expect(validateFramework({ ...validInput(), sourceUrl }).ok).toBe(true);
    else expect(errorsOf({ ...validInput(), sourceUrl })).toEqual({ sourceUrl: expected });
  });

  it("limits source and notes", () => {
    expect(errorsOf({ ...validInput(), source: "s".repeat(301), notes: "n".repeat(2001) })).toEqual({
      source: "too_long",
      notes: "too_long",
    });
    expect(validateFramework({ ...validInput(), source: "s".repeat(300), notes: "n".repeat(2000) }).ok).toBe(true);
  });

  it("needs between 1 and 200 nodes", () => {
    expect(errorsOf({ ...validInput(), nodes: [] })).toEqual({ nodes: "too_few" });
    const many = Array.from({ length: 201 }, (_, i) => ({ slug: `n-${i}`, name: `Node ${i}` }));
    expect(errorsOf({ ...validInput(), nodes: many })).toEqual({ nodes: "too_many" });
    expect(validateFramework({ ...validInput(), nodes: many.slice(0, 200) }).ok).toBe(true);
    expect(errorsOf({ ...validInput(), nodes: "people" })).toEqual({ nodes: "invalid" });
  });

  it.each([
    ["", "required"],
    ["A", "too_short"],
    ["Ab", null],
    ["x".repeat(120), null],
    ["x".repeat(121), "too_long"],
  ])("node name %j → %s", (name, expected) => {
    const input = validInput();
    input.nodes[1]!.name = name;
    if (expected === null) expect(validateFramework(input).ok).toBe(true);
    else expect(errorsOf(input)).toEqual({ "nodes.1.name": expected });
  });

  it("limits node descriptions to 1000 characters", () => {
    const input = validInput();
    input.nodes[0]!.description = "d".repeat(1000);
    expect(validateFramework(input).ok).toBe(true);
    input.nodes[0]!.description = "d".repeat(1001);
    expect(errorsOf(input)).toEqual({ "nodes.0.description": "too_long" });
  });

  it("checks node Welsh names", () => {
    const input = validInput();
    input.nodes[2]!.nameCy = "L";
    expect(errorsOf(input)).toEqual({ "nodes.2.nameCy": "too_short" });
  });

  it("checks node slugs", () => {
    const input = validInput();
    input.nodes[0]!.slug = "People";
    input.nodes[1]!.parentSlug = "People";
    // The parent reference is checked against the slugs as typed, so it still resolves.
    expect(errorsOf(input)).toEqual({ "nodes.0.slug": "invalid_slug" });
  });

  it("reports duplicate node slugs on the later occurrence", () => {
    const input = validInput();
    input.nodes[2]!.slug = "people";
    expect(errorsOf(input)).toEqual({ "nodes.2.slug": "duplicate" });
  });

  it("reports a missing parent", () => {
    const input = validInput();
    input.nodes[1]!.parentSlug = "nobody";
    expect(errorsOf(input)).toEqual({ "nodes.1.parentSlug": "parent_not_found" });
  });

  it("reports a node that is its own parent", () => {
    const input = validInput();
    input.nodes[0]!.parentSlug = "people";
    expect(errorsOf(input)).toEqual({ "nodes.0.parentSlug": "parent_is_self" });
  });

  it("reports every member of a cycle", () => {
    const input = validInput();
    input.nodes[0]!.parentSlug = "healthy-lives";
    expect(errorsOf(input)).toEqual({ "nodes.0.parentSlug": "cycle", "nodes.1.parentSlug": "cycle" });
  });

  it("allows three levels and refuses a fourth", () => {
    const three = [node("aa"), node("bb", "aa"), node("cc", "bb")];
    expect(validateFramework({ slug: "deep", name: "Deep one", nodes: three }).ok).toBe(true);
    expect(errorsOf({ slug: "deep", name: "Deep one", nodes: [...three, node("dd", "cc"), node("ee", "dd")] })).toEqual({
      "nodes.3.parentSlug": "too_deep",
      "nodes.4.parentSlug": "too_deep",
    });
  });

  it("reports field errors and tree errors together, in form order", () => {
    const errors = errorsOf({
      slug: "Bad",
      name: "",
      nodes: [node("aa", "bb", "A"), node("bb", "aa"), node("aa", null, "Dup")],
    });
    expect(errors).toEqual({
      name: "required",
      slug: "invalid_slug",
      "nodes.0.name": "too_short",
      "nodes.0.parentSlug": "cycle",
      "nodes.1.parentSlug": "cycle",
      "nodes.2.slug": "duplicate",
    });
    expect(Object.keys(errors)).toEqual(["name", "slug", "nodes.0.name", "nodes.0.parentSlug", "nodes.1.parentSlug", "nodes.2.slug"]);
  });

  it("treats non-string node fields as invalid without crashing", () => {
    expect(errorsOf({ slug: "s1", name: "Name", nodes: [{ slug: 3, name: "ab", parentSlug: 4 }] })).toEqual({
      "nodes.0.slug": "invalid",
      "nodes.0.parentSlug": "invalid",
    });
    expect(errorsOf({ slug: "s1", name: "Name", nodes: [null] })).toEqual({ "nodes.0": "invalid" });
  });

  it("ignores fields the form does not own", () => {
    const result = validateFramework({ ...validInput(), councilId: "other", status: "published" });
    expect(result.ok && Object.keys(result.value)).toEqual(["slug", "name", "nameCy", "source", "sourceUrl", "notes", "nodes"]);
  });

  it("is the same rule as the exported zod schema", () => {
    expect(frameworkDraftSchema.safeParse(validInput()).success).toBe(true);
    const input = validInput();
    input.nodes[0]!.parentSlug = "people";
    expect(frameworkDraftSchema.safeParse(input).success).toBe(false);
  });
});

describe("inFormOrder and fieldId", () => {
  it("orders top-level fields, then nodes by number and field", () => {
    const ordered = inFormOrder({
      "nodes.10.name": "required",
      "nodes.2.parentSlug": "cycle",
      "nodes.2.name": "too_short",
      nodes: "too_many",
      slug: "taken",
      name: "required",
      mystery: "invalid",
    });
    expect(Object.keys(ordered)).toEqual(["name", "slug", "nodes", "nodes.2.name", "nodes.2.parentSlug", "nodes.10.name", "mystery"]);
  });

  it("turns a path into an element id", () => {
    expect(fieldId("nodes.3.parentSlug")).toBe("nodes-3-parentSlug");
    expect(fieldId("name")).toBe("name");
  });
});

describe("checkTree", () => {
  it("accepts an empty list and a flat list", () => {
    expect(checkTree([])).toEqual([]);
    expect(checkTree([node("a"), node("b")])).toEqual([]);
  });

  it("accepts children listed before their parents", () => {
    expect(checkTree([node("c", "b"), node("b", "a"), node("a")])).toEqual([]);
  });

  it("finds a long cycle and leaves the nodes hanging off it alone", () => {
    const issues = checkTree([node("a", "c"), node("b", "a"), node("c", "b"), node("d", "a"), node("e")]);
    expect(issues).toEqual([
      { index: 0, field: "parentSlug", code: "cycle" },
      { index: 1, field: "parentSlug", code: "cycle" },
      { index: 2, field: "parentSlug", code: "cycle" },
    ]);
  });

  it("does not report depth below a broken link", () => {
    expect(checkTree([node("a", "missing"), node("b", "a"), node("c", "b"), node("d", "c")])).toEqual([
      { index: 0, field: "parentSlug", code: "parent_not_found" },
    ]);
  });

  it("honours a custom depth", () => {
    expect(checkTree([node("a"), node("b", "a")], 1)).toEqual([{ index: 1, field: "parentSlug", code: "too_deep" }]);
  });

  it("skips nodes without a usable slug", () => {
    expect(checkTree([{ slug: "" }, { slug: 5 }, { slug: "a", parentSlug: "  " }])).toEqual([]);
  });

  it("resolves a parent to the first of duplicated slugs", () => {
    expect(checkTree([node("a"), node("a", "a"), node("b", "a")])).toEqual([{ index: 1, field: "slug", code: "duplicate" }]);
  });
});

describe("slugify", () => {
  it.each([
    ["Thriving Places Index", "thriving-places-index"],
    ["Energy & Carbon", "energy-and-carbon"],
    ["Children's education", "childrens-education"],
    ["  Café culture!  ", "cafe-culture"],
    ["Power, influence and participation", "power-influence-and-participation"],
    ["Ŵyl Gymraeg", "wyl-gymraeg"],
    ["!!!", ""],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("stays within the slug limit without a trailing hyphen", () => {
    const slug = slugify(`${"a".repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(FRAMEWORK_LIMITS.slugMax);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("draft helpers", () => {
  it("marks a council's own nodes verified: the council is the publisher", () => {
    const result = validateFramework(validInput());
    if (!result.ok) throw new Error("expected valid");
    expect(draftNodes(result.value).every((n) => n.verified)).toBe(true);
  });

  it("round-trips a stored version through the form", () => {
    const result = validateFramework(validInput());
    if (!result.ok) throw new Error("expected valid");
    const draft = result.value;
    const input = draftInputFrom(
      { slug: draft.slug, name: draft.name, nameCy: draft.nameCy },
      { source: draft.source ?? "", sourceUrl: draft.sourceUrl, notes: draft.notes },
      draftNodes(draft),
    );
    expect(validateFramework(input)).toEqual(result);
  });
});

describe("toTree and nodeKey", () => {
  const nodes = [node("b-root"), node("a-child", "b-root"), node("grandchild", "a-child"), node("second-root")];

  it("nests nodes, keeping list order among siblings", () => {
    const tree = toTree(nodes);
    expect(tree.map((t) => t.node.slug)).toEqual(["b-root", "second-root"]);
    expect(tree[0]!.children[0]!.children[0]).toMatchObject({ depth: 3, path: "b-root.a-child.grandchild" });
    expect(tree[1]).toMatchObject({ depth: 1, path: "second-root", children: [] });
  });

  it("builds the reference's full key", () => {
    expect(nodeKey("our-priorities", 2, nodes, "grandchild")).toBe("our-priorities@2:b-root.a-child.grandchild");
    expect(nodeKey("our-priorities", 2, nodes, "missing")).toBeNull();
  });
});

describe("versions", () => {
  it("lets only a draft be edited", () => {
    expect(ensureEditable({ status: "draft" })).toEqual({ ok: true, value: true });
    expect(ensureEditable({ status: "published" })).toEqual({ ok: false, reason: "version_published" });
  });

  it("numbers a new version one past the highest", () => {
    expect(nextVersion([{ version: 1, status: "published" }], { status: "published" })).toEqual({ ok: true, value: 2 });
    expect(
      nextVersion(
        [
          { version: 3, status: "published" },
          { version: 1, status: "published" },
        ],
        { status: "published" },
      ),
    ).toEqual({ ok: true, value: 4 });
  });

  it("copies only a published version, and only when no draft is open", () => {
    expect(nextVersion([{ version: 1, status: "draft" }], { status: "draft" })).toEqual({ ok: false, reason: "not_published" });
    expect(
      nextVersion(
        [
          { version: 1, status: "published" },
          { version: 2, status: "draft" },
        ],
        { status: "published" },
      ),
    ).toEqual({ ok: false, reason: "draft_exists" });
  });

  it("publishes only a valid draft", () => {
    expect(readyToPublish({ status: "draft" }, [node("a")])).toEqual({ ok: true, value: true });
    expect(readyToPublish({ status: "published" }, [node("a")])).toEqual({ ok: false, reason: "version_published" });
    expect(readyToPublish({ status: "draft" }, [])).toMatchObject({ ok: false, reason: "invalid" });
    expect(readyToPublish({ status: "draft" }, [node("a", "b")])).toMatchObject({
      ok: false,
      reason: "invalid",
      detail: { issues: [{ code: "parent_not_found" }] },
    });
  });

  it("allows one version of each framework per council", () => {
    expect(checkOneVersionPerFramework([{ id: "v1", frameworkId: "f1" }, { id: "v2", frameworkId: "f2" }]).ok).toBe(true);
    expect(checkOneVersionPerFramework([{ id: "v1", frameworkId: "f1" }, { id: "v1", frameworkId: "f1" }]).ok).toBe(true);
    expect(checkOneVersionPerFramework([{ id: "v1", frameworkId: "f1" }, { id: "v2", frameworkId: "f1" }])).toEqual({
      ok: false,
      reason: "one_version_per_framework",
      detail: { frameworkId: "f1" },
    });
  });
});

describe("diffVersions", () => {
  const data = (slug: string, over: Partial<FrameworkNodeData> = {}): FrameworkNodeData => ({
    slug,
    parentSlug: null,
    name: `Node ${slug}`,
    nameCy: null,
    description: null,
    verified: false,
    ...over,
  });

  it("finds no change between identical versions", () => {
    const nodes = [data("a"), data("b", { parentSlug: "a" })];
    const diff = diffVersions(nodes, nodes);
    expect(diff).toEqual({ added: [], removed: [], renamed: [], moved: [], changed: [], unchanged: 2 });
    expect(hasChanges(diff)).toBe(false);
  });

  it("ignores order: position is presentation, the slug is identity", () => {
    expect(hasChanges(diffVersions([data("a"), data("b")], [data("b"), data("a")]))).toBe(false);
  });

  it("reports added, removed, renamed and moved nodes", () => {
    const before = [data("a"), data("b"), data("c", { parentSlug: "a" }), data("gone")];
    const after = [
      data("a", { name: "Alpha" }),
      data("b"),
      data("c", { parentSlug: "b" }),
      data("new", { parentSlug: "b" }),
      data("d", { nameCy: "Dee" }),
    ];
    const diff = diffVersions(before, after);
    expect(diff.added.map((n) => n.slug)).toEqual(["new", "d"]);
    expect(diff.removed.map((n) => n.slug)).toEqual(["gone"]);
    expect(diff.renamed).toEqual([{ slug: "a", before: before[0], after: after[0], fields: ["name"] }]);
    expect(diff.moved.map((c) => [c.slug, c.before.parentSlug, c.after.parentSlug])).toEqual([["c", "a", "b"]]);
    expect(diff.unchanged).toBe(1);
    expect(diffSummary(diff)).toEqual({ added: 2, removed: 1, renamed: 1, moved: 1, changed: 2 });
  });

  it("counts Welsh renames, description and verification changes", () => {
    const diff = diffVersions(
      [data("a"), data("b"), data("c")],
      [data("a", { nameCy: "A" }), data("b", { description: "Why" }), data("c", { verified: true })],
    );
    expect(diff.renamed.map((c) => c.slug)).toEqual(["a"]);
    expect(diff.changed.map((c) => [c.slug, c.fields])).toEqual([
      ["a", ["nameCy"]],
      ["b", ["description"]],
      ["c", ["verified"]],
    ]);
  });
});

describe("built-in sync plan", () => {
  const definition: BuiltinFramework = {
    slug: "example",
    name: "Example",
    nameCy: null,
    version: 1,
    source: "Publisher, Title",
    sourceUrl: "https://example.org",
    notes: "Notes.",
    nodes: [
      { slug: "one", parentSlug: null, name: "One", verified: true, aliases: ["First", "Uno"] },
      { slug: "two", parentSlug: "one", name: "Two", description: "Second.", verified: false, code: "2" },
    ],
  };

  it("folds aliases into the description", () => {
    expect(builtinNodeData(definition.nodes[0]!)).toEqual({
      slug: "one",
      parentSlug: null,
      name: "One",
      nameCy: null,
      description: "Also known as: “First”; “Uno”.",
      verified: true,
    });
    expect(builtinNodeData(definition.nodes[1]!).description).toBe("Second.");
    expect(builtinNodeData({ slug: "x", parentSlug: null, name: "X", verified: false }).description).toBeNull();
  });

  it("creates a framework that is not stored yet", () => {
    expect(planBuiltinSync(definition, null)).toEqual({ action: "create", version: 1 });
    expect(planBuiltinSync({ ...definition, version: 3 }, null)).toEqual({ action: "create", version: 3 });
  });

  it("does nothing when the stored version has the same content", () => {
    expect(planBuiltinSync(definition, { version: 1, content: builtinContent(definition) })).toEqual({
      action: "unchanged",
      version: 1,
    });
  });

  it("publishes a new version when the content changed, even if the author forgot to bump it", () => {
    const stored = { version: 1, content: builtinContent(definition) };
    const renamed = { ...definition, nodes: [{ ...definition.nodes[0]!, name: "Uno" }, definition.nodes[1]!] };
    expect(planBuiltinSync(renamed, stored)).toEqual({ action: "new_version", version: 2 });
    expect(planBuiltinSync({ ...renamed, version: 5 }, stored)).toEqual({ action: "new_version", version: 5 });
  });

  it("publishes a new version when only the version number was bumped", () => {
    expect(planBuiltinSync({ ...definition, version: 2 }, { version: 1, content: builtinContent(definition) })).toEqual({
      action: "new_version",
      version: 2,
    });
  });

  it("compares every frozen field", () => {
    const base = builtinContent(definition);
    expect(sameContent(base, { ...base })).toBe(true);
    for (const change of [
      { name: "Other" },
      { nameCy: "Arall" },
      { source: "Other" },
      { sourceUrl: null },
      { notes: null },
      { nodes: base.nodes.slice(1) },
      { nodes: [{ ...base.nodes[0]!, verified: false }, base.nodes[1]!] },
      { nodes: [base.nodes[1]!, base.nodes[0]!] },
    ]) {
      expect(sameContent(base, { ...base, ...change })).toBe(false);
    }
  });
});
