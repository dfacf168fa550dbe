// Importing real pabulib files (app/domain/budgeting/fixtures/pabulib/) on a real database.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseErrorMessage } from "~/domain/budgeting/messages.ts";
import { parsePabulib } from "~/domain/budgeting/pabulib.ts";
import { importPabulib } from "./import.server.ts";
import { getOfficerResults, publishResults, resultsPabulibFile } from "./results.server.ts";
import { must, openBudgetingTestContext, type BudgetingTestContext } from "./test-kit.server.ts";

let ctx: BudgetingTestContext;

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
});

afterAll(async () => {
  await ctx?.db.close();
});

const read = (name: string) => readFileSync(new URL(`../../domain/budgeting/fixtures/pabulib/${name}`, import.meta.url), "utf8");
const ASSEN = "Netherlands_Assen_2024.pb";

async function rowCounts() {
  const p = ctx.db.prisma;
  return {
    processes: await p.budgetProcess.count(),
    projects: await p.project.count(),
    ballots: await p.ballot.count(),
    choices: await p.ballotChoice.count(),
    results: await p.budgetResult.count(),
    audits: await p.auditEvent.count({ where: { action: "budget.imported" } }),
  };
}

describe("importPabulib", () => {
  it("imports Assen 2024 as a past process, counted with its own rule to the official result, unpublished", async () => {
    const imported = await importPabulib(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      fileName: ASSEN,
      text: read(ASSEN),
      fallbackRule: "greedy",
    });
    if (!imported.ok) throw new Error(imported.reason);
    expect(imported.value).toMatchObject({ ruleFromFile: true, fileRule: "equalshares/add1" });
    expect(imported.value.slug).toMatch(/^imported-assen-top-idee-2024-[0-9a-f]{6}$/);

    const p = ctx.db.prisma;
    const process = await p.budgetProcess.findUniqueOrThrow({ where: { id: imported.value.processId }, include: { budgets: true } });
    expect(process).toMatchObject({
      councilId: ctx.councilA,
      phase: "results",
      title: "Assen Top Idee 2024",
      importedFrom: "Netherlands_Assen_2024.pb — Assen Top Idee",
      ballotType: "approval",
      countingRule: "equal_shares",
      mesCompletion: "add1",
      votingCloseAt: new Date(Date.UTC(2024, 3, 15)),
    });
    expect(process.budgets).toHaveLength(1);
    expect(process.budgets[0]!.amountPence).toBe(10_000_000n);
    const projects = await p.project.findMany({ where: { processId: process.id } });
    expect(projects).toHaveLength(14);
    expect(projects.find((x) => x.reference === "3")).toMatchObject({ title: "PopUp Podium", costPence: 720_000n, status: "feasible" });
    expect(await p.ballot.count({ where: { processId: process.id } })).toBe(84);
    const file = parsePabulib(read(ASSEN));
    if (!file.ok) throw new Error("fixture");
    const approvals = file.value.ballots.reduce((s, b) => s + b.projects.length, 0);
    expect(await p.ballotChoice.count({ where: { ballot: { processId: process.id } } })).toBe(approvals);
    // A research file says nothing about who took part here.
    expect(await p.participation.count({ where: { processId: process.id } })).toBe(0);

    const view = must(await getOfficerResults(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slugOrId: imported.value.slug }));
    const result = view.budgets[0]!.result!;
    expect(result.publishedAt).toBeNull();
    expect(result.currency).toBe("EUR");
    expect(result.ballotCount).toBe(84);
    const official = file.value.projects.filter((x) => x.selected === 1).map((x) => x.id);
    expect([...result.outcome.selected].sort()).toEqual([...official].sort());
    expect(result.comparison).not.toBeNull();

    const audit = await p.auditEvent.findFirstOrThrow({ where: { action: "budget.imported", subjectId: process.id } });
    expect(audit).toMatchObject({ actorId: ctx.officerA.account.id, councilId: ctx.councilA });
    expect(audit.data).toMatchObject({ projects: 14, ballots: 84, fileRule: "equalshares/add1", ruleFromFile: true });

    // Published, its .pb file names the currency it was held in and recounts the same.
    must(await publishResults(ctx.deps, ctx.officerA, { councilId: ctx.councilA, processId: process.id }));
    const pb = must(
      await resultsPabulibFile(ctx.deps, {
        councilId: ctx.councilA,
        councilName: "Trafford Council",
        slugOrId: process.slug,
        budgetId: process.budgets[0]!.id,
      }),
    );
    const back = parsePabulib(pb.text);
    if (!back.ok) throw new Error(back.detail.message);
    expect(Object.fromEntries(back.value.meta)).toMatchObject({ currency: "EUR", budget: "100000", rule: "equalshares/add1" });
    expect(
      back.value.projects
        .filter((x) => x.selected === 1)
        .map((x) => x.id)
        .sort(),
    ).toEqual([...official].sort());
  });

  it("counts with the officer's choice when the file's rule is not one the product counts", async () => {
    const name = "US_Stanford_Dataset_PB_Cambridge_2015_vote_knapsacks.pb";
    const imported = await importPabulib(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      fileName: name,
      text: read(name),
      fallbackRule: "greedy",
    });
    if (!imported.ok) throw new Error(imported.reason);
    expect(imported.value).toMatchObject({ ruleFromFile: false, fileRule: "unknown" });
    const process = await ctx.db.prisma.budgetProcess.findUniqueOrThrow({ where: { id: imported.value.processId } });
    expect(process).toMatchObject({ ballotType: "knapsack", countingRule: "greedy" });
    const view = must(await getOfficerResults(ctx.deps, ctx.officerA, { councilId: ctx.councilA, slugOrId: imported.value.slug }));
    expect(view.budgets[0]!.result!.outcome.rule).toBe("greedy");
    expect(view.budgets[0]!.result!.currency).toBe("USD");
  });

  it("refuses a file it cannot read, naming the section and line, and writes nothing", async () => {
    const before = await rowCounts();
    const broken = read(ASSEN).replace("vote01006bcf-62b6-435d-a0de-2966c3e75249;1,2,6,9,13", "vote01006bcf-62b6-435d-a0de-2966c3e75249;1,2,99");
    const result = await importPabulib(ctx.deps, ctx.officerA, { councilId: ctx.councilA, fileName: ASSEN, text: broken, fallbackRule: "greedy" });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "unreadable") throw new Error(`expected unreadable, got ${JSON.stringify(result)}`);
    expect(result.detail.reason).toBe("unknown_project");
    expect(parseErrorMessage(result.detail.reason, "en", result.detail.detail)).toBe("VOTES line 36: project 99 is not in PROJECTS");
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses what the product cannot hold, and other people", async () => {
    const before = await rowCounts();
    const scoring = "META\nkey;value\nbudget;100\nvote_type;scoring\nPROJECTS\nproject_id;cost\n1;50\nVOTES\nvoter_id;vote;points\na;1;3\n";
    expect(await importPabulib(ctx.deps, ctx.officerA, { councilId: ctx.councilA, fileName: "s.pb", text: scoring, fallbackRule: "greedy" })).toEqual(
      {
        ok: false,
        reason: "unsupported",
        detail: { reason: "unsupported_vote_type", subject: "scoring" },
      },
    );
    expect(
      await importPabulib(ctx.deps, ctx.officerA, { councilId: ctx.councilA, fileName: ASSEN, text: read(ASSEN), fallbackRule: "borda" }),
    ).toEqual({
      ok: false,
      reason: "invalid",
      detail: { fieldErrors: { fallbackRule: "invalid" } },
    });
    expect(
      await importPabulib(ctx.deps, ctx.residentA, { councilId: ctx.councilA, fileName: ASSEN, text: read(ASSEN), fallbackRule: "greedy" }),
    ).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(
      await importPabulib(ctx.deps, ctx.officerB, { councilId: ctx.councilA, fileName: ASSEN, text: read(ASSEN), fallbackRule: "greedy" }),
    ).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await rowCounts()).toEqual(before);
  });
});
