// Outcome frameworks: the shapes, the validation of a council's own framework, the rules for
// versions, and the diff between two versions. Pure: no I/O, no clock (pass `now` in).
//
// Source of the model: ../shared/reference/wellbeing-frameworks.md, "Data model conventions":
// one immutable definition per version; keys are slugs, never display names; slugs are
// lower-case ASCII kebab-case, frozen at first publication; a rename changes the name, not the
// slug; changing a name or structure means publishing a new version, never editing in place.
import { z } from "zod";
import { err, ok, type Result } from "~/domain/result.ts";

// ───────────────────────────── shapes ─────────────────────────────

export type VersionStatus = "draft" | "published";

/** One node of a framework version, as stored (FrameworkNode); `position` is the array index. */
export interface FrameworkNodeData {
  slug: string;
  parentSlug: string | null;
  name: string;
  nameCy: string | null;
  description: string | null;
  /** true only where the wording was checked against the publisher (for a council's own framework the council is the publisher). */
  verified: boolean;
}

/** Everything a published version freezes. */
export interface VersionContent {
  name: string;
  nameCy: string | null;
  source: string;
  sourceUrl: string | null;
  notes: string | null;
  nodes: readonly FrameworkNodeData[];
}

/** A node of a built-in framework, written by hand in builtin/<slug>.ts. */
export interface BuiltinNode {
  slug: string;
  parentSlug: string | null;
  name: string;
  /** Only where taken from the publisher; the reference sources no Welsh names yet. */
  nameCy?: string;
  description?: string;
  /** true only where the reference marks the wording `verified` against the publisher. */
  verified: boolean;
  /** Alternative official wordings (reference: "Store aliases for alternative official wordings"). */
  aliases?: readonly string[];
  /** The publisher's own code, e.g. the SDG goal number. */
  code?: string;
}

/** A built-in framework definition. Bump `version` whenever anything below changes. */
export interface BuiltinFramework {
  slug: string;
  name: string;
  nameCy: string | null;
  version: number;
  /** Citation: publisher, title, and where the structure came from. */
  source: string;
  /** null where the reference gives no address; never guessed. */
  sourceUrl: string | null;
  notes: string;
  nodes: readonly BuiltinNode[];
}

// ───────────────────────────── limits ─────────────────────────────

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const FRAMEWORK_LIMITS = {
  frameworkNameMin: 3,
  frameworkNameMax: 120,
  nodeNameMin: 2,
  nodeNameMax: 120,
  slugMin: 2,
  slugMax: 60,
  descriptionMax: 1000,
  sourceMax: 300,
  sourceUrlMax: 500,
  notesMax: 2000,
  nodesMin: 1,
  nodesMax: 200,
  /** Levels in a tree: TPI's element > domain > sub-domain is the deepest shipped framework. */
  depthMax: 3,
} as const;

// ───────────────────────────── reasons ─────────────────────────────

/** Why a framework operation was refused; messages.ts has copy for each. */
export type FrameworkReason =
  | "invalid"
  | "forbidden"
  | "not_found"
  | "version_published"
  | "builtin_read_only"
  | "draft_exists"
  | "not_published"
  | "one_version_per_framework"
  | "different_frameworks";

/** Why one field is wrong; messages.ts words each per field. */
export type FieldErrorCode =
  | "required"
  | "invalid"
  | "too_short"
  | "too_long"
  | "invalid_slug"
  | "invalid_url"
  | "too_few"
  | "too_many"
  | "duplicate"
  | "parent_not_found"
  | "parent_is_self"
  | "cycle"
  | "too_deep"
  | "taken"
  | "frozen";

/** Field path ("name", "nodes.3.parentSlug") → the first error on it, in form order. */
export type FieldErrors = Record<string, FieldErrorCode>;

// ───────────────────────────── tree rules ─────────────────────────────

export interface TreeIssue {
  index: number;
  field: "slug" | "parentSlug";
  code: Extract<FieldErrorCode, "duplicate" | "parent_not_found" | "parent_is_self" | "cycle" | "too_deep">;
}

