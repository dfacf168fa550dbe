// Paper ballots on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set — there
// the races run on real parallel connections from the pool).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAPER_LIMITS } from "~/domain/budgeting/paper.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { castBallot, codeVoterKey, issueVotingCodes, normaliseVotingCode } from "./ballots.server.ts";
import {
  enterPaperBatch,
  enterSecondPaperEntry,
  getPaperBatch,
  paperEntryForm,
  paperOverview,
  reconcilePaperBatch,
  registerVoterKey,
  unreconciledPaperBatches,
} from "./paper.server.ts";
import { changePhase, createProcess } from "./processes.server.ts";
import { ukDay } from "./support.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, staffActor, type BudgetingTestContext, type OpenProcess } from "./test-kit.server.ts";
import { issueVotingCodesFor, votingCodeSummary } from "./voting-codes.server.ts";

let ctx: BudgetingTestContext;
/** A second officer of council A (an administrator): the second pair of hands. */
let adminA: Actor;

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  adminA = await staffActor(ctx, ctx.councilA, "admin@trafford.test", "admin");
});

afterAll(async () => {
  await ctx?.db.close();
});

/** A knapsack process (£10,000; P-1 £5,000, P-2 £3,000, P-3 £2,000, P-4 £1,000) in voting, with `count` fresh codes. */
async function paperProcess(slug: string, count = 4, settings: Record<string, unknown> = {}): Promise<OpenProcess & { codes: string[] }> {
  const open = await openVotingProcess(ctx, slug, { ballotType: "knapsack", maxProjects: "", useVotingCodes: "on", ...settings });
  if (count === 0) return { ...open, codes: [] };
  const { codes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, count }));
  return { ...open, codes };
}

function first(open: OpenProcess, ballots: string, over: Record<string, unknown> = {}, actor: Actor = ctx.officerA) {
  return enterPaperBatch(ctx.deps, actor, {
    councilId: ctx.councilA,
    process: open.slug,
    pollingPlace: "Sale Library",
    budgetId: open.budgetId,
    ballots,
    ...over,
  });
}

function second(open: OpenProcess, batchId: string, ballots: string, actor: Actor = adminA) {
  return enterSecondPaperEntry(ctx.deps, actor, { councilId: ctx.councilA, process: open.slug, batchId, ballots });
}

function reconcile(open: OpenProcess, batchId: string, form: Record<string, string>, actor: Actor = ctx.officerA) {
  return reconcilePaperBatch(ctx.deps, actor, { councilId: ctx.councilA, process: open.slug, batchId, form });
}

async function rows(processId?: string) {
  const p = ctx.db.prisma;
  const where = processId ? { processId } : {};
  return {
    batches: await p.paperBallotBatch.count({ where }),
    ballots: await p.ballot.count({ where }),
    choices: await p.ballotChoice.count({ where: processId ? { ballot: { processId } } : {} }),
    participations: await p.participation.count({ where }),
    usedCodes: await p.votingCode.count({ where: { ...where, usedAt: { not: null } } }),
  };
}

async function storedChoices(open: OpenProcess, voterKey: string): Promise<string[]> {
  const ballot = await ctx.db.prisma.ballot.findUnique({
    where: { budgetId_voterKey: { budgetId: open.budgetId, voterKey } },
    select: { choices: { select: { project: { select: { reference: true } } } } },
  });
  return (ballot?.choices ?? []).map((c) => c.project.reference).sort();
}

