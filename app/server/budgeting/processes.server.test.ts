// Budget process use cases on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addBudget,
  addProject,
  changePhase,
  createProcess,
  getProcess,
  listProcesses,
  reviewProject,
  updateProcess,
  updateProject,
} from "./processes.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;
let usedNode: string;
let unusedNode: string;

const form = (slug: string, over: Record<string, unknown> = {}) => ({
  title: "Sale Community Budget 2026",
  slug,
  summary: "Residents of Sale decide how £50,000 is spent.",
  ballotType: "knapsack",
  countingRule: "equal_shares",
  budgets: [
    { name: "Whole of Sale", amount: "£40,000" },
    { name: "Priory ward", amount: "£10,000", wardCode: "E05000829" },
  ],
  ...over,
});

async function audits(subjectId: string) {
  return ctx.db.prisma.auditEvent.findMany({
    where: { subjectId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, councilId: true, data: true },
  });
}

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  const p = ctx.db.prisma;
  await p.area.create({ data: { councilId: ctx.councilA, type: "ward", code: "E05000829", name: "Priory" } });
  // One framework the council uses, one it does not.
  const framework = async (slug: string, chosen: boolean) => {
    const f = await p.framework.create({ data: { slug, name: slug } });
    const v = await p.frameworkVersion.create({ data: { frameworkId: f.id, version: 1, status: "published", source: "test" } });
    const n = await p.frameworkNode.create({ data: { versionId: v.id, slug: "health", name: "Health", position: 0 } });
    if (chosen) await p.councilFramework.create({ data: { councilId: ctx.councilA, versionId: v.id } });
    return n.id;
  };
  usedNode = await framework("used-framework", true);
  unusedNode = await framework("unused-framework", false);
});

afterAll(async () => {
  await ctx?.db.close();
});

describe("createProcess", () => {
  it("creates a draft with budgets in pence, audited", async () => {
    const created = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("sale-2026") }));
    const row = await ctx.db.prisma.budgetProcess.findUniqueOrThrow({
      where: { id: created.id },
      include: { budgets: { orderBy: { position: "asc" } } },
    });
    expect(row).toMatchObject({ councilId: ctx.councilA, phase: "draft", ballotType: "knapsack", slug: "sale-2026" });
    expect(row.budgets.map((b) => [b.name, b.amountPence, b.wardCode, b.position])).toEqual([
      ["Whole of Sale", 4_000_000n, null, 0],
      ["Priory ward", 1_000_000n, "E05000829", 1],
    ]);
    expect(await audits(created.id)).toEqual([
      expect.objectContaining({
        action: "budget.created",
        actorId: ctx.officerA.account.id,
        councilId: ctx.councilA,
        data: expect.objectContaining({ budgets: [{ name: "Whole of Sale", amountPence: "4000000" }, { name: "Priory ward", amountPence: "1000000" }] }),
      }),
    ]);
  });

  it("refuses residents, and officers of another council", async () => {
    const before = await ctx.db.prisma.budgetProcess.count();
    expect(await createProcess(ctx.deps, ctx.residentA, { councilId: ctx.councilA, ...form("x-1") })).toEqual({ ok: false, reason: "forbidden" });
    expect(await createProcess(ctx.deps, ctx.officerB, { councilId: ctx.councilA, ...form("x-2") })).toEqual({ ok: false, reason: "forbidden" });
    expect(await createProcess(ctx.deps, null, { councilId: ctx.councilA, ...form("x-3") })).toEqual({ ok: false, reason: "forbidden" });
    expect(await ctx.db.prisma.budgetProcess.count()).toBe(before);
  });

  it("returns field errors: invalid form, a taken slug, a ward not in the council", async () => {
    expect(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("bad", { title: "", budgets: [] }) })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { title: "required", budgets: "too_few" } },
    });
    expect(
      await createProcess(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        ...form("sale-2026", { budgets: [{ name: "Elsewhere", amount: "5", wardCode: "E05011111" }] }),
      }),
    ).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { slug: "taken", "budgets.0.wardCode": "unknown_ward" } } });
  });

  it("lets another council use the same slug", async () => {
    must(await createProcess(ctx.deps, ctx.officerB, { councilId: ctx.councilB, ...form("sale-2026", { budgets: [{ name: "All", amount: "5" }] }) }));
  });
});

