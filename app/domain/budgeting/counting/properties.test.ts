// Property tests on random elections (fixed seeds, hand-rolled generator: fast-check is not a
// dependency). The fast equal-shares engine is checked against a deliberately naive exact
// implementation written straight from the pseudo-code in pb-rules.md §5.2.
import { describe, expect, it } from "vitest";
import { parsePabulib, writePabulib, type Ballot, type Election, type Project } from "../pabulib.ts";
import { ZERO, add, compare, div, fromInt, gte, lte, min, mul, rational, sub, type Rational } from "../rational.ts";
import { countEqualShares, isExhaustive, selectionCost } from "./equal-shares.ts";
import { countGreedy } from "./greedy.ts";
import type { Completion, Outcome, Utilities } from "./outcome.ts";
import { compareForTie, type TieBreak } from "./tie-breaking.ts";

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int };
}

function randomElection(seed: number): Election {
  const rnd = prng(seed);
  const P = rnd.int(1, 7);
  const n = rnd.int(0, 12);
  const halves = rnd.next() < 0.2; // some elections with half-unit costs, to exercise scaling
  const projects: Project[] = Array.from({ length: P }, (_, i) => ({
    id: String(rnd.int(0, 1) ? i + 1 : (i + 1) * 10), // mixes "10" and "2": string order ≠ number order
    cost: halves ? rational(rnd.int(0, 60), 2) : fromInt(rnd.next() < 0.1 ? 0 : rnd.int(1, 30)),
    extra: {},
  })).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
  const ballots: Ballot[] = Array.from({ length: n }, (_, v) => ({
    voterId: `v${v}`,
    projects: projects.filter(() => rnd.next() < 0.45).map((p) => p.id),
    extra: {},
  }));
  return {
    meta: [
      ["description", "random"],
      ["country", "UK"],
      ["unit", "test"],
      ["instance", String(seed)],
      ["date_begin", "2026"],
      ["date_end", "2026"],
    ],
    budget: fromInt(rnd.int(1, 60)),
    voteType: "approval",
    rule: "unknown",
    limits: {},
    projectColumns: ["project_id", "cost"],
    voteColumns: ["voter_id", "vote"],
    projects,
    ballots,
  };
}

// ---------------------------------------------------------------------------------------------
// Naive exact MES (pb-rules.md §5.2), one voter at a time, no shortcuts.

function naiveMes(e: Election, share: Rational, utilities: Utilities, tieBreak: TieBreak): string[] {
  const n = e.ballots.length;
  const supporters = new Map(e.projects.map((p) => [p.id, e.ballots.flatMap((b, i) => (b.projects.includes(p.id) ? [i] : []))]));
  const keys = (p: Project) => ({ id: p.id, cost: p.cost, votes: supporters.get(p.id)!.length });
  const budget: Rational[] = Array.from({ length: n }, () => share);
  const W = e.projects
    .filter((p) => p.cost.n === 0n && supporters.get(p.id)!.length > 0)
    .sort((a, b) => compareForTie(tieBreak, keys(a), keys(b)))
    .map((p) => p.id);
  let C = e.projects.filter((p) => p.cost.n > 0n && supporters.get(p.id)!.length > 0);
  for (;;) {
    C = C.filter((p) => gte(supporters.get(p.id)!.reduce((s, i) => add(s, budget[i]!), ZERO), p.cost));
    if (C.length === 0) return W;
    let best: { p: Project; rho: Rational }[] = [];
    for (const p of C) {
      const u = utilities === "cost" ? p.cost : fromInt(1);
      const S = [...supporters.get(p.id)!].sort((a, b) => compare(budget[a]!, budget[b]!));
      let paid = ZERO;
      let U = mul(u, fromInt(S.length));
      let rho: Rational | null = null;
      for (const i of S) {
        const r = div(sub(p.cost, paid), U);
        if (lte(mul(r, u), budget[i]!)) {
          rho = r;
          break;
        }
        paid = add(paid, budget[i]!);
        U = sub(U, u);
      }
      const c = best.length ? compare(rho!, best[0]!.rho) : -1;
      if (c < 0) best = [{ p, rho: rho! }];
      else if (c === 0) best.push({ p, rho: rho! });
    }
    best.sort((a, b) => compareForTie(tieBreak, keys(a.p), keys(b.p)));
    const { p, rho } = best[0]!;
    const u = utilities === "cost" ? p.cost : fromInt(1);
    for (const i of supporters.get(p.id)!) budget[i] = sub(budget[i]!, min(budget[i]!, mul(rho, u)));
    W.push(p.id);
    C = C.filter((x) => x !== p);
  }
}