describe("double entry", () => {
  it("two identical entries by two officers store every valid paper once, and report the duplicates", async () => {
    const open = await paperProcess("paper-identical");
    const [online, c1, c2] = open.codes;
    // The first code has already voted online.
    must(await castBallot(ctx.deps, null, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-3"]!, value: 1 }], votingCode: online }));
    const before = await rows(open.processId);

    const text = [`${online}: P-1`, `${c1}: P-2, P-3`, "", "ab1-1: P-4", "AB1-0001: P-1", `${c2!.toLowerCase()}: P-1, P-4`].join("\n");
    const entered = must(await first(open, text));
    expect(entered.papers).toBe(5);
    // Typed once is not counted: nothing but the batch is stored.
    expect(await rows(open.processId)).toEqual({ ...before, batches: 1 });
    expect(await ctx.db.prisma.paperBallotBatch.findUniqueOrThrow({ where: { id: entered.batchId }, select: { status: true, firstEntryById: true } })).toEqual({
      status: "first_entry",
      firstEntryById: ctx.officerA.account.id,
    });

    // The same officer cannot type the second entry.
    expect(await second(open, entered.batchId, text, ctx.officerA)).toEqual({ ok: false, reason: "same_officer" });

    // The second officer typed the papers in another order, with the codes in printed form (a
    // register number written on two papers is matched paper by paper in the order typed).
    const again = [`${c2}: P-4, P-1`, "AB1 1: P-4", `${online}: P-1`, `${c1}: P-3, P-2`, "AB1-1: P-1"].join("\n");
    const outcome = must(await second(open, entered.batchId, again));
    expect(outcome).toEqual({
      status: "reconciled",
      report: {
        stored: 3,
        duplicates: [
          { entry: "first", line: 1, kind: "code", hint: normaliseVotingCode(online!)!.slice(-4), reason: "code_used" },
          { entry: "first", line: 5, kind: "register", hint: null, reason: "repeated_in_batch" },
        ],
        resolved: { first: 0, second: 0, retyped: 0 },
      },
    });

    const after = await rows(open.processId);
    expect(after).toEqual({ batches: 1, ballots: before.ballots + 3, choices: before.choices + 5, participations: before.participations + 3, usedCodes: before.usedCodes + 2 });
    const secret = ctx.deps.config.appSecret;
    expect(await storedChoices(open, codeVoterKey(secret, open.budgetId, normaliseVotingCode(c1!)!))).toEqual(["P-2", "P-3"]);
    expect(await storedChoices(open, codeVoterKey(secret, open.budgetId, normaliseVotingCode(c2!)!))).toEqual(["P-1", "P-4"]);
    expect(await storedChoices(open, registerVoterKey(secret, open.budgetId, "AB1-1"))).toEqual(["P-4"]);
    // The code already used online keeps its online ballot only.
    expect(await storedChoices(open, codeVoterKey(secret, open.budgetId, normaliseVotingCode(online!)!))).toEqual(["P-3"]);

    const paper = await ctx.db.prisma.ballot.findMany({ where: { paperBatchId: entered.batchId }, select: { channel: true, castAt: true, reference: true } });
    expect(paper).toHaveLength(3);
    for (const b of paper) {
      expect(b.channel).toBe("paper");
      expect(b.castAt).toEqual(ukDay(ctx.clock.now()));
      expect(b.reference).toMatch(/^PB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    }
    const participations = await ctx.db.prisma.participation.findMany({ where: { processId: open.processId, channel: "paper" } });
    expect(participations).toHaveLength(3);
    for (const p of participations) expect(p).toMatchObject({ accountId: null, wardCode: null, imdDecile: null, votedOn: ukDay(ctx.clock.now()) });

    // A code voted on paper can no longer vote online.
    expect(
      await castBallot(ctx.deps, null, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-1"]!, value: 1 }], votingCode: c1 }),
    ).toEqual({ ok: false, reason: "code_used" });

    const batch = must(await getPaperBatch(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, batchId: entered.batchId }));
    expect(batch.batch).toMatchObject({ status: "reconciled", papers: 5, secondPapers: 5, counted: 3, pollingPlace: "Sale Library" });
    expect(batch.report).toEqual(outcome.status === "reconciled" ? outcome.report : null);
    expect(await second(open, entered.batchId, again)).toEqual({ ok: false, reason: "already_entered" });
  });

  it("keeps codes, register numbers and choices out of the stored entries' plain text and out of the audit log", async () => {
    const open = await paperProcess("paper-secrecy", 2);
    const [c1, c2] = open.codes;
    const text = `${c1}: P-2\nAB1-77: P-3\n${c2}: P-4`;
    const { batchId } = must(await first(open, text));
    must(await second(open, batchId, text));
    const batch = await ctx.db.prisma.paperBallotBatch.findUniqueOrThrow({ where: { id: batchId } });
    const stored = JSON.stringify([batch.firstEntry, batch.secondEntry]);
    for (const secret of [c1!, c2!, normaliseVotingCode(c1!)!, normaliseVotingCode(c2!)!, "AB1-77"]) expect(stored).not.toContain(secret);
    // One clock tick for all three: ordered by action, not time.
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: batchId }, orderBy: { action: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["paper.batch_entered", ctx.officerA.account.id],
      ["paper.batch_reconciled", adminA.account.id],
      ["paper.batch_second_entry", adminA.account.id],
    ]);
    const logged = JSON.stringify(events.map((e) => e.data));
    for (const secret of [c1!, normaliseVotingCode(c1!)!, "AB1-77", ...Object.values(open.projects), "P-2", "P-3"]) expect(logged).not.toContain(secret);
    expect(events[0]!.data).toMatchObject({ pollingPlace: "Sale Library", papers: 3 });
    expect(events[1]!.data).toMatchObject({ automatic: true, report: { stored: 3, duplicates: [] } });
    expect(events[2]!.data).toMatchObject({ papers: 3, differences: 0 });
  });

  it("lists the differences paper by paper and stores nothing until each is settled", async () => {
    const open = await paperProcess("paper-differences", 0, { useVotingCodes: "on" });
    const firstText = ["AB1-10: P-1", "AB1-11: P-2", "AB1-12: P-3", "AB1-14: P-4"].join("\n");
    const secondText = ["AB1-10: P-1", "AB1-11: P-4", "AB1-13: P-3", "AB1-14: P-4"].join("\n");
    const { batchId } = must(await first(open, firstText));
    expect(must(await second(open, batchId, secondText))).toEqual({ status: "second_entry", differences: 3 });
    const before = await rows(open.processId);
    expect(before.ballots).toBe(0);

    const view = must(await getPaperBatch(ctx.deps, adminA, { councilId: ctx.councilA, process: open.slug, batchId }));
    expect(view.batch.status).toBe("second_entry");
    expect(view.typedFirst).toBe(false);
    expect(view.differences).toEqual([
      {
        index: 0,
        first: { line: 2, hint: null, kind: "register", choices: [{ reference: "P-2", title: "Wildflower verges", value: 1 }] },
        second: { line: 2, hint: null, kind: "register", choices: [{ reference: "P-4", title: "Defibrillator at the library", value: 1 }] },
      },
      { index: 1, first: { line: 3, hint: null, kind: "register", choices: [{ reference: "P-3", title: "Youth club kit", value: 1 }] }, second: null },
      { index: 2, first: null, second: { line: 3, hint: null, kind: "register", choices: [{ reference: "P-3", title: "Youth club kit", value: 1 }] } },
    ]);

    // Every difference needs an answer; a paper typed again must be a valid line.
    expect(await reconcile(open, batchId, { "resolution-0": "first", "resolution-2": "retype" })).toMatchObject({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { "resolution-1": "choose_entry", "retype-2": "retype_required" } },
    });
    expect(await reconcile(open, batchId, { "resolution-0": "retype", "retype-0": "AB1-11: P-2, P-9", "resolution-1": "first", "resolution-2": "second" })).toMatchObject({
      ok: false,
      reason: "invalid",
      detail: { retyped: { "retype-0": { line: 2, problem: { reason: "unknown_project", detail: { projectId: "P-9" } } } } },
    });
    expect(await reconcile(open, batchId, { "resolution-0": "retype", "retype-0": "AB1-11: P-1, P-2, P-3, P-4", "resolution-1": "first", "resolution-2": "second" })).toMatchObject({
      ok: false,
      detail: { retyped: { "retype-0": { problem: { reason: "over_budget" } } } },
    });
    expect(await rows(open.processId)).toEqual(before);

    // The paper says P-2 and P-4; line 3 of the first entry was right (AB1-12), the second entry's AB1-13 was a slip.
    const report = must(await reconcile(open, batchId, { "resolution-0": "retype", "retype-0": "AB1-11: P-2, P-4", "resolution-1": "first", "resolution-2": "first" }));
    expect(report).toEqual({ stored: 4, duplicates: [], resolved: { first: 2, second: 0, retyped: 1 } });
    const secret = ctx.deps.config.appSecret;
    expect(await storedChoices(open, registerVoterKey(secret, open.budgetId, "AB1-11"))).toEqual(["P-2", "P-4"]);
    expect(await storedChoices(open, registerVoterKey(secret, open.budgetId, "AB1-12"))).toEqual(["P-3"]);
    expect(await storedChoices(open, registerVoterKey(secret, open.budgetId, "AB1-13"))).toEqual([]);
    expect(await rows(open.processId)).toMatchObject({ ballots: 4, participations: 4 });
    expect(await reconcile(open, batchId, { "resolution-0": "first", "resolution-1": "first", "resolution-2": "first" })).toEqual({
      ok: false,
      reason: "not_awaiting_reconciliation",
    });
    const event = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: batchId, action: "paper.batch_reconciled" } });
    expect(event.actorId).toBe(ctx.officerA.account.id);
    expect(event.data).toMatchObject({ automatic: false, report: { resolved: { first: 2, second: 0, retyped: 1 } } });

    // A register number that voted in this batch is a duplicate in a later one.
    const later = must(await first(open, "AB1-11: P-1\nAB1-99: P-1", { pollingPlace: "Urmston Library" }));
    const laterReport = must(await second(open, later.batchId, "AB1-99: P-1\nAB1-11: P-1"));
    expect(laterReport).toMatchObject({ status: "reconciled", report: { stored: 1, duplicates: [{ line: 1, kind: "register", reason: "already_voted" }] } });
    expect(await storedChoices(open, registerVoterKey(secret, open.budgetId, "AB1-11"))).toEqual(["P-2", "P-4"]);
  });

  it("cumulative and ranked papers store points and ranks", async () => {
    const cumulative = await paperProcess("paper-cumulative", 0, { ballotType: "cumulative", points: "10", pointsPerProjectCap: "6" });
    const ranked = await paperProcess("paper-ranked", 0, { ballotType: "ranked", rankCount: "3", countingRule: "greedy" });
    const c = must(await first(cumulative, "AB1-1: P-1=6, P-2=4"));
    must(await second(cumulative, c.batchId, "AB1-1: P-2=4, P-1=6"));
    const r = must(await first(ranked, "AB1-1: P-3 > P-1"));
    must(await second(ranked, r.batchId, "AB1-1: P-3 > P-1"));
    const secret = ctx.deps.config.appSecret;
    const values = async (open: OpenProcess) =>
      (
        await ctx.db.prisma.ballotChoice.findMany({
          where: { ballot: { budgetId: open.budgetId, voterKey: registerVoterKey(secret, open.budgetId, "AB1-1") } },
          select: { value: true, project: { select: { reference: true } } },
          orderBy: { value: "asc" },
        })
      ).map((x) => [x.project.reference, x.value]);
    expect(await values(cumulative)).toEqual([["P-2", 4], ["P-1", 6]]);
    expect(await values(ranked)).toEqual([["P-3", 1], ["P-1", 2]]);
    // A different order is a different ranking: a difference, not an agreement.
    const r2 = must(await first(ranked, "AB1-2: P-3 > P-1"));
    expect(must(await second(ranked, r2.batchId, "AB1-2: P-1 > P-3"))).toEqual({ status: "second_entry", differences: 1 });
  });
});

