// Resident ideas on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDEA_LIMITS } from "~/domain/budgeting/idea.ts";
import { acceptIdea, declineIdea, getIdeaForOfficer, listIdeas, submitIdea } from "./ideas.server.ts";
import { changePhase, createProcess } from "./processes.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;
const WARD = "E05000829";

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  await ctx.db.prisma.area.create({ data: { councilId: ctx.councilA, type: "ward", code: WARD, name: "Priory" } });
});

afterAll(async () => {
  await ctx?.db.close();
});

/** A process of council A in `phase` (draft or ideas), with a £10,000 whole-area budget and a £2,000 ward budget. */
async function process(slug: string, phase: "draft" | "ideas" | "review" = "ideas") {
  const created = must(
    await createProcess(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      title: `Ideas ${slug}`,
      slug,
      summary: "Residents suggest what the money is spent on.",
      budgets: [
        { name: "Whole area", amount: "£10,000" },
        { name: "Priory", amount: "£2,000", wardCode: WARD },
      ],
    }),
  );
  if (phase !== "draft") must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: created.id, to: phase }));
  const budgets = await ctx.db.prisma.processBudget.findMany({ where: { processId: created.id }, orderBy: { position: "asc" }, select: { id: true } });
  return { id: created.id, wholeArea: budgets[0]!.id, priory: budgets[1]!.id };
}

const idea = (over: Record<string, unknown> = {}) => ({
  title: "Benches by the canal",
  description: "Somewhere to sit on the towpath near the bridge.",
  ...over,
});

async function actions(subjectId: string) {
  const rows = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true, actorId: true } });
  return rows.map((r) => r.action);
}

describe("submitIdea", () => {
  it("stores a signed-in resident's idea in the ideas phase, with no audit event", async () => {
    const p = await process("submit-ok");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea({ wardCode: "e05000829" }) }));
    const row = await ctx.db.prisma.idea.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ processId: p.id, accountId: ctx.residentA.account.id, status: "submitted", wardCode: WARD, title: "Benches by the canal", response: null });
    expect(await actions(id)).toEqual([]);
  });

  it("refuses the signed-out, people who are not residents of the council, and staff sessions", async () => {
    const p = await process("submit-who");
    const input = { councilId: ctx.councilA, processId: p.id, ...idea() };
    expect(await submitIdea(ctx.deps, null, input)).toEqual({ ok: false, reason: "not_signed_in" });
    expect(await submitIdea(ctx.deps, ctx.residentB, input)).toEqual({ ok: false, reason: "not_eligible" });
    // Officers take part as residents through a resident session, never with staff powers.
    expect(await submitIdea(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "not_eligible" });
    expect(await ctx.db.prisma.idea.count({ where: { processId: p.id } })).toBe(0);
  });

  it("takes ideas only in the ideas phase; a draft or another council's process is not found", async () => {
    const draft = await process("submit-draft", "draft");
    const review = await process("submit-review", "review");
    expect(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: draft.id, ...idea() })).toEqual({ ok: false, reason: "not_found" });
    expect(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: review.id, ...idea() })).toEqual({
      ok: false,
      reason: "ideas_closed",
      detail: { phase: "review" },
    });
    expect(await submitIdea(ctx.deps, ctx.residentB, { councilId: ctx.councilB, processId: review.id, ...idea() })).toEqual({ ok: false, reason: "not_found" });
  });

  it("returns field errors, including a ward outside the council", async () => {
    const p = await process("submit-invalid");
    expect(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, title: "", description: "Too short" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { title: "required", description: "too_short" } },
    });
    expect(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea({ wardCode: "E05099999" }) })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { wardCode: "unknown_ward" } },
    });
    expect(await ctx.db.prisma.idea.count({ where: { processId: p.id } })).toBe(0);
  });

  it("limits how many ideas one resident puts into one process", async () => {
    const p = await process("submit-limit");
    const keen = await ctx.resident(ctx.councilA, "keen@trafford.test");
    for (let i = 0; i < IDEA_LIMITS.perResident; i++)
      must(await submitIdea(ctx.deps, keen, { councilId: ctx.councilA, processId: p.id, ...idea({ title: `Idea number ${i}` }) }));
    expect(await submitIdea(ctx.deps, keen, { councilId: ctx.councilA, processId: p.id, ...idea() })).toEqual({
      ok: false,
      reason: "too_many_ideas",
      detail: { limit: IDEA_LIMITS.perResident },
    });
    // Someone else still can.
    must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea() }));
  });
});

