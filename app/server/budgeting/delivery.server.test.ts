// Delivery tracking on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELIVERY_LIMITS } from "~/domain/budgeting/delivery.ts";
import { addMilestone, completeMilestone, deliveryOverview, getProjectDelivery, updateDelivery } from "./delivery.server.ts";
import { changePhase } from "./processes.server.ts";
import { ukDay } from "./support.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext, type OpenProcess } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
});

afterAll(async () => {
  await ctx?.db.close();
});

/**
 * A process whose voting has closed, with P-1 and P-3 selected and P-2 not. The count and its
 * publication are another part of the product; here the statuses it writes are set directly.
 */
async function closedProcess(slug: string, councilId = ctx.councilA, officer = ctx.officerA): Promise<OpenProcess> {
  const open = await openVotingProcess(ctx, slug, {}, councilId, officer);
  must(await changePhase(ctx.deps, officer, { councilId, processId: open.processId, to: "results" }));
  await ctx.db.prisma.project.updateMany({ where: { id: { in: [open.projects["P-1"]!, open.projects["P-3"]!] } }, data: { status: "selected" } });
  await ctx.db.prisma.project.updateMany({ where: { id: { in: [open.projects["P-2"]!, open.projects["P-4"]!] } }, data: { status: "not_selected" } });
  return open;
}

const update = (open: OpenProcess, reference: string, form: Record<string, string>, actor = ctx.officerA, councilId = ctx.councilA) =>
  updateDelivery(ctx.deps, actor, { councilId, process: open.slug, reference, status: "", percentComplete: "", spent: "", note: "", ...form });

async function project(open: OpenProcess, reference: string) {
  return ctx.db.prisma.project.findUniqueOrThrow({
    where: { id: open.projects[reference]! },
    select: { status: true, percentComplete: true, spentPence: true, deliveryNote: true, deliveryUpdatedAt: true },
  });
}

describe("updating delivery", () => {
  it("writes status, percent, spend in pence and the public note, with an audit event", async () => {
    const open = await closedProcess("delivery-update");
    ctx.clock.advance(60_000);
    const result = await update(open, "P-1", { status: "in_delivery", percentComplete: "40%", spent: "£1,250.50", note: "Benches ordered; fitting in May." });
    expect(result).toEqual({ ok: true, value: { status: "in_delivery" } });
    expect(await project(open, "P-1")).toEqual({
      status: "in_delivery",
      percentComplete: 40,
      spentPence: 125_050n,
      deliveryNote: "Benches ordered; fitting in May.",
      deliveryUpdatedAt: ctx.clock.now(),
    });
    const event = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "project.delivery_updated", subjectId: open.projects["P-1"]! } });
    expect(event).toMatchObject({
      actorId: ctx.officerA.account.id,
      councilId: ctx.councilA,
      data: { reference: "P-1", from: "selected", status: "in_delivery", percentComplete: 40, spentPence: "125050", note: "Benches ordered; fitting in May." },
    });

    must(await update(open, "P-1", { status: "delivered", percentComplete: "100", spent: "4800", note: "" }));
    expect(await project(open, "P-1")).toMatchObject({ status: "delivered", percentComplete: 100, spentPence: 480_000n, deliveryNote: null });
    // Set back to in delivery (a snag found after sign-off): allowed, and audited.
    must(await update(open, "P-1", { status: "in_delivery", percentComplete: "95" }));
    expect(await project(open, "P-1")).toMatchObject({ status: "in_delivery", percentComplete: 95, spentPence: null });
  });

  it("refuses bad input, projects not selected and the wrong phase, changing nothing", async () => {
    const open = await closedProcess("delivery-refused");
    const before = await project(open, "P-1");
    expect(await update(open, "P-1", { status: "delivered", percentComplete: "80", spent: "lots" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { percentComplete: "delivered_not_complete", spent: "invalid_money" } },
    });
    expect(await update(open, "P-2", { status: "in_delivery", percentComplete: "10" })).toEqual({ ok: false, reason: "not_selected" });
    expect(await update(open, "P-9", { status: "in_delivery", percentComplete: "10" })).toEqual({ ok: false, reason: "not_found" });
    expect(await project(open, "P-1")).toEqual(before);
    expect(await project(open, "P-2")).toMatchObject({ status: "not_selected", percentComplete: null });

    const voting = await openVotingProcess(ctx, "delivery-voting");
    await ctx.db.prisma.project.update({ where: { id: voting.projects["P-1"]! }, data: { status: "selected" } });
    expect(await update(voting, "P-1", { status: "in_delivery", percentComplete: "10" })).toEqual({ ok: false, reason: "phase_locked" });
    expect(await addMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: voting.slug, reference: "P-1", title: "Order placed", dueDay: "", dueMonth: "", dueYear: "" })).toEqual({
      ok: false,
      reason: "phase_locked",
    });
    expect(must(await getProjectDelivery(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: voting.slug, reference: "P-1" })).refusal).toBe("phase_locked");
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: { startsWith: "project.delivery" }, subjectId: { in: [...Object.values(open.projects), ...Object.values(voting.projects)] } } })).toBe(0);
  });

  it("works in the delivery phase too, once results are published", async () => {
    const open = await closedProcess("delivery-phase");
    await ctx.db.prisma.budgetResult.create({
      data: { processId: open.processId, budgetId: open.budgetId, rule: "greedy", ballotCount: 0, selected: [], explanation: {}, publishedAt: ctx.clock.now() },
    });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "delivery" }));
    must(await update(open, "P-3", { status: "in_delivery", percentComplete: "5" }));
    expect(await project(open, "P-3")).toMatchObject({ status: "in_delivery", percentComplete: 5 });
  });

  it("only this council's officers and admins", async () => {
    const open = await closedProcess("delivery-tenancy");
    const salford = await closedProcess("delivery-tenancy-salford", ctx.councilB, ctx.officerB);
    for (const outsider of [ctx.officerB, ctx.residentA, null]) {
      expect(await update(open, "P-1", { status: "in_delivery", percentComplete: "1" }, outsider as never)).toEqual({ ok: false, reason: "forbidden" });
      expect(await deliveryOverview(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug })).toEqual({ ok: false, reason: "forbidden" });
      expect(await getProjectDelivery(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug, reference: "P-1" })).toEqual({ ok: false, reason: "forbidden" });
      expect(await completeMilestone(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug, reference: "P-1", milestoneId: "x" })).toEqual({ ok: false, reason: "forbidden" });
    }
    expect(await update(salford, "P-1", { status: "in_delivery", percentComplete: "1" })).toEqual({ ok: false, reason: "not_found" });
    expect(await deliveryOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: salford.slug })).toEqual({ ok: false, reason: "not_found" });
    expect(await getProjectDelivery(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: salford.processId, reference: "P-1" })).toEqual({ ok: false, reason: "not_found" });
    expect(await project(salford, "P-1")).toMatchObject({ status: "selected", percentComplete: null });
  });
});