describe("turnout", () => {
  it("paper voters of a ward budget count in that ward, without an account", async () => {
    await ctx.db.prisma.area.create({ data: { councilId: ctx.councilA, type: "ward", code: "E05000820", name: "Sale Moor" } });
    const open = await openVotingProcess(ctx, "paper-ward", {
      ballotType: "knapsack",
      maxProjects: "",
      budgets: [{ name: "Sale Moor", amount: "£10,000", wardCode: "E05000820" }],
    });
    const { batchId } = must(await first(open, "SM1-1: P-1\nSM1-2: P-2"));
    must(await second(open, batchId, "SM1-1: P-1\nSM1-2: P-2"));
    const rowsOf = await ctx.db.prisma.participation.findMany({ where: { budgetId: open.budgetId }, select: { channel: true, accountId: true, wardCode: true } });
    expect(rowsOf).toEqual([
      { channel: "paper", accountId: null, wardCode: "E05000820" },
      { channel: "paper", accountId: null, wardCode: "E05000820" },
    ]);
  });
});

describe("refused entries store nothing", () => {
  it("malformed lines, unknown projects, an over-budget knapsack and an unknown code are reported by line", async () => {
    const open = await paperProcess("paper-refused", 1);
    const before = await rows();
    const auditBefore = await ctx.db.prisma.auditEvent.count({ where: { action: { startsWith: "paper." } } });
    const text = ["AB1-1: P-1", "AB1-2 P-1", "AB1-3: P-7", "AB1-4: P-1, P-2, P-3, P-4", "7K3Q-9XD2-M4PA: P-1", `${open.codes[0]}: P-4`].join("\n");
    const result = await first(open, text);
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    if (result.ok || result.reason !== "invalid") return;
    expect(result.detail.lines.map((l) => [l.line, l.problem.reason])).toEqual([
      [2, "no_separator"],
      [3, "unknown_project"],
      [4, "over_budget"],
    ]);
    expect(result.detail.ballotType).toBe("knapsack");
    expect(result.detail.references[open.projects["P-1"]!]).toBe("P-1");
    // Only once every line reads is each code looked up: a code never issued here is refused too.
    const unknownCode = await first(open, "7K3Q-9XD2-M4PA: P-1\nAB1-1: P-1");
    expect(unknownCode).toMatchObject({ ok: false, reason: "invalid", detail: { lines: [{ line: 1, problem: { reason: "unknown_code" } }] } });
    // A code of another process is as unknown as a made-up one.
    const other = await paperProcess("paper-refused-other", 1);
    expect(await first(open, `${other.codes[0]}: P-1`)).toMatchObject({ ok: false, detail: { lines: [{ line: 1, problem: { reason: "unknown_code" } }] } });
    expect(await first(open, "")).toMatchObject({ ok: false, detail: { batch: "no_ballots" } });
    expect(await first(open, "AB1-1: P-1", { pollingPlace: " ", budgetId: "nope" })).toMatchObject({
      ok: false,
      detail: { fieldErrors: { pollingPlace: "required", budgetId: "unknown_budget" } },
    });
    expect(await first(open, "AB1-1 P-1", { pollingPlace: "" })).toMatchObject({
      ok: false,
      detail: { fieldErrors: { pollingPlace: "required" }, lines: [{ line: 1, problem: { reason: "no_separator" } }] },
    });
    expect(await rows()).toEqual(before);
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: { startsWith: "paper." } } })).toBe(auditBefore);
  });
});

