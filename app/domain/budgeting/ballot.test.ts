import { describe, expect, it } from "vitest";
import {
  BALLOT_COPY,
  CASTING_COPY,
  FIELD_ERROR_COPY,
  MONEY_COPY,
  PHASE_NAMES,
  PROCESS_COPY,
  READINESS_COPY,
  WELSH_REVIEWED,
  ballotMessage,
  castingMessage,
  fieldErrorMessage,
  processMessage,
  readinessMessage,
  receiptEmail,
} from "~/domain/budgeting/ballot-messages.ts";
import {
  BALLOT_REASONS,
  ballotConfigFor,
  checkBallot,
  remainingMoney,
  remainingPoints,
  sameChoices,
  type BallotChoiceInput,
  type BallotConfig,
  type BallotProblem,
  type BallotProject,
} from "~/domain/budgeting/ballot.ts";

// Seeded generator (mulberry32): property runs are reproducible; change SEED to explore.
const SEED = 0x5eed_b0a7;
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof rng>;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
function shuffle<T>(r: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const BUDGET = "budget-1";
const project = (id: string, costPence: bigint, over: Partial<BallotProject> = {}): BallotProject => ({
  id,
  budgetId: BUDGET,
  costPence,
  feasible: true,
  ...over,
});
const PROJECTS: BallotProject[] = [
  project("a", 500_000n),
  project("b", 300_000n),
  project("c", 200_000n),
  project("d", 100_000n),
  project("e", 50_000n),
  project("other-budget", 10_000n, { budgetId: "budget-2" }),
  project("infeasible", 10_000n, { feasible: false }),
];
const pick = (...ids: string[]): BallotChoiceInput[] => ids.map((projectId) => ({ projectId, value: 1 }));

const approval = (min = 1, max: number | null = 3): BallotConfig => ({ type: "approval", budgetId: BUDGET, budgetPence: 1_000_000n, minProjects: min, maxProjects: max });
const knapsack = (budgetPence = 1_000_000n, min = 1, max: number | null = null): BallotConfig => ({ type: "knapsack", budgetId: BUDGET, budgetPence, minProjects: min, maxProjects: max });
const cumulative = (points = 10, cap = 5): BallotConfig => ({ type: "cumulative", budgetId: BUDGET, budgetPence: 1_000_000n, points, pointsPerProjectCap: cap });
const ranked = (k = 3): BallotConfig => ({ type: "ranked", budgetId: BUDGET, budgetPence: 1_000_000n, rankCount: k });

describe("checkBallot: choices that are never on the ballot", () => {
  const configs = [approval(), knapsack(), cumulative(), ranked()];
  it.each(configs.map((c) => [c.type, c] as const))("%s: forged, other-budget and infeasible projects are unknown", (_t, config) => {
    for (const id of ["forged-id", "other-budget", "infeasible", ""]) {
      expect(checkBallot(config, PROJECTS, [{ projectId: "a", value: 1 }, { projectId: id, value: 1 }])).toEqual({
        ok: false,
        reason: "unknown_project",
        detail: { projectId: id },
      });
    }
  });

  it("a project of the same id but another budget in the candidate list is still refused", () => {
    const config = approval();
    expect(checkBallot({ ...config, budgetId: "budget-2" }, PROJECTS, pick("a"))).toMatchObject({ reason: "unknown_project" });
  });

  it.each(configs.map((c) => [c.type, c] as const))("%s: a duplicate project is refused", (_t, config) => {
    expect(checkBallot(config, PROJECTS, [{ projectId: "a", value: 1 }, { projectId: "a", value: 2 }])).toEqual({
      ok: false,
      reason: "duplicate_project",
      detail: { projectId: "a" },
    });
  });

  it.each(configs.map((c) => [c.type, c] as const))("%s: negative and non-integer values are refused", (_t, config) => {
    expect(checkBallot(config, PROJECTS, [{ projectId: "a", value: -1 }])).toEqual({
      ok: false,
      reason: "negative_value",
      detail: { projectId: "a", value: -1 },
    });
    for (const value of [1.5, Number.NaN, Number.POSITIVE_INFINITY, "1" as unknown as number]) {
      expect(checkBallot(config, PROJECTS, [{ projectId: "a", value }])).toMatchObject({ ok: false, reason: "invalid_value" });
    }
  });
});

describe("checkBallot: approval", () => {
  it("accepts min..max projects and returns them in project-id order", () => {
    const result = checkBallot(approval(1, 3), PROJECTS, pick("c", "a"));
    expect(result).toEqual({
      ok: true,
      value: { choices: pick("a", "c"), totalCostPence: 700_000n, pointsSpent: 0 },
    });
  });

  it("refuses too few and too many with the numbers", () => {
    expect(checkBallot(approval(2, 3), PROJECTS, pick("a"))).toEqual({
      ok: false,
      reason: "too_few_projects",
      detail: { min: 2, max: 3, chosen: 1 },
    });
    expect(checkBallot(approval(1, 3), PROJECTS, pick("a", "b", "c", "d"))).toEqual({
      ok: false,
      reason: "too_many_projects",
      detail: { min: 1, max: 3, chosen: 4 },
    });
    expect(checkBallot(approval(1, 3), PROJECTS, [])).toMatchObject({ reason: "too_few_projects", detail: { chosen: 0 } });
  });

  it("has no upper limit when max is null, and ignores cost", () => {
    expect(checkBallot(approval(1, null), PROJECTS, pick("a", "b", "c", "d", "e")).ok).toBe(true);
  });

  it("drops zeros (unticked) and refuses values other than 1", () => {
    const result = checkBallot(approval(), PROJECTS, [{ projectId: "a", value: 1 }, { projectId: "b", value: 0 }]);
    expect(result).toMatchObject({ ok: true, value: { choices: pick("a") } });
    expect(checkBallot(approval(), PROJECTS, [{ projectId: "a", value: 2 }])).toEqual({
      ok: false,
      reason: "invalid_value",
      detail: { projectId: "a", value: 2 },
    });
  });
});

describe("checkBallot: knapsack", () => {
  it("accepts a total exactly at the budget", () => {
    expect(checkBallot(knapsack(1_000_000n), PROJECTS, pick("a", "b", "c"))).toMatchObject({ ok: true, value: { totalCostPence: 1_000_000n } });
  });

  it("refuses a total over budget by the exact amount", () => {
    expect(checkBallot(knapsack(1_000_000n), PROJECTS, pick("a", "b", "c", "e"))).toEqual({
      ok: false,
      reason: "over_budget",
      detail: { overByPence: 50_000n, totalPence: 1_050_000n, limitPence: 1_000_000n },
    });
  });

  it("also applies min and max projects", () => {
    expect(checkBallot(knapsack(1_000_000n, 2), PROJECTS, pick("a"))).toMatchObject({ reason: "too_few_projects" });
    expect(checkBallot(knapsack(1_000_000n, 1, 2), PROJECTS, pick("c", "d", "e"))).toMatchObject({ reason: "too_many_projects" });
    expect(checkBallot(knapsack(), PROJECTS, [])).toMatchObject({ reason: "too_few_projects" });
  });
});

describe("checkBallot: cumulative (at most N points, at least 1)", () => {
  it("accepts fewer points than N, and exactly N", () => {
    expect(checkBallot(cumulative(10, 5), PROJECTS, [{ projectId: "a", value: 3 }])).toMatchObject({ ok: true, value: { pointsSpent: 3 } });
    const full = checkBallot(cumulative(10, 5), PROJECTS, [
      { projectId: "b", value: 5 },
      { projectId: "a", value: 5 },
    ]);
    expect(full).toEqual({
      ok: true,
      value: { choices: [{ projectId: "a", value: 5 }, { projectId: "b", value: 5 }], totalCostPence: 800_000n, pointsSpent: 10 },
    });
  });

  it("refuses no points at all", () => {
    expect(checkBallot(cumulative(), PROJECTS, [])).toEqual({ ok: false, reason: "no_points", detail: { points: 10 } });
    expect(checkBallot(cumulative(), PROJECTS, [{ projectId: "a", value: 0 }])).toMatchObject({ reason: "no_points" });
  });

  it("refuses more than N points with how many over", () => {
    expect(
      checkBallot(cumulative(10, 5), PROJECTS, [
        { projectId: "a", value: 5 },
        { projectId: "b", value: 5 },
        { projectId: "c", value: 2 },
      ]),
    ).toEqual({ ok: false, reason: "over_points", detail: { over: 2, points: 10, spent: 12 } });
  });

  it("refuses more than the cap on one project", () => {
    expect(checkBallot(cumulative(10, 5), PROJECTS, [{ projectId: "b", value: 6 }])).toEqual({
      ok: false,
      reason: "over_project_cap",
      detail: { project: "b", cap: 5, given: 6 },
    });
  });
});

describe("checkBallot: ranked (top K)", () => {
  it("accepts a partial ranking 1..m and orders by rank", () => {
    const result = checkBallot(ranked(3), PROJECTS, [
      { projectId: "a", value: 2 },
      { projectId: "c", value: 1 },
    ]);
    expect(result).toMatchObject({ ok: true, value: { choices: [{ projectId: "c", value: 1 }, { projectId: "a", value: 2 }] } });
  });

  it("refuses a gap, a repeated rank, too many ranked, and an empty ranking", () => {
    expect(checkBallot(ranked(3), PROJECTS, [{ projectId: "a", value: 1 }, { projectId: "b", value: 3 }])).toEqual({
      ok: false,
      reason: "rank_gap",
      detail: { missing: 2 },
    });
    expect(checkBallot(ranked(3), PROJECTS, [{ projectId: "a", value: 2 }])).toEqual({ ok: false, reason: "rank_gap", detail: { missing: 1 } });
    expect(checkBallot(ranked(3), PROJECTS, [{ projectId: "a", value: 1 }, { projectId: "b", value: 1 }])).toEqual({
      ok: false,
      reason: "duplicate_rank",
      detail: { rank: 1, projects: ["a", "b"] },
    });
    expect(checkBallot(ranked(2), PROJECTS, [1, 2, 3].map((value, i) => ({ projectId: "abc"[i]!, value })))).toEqual({
      ok: false,
      reason: "too_many_ranked",
      detail: { max: 2, chosen: 3 },
    });
    expect(checkBallot(ranked(3), PROJECTS, [])).toEqual({ ok: false, reason: "too_few_projects", detail: { min: 1, max: 3, chosen: 0 } });
  });
});

// ───────────────────────────── properties ─────────────────────────────

function randomProjects(r: Rng): BallotProject[] {
  const n = int(r, 1, 25);
  return Array.from({ length: n }, (_, i) => project(`p${i}`, BigInt(int(r, 1, 5_000) * 100)));
}

function randomConfig(r: Rng, projects: BallotProject[]): BallotConfig {
  const base = { budgetId: BUDGET, budgetPence: BigInt(int(r, 1, 40_000) * 100) };
  switch (int(r, 0, 3)) {
    case 0: {
      const min = int(r, 1, projects.length);
      return { ...base, type: "approval", minProjects: min, maxProjects: r() < 0.3 ? null : int(r, min, projects.length) };
    }
    case 1: {
      // Make the budget fit at least the cheapest project.
      const cheapest = projects.reduce((m, p) => (p.costPence < m ? p.costPence : m), projects[0]!.costPence);
      return { ...base, type: "knapsack", budgetPence: cheapest + base.budgetPence, minProjects: 1, maxProjects: null };
    }
    case 2: {
      const points = int(r, 1, 20);
      return { ...base, type: "cumulative", points, pointsPerProjectCap: int(r, 1, points) };
    }
    default:
      return { ...base, type: "ranked", rankCount: int(r, 1, Math.min(8, projects.length)) };
  }
}

function randomValidBallot(r: Rng, config: BallotConfig, projects: BallotProject[]): BallotChoiceInput[] {
  const order = shuffle(r, projects);
  switch (config.type) {
    case "approval": {
      const n = int(r, config.minProjects, config.maxProjects ?? projects.length);
      return order.slice(0, n).map((p) => ({ projectId: p.id, value: 1 }));
    }
    case "knapsack": {
      let spent = 0n;
      const chosen: BallotChoiceInput[] = [];
      for (const p of order) {
        if (spent + p.costPence <= config.budgetPence && (chosen.length === 0 || r() < 0.7)) {
          chosen.push({ projectId: p.id, value: 1 });
          spent += p.costPence;
        }
      }
      return chosen;
    }
    case "cumulative": {
      let left = int(r, 1, config.points);
      const chosen: BallotChoiceInput[] = [];
      for (const p of order) {
        if (left === 0) break;
        const give = int(r, 1, Math.min(left, config.pointsPerProjectCap));
        chosen.push({ projectId: p.id, value: give });
        left -= give;
      }
      return chosen;
    }
    case "ranked": {
      const m = int(r, 1, config.rankCount);
      return order.slice(0, m).map((p, i) => ({ projectId: p.id, value: i + 1 }));
    }
  }
}

describe("properties (seeded)", () => {
  const RUNS = 3000;

  it("random valid ballots always pass, in any order, with zeros added", () => {
    const r = rng(SEED);
    for (let i = 0; i < RUNS; i++) {
      const projects = randomProjects(r);
      const config = randomConfig(r, projects);
      const ballot = randomValidBallot(r, config, projects);
      const result = checkBallot(config, projects, ballot);
      expect(result.ok, JSON.stringify({ config: { ...config, budgetPence: String(config.budgetPence) }, ballot })).toBe(true);
      if (!result.ok) continue;
      // Order-independent, and unticked (0) entries do not matter.
      const unchosen = projects.filter((p) => !ballot.some((c) => c.projectId === p.id)).map((p) => ({ projectId: p.id, value: 0 }));
      const again = checkBallot(config, projects, shuffle(r, [...ballot, ...unchosen]));
      expect(again).toEqual(result);
      expect(sameChoices(result.value.choices, ballot)).toBe(true);
      // The live counter agrees with the check.
      const counter = remainingMoney(config, projects, ballot);
      expect(counter.spentPence).toBe(result.value.totalCostPence);
      if (config.type === "knapsack") expect(counter.overByPence).toBe(0n);
    }
  });

  it("mutations that break a rule are refused with the right reason", () => {
    const r = rng(SEED + 1);
    const seen = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const projects = randomProjects(r);
      const config = randomConfig(r, projects);
      const ballot = randomValidBallot(r, config, projects);
      const unchosen = projects.filter((p) => !ballot.some((c) => c.projectId === p.id));
      const mutations: [string, BallotChoiceInput[]][] = [
        ["unknown_project", [...ballot, { projectId: `forged-${i}`, value: 1 }]],
        ["duplicate_project", [...ballot, ballot[0]!]],
        ["negative_value", [...ballot.slice(1), { projectId: ballot[0]!.projectId, value: -int(r, 1, 9) }]],
      ];
      switch (config.type) {
        case "approval":
          if (config.maxProjects !== null && unchosen.length > 0 && ballot.length === config.maxProjects)
            mutations.push(["too_many_projects", [...ballot, { projectId: unchosen[0]!.id, value: 1 }]]);
          if (ballot.length === config.minProjects) mutations.push(["too_few_projects", ballot.slice(1)]);
          mutations.push(["invalid_value", [{ ...ballot[0]!, value: 2 }, ...ballot.slice(1)]]);
          break;
        case "knapsack": {
          const spent = ballot.reduce((s, c) => s + projects.find((p) => p.id === c.projectId)!.costPence, 0n);
          const breaker = unchosen.find((p) => spent + p.costPence > config.budgetPence);
          if (breaker) {
            const mutated = [...ballot, { projectId: breaker.id, value: 1 }];
            const result = checkBallot(config, projects, mutated);
            expect(result).toEqual({
              ok: false,
              reason: "over_budget",
              detail: { overByPence: spent + breaker.costPence - config.budgetPence, totalPence: spent + breaker.costPence, limitPence: config.budgetPence },
            });
            seen.add("over_budget");
          }
          mutations.push(["too_few_projects", []]);
          break;
        }
        case "cumulative": {
          const spent = ballot.reduce((s, c) => s + c.value, 0);
          mutations.push(["no_points", ballot.map((c) => ({ ...c, value: 0 }))]);
          mutations.push(["over_project_cap", [{ ...ballot[0]!, value: config.pointsPerProjectCap + 1 }, ...ballot.slice(1)]]);
          // Top up within the cap until over N, if the unchosen projects allow it.
          const extra: BallotChoiceInput[] = [];
          let total = spent;
          for (const p of unchosen) {
            if (total > config.points) break;
            const give = config.pointsPerProjectCap;
            extra.push({ projectId: p.id, value: give });
            total += give;
          }
          if (total > config.points) {
            const result = checkBallot(config, projects, [...ballot, ...extra]);
            expect(result).toEqual({ ok: false, reason: "over_points", detail: { over: total - config.points, points: config.points, spent: total } });
            seen.add("over_points");
          }
          break;
        }
        case "ranked":
          if (ballot.length >= 2) {
            mutations.push(["duplicate_rank", ballot.map((c, j) => (j === 1 ? { ...c, value: 1 } : c))]);
            const j = int(r, 0, ballot.length - 2); // not the last rank
            const gapped = ballot.filter((_, k) => k !== j);
            const result = checkBallot(config, projects, gapped);
            expect(result).toEqual({ ok: false, reason: "rank_gap", detail: { missing: j + 1 } });
            seen.add("rank_gap");
          }
          if (ballot.length === config.rankCount && unchosen.length > 0)
            mutations.push(["too_many_ranked", [...ballot, { projectId: unchosen[0]!.id, value: ballot.length + 1 }]]);
          mutations.push(["too_few_projects", []]);
          break;
      }
      for (const [reason, mutated] of mutations) {
        expect(checkBallot(config, projects, shuffle(r, mutated)), `${config.type} ${reason}`).toMatchObject({ ok: false, reason });
        seen.add(reason);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        "duplicate_project",
        "duplicate_rank",
        "invalid_value",
        "negative_value",
        "no_points",
        "over_budget",
        "over_points",
        "over_project_cap",
        "rank_gap",
        "too_few_projects",
        "too_many_projects",
        "too_many_ranked",
        "unknown_project",
      ].sort(),
    );
  });
});

