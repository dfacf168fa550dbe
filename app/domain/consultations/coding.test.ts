import { describe, expect, it } from "vitest";
import {
  CODE_LIMITS,
  agreementByPair,
  checkCodeLabel,
  codeLabelKey,
  codedAnswers,
  cohensKappa,
  normaliseCodeLabel,
  progress,
  type Coding,
} from "~/domain/consultations/coding.ts";

describe("code labels", () => {
  const existing = [
    { id: "c1", label: "More buses" },
    { id: "c2", label: "Litter" },
  ];

  it("trims, joins inner white space and keeps the officer's capitals", () => {
    expect(normaliseCodeLabel("  Safer   crossings\t near schools ")).toBe("Safer crossings near schools");
    expect(checkCodeLabel("  Safer   crossings ", existing)).toEqual({ ok: true, value: "Safer crossings" });
  });

  it("refuses an empty, short, long or unprintable label", () => {
    expect(checkCodeLabel("", existing)).toMatchObject({ ok: false, reason: "required" });
    expect(checkCodeLabel("   \n ", existing)).toMatchObject({ ok: false, reason: "required" });
    expect(checkCodeLabel("a", existing)).toMatchObject({ ok: false, reason: "too_short" });
    expect(checkCodeLabel("ab", existing).ok).toBe(true);
    expect(checkCodeLabel("x".repeat(CODE_LIMITS.labelMax), existing).ok).toBe(true);
    expect(checkCodeLabel("x".repeat(CODE_LIMITS.labelMax + 1), existing)).toMatchObject({ ok: false, reason: "too_long" });
    // Length is in characters people see, not UTF-16 units: 80 Welsh ŵ or emoji are allowed.
    expect(checkCodeLabel("ŵ".repeat(CODE_LIMITS.labelMax), existing).ok).toBe(true);
    expect(checkCodeLabel("🚌".repeat(CODE_LIMITS.labelMax), existing).ok).toBe(true);
    expect(checkCodeLabel("Buses\u202Eevil", existing)).toMatchObject({ ok: false, reason: "invalid_characters" });
    expect(checkCodeLabel("Bus\u200Bes", existing)).toMatchObject({ ok: false, reason: "invalid_characters" });
  });

  it("is unique per question whatever the case or spacing", () => {
    expect(codeLabelKey(" MORE  Buses")).toBe(codeLabelKey("more buses"));
    expect(checkCodeLabel("more buses", existing)).toMatchObject({ ok: false, reason: "taken", detail: { codeId: "c1" } });
    expect(checkCodeLabel("LITTER ", existing)).toMatchObject({ ok: false, reason: "taken", detail: { codeId: "c2" } });
    // Composed and decomposed accents are one label.
    expect(checkCodeLabel("Cafe\u0301", [{ id: "c3", label: "Café" }])).toMatchObject({ ok: false, reason: "taken" });
  });

  it("lets a code be renamed to a change of its own case, not to another code's label", () => {
    expect(checkCodeLabel("More Buses", existing, "c1")).toEqual({ ok: true, value: "More Buses" });
    expect(checkCodeLabel("litter", existing, "c1")).toMatchObject({ ok: false, reason: "taken" });
  });

  it("stops at the most codes a question can have, but still renames them", () => {
    const full = Array.from({ length: CODE_LIMITS.codesPerQuestion }, (_, i) => ({ id: `c${i}`, label: `Theme ${i}` }));
    expect(checkCodeLabel("One more", full)).toMatchObject({ ok: false, reason: "too_many_codes" });
    expect(checkCodeLabel("Renamed", full, "c0").ok).toBe(true);
  });
});

describe("coded and progress", () => {
  const codings: Coding[] = [
    { answerId: "r1", coderId: "ann", codeId: "buses" },
    { answerId: "r1", coderId: "ann", codeId: "litter" },
    { answerId: "r2", coderId: "ann", codeId: "buses" },
    { answerId: "r2", coderId: "bob", codeId: "litter" },
  ];

  it("an answer is coded by a coder when it has at least one code from them", () => {
    expect([...codedAnswers(codings, "ann")].sort()).toEqual(["r1", "r2"]);
    expect([...codedAnswers(codings, "bob")]).toEqual(["r2"]);
    expect(codedAnswers(codings, "cat").size).toBe(0);
  });

  it("is coded of total, in whole per cent rounded down", () => {
    expect(progress(0, 0)).toEqual({ coded: 0, total: 0, percent: null });
    expect(progress(0, 7)).toEqual({ coded: 0, total: 7, percent: 0 });
    expect(progress(1, 3)).toEqual({ coded: 1, total: 3, percent: 33 });
    expect(progress(199, 200).percent).toBe(99);
    expect(progress(200, 200).percent).toBe(100);
    expect(() => progress(3, 2)).toThrow();
    expect(() => progress(0.5, 2)).toThrow();
  });
});

