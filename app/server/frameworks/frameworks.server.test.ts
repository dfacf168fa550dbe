// Framework use cases on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_FRAMEWORKS } from "~/domain/frameworks/builtin/catalogue.ts";
import { placeStandard } from "~/domain/frameworks/builtin/place-standard.ts";
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";
import type { Database } from "~/server/db/client.server.ts";
import { openTestDatabase } from "~/server/testing/test-database.server.ts";
import {
  chooseFrameworks,
  compareFrameworkVersions,
  createDraftFramework,
  getFrameworkVersion,
  listFrameworksForCouncil,
  publishDraft,
  startNewVersion,
  syncBuiltinFrameworks,
  updateDraft,
  type FrameworkActor,
  type FrameworkDeps,
} from "~/server/frameworks/frameworks.server.ts";

let db: Database;
let deps: FrameworkDeps;
let clock = new Date("2026-03-02T09:00:00Z");
let councilA: string;
let councilB: string;
let officerA: FrameworkActor;
let adminA: FrameworkActor;
let residentA: FrameworkActor;
let moderatorA: FrameworkActor;
let officerB: FrameworkActor;

const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
};

function draftInput(slug = "our-priorities", over: Record<string, unknown> = {}) {
  return {
    slug,
    name: "Our council priorities",
    source: "Corporate Plan 2025 to 2028",
    sourceUrl: "https://www.example.gov.uk/plan",
    notes: "",
    nodes: [
      { slug: "people", parentSlug: "", name: "People" },
      { slug: "healthy-lives", parentSlug: "people", name: "Healthy lives", description: "Living well for longer." },
      { slug: "place", parentSlug: "", name: "Place", nameCy: "Lle" },
    ],
    ...over,
  };
}