describe("phases", () => {
  it("papers are taken from voting until the budget's result is published", async () => {
    const open = await openVotingProcess(ctx, "paper-phase", { ballotType: "knapsack", maxProjects: "" });
    const early = must(
      await createProcess(ctx.deps, ctx.officerA, {
        councilId: ctx.councilA,
        title: "Not yet voting",
        slug: "paper-phase-draft",
        summary: "A process that has not opened voting yet.",
        budgets: [{ name: "Whole area", amount: "£1,000" }],
      }),
    );
    const earlyBudget = await ctx.db.prisma.processBudget.findFirstOrThrow({ where: { processId: early.id } });
    expect(await enterPaperBatch(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: early.slug, pollingPlace: "Sale", budgetId: earlyBudget.id, ballots: "AB1-1: P-1" })).toEqual({
      ok: false,
      reason: "voting_not_open",
    });

    const waiting = must(await first(open, "AB1-1: P-1"));
    const settled = must(await first(open, "AB1-2: P-2"));
    must(await second(open, settled.batchId, "AB1-3: P-2"));
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    // Voting has closed but nothing is published: the polling places' boxes can still be typed in.
    const inResults = must(await first(open, "AB1-4: P-3"));
    expect(await unreconciledPaperBatches(ctx.deps, { councilId: ctx.councilA, processId: open.processId })).toEqual([{ budgetId: open.budgetId, batches: 3 }]);

    // Published: a result is never recounted, so no paper may be added or settled.
    await ctx.db.prisma.budgetResult.create({
      data: { processId: open.processId, budgetId: open.budgetId, rule: "greedy", ballotCount: 0, selected: [], explanation: {}, publishedAt: ctx.clock.now() },
    });
    const before = await rows(open.processId);
    expect(await first(open, "AB1-5: P-3")).toEqual({ ok: false, reason: "results_published" });
    expect(await second(open, waiting.batchId, "AB1-1: P-1")).toEqual({ ok: false, reason: "results_published" });
    expect(await reconcile(open, settled.batchId, { "resolution-0": "first", "resolution-1": "second" })).toEqual({ ok: false, reason: "results_published" });
    expect(await rows(open.processId)).toEqual(before);
    expect(must(await paperOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug })).entryRefusal).toBe("results_published");
    expect(inResults.papers).toBe(1);

    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "delivery" }));
    expect(await first(open, "AB1-6: P-3")).toEqual({ ok: false, reason: "results_published" });
  });
});

