import { describe, expect, it } from "vitest";
import { runCount, toElection, type CountInput, type CountSettings } from "./count.ts";
import { countEqualShares } from "./counting/equal-shares.ts";
import { countGreedy } from "./counting/greedy.ts";
import { openDataDocument, pabulibElection, type BallotLimitSettings } from "./open-data.ts";
import { parsePabulib, REQUIRED_META, writePabulib } from "./pabulib.ts";
import { fromInt, rational } from "./rational.ts";

const SETTINGS: CountSettings & BallotLimitSettings = {
  ballotType: "approval",
  countingRule: "equal_shares",
  mesCompletion: "add1_utilitarian",
  mesUtilities: "cost",
  greedyThreshold: null,
  tieBreak: "default",
  rankCount: null,
  minProjects: 1,
  maxProjects: 2,
  points: null,
  pointsPerProjectCap: null,
};

// Awkward amounts on purpose: shares of £10,000.01 between 21 voters are never whole pence.
const INPUT: CountInput = {
  budgetPence: 1_000_001n,
  projects: [
    { reference: "P-1", costPence: 600_050n, title: "Benches; by the river" },
    { reference: "P-2", costPence: 400_000n, title: 'The "Green" verges' },
    { reference: "P-3", costPence: 299_999n, title: "Youth club kit" },
    { reference: "P-4", costPence: 300_001n, title: "Defibrillator" },
    { reference: "P-5", costPence: 50_000n, title: "Nobody's choice" },
  ],
  ballots: [
    ...Array.from({ length: 13 }, () => ({
      choices: [
        { reference: "P-1", value: 1 },
        { reference: "P-2", value: 1 },
      ],
    })),
    ...Array.from({ length: 6 }, () => ({
      choices: [
        { reference: "P-3", value: 1 },
        { reference: "P-4", value: 1 },
      ],
    })),
    { choices: [{ reference: "P-3", value: 1 }] },
    { choices: [] },
  ],
};

function publish(settings: CountSettings & BallotLimitSettings, input: CountInput) {
  const counted = runCount(toElection(input, settings), settings);
  if (!counted.ok) throw new Error(counted.reason);
  const election = pabulibElection({
    councilName: "Trafford Council",
    processTitle: "Community budget",
    budgetName: "Whole area",
    currency: "GBP",
    votingOpenAt: new Date(Date.UTC(2026, 3, 1)),
    votingCloseAt: new Date(Date.UTC(2026, 4, 1)),
    publishedAt: new Date(Date.UTC(2026, 4, 4)),
    settings,
    count: input,
    outcome: counted.value.outcome,
  });
  const written = writePabulib(election);
  if (!written.ok) throw new Error(written.detail.message);
  return { outcome: counted.value.outcome, comparison: counted.value.comparison, text: written.value };
}

