// Officer reads of a budget process on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptIdea, submitIdea } from "./ideas.server.ts";
import { getProjectForOfficer, outcomeChoices, processHistory } from "./officer-views.server.ts";
import { addProject, changePhase, createProcess, listProcesses, reviewProject } from "./processes.server.ts";
import { addProjectImage, removeProjectImage } from "./project-images.server.ts";
import { must, openBudgetingTestContext, type BudgetingTestContext } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;
let node: { health: string; walking: string };

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  const p = ctx.db.prisma;
  const framework = async (slug: string, name: string, status: "published" | "draft", chosen: boolean) => {
    const f = await p.framework.create({ data: { slug, name } });
    const v = await p.frameworkVersion.create({ data: { frameworkId: f.id, version: 1, status, source: "test" } });
    const health = await p.frameworkNode.create({ data: { versionId: v.id, slug: "health", name: "Health", position: 0 } });
    const walking = await p.frameworkNode.create({ data: { versionId: v.id, slug: "walking", parentSlug: "health", name: "Walking", position: 1 } });
    if (chosen) await p.councilFramework.create({ data: { councilId: ctx.councilA, versionId: v.id } });
    return { health: health.id, walking: walking.id };
  };
  node = await framework("wellbeing", "Wellbeing", "published", true);
  await framework("zebra", "Zebra framework", "published", false);
  await framework("draft-only", "Draft framework", "draft", true);
});

afterAll(async () => {
  await ctx?.db.close();
});

async function processWithProject(slug: string) {
  const process = must(
    await createProcess(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      title: `History ${slug}`,
      slug,
      summary: "A process whose history is read back.",
      budgets: [{ name: "Whole area", amount: "£10,000" }],
    }),
  );
  const budget = await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId: process.id } });
  const project = must(
    await addProject(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      processId: process.id,
      budgetId: budget.id,
      title: "Walking routes",
      description: "Signposted walks.",
      cost: "£2,500",
      latitude: "53.4216",
      longitude: "-2.3517",
      outcomes: [{ nodeId: node.walking }],
    }),
  );
  return { processId: process.id, budgetId: budget.id, projectId: project.id };
}

describe("processHistory", () => {
  it("lists what was done to the process and everything in it, newest first, with who did it", async () => {
    const { processId, budgetId, projectId } = await processWithProject("history");
    const other = await processWithProject("history-other");
    ctx.clock.advance(1_000);
    const image = must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "A signpost" }));
    ctx.clock.advance(1_000);
    must(await removeProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, imageId: image.id }));
    ctx.clock.advance(1_000);
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "ideas" }));
    ctx.clock.advance(1_000);
    const idea = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId, title: "Dog bins", description: "More bins along the walks, please." }));
    must(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: idea.id, budgetId, cost: "£400" }));
    ctx.clock.advance(1_000);
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "review" }));
    ctx.clock.advance(1_000);
    must(await reviewProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, decision: "feasible" }));

    const history = must(await processHistory(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId }));
    expect(history.map((h) => h.action)).toEqual([
      "project.reviewed",
      "budget.phase_changed",
      // Same moment: the order within it is the database's, so compare as a set below.
      ...history.slice(2, 4).map((h) => h.action),
      "budget.phase_changed",
      "project.image_removed",
      "project.image_added",
      ...history.slice(7).map((h) => h.action),
    ]);
    expect(history.slice(2, 4).map((h) => h.action).sort()).toEqual(["idea.accepted", "project.created"]);
    expect(history.slice(7).map((h) => h.action).sort()).toEqual(["budget.created", "project.created"]);
    expect(history.every((h) => h.who === "officer@trafford.test")).toBe(true);
    expect(history[1]!.data).toEqual({ from: "ideas", to: "review" });
    // Nothing from the other process.
    const otherIds = new Set([other.processId, other.projectId]);
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { id: { in: history.map((h) => h.id) } }, select: { subjectId: true } });
    expect(events.some((e) => otherIds.has(e.subjectId ?? ""))).toBe(false);
    expect(must(await processHistory(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, limit: 2 }))).toHaveLength(2);
  });

  it("is for the council's officers only", async () => {
    const { processId } = await processWithProject("history-who");
    expect(await processHistory(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId })).toEqual({ ok: false, reason: "forbidden" });
    expect(await processHistory(ctx.deps, null, { councilId: ctx.councilA, processId })).toEqual({ ok: false, reason: "forbidden" });
    expect(await processHistory(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("getProjectForOfficer", () => {
  it("reads a project with its budget, point, outcomes and pictures; only within its process and council", async () => {
    const { processId, budgetId, projectId } = await processWithProject("project-read");
    must(await addProjectImage(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId, bytes: PNG, altText: "A signpost" }));
    const project = must(await getProjectForOfficer(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, projectId }));
    expect(project).toMatchObject({
      reference: "P-1",
      budgetId,
      costPence: 250_000n,
      latitude: 53.4216,
      longitude: -2.3517,
      status: "proposed",
      outcomes: [{ nodeId: node.walking, weight: 100 }],
      images: [{ altText: "A signpost", contentType: "image/png" }],
      idea: null,
    });
    expect(Object.keys(project.images[0]!)).not.toContain("bytes");
    const other = await processWithProject("project-read-other");
    expect(await getProjectForOfficer(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: other.processId, projectId })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProjectForOfficer(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId, projectId })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProjectForOfficer(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId, projectId })).toEqual({ ok: false, reason: "forbidden" });
  });
});

describe("outcomeChoices and listProcesses counts", () => {
  it("offers the nodes of the published versions the council chose", async () => {
    const choices = await outcomeChoices(ctx.deps, ctx.councilA);
    expect(choices.map((c) => c.name)).toEqual(["Wellbeing"]);
    expect(choices[0]!.nodes.map((n) => [n.id, n.parentSlug])).toEqual([
      [node.health, null],
      [node.walking, "health"],
    ]);
    expect(await outcomeChoices(ctx.deps, ctx.councilB)).toEqual([]);
  });

  it("counts projects and ideas in the officers' list", async () => {
    const { processId } = await processWithProject("counted");
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "ideas" }));
    must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId, title: "Dog bins", description: "More bins along the walks, please." }));
    const list = must(await listProcesses(ctx.deps, ctx.officerA, { councilId: ctx.councilA, publicOnly: false }));
    expect(list.find((p) => p.id === processId)).toMatchObject({ budgetCount: 1, totalPence: 1_000_000n, projectCount: 1, ideaCount: 1 });
  });
});