describe("tenancy and authorisation", () => {
  it("only this council's officers and admins reach its batches", async () => {
    const open = await paperProcess("paper-tenancy", 0);
    const { batchId } = must(await first(open, "AB1-1: P-1"));
    const salford = await openVotingProcess(ctx, "paper-tenancy-salford", { ballotType: "knapsack", maxProjects: "" }, ctx.councilB, ctx.officerB);
    const { batchId: salfordBatch } = must(
      await enterPaperBatch(ctx.deps, ctx.officerB, { councilId: ctx.councilB, process: salford.slug, pollingPlace: "Eccles", budgetId: salford.budgetId, ballots: "AB1-1: P-1" }),
    );

    for (const outsider of [ctx.officerB, ctx.residentA, null]) {
      expect(await first(open, "AB1-2: P-1", {}, outsider as Actor)).toEqual({ ok: false, reason: "forbidden" });
      expect(await enterSecondPaperEntry(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug, batchId, ballots: "AB1-1: P-1" })).toEqual({ ok: false, reason: "forbidden" });
      expect(await reconcilePaperBatch(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug, batchId, form: {} })).toEqual({ ok: false, reason: "forbidden" });
      expect(await getPaperBatch(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug, batchId })).toEqual({ ok: false, reason: "forbidden" });
      expect(await paperOverview(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug })).toEqual({ ok: false, reason: "forbidden" });
      expect(await votingCodeSummary(ctx.deps, outsider, { councilId: ctx.councilA, process: open.slug })).toEqual({ ok: false, reason: "forbidden" });
    }
    // Another council's process or batch, reached from this council: not found, never forbidden.
    expect(await paperOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: salford.slug })).toEqual({ ok: false, reason: "not_found" });
    expect(await getPaperBatch(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug, batchId: salfordBatch })).toEqual({ ok: false, reason: "not_found" });
    expect(await getPaperBatch(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: salford.processId, batchId: salfordBatch })).toEqual({ ok: false, reason: "not_found" });
    expect(await second(open, salfordBatch, "AB1-1: P-1")).toEqual({ ok: false, reason: "not_found" });
    expect(await first(open, "AB1-1: P-1", { budgetId: salford.budgetId })).toMatchObject({ ok: false, detail: { fieldErrors: { budgetId: "unknown_budget" } } });
    expect(await paperEntryForm(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: salford.slug })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("races", () => {
  it("two second entries at once: one is taken, the papers are stored once", async () => {
    const open = await paperProcess("paper-race-second", 0);
    const third = await staffActor(ctx, ctx.councilA, "third@trafford.test", "officer");
    const text = Array.from({ length: 30 }, (_, i) => `AB2-${i + 1}: P-${(i % 4) + 1}`).join("\n");
    const { batchId } = must(await first(open, text));
    const results = await Promise.all([second(open, batchId, text, adminA), second(open, batchId, text, third)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "already_entered" }]);
    expect(await rows(open.processId)).toMatchObject({ ballots: 30, participations: 30 });
  });

  it("a code voted online while its paper is being reconciled counts once", async () => {
    for (let round = 0; round < 3; round++) {
      const open = await paperProcess(`paper-race-code-${round}`, 1);
      const code = open.codes[0]!;
      const { batchId } = must(await first(open, `${code}: P-1`));
      const [paper, online] = await Promise.all([
        second(open, batchId, `${code}: P-1`),
        castBallot(ctx.deps, null, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-2"]!, value: 1 }], votingCode: code }),
      ]);
      const report = must(paper);
      expect(report.status).toBe("reconciled");
      const stored = report.status === "reconciled" ? report.report.stored : -1;
      // Exactly one of the two counted.
      expect(stored + (online.ok ? 1 : 0)).toBe(1);
      if (!online.ok) expect(online.reason).toBe("code_used");
      expect(await ctx.db.prisma.ballot.count({ where: { budgetId: open.budgetId } })).toBe(1);
    }
  });
});

