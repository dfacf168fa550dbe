// Framework use cases: load the built-in frameworks, list what a council can use, choose which
// versions it uses, and create / edit / publish / re-version a council's own framework.
// Rules live in app/domain/frameworks/framework.ts; this file loads, authorises, calls them, and
// writes in one transaction with an audit event.
//
// Tenancy: a council sees built-in frameworks (councilId null) and its own. Anything belonging to
// another council is reported as 'not_found', never 'forbidden', so ids do not leak across tenants.
// Immutability: a published version is never written to. Status guards are conditional updates
// (`WHERE status = 'draft'`) taken before any other write, so an edit racing a publish either
// lands before it or is refused with 'version_published'.
import { BUILTIN_FRAMEWORKS, RESERVED_FRAMEWORK_SLUGS } from "~/domain/frameworks/builtin/catalogue.ts";
import {
  builtinContent,
  builtinProblems,
  checkOneVersionPerFramework,
  diffSummary,
  diffVersions,
  draftNodes,
  ensureEditable,
  inFormOrder,
  nextVersion,
  planBuiltinSync,
  readyToPublish,
  validateFramework,
  type BuiltinFramework,
  type BuiltinSyncPlan,
  type FieldErrors,
  type FrameworkDiff,
  type FrameworkNodeData,
  type TreeIssue,
  type VersionContent,
  type VersionStatus,
} from "~/domain/frameworks/framework.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import { Prisma } from "~/server/db/generated/client.ts";
import type { Services } from "~/server/services.server.ts";

export type FrameworkDeps = Pick<Services, "prisma" | "now">;

/** Who is acting, already resolved by the route from the session: roles held in `councilId`. */
export interface FrameworkActor {
  accountId: string;
  councilId: string;
  roles: readonly string[];
}

/** A validation failure, with one error code per field path for the GOV.UK error summary. */
export interface Invalid {
  ok: false;
  reason: "invalid";
  detail: { fieldErrors: FieldErrors };
}

// The brief for this module: officers and admins manage their council's frameworks.
// (app/domain/accounts/permissions.ts currently grants "council.configure" to admins only.)
const MANAGER_ROLES: ReadonlySet<string> = new Set(["officer", "admin"]);

function canManage(actor: FrameworkActor): boolean {
  return actor.roles.some((role) => MANAGER_ROLES.has(role));
}

function invalid(fieldErrors: FieldErrors): Invalid {
  return { ok: false, reason: "invalid", detail: { fieldErrors: inFormOrder(fieldErrors) } };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type Tx = Prisma.TransactionClient;

interface AuditInput {
  councilId: string | null;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  data: Prisma.InputJsonValue;
}

async function audit(tx: Tx, deps: FrameworkDeps, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, createdAt: deps.now() } });
}

const NODE_SELECT = {
  slug: true,
  parentSlug: true,
  name: true,
  nameCy: true,
  description: true,
  verified: true,
} as const;

function nodeRows(versionId: string, nodes: readonly FrameworkNodeData[]): Prisma.FrameworkNodeCreateManyInput[] {
  return nodes.map((node, position) => ({ versionId, position, ...node }));
}

/**
 * Loads a version for a write by `actor`. Built-in versions are readable by all and writable by
 * none; another council's are invisible.
 */
async function loadOwnVersion(deps: FrameworkDeps, actor: FrameworkActor, versionId: string) {
  const version = await deps.prisma.frameworkVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      version: true,
      status: true,
      source: true,
      sourceUrl: true,
      notes: true,
      framework: {
        select: {
          id: true,
          slug: true,
          name: true,
          nameCy: true,
          councilId: true,
          versions: { select: { id: true, version: true, status: true }, orderBy: { version: "asc" } },
        },
      },
    },
  });
  if (!version) return err("not_found");
  if (version.framework.councilId === null) return err("builtin_read_only");
  if (version.framework.councilId !== actor.councilId) return err("not_found");
  return ok(version);
}