describe("Cohen's kappa for one code", () => {
  it("matches the worked example: 20 both, 5 and 10 one each, 15 neither gives p_o 0.7 and kappa 0.4", () => {
    // p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5).
    const r = cohensKappa({ both: 20, onlyA: 5, onlyB: 10, neither: 15 });
    expect(r.status).toBe("ok");
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 for perfect agreement with some of each, and -1 for complete disagreement", () => {
    expect(cohensKappa({ both: 3, onlyA: 0, onlyB: 0, neither: 2 })).toEqual({ observed: 1, kappa: 1, status: "ok" });
    expect(cohensKappa({ both: 0, onlyA: 2, onlyB: 2, neither: 0 })).toEqual({ observed: 0, kappa: -1, status: "ok" });
  });

  it("is 0 when one coder never uses the code and the other sometimes does", () => {
    expect(cohensKappa({ both: 0, onlyA: 0, onlyB: 3, neither: 7 })).toEqual({ observed: 0.7, kappa: 0, status: "ok" });
  });

  it("is undefined with no shared answers, and when neither coder's marking varies", () => {
    expect(cohensKappa({ both: 0, onlyA: 0, onlyB: 0, neither: 0 })).toEqual({ observed: null, kappa: null, status: "no_shared_answers" });
    // Both coders left the code off every shared answer…
    expect(cohensKappa({ both: 0, onlyA: 0, onlyB: 0, neither: 9 })).toEqual({ observed: 1, kappa: null, status: "no_variation" });
    // …or both put it on every one.
    expect(cohensKappa({ both: 4, onlyA: 0, onlyB: 0, neither: 0 })).toEqual({ observed: 1, kappa: null, status: "no_variation" });
  });

  it("works from exact counts where n² is beyond the exact range of doubles", () => {
    const table = { both: 40_000_001, onlyA: 30_000_000, onlyB: 20_000_000, neither: 10_000_000 };
    const n = 100_000_001n;
    const agree = 50_000_001n;
    const e = 70_000_001n * 60_000_001n + 30_000_000n * 40_000_000n;
    const exact = Number(n * agree - e) / Number(n * n - e);
    expect(cohensKappa(table).kappa).toBe(exact);
    expect(() => cohensKappa({ both: -1, onlyA: 0, onlyB: 0, neither: 0 })).toThrow();
  });
});

describe("agreement between pairs of coders", () => {
  const rows = (coderId: string, marks: Record<string, string[]>): Coding[] =>
    Object.entries(marks).flatMap(([answerId, codes]) => codes.map((codeId) => ({ answerId, coderId, codeId })));

  it("compares only the answers both coded, code by code, with the mean kappa over defined codes", () => {
    const codings = [
      ...rows("ann", { r1: ["buses"], r2: ["buses", "litter"], r3: ["litter"], r4: ["buses"], r5: ["other"] }),
      // Bob has not reached r5, and coded r6 that Ann has not: neither counts.
      ...rows("bob", { r1: ["buses"], r2: ["buses"], r3: ["litter"], r4: ["litter"], r6: ["buses"] }),
    ];
    const [pair, ...rest] = agreementByPair(["buses", "litter", "lights"], codings);
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({ coderA: "ann", coderB: "bob", sharedAnswers: 4 });
    const [buses, litter, lights] = pair!.codes;
    // buses: both r1 r2, only Ann r4, neither r3 → p_o 3/4; p_e = (3·2 + 1·2)/16 = 1/2; κ = 1/2.
    expect(buses).toMatchObject({ codeId: "buses", table: { both: 2, onlyA: 1, onlyB: 0, neither: 1 }, observed: 0.75, kappa: 0.5, status: "ok" });
    // litter: both r3, only Ann r2, only Bob r4, neither r1 → p_o 1/2; p_e 1/2; κ 0.
    expect(litter).toMatchObject({ table: { both: 1, onlyA: 1, onlyB: 1, neither: 1 }, observed: 0.5, kappa: 0, status: "ok" });
    // A code neither used: complete agreement on absent, κ undefined and left out of the mean.
    expect(lights).toMatchObject({ table: { both: 0, onlyA: 0, onlyB: 0, neither: 4 }, observed: 1, kappa: null, status: "no_variation" });
    expect(pair!.meanKappa).toBe(0.25);
    expect(pair!.codesInMean).toBe(2);
  });

  it("gives every pair of three coders in id order, and none for one coder", () => {
    const codings = [...rows("cat", { r1: ["buses"] }), ...rows("ann", { r1: ["buses"] }), ...rows("bob", { r2: ["buses"] })];
    const pairs = agreementByPair(["buses"], codings);
    expect(pairs.map((p) => [p.coderA, p.coderB, p.sharedAnswers])).toEqual([
      ["ann", "bob", 0],
      ["ann", "cat", 1],
      ["bob", "cat", 0],
    ]);
    expect(pairs[0]!.codes[0]).toMatchObject({ status: "no_shared_answers", observed: null, kappa: null });
    expect(pairs[0]!.meanKappa).toBeNull();
    // One shared answer, both with the code: no variation, no κ.
    expect(pairs[1]!.codes[0]!.status).toBe("no_variation");
    expect(agreementByPair(["buses"], rows("ann", { r1: ["buses"] }))).toEqual([]);
  });

  it("counts an answer as coded even when its only code is not in the list", () => {
    const codings = [...rows("ann", { r1: ["gone"], r2: ["buses"] }), ...rows("bob", { r1: ["buses"], r2: ["buses"] })];
    const [pair] = agreementByPair(["buses"], codings);
    expect(pair!.sharedAnswers).toBe(2);
    expect(pair!.codes[0]!.table).toEqual({ both: 1, onlyA: 0, onlyB: 1, neither: 0 });
  });
});