function naiveCount(e: Election, completion: Completion, utilities: Utilities, tieBreak: TieBreak): string[] {
  const n = e.ballots.length;
  const start = n ? div(e.budget, fromInt(n)) : ZERO;
  if (completion === "none") return naiveMes(e, start, utilities, tieBreak);
  const votes = (id: string) => e.ballots.filter((b) => b.projects.includes(id)).length;
  const supported = e.projects.filter((p) => p.cost.n > 0n && votes(p.id) > 0);
  let previous: string[] | null = null;
  let W: string[];
  for (let k = 0; ; k++) {
    W = naiveMes(e, add(start, fromInt(k)), utilities, tieBreak);
    if (compare(selectionCost(e, W), e.budget) > 0) {
      W = previous!;
      break;
    }
    const all = supported.every((p) => W.includes(p.id));
    if (all || (completion !== "add1-until-overspend" && isExhaustive(e, W, "supported"))) break;
    previous = W;
  }
  if (completion !== "add1-utilitarian") return W;
  const rest = e.projects
    .filter((p) => !W.includes(p.id))
    .sort((a, b) => votes(b.id) - votes(a.id) || compareForTie(tieBreak, { ...a, votes: votes(a.id) }, { ...b, votes: votes(b.id) }));
  let spent = selectionCost(e, W);
  const out = [...W];
  for (const p of rest) {
    if (lte(add(spent, p.cost), e.budget)) {
      out.push(p.id);
      spent = add(spent, p.cost);
    }
  }
  return out;
}

function outcome(r: ReturnType<typeof countEqualShares>): Outcome {
  if (!r.ok) throw new Error(`unexpected ${r.reason}`);
  return r.value;
}

const SEEDS = Array.from({ length: 120 }, (_, i) => 1000 + i);

/**
 * Elections found by searching for cases where the engine's floating-point filter, stripped of
 * its error bounds, picks a different winner than exact arithmetic: exact ties between ratios
 * that doubles split, several rounds in, after shares of 123/18 and 102/35.
 */
function tricky(budget: number, costs: number[], ballots: string[]): Election {
  const base = randomElection(0);
  return {
    ...base,
    budget: fromInt(budget),
    projects: costs.map((c, i) => ({ id: String(i), cost: fromInt(c), extra: {} })),
    ballots: ballots.map((b, i) => ({ voterId: String(i), projects: [...b], extra: {} })),
  };
}
const TRICKY = [
  tricky(123, [4, 28, 6, 52, 22], Array.from({ length: 18 }, () => "1234")),
  tricky(102, [1, 7, 26, 52], "01 2 2 01 2 2 2 01 2 01 01 01 01 2 01 2 2 2 2 01 01 01 01 01 01 2 01 01 2 01 2 2 01 01 01".split(" ")),
];
const COMPLETIONS: Completion[] = ["none", "add1", "add1-utilitarian", "add1-until-overspend"];