function asSlug(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Structural rules for a tree of nodes given as a flat list with parent slugs: slugs unique,
 * parents exist, no cycles, at most FRAMEWORK_LIMITS.depthMax levels. Defensive about its input
 * (it also runs on half-parsed form data) so one pass reports every problem.
 */
export function checkTree(
  nodes: readonly ({ slug?: unknown; parentSlug?: unknown } | null | undefined)[],
  depthMax: number = FRAMEWORK_LIMITS.depthMax,
): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const firstIndex = new Map<string, number>();
  const parentOf = new Map<string, string | null>();
  nodes.forEach((node, index) => {
    if (typeof node !== "object" || node === null) return;
    const slug = asSlug(node.slug);
    if (slug === null) return;
    if (firstIndex.has(slug)) {
      issues.push({ index, field: "slug", code: "duplicate" });
      return;
    }
    firstIndex.set(slug, index);
    parentOf.set(slug, asSlug(node.parentSlug));
  });

  const broken = new Set<string>();
  for (const [slug, parent] of parentOf) {
    const index = firstIndex.get(slug)!;
    if (parent === null) continue;
    if (parent === slug) {
      issues.push({ index, field: "parentSlug", code: "parent_is_self" });
      broken.add(slug);
    } else if (!parentOf.has(parent)) {
      issues.push({ index, field: "parentSlug", code: "parent_not_found" });
      broken.add(slug);
    }
  }

  // Walk up from each node. A walk that meets itself again is a cycle; every member is reported.
  const onCycle = new Set<string>();
  for (const start of parentOf.keys()) {
    const seen: string[] = [];
    let current: string | null = start;
    while (current !== null && !broken.has(current) && !seen.includes(current)) {
      seen.push(current);
      current = parentOf.get(current) ?? null;
    }
    if (current !== null && seen.includes(current) && !broken.has(current)) {
      for (const member of seen.slice(seen.indexOf(current))) onCycle.add(member);
    }
  }
  for (const slug of onCycle) issues.push({ index: firstIndex.get(slug)!, field: "parentSlug", code: "cycle" });

  // Depth, only where the chain to the root is whole.
  const depthCache = new Map<string, number | null>();
  const depth = (slug: string): number | null => {
    if (depthCache.has(slug)) return depthCache.get(slug)!;
    if (onCycle.has(slug) || broken.has(slug)) return null;
    const parent = parentOf.get(slug) ?? null;
    const parentDepth = parent === null ? 0 : depth(parent);
    const value = parentDepth === null ? null : parentDepth + 1;
    depthCache.set(slug, value);
    return value;
  };
  for (const slug of parentOf.keys()) {
    const d = depth(slug);
    if (d !== null && d > depthMax) issues.push({ index: firstIndex.get(slug)!, field: "parentSlug", code: "too_deep" });
  }

  return issues.sort((a, b) => a.index - b.index || a.field.localeCompare(b.field));
}

// ───────────────────────────── draft schema ─────────────────────────────

const blankToNull = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value;

