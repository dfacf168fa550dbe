// Casting ballots on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set —
// there the parallel submissions run on real parallel connections from the pool).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import {
  accountVoterKey,
  ballotsForCount,
  castBallot,
  getMyBallot,
  issueVotingCodes,
  normaliseVotingCode,
  type CastBallotInput,
} from "./ballots.server.ts";
import { changePhase } from "./processes.server.ts";
import { ballotCounts, must, openBudgetingTestContext, openVotingProcess, type BudgetingTestContext, type OpenProcess } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
});

afterAll(async () => {
  await ctx?.db.close();
});

function vote(open: OpenProcess, refs: string[], over: Partial<CastBallotInput> = {}): CastBallotInput {
  return {
    councilId: ctx.councilA,
    processId: open.processId,
    budgetId: open.budgetId,
    choices: refs.map((r) => ({ projectId: open.projects[r]!, value: 1 })),
    ...over,
  };
}

describe("(a) concurrency: 20 voters × 10 identical submissions in parallel", () => {
  it("stores exactly 20 ballots and 20 participations, one reference per voter", async () => {
    const open = await openVotingProcess(ctx, "parallel");
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx.resident(ctx.councilA, `voter${i}@parallel.test`)));
    const sentBefore = ctx.mailer.sent.length;
    const submissions = voters.flatMap((voter, i) =>
      Array.from({ length: 10 }, () => ({ voter, promise: castBallot(ctx.deps, voter, vote(open, i % 2 ? ["P-1", "P-2"] : ["P-3"])) })),
    );
    const results = await Promise.all(submissions.map((s) => s.promise));
    expect(results.filter((r) => !r.ok)).toEqual([]);

    expect(await ctx.db.prisma.ballot.count({ where: { processId: open.processId } })).toBe(20);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(20);
    expect(await ctx.db.prisma.ballotChoice.count({ where: { ballot: { processId: open.processId } } })).toBe(30);
    for (const voter of voters) {
      const mine = results.filter((_, k) => submissions[k]!.voter === voter).map((r) => must(r));
      expect(new Set(mine.map((r) => r.reference)).size).toBe(1);
      expect(mine.every((r) => r.revision === 1)).toBe(true);
      expect(mine.filter((r) => r.status === "recorded")).toHaveLength(1);
      expect(mine.filter((r) => r.status === "unchanged")).toHaveLength(9);
      expect(mine[0]!.reference).toMatch(/^PB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    }
    // One receipt per voter, not one per click.
    expect(ctx.mailer.sent.length - sentBefore).toBe(20);
  });

  it("one voter sending different ballots in parallel still has one ballot, equal to one of them", async () => {
    const open = await openVotingProcess(ctx, "parallel-changes");
    const voter = await ctx.resident(ctx.councilA, "changer@parallel.test");
    const options = [["P-1"], ["P-2"], ["P-3"], ["P-4"], ["P-1", "P-4"], ["P-2", "P-3"]];
    const results = (await Promise.all(options.map((refs) => castBallot(ctx.deps, voter, vote(open, refs))))).map((r) => must(r));
    const ballots = await ctx.db.prisma.ballot.findMany({ where: { processId: open.processId }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.revision).toBe(options.length);
    expect(new Set(results.map((r) => r.reference))).toEqual(new Set([ballots[0]!.reference]));
    const stored = ballots[0]!.choices.map((c) => c.projectId).sort();
    expect(options.map((refs) => refs.map((r) => open.projects[r]!).sort())).toContainEqual(stored);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(1);
  });

  it("ten parallel identical uses of one voting code: one ballot, one reference for all", async () => {
    const open = await openVotingProcess(ctx, "parallel-code", { useVotingCodes: "on" });
    const { codes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, count: 1 }));
    const results = await Promise.all(Array.from({ length: 10 }, () => castBallot(ctx.deps, null, vote(open, ["P-1"], { votingCode: codes[0] }))));
    const receipts = results.map((r) => must(r));
    expect(receipts.filter((r) => r.status === "recorded")).toHaveLength(1);
    expect(receipts.filter((r) => r.status === "unchanged")).toHaveLength(9);
    expect(new Set(receipts.map((r) => r.reference)).size).toBe(1);
    expect(await ctx.db.prisma.ballot.count({ where: { processId: open.processId } })).toBe(1);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(1);
  });

  it("ten parallel different uses of one voting code: one ballot, nine 'code_used'", async () => {
    const open = await openVotingProcess(ctx, "parallel-code-different", { useVotingCodes: "on" });
    const { codes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, count: 1 }));
    const options = [["P-1"], ["P-2"], ["P-3"], ["P-4"], ["P-1", "P-2"], ["P-1", "P-3"], ["P-1", "P-4"], ["P-2", "P-3"], ["P-2", "P-4"], ["P-3", "P-4"]];
    const results = await Promise.all(options.map((refs) => castBallot(ctx.deps, null, vote(open, refs, { votingCode: codes[0] }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(Array(9).fill("code_used"));
    expect(await ctx.db.prisma.ballot.count({ where: { processId: open.processId } })).toBe(1);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(1);
  });

  it("closing voting while ballots are in flight: every acknowledged ballot is stored, none after the close", async () => {
    const open = await openVotingProcess(ctx, "close-race");
    const voters = await Promise.all(Array.from({ length: 15 }, (_, i) => ctx.resident(ctx.councilA, `racer${i}@close.test`)));
    const casts = voters.map((v) => castBallot(ctx.deps, v, vote(open, ["P-2"])));
    const close = changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" });
    const results = await Promise.all(casts);
    must(await close);
    const acknowledged = results.filter((r) => r.ok).length;
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "voting_closed")).toBe(true);
    expect(await ctx.db.prisma.ballot.count({ where: { processId: open.processId } })).toBe(acknowledged);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(acknowledged);
    const late = await castBallot(ctx.deps, await ctx.resident(ctx.councilA, "late@close.test"), vote(open, ["P-2"]));
    expect(late).toMatchObject({ ok: false, reason: "voting_closed" });
  });
});