describe("milestones", () => {
  it("are added in order, completed once, and shown with the project", async () => {
    const open = await closedProcess("delivery-milestones");
    const add = (title: string, due: [string, string, string] = ["", "", ""]) =>
      addMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-1", title, dueDay: due[0], dueMonth: due[1], dueYear: due[2] });
    const first = must(await add("Order placed", ["1", "6", "2026"]));
    const second = must(await add("Benches installed"));
    expect(await add("x", ["31", "2", "2026"])).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { title: "too_short", dueOn: "invalid_date" } } });

    ctx.clock.advance(24 * 3600_000);
    expect(must(await completeMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-1", milestoneId: first.id }))).toEqual({
      completedOn: ukDay(ctx.clock.now()),
    });
    expect(await completeMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-1", milestoneId: first.id })).toEqual({
      ok: false,
      reason: "already_complete",
    });
    // A milestone of another project is not this project's.
    expect(await completeMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-3", milestoneId: second.id })).toEqual({
      ok: false,
      reason: "not_found",
    });

    const view = must(await getProjectDelivery(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-1" }));
    expect(view.refusal).toBeNull();
    expect(view.project).toMatchObject({ reference: "P-1", title: "Benches by the river", budgetName: "Whole area", costPence: 500_000n, status: "selected", deliveryUpdatedAt: ctx.clock.now() });
    expect(view.milestones).toEqual([
      { id: first.id, title: "Order placed", dueOn: new Date("2026-06-01T00:00:00.000Z"), completedOn: ukDay(ctx.clock.now()) },
      { id: second.id, title: "Benches installed", dueOn: null, completedOn: null },
    ]);
    const overview = must(await deliveryOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug }));
    expect(overview.canUpdate).toBe(true);
    expect(overview.projects.map((p) => [p.reference, p.status, p.milestones, p.milestonesDone])).toEqual([
      ["P-1", "selected", 2, 1],
      ["P-3", "selected", 0, 0],
    ]);
    const actions = (await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: open.projects["P-1"]!, action: { startsWith: "project.milestone" } }, select: { action: true } })).map((e) => e.action);
    expect(actions.sort()).toEqual(["project.milestone_added", "project.milestone_added", "project.milestone_completed"]);
  });

  it("are capped per project", async () => {
    const open = await closedProcess("delivery-milestone-cap");
    await ctx.db.prisma.projectMilestone.createMany({
      data: Array.from({ length: DELIVERY_LIMITS.milestonesMax }, (_, i) => ({ projectId: open.projects["P-1"]!, title: `Step ${i + 1}`, position: i })),
    });
    expect(await addMilestone(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, reference: "P-1", title: "One more", dueDay: "", dueMonth: "", dueYear: "" })).toEqual({
      ok: false,
      reason: "too_many_milestones",
    });
  });
});
