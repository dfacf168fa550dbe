// Golden tests: real elections from pabulib (fixtures/pabulib/README.md) whose files record the
// official outcome in a `selected` column. For each, the rule its META names must reproduce that
// outcome exactly; where the official rule is one we do not implement, the test says so.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePabulib, type Election } from "../pabulib.ts";
import { lte } from "../rational.ts";
import { compareByPopularity, countEqualShares, type EqualSharesOptions } from "./equal-shares.ts";
import { countGreedy, type GreedyVariant } from "./greedy.ts";
import type { CountResult } from "./outcome.ts";

const FIXTURES = new URL("../fixtures/pabulib/", import.meta.url);
const FILES = readdirSync(FIXTURES).filter((f) => f.endsWith(".pb")).sort();

function load(name: string): Election {
  const r = parsePabulib(readFileSync(new URL(name, FIXTURES), "utf8"));
  if (!r.ok) throw new Error(r.detail.message);
  return r.value;
}

function selected(r: CountResult): string[] {
  if (!r.ok) throw new Error(r.reason);
  return [...r.value.selected].sort();
}

const official = (e: Election) => e.projects.filter((p) => p.selected === 1).map((p) => p.id).sort();

/** How each official rule (META `rule`, pb-rules.md §1.4) is counted here. */
const RULES: Record<string, ((e: Election) => string[]) | string> = {
  greedy: (e) => selected(countGreedy(e, { variant: "greedy" })),
  "greedy-no-skip": (e) => selected(countGreedy(e, { variant: "greedy-no-skip" })),
  "greedy-threshold": (e) => selected(countGreedy(e, { variant: "greedy-threshold" })),
  equalshares: (e) => selected(countEqualShares(e, { completion: "none" })),
  // Assen 2024 and Świecie 2023: start at budget ÷ voters, +1 per voter, stop when exhaustive.
  "equalshares/add1": (e) => selected(countEqualShares(e, { completion: "add1" })),
  // Wieliczka 2023: Add1 kept raising until the next step would overspend (pb-rules.md, "Note on
  // reproducing the official MES results"); then the comparison with greedy kept equal shares.
  "equalshares/add1-comparison": (e) => {
    const mes = countEqualShares(e, { completion: "add1-until-overspend" });
    const greedy = countGreedy(e, { variant: "greedy" });
    if (!mes.ok || !greedy.ok) throw new Error("count failed");
    const { keep } = compareByPopularity(e, mes.value.selected, greedy.value.selected);
    return selected(keep === "equal-shares" ? mes : greedy);
  },
  "greedy-custom": "greedy-custom is a city-specific rule described in the file's META comment; not implemented",
  "greedy-exclusive": "greedy-exclusive (mutually exclusive groups) is not implemented",
  unknown: "the official rule is not known",
};

describe("official outcomes of real elections", () => {
  for (const name of FILES) {
    const e = load(name);
    if (!e.projects.some((p) => p.selected !== undefined)) continue;
    const rule = RULES[e.rule];
    if (typeof rule === "function") {
      it(`${name}: ${e.rule} reproduces the official selection`, () => {
        expect(rule(e)).toEqual(official(e));
      });
    } else {
      it.skip(`${name}: ${e.rule} — ${rule ?? "not implemented"}`, () => {});
    }
  }

  it("Świecie 2023 is also reproduced by add1 followed by utilitarian completion", () => {
    const e = load("Poland_Swiecie_2023.pb");
    expect(selected(countEqualShares(e, { completion: "add1-utilitarian" }))).toEqual(official(e));
  });

  it("Wieliczka 2023 needs the until-overspend variant: stopping when exhaustive funds 31, not 30", () => {
    const e = load("Poland_Wieliczka_2023_Green_Budget.pb");
    expect(official(e)).toHaveLength(30);
    expect(selected(countEqualShares(e, { completion: "add1" }))).toHaveLength(31);
    const mes = countEqualShares(e, { completion: "add1-until-overspend" });
    const greedy = countGreedy(e, { variant: "greedy" });
    if (!mes.ok || !greedy.ok) throw new Error();
    expect(compareByPopularity(e, mes.value.selected, greedy.value.selected).keep).toBe("equal-shares");
  });

  it("Poznań 2024 (greedy-custom): its no-skip part matches, and the 80% reserve step would fund nothing", () => {
    // META comment: no-skip greedy by votes; then if the money left covers ≥ 80% of the next
    // project's cost, fund it from an external reserve (selected = 2). Only the first part is a
    // rule we implement; here the reserve condition does not hold, so it adds nothing.
    const e = load("Poland_Poznan_2024_13_-_Jezyce_sw.Lazarz__large.pb");
    const r = countGreedy(e, { variant: "greedy-no-skip" });
    if (!r.ok) throw new Error();
    expect([...r.value.selected].sort()).toEqual(official(e));
    expect(e.projects.some((p) => p.selected === 2)).toBe(false);
    const stopped = r.value.projects.find((p) => !p.funded && p.reason === "did_not_fit");
    if (!stopped || stopped.funded || stopped.reason !== "did_not_fit") throw new Error("expected a project that did not fit");
    expect(stopped.remaining.n * 10n * stopped.cost.d < 8n * stopped.cost.n * stopped.remaining.d).toBe(true);
  });
});

describe("every fixture counts within budget under every rule", () => {
  // Files without an official selection (Amsterdam, Stanford/Cambridge, Zurich, Toulouse) and the
  // rest: a smoke test of all rules. Warsaw 2026 is left to the benchmark (e2e/load).
  const OPTIONS: EqualSharesOptions[] = [
    { completion: "none" },
    { completion: "add1-utilitarian" },
    { completion: "add1", utilities: "cardinality" },
  ];
  for (const name of FILES.filter((f) => f !== "Poland_Warszawa_2026.pb")) {
    it(name, () => {
      const e = load(name);
      for (const variant of ["greedy", "greedy-no-skip"] satisfies GreedyVariant[]) {
        const r = countGreedy(e, { variant });
        expect(r.ok && lte(r.value.cost, e.budget)).toBe(true);
      }
      // Cardinality with Add1 is the slowest combination; the random-election property tests
      // cover it, so here it runs on the smaller files only.
      const options = e.ballots.length > 3000 ? OPTIONS.filter((o) => o.utilities !== "cardinality") : OPTIONS;
      for (const o of options) {
        const r = countEqualShares(e, o);
        expect(r.ok && lte(r.value.cost, e.budget)).toBe(true);
        if (r.ok) expect(r.value.equalShares!.ballotsReadAsApproval).toBe(e.voteType !== "approval" && e.voteType !== "choose-1");
      }
    });
  }
});