const requiredCode = (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? "required" : "invalid";

function requiredText(min: number, max: number) {
  return z
    .string({ error: requiredCode })
    .trim()
    .min(1, { error: "required" })
    .min(min, { error: "too_short" })
    .max(max, { error: "too_long" });
}

function optionalText(min: number, max: number) {
  return z.preprocess(
    blankToNull,
    z.string({ error: "invalid" }).trim().min(min, { error: "too_short" }).max(max, { error: "too_long" }).nullable(),
  );
}

function slugField() {
  return z
    .string({ error: requiredCode })
    .trim()
    .min(1, { error: "required" })
    .regex(SLUG_PATTERN, { error: "invalid_slug" })
    .min(FRAMEWORK_LIMITS.slugMin, { error: "too_short" })
    .max(FRAMEWORK_LIMITS.slugMax, { error: "too_long" });
}

export const frameworkNodeDraftSchema = z.object({
  slug: slugField(),
  parentSlug: z.preprocess(blankToNull, z.string({ error: "invalid" }).trim().nullable()),
  name: requiredText(FRAMEWORK_LIMITS.nodeNameMin, FRAMEWORK_LIMITS.nodeNameMax),
  nameCy: optionalText(FRAMEWORK_LIMITS.nodeNameMin, FRAMEWORK_LIMITS.nodeNameMax),
  description: optionalText(1, FRAMEWORK_LIMITS.descriptionMax),
});

/**
 * A council-defined framework draft, as posted by the officer form. Every issue message is a
 * FieldErrorCode, so `validateFramework` can key them by path for the GOV.UK error summary.
 */
export const frameworkDraftSchema = z
  .object({
    slug: slugField(),
    name: requiredText(FRAMEWORK_LIMITS.frameworkNameMin, FRAMEWORK_LIMITS.frameworkNameMax),
    nameCy: optionalText(FRAMEWORK_LIMITS.frameworkNameMin, FRAMEWORK_LIMITS.frameworkNameMax),
    source: optionalText(1, FRAMEWORK_LIMITS.sourceMax),
    sourceUrl: z.preprocess(
      blankToNull,
      z
        .string({ error: "invalid_url" })
        .trim()
        .max(FRAMEWORK_LIMITS.sourceUrlMax, { error: "too_long" })
        // The WHATWG parser behind z.url() quietly accepts spaces; a pasted address with one is a typo.
        .regex(/^\S+$/, { error: "invalid_url" })
        .pipe(z.url({ protocol: /^https?$/, error: "invalid_url" }))
        .nullable(),
    ),
    notes: optionalText(1, FRAMEWORK_LIMITS.notesMax),
    nodes: z
      .array(frameworkNodeDraftSchema, { error: (issue) => (issue.input === undefined ? "too_few" : "invalid") })
      .min(FRAMEWORK_LIMITS.nodesMin, { error: "too_few" })
      .max(FRAMEWORK_LIMITS.nodesMax, { error: "too_many" }),
  })
  .superRefine(
    (draft, ctx) => {
      if (typeof draft !== "object" || draft === null || !Array.isArray(draft.nodes)) return;
      for (const issue of checkTree(draft.nodes)) {
        ctx.addIssue({ code: "custom", message: issue.code, path: ["nodes", issue.index, issue.field] });
      }
    },
    // Run even when some fields failed, so one submission shows every error at once.
    { when: () => true },
  );

export type FrameworkDraftInput = z.input<typeof frameworkDraftSchema>;
export type FrameworkDraft = z.output<typeof frameworkDraftSchema>;
export type FrameworkNodeDraft = FrameworkDraft["nodes"][number];

const FIELD_ERROR_CODES: ReadonlySet<string> = new Set<FieldErrorCode>([
  "required",
  "invalid",
  "too_short",
  "too_long",
  "invalid_slug",
  "invalid_url",
  "too_few",
  "too_many",
  "duplicate",
  "parent_not_found",
  "parent_is_self",
  "cycle",
  "too_deep",
  "taken",
  "frozen",
]);

export type FrameworkValidation =
  | { ok: true; value: FrameworkDraft }
  | { ok: false; reason: "invalid"; detail: { fieldErrors: FieldErrors } };

/** Validates a council's framework draft; on failure, one error code per field path. */
export function validateFramework(input: unknown): FrameworkValidation {
  const parsed = frameworkDraftSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.length === 0 ? "form" : issue.path.map(String).join(".");
    if (path in fieldErrors) continue;
    // Zod's own messages (e.g. an unexpected non-object body) collapse to "invalid".
    fieldErrors[path] = FIELD_ERROR_CODES.has(issue.message) ? (issue.message as FieldErrorCode) : "invalid";
  }
  return { ok: false, reason: "invalid", detail: { fieldErrors: inFormOrder(fieldErrors) } };
}

/** The order of fields on the officer form; the error summary lists errors in this order. */
export const FORM_FIELD_ORDER = ["form", "name", "nameCy", "slug", "source", "sourceUrl", "notes", "nodes"] as const;
export const NODE_FIELD_ORDER = ["name", "nameCy", "slug", "parentSlug", "description"] as const;