describe("(b) changing a ballot", () => {
  it("replaces the old one: one ballot, revision 2, only the new choices counted", async () => {
    const open = await openVotingProcess(ctx, "change");
    const voter = await ctx.resident(ctx.councilA, "changes-mind@change.test");
    const first = must(await castBallot(ctx.deps, voter, vote(open, ["P-1", "P-2"])));
    expect(first).toMatchObject({ status: "recorded", revision: 1 });
    const second = must(await castBallot(ctx.deps, voter, vote(open, ["P-3"], { expectedRevision: 1 })));
    expect(second).toMatchObject({ status: "replaced", revision: 2, reference: first.reference });

    const ballots = await ctx.db.prisma.ballot.findMany({ where: { processId: open.processId }, include: { choices: true } });
    expect(ballots).toHaveLength(1);
    expect(ballots[0]!.revision).toBe(2);
    expect(ballots[0]!.choices.map((c) => c.projectId)).toEqual([open.projects["P-3"]]);
    expect(await ctx.db.prisma.participation.count({ where: { processId: open.processId } })).toBe(1);

    // The second tab still shows revision 1: refused, with the latest revision to show.
    const stale = await castBallot(ctx.deps, voter, vote(open, ["P-4"], { expectedRevision: 1 }));
    expect(stale).toEqual({ ok: false, reason: "stale_ballot", detail: { revision: 2, reference: first.reference } });
    // …but sending exactly what is stored is harmless and idempotent.
    expect(must(await castBallot(ctx.deps, voter, vote(open, ["P-3"], { expectedRevision: 1 })))).toMatchObject({ status: "unchanged", revision: 2 });

    expect(must(await getMyBallot(ctx.deps, voter, { councilId: ctx.councilA, budgetId: open.budgetId }))).toEqual({
      reference: first.reference,
      revision: 2,
      choices: [{ projectId: open.projects["P-3"], value: 1 }],
    });
    expect(must(await getMyBallot(ctx.deps, ctx.residentA, { councilId: ctx.councilA, budgetId: open.budgetId }))).toBeNull();
    expect(await getMyBallot(ctx.deps, null, { councilId: ctx.councilA, budgetId: open.budgetId })).toEqual({ ok: false, reason: "not_signed_in" });
    expect(await getMyBallot(ctx.deps, voter, { councilId: ctx.councilB, budgetId: open.budgetId })).toEqual({ ok: false, reason: "not_found" });

    expect(await ballotsForCount(ctx.deps, open.budgetId)).toEqual({ ok: false, reason: "voting_not_closed" });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    const count = must(await ballotsForCount(ctx.deps, open.budgetId));
    expect(count.ballots).toEqual([{ choices: [{ projectId: open.projects["P-3"], value: 1 }] }]);
    expect(count.projects.map((p) => [p.reference, p.costPence])).toEqual([
      ["P-1", 500_000n],
      ["P-2", 300_000n],
      ["P-3", 200_000n],
      ["P-4", 100_000n],
    ]);
    expect(count.budget.amountPence).toBe(1_000_000n);
    expect(await ballotsForCount(ctx.deps, open.budgetId, { councilId: ctx.councilB })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("(c) refused ballots store nothing", () => {
  let approval: OpenProcess;
  let knapsack: OpenProcess;
  let voter: Actor;

  beforeAll(async () => {
    approval = await openVotingProcess(ctx, "refusals");
    knapsack = await openVotingProcess(ctx, "refusals-knapsack", { ballotType: "knapsack", maxProjects: "" });
    voter = await ctx.resident(ctx.councilA, "refused@refusals.test");
  });

  async function expectRefused(input: CastBallotInput, reason: string, detail?: unknown, actor: Actor | null = voter) {
    const before = await ballotCounts(ctx);
    const result = await castBallot(ctx.deps, actor, input);
    expect(result).toEqual(detail === undefined ? { ok: false, reason } : { ok: false, reason, detail });
    expect(await ballotCounts(ctx)).toEqual(before);
  }

  it("over budget, with the amount over", async () => {
    await expectRefused(vote(knapsack, ["P-1", "P-2", "P-3", "P-4"]), "over_budget", {
      overByPence: 100_000n,
      totalPence: 1_100_000n,
      limitPence: 1_000_000n,
    });
    must(await castBallot(ctx.deps, voter, vote(knapsack, ["P-1", "P-2", "P-3"])));
  });

  it("too many projects", async () => {
    await expectRefused(vote(approval, ["P-1", "P-2", "P-3"]), "too_many_projects", { min: 1, max: 2, chosen: 3 });
  });

  it("a forged project id, a not-feasible project, and a project from another process", async () => {
    await expectRefused({ ...vote(approval, ["P-1"]), choices: [{ projectId: "clxforged000000000000000", value: 1 }] }, "unknown_project", {
      projectId: "clxforged000000000000000",
    });
    await expectRefused({ ...vote(approval, []), choices: [{ projectId: approval.infeasibleId, value: 1 }] }, "unknown_project", {
      projectId: approval.infeasibleId,
    });
    await expectRefused({ ...vote(approval, []), choices: [{ projectId: knapsack.projects["P-1"]!, value: 1 }] }, "unknown_project", {
      projectId: knapsack.projects["P-1"],
    });
  });

  it("a budget of another process, or a process of another council, is not found", async () => {
    await expectRefused({ ...vote(approval, ["P-1"]), budgetId: knapsack.budgetId }, "not_found");
    await expectRefused({ ...vote(approval, ["P-1"]), councilId: ctx.councilB }, "not_found");
  });

  it("voting before it opens and after it closes", async () => {
    const closed = await openVotingProcess(ctx, "refusals-closed");
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: closed.processId, to: "results" }));
    await expectRefused(vote(closed, ["P-1"]), "voting_closed");
    const draft = await ctx.db.prisma.budgetProcess.create({
      data: { councilId: ctx.councilA, slug: "refusals-draft", title: "Draft", summary: "Not open yet.", budgets: { create: [{ name: "All", amountPence: 100n }] } },
      include: { budgets: true },
    });
    await expectRefused({ councilId: ctx.councilA, processId: draft.id, budgetId: draft.budgets[0]!.id, choices: [] }, "voting_not_open");
  });

  it("after the published closing time, even before the officer closes the phase", async () => {
    const timed = await openVotingProcess(ctx, "refusals-timed", { votingCloseAt: "2026-05-10T17:00:00Z" });
    ctx.clock.set(new Date("2026-05-10T17:00:00Z"));
    try {
      await expectRefused(vote(timed, ["P-1"]), "voting_closed");
    } finally {
      ctx.clock.set(new Date("2026-05-04T10:00:00.000Z"));
    }
  });

  it("a reused voting code, an unknown code, a missing code, a code of another process", async () => {
    const coded = await openVotingProcess(ctx, "refusals-codes", { useVotingCodes: "on" });
    const other = await openVotingProcess(ctx, "refusals-codes-other", { useVotingCodes: "on" });
    const { codes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: coded.processId, count: 2 }));
    const { codes: otherCodes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: other.processId, count: 1 }));
    // An invalid ballot does not spend the code.
    await expectRefused(vote(coded, ["P-1", "P-2", "P-3"], { votingCode: codes[0] }), "too_many_projects", { min: 1, max: 2, chosen: 3 }, null);
    // Typed loosely from paper: lower case, spaces, O for 0.
    const typed = codes[0]!.toLowerCase().replaceAll("-", " ").replaceAll("0", "o");
    const first = must(await castBallot(ctx.deps, null, vote(coded, ["P-1"], { votingCode: typed })));
    expect(first).toMatchObject({ status: "recorded", receiptSent: false });
    // The same ballot again (its confirmation was lost) gets its reference back, and nothing more.
    expect(must(await castBallot(ctx.deps, null, vote(coded, ["P-1"], { votingCode: codes[0] })))).toMatchObject({ status: "unchanged", reference: first.reference });
    await expectRefused(vote(coded, ["P-2"], { votingCode: codes[0] }), "code_used", undefined, voter);
    await expectRefused(vote(coded, ["P-1"], { votingCode: "AAAA-BBBB-CCCC" }), "code_invalid", undefined, null);
    await expectRefused(vote(coded, ["P-1"], { votingCode: "not a code" }), "code_invalid", undefined, null);
    await expectRefused(vote(coded, ["P-1"], { votingCode: otherCodes[0] }), "code_invalid", undefined, null);
    await expectRefused(vote(coded, ["P-1"]), "code_required", undefined, voter);
    // The participation of a code voter names no account.
    const participations = await ctx.db.prisma.participation.findMany({ where: { processId: coded.processId } });
    expect(participations.map((p) => p.accountId)).toEqual([null]);
    // The second code still works.
    must(await castBallot(ctx.deps, null, vote(coded, ["P-2"], { votingCode: codes[1] })));
  });
});

