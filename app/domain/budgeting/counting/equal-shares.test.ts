import { describe, expect, it } from "vitest";
import type { Election } from "../pabulib.ts";
import { fromInt, rational } from "../rational.ts";
import { compareByPopularity, countEqualShares, type EqualSharesOptions } from "./equal-shares.ts";
import type { FundedExplanation, NotFundedExplanation, Outcome } from "./outcome.ts";

/** A small approval election: projects as [id, cost], ballots as lists of ids. */
function election(budget: number, projects: [string, number][], ballots: string[][]): Election {
  return {
    meta: [],
    budget: fromInt(budget),
    voteType: "approval",
    rule: "unknown",
    limits: {},
    projectColumns: ["project_id", "cost"],
    voteColumns: ["voter_id", "vote"],
    projects: projects.map(([id, cost]) => ({ id, cost: fromInt(cost), extra: {} })),
    ballots: ballots.map((projects, i) => ({ voterId: String(i + 1), projects, extra: {} })),
  };
}

function count(e: Election, options: EqualSharesOptions): Outcome {
  const r = countEqualShares(e, options);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const funded = (o: Outcome, id: string) => o.projects.find((p) => p.projectId === id) as FundedExplanation;
const lost = (o: Outcome, id: string) => o.projects.find((p) => p.projectId === id) as NotFundedExplanation;

// Four voters with 100 each. A (200) is backed by voters 1–3, B (100) by voter 1, C (120) by
// voters 3–4, D (150) by voter 4.
const FOUR = election(
  400,
  [
    ["A", 200],
    ["B", 100],
    ["C", 120],
    ["D", 150],
  ],
  [["A", "B"], ["A"], ["A", "C"], ["C", "D"]],
);

describe("Method of Equal Shares", () => {
  it("funds by smallest ratio ρ with cost utilities, worked by hand", () => {
    const o = count(FOUR, { completion: "none" });
    // Round 1: ρ(A) = 1/3 (each of 3 pays 200/3), ρ(C) = 1/2, ρ(B) = 1, D unaffordable.
    // Round 2: C: voter 3 has 100/3 left and pays it all; voter 4 pays 120 − 100/3 = 260/3.
    expect(o.selected).toEqual(["A", "C"]);
    expect(o.cost).toEqual(fromInt(320));
    expect(funded(o, "A")).toMatchObject({ round: 1, stage: "equal-shares", payment: { supporters: 3, share: rational(200, 3), paidShare: 3, paidAllTheyHad: 0, paidNothing: 0 } });
    expect(funded(o, "C").payment).toEqual({
      supporters: 2,
      share: rational(260, 3),
      paidShare: 1,
      paidAllTheyHad: 1,
      paidAllTheyHadTotal: rational(100, 3),
      paidNothing: 0,
    });
    expect(lost(o, "B")).toMatchObject({ reason: "supporters_short", supportersHad: rational(100, 3) });
    expect(lost(o, "D")).toMatchObject({ reason: "supporters_short", supportersHad: rational(40, 3) });
    expect(o.equalShares).toMatchObject({ voters: 4, initialShare: fromInt(100), finalShare: fromInt(100), add1Steps: 0 });
  });

  it("with cardinality utilities minimises the payment itself (Rule X)", () => {
    const o = count(FOUR, { completion: "none", utilities: "cardinality" });
    // C first (60 each), then A: voter 3 has 40 and pays it, voters 1 and 2 pay 80 each.
    expect(o.selected).toEqual(["C", "A"]);
    expect(funded(o, "A").payment).toMatchObject({ share: fromInt(80), paidShare: 2, paidAllTheyHad: 1, paidAllTheyHadTotal: fromInt(40) });
  });

  it("lists every voter's payment on request", () => {
    const o = count(FOUR, { completion: "none", recordPayments: true });
    expect(o.payments).toEqual([
      { voter: 0, projectId: "A", amount: rational(200, 3) },
      { voter: 1, projectId: "A", amount: rational(200, 3) },
      { voter: 2, projectId: "A", amount: rational(200, 3) },
      { voter: 2, projectId: "C", amount: rational(100, 3) },
      { voter: 3, projectId: "C", amount: rational(260, 3) },
    ]);
  });

  it("Add1 raises the share a unit at a time until the outcome is exhaustive", () => {
    // Five voters with 20 each. y (30) is backed by three, x (60) by the other two, who need
    // 30 each: at 20 only y is funded and x would still fit the 70 left, so Add1 raises the
    // share to 30, where both are funded and nothing else fits.
    const e = election(
      100,
      [
        ["x", 60],
        ["y", 30],
      ],
      [["y"], ["y"], ["y"], ["x"], ["x"]],
    );
    expect(count(e, { completion: "none" }).selected).toEqual(["y"]);
    const o = count(e, { completion: "add1" });
    expect(o.selected).toEqual(["y", "x"]);
    expect(o.equalShares).toMatchObject({ initialShare: fromInt(20), finalShare: fromInt(30), add1Steps: 10 });
    expect(count(e, { completion: "add1", add1Start: "integral", step: fromInt(5) }).equalShares!.add1Steps).toBe(2);
  });

  it("Add1 keeps the last outcome within budget when the next one would overspend", () => {
    // 2 voters, 50 each; a (60) and b (60) each backed by one voter. At 60 each, both are
    // funded (120 > 100), so Add1 stops at 59 with nothing funded: not exhaustive, but the
    // next step overspends. add1-until-overspend ends in the same place here.
    const e = election(
      100,
      [
        ["a", 60],
        ["b", 60],
      ],
      [["a"], ["b"]],
    );
    const o = count(e, { completion: "add1" });
    expect(o.selected).toEqual([]);
    expect(o.equalShares).toMatchObject({ finalShare: fromInt(59), add1Steps: 9 });
    expect(count(e, { completion: "add1-until-overspend" }).equalShares!.add1Steps).toBe(9);
    // Utilitarian completion then funds one of them by votes (a tie, settled by cost then id).
    expect(count(e, { completion: "add1-utilitarian" }).selected).toEqual(["a"]);
  });

  it("stops Add1 after the step limit rather than loop for ever", () => {
    const e = election(100, [["a", 60], ["b", 60]], [["a"], ["b"]]);
    expect(countEqualShares(e, { completion: "add1", maxAdd1Steps: 3 })).toEqual({ ok: false, reason: "add1_limit", detail: { steps: 3 } });
  });

  it("utilitarian completion spends what is left on the most-voted projects that fit", () => {
    const e = election(
      100,
      [
        ["a", 60],
        ["b", 30],
        ["c", 10],
      ],
      [["a"], ["a"], ["b"], []],
    );
    const o = count(e, { completion: "add1-utilitarian" });
    expect(o.selected).toEqual(["a", "b", "c"]);
    expect(funded(o, "c")).toMatchObject({ stage: "completion", round: 3 });
    const none = count(e, { completion: "none" });
    expect(lost(none, "c")).toMatchObject({ reason: "no_supporters" });
  });

  it("funds supported projects that cost nothing first, for free", () => {
    const e = election(
      10,
      [
        ["paid", 10],
        ["free", 0],
        ["unloved", 0],
      ],
      [["paid", "free"], ["paid"]],
    );
    const o = count(e, { completion: "none" });
    expect(o.selected).toEqual(["free", "paid"]);
    expect(funded(o, "free").payment!.share).toEqual(fromInt(0));
    expect(lost(o, "unloved").reason).toBe("no_supporters");
  });

  describe("ties", () => {
    // "1" (100) and "2" (90) have the same two supporters, so ρ = 1/2 for both: an exact tie.
    // Each voter has 75, so only the first can be funded.
    const tie = election(
      150,
      [
        ["1", 100],
        ["2", 90],
      ],
      [["1", "2"], ["1", "2"]],
    );

    it("default: the cheaper project wins, and the tie is recorded", () => {
      const o = count(tie, { completion: "none" });
      expect(o.selected).toEqual(["2"]);
      expect(o.ties).toEqual([{ round: 1, tied: ["2", "1"], chosen: "2" }]);
      expect(funded(o, "2").wonTieAgainst).toEqual(["1"]);
    });

    it("id: project id as a string wins, as pabutools does", () => {
      expect(count(tie, { completion: "none", tieBreak: "id" }).selected).toEqual(["1"]);
    });

    it("refuse: counting stops and reports the tie", () => {
      expect(countEqualShares(tie, { completion: "add1", tieBreak: "refuse" })).toEqual({
        ok: false,
        reason: "tie",
        detail: { round: 1, tied: ["2", "1"] },
      });
    });

    it("finds exact ties that floating point splits", () => {
      // 11 voters back both; ρ = 1/11 exactly for each, but in doubles (1/11)/1 and (3/11)/3
      // differ in the last bit, the dearer one appearing smaller. The cheaper must win.
      const e = election(
        1000,
        [
          ["dear", 3],
          ["cheap", 1],
        ],
        Array.from({ length: 11 }, () => ["dear", "cheap"]),
      );
      const o = count(e, { completion: "none" });
      expect(o.selected).toEqual(["cheap", "dear"]);
      expect(o.ties[0]).toEqual({ round: 1, tied: ["cheap", "dear"], chosen: "cheap" });
    });
  });

  it("counts empty ballots in n, as pabutools and equalshares.net do", () => {
    const e = election(90, [["x", 60]], [["x"], [], []]);
    // 30 each: voter 1 alone cannot pay 60.
    expect(count(e, { completion: "none" }).selected).toEqual([]);
    // Add1 raises every share until voter 1 can: 60 each costs 180 in shares, still ≤ budget for x.
    expect(count(e, { completion: "add1" }).selected).toEqual(["x"]);
  });

  it("handles non-integral costs exactly", () => {
    const e: Election = { ...election(10, [["p", 0]], [["p"], ["p"], ["p"]]) };
    const withHalf: Election = { ...e, budget: rational(21, 2), projects: [{ id: "p", cost: rational(21, 2), extra: {} }] };
    const o = count(withHalf, { completion: "none" });
    expect(o.selected).toEqual(["p"]);
    expect(funded(o, "p").payment!.share).toEqual(rational(7, 2));
  });

  it("compares outcomes by how many voters prefer each (the -comparison step)", () => {
    const e = election(
      100,
      [
        ["a", 50],
        ["b", 50],
        ["c", 50],
      ],
      [["a"], ["a"], ["b", "c"]],
    );
    expect(compareByPopularity(e, ["a", "b"], ["b", "c"])).toEqual({ preferEqualShares: 2, preferGreedy: 1, indifferent: 0, keep: "equal-shares" });
    expect(compareByPopularity(e, ["b"], ["a"])).toMatchObject({ keep: "greedy" });
  });
});