describe("updateProcess and addBudget", () => {
  it("ballot settings change in draft; in review only presentation changes, locked ones are refused", async () => {
    const { id } = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("lock-test") }));
    const changed = must(await updateProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, ...form("lock-test", { ballotType: "approval", maxProjects: "3" }) }));
    expect(changed.changed).toEqual(["ballotType", "maxProjects"]);
    must(await addBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, name: "Sale Moor", amount: "£2,500.50" }));
    expect(await addBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, name: "sale moor", amount: "1" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { name: "duplicate" } },
    });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, to: "review" }));

    const retitled = must(
      await updateProcess(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        processId: id,
        ...form("lock-test", { ballotType: "approval", maxProjects: "3", title: "Sale Community Budget" }),
      }),
    );
    expect(retitled.changed).toEqual(["title"]);
    expect(
      await updateProcess(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        processId: id,
        ...form("lock-test", { ballotType: "approval", maxProjects: "4", title: "Sale Community Budget", countingRule: "greedy" }),
      }),
    ).toEqual({ ok: false, reason: "phase_locked", detail: { phase: "review", fields: ["maxProjects", "countingRule"] } });
    expect(await addBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, name: "Late", amount: "1" })).toMatchObject({
      ok: false,
      reason: "phase_locked",
    });
    const row = await ctx.db.prisma.budgetProcess.findUniqueOrThrow({ where: { id }, include: { budgets: true } });
    expect(row).toMatchObject({ title: "Sale Community Budget", maxProjects: 3, countingRule: "equal_shares" });
    expect(row.budgets.find((b) => b.name === "Sale Moor")?.amountPence).toBe(250_050n);
    expect((await audits(id)).map((a) => a.action)).toEqual(["budget.created", "budget.updated", "budget.phase_changed", "budget.updated"]);
  });

  it("another council's officer gets not_found in their own council and forbidden in ours", async () => {
    const { id } = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("isolated") }));
    expect(await updateProcess(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: id, ...form("isolated") })).toEqual({ ok: false, reason: "not_found" });
    expect(await updateProcess(ctx.deps, ctx.officerB, { councilId: ctx.councilA, processId: id, ...form("isolated") })).toEqual({ ok: false, reason: "forbidden" });
    expect(await addBudget(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: id, name: "Mine", amount: "1" })).toEqual({ ok: false, reason: "not_found" });
    expect(await changePhase(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: id, to: "ideas" })).toEqual({ ok: false, reason: "not_found" });
    expect(await changePhase(ctx.deps, ctx.officerB, { councilId: ctx.councilA, processId: id, to: "ideas" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await getProcess(ctx.deps, ctx.officerB, { councilId: ctx.councilB, slugOrId: id })).toEqual({ ok: false, reason: "not_found" });
    expect((await ctx.db.prisma.budgetProcess.findUniqueOrThrow({ where: { id } })).phase).toBe("draft");
  });
});