describe("(d) eligibility and tenancy", () => {
  it("a resident of another council, a visitor, and an officer's staff-only roles cannot vote", async () => {
    const open = await openVotingProcess(ctx, "eligibility");
    const before = await ballotCounts(ctx);
    expect(await castBallot(ctx.deps, ctx.residentB, vote(open, ["P-1"]))).toEqual({ ok: false, reason: "not_eligible" });
    expect(await castBallot(ctx.deps, ctx.officerA, vote(open, ["P-1"]))).toEqual({ ok: false, reason: "not_eligible" });
    expect(await castBallot(ctx.deps, ctx.officerB, vote(open, ["P-1"]))).toEqual({ ok: false, reason: "not_eligible" });
    expect(await castBallot(ctx.deps, null, vote(open, ["P-1"]))).toEqual({ ok: false, reason: "not_signed_in" });
    expect(await ballotCounts(ctx)).toEqual(before);
  });

  it("another council's officer cannot issue codes or read ballots for the process", async () => {
    const open = await openVotingProcess(ctx, "eligibility-codes", { useVotingCodes: "on" });
    expect(await issueVotingCodes(ctx.deps, ctx.officerB, { councilId: ctx.councilA, processId: open.processId, count: 5 })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await issueVotingCodes(ctx.deps, ctx.officerB, { councilId: ctx.councilB, processId: open.processId, count: 5 })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await issueVotingCodes(ctx.deps, ctx.residentA, { councilId: ctx.councilA, processId: open.processId, count: 5 })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    expect(await ballotsForCount(ctx.deps, open.budgetId, { councilId: ctx.councilB })).toEqual({ ok: false, reason: "not_found" });
  });

  it("postcode in the area, the budget's ward, and a declared minimum age", async () => {
    const p = ctx.db.prisma;
    await p.area.createMany({
      data: [
        { councilId: ctx.councilA, type: "ward", code: "E05000820", name: "Ashton upon Mersey" },
        { councilId: ctx.councilA, type: "ward", code: "E05000829", name: "Priory" },
        { councilId: ctx.councilA, type: "lsoa", code: "E01006187", name: "Trafford 015A", imdDecile: 7 },
      ],
      skipDuplicates: true,
    });
    await p.postcode.createMany({
      data: [
        { councilId: ctx.councilA, postcode: "M33 5PF", lsoaCode: "E01006187", wardCode: "E05000820" },
        { councilId: ctx.councilA, postcode: "M33 2DY", lsoaCode: "E01006187", wardCode: "E05000829" },
      ],
      skipDuplicates: true,
    });
    const ward = await openVotingProcess(ctx, "postcodes", {
      requirePostcodeInArea: "on",
      minimumAge: "16",
      budgets: [{ name: "Ashton upon Mersey", amount: "£10,000", wardCode: "E05000820" }],
    });
    const voter = await ctx.resident(ctx.councilA, "local@postcodes.test");
    const before = await ballotCounts(ctx);
    expect(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { postcode: "M33 5PF" }))).toEqual({
      ok: false,
      reason: "age_not_confirmed",
      detail: { minimumAge: 16 },
    });
    expect(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { ageConfirmed: true }))).toEqual({ ok: false, reason: "postcode_required" });
    expect(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { ageConfirmed: true, postcode: "ZZ" }))).toEqual({ ok: false, reason: "postcode_invalid" });
    expect(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { ageConfirmed: true, postcode: "M1 1AE" }))).toEqual({ ok: false, reason: "postcode_not_in_area" });
    expect(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { ageConfirmed: true, postcode: "M33 2DY" }))).toEqual({ ok: false, reason: "postcode_not_in_ward" });
    expect(await ballotCounts(ctx)).toEqual(before);
    must(await castBallot(ctx.deps, voter, vote(ward, ["P-1"], { ageConfirmed: true, postcode: "m33 5pf" })));
    expect(await p.participation.findFirstOrThrow({ where: { processId: ward.processId } })).toMatchObject({
      accountId: voter.account.id,
      wardCode: "E05000820",
      imdDecile: 7,
      channel: "online",
    });
  });
});