// ───────────────────────────── built-ins ─────────────────────────────

export interface BuiltinSyncEntry {
  slug: string;
  action: BuiltinSyncPlan["action"];
  version: number;
  versionId: string;
}

// Any fixed 64-bit number: serialises concurrent syncs (two app processes starting together).
// Needed because the (councilId, slug) unique index does not stop duplicate built-ins:
// PostgreSQL treats NULL councilIds as distinct.
const SYNC_LOCK_KEY = 7_316_042_015;

/**
 * Stores the built-in frameworks as published versions. Idempotent: an unchanged definition
 * writes nothing. A changed definition is published as a new version; the old version stays,
 * because councils' mappings point at its nodes. Run at start-up and by the seed.
 */
export async function syncBuiltinFrameworks(
  deps: FrameworkDeps,
  definitions: readonly BuiltinFramework[] = BUILTIN_FRAMEWORKS,
): Promise<Result<BuiltinSyncEntry[], never>> {
  for (const definition of definitions) {
    const problems = builtinProblems(definition);
    // A broken definition is a programmer error: the catalogue test catches it first.
    if (problems.length > 0) throw new Error(`Built-in framework ${definition.slug}: ${problems.join("; ")}`);
  }
  const entries = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SYNC_LOCK_KEY})`);
      const results: BuiltinSyncEntry[] = [];
      for (const definition of definitions) results.push(await syncOne(tx, deps, definition));
      return results;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return ok(entries);
}

async function syncOne(tx: Tx, deps: FrameworkDeps, definition: BuiltinFramework): Promise<BuiltinSyncEntry> {
  const framework = await tx.framework.findFirst({
    where: { councilId: null, slug: definition.slug },
    select: {
      id: true,
      name: true,
      nameCy: true,
      versions: {
        where: { status: "published" },
        orderBy: { version: "desc" },
        take: 1,
        select: {
          id: true,
          version: true,
          source: true,
          sourceUrl: true,
          notes: true,
          nodes: { select: NODE_SELECT, orderBy: { position: "asc" } },
        },
      },
    },
  });
  const stored = framework?.versions[0];
  const latest =
    framework && stored
      ? {
          version: stored.version,
          content: {
            name: framework.name,
            nameCy: framework.nameCy,
            source: stored.source,
            sourceUrl: stored.sourceUrl,
            notes: stored.notes,
            nodes: stored.nodes,
          } satisfies VersionContent,
        }
      : null;
  const plan = planBuiltinSync(definition, latest);
  if (plan.action === "unchanged") {
    return { slug: definition.slug, action: "unchanged", version: plan.version, versionId: stored!.id };
  }

  const content = builtinContent(definition);
  const now = deps.now();
  const frameworkId = framework
    ? (await tx.framework.update({ where: { id: framework.id }, data: { name: content.name, nameCy: content.nameCy } })).id
    : (
        await tx.framework.create({
          data: { slug: definition.slug, councilId: null, name: content.name, nameCy: content.nameCy, createdAt: now },
        })
      ).id;
  const version = await tx.frameworkVersion.create({
    data: {
      frameworkId,
      version: plan.version,
      status: "published",
      source: content.source,
      sourceUrl: content.sourceUrl,
      notes: content.notes,
      publishedAt: now,
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.frameworkNode.createMany({ data: nodeRows(version.id, content.nodes) });
  await audit(tx, deps, {
    councilId: null,
    actorId: null,
    action: "framework.builtin_published",
    subjectType: "framework_version",
    subjectId: version.id,
    data: {
      slug: definition.slug,
      version: plan.version,
      previousVersion: latest?.version ?? null,
      nodes: content.nodes.length,
      ...(latest ? { changes: diffSummary(diffVersions(latest.content.nodes, content.nodes)) } : {}),
    },
  });
  return { slug: definition.slug, action: plan.action, version: plan.version, versionId: version.id };
}

// ───────────────────────────── reading ─────────────────────────────

export interface FrameworkVersionSummary {
  id: string;
  version: number;
  status: VersionStatus;
  publishedAt: Date | null;
  nodeCount: number;
  /** Nodes whose wording is checked against the publisher; the rest are provisional. */
  verifiedCount: number;
  /** The council uses this version. */
  inUse: boolean;
}

export interface FrameworkSummary {
  id: string;
  slug: string;
  name: string;
  nameCy: string | null;
  builtin: boolean;
  /** Newest first. */
  versions: FrameworkVersionSummary[];
  latestPublishedVersionId: string | null;
  draftVersionId: string | null;
  inUseVersionId: string | null;
}

/**
 * Built-in frameworks (catalogue order) and the council's own (by name), each with its versions
 * and which one the council uses. Officer pages show drafts; pass `publishedOnly` elsewhere.
 */
export async function listFrameworksForCouncil(
  deps: FrameworkDeps,
  councilId: string,
  options: { publishedOnly?: boolean } = {},
): Promise<Result<FrameworkSummary[], "not_found">> {
  const council = await deps.prisma.council.findUnique({ where: { id: councilId }, select: { id: true } });
  if (!council) return err("not_found");
  const frameworks = await deps.prisma.framework.findMany({
    where: { OR: [{ councilId: null }, { councilId }] },
    select: {
      id: true,
      slug: true,
      name: true,
      nameCy: true,
      councilId: true,
      versions: {
        where: options.publishedOnly ? { status: "published" } : {},
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          status: true,
          publishedAt: true,
          _count: { select: { nodes: true } },
          choices: { where: { councilId }, select: { councilId: true } },
        },
      },
    },
  });
  const versionIds = frameworks.flatMap((f) => f.versions.map((v) => v.id));
  const verified = await deps.prisma.frameworkNode.groupBy({
    by: ["versionId"],
    where: { versionId: { in: versionIds }, verified: true },
    _count: { _all: true },
  });
  const verifiedBy = new Map(verified.map((row) => [row.versionId, row._count._all]));

  const catalogueOrder = new Map(BUILTIN_FRAMEWORKS.map((f, i) => [f.slug, i]));
  const rank = (f: (typeof frameworks)[number]) =>
    f.councilId === null ? (catalogueOrder.get(f.slug) ?? BUILTIN_FRAMEWORKS.length) : BUILTIN_FRAMEWORKS.length + 1;
  frameworks.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "en-GB"));

  return ok(
    frameworks
      .filter((f) => f.versions.length > 0)
      .map((f) => {
        const versions = f.versions.map((v) => ({
          id: v.id,
          version: v.version,
          status: v.status,
          publishedAt: v.publishedAt,
          nodeCount: v._count.nodes,
          verifiedCount: verifiedBy.get(v.id) ?? 0,
          inUse: v.choices.length > 0,
        }));
        return {
          id: f.id,
          slug: f.slug,
          name: f.name,
          nameCy: f.nameCy,
          builtin: f.councilId === null,
          versions,
          latestPublishedVersionId: versions.find((v) => v.status === "published")?.id ?? null,
          draftVersionId: versions.find((v) => v.status === "draft")?.id ?? null,
          inUseVersionId: versions.find((v) => v.inUse)?.id ?? null,
        };
      }),
  );
}

export interface FrameworkVersionDetail {
  framework: { id: string; slug: string; name: string; nameCy: string | null; builtin: boolean };
  version: {
    id: string;
    version: number;
    status: VersionStatus;
    source: string;
    sourceUrl: string | null;
    notes: string | null;
    publishedAt: Date | null;
  };
  /** In position order: parents before children for built-ins; form order for a council's own. */
  nodes: FrameworkNodeData[];
  inUse: boolean;
  /** All versions of the framework, oldest first, for a version picker or "compare with". */
  versions: { id: string; version: number; status: VersionStatus }[];
  /**
   * The framework name cannot change once a version is published: the schema keeps the name on
   * Framework, not on each version, so renaming would rewrite what published versions are called.
   */
  nameLocked: boolean;
}

/** One version with its nodes, if the council can see it (built-in or its own). */
export async function getFrameworkVersion(
  deps: FrameworkDeps,
  councilId: string,
  versionId: string,
): Promise<Result<FrameworkVersionDetail, "not_found">> {
  const row = await deps.prisma.frameworkVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      version: true,
      status: true,
      source: true,
      sourceUrl: true,
      notes: true,
      publishedAt: true,
      nodes: { select: NODE_SELECT, orderBy: { position: "asc" } },
      choices: { where: { councilId }, select: { councilId: true } },
      framework: {
        select: {
          id: true,
          slug: true,
          name: true,
          nameCy: true,
          councilId: true,
          versions: { select: { id: true, version: true, status: true }, orderBy: { version: "asc" } },
        },
      },
    },
  });
  if (!row || (row.framework.councilId !== null && row.framework.councilId !== councilId)) return err("not_found");
  const { framework } = row;
  return ok({
    framework: {
      id: framework.id,
      slug: framework.slug,
      name: framework.name,
      nameCy: framework.nameCy,
      builtin: framework.councilId === null,
    },
    version: {
      id: row.id,
      version: row.version,
      status: row.status,
      source: row.source,
      sourceUrl: row.sourceUrl,
      notes: row.notes,
      publishedAt: row.publishedAt,
    },
    nodes: row.nodes,
    inUse: row.choices.length > 0,
    versions: framework.versions,
    nameLocked: framework.versions.some((v) => v.status === "published"),
  });
}

export interface VersionComparison {
  framework: { id: string; slug: string; name: string };
  from: { id: string; version: number; status: VersionStatus };
  to: { id: string; version: number; status: VersionStatus };
  diff: FrameworkDiff;
}

/** What changed between two versions of one framework (e.g. a draft against the published one). */
export async function compareFrameworkVersions(
  deps: FrameworkDeps,
  councilId: string,
  fromVersionId: string,
  toVersionId: string,
): Promise<Result<VersionComparison, "not_found" | "different_frameworks">> {
  const [from, to] = await Promise.all([
    getFrameworkVersion(deps, councilId, fromVersionId),
    getFrameworkVersion(deps, councilId, toVersionId),
  ]);
  if (!from.ok || !to.ok) return err("not_found");
  if (from.value.framework.id !== to.value.framework.id) return err("different_frameworks");
  const pick = (d: FrameworkVersionDetail) => ({ id: d.version.id, version: d.version.version, status: d.version.status });
  return ok({
    framework: { id: from.value.framework.id, slug: from.value.framework.slug, name: from.value.framework.name },
    from: pick(from.value),
    to: pick(to.value),
    diff: diffVersions(from.value.nodes, to.value.nodes),
  });
}

// ───────────────────────────── choosing ─────────────────────────────

export interface FrameworkChoice {
  /** The versions the council now uses. */
  versionIds: string[];
  added: string[];
  removed: string[];
}

/**
 * Sets exactly which published framework versions the council uses (an empty list clears it).
 * One version per framework, so outcomes are not counted twice.
 */
export async function chooseFrameworks(
  deps: FrameworkDeps,
  actor: FrameworkActor,
  versionIds: readonly string[],
): Promise<Result<FrameworkChoice, "forbidden" | "not_found" | "not_published" | "one_version_per_framework">> {
  if (!canManage(actor)) return err("forbidden");
  const wanted = [...new Set(versionIds)];
  const versions = await deps.prisma.frameworkVersion.findMany({
    where: { id: { in: wanted } },
    select: { id: true, status: true, frameworkId: true, framework: { select: { councilId: true } } },
  });
  const found = new Map(versions.map((v) => [v.id, v]));
  for (const id of wanted) {
    const version = found.get(id);
    if (!version || (version.framework.councilId !== null && version.framework.councilId !== actor.councilId)) {
      return err("not_found", { versionId: id });
    }
    if (version.status !== "published") return err("not_published", { versionId: id });
  }
  const oneEach = checkOneVersionPerFramework(versions);
  if (!oneEach.ok) return oneEach;

  return deps.prisma.$transaction(async (tx) => {
    // Serialise choices per council: lock its row for the rest of the transaction.
    await tx.$executeRaw`SELECT 1 FROM "Council" WHERE "id" = ${actor.councilId} FOR UPDATE`;
    const current = await tx.councilFramework.findMany({ where: { councilId: actor.councilId }, select: { versionId: true } });
    const had = new Set(current.map((c) => c.versionId));
    const added = wanted.filter((id) => !had.has(id));
    const removed = [...had].filter((id) => !wanted.includes(id));
    if (added.length === 0 && removed.length === 0) return ok({ versionIds: wanted, added, removed });
    if (removed.length > 0) {
      await tx.councilFramework.deleteMany({ where: { councilId: actor.councilId, versionId: { in: removed } } });
    }
    if (added.length > 0) {
      const now = deps.now();
      await tx.councilFramework.createMany({
        data: added.map((versionId) => ({ councilId: actor.councilId, versionId, createdAt: now })),
        skipDuplicates: true,
      });
    }
    await audit(tx, deps, {
      councilId: actor.councilId,
      actorId: actor.accountId,
      action: "framework.chosen",
      subjectType: "council",
      subjectId: actor.councilId,
      data: { added, removed },
    });
    return ok({ versionIds: wanted, added, removed });
  });
}

// ───────────────────────────── a council's own ─────────────────────────────

export interface DraftRef {
  frameworkId: string;
  versionId: string;
  version: number;
}

/** Creates a council's own framework with its first version as a draft. */
export async function createDraftFramework(
  deps: FrameworkDeps,
  actor: FrameworkActor,
  input: unknown,
): Promise<Result<DraftRef, "forbidden"> | Invalid> {
  if (!canManage(actor)) return err("forbidden");
  const validation = validateFramework(input);
  if (!validation.ok) return validation;
  const draft = validation.value;
  // Built-in slugs are reserved so a node key `<framework>@<version>:<path>` names one framework.
  if (RESERVED_FRAMEWORK_SLUGS.has(draft.slug)) return invalid({ slug: "taken" });

  try {
    return await deps.prisma.$transaction(async (tx) => {
      const existing = await tx.framework.findFirst({
        where: { councilId: actor.councilId, slug: draft.slug },
        select: { id: true },
      });
      if (existing) return invalid({ slug: "taken" });
      const now = deps.now();
      const framework = await tx.framework.create({
        data: { councilId: actor.councilId, slug: draft.slug, name: draft.name, nameCy: draft.nameCy, createdAt: now },
        select: { id: true },
      });
      const version = await tx.frameworkVersion.create({
        data: {
          frameworkId: framework.id,
          version: 1,
          status: "draft",
          // FrameworkVersion.source is required; a council's own framework may have no citation.
          source: draft.source ?? "",
          sourceUrl: draft.sourceUrl,
          notes: draft.notes,
          createdAt: now,
        },
        select: { id: true },
      });
      const nodes = draftNodes(draft);
      await tx.frameworkNode.createMany({ data: nodeRows(version.id, nodes) });
      await audit(tx, deps, {
        councilId: actor.councilId,
        actorId: actor.accountId,
        action: "framework.created",
        subjectType: "framework_version",
        subjectId: version.id,
        data: { frameworkId: framework.id, slug: draft.slug, version: 1, nodes: nodes.length },
      });
      return ok({ frameworkId: framework.id, versionId: version.id, version: 1 });
    });
  } catch (error) {
    // Two officers creating the same slug at once: the unique index decides.
    if (isUniqueViolation(error)) return invalid({ slug: "taken" });
    throw error;
  }
}

export interface DraftUpdate {
  versionId: string;
  nodeCount: number;
  changes: ReturnType<typeof diffSummary>;
}

/**
 * Replaces a draft's content with the posted form. The slug never changes; the name may change
 * only until the framework's first version is published (see FrameworkVersionDetail.nameLocked).
 */
export async function updateDraft(
  deps: FrameworkDeps,
  actor: FrameworkActor,
  versionId: string,
  input: unknown,
): Promise<Result<DraftUpdate, "forbidden" | "not_found" | "builtin_read_only" | "version_published"> | Invalid> {
  if (!canManage(actor)) return err("forbidden");
  const loaded = await loadOwnVersion(deps, actor, versionId);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  const editable = ensureEditable(version);
  if (!editable.ok) return editable;

  const validation = validateFramework(input);
  if (!validation.ok) return validation;
  const draft = validation.value;
  const frozen: FieldErrors = {};
  if (draft.slug !== version.framework.slug) frozen.slug = "frozen";
  const nameLocked = version.framework.versions.some((v) => v.status === "published");
  if (nameLocked && draft.name !== version.framework.name) frozen.name = "frozen";
  if (nameLocked && draft.nameCy !== version.framework.nameCy) frozen.nameCy = "frozen";
  if (Object.keys(frozen).length > 0) return invalid(frozen);

  const nodes = draftNodes(draft);
  return deps.prisma.$transaction(async (tx) => {
    // The guard comes first: if a publish got in before us, nothing below runs.
    const guard = await tx.frameworkVersion.updateMany({
      where: { id: version.id, status: "draft" },
      data: { source: draft.source ?? "", sourceUrl: draft.sourceUrl, notes: draft.notes },
    });
    if (guard.count === 0) return err("version_published");
    const before = await tx.frameworkNode.findMany({
      where: { versionId: version.id },
      select: NODE_SELECT,
      orderBy: { position: "asc" },
    });
    await tx.frameworkNode.deleteMany({ where: { versionId: version.id } });
    await tx.frameworkNode.createMany({ data: nodeRows(version.id, nodes) });
    if (!nameLocked) {
      await tx.framework.update({ where: { id: version.framework.id }, data: { name: draft.name, nameCy: draft.nameCy } });
    }
    const changes = diffSummary(diffVersions(before, nodes));
    await audit(tx, deps, {
      councilId: actor.councilId,
      actorId: actor.accountId,
      action: "framework.draft_updated",
      subjectType: "framework_version",
      subjectId: version.id,
      data: { frameworkId: version.framework.id, version: version.version, nodes: nodes.length, changes },
    });
    return ok({ versionId: version.id, nodeCount: nodes.length, changes });
  });
}

export interface Publication {
  versionId: string;
  version: number;
  publishedAt: Date;
  /** Against the previous published version; null for a first version. */
  changes: ReturnType<typeof diffSummary> | null;
}

function treeIssuesToFieldErrors(detail: unknown): FieldErrors {
  const errors: FieldErrors = {};
  const value = detail as { nodes?: "too_few" | "too_many"; issues?: TreeIssue[] } | undefined;
  if (value?.nodes) errors.nodes = value.nodes;
  for (const issue of value?.issues ?? []) errors[`nodes.${issue.index}.${issue.field}`] ??= issue.code;
  return errors;
}

/** Publishes a draft: from now on it never changes, and councils may choose it. */
export async function publishDraft(
  deps: FrameworkDeps,
  actor: FrameworkActor,
  versionId: string,
): Promise<Result<Publication, "forbidden" | "not_found" | "builtin_read_only" | "version_published"> | Invalid> {
  if (!canManage(actor)) return err("forbidden");
  const loaded = await loadOwnVersion(deps, actor, versionId);
  if (!loaded.ok) return loaded;
  const version = loaded.value;
  const editable = ensureEditable(version);
  if (!editable.ok) return editable;

  return deps.prisma.$transaction(async (tx) => {
    const now = deps.now();
    const guard = await tx.frameworkVersion.updateMany({
      where: { id: version.id, status: "draft" },
      data: { status: "published", publishedAt: now },
    });
    if (guard.count === 0) return err("version_published");
    // Read after the guard: the row lock it holds means no edit can slip in between.
    const nodes = await tx.frameworkNode.findMany({
      where: { versionId: version.id },
      select: NODE_SELECT,
      orderBy: { position: "asc" },
    });
    const ready = readyToPublish({ status: "draft" }, nodes);
    if (!ready.ok) {
      // Only reachable if rows were written around updateDraft; undo the guard by aborting.
      throw new InvalidDraft(treeIssuesToFieldErrors(ready.detail));
    }
    const previous = await tx.frameworkVersion.findFirst({
      where: { frameworkId: version.framework.id, status: "published", version: { lt: version.version } },
      orderBy: { version: "desc" },
      select: { version: true, nodes: { select: NODE_SELECT, orderBy: { position: "asc" } } },
    });
    const changes = previous ? diffSummary(diffVersions(previous.nodes, nodes)) : null;
    await audit(tx, deps, {
      councilId: actor.councilId,
      actorId: actor.accountId,
      action: "framework.published",
      subjectType: "framework_version",
      subjectId: version.id,
      data: {
        frameworkId: version.framework.id,
        version: version.version,
        previousVersion: previous?.version ?? null,
        nodes: nodes.length,
        changes,
      },
    });
    return ok({ versionId: version.id, version: version.version, publishedAt: now, changes });
  }).catch((error: unknown) => {
    if (error instanceof InvalidDraft) return invalid(error.fieldErrors);
    throw error;
  });
}

class InvalidDraft extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super("draft no longer valid");
  }
}

/**
 * Starts editing a published version: a new draft, numbered one past the highest, copied from it.
 * The published version is left exactly as it was.
 */
export async function startNewVersion(
  deps: FrameworkDeps,
  actor: FrameworkActor,
  versionId: string,
): Promise<Result<DraftRef, "forbidden" | "not_found" | "builtin_read_only" | "not_published" | "draft_exists">> {
  if (!canManage(actor)) return err("forbidden");
  const loaded = await loadOwnVersion(deps, actor, versionId);
  if (!loaded.ok) return loaded;
  const from = loaded.value;
  const next = nextVersion(from.framework.versions, from);
  if (!next.ok) {
    const draft = from.framework.versions.find((v) => v.status === "draft");
    return next.reason === "draft_exists" && draft ? err("draft_exists", { versionId: draft.id }) : next;
  }

  try {
    return await deps.prisma.$transaction(async (tx) => {
      const now = deps.now();
      const nodes = await tx.frameworkNode.findMany({
        where: { versionId: from.id },
        select: NODE_SELECT,
        orderBy: { position: "asc" },
      });
      const created = await tx.frameworkVersion.create({
        data: {
          frameworkId: from.framework.id,
          version: next.value,
          status: "draft",
          source: from.source,
          sourceUrl: from.sourceUrl,
          notes: from.notes,
          createdAt: now,
        },
        select: { id: true },
      });
      await tx.frameworkNode.createMany({ data: nodeRows(created.id, nodes) });
      await audit(tx, deps, {
        councilId: actor.councilId,
        actorId: actor.accountId,
        action: "framework.version_started",
        subjectType: "framework_version",
        subjectId: created.id,
        data: { frameworkId: from.framework.id, fromVersionId: from.id, fromVersion: from.version, version: next.value },
      });
      return ok({ frameworkId: from.framework.id, versionId: created.id, version: next.value });
    });
  } catch (error) {
    // Two officers starting a version at once both pick the same number; the unique index decides.
    if (isUniqueViolation(error)) return err("draft_exists");
    throw error;
  }
}
