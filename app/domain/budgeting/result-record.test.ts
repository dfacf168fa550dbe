import { describe, expect, it } from "vitest";
import { runCount, toElection, type CountInput, type CountSettings } from "./count.ts";
import { explainProject } from "./messages.ts";
import { fromInt, rational } from "./rational.ts";
import { decodeComparison, decodeResult, encodeComparison, encodeResult, moneyFormatters } from "./result-record.ts";

const SETTINGS: CountSettings = {
  ballotType: "approval",
  countingRule: "equal_shares",
  mesCompletion: "add1_utilitarian",
  mesUtilities: "cost",
  greedyThreshold: null,
  tieBreak: "default",
  rankCount: null,
};

const INPUT: CountInput = {
  budgetPence: 1_000_000n,
  projects: [
    { reference: "P-1", costPence: 600_000n },
    { reference: "P-2", costPence: 400_000n },
    { reference: "P-3", costPence: 300_000n },
    { reference: "P-4", costPence: 300_001n },
  ],
  ballots: [
    ...Array.from({ length: 14 }, () => ({
      choices: [
        { reference: "P-1", value: 1 },
        { reference: "P-2", value: 1 },
      ],
    })),
    ...Array.from({ length: 7 }, () => ({
      choices: [
        { reference: "P-3", value: 1 },
        { reference: "P-4", value: 1 },
      ],
    })),
  ],
};

function counted() {
  const r = runCount(toElection(INPUT, SETTINGS), SETTINGS);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe("result records", () => {
  it("survive a trip through JSON exactly, with fractions of a penny kept", () => {
    const { outcome, comparison } = counted();
    const projects = { "P-1": "id1", "P-2": "id2", "P-3": "id3", "P-4": "id4" };
    const json = JSON.parse(JSON.stringify(encodeResult({ currency: "GBP", settings: SETTINGS, projects, outcome })));
    expect(json.version).toBe(1);
    expect(json.unit).toBe("pence");
    // 21 voters share £10,000: 1000000/21 pence each, not a whole number.
    expect(json.outcome.equalShares.initialShare).toBe("1000000/21");
    const back = decodeResult(json);
    expect(back).toEqual({ version: 1, unit: "pence", currency: "GBP", settings: SETTINGS, projects, outcome: { ...outcome, payments: undefined } });
    expect(back!.outcome.equalShares!.initialShare).toEqual(rational(1_000_000, 21));
    // The sentences read the same from the stored record as from the count.
    const money = moneyFormatters("GBP");
    expect(back!.outcome.projects.map((p) => explainProject(p, "en", money.exact))).toEqual(
      outcome.projects.map((p) => explainProject(p, "en", money.exact)),
    );

    const c = decodeComparison(JSON.parse(JSON.stringify(encodeComparison(comparison!))));
    expect(c).toEqual(comparison);
  });

  it("refuses what it cannot read rather than guess", () => {
    const { outcome } = counted();
    const json = JSON.parse(JSON.stringify(encodeResult({ currency: "GBP", settings: SETTINGS, projects: {}, outcome })));
    expect(decodeResult({ ...json, version: 2 })).toBeNull();
    expect(decodeResult({ ...json, outcome: { ...json.outcome, cost: "1.5" } })).toBeNull();
    expect(decodeResult({ ...json, outcome: { ...json.outcome, cost: "1/0" } })).toBeNull();
    expect(decodeResult(null)).toBeNull();
    expect(decodeComparison(null)).toBeNull();
    expect(decodeComparison({ version: 1 })).toBeNull();
  });
});

describe("moneyFormatters", () => {
  it("prints sterling the GOV.UK way and other currencies with their code or symbol", () => {
    const gbp = moneyFormatters("GBP");
    expect(gbp.pence(1_240_000n)).toBe("£12,400");
    expect(gbp.pence(312n)).toBe("£3.12");
    expect(gbp.exact(rational(1_000_000, 21))).toBe("£476.19");
    expect(gbp.exact(fromInt(310))).toBe("£3.10");
    expect(moneyFormatters("EUR").pence(720_000n)).toBe("€7,200");
    expect(moneyFormatters("PLN").pence(150n)).toBe("1.50 PLN");
  });
});