describe("pabulibElection", () => {
  it("writes a file with complete META that recounts, in pounds, to the product's selection", () => {
    const { outcome, text } = publish(SETTINGS, INPUT);
    const parsed = parsePabulib(text);
    if (!parsed.ok) throw new Error(parsed.detail.message);
    const meta = new Map(parsed.value.meta);
    for (const key of REQUIRED_META) expect(meta.has(key), key).toBe(true);
    expect(Object.fromEntries(parsed.value.meta)).toMatchObject({
      description: "Community budget: Whole area",
      country: "United Kingdom",
      unit: "Trafford Council",
      instance: "2026",
      subunit: "Whole area",
      num_projects: "5",
      num_votes: "21",
      budget: "10000.01",
      vote_type: "approval",
      rule: "equalshares/add1-utilitarian",
      date_begin: "01.04.2026",
      date_end: "01.05.2026",
      currency: "GBP",
      language: "en",
      min_length: "1",
      max_length: "2",
    });
    expect(meta.get("comment")).toContain("tally FILE.pb --rule equal-shares --completion add1-utilitarian --utilities cost --tie-break default");
    expect(parsed.value.projects.map((p) => [p.id, p.name, p.cost, p.selected, p.votes])).toEqual([
      ["P-1", "Benches; by the river", rational(600_050, 100), outcome.selected.includes("P-1") ? 1 : 0, 13],
      ["P-2", 'The "Green" verges', fromInt(4000), outcome.selected.includes("P-2") ? 1 : 0, 13],
      ["P-3", "Youth club kit", rational(299_999, 100), 1, 7],
      ["P-4", "Defibrillator", rational(300_001, 100), outcome.selected.includes("P-4") ? 1 : 0, 6],
      ["P-5", "Nobody's choice", fromInt(500), outcome.selected.includes("P-5") ? 1 : 0, 0],
    ]);
    // Voters are numbered 1…n; the empty ballot is kept (it counts for equal shares).
    expect(parsed.value.ballots.map((b) => b.voterId)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    expect(parsed.value.ballots[20]!.projects).toEqual([]);

    // What `tally --rule equal-shares --completion add1-utilitarian` does with the file.
    const recount = countEqualShares(parsed.value, { completion: "add1-utilitarian", utilities: "cost", tieBreak: "default" });
    if (!recount.ok) throw new Error(recount.reason);
    expect(recount.value.selected).toEqual(outcome.selected);
  });

  it("writes greedy-threshold's threshold and cumulative points so they recount too", () => {
    const settings = {
      ...SETTINGS,
      ballotType: "cumulative" as const,
      countingRule: "greedy_threshold" as const,
      greedyThreshold: 8,
      points: 10,
      pointsPerProjectCap: 6,
      maxProjects: null,
    };
    const input: CountInput = {
      ...INPUT,
      ballots: [
        {
          choices: [
            { reference: "P-1", value: 4 },
            { reference: "P-3", value: 6 },
          ],
        },
        {
          choices: [
            { reference: "P-3", value: 5 },
            { reference: "P-2", value: 5 },
          ],
        },
        {
          choices: [
            { reference: "P-4", value: 6 },
            { reference: "P-5", value: 4 },
          ],
        },
      ],
    };
    const { outcome, text } = publish(settings, input);
    const parsed = parsePabulib(text);
    if (!parsed.ok) throw new Error(parsed.detail.message);
    expect(Object.fromEntries(parsed.value.meta)).toMatchObject({
      vote_type: "cumulative",
      rule: "greedy-threshold",
      min_project_score_threshold: "8",
      max_sum_points: "10",
      max_points: "6",
    });
    expect(parsed.value.projects.find((p) => p.id === "P-3")!.score).toEqual(fromInt(11));
    const recount = countGreedy(parsed.value, { variant: "greedy-threshold", tieBreak: "default" });
    if (!recount.ok) throw new Error(recount.reason);
    expect(recount.value.selected).toEqual(outcome.selected);
    expect(outcome.selected).toEqual(["P-3"]);
  });
});

describe("openDataDocument", () => {
  it("describes the process, the rule and every project's outcome, with no voter data", () => {
    const { outcome, comparison } = publish(SETTINGS, INPUT);
    const doc = openDataDocument({
      council: { name: "Trafford Council", slug: "trafford" },
      process: {
        slug: "community-budget",
        title: "Community budget",
        titleCy: null,
        summary: "Residents decide.",
        ballotType: "approval",
        votingOpenAt: null,
        votingCloseAt: new Date(Date.UTC(2026, 4, 1)),
        publishedAt: new Date(Date.UTC(2026, 4, 4)),
        importedFrom: null,
      },
      settings: SETTINGS,
      budgets: [
        {
          id: "b1",
          name: "Whole area",
          wardCode: null,
          amountPence: INPUT.budgetPence,
          currency: "GBP",
          ballots: { total: 21, online: 20, paper: 1 },
          projects: INPUT.projects.map((p) => ({ reference: p.reference, title: p.title!, costPence: p.costPence })),
          outcome,
          comparison,
          pabulibUrl: "/trafford/budgets/community-budget/results/b1.pb",
        },
      ],
    });
    const json = JSON.parse(JSON.stringify(doc));
    expect(json).toMatchObject({
      format: "commonweal.pb-results",
      version: 1,
      process: { votingCloseAt: "2026-05-01T00:00:00.000Z", publishedAt: "2026-05-04T00:00:00.000Z" },
    });
    expect(json.rule).toEqual({
      countingRule: "equal_shares",
      mesCompletion: "add1_utilitarian",
      mesUtilities: "cost",
      greedyThreshold: null,
      tieBreak: "default",
      pabulibRule: "equalshares/add1-utilitarian",
      tally: ["--rule", "equal-shares", "--completion", "add1-utilitarian", "--utilities", "cost", "--tie-break", "default"],
    });
    const budget = json.budgets[0];
    expect(budget.amountPence).toBe(1_000_001);
    expect(budget.selected).toEqual(outcome.selected);
    expect(budget.equalShares.initialSharePence).toBe("1000001/21");
    expect(budget.projects).toHaveLength(5);
    const p3 = budget.projects.find((p: { reference: string }) => p.reference === "P-3");
    expect(p3).toMatchObject({ title: "Youth club kit", costPence: 299_999, votes: 7, outcome: "selected", round: expect.any(Number), reason: null });
    expect(p3.explanation).toMatch(/^Funded in round \d+\./);
    const p5 = budget.projects.find((p: { reference: string }) => p.reference === "P-5");
    expect(p5.outcome === "selected" || p5.reason === "no_supporters").toBe(true);
    expect(budget.comparison.greedySelected).toEqual(comparison!.greedySelected);
    expect(budget.howCounted).toContain("Equal shares");
    // No voter keys, ballot references or participation: the words never appear.
    expect(JSON.stringify(json)).not.toMatch(/voterKey|reference":"PB-|accountId|ageBand|imdDecile/);
  });
});