function fieldRank(path: string): [number, number, number] {
  const node = /^nodes\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (node) {
    const field = node[2] === undefined ? -1 : (NODE_FIELD_ORDER as readonly string[]).indexOf(node[2]);
    return [FORM_FIELD_ORDER.length, Number(node[1]), field];
  }
  const top = (FORM_FIELD_ORDER as readonly string[]).indexOf(path);
  return [top === -1 ? FORM_FIELD_ORDER.length + 1 : top, 0, 0];
}

/** Re-keys field errors in form order (object keys keep insertion order for non-numeric keys). */
export function inFormOrder(fieldErrors: FieldErrors): FieldErrors {
  const paths = Object.keys(fieldErrors).sort((a, b) => {
    const [x, y] = [fieldRank(a), fieldRank(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.localeCompare(b);
  });
  return Object.fromEntries(paths.map((p) => [p, fieldErrors[p]!]));
}

/** The id an input gets on the page, so the error summary can link to it: "nodes.3.name" → "nodes-3-name". */
export function fieldId(path: string): string {
  return path.replaceAll(".", "-");
}

/** A slug suggestion from an English name (the page may prefill the slug field with it). */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, FRAMEWORK_LIMITS.slugMax)
    .replace(/-+$/g, "");
}

/** Nodes of a validated council draft, as stored. The council is the publisher of its own wording. */
export function draftNodes(draft: FrameworkDraft): FrameworkNodeData[] {
  return draft.nodes.map((node) => ({
    slug: node.slug,
    parentSlug: node.parentSlug,
    name: node.name,
    nameCy: node.nameCy,
    description: node.description,
    verified: true,
  }));
}

/** The form values that reproduce a stored version, for the edit page. */
export function draftInputFrom(
  framework: { slug: string; name: string; nameCy: string | null },
  version: { source: string; sourceUrl: string | null; notes: string | null },
  nodes: readonly FrameworkNodeData[],
): FrameworkDraftInput {
  return {
    slug: framework.slug,
    name: framework.name,
    nameCy: framework.nameCy ?? "",
    source: version.source,
    sourceUrl: version.sourceUrl ?? "",
    notes: version.notes ?? "",
    nodes: nodes.map((node) => ({
      slug: node.slug,
      parentSlug: node.parentSlug ?? "",
      name: node.name,
      nameCy: node.nameCy ?? "",
      description: node.description ?? "",
    })),
  };
}

// ───────────────────────────── tree helpers ─────────────────────────────

export interface TreeNode<N extends { slug: string; parentSlug: string | null } = FrameworkNodeData> {
  node: N;
  /** 1 for a top-level node. */
  depth: number;
  /** Dot-joined slugs from the top level: the reference's `<path>`. */
  path: string;
  children: TreeNode<N>[];
}

/** Nests a valid flat list (see checkTree); children keep list order. */
export function toTree<N extends { slug: string; parentSlug: string | null }>(nodes: readonly N[]): TreeNode<N>[] {
  const bySlug = new Map<string, TreeNode<N>>();
  for (const node of nodes) bySlug.set(node.slug, { node, depth: 0, path: "", children: [] });
  const roots: TreeNode<N>[] = [];
  for (const node of nodes) {
    const item = bySlug.get(node.slug)!;
    const parent = node.parentSlug === null ? undefined : bySlug.get(node.parentSlug);
    if (parent) parent.children.push(item);
    else roots.push(item);
  }
  const fill = (items: TreeNode<N>[], depth: number, prefix: string) => {
    for (const item of items) {
      item.depth = depth;
      item.path = prefix === "" ? item.node.slug : `${prefix}.${item.node.slug}`;
      fill(item.children, depth + 1, item.path);
    }
  };
  fill(roots, 1, "");
  return roots;
}

/**
 * The full key of a node, `<framework>@<version>:<path>` (reference, "Data model conventions"),
 * e.g. `thriving-places-index@1:local-conditions.place-and-environment.housing`.
 */
export function nodeKey(
  frameworkSlug: string,
  version: number,
  nodes: readonly { slug: string; parentSlug: string | null }[],
  slug: string,
): string | null {
  const parentOf = new Map(nodes.map((n) => [n.slug, n.parentSlug]));
  if (!parentOf.has(slug)) return null;
  const path: string[] = [];
  let current: string | null = slug;
  while (current !== null && parentOf.has(current) && path.length <= nodes.length) {
    path.unshift(current);
    current = parentOf.get(current) ?? null;
  }
  return `${frameworkSlug}@${version}:${path.join(".")}`;
}

