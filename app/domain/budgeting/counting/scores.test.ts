import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePabulib, type Election } from "../pabulib.ts";
import { fromInt } from "../rational.ts";
import { tallyScores } from "./scores.ts";
import { breakTie, compareForTie, compareIds } from "./tie-breaking.ts";

function fixture(name: string): Election {
  const r = parsePabulib(readFileSync(new URL(`../fixtures/pabulib/${name}`, import.meta.url), "utf8"));
  if (!r.ok) throw new Error(r.detail.message);
  return r.value;
}

describe("scores", () => {
  it("counts approvals", () => {
    const e = fixture("Netherlands_Assen_2024.pb");
    const t = tallyScores(e);
    e.projects.forEach((p, i) => {
      expect(t.votes[i]).toBe(p.votes);
      expect(t.scores[i]).toEqual(fromInt(p.votes!));
    });
  });

  it("sums points on cumulative ballots, matching the file's score column (Toulouse, Zurich D10)", () => {
    for (const name of ["France_Toulouse_2019.pb", "Switzerland_Zurich_D10.pb"]) {
      const e = fixture(name);
      const t = tallyScores(e);
      e.projects.forEach((p, i) => expect(t.scores[i], `${name} ${p.id}`).toEqual(p.score));
    }
  });

  it("gives K − position on ordinal ballots, K = max_length by default", () => {
    const e = fixture("Switzerland_Zurich_S5R.pb");
    const t = tallyScores(e);
    expect(t.ordinalK).toBe(5);
    const first = e.projects.findIndex((p) => p.id === e.ballots[0]!.projects[0]);
    const borda = tallyScores(e, { ordinalK: 4 });
    // One point less per appearance with K = 4 (pabutools' 2/1/0-style convention).
    expect(borda.scores[first]!.n).toBe(t.scores[first]!.n - BigInt(t.votes[first]!));
    // S5R's own score column uses a different ordinal scoring (pb-rules.md §2), so no comparison.
  });
});

describe("tie-breaking", () => {
  it("orders ids as Python strings", () => {
    expect(["9", "10", "c2", "c10", "c1", "1008", "103"].sort(compareIds)).toEqual(["10", "1008", "103", "9", "c1", "c10", "c2"]);
    expect(compareIds("a", "a")).toBe(0);
    expect(compareIds("\u{1F600}", "\uFFFF")).toBe(1); // code points, not UTF-16 units
  });

  it("default: lowest cost, then most votes, then id; id: id only", () => {
    const a = { id: "2", cost: fromInt(10), votes: 5 };
    const b = { id: "1", cost: fromInt(10), votes: 7 };
    const c = { id: "3", cost: fromInt(9), votes: 1 };
    expect(breakTie("default", [a, b, c])).toBe(c);
    expect(breakTie("default", [a, b])).toBe(b);
    expect(breakTie("id", [a, b, c])).toBe(b);
    expect(compareForTie("default", { ...a, id: "1" }, { ...a, id: "2" })).toBeLessThan(0);
  });
});