describe("declineIdea and acceptIdea", () => {
  it("declines with a published response, once, audited", async () => {
    const p = await process("decline");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea() }));
    expect(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, response: "" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { response: "required" } },
    });
    must(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, response: "The towpath belongs to the canal trust, not the council." }));
    expect(await ctx.db.prisma.idea.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "declined", response: "The towpath belongs to the canal trust, not the council." });
    expect(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, response: "Changed our minds again." })).toEqual({ ok: false, reason: "already_decided" });
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.wholeArea, cost: "£500" })).toEqual({ ok: false, reason: "already_decided" });
    expect(await actions(id)).toEqual(["idea.declined"]);
  });

  it("accepts an idea as a project in one transaction: project, link, status, audit", async () => {
    const p = await process("accept");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea({ wardCode: WARD }) }));
    const accepted = must(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.priory, cost: "£1,500" }));
    expect(accepted).toMatchObject({ ideaId: id, reference: "P-1" });
    const project = await ctx.db.prisma.project.findUniqueOrThrow({ where: { id: accepted.projectId } });
    expect(project).toMatchObject({
      processId: p.id,
      budgetId: p.priory,
      ideaId: id,
      title: "Benches by the canal",
      description: "Somewhere to sit on the towpath near the bridge.",
      wardCode: WARD,
      costPence: 150_000n,
      status: "proposed",
    });
    expect(await ctx.db.prisma.idea.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "accepted" });
    expect(await actions(id)).toEqual(["idea.accepted"]);
    expect(await actions(project.id)).toEqual(["project.created"]);
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.priory, cost: "£1,500" })).toEqual({ ok: false, reason: "already_decided" });
    expect(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, response: "Too late to decline this." })).toEqual({ ok: false, reason: "already_decided" });
  });

  it("holds the project to the same rules as addProject, and leaves the idea waiting when it is refused", async () => {
    const p = await process("accept-invalid");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea() }));
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.priory, cost: "£12.345" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { cost: "too_many_decimals" } },
    });
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.priory, cost: "£2,000.01" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { cost: "over_budget" } },
    });
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: "", cost: "" })).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { cost: "required", budgetId: "required" } },
    });
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.wholeArea, cost: "£100", outcomes: [{ nodeId: "nowhere" }] })).toEqual({
      ok: false,
      reason: "unknown_outcome",
      detail: { nodeIds: ["nowhere"] },
    });
    const other = await process("accept-other");
    expect(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: other.wholeArea, cost: "£100" })).toEqual({ ok: false, reason: "not_found" });
    expect(await ctx.db.prisma.idea.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "submitted" });
    expect(await ctx.db.prisma.project.count({ where: { processId: p.id } })).toBe(0);
    expect(await actions(id)).toEqual([]);
    // The officer may reword the idea as a project.
    const ok = must(
      await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.wholeArea, cost: "£900", title: "Three towpath benches", description: "" }),
    );
    expect(await ctx.db.prisma.project.findUniqueOrThrow({ where: { id: ok.projectId } })).toMatchObject({
      title: "Three towpath benches",
      description: "Somewhere to sit on the towpath near the bridge.",
    });
  });

  it("makes one project when two officers accept the same idea at once", async () => {
    const p = await process("accept-race");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea() }));
    const results = await Promise.all(
      [1, 2, 3].map(() => acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: id, budgetId: p.wholeArea, cost: "£700" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["already_decided", "already_decided"]);
    expect(await ctx.db.prisma.project.count({ where: { processId: p.id } })).toBe(1);
  });

  it("refuses residents and other councils, and decisions once voting has opened", async () => {
    const p = await process("decide-who");
    const { id } = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea() }));
    expect(await declineIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, ideaId: id, response: "Not for residents to do." })).toEqual({ ok: false, reason: "forbidden" });
    expect(await acceptIdea(ctx.deps, ctx.officerB, { councilId: ctx.councilA, ideaId: id, budgetId: p.wholeArea, cost: "£1" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await acceptIdea(ctx.deps, ctx.officerB, { councilId: ctx.councilB, ideaId: id, budgetId: p.wholeArea, cost: "£1" })).toEqual({ ok: false, reason: "not_found" });
    expect(await getIdeaForOfficer(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: p.id, ideaId: id })).toEqual({ ok: false, reason: "not_found" });

    const voting = await openVotingProcess(ctx, "decide-voting");
    const late = await ctx.db.prisma.idea.create({ data: { processId: voting.processId, title: "Late idea", description: "Arrived by post after review." } });
    expect(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: late.id, response: "Voting has already opened." })).toEqual({
      ok: false,
      reason: "phase_locked",
      detail: { phase: "voting" },
    });
  });
});