describe("equal shares on random elections", () => {
  it.each(["cost", "cardinality"] as const)("matches the naive exact implementation (%s utilities)", (utilities) => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      for (const completion of COMPLETIONS) {
        for (const tieBreak of ["default", "id"] as const) {
          const fast = outcome(countEqualShares(e, { completion, utilities, tieBreak })).selected;
          expect(fast, `seed ${seed} ${completion} ${tieBreak}`).toEqual(naiveCount(e, completion, utilities, tieBreak));
        }
      }
    }
  });

  it("decides exact ties that doubles split, several rounds in", () => {
    expect(outcome(countEqualShares(TRICKY[0]!, { completion: "none" })).selected).toEqual(["2", "4", "1", "3"]);
    expect(outcome(countEqualShares(TRICKY[1]!, { completion: "none" })).selected).toEqual(["0", "1", "2"]);
    for (const e of TRICKY) {
      for (const completion of COMPLETIONS) {
        for (const tieBreak of ["default", "id"] as const) {
          expect(outcome(countEqualShares(e, { completion, tieBreak })).selected).toEqual(naiveCount(e, completion, "cost", tieBreak));
        }
      }
    }
  });

  it("keeps every outcome within budget, and add1-utilitarian exhaustive", () => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      for (const completion of COMPLETIONS) {
        const o = outcome(countEqualShares(e, { completion }));
        expect(lte(o.cost, e.budget)).toBe(true);
        expect(o.cost).toEqual(selectionCost(e, o.selected));
        if (completion === "add1-utilitarian") expect(isExhaustive(e, o.selected, "all")).toBe(true);
      }
    }
  });

  it("charges only supporters, never more than their share, and covers each cost exactly", () => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      for (const utilities of ["cost", "cardinality"] as const) {
        for (const completion of ["none", "add1"] as const) {
          const o = outcome(countEqualShares(e, { completion, utilities, recordPayments: true }));
          const share = o.equalShares!.finalShare;
          const paidBy = new Map<number, Rational>();
          const paidFor = new Map<string, Rational>();
          for (const x of o.payments!) {
            expect(e.ballots[x.voter]!.projects, `seed ${seed}`).toContain(x.projectId);
            expect(x.amount.n >= 0n).toBe(true);
            paidBy.set(x.voter, add(paidBy.get(x.voter) ?? ZERO, x.amount));
            paidFor.set(x.projectId, add(paidFor.get(x.projectId) ?? ZERO, x.amount));
          }
          for (const total of paidBy.values()) expect(lte(total, share), `seed ${seed}`).toBe(true);
          for (const p of o.projects) {
            if (p.funded && p.stage === "equal-shares") {
              expect(paidFor.get(p.projectId) ?? ZERO, `seed ${seed} ${p.projectId}`).toEqual(p.cost);
              const pay = p.payment!;
              expect(add(mul(pay.share, fromInt(pay.paidShare)), pay.paidAllTheyHadTotal)).toEqual(p.cost);
              expect(pay.paidShare + pay.paidAllTheyHad + pay.paidNothing).toBe(pay.supporters);
            } else {
              expect(paidFor.has(p.projectId)).toBe(false);
            }
          }
        }
      }
    }
  });

  it("does not depend on the order of the ballots", () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const e = randomElection(seed);
      const reversed = { ...e, ballots: [...e.ballots].reverse() };
      for (const completion of COMPLETIONS) {
        expect(outcome(countEqualShares(reversed, { completion })).selected).toEqual(outcome(countEqualShares(e, { completion })).selected);
      }
    }
  });

  it("explains every project that lost with what its supporters had left", () => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      const o = outcome(countEqualShares(e, { completion: "add1" }));
      for (const p of o.projects) {
        if (p.funded) continue;
        if (p.reason === "supporters_short") expect(compare(p.supportersHad, p.cost)).toBe(-1);
        else expect(p.reason).toBe("no_supporters");
      }
    }
  });
});

describe("greedy rules on random elections", () => {
  it("stay within budget, skip only what does not fit, and stop where no-skip stops", () => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      for (const variant of ["greedy", "greedy-no-skip", "greedy-threshold"] as const) {
        const r = countGreedy(e, { variant, threshold: fromInt(2) });
        if (!r.ok) throw new Error(r.reason);
        const o = r.value;
        expect(lte(o.cost, e.budget)).toBe(true);
        for (const p of o.projects) {
          if (p.funded) continue;
          if (p.reason === "did_not_fit") expect(compare(p.cost, p.remaining)).toBe(1);
          if (variant === "greedy") expect(p.reason).toBe("did_not_fit");
        }
        if (variant === "greedy") expect(isExhaustive(e, o.selected, "all")).toBe(true);
      }
    }
  });
});

describe("the parser on random files", () => {
  it("reports the exact line of an unknown project or a bad cost", () => {
    for (const seed of SEEDS.slice(0, 60)) {
      const e = randomElection(seed);
      if (e.ballots.length === 0) continue;
      const written = writePabulib(e);
      if (!written.ok) throw new Error(written.reason);
      const lines = written.value.split("\n");
      const rnd = prng(seed);
      const votesAt = lines.indexOf("VOTES");
      const voteLine = votesAt + 2 + rnd.int(0, e.ballots.length - 1);
      const bad = lines.map((l, i) => (i === voteLine ? `${l.split(";")[0]};no-such-project` : l)).join("\n");
      expect(parsePabulib(bad)).toMatchObject({ ok: false, reason: "unknown_project", detail: { section: "VOTES", line: voteLine + 1 } });

      const projectLine = lines.indexOf("PROJECTS") + 2 + rnd.int(0, e.projects.length - 1);
      const badCost = lines.map((l, i) => (i === projectLine ? l.replace(/^([^;]*);[^;]*/, "$1;12x") : l)).join("\n");
      expect(parsePabulib(badCost)).toMatchObject({ ok: false, reason: "bad_number", detail: { section: "PROJECTS", line: projectLine + 1 } });
    }
  });

  it("round-trips random elections", () => {
    for (const seed of SEEDS) {
      const e = randomElection(seed);
      const written = writePabulib(e, { anonymise: false });
      if (!written.ok) throw new Error(written.reason);
      const back = parsePabulib(written.value);
      expect(back.ok && back.value.projects).toEqual(e.projects);
      expect(back.ok && back.value.ballots).toEqual(e.ballots);
      expect(back.ok && back.value.budget).toEqual(e.budget);
    }
  });
});
