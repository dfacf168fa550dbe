// Counting, publishing and reading results on a real database (PGlite; PostgreSQL too when
// TEST_DATABASE_URL is set). Ballots are cast through castBallot, as residents cast them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tally } from "~/cli/tally.ts";
import { tallyArguments } from "~/domain/budgeting/count.ts";
import { explainProject } from "~/domain/budgeting/messages.ts";
import { parsePabulib } from "~/domain/budgeting/pabulib.ts";
import { moneyFormatters } from "~/domain/budgeting/result-record.ts";
import { NOT_RECORDED } from "~/domain/budgeting/turnout.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { castBallot } from "./ballots.server.ts";
import { enterPaperBatch, enterSecondPaperEntry } from "./paper.server.ts";
import { changePhase } from "./processes.server.ts";
import { countBudget, getOfficerResults, getPublishedResults, publishResults, resultsOpenData, resultsPabulibFile } from "./results.server.ts";
import { must, openBudgetingTestContext, openVotingProcess, staffActor, type BudgetingTestContext, type OpenProcess } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;
const WARD_A = "E05000001";
const WARD_B = "E05000002";

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  // Two wards of council A, each with one neighbourhood (LSOA) and one postcode, so ballots cast
  // with a postcode record a ward and a deprivation decile on their Participation row.
  const p = ctx.db.prisma;
  await p.area.createMany({
    data: [
      { councilId: ctx.councilA, type: "ward", code: WARD_A, name: "Ashton upon Mersey", boundary: box(-2.4, 53.4) },
      { councilId: ctx.councilA, type: "ward", code: WARD_B, name: "Bucklow-St Martins", boundary: box(-2.3, 53.4) },
      // Another council's ward never appears on council A's map.
      { councilId: ctx.councilB, type: "ward", code: "E05000003", name: "Elsewhere", boundary: box(-1, 52) },
      { councilId: ctx.councilA, type: "lsoa", code: "E01000001", name: "Trafford 001A", imdDecile: 3, parentCode: WARD_A },
      { councilId: ctx.councilA, type: "lsoa", code: "E01000002", name: "Trafford 002A", imdDecile: 8, parentCode: WARD_B },
    ],
  });
  await p.postcode.createMany({
    data: [
      { councilId: ctx.councilA, postcode: "M33 5AA", lsoaCode: "E01000001", wardCode: WARD_A },
      { councilId: ctx.councilA, postcode: "M31 4BB", lsoaCode: "E01000002", wardCode: WARD_B },
    ],
  });
});

afterAll(async () => {
  await ctx?.db.close();
});

/** A GeoJSON square 0.1° on a side with its south-west corner at (lon, lat). */
function box(lon: number, lat: number) {
  const ring = [
    [lon, lat],
    [lon + 0.1, lat],
    [lon + 0.1, lat + 0.1],
    [lon, lat + 0.1],
    [lon, lat],
  ];
  return { type: "Polygon", coordinates: [ring] };
}

const EQUAL_SHARES = { countingRule: "equal_shares", mesCompletion: "add1_utilitarian", mesUtilities: "cost" };

/**
 * 14 residents of ward A back P-1 (£5,000) and P-2 (£3,000); 6 of ward B back P-3 (£2,000) and
 * P-4 (£1,000). Budget £10,000.
 */