describe("live counters", () => {
  it("remainingMoney counts down and reports the overspend", () => {
    const config = knapsack(1_000_000n);
    expect(remainingMoney(config, PROJECTS, [])).toEqual({ limitPence: 1_000_000n, spentPence: 0n, remainingPence: 1_000_000n, overByPence: 0n });
    expect(remainingMoney(config, PROJECTS, pick("a", "b"))).toMatchObject({ spentPence: 800_000n, remainingPence: 200_000n, overByPence: 0n });
    expect(remainingMoney(config, PROJECTS, pick("a", "b", "c", "d"))).toMatchObject({ remainingPence: -100_000n, overByPence: 100_000n });
  });

  it("remainingMoney tolerates a half-filled form", () => {
    const config = knapsack(1_000_000n);
    const messy = [...pick("a", "a", "forged", "other-budget", "infeasible"), { projectId: "b", value: 0 }, { projectId: "c", value: -1 }];
    expect(remainingMoney(config, PROJECTS, messy).spentPence).toBe(500_000n);
  });

  it("remainingPoints for cumulative ballots only", () => {
    expect(remainingPoints(cumulative(10), [{ projectId: "a", value: 3 }, { projectId: "b", value: 4 }])).toEqual({ points: 10, spent: 7, remaining: 3 });
    expect(remainingPoints(cumulative(10), [{ projectId: "a", value: 8 }, { projectId: "b", value: 4 }])).toEqual({ points: 10, spent: 12, remaining: -2 });
    expect(remainingPoints(cumulative(10), [{ projectId: "a", value: 3 }, { projectId: "a", value: 3 }, { projectId: "b", value: -1 }])).toMatchObject({ spent: 3 });
    expect(remainingPoints(approval(), pick("a"))).toBeNull();
  });
});