describe("a full box", () => {
  it("the largest batch allowed is checked and stored in one go", async () => {
    const open = await paperProcess("paper-full-box", 0);
    const text = Array.from({ length: PAPER_LIMITS.ballotsMax }, (_, i) => `FB${(i % 7) + 1}-${i + 1}: P-${(i % 4) + 1}, P-${((i + 1) % 4) + 1}`).join("\n");
    const { batchId } = must(await first(open, text));
    const outcome = must(await second(open, batchId, text));
    expect(outcome).toMatchObject({ status: "reconciled", report: { stored: PAPER_LIMITS.ballotsMax, duplicates: [] } });
    expect(await rows(open.processId)).toMatchObject({ ballots: PAPER_LIMITS.ballotsMax, choices: 2 * PAPER_LIMITS.ballotsMax, participations: PAPER_LIMITS.ballotsMax });
  });
});

describe("reads for the pages", () => {
  it("the overview, the entry form and the codes summary", async () => {
    const open = await paperProcess("paper-reads", 3);
    must(await castBallot(ctx.deps, null, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId, choices: [{ projectId: open.projects["P-3"]!, value: 1 }], votingCode: open.codes[0] }));
    const { batchId } = must(await first(open, "AB1-1: P-1\nAB1-2: P-2"));
    const overview = must(await paperOverview(ctx.deps, adminA, { councilId: ctx.councilA, process: open.slug }));
    expect(overview.entryRefusal).toBeNull();
    expect(overview.batches).toEqual([
      {
        id: batchId,
        pollingPlace: "Sale Library",
        budgetName: "Whole area",
        status: "first_entry",
        papers: 2,
        counted: 0,
        firstEntryBy: "officer@trafford.test",
        firstEntryAt: ctx.clock.now(),
        secondEntryBy: null,
        reconciledAt: null,
      },
    ]);
    const form = must(await paperEntryForm(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.processId }));
    expect(form.ballot).toEqual({ type: "knapsack", minProjects: 1, maxProjects: null, points: null, pointsPerProjectCap: null, rankCount: null });
    expect(form.budgets).toEqual([
      {
        id: open.budgetId,
        name: "Whole area",
        amountPence: 1_000_000n,
        refusal: null,
        projects: [
          { reference: "P-1", title: "Benches by the river", costPence: 500_000n },
          { reference: "P-2", title: "Wildflower verges", costPence: 300_000n },
          { reference: "P-3", title: "Youth club kit", costPence: 200_000n },
          { reference: "P-4", title: "Defibrillator at the library", costPence: 100_000n },
        ],
      },
    ]);
    // openVotingProcess issued 1 code to open voting, paperProcess 3 more; one has voted.
    expect(must(await votingCodeSummary(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug }))).toMatchObject({ issued: 4, used: 1, canIssue: true });
    const more = must(await issueVotingCodesFor(ctx.deps, adminA, { councilId: ctx.councilA, process: open.slug, count: 2 }));
    expect(more.codes).toHaveLength(2);
    expect(must(await votingCodeSummary(ctx.deps, ctx.officerA, { councilId: ctx.councilA, process: open.slug }))).toMatchObject({ issued: 6, used: 1 });
    expect(await issueVotingCodesFor(ctx.deps, adminA, { councilId: ctx.councilB, process: open.slug, count: 2 })).toEqual({ ok: false, reason: "forbidden" });
    expect(await issueVotingCodesFor(ctx.deps, adminA, { councilId: ctx.councilA, process: "no-such-process", count: 2 })).toEqual({ ok: false, reason: "not_found" });
  });
});