describe("projects", () => {
  let processId: string;
  let budgetId: string;
  let otherBudgetId: string;

  beforeAll(async () => {
    processId = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("projects") })).id;
    const budgets = await ctx.db.prisma.processBudget.findMany({ where: { processId }, orderBy: { position: "asc" } });
    budgetId = budgets[0]!.id;
    otherBudgetId = budgets[1]!.id;
  });

  const project = (over: Record<string, unknown> = {}) => ({
    councilId: ctx.councilA,
    processId,
    budgetId,
    title: "Community fridge",
    description: "A fridge for surplus food.",
    cost: "£1,200.50",
    ...over,
  });

  it("numbers projects P-1, P-2 … even when added in parallel", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => addProject(ctx.deps, ctx.officerA, project({ title: `Project number ${i}` }))));
    const refs = results.map((r) => must(r).reference).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    expect(refs).toEqual(["P-1", "P-2", "P-3", "P-4", "P-5", "P-6", "P-7", "P-8"]);
    const stored = await ctx.db.prisma.project.findFirstOrThrow({ where: { processId, reference: "P-1" } });
    expect(stored).toMatchObject({ costPence: 120_050n, status: "proposed" });
  });

  it("maps outcomes to nodes of frameworks the council uses; others are unknown_outcome and store nothing", async () => {
    const created = must(await addProject(ctx.deps, ctx.officerA, project({ outcomes: [{ nodeId: usedNode }] })));
    expect(await ctx.db.prisma.projectOutcome.findMany({ where: { projectId: created.id }, select: { nodeId: true, weight: true } })).toEqual([
      { nodeId: usedNode, weight: 100 },
    ]);
    const before = await ctx.db.prisma.project.count();
    expect(await addProject(ctx.deps, ctx.officerA, project({ outcomes: [{ nodeId: usedNode, weight: 50 }, { nodeId: unusedNode, weight: 50 }] }))).toEqual({
      ok: false,
      reason: "unknown_outcome",
      detail: { nodeIds: [unusedNode] },
    });
    expect(await addProject(ctx.deps, ctx.officerA, project({ outcomes: [{ nodeId: "forged" }] }))).toMatchObject({ reason: "unknown_outcome" });
    expect(await ctx.db.prisma.project.count()).toBe(before);
  });

  it("refuses a cost over its budget, an unknown ward, and a budget of another process", async () => {
    expect(await addProject(ctx.deps, ctx.officerA, project({ budgetId: otherBudgetId, cost: "£10,000.01" }))).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { cost: "over_budget" } },
    });
    expect(await addProject(ctx.deps, ctx.officerA, project({ wardCode: "E05099999" }))).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { wardCode: "unknown_ward" } },
    });
    const foreign = await openVotingProcess(ctx, "foreign-budget");
    expect(await addProject(ctx.deps, ctx.officerA, project({ budgetId: foreign.budgetId }))).toEqual({ ok: false, reason: "not_found" });
  });

  it("reviews in the review phase only; not feasible needs a reason; a later cost change resets the review", async () => {
    const { id } = must(await addProject(ctx.deps, ctx.officerA, project({ title: "Street trees" })));
    expect(await reviewProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId: id, decision: "feasible" })).toMatchObject({
      ok: false,
      reason: "phase_locked",
    });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "ideas" }));
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId, to: "review" }));
    expect(await reviewProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId: id, decision: "not_feasible" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { reason: "required" } },
    });
    expect(await reviewProject(ctx.deps, ctx.officerB, { councilId: ctx.councilB, projectId: id, decision: "feasible" })).toEqual({ ok: false, reason: "not_found" });
    must(await reviewProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, projectId: id, decision: "feasible" }));

    const unchangedCost = must(await updateProject(ctx.deps, ctx.officerA, { ...project({ title: "Street trees (oak)" }), projectId: id }));
    expect(unchangedCost.reviewReset).toBe(false);
    const newCost = must(await updateProject(ctx.deps, ctx.officerA, { ...project({ title: "Street trees (oak)", cost: "£2,000" }), projectId: id }));
    expect(newCost.reviewReset).toBe(true);
    expect(await ctx.db.prisma.project.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "proposed", costPence: 200_000n, feasibilityReason: null });
    expect((await audits(id)).map((a) => a.action)).toEqual(["project.created", "project.reviewed", "project.updated", "project.updated"]);
    expect((await audits(id))[1]!.data).toEqual({ reference: expect.stringMatching(/^P-\d+$/), decision: "feasible", reason: null });
  });
});