describe("listIdeas", () => {
  it("shows the public waiting and accepted ideas, a resident their own with responses, officers all", async () => {
    const p = await process("list");
    const author = await ctx.resident(ctx.councilA, "author@trafford.test");
    // A minute apart: the lists are in the order ideas arrived.
    const waiting = must(await submitIdea(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: p.id, ...idea({ title: "Waiting idea", wardCode: WARD }) }));
    ctx.clock.advance(60_000);
    const declined = must(await submitIdea(ctx.deps, author, { councilId: ctx.councilA, processId: p.id, ...idea({ title: "Declined idea" }) }));
    ctx.clock.advance(60_000);
    const accepted = must(await submitIdea(ctx.deps, author, { councilId: ctx.councilA, processId: p.id, ...idea({ title: "Accepted idea" }) }));
    must(await declineIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: declined.id, response: "We cannot do this on council land." }));
    const project = must(await acceptIdea(ctx.deps, ctx.officerA, { councilId: ctx.councilA, ideaId: accepted.id, budgetId: p.wholeArea, cost: "£3,000" }));

    const anyone = must(await listIdeas(ctx.deps, null, { councilId: ctx.councilA, processId: p.id, scope: "public" }));
    expect(anyone.map((i) => [i.title, i.status, i.mine])).toEqual([
      ["Waiting idea", "submitted", false],
      ["Accepted idea", "accepted", false],
    ]);
    expect(anyone[0]).toMatchObject({ wardCode: WARD, wardName: "Priory", project: null, response: null });
    expect(anyone[1]!.project).toEqual({ id: project.projectId, reference: project.reference, title: "Accepted idea" });
    expect(Object.keys(anyone[0]!)).not.toContain("accountId");

    const own = must(await listIdeas(ctx.deps, author, { councilId: ctx.councilA, processId: p.id, scope: "public" }));
    expect(own.map((i) => [i.title, i.mine, i.response])).toEqual([
      ["Waiting idea", false, null],
      ["Declined idea", true, "We cannot do this on council land."],
      ["Accepted idea", true, null],
    ]);

    const officer = must(await listIdeas(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: p.id, scope: "officer" }));
    expect(officer.map((i) => i.id)).toEqual([waiting.id, declined.id, accepted.id]);
    expect(officer[1]!.response).toBe("We cannot do this on council land.");
  });

  it("hides a draft's ideas from the public and officer lists from everyone else", async () => {
    const draft = await process("list-draft", "draft");
    expect(await listIdeas(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: draft.id, scope: "public" })).toEqual({ ok: false, reason: "not_found" });
    expect(must(await listIdeas(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: draft.id, scope: "officer" }))).toEqual([]);
    expect(await listIdeas(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: draft.id, scope: "officer" })).toEqual({ ok: false, reason: "forbidden" });
    expect(await listIdeas(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: draft.id, scope: "officer" })).toEqual({ ok: false, reason: "not_found" });
  });
});
