import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countOptions, pabulibRuleName, runCount, tallyArguments, toElection, type CountInput, type CountSettings } from "./count.ts";
import { parsePabulib, type Election } from "./pabulib.ts";
import { fromInt, mulInt, rational } from "./rational.ts";

const MES: CountSettings = {
  ballotType: "approval",
  countingRule: "equal_shares",
  mesCompletion: "add1_utilitarian",
  mesUtilities: "cost",
  greedyThreshold: null,
  tieBreak: "default",
  rankCount: null,
};

/**
 * £10,000 between a majority of 14 who back P-1 (£6,000) and P-2 (£4,000), and 6 who back P-3
 * and P-4 (£3,000 each): greedy gives the majority everything; equal shares gives the 6 their
 * share of the budget (30%, £3,000 at first, and with Add1 enough for both their projects).
 */
const SPLIT: CountInput = {
  budgetPence: 1_000_000n,
  projects: [
    { reference: "P-1", costPence: 600_000n },
    { reference: "P-2", costPence: 400_000n },
    { reference: "P-3", costPence: 300_000n },
    { reference: "P-4", costPence: 300_000n },
  ],
  ballots: [
    ...Array.from({ length: 14 }, () => ({
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
  ],
};

describe("toElection", () => {
  it("keeps pence exactly, names projects by reference and numbers voters in the given order", () => {
    const e = toElection(SPLIT, MES);
    expect(e.budget).toEqual(fromInt(1_000_000));
    expect(e.voteType).toBe("approval");
    expect(e.projects.map((p) => [p.id, p.cost])).toEqual([
      ["P-1", fromInt(600_000)],
      ["P-2", fromInt(400_000)],
      ["P-3", fromInt(300_000)],
      ["P-4", fromInt(300_000)],
    ]);
    expect(e.ballots[0]).toEqual({ voterId: "1", projects: ["P-1", "P-2"], extra: {} });
    expect(e.ballots).toHaveLength(20);
  });

  it("writes pounds for the published file", () => {
    const e = toElection({ ...SPLIT, budgetPence: 1_000_050n }, MES, { unit: "pounds" });
    expect(e.budget).toEqual(rational(1_000_050, 100));
  });

  it("orders ranked choices by rank and gives K − position with K = the rank count", () => {
    const input: CountInput = {
      budgetPence: 100n,
      projects: [
        { reference: "A", costPence: 10n },
        { reference: "B", costPence: 10n },
      ],
      ballots: [
        {
          choices: [
            { reference: "B", value: 2 },
            { reference: "A", value: 1 },
          ],
        },
      ],
    };
    const e = toElection(input, { ballotType: "ranked", rankCount: 3 });
    expect(e.voteType).toBe("ordinal");
    expect(e.ballots[0]!.projects).toEqual(["A", "B"]);
    expect(e.limits.maxLength).toBe(3);
    const counted = runCount(e, { ...MES, ballotType: "ranked", countingRule: "greedy", rankCount: 3 });
    if (!counted.ok) throw new Error(counted.reason);
    expect(counted.value.outcome.projects.map((p) => [p.projectId, p.score])).toEqual([
      ["A", fromInt(3)],
      ["B", fromInt(2)],
    ]);
  });

  it("reads cumulative values as points, most first", () => {
    const input: CountInput = {
      budgetPence: 100n,
      projects: [
        { reference: "A", costPence: 10n },
        { reference: "B", costPence: 10n },
      ],
      ballots: [
        {
          choices: [
            { reference: "A", value: 2 },
            { reference: "B", value: 5 },
          ],
        },
      ],
    };
    const e = toElection(input, { ballotType: "cumulative", rankCount: null });
    expect(e.voteType).toBe("cumulative");
    expect(e.ballots[0]).toMatchObject({ projects: ["B", "A"], points: [fromInt(5), fromInt(2)] });
  });
});

describe("runCount", () => {
  it("equal shares funds the minority's project where greedy gives the majority everything", () => {
    const counted = runCount(toElection(SPLIT, MES), MES);
    if (!counted.ok) throw new Error(counted.reason);
    const { outcome, comparison } = counted.value;
    expect(outcome.rule).toBe("equal-shares");
    expect(outcome.selected).toEqual(["P-2", "P-3", "P-4"]);
    expect(outcome.cost).toEqual(fromInt(1_000_000));
    // P-1 and P-2 cost their 14 supporters the same per pound of benefit: the cheaper one wins.
    expect(outcome.projects[1]).toMatchObject({
      funded: true,
      round: 1,
      wonTieAgainst: ["P-1"],
      payment: { supporters: 14, share: rational(400_000, 14) },
    });
    expect(outcome.projects[0]).toMatchObject({ funded: false, reason: "supporters_short" });
    expect(comparison).toEqual({
      greedySelected: ["P-2", "P-1"],
      greedyCost: fromInt(1_000_000),
      // The 6 have two winners instead of none; the 14 have one instead of two.
      preferEqualShares: 6,
      preferGreedy: 14,
      indifferent: 0,
    });
  });

  it("greedy rules have no comparison", () => {
    const settings = { ...MES, countingRule: "greedy" as const };
    const counted = runCount(toElection(SPLIT, settings), settings);
    if (!counted.ok) throw new Error(counted.reason);
    // Level on votes: the cheaper first (the default tie-break).
    expect(counted.value.outcome.selected).toEqual(["P-2", "P-1"]);
    expect(counted.value.comparison).toBeNull();
  });

  it("stops at a tie when the policy is to report it", () => {
    const tied: CountInput = {
      budgetPence: 500n,
      projects: [
        { reference: "P-1", costPence: 300n },
        { reference: "P-2", costPence: 300n },
      ],
      ballots: [{ choices: [{ reference: "P-1", value: 1 }] }, { choices: [{ reference: "P-2", value: 1 }] }],
    };
    const settings = { ...MES, countingRule: "greedy" as const, tieBreak: "report" as const };
    expect(runCount(toElection(tied, settings), settings)).toEqual({ ok: false, reason: "tie", detail: { round: 1, tied: ["P-1", "P-2"] } });
    const byDefault = runCount(toElection(tied, MES), { ...settings, tieBreak: "default" });
    expect(byDefault.ok && byDefault.value.outcome.selected).toEqual(["P-1"]);
  });

  it("counts Add1 a whole currency unit at a time: pence with a step of 100 give the official Assen result", () => {
    // Assen 2024 (EUR) counted in cents reproduces the official selection, which pabulib's file
    // records for equal shares with Add1 in steps of one euro.
    const assen = parsePabulib(readFileSync(new URL("./fixtures/pabulib/Netherlands_Assen_2024.pb", import.meta.url), "utf8"));
    if (!assen.ok) throw new Error(assen.reason);
    const inCents: Election = {
      ...assen.value,
      budget: mulInt(assen.value.budget, 100),
      projects: assen.value.projects.map((p) => ({ ...p, cost: mulInt(p.cost, 100) })),
    };
    const counted = runCount(inCents, { ...MES, mesCompletion: "add1" });
    if (!counted.ok) throw new Error(counted.reason);
    const official = assen.value.projects.filter((p) => p.selected === 1).map((p) => p.id);
    expect([...counted.value.outcome.selected].sort()).toEqual([...official].sort());
    expect(counted.value.outcome.selected).toEqual(["3", "9", "2", "11", "13", "14", "5", "6", "12"]);
  });
});

describe("settings as counting options, pabulib rule names and tally arguments", () => {
  it.each([
    [{ countingRule: "greedy" }, "greedy", ["--rule", "greedy", "--tie-break", "default"]],
    [{ countingRule: "greedy_no_skip", tieBreak: "id" }, "greedy-no-skip", ["--rule", "greedy-no-skip", "--tie-break", "id"]],
    [{ countingRule: "greedy_threshold", greedyThreshold: 5 }, "greedy-threshold", ["--rule", "greedy-threshold", "--tie-break", "default"]],
    [{ mesCompletion: "none" }, "equalshares", ["--rule", "equal-shares", "--completion", "none", "--utilities", "cost", "--tie-break", "default"]],
    [
      { mesCompletion: "add1", tieBreak: "report" },
      "equalshares/add1",
      ["--rule", "equal-shares", "--completion", "add1", "--utilities", "cost", "--tie-break", "refuse"],
    ],
    [
      { mesUtilities: "cardinality" },
      "equalshares/add1-utilitarian",
      ["--rule", "equal-shares", "--completion", "add1-utilitarian", "--utilities", "cardinality", "--tie-break", "default"],
    ],
  ] as const)("%o → %s", (change, rule, args) => {
    const settings = { ...MES, ...change } as CountSettings;
    expect(pabulibRuleName(settings)).toBe(rule);
    expect(tallyArguments(settings)).toEqual(args);
  });

  it("gives greedy-threshold its threshold", () => {
    expect(countOptions({ ...MES, countingRule: "greedy_threshold", greedyThreshold: 7 })).toEqual({
      rule: "greedy-threshold",
      tieBreak: "default",
      threshold: fromInt(7),
    });
  });
});