describe("(e) secrecy", () => {
  it("records a given age band with the participation only, and nothing that is not a band", async () => {
    const open = await openVotingProcess(ctx, "age-bands");
    const [a, b] = await Promise.all([ctx.resident(ctx.councilA, "a@age.test"), ctx.resident(ctx.councilA, "b@age.test")]);
    must(await castBallot(ctx.deps, a, { ...vote(open, ["P-1"]), ageBand: "35-44" }));
    must(await castBallot(ctx.deps, b, { ...vote(open, ["P-2"]), ageBand: "thirty-something" }));
    const bands = await ctx.db.prisma.participation.findMany({ where: { processId: open.processId }, select: { ageBand: true } });
    expect(bands.map((p) => p.ageBand).sort()).toEqual(["35-44", null]);
  });

  it("the schema has no path between Ballot and Participation or Account", async () => {
    const schema = readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
    const model = (name: string) => new RegExp(`model ${name} \\{([\\s\\S]*?)\\n\\}`).exec(schema)![1]!;
    const fields = (name: string) =>
      model(name)
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith("//") && !l.startsWith("@@"))
        .map((l) => l.split(/\s+/));
    const ballot = fields("Ballot");
    expect(ballot.map((f) => f[0])).not.toContain("accountId");
    expect(ballot.some((f) => /^(Account|Participation)\b/.test(f[1] ?? ""))).toBe(false);
    expect(fields("BallotChoice").some((f) => /^(Account|Participation)\b/.test(f[1] ?? ""))).toBe(false);
    const participation = fields("Participation");
    expect(participation.some((f) => /^(Ballot|BallotChoice)\b/.test(f[1] ?? "") || /ballot/i.test(f[0] ?? ""))).toBe(false);
    // And in the migrated database: no foreign key between the tables, no account column on ballots.
    const fks = await ctx.db.withSession((s) =>
      s.query<{ from_table: string; to_table: string }>(
        `SELECT tc.table_name AS from_table, ccu.table_name AS to_table
         FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()`,
      ),
    );
    const links = fks.map((f) => `${f.from_table}>${f.to_table}`);
    for (const forbidden of ["Ballot>Account", "Ballot>Participation", "BallotChoice>Account", "Participation>Ballot", "Participation>Account", "Ballot>Session"])
      expect(links).not.toContain(forbidden);
    const ballotColumns = await ctx.db.withSession((s) =>
      s.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Ballot' AND table_schema = current_schema()`),
    );
    expect(ballotColumns.map((c) => c.column_name).sort()).toEqual(["budgetId", "castAt", "channel", "id", "paperBatchId", "processId", "reference", "revision", "voterKey"].sort());
  });

  it("stored rows and returned data do not link the voter to the ballot", async () => {
    const open = await openVotingProcess(ctx, "secrecy");
    const voter = await ctx.resident(ctx.councilA, "secret@secrecy.test", "cy");
    ctx.clock.set(new Date("2026-05-04T23:30:00.000Z")); // 00:30 on 5 May in the UK (BST)
    const sentBefore = ctx.mailer.sent.length;
    let receipt;
    try {
      receipt = must(await castBallot(ctx.deps, voter, vote(open, ["P-1", "P-4"])));
    } finally {
      ctx.clock.set(new Date("2026-05-04T10:00:00.000Z"));
    }
    const text = JSON.stringify(receipt, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(voter.account.id);
    expect(text).not.toContain(voter.account.email);
    expect(Object.keys(receipt).sort()).toEqual(["budgetName", "choices", "processTitle", "receiptSent", "reference", "revision", "status", "totalCostPence"]);

    const ballot = await ctx.db.prisma.ballot.findFirstOrThrow({ where: { processId: open.processId } });
    expect(JSON.stringify(ballot)).not.toContain(voter.account.id);
    expect(ballot.voterKey).toMatch(/^[0-9a-f]{64}$/);
    expect(ballot.voterKey).toBe(accountVoterKey(ctx.deps.config.appSecret, open.budgetId, voter.account.id));
    // Keyed: the same account and budget under another secret gives another key.
    expect(accountVoterKey("another-secret", open.budgetId, voter.account.id)).not.toBe(ballot.voterKey);
    // Ids are random UUIDs (a cuid carries its creation time), times are the UK day only.
    expect(ballot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const participation = await ctx.db.prisma.participation.findFirstOrThrow({ where: { processId: open.processId } });
    expect(participation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ballot.castAt.toISOString()).toBe("2026-05-05T00:00:00.000Z");
    expect(participation.votedOn.toISOString()).toBe("2026-05-05T00:00:00.000Z");
    expect(Object.keys(participation)).not.toContain("ballotId");

    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, to: "results" }));
    const count = must(await ballotsForCount(ctx.deps, open.budgetId));
    for (const b of count.ballots) expect(Object.keys(b)).toEqual(["choices"]);
    const countText = JSON.stringify(count, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    expect(countText).not.toContain(ballot.voterKey);
    expect(countText).not.toContain(ballot.reference);
    expect(countText).not.toContain(voter.account.id);

    // The receipt (Welsh for this voter) gives the reference, never the choices.
    const emails = ctx.mailer.sent.slice(sentBefore);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to).toBe("secret@secrecy.test");
    expect(emails[0]!.subject).toContain(receipt.reference);
    expect(emails[0]!.text).toContain("Eich cyfeirnod yw " + receipt.reference);
    for (const c of receipt.choices) {
      expect(emails[0]!.text).not.toContain(c.title);
      expect(emails[0]!.text).not.toContain(c.reference + " ");
    }
    // No audit event records a vote.
    expect(await ctx.db.prisma.auditEvent.count({ where: { actorId: voter.account.id } })).toBe(0);
  });
});