async function castSplit(open: OpenProcess, label: string, extra: { paper?: boolean } = {}) {
  const voters: Actor[] = [];
  for (let i = 0; i < 20; i++) voters.push(await ctx.resident(ctx.councilA, `${label}${i}@results.test`));
  for (const [i, voter] of voters.entries()) {
    const majority = i < 14;
    must(
      await castBallot(ctx.deps, voter, {
        councilId: ctx.councilA,
        processId: open.processId,
        budgetId: open.budgetId,
        choices: (majority ? ["P-1", "P-2"] : ["P-3", "P-4"]).map((r) => ({ projectId: open.projects[r]!, value: 1 })),
        postcode: majority ? "M33 5AA" : "M31 4BB",
      }),
    );
  }
  if (extra.paper) {
    // A ballot entered from paper is a Ballot row like any other (channel "paper"); paper entry
    // itself is another use case, so the row is written here as it writes it.
    await ctx.db.prisma.ballot.create({
      data: {
        processId: open.processId,
        budgetId: open.budgetId,
        voterKey: `paper-${label}`,
        reference: `PB-PAPR-${label.slice(0, 4).toUpperCase()}`,
        channel: "paper",
        choices: { create: [{ projectId: open.projects["P-3"]!, value: 1 }] },
      },
    });
  }
}

async function closedProcess(slug: string, settings: Record<string, unknown> = EQUAL_SHARES, options: { paper?: boolean } = {}) {
  const open = await openVotingProcess(ctx, slug, settings);
  await castSplit(open, slug, options);
  must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
  return open;
}

function refs(open: OpenProcess, ids: readonly string[]) {
  const byId = new Map(Object.entries(open.projects).map(([r, id]) => [id, r]));
  return ids.map((id) => byId.get(id));
}

describe("countBudget", () => {
  it("is for the council's officers, once voting has closed", async () => {
    const open = await openVotingProcess(ctx, "count-guards", EQUAL_SHARES);
    const input = { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId };
    expect(await countBudget(ctx.deps, ctx.residentA, input)).toEqual({ ok: false, reason: "forbidden" });
    expect(await countBudget(ctx.deps, ctx.officerB, input)).toEqual({ ok: false, reason: "forbidden" });
    expect(await countBudget(ctx.deps, ctx.officerB, { ...input, councilId: ctx.councilB })).toEqual({ ok: false, reason: "not_found" });
    expect(await countBudget(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "phase_locked", detail: { phase: "voting" } });
    expect(await ctx.db.prisma.budgetResult.count({ where: { processId: open.processId } })).toBe(0);
  });

  it("counts with equal shares, explains every project, compares with greedy, and counts paper ballots", async () => {
    const open = await closedProcess("count-mes", EQUAL_SHARES, { paper: true });
    const counted = must(await countBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId }));
    expect(counted.ballotCount).toBe(21);
    // Equal shares gives ward B's voters (30% of the ballots) both their projects.
    expect(counted.selected).toEqual(["P-2", "P-3", "P-4"]);

    const row = await ctx.db.prisma.budgetResult.findFirstOrThrow({ where: { budgetId: open.budgetId } });
    expect(row.publishedAt).toBeNull();
    expect(row.rule).toBe("equalshares/add1-utilitarian");
    expect(refs(open, row.selected as string[])).toEqual(["P-2", "P-3", "P-4"]);

    const officer = must(await getOfficerResults(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slugOrId: open.slug }));
    expect(officer.published).toBe(false);
    const result = officer.budgets[0]!.result!;
    expect(result.currency).toBe("GBP");
    expect(result.outcome.projects.map((p) => [p.projectId, p.funded, p.votes])).toEqual([
      ["P-1", false, 14],
      ["P-2", true, 14],
      ["P-3", true, 7],
      ["P-4", true, 6],
    ]);
    const money = moneyFormatters("GBP");
    const words = result.outcome.projects.map((p) => explainProject(p, "en", money.exact));
    expect(words[0]).toMatch(/^Not funded: its supporters had £[\d,.]+ left of the £5,000 it needed\./);
    expect(words[1]).toMatch(/^Funded in round 1\. 14 of its 14 supporters paid £214\.29 each\./);
    expect(result.comparison).toEqual({
      greedySelected: ["P-2", "P-1", "P-3"],
      greedyCost: { n: 1_000_000n, d: 1n },
      preferEqualShares: 6,
      preferGreedy: 14,
      // The paper ballot backs P-3 alone, which both outcomes fund.
      indifferent: 1,
    });
    expect(officer.budgets[0]!.ballots).toEqual({ online: 20, paper: 1 });

    const events = await ctx.db.prisma.auditEvent.findMany({ where: { action: "budget.counted", subjectId: open.budgetId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(ctx.officerA.account.id);
    expect(events[0]!.data).toMatchObject({ ballotCount: 21, selected: ["P-2", "P-3", "P-4"], rule: "equal-shares" });
  });

  it("a recount replaces the unpublished result", async () => {
    const open = await closedProcess("recount");
    const input = { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId };
    const first = must(await countBudget(ctx.deps, ctx.officerA, input));
    ctx.clock.advance(60_000);
    const second = must(await countBudget(ctx.deps, ctx.officerA, input));
    expect(second.resultId).not.toBe(first.resultId);
    const rows = await ctx.db.prisma.budgetResult.findMany({ where: { budgetId: open.budgetId } });
    expect(rows.map((r) => r.id)).toEqual([second.resultId]);
  });
});