// ───────────────────────────── versions ─────────────────────────────
// A published version never changes: consultations, projects and grant criteria map to its
// nodes (prisma/schema.prisma, FrameworkVersion). Editing means a new draft copied from it.

/** A version may be edited only while it is a draft. */
export function ensureEditable(version: { status: VersionStatus }): Result<true, "version_published"> {
  return version.status === "draft" ? ok(true) : err("version_published");
}

/**
 * The number of the draft that editing `from` creates: one past the highest version of the
 * framework. Only a published version is copied, and a framework has at most one draft at a time
 * (two drafts would race to publish conflicting edits).
 */
export function nextVersion(
  versions: readonly { version: number; status: VersionStatus }[],
  from: { status: VersionStatus },
): Result<number, "not_published" | "draft_exists"> {
  if (from.status !== "published") return err("not_published");
  if (versions.some((v) => v.status === "draft")) return err("draft_exists");
  return ok(Math.max(0, ...versions.map((v) => v.version)) + 1);
}

/** Publishing freezes a draft; its nodes must still form a valid tree. */
export function readyToPublish(
  version: { status: VersionStatus },
  nodes: readonly { slug: string; parentSlug: string | null }[],
): Result<true, "version_published" | "invalid"> {
  if (version.status !== "draft") return err("version_published");
  if (nodes.length < FRAMEWORK_LIMITS.nodesMin || nodes.length > FRAMEWORK_LIMITS.nodesMax) {
    return err("invalid", { nodes: nodes.length < FRAMEWORK_LIMITS.nodesMin ? "too_few" : "too_many" });
  }
  const issues = checkTree(nodes);
  return issues.length === 0 ? ok(true) : err("invalid", { issues });
}

/** Which framework's versions a council may use together: one version per framework. */
export function checkOneVersionPerFramework(
  versions: readonly { id: string; frameworkId: string }[],
): Result<true, "one_version_per_framework"> {
  const seen = new Map<string, string>();
  for (const v of versions) {
    const other = seen.get(v.frameworkId);
    if (other !== undefined && other !== v.id) return err("one_version_per_framework", { frameworkId: v.frameworkId });
    seen.set(v.frameworkId, v.id);
  }
  return ok(true);
}

// ───────────────────────────── diff ─────────────────────────────

export type NodeField = "name" | "nameCy" | "parentSlug" | "description" | "verified";

export interface NodeChange {
  slug: string;
  before: FrameworkNodeData;
  after: FrameworkNodeData;
  fields: NodeField[];
}

export interface FrameworkDiff {
  /** In `after` only, in its order. */
  added: FrameworkNodeData[];
  /** In `before` only, in its order. Mappings to these need moving before councils adopt `after`. */
  removed: FrameworkNodeData[];
  /** Same slug, different English or Welsh name. */
  renamed: NodeChange[];
  /** Same slug, different parent: roll-ups change. */
  moved: NodeChange[];
  /** Every node with any change (a superset of renamed and moved), in `after` order. */
  changed: NodeChange[];
  unchanged: number;
}

const NODE_FIELDS: readonly NodeField[] = ["name", "nameCy", "parentSlug", "description", "verified"];

/** Compares two versions node by node; slugs are the identity (names may change, slugs do not). */
export function diffVersions(before: readonly FrameworkNodeData[], after: readonly FrameworkNodeData[]): FrameworkDiff {
  const old = new Map(before.map((n) => [n.slug, n]));
  const next = new Set(after.map((n) => n.slug));
  const diff: FrameworkDiff = { added: [], removed: [], renamed: [], moved: [], changed: [], unchanged: 0 };
  for (const node of after) {
    const prior = old.get(node.slug);
    if (!prior) {
      diff.added.push(node);
      continue;
    }
    const fields = NODE_FIELDS.filter((f) => prior[f] !== node[f]);
    if (fields.length === 0) {
      diff.unchanged += 1;
      continue;
    }
    const change = { slug: node.slug, before: prior, after: node, fields };
    diff.changed.push(change);
    if (fields.includes("name") || fields.includes("nameCy")) diff.renamed.push(change);
    if (fields.includes("parentSlug")) diff.moved.push(change);
  }
  for (const node of before) if (!next.has(node.slug)) diff.removed.push(node);
  return diff;
}