describe("voting codes", () => {
  it("are returned once, stored only as keyed hashes, audited by count", async () => {
    const open = await openVotingProcess(ctx, "codes", { useVotingCodes: "on" });
    const { codes } = must(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: open.processId, count: 50 }));
    expect(codes).toHaveLength(50);
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const rows = await ctx.db.prisma.votingCode.findMany({ where: { processId: open.processId } });
    expect(rows).toHaveLength(51);
    const dump = JSON.stringify(rows);
    for (const code of codes) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(normaliseVotingCode(code)!);
    }
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { subjectId: open.processId, action: "budget.voting_codes_issued" } });
    expect(audit.map((a) => a.data)).toEqual([{ count: 1 }, { count: 50 }]);
    expect(JSON.stringify(audit)).not.toContain(codes[0]!);
  });

  it("are refused for processes without codes, after voting, and for silly counts", async () => {
    const plain = await openVotingProcess(ctx, "codes-plain");
    expect(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: plain.processId, count: 5 })).toEqual({
      ok: false,
      reason: "not_using_codes",
    });
    const coded = await openVotingProcess(ctx, "codes-closed", { useVotingCodes: "on" });
    expect(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: coded.processId, count: 0 })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: coded.processId, count: 1.5 })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: coded.processId, to: "results" }));
    expect(await issueVotingCodes(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: coded.processId, count: 5 })).toEqual({
      ok: false,
      reason: "phase_locked",
      detail: { phase: "results" },
    });
  });

  it("normalise as typed from paper", () => {
    expect(normaliseVotingCode("7k3q 9xd2 m4pa")).toBe("7K3Q9XD2M4PA");
    expect(normaliseVotingCode("OIL0-0000-0000")).toBe("011000000000");
    expect(normaliseVotingCode("7K3Q-9XD2-M4P")).toBeNull();
    expect(normaliseVotingCode("7K3Q-9XD2-M4PU")).toBeNull();
  });
});