describe("countBudget with a deciding tie", () => {
  it("reports the tied projects by reference and title and stores nothing", async () => {
    const open = await openVotingProcess(ctx, "tie-decides", {
      countingRule: "greedy",
      tieBreak: "report",
      budgets: [{ name: "Whole area", amount: "£9,000" }],
    });
    // P-3 and P-4 (3 votes each) are funded first, leaving £6,000; P-1 (£5,000) and P-2 (£3,000)
    // then have 2 votes each and cannot both be funded: the tie decides which.
    const ballots = [["P-3", "P-4"], ["P-3", "P-4"], ["P-3", "P-4"], ["P-1"], ["P-1"], ["P-2"], ["P-2"]];
    for (const [i, choice] of ballots.entries()) {
      const voter = await ctx.resident(ctx.councilA, `decides${i}@results.test`);
      must(
        await castBallot(ctx.deps, voter, {
          councilId: ctx.councilA,
          processId: open.processId,
          budgetId: open.budgetId,
          choices: choice.map((r) => ({ projectId: open.projects[r]!, value: 1 })),
        }),
      );
    }
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    const counted = await countBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId });
    expect(counted).toEqual({
      ok: false,
      reason: "tie",
      detail: {
        round: 3,
        tied: [
          { reference: "P-2", title: "Wildflower verges" },
          { reference: "P-1", title: "Benches by the river" },
        ],
      },
    });
    expect(await ctx.db.prisma.budgetResult.count({ where: { processId: open.processId } })).toBe(0);
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "budget.counted", subjectId: open.budgetId } })).toBe(0);
  });
});