describe("ballotConfigFor", () => {
  const budget = { id: BUDGET, amountPence: 1_000_000n };
  const base = { minProjects: 1, maxProjects: null, points: null, pointsPerProjectCap: null, rankCount: null };

  it("builds each type from stored settings", () => {
    expect(ballotConfigFor({ ...base, ballotType: "approval", maxProjects: 3 }, budget)).toEqual({ ok: true, value: approval(1, 3) });
    expect(ballotConfigFor({ ...base, ballotType: "knapsack" }, budget)).toEqual({ ok: true, value: knapsack() });
    expect(ballotConfigFor({ ...base, ballotType: "cumulative", points: 10 }, budget)).toEqual({ ok: true, value: cumulative(10, 10) });
    expect(ballotConfigFor({ ...base, ballotType: "cumulative", points: 10, pointsPerProjectCap: 5 }, budget)).toEqual({ ok: true, value: cumulative(10, 5) });
    expect(ballotConfigFor({ ...base, ballotType: "ranked", rankCount: 3 }, budget)).toEqual({ ok: true, value: ranked(3) });
  });

  it("refuses settings that no ballot could satisfy", () => {
    for (const bad of [
      { ...base, ballotType: "approval" as const, minProjects: 3, maxProjects: 2 },
      { ...base, ballotType: "cumulative" as const },
      { ...base, ballotType: "cumulative" as const, points: 5, pointsPerProjectCap: 6 },
      { ...base, ballotType: "ranked" as const },
      { ...base, ballotType: "ranked" as const, rankCount: 0 },
    ])
      expect(ballotConfigFor(bad, budget)).toEqual({ ok: false, reason: "invalid_ballot_settings" });
  });
});