describe("other ballot types end to end", () => {
  it("cumulative and ranked ballots store points and ranks", async () => {
    const cumulative = await openVotingProcess(ctx, "cumulative", { ballotType: "cumulative", points: "10", pointsPerProjectCap: "6" });
    const ranked = await openVotingProcess(ctx, "ranked", { ballotType: "ranked", rankCount: "3" });
    const voter = await ctx.resident(ctx.councilA, "types@types.test");
    const c = cumulative.projects;
    expect(
      await castBallot(ctx.deps, voter, { ...vote(cumulative, []), choices: [{ projectId: c["P-1"]!, value: 7 }] }),
    ).toMatchObject({ ok: false, reason: "over_project_cap", detail: { cap: 6, given: 7 } });
    const cr = must(
      await castBallot(ctx.deps, voter, {
        ...vote(cumulative, []),
        choices: [
          { projectId: c["P-1"]!, value: 6 },
          { projectId: c["P-2"]!, value: 3 },
          { projectId: c["P-3"]!, value: 0 },
        ],
      }),
    );
    expect(new Map(cr.choices.map((x) => [x.reference, x.value]))).toEqual(new Map([["P-1", 6], ["P-2", 3]]));
    const r = ranked.projects;
    expect(
      await castBallot(ctx.deps, voter, { ...vote(ranked, []), choices: [{ projectId: r["P-1"]!, value: 1 }, { projectId: r["P-2"]!, value: 3 }] }),
    ).toMatchObject({ ok: false, reason: "rank_gap", detail: { missing: 2 } });
    const rr = must(
      await castBallot(ctx.deps, voter, { ...vote(ranked, []), choices: [{ projectId: r["P-4"]!, value: 2 }, { projectId: r["P-2"]!, value: 1 }] }),
    );
    expect(rr.choices.map((x) => [x.reference, x.value])).toEqual([
      ["P-2", 1],
      ["P-4", 2],
    ]);
    must(await changePhase(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: ranked.processId, to: "results" }));
    expect(must(await ballotsForCount(ctx.deps, ranked.budgetId)).ballots).toEqual([
      { choices: [{ projectId: r["P-2"], value: 1 }, { projectId: r["P-4"], value: 2 }] },
    ]);
  });
});