export function hasChanges(diff: FrameworkDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

/** Counts for an audit record or a summary line. */
export function diffSummary(diff: FrameworkDiff) {
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    renamed: diff.renamed.length,
    moved: diff.moved.length,
    changed: diff.changed.length,
  };
}

// ───────────────────────────── built-ins ─────────────────────────────

/** A built-in node as stored: aliases are folded into the description until the schema has a column. */
export function builtinNodeData(node: BuiltinNode): FrameworkNodeData {
  const aliasText =
    node.aliases && node.aliases.length > 0 ? `Also known as: ${node.aliases.map((a) => `“${a}”`).join("; ")}.` : null;
  const description = [node.description ?? null, aliasText].filter((part) => part !== null).join(" ");
  return {
    slug: node.slug,
    parentSlug: node.parentSlug,
    name: node.name,
    nameCy: node.nameCy ?? null,
    description: description === "" ? null : description,
    verified: node.verified,
  };
}

export function builtinContent(definition: BuiltinFramework): VersionContent {
  return {
    name: definition.name,
    nameCy: definition.nameCy,
    source: definition.source,
    sourceUrl: definition.sourceUrl,
    notes: definition.notes,
    nodes: definition.nodes.map(builtinNodeData),
  };
}

export function sameContent(a: VersionContent, b: VersionContent): boolean {
  if (
    a.name !== b.name ||
    a.nameCy !== b.nameCy ||
    a.source !== b.source ||
    a.sourceUrl !== b.sourceUrl ||
    a.notes !== b.notes ||
    a.nodes.length !== b.nodes.length
  ) {
    return false;
  }
  return a.nodes.every((node, i) => {
    const other = b.nodes[i]!;
    return node.slug === other.slug && NODE_FIELDS.every((f) => node[f] === other[f]);
  });
}

export type BuiltinSyncPlan =
  | { action: "create"; version: number }
  | { action: "new_version"; version: number }
  | { action: "unchanged"; version: number };

/**
 * What syncing one built-in definition does, given the latest stored published version.
 * A published version is never edited: a changed definition is published as a new version,
 * numbered at least as the definition says and always above what is stored.
 */
export function planBuiltinSync(
  definition: BuiltinFramework,
  latest: { version: number; content: VersionContent } | null,
): BuiltinSyncPlan {
  if (latest === null) return { action: "create", version: definition.version };
  if (definition.version <= latest.version && sameContent(builtinContent(definition), latest.content)) {
    return { action: "unchanged", version: latest.version };
  }
  return { action: "new_version", version: Math.max(definition.version, latest.version + 1) };
}

/** Problems with a built-in definition (programmer errors; the catalogue test asserts none). */
export function builtinProblems(definition: BuiltinFramework): string[] {
  const problems: string[] = [];
  if (!SLUG_PATTERN.test(definition.slug)) problems.push(`framework slug "${definition.slug}" is not kebab-case`);
  if (!Number.isInteger(definition.version) || definition.version < 1) problems.push("version must be a positive integer");
  if (definition.source.trim() === "") problems.push("source is empty");
  if (definition.sourceUrl !== null && !/^https:\/\/\S+$/.test(definition.sourceUrl)) problems.push("sourceUrl is not https");
  if (definition.nodes.length === 0) problems.push("no nodes");
  for (const node of definition.nodes) {
    if (!SLUG_PATTERN.test(node.slug)) problems.push(`node slug "${node.slug}" is not kebab-case`);
    if (node.name.trim().length < FRAMEWORK_LIMITS.nodeNameMin) problems.push(`node "${node.slug}" has no name`);
  }
  for (const issue of checkTree(definition.nodes)) {
    problems.push(`node ${issue.index} (${definition.nodes[issue.index]?.slug}): ${issue.code}`);
  }
  return problems;
}