describe("sameChoices", () => {
  it("ignores order, not values", () => {
    expect(sameChoices(pick("a", "b"), pick("b", "a"))).toBe(true);
    expect(sameChoices(pick("a", "b"), pick("a"))).toBe(false);
    expect(sameChoices([{ projectId: "a", value: 1 }], [{ projectId: "a", value: 2 }])).toBe(false);
    expect(sameChoices(pick("a", "a"), pick("a", "b"))).toBe(false);
  });
});

describe("ballot-messages", () => {
  const locales = ["en", "cy"] as const;

  it("has English and Welsh copy for every reason, the Welsh marked as a draft", () => {
    expect(Object.keys(BALLOT_COPY).sort()).toEqual([...BALLOT_REASONS].sort());
    for (const table of [BALLOT_COPY, CASTING_COPY, PROCESS_COPY, READINESS_COPY, FIELD_ERROR_COPY, MONEY_COPY, PHASE_NAMES])
      for (const copy of Object.values(table)) for (const l of locales) expect(copy[l].trim().length).toBeGreaterThan(0);
    expect(WELSH_REVIEWED).toBe(false);
  });

  it("words every refused ballot with its numbers and no leftover placeholders", () => {
    const r = rng(SEED + 2);
    const refusals: BallotProblem[] = [];
    for (let i = 0; i < 400; i++) {
      const projects = randomProjects(r);
      const config = randomConfig(r, projects);
      const ballot = randomValidBallot(r, config, projects);
      for (const mutated of [[...ballot, ballot[0]!], [], ballot.map((c) => ({ ...c, value: c.value + 3 })), [...ballot, ...projects.map((p) => ({ projectId: p.id, value: 1 }))]]) {
        const result = checkBallot(config, projects, mutated);
        if (!result.ok) refusals.push(result);
      }
    }
    for (const refusal of refusals)
      for (const l of locales) {
        const text = ballotMessage(refusal, l, { p0: "Benches" });
        expect(text).not.toMatch(/[{}]/);
        expect(text.length).toBeGreaterThan(10);
      }
  });

  it("says how far over budget in pounds", () => {
    const result = checkBallot(knapsack(1_000_000n), PROJECTS, pick("a", "b", "c", "e"));
    if (result.ok) throw new Error("expected a refusal");
    expect(ballotMessage(result, "en")).toBe(
      "The projects you chose cost £10,500, which is over budget by £500. Remove a project so the total is £10,000 or less.",
    );
    expect(ballotMessage(result, "cy")).toContain("£500 dros y gyllideb");
    expect(ballotMessage({ reason: "too_few_projects", detail: { min: 1, max: 3, chosen: 0 } }, "en")).toBe("Choose at least 1 project. You have chosen 0.");
    expect(ballotMessage({ reason: "over_project_cap", detail: { project: "p0", cap: 5, given: 6 } }, "en", { p0: "Benches" })).toBe(
      "You can give no more than 5 points to one project. You gave 6 to “Benches”.",
    );
  });

  it("words casting, process, readiness and field errors", () => {
    expect(castingMessage("age_not_confirmed", "en", { minimumAge: 16 })).toBe("Confirm that you are 16 or older.");
    expect(processMessage("invalid_transition", "en", { from: "results", to: "voting" })).toContain("from results to voting");
    expect(processMessage("phase_locked", "cy", { phase: "review" })).toContain("adolygu");
    expect(readinessMessage({ code: "unreviewed_projects", budgetId: "b", budgetName: "North", count: 2 }, "en")).toBe(
      "North: 2 projects still to review. Mark each project feasible or not feasible.",
    );
    expect(fieldErrorMessage("budgets.0.amount", "required", "en")).toBe("Enter the amount");
    expect(fieldErrorMessage("title", "too_short", "en")).toBe("The title must be between 3 and 120 characters");
    // Welsh labels are interpolated without mutation: part of the draft a translator must review.
    expect(fieldErrorMessage("summary", "required", "cy")).toContain("crynodeb");
    expect(fieldErrorMessage("mystery", "required", "en")).toBe("Enter the answer");
  });

  it("the receipt gives the reference, never the choices", () => {
    const en = receiptEmail("en", { processTitle: "Sale Community Budget", budgetName: "Whole of Sale", reference: "PB-7K3Q-9XD2", changed: true });
    expect(en.subject).toBe("Your vote has been recorded – reference PB-7K3Q-9XD2");
    expect(en.text).toContain("Your reference is PB-7K3Q-9XD2");
    expect(en.text).toContain("This vote replaces the one you made before.");
    expect(en.text).toContain("We have not listed your choices");
    const cy = receiptEmail("cy", { processTitle: "Cyllideb", budgetName: "Sale", reference: "PB-7K3Q-9XD2", changed: false });
    expect(cy.subject).toContain("cyfeirnod PB-7K3Q-9XD2");
    expect(cy.text).not.toContain("disodli");
  });
});
