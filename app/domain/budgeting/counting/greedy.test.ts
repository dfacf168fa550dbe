import { describe, expect, it } from "vitest";
import type { Election } from "../pabulib.ts";
import { fromInt } from "../rational.ts";
import { countGreedy, type GreedyOptions } from "./greedy.ts";
import type { NotFundedExplanation, Outcome } from "./outcome.ts";

function election(budget: number, projects: [string, number][], ballots: string[][]): Election {
  return {
    meta: [],
    budget: fromInt(budget),
    voteType: "approval",
    rule: "greedy",
    limits: {},
    projectColumns: ["project_id", "cost"],
    voteColumns: ["voter_id", "vote"],
    projects: projects.map(([id, cost]) => ({ id, cost: fromInt(cost), extra: {} })),
    ballots: ballots.map((projects, i) => ({ voterId: String(i + 1), projects, extra: {} })),
  };
}

function count(e: Election, options: GreedyOptions): Outcome {
  const r = countGreedy(e, options);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const lost = (o: Outcome, id: string) => o.projects.find((p) => p.projectId === id) as NotFundedExplanation;

// Votes: big 4, mid 3, small 2, tiny 1, nobody 0. Budget 100.
const FIVE = election(
  100,
  [
    ["big", 70],
    ["mid", 40],
    ["small", 20],
    ["tiny", 5],
    ["nobody", 5],
  ],
  [["big", "mid", "small", "tiny"], ["big", "mid", "small"], ["big", "mid"], ["big"]],
);

describe("greedy rules", () => {
  it("greedy skips what does not fit and carries on, funding even unvoted projects that fit", () => {
    const o = count(FIVE, { variant: "greedy" });
    expect(o.selected).toEqual(["big", "small", "tiny", "nobody"]);
    expect(o.cost).toEqual(fromInt(100));
    expect(lost(o, "mid")).toMatchObject({ funded: false, reason: "did_not_fit", remaining: fromInt(30), votes: 3 });
    expect(o.projects.find((p) => p.projectId === "small")).toMatchObject({ funded: true, round: 2, stage: "greedy" });
  });

  it("greedy-no-skip stops at the first project that does not fit", () => {
    const o = count(FIVE, { variant: "greedy-no-skip" });
    expect(o.selected).toEqual(["big"]);
    expect(lost(o, "mid")).toMatchObject({ reason: "did_not_fit", remaining: fromInt(30) });
    expect(lost(o, "small")).toMatchObject({ reason: "counting_stopped", stoppedAt: "mid" });
  });

  it("greedy-threshold leaves out projects below the minimum score", () => {
    const o = count(FIVE, { variant: "greedy-threshold", threshold: fromInt(2) });
    expect(o.selected).toEqual(["big", "small"]);
    expect(lost(o, "tiny")).toMatchObject({ reason: "below_threshold", threshold: fromInt(2) });
    expect(o.threshold).toEqual(fromInt(2));
    expect(countGreedy(FIVE, { variant: "greedy-threshold" })).toEqual({ ok: false, reason: "no_threshold" });
    expect(countGreedy(FIVE, { variant: "greedy-threshold", threshold: fromInt(-1) })).toEqual({ ok: false, reason: "bad_threshold" });
  });

  describe("ties", () => {
    // "10" (60) and "9" (50) both have two votes; only one fits in 80.
    const tied = election(
      80,
      [
        ["10", 60],
        ["9", 50],
      ],
      [["10", "9"], ["10", "9"]],
    );

    it("default: cheaper first, and the tie is recorded", () => {
      const o = count(tied, { variant: "greedy" });
      expect(o.selected).toEqual(["9"]);
      expect(o.ties).toEqual([{ round: 1, tied: ["9", "10"], chosen: "9" }]);
      expect(o.projects.find((p) => p.projectId === "9")).toMatchObject({ wonTieAgainst: ["10"] });
    });

    it('id: string order, so "10" comes before "9" as in pabutools', () => {
      expect(count(tied, { variant: "greedy", tieBreak: "id" }).selected).toEqual(["10"]);
    });

    it("refuse: reports the tie when it decides the outcome", () => {
      expect(countGreedy(tied, { variant: "greedy", tieBreak: "refuse" })).toEqual({ ok: false, reason: "tie", detail: { round: 1, tied: ["9", "10"] } });
    });

    it("does not report ties that change nothing", () => {
      const roomy = { ...tied, budget: fromInt(200) };
      const o = count(roomy, { variant: "greedy", tieBreak: "refuse" });
      expect(o.selected).toEqual(["9", "10"]);
      expect(o.ties).toEqual([]);
    });
  });

  it("ranks cumulative ballots by points", () => {
    const e: Election = {
      ...election(100, [["a", 60], ["b", 60]], []),
      voteType: "cumulative",
      ballots: [
        { voterId: "1", projects: ["a", "b"], points: [fromInt(1), fromInt(1)], extra: {} },
        { voterId: "2", projects: ["b"], points: [fromInt(3)], extra: {} },
        { voterId: "3", projects: ["a"], points: [fromInt(2)], extra: {} },
      ],
    };
    const o = count(e, { variant: "greedy" });
    expect(o.selected).toEqual(["b"]);
    expect(lost(o, "a")).toMatchObject({ votes: 2, score: fromInt(3) });
  });
});