describe("changePhase", () => {
  it("moves forward only, audited, and never backwards", async () => {
    const open = await openVotingProcess(ctx, "phases");
    const actions = await audits(open.processId);
    expect(actions.filter((a) => a.action === "budget.phase_changed").map((a) => a.data)).toEqual([
      { from: "draft", to: "review" },
      { from: "review", to: "voting" },
    ]);
    for (const to of ["draft", "ideas", "review", "voting", "delivery", "closed"]) {
      expect(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to })).toMatchObject({
        ok: false,
        reason: "invalid_transition",
        detail: { from: "voting", to },
      });
    }
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    expect(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "voting" })).toMatchObject({
      reason: "invalid_transition",
    });
    // Delivery needs a published result per budget.
    expect(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "delivery" })).toMatchObject({
      ok: false,
      reason: "not_ready",
      detail: { problems: [{ code: "results_not_published", budgetId: open.budgetId }] },
    });
    const phaseEvents = (await audits(open.processId)).filter((a) => a.action === "budget.phase_changed");
    expect(phaseEvents.map((a) => a.data)).toEqual([
      { from: "draft", to: "review" },
      { from: "review", to: "voting" },
      { from: "voting", to: "results" },
    ]);
    expect(phaseEvents.every((a) => a.actorId === ctx.officerA.account.id && a.councilId === ctx.councilA)).toBe(true);
  });

  it("refuses to open voting until the process is ready, and says why", async () => {
    const { id } = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("not-ready", { budgets: [{ name: "All", amount: "£100" }] }) }));
    expect(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, to: "voting" })).toMatchObject({ reason: "invalid_transition" });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, to: "review" }));
    const budgetId = (await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId: id } })).id;
    must(await addProject(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, budgetId, title: "Planters", description: "Planters.", cost: "£50" }));
    expect(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: id, to: "voting" })).toEqual({
      ok: false,
      reason: "not_ready",
      detail: {
        from: "review",
        to: "voting",
        problems: [
          { code: "unreviewed_projects", budgetId, budgetName: "All", count: 1 },
          { code: "no_feasible_projects", budgetId, budgetName: "All" },
        ],
      },
    });
    expect((await ctx.db.prisma.budgetProcess.findUniqueOrThrow({ where: { id } })).phase).toBe("review");
  });

  it("residents cannot change phases", async () => {
    const { id } = must(await createProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ...form("resident-phase") }));
    expect(await changePhase(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: id, to: "ideas" })).toEqual({ ok: false, reason: "forbidden" });
  });
});

describe("reads", () => {
  it("lists public processes without drafts; the full list is for officers of the council", async () => {
    const publicList = must(await listProcesses(ctx.deps, null, { councilId: ctx.councilA, publicOnly: true }));
    expect(publicList.length).toBeGreaterThan(0);
    expect(publicList.every((p) => p.phase !== "draft")).toBe(true);
    const full = must(await listProcesses(ctx.deps, ctx.officerA, { councilId: ctx.councilA, publicOnly: false }));
    expect(full.some((p) => p.phase === "draft")).toBe(true);
    expect(full.find((p) => p.slug === "sale-2026")).toMatchObject({ budgetCount: 2, totalPence: 5_000_000n });
    expect(await listProcesses(ctx.deps, ctx.residentA, { councilId: ctx.councilA, publicOnly: false })).toEqual({ ok: false, reason: "forbidden" });
    expect(await listProcesses(ctx.deps, ctx.officerB, { councilId: ctx.councilA, publicOnly: false })).toEqual({ ok: false, reason: "forbidden" });
    const b = must(await listProcesses(ctx.deps, ctx.officerB, { councilId: ctx.councilB, publicOnly: false }));
    expect(b.map((p) => p.slug)).toEqual(["sale-2026"]);
    expect(full.map((p) => p.id)).not.toContain(b[0]!.id);
  });

  it("gets a process by slug or id with what the page shows; drafts are hidden from the public", async () => {
    const open = await openVotingProcess(ctx, "readable");
    const bySlug = must(await getProcess(ctx.deps, null, { councilId: ctx.councilA, slugOrId: "readable" }));
    const byId = must(await getProcess(ctx.deps, ctx.residentA, { councilId: ctx.councilA, slugOrId: open.processId }));
    expect(bySlug).toEqual(byId);
    expect(bySlug.canManage).toBe(false);
    expect(bySlug.budgets[0]!.projects.map((p) => [p.reference, p.costPence, p.status])).toEqual([
      ["P-1", 500_000n, "feasible"],
      ["P-2", 300_000n, "feasible"],
      ["P-3", 200_000n, "feasible"],
      ["P-4", 100_000n, "feasible"],
      ["P-5", 900_000n, "not_feasible"],
    ]);
    expect(bySlug.budgets[0]!.projects[4]!.feasibilityReason).toBe("The site is not the council's land.");
    expect(must(await getProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slugOrId: "readable" })).canManage).toBe(true);
    expect(await getProcess(ctx.deps, null, { councilId: ctx.councilA, slugOrId: "isolated" })).toEqual({ ok: false, reason: "not_found" });
    expect(must(await getProcess(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slugOrId: "isolated" })).phase).toBe("draft");
    expect(await getProcess(ctx.deps, null, { councilId: ctx.councilB, slugOrId: "readable" })).toEqual({ ok: false, reason: "not_found" });
  });
});