async function auditActions(councilId: string | null) {
  const rows = await db.prisma.auditEvent.findMany({ where: { councilId }, orderBy: { createdAt: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}

async function builtinVersionId(slug: string, version = 1) {
  const row = await db.prisma.frameworkVersion.findFirstOrThrow({
    where: { version, framework: { slug, councilId: null } },
    select: { id: true },
  });
  return row.id;
}

function must<T>(result: { ok: true; value: T } | { ok: false; reason: string; detail?: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason} ${JSON.stringify(result.detail ?? null)}`);
  return result.value;
}

beforeAll(async () => {
  db = await openTestDatabase();
  deps = { prisma: db.prisma, now: () => clock };
  councilA = (await db.prisma.council.create({ data: { slug: "trafford", name: "Trafford Council" } })).id;
  councilB = (await db.prisma.council.create({ data: { slug: "salford", name: "Salford City Council" } })).id;
  const account = async (email: string) => (await db.prisma.account.create({ data: { email } })).id;
  officerA = { accountId: await account("officer@a.test"), councilId: councilA, roles: ["officer"] };
  adminA = { accountId: await account("admin@a.test"), councilId: councilA, roles: ["admin"] };
  residentA = { accountId: await account("resident@a.test"), councilId: councilA, roles: ["resident"] };
  moderatorA = { accountId: await account("moderator@a.test"), councilId: councilA, roles: ["moderator", "resident"] };
  officerB = { accountId: await account("officer@b.test"), councilId: councilB, roles: ["officer"] };
});

afterAll(async () => {
  await db?.close();
});

describe("syncBuiltinFrameworks", () => {
  it("stores every built-in as a published version 1 with its nodes", async () => {
    const result = must(await syncBuiltinFrameworks(deps));
    expect(result.map((r) => [r.slug, r.action, r.version])).toEqual(
      BUILTIN_FRAMEWORKS.map((f) => [f.slug, "create", 1]),
    );
    for (const definition of BUILTIN_FRAMEWORKS) {
      const version = await db.prisma.frameworkVersion.findFirstOrThrow({
        where: { framework: { slug: definition.slug, councilId: null } },
        include: { nodes: { orderBy: { position: "asc" } }, framework: true },
      });
      expect(version).toMatchObject({
        version: 1,
        status: "published",
        source: definition.source,
        sourceUrl: definition.sourceUrl,
        publishedAt: clock,
      });
      expect(version.framework.name).toBe(definition.name);
      expect(version.nodes.map((n) => [n.slug, n.parentSlug, n.name, n.verified, n.position])).toEqual(
        definition.nodes.map((n, i) => [n.slug, n.parentSlug, n.name, n.verified, i]),
      );
    }
    const sdg = await db.prisma.frameworkNode.findFirstOrThrow({
      where: { slug: "partnerships-for-the-goals", version: { framework: { slug: "un-sustainable-development-goals" } } },
    });
    expect(sdg.description).toBe("Goal 17. Also known as: “Partnership for Goals”.");
    expect(await auditActions(null)).toEqual(BUILTIN_FRAMEWORKS.map(() => "framework.builtin_published"));
  });

  it("is idempotent: a second run writes nothing", async () => {
    const before = await db.prisma.frameworkVersion.count();
    const events = await db.prisma.auditEvent.count();
    tick();
    const result = must(await syncBuiltinFrameworks(deps));
    expect(result.every((r) => r.action === "unchanged" && r.version === 1)).toBe(true);
    expect(await db.prisma.frameworkVersion.count()).toBe(before);
    expect(await db.prisma.auditEvent.count()).toBe(events);
    expect(await db.prisma.framework.count({ where: { councilId: null } })).toBe(BUILTIN_FRAMEWORKS.length);
  });

  it("publishes a changed definition as a new version and leaves the old one alone", async () => {
    const corrected: BuiltinFramework = {
      ...placeStandard,
      version: 2,
      nodes: placeStandard.nodes.map((n) => (n.slug === "natural-space" ? { ...n, name: "Natural Spaces" } : n)),
    };
    const catalogue = BUILTIN_FRAMEWORKS.map((f) => (f.slug === placeStandard.slug ? corrected : f));
    tick();
    const result = must(await syncBuiltinFrameworks(deps, catalogue));
    expect(result.find((r) => r.slug === "place-standard")).toMatchObject({ action: "new_version", version: 2 });
    expect(result.filter((r) => r.action !== "unchanged")).toHaveLength(1);

    const versions = await db.prisma.frameworkVersion.findMany({
      where: { framework: { slug: "place-standard", councilId: null } },
      include: { nodes: { where: { slug: "natural-space" } } },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => [v.version, v.status, v.nodes[0]!.name])).toEqual([
      [1, "published", "Natural Space"],
      [2, "published", "Natural Spaces"],
    ]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "framework.builtin_published", subjectId: versions[1]!.id },
    });
    expect(event.data).toMatchObject({ slug: "place-standard", version: 2, previousVersion: 1, changes: { renamed: 1 } });

    // Running the corrected catalogue again is a no-op; going back to the old text is a new version 3.
    expect(must(await syncBuiltinFrameworks(deps, catalogue)).every((r) => r.action === "unchanged")).toBe(true);
    const reverted = must(await syncBuiltinFrameworks(deps));
    expect(reverted.find((r) => r.slug === "place-standard")).toMatchObject({ action: "new_version", version: 3 });
  });

  it("refuses a broken definition before writing anything", async () => {
    const broken: BuiltinFramework = { ...placeStandard, nodes: [{ slug: "a-node", parentSlug: "nobody", name: "A node", verified: false }] };
    await expect(syncBuiltinFrameworks(deps, [broken])).rejects.toThrow(/parent_not_found/);
  });
});

describe("listFrameworksForCouncil and getFrameworkVersion", () => {
  it("lists the built-ins in catalogue order with their versions, newest first", async () => {
    const list = must(await listFrameworksForCouncil(deps, councilA));
    expect(list.map((f) => f.slug)).toEqual(BUILTIN_FRAMEWORKS.map((f) => f.slug));
    const tpi = list[0]!;
    expect(tpi).toMatchObject({ builtin: true, name: "Thriving Places Index", draftVersionId: null, inUseVersionId: null });
    expect(tpi.versions).toEqual([
      expect.objectContaining({ version: 1, status: "published", nodeCount: 34, verifiedCount: 16, inUse: false }),
    ]);
    const place = list.find((f) => f.slug === "place-standard")!;
    expect(place.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(place.latestPublishedVersionId).toBe(place.versions[0]!.id);
  });

  it("reports an unknown council", async () => {
    expect(await listFrameworksForCouncil(deps, "no-such-council")).toEqual({ ok: false, reason: "not_found" });
  });

  it("shows a built-in version with its nodes to any council", async () => {
    const id = await builtinVersionId("wales-well-being-goals");
    const detail = must(await getFrameworkVersion(deps, councilB, id));
    expect(detail.framework).toMatchObject({ slug: "wales-well-being-goals", builtin: true });
    expect(detail.nodes).toHaveLength(7);
    expect(detail.nodes.every((n) => !n.verified)).toBe(true);
    expect(detail.nameLocked).toBe(true);
    expect(await getFrameworkVersion(deps, councilB, "missing")).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("a council's own framework", () => {
  let v1: string;
  let frameworkId: string;

  it("refuses anyone who is not an officer or admin", async () => {
    for (const actor of [residentA, moderatorA, { ...officerA, roles: [] }]) {
      expect(await createDraftFramework(deps, actor, draftInput())).toEqual({ ok: false, reason: "forbidden" });
    }
    expect(await db.prisma.framework.count({ where: { councilId: councilA } })).toBe(0);
  });

  it("returns field errors for an invalid draft and writes nothing", async () => {
    const result = await createDraftFramework(deps, officerA, draftInput("Bad Slug", { name: "", nodes: [] }));
    expect(result).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { name: "required", slug: "invalid_slug", nodes: "too_few" } },
    });
    expect(await auditActions(councilA)).toEqual([]);
  });

  it("reserves built-in slugs", async () => {
    expect(await createDraftFramework(deps, officerA, draftInput("place-standard"))).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { slug: "taken" } },
    });
  });

  it("creates version 1 as a draft with an audit event", async () => {
    tick();
    const created = must(await createDraftFramework(deps, officerA, draftInput()));
    expect(created.version).toBe(1);
    v1 = created.versionId;
    frameworkId = created.frameworkId;
    const version = await db.prisma.frameworkVersion.findUniqueOrThrow({
      where: { id: v1 },
      include: { nodes: { orderBy: { position: "asc" } }, framework: true },
    });
    expect(version).toMatchObject({ status: "draft", publishedAt: null, source: "Corporate Plan 2025 to 2028", notes: null });
    expect(version.framework).toMatchObject({ councilId: councilA, slug: "our-priorities", name: "Our council priorities" });
    expect(version.nodes.map((n) => [n.slug, n.parentSlug, n.nameCy, n.verified, n.position])).toEqual([
      ["people", null, null, true, 0],
      ["healthy-lives", "people", null, true, 1],
      ["place", null, "Lle", true, 2],
    ]);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { councilId: councilA, action: "framework.created" } });
    expect(event).toMatchObject({ actorId: officerA.accountId, subjectType: "framework_version", subjectId: v1, createdAt: clock });
    expect(event.data).toMatchObject({ frameworkId, slug: "our-priorities", version: 1, nodes: 3 });
  });

  it("refuses a slug the council already uses, but another council may use it", async () => {
    expect(await createDraftFramework(deps, adminA, draftInput())).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { slug: "taken" } },
    });
    const other = must(await createDraftFramework(deps, officerB, draftInput()));
    expect(other.frameworkId).not.toBe(frameworkId);
  });

  it("hides the draft from other councils and from published-only lists", async () => {
    const listA = must(await listFrameworksForCouncil(deps, councilA));
    const own = listA.filter((f) => !f.builtin);
    expect(own.map((f) => [f.slug, f.draftVersionId])).toEqual([["our-priorities", v1]]);
    expect(must(await listFrameworksForCouncil(deps, councilA, { publishedOnly: true })).some((f) => !f.builtin)).toBe(false);
    expect(await getFrameworkVersion(deps, councilB, v1)).toEqual({ ok: false, reason: "not_found" });
  });

  it("updates the draft, including the name while nothing is published", async () => {
    tick();
    const result = must(
      await updateDraft(
        deps,
        adminA,
        v1,
        draftInput("our-priorities", {
          name: "Trafford priorities",
          nodes: [
            { slug: "people", name: "People and families" },
            { slug: "healthy-lives", parentSlug: "people", name: "Healthy lives" },
            { slug: "green-places", name: "Green places" },
          ],
        }),
      ),
    );
    expect(result).toEqual({
      versionId: v1,
      nodeCount: 3,
      changes: { added: 1, removed: 1, renamed: 1, moved: 0, changed: 2 },
    });
    const detail = must(await getFrameworkVersion(deps, councilA, v1));
    expect(detail.framework.name).toBe("Trafford priorities");
    expect(detail.nameLocked).toBe(false);
    expect(detail.nodes.map((n) => n.slug)).toEqual(["people", "healthy-lives", "green-places"]);
    expect(detail.nodes[1]!.description).toBeNull();
  });

  it("keeps the slug frozen", async () => {
    expect(await updateDraft(deps, officerA, v1, draftInput("renamed-slug", { name: "Trafford priorities" }))).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { slug: "frozen" } },
    });
  });

  it("validates the update through the domain", async () => {
    const result = await updateDraft(
      deps,
      officerA,
      v1,
      draftInput("our-priorities", { nodes: [{ slug: "a-node", parentSlug: "a-node", name: "Loop" }] }),
    );
    expect(result).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { "nodes.0.parentSlug": "parent_is_self" } } });
  });

  it("lets no other council touch it: not found, never forbidden", async () => {
    const input = draftInput("our-priorities", { name: "Trafford priorities" });
    expect(await updateDraft(deps, officerB, v1, input)).toEqual({ ok: false, reason: "not_found" });
    expect(await publishDraft(deps, officerB, v1)).toEqual({ ok: false, reason: "not_found" });
    expect(await startNewVersion(deps, officerB, v1)).toEqual({ ok: false, reason: "not_found" });
    expect(await chooseFrameworks(deps, officerB, [v1])).toEqual({ ok: false, reason: "not_found", detail: { versionId: v1 } });
    expect(await updateDraft(deps, residentA, v1, input)).toEqual({ ok: false, reason: "forbidden" });
    expect(await publishDraft(deps, residentA, v1)).toEqual({ ok: false, reason: "forbidden" });
    expect(await updateDraft(deps, officerA, "missing", input)).toEqual({ ok: false, reason: "not_found" });
  });

  it("cannot be chosen while it is a draft", async () => {
    expect(await chooseFrameworks(deps, officerA, [v1])).toEqual({ ok: false, reason: "not_published", detail: { versionId: v1 } });
  });

  it("publishes the draft, once", async () => {
    tick();
    const published = must(await publishDraft(deps, officerA, v1));
    expect(published).toEqual({ versionId: v1, version: 1, publishedAt: clock, changes: null });
    const row = await db.prisma.frameworkVersion.findUniqueOrThrow({ where: { id: v1 } });
    expect(row).toMatchObject({ status: "published", publishedAt: clock });
    expect(await publishDraft(deps, officerA, v1)).toEqual({ ok: false, reason: "version_published" });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "framework.published", subjectId: v1 } });
    expect(event).toMatchObject({ councilId: councilA, actorId: officerA.accountId });
    expect(event.data).toMatchObject({ frameworkId, version: 1, previousVersion: null, nodes: 3 });
  });

  it("never changes a published version", async () => {
    const before = await db.prisma.frameworkNode.findMany({ where: { versionId: v1 }, orderBy: { position: "asc" } });
    const input = draftInput("our-priorities", { name: "Trafford priorities", nodes: [{ slug: "only", name: "Only" }] });
    expect(await updateDraft(deps, officerA, v1, input)).toEqual({ ok: false, reason: "version_published" });
    expect(await db.prisma.frameworkNode.findMany({ where: { versionId: v1 }, orderBy: { position: "asc" } })).toEqual(before);
    expect((await db.prisma.frameworkVersion.findUniqueOrThrow({ where: { id: v1 } })).source).toBe("Corporate Plan 2025 to 2028");
  });

  it("refuses writes to built-in versions", async () => {
    const tpi = await builtinVersionId("thriving-places-index");
    expect(await updateDraft(deps, officerA, tpi, draftInput())).toEqual({ ok: false, reason: "builtin_read_only" });
    expect(await publishDraft(deps, officerA, tpi)).toEqual({ ok: false, reason: "builtin_read_only" });
    expect(await startNewVersion(deps, officerA, tpi)).toEqual({ ok: false, reason: "builtin_read_only" });
  });

  let v2: string;

  it("edits a published framework through a new draft version copied from it", async () => {
    tick();
    const started = must(await startNewVersion(deps, officerA, v1));
    expect(started).toMatchObject({ frameworkId, version: 2 });
    v2 = started.versionId;
    const [one, two] = await Promise.all([getFrameworkVersion(deps, councilA, v1), getFrameworkVersion(deps, councilA, v2)]);
    expect(must(two).nodes).toEqual(must(one).nodes);
    expect(must(two).version).toMatchObject({ status: "draft", source: "Corporate Plan 2025 to 2028", publishedAt: null });
    expect(must(two).nameLocked).toBe(true);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "framework.version_started" } });
    expect(event.data).toMatchObject({ fromVersionId: v1, fromVersion: 1, version: 2 });
  });

  it("allows one draft at a time, and copies only published versions", async () => {
    expect(await startNewVersion(deps, officerA, v1)).toEqual({ ok: false, reason: "draft_exists", detail: { versionId: v2 } });
    expect(await startNewVersion(deps, officerA, v2)).toEqual({ ok: false, reason: "not_published" });
  });

  it("locks the framework name once a version is published", async () => {
    const result = await updateDraft(deps, officerA, v2, draftInput("our-priorities", { name: "A new name", nameCy: "Enw newydd" }));
    expect(result).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { name: "frozen", nameCy: "frozen" } } });
  });

  it("publishes version 2 with a diff against version 1, leaving version 1 intact", async () => {
    const v1Nodes = must(await getFrameworkVersion(deps, councilA, v1)).nodes;
    tick();
    must(
      await updateDraft(
        deps,
        officerA,
        v2,
        draftInput("our-priorities", {
          name: "Trafford priorities",
          nodes: [
            { slug: "people", name: "People and families" },
            { slug: "green-places", name: "Green and clean places" },
            { slug: "healthy-lives", parentSlug: "green-places", name: "Healthy lives" },
            { slug: "good-jobs", name: "Good jobs" },
          ],
        }),
      ),
    );
    tick();
    const published = must(await publishDraft(deps, officerA, v2));
    expect(published.changes).toEqual({ added: 1, removed: 0, renamed: 1, moved: 1, changed: 2 });
    expect(must(await getFrameworkVersion(deps, councilA, v1)).nodes).toEqual(v1Nodes);

    const comparison = must(await compareFrameworkVersions(deps, councilA, v1, v2));
    expect(comparison.diff.added.map((n) => n.slug)).toEqual(["good-jobs"]);
    expect(comparison.diff.renamed.map((c) => [c.before.name, c.after.name])).toEqual([["Green places", "Green and clean places"]]);
    expect(comparison.diff.moved.map((c) => c.slug)).toEqual(["healthy-lives"]);

    const tpi = await builtinVersionId("thriving-places-index");
    expect(await compareFrameworkVersions(deps, councilA, v1, tpi)).toEqual({ ok: false, reason: "different_frameworks" });
    expect(await compareFrameworkVersions(deps, councilB, v1, v2)).toEqual({ ok: false, reason: "not_found" });
  });

  it("records every write in the audit log, attributed and scoped to the council", async () => {
    const events = await db.prisma.auditEvent.findMany({ where: { councilId: councilA }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "framework.created",
      "framework.draft_updated",
      "framework.published",
      "framework.version_started",
      "framework.draft_updated",
      "framework.published",
    ]);
    expect(events.every((e) => e.subjectType === "framework_version" && e.actorId !== null)).toBe(true);
    // Council B's own create is in B's log, not A's.
    expect(await auditActions(councilB)).toEqual(["framework.created"]);
  });

  describe("chooseFrameworks", () => {
    it("sets the versions a council uses and audits the change", async () => {
      const tpi = await builtinVersionId("thriving-places-index");
      const cles = await builtinVersionId("cles-community-wealth-building");
      tick();
      expect(must(await chooseFrameworks(deps, officerA, [tpi, cles, tpi]))).toEqual({
        versionIds: [tpi, cles],
        added: [tpi, cles],
        removed: [],
      });
      tick();
      expect(must(await chooseFrameworks(deps, adminA, [cles, v2]))).toEqual({ versionIds: [cles, v2], added: [v2], removed: [tpi] });
      const events = await db.prisma.auditEvent.findMany({ where: { action: "framework.chosen" }, orderBy: { createdAt: "asc" } });
      expect(events.map((e) => [e.councilId, e.actorId, e.subjectId, e.data])).toEqual([
        [councilA, officerA.accountId, councilA, { added: [tpi, cles], removed: [] }],
        [councilA, adminA.accountId, councilA, { added: [v2], removed: [tpi] }],
      ]);

      const list = must(await listFrameworksForCouncil(deps, councilA));
      const inUse = list.filter((f) => f.inUseVersionId !== null).map((f) => [f.slug, f.inUseVersionId]);
      expect(inUse).toEqual([
        ["cles-community-wealth-building", cles],
        ["our-priorities", v2],
      ]);
      // Council B's choices are its own.
      expect(must(await listFrameworksForCouncil(deps, councilB)).some((f) => f.inUseVersionId !== null)).toBe(false);
    });

    it("writes nothing when nothing changes", async () => {
      const count = await db.prisma.auditEvent.count();
      const cles = await builtinVersionId("cles-community-wealth-building");
      expect(must(await chooseFrameworks(deps, officerA, [v2, cles]))).toMatchObject({ added: [], removed: [] });
      expect(await db.prisma.auditEvent.count()).toBe(count);
    });

    it("allows one version of each framework", async () => {
      const result = await chooseFrameworks(deps, officerA, [v1, v2]);
      expect(result).toEqual({ ok: false, reason: "one_version_per_framework", detail: { frameworkId } });
    });

    it("refuses unknown ids and residents", async () => {
      expect(await chooseFrameworks(deps, officerA, ["missing"])).toEqual({ ok: false, reason: "not_found", detail: { versionId: "missing" } });
      expect(await chooseFrameworks(deps, residentA, [])).toEqual({ ok: false, reason: "forbidden" });
    });

    it("clears the choice with an empty list", async () => {
      expect(must(await chooseFrameworks(deps, officerA, [])).versionIds).toEqual([]);
      expect(await db.prisma.councilFramework.count({ where: { councilId: councilA } })).toBe(0);
    });
  });
});

describe("publishing re-checks the tree", () => {
  it("refuses a draft whose stored nodes no longer form a valid tree, and leaves it a draft", async () => {
    tick();
    const created = must(await createDraftFramework(deps, officerA, draftInput("tampered")));
    // Rows written around updateDraft (a bad import, a manual fix) must not be frozen as published.
    await db.prisma.frameworkNode.create({
      data: { versionId: created.versionId, slug: "orphan", parentSlug: "nobody", name: "Orphan", position: 3 },
    });
    expect(await publishDraft(deps, officerA, created.versionId)).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { "nodes.3.parentSlug": "parent_not_found" } },
    });
    expect((await db.prisma.frameworkVersion.findUniqueOrThrow({ where: { id: created.versionId } })).status).toBe("draft");
    expect(await db.prisma.auditEvent.count({ where: { action: "framework.published", subjectId: created.versionId } })).toBe(0);
  });
});

describe("races", () => {
  beforeEach(() => tick());

  it("an edit racing a publish either lands first or is refused", async () => {
    const created = must(await createDraftFramework(deps, officerA, draftInput("race-one")));
    const edited = draftInput("race-one", { nodes: [{ slug: "edited", name: "Edited node" }] });
    const [published, updated] = await Promise.all([
      publishDraft(deps, officerA, created.versionId),
      updateDraft(deps, adminA, created.versionId, edited),
    ]);
    expect(published.ok).toBe(true);
    const nodes = must(await getFrameworkVersion(deps, councilA, created.versionId)).nodes.map((n) => n.slug);
    if (updated.ok) expect(nodes).toEqual(["edited"]);
    else {
      expect(updated).toEqual({ ok: false, reason: "version_published" });
      expect(nodes).toEqual(["people", "healthy-lives", "place"]);
    }
  });

  it("two officers creating the same slug: one wins, the other is told it is taken", async () => {
    const results = await Promise.all([
      createDraftFramework(deps, officerA, draftInput("race-two")),
      createDraftFramework(deps, adminA, draftInput("race-two")),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { slug: "taken" } } });
  });

  it("two officers starting a new version: one draft only", async () => {
    const created = must(await createDraftFramework(deps, officerA, draftInput("race-three")));
    must(await publishDraft(deps, officerA, created.versionId));
    const results = await Promise.all([
      startNewVersion(deps, officerA, created.versionId),
      startNewVersion(deps, adminA, created.versionId),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: "draft_exists" });
    expect(await db.prisma.frameworkVersion.count({ where: { frameworkId: created.frameworkId, status: "draft" } })).toBe(1);
  });
});

describe("concurrent built-in sync on a fresh database", () => {
  let fresh: Database;
  beforeAll(async () => {
    fresh = await openTestDatabase();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it("creates each built-in once even when two processes sync at the same time", async () => {
    const freshDeps = { prisma: fresh.prisma, now: () => clock };
    const [a, b] = await Promise.all([syncBuiltinFrameworks(freshDeps), syncBuiltinFrameworks(freshDeps)]);
    const actions = [...must(a), ...must(b)].map((r) => r.action).sort();
    expect(actions.filter((x) => x === "create")).toHaveLength(BUILTIN_FRAMEWORKS.length);
    expect(actions.filter((x) => x === "unchanged")).toHaveLength(BUILTIN_FRAMEWORKS.length);
    expect(await fresh.prisma.framework.count({ where: { councilId: null } })).toBe(BUILTIN_FRAMEWORKS.length);
    expect(await fresh.prisma.frameworkVersion.count()).toBe(BUILTIN_FRAMEWORKS.length);
  });
});