describe("publishResults and the published results", () => {
  it("waits for paper ballots to be settled, and for a count that includes them", async () => {
    const open = await closedProcess("publish-papers");
    const input = { councilId: ctx.councilA, processId: open.processId };
    const budget = { ...input, budgetId: open.budgetId };
    must(await countBudget(ctx.deps, ctx.officerA, budget));
    const batch = { councilId: ctx.councilA, process: open.slug, budgetId: open.budgetId, pollingPlace: "Sale Library", ballots: "AB1-1: P-3\nAB1-2: P-4" };
    const { batchId } = must(await enterPaperBatch(ctx.deps, ctx.officerA, batch));
    expect(await publishResults(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "papers_pending", detail: { budgets: ["Whole area"] } });

    const secondPair = await staffActor(ctx, ctx.councilA, "second-pair@results.test", "officer");
    expect(must(await enterSecondPaperEntry(ctx.deps, secondPair, { councilId: ctx.councilA, process: open.slug, batchId, ballots: batch.ballots })).status).toBe("reconciled");
    expect(await publishResults(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "count_out_of_date", detail: { budgets: ["Whole area"] } });

    expect(must(await countBudget(ctx.deps, ctx.officerA, budget)).ballotCount).toBe(22);
    must(await publishResults(ctx.deps, ctx.officerA, input));
  });

  it("needs a count of every budget, then publishes all at once and never changes again", async () => {
    const open = await closedProcess("publish", EQUAL_SHARES, { paper: true });
    const input = { councilId: ctx.councilA, processId: open.processId };
    expect(await getPublishedResults(ctx.deps, { councilId: ctx.councilA, slugOrId: open.slug })).toEqual({ ok: false, reason: "not_found" });
    expect(await publishResults(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "not_counted", detail: { budgets: ["Whole area"] } });
    expect(await publishResults(ctx.deps, ctx.residentA, input)).toEqual({ ok: false, reason: "forbidden" });

    const counted = must(await countBudget(ctx.deps, ctx.officerA, { ...input, budgetId: open.budgetId }));
    // Counted but not published: still nothing in public.
    expect((await getPublishedResults(ctx.deps, { councilId: ctx.councilA, slugOrId: open.slug })).ok).toBe(false);

    ctx.clock.advance(60_000);
    const published = must(await publishResults(ctx.deps, ctx.officerA, input));
    expect(published.budgets).toBe(1);
    const statuses = await ctx.db.prisma.project.findMany({ where: { processId: open.processId }, select: { reference: true, status: true } });
    expect(Object.fromEntries(statuses.map((p) => [p.reference, p.status]))).toEqual({
      "P-1": "not_selected",
      "P-2": "selected",
      "P-3": "selected",
      "P-4": "selected",
      // Never on the ballot: left as it was.
      "P-5": "not_feasible",
    });
    const audited = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "budget.results_published", subjectId: open.processId } });
    expect(audited.data).toMatchObject({ budgets: [{ budgetId: open.budgetId, resultId: counted.resultId, selected: 3 }] });

    // Published results are never recomputed or changed.
    expect(await publishResults(ctx.deps, ctx.officerA, input)).toEqual({ ok: false, reason: "already_published" });
    expect(await countBudget(ctx.deps, ctx.officerA, { ...input, budgetId: open.budgetId })).toEqual({ ok: false, reason: "published" });
    const row = await ctx.db.prisma.budgetResult.findFirstOrThrow({ where: { budgetId: open.budgetId } });
    expect(row.id).toBe(counted.resultId);
    expect(row.publishedAt).toEqual(published.publishedAt);

    // The public view: every project explained, the comparison, ballots by channel, turnout.
    const view = must(await getPublishedResults(ctx.deps, { councilId: ctx.councilA, slugOrId: open.slug }));
    const budget = view.budgets[0]!;
    expect(budget.result.outcome.selected).toEqual(["P-2", "P-3", "P-4"]);
    expect(budget.result.comparison?.greedySelected).toEqual(["P-2", "P-1", "P-3"]);
    expect(budget.ballots).toEqual({ online: 20, paper: 1 });
    expect(budget.projects.map((p) => p.reference)).toEqual(["P-1", "P-2", "P-3", "P-4"]);
    // Turnout from Participation: 14 in ward A (decile 3), 6 in ward B (decile 8); the paper
    // ballot has no participation row. Ward B and "not recorded" are under 10, and together
    // they cannot be worked out exactly from the total, so ward A's 14 is shown.
    const t = budget.turnout;
    expect(t.voters).toBe(20);
    expect(t.wardNames).toEqual({ [WARD_A]: "Ashton upon Mersey", [WARD_B]: "Bucklow-St Martins" });
    expect(t.wards.cells).toEqual([
      { key: WARD_A, kind: "count", count: 14, percent: 70 },
      { key: WARD_B, kind: "fewer_than", threshold: 10 },
      { key: NOT_RECORDED, kind: "fewer_than", threshold: 10 },
    ]);
    // The map shows the same suppressed cells as the ward table, only this council's wards.
    expect(t.map?.wards.map((w) => [w.code, w.name, w.cell])).toEqual([
      [WARD_A, "Ashton upon Mersey", { key: WARD_A, kind: "count", count: 14, percent: 70 }],
      [WARD_B, "Bucklow-St Martins", { key: WARD_B, kind: "fewer_than", threshold: 10 }],
    ]);
    for (const w of t.map!.wards) expect(w.d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z$/);
    expect(JSON.stringify(t.map)).not.toMatch(/"count":6\b/);
    expect(t.deprivation.cells.find((c) => c.key === "3")).toEqual({ key: "3", kind: "count", count: 14, percent: 70 });
    expect(t.deprivation.cells.find((c) => c.key === "8")).toEqual({ key: "8", kind: "fewer_than", threshold: 10 });
    expect(t.deprivation.cells).toHaveLength(11);
    // Nobody recorded an age band: a single "not recorded" row, which is the total.
    expect(t.ages.cells).toEqual([{ key: NOT_RECORDED, kind: "count", count: 20, percent: 100 }]);

    // Another council never sees it.
    expect(await getPublishedResults(ctx.deps, { councilId: ctx.councilB, slugOrId: open.slug })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("open data", () => {
  it("the .pb file, recounted with the tally command, reproduces the published selection", async () => {
    const open = await closedProcess("open-data", EQUAL_SHARES, { paper: true });
    must(await countBudget(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, budgetId: open.budgetId }));
    const input = { councilId: ctx.councilA, councilName: "Trafford Council", slugOrId: open.slug, budgetId: open.budgetId };
    // Unpublished: no file.
    expect(await resultsPabulibFile(ctx.deps, input)).toEqual({ ok: false, reason: "not_found" });
    must(await publishResults(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId }));

    const file = must(await resultsPabulibFile(ctx.deps, input));
    expect(file.fileName).toBe("open-data_whole-area.pb");
    const parsed = parsePabulib(file.text);
    if (!parsed.ok) throw new Error(parsed.detail.message);
    expect(parsed.value.ballots).toHaveLength(21);
    expect(parsed.value.ballots.map((b) => b.voterId)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    // Nothing that could identify a ballot: no voter keys, no ballot references.
    expect(file.text).not.toMatch(/PB-[0-9A-Z]{4}-[0-9A-Z]{4}|paper-open/);
    const meta = Object.fromEntries(parsed.value.meta);
    expect(meta).toMatchObject({
      country: "United Kingdom",
      unit: "Trafford Council",
      subunit: "Whole area",
      budget: "10000",
      currency: "GBP",
      vote_type: "approval",
    });

    const dir = mkdtempSync(path.join(os.tmpdir(), "results-pb-"));
    const out: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const pb = path.join(dir, file.fileName);
      writeFileSync(pb, file.text);
      const view = must(await getPublishedResults(ctx.deps, { councilId: ctx.councilA, slugOrId: open.slug }));
      const settings = view.budgets[0]!.result.settings;
      await tally([pb, ...tallyArguments(settings), "--json"]);
      expect(error).not.toHaveBeenCalled();
      const recount = JSON.parse(out[0]!) as { selected: string[]; cost: number; budget: number };
      expect(recount.selected).toEqual(view.budgets[0]!.result.outcome.selected);
      expect(recount.cost).toBe(6000);
      expect(recount.budget).toBe(10000);
    } finally {
      log.mockRestore();
      error.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }

    const doc = must(
      await resultsOpenData(ctx.deps, { councilId: ctx.councilA, council: { name: "Trafford Council", slug: "trafford" }, slugOrId: open.slug }),
    );
    const budget = doc.budgets[0]!;
    expect(budget.ballots).toEqual({ total: 21, online: 20, paper: 1 });
    expect(budget.selected).toEqual(["P-2", "P-3", "P-4"]);
    expect(budget.pabulibFile).toBe(`/trafford/budgets/open-data/results/${open.budgetId}.pb`);
    expect(budget.projects.find((p) => p.reference === "P-1")).toMatchObject({
      outcome: "not_selected",
      reason: "supporters_short",
      costPence: 500_000,
    });
  });
});
