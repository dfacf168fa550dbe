import { describe, expect, it } from "vitest";
import { MAX_PENCE, formatPence, parseMoney, penceToInput, sumPence, toPence } from "~/domain/budgeting/money.ts";

// Seeded generator (mulberry32) so a failing property run can be replayed.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("formatPence", () => {
  it.each([
    [0n, "£0"],
    [1n, "£0.01"],
    [10n, "£0.10"],
    [312n, "£3.12"],
    [100n, "£1"],
    [99_999n, "£999.99"],
    [100_000n, "£1,000"],
    [1_240_000n, "£12,400"],
    [120_050n, "£1,200.50"],
    [123_456_789_00n, "£123,456,789"],
    [-500n, "-£5"],
    [-120_050n, "-£1,200.50"],
  ])("%s pence → %s", (pence, text) => {
    expect(formatPence(pence)).toBe(text);
  });

  it("can always show pence", () => {
    expect(formatPence(1_240_000n, { alwaysPence: true })).toBe("£12,400.00");
    expect(formatPence(5n, { alwaysPence: true })).toBe("£0.05");
  });

  it("is exact beyond the range of a JavaScript number", () => {
    expect(formatPence(9_007_199_254_740_993n)).toBe("£90,071,992,547,409.93");
  });
});

describe("parseMoney", () => {
  it.each([
    ["1200", 120_000n],
    ["£1,200.50", 120_050n],
    ["£1,200", 120_000n],
    ["1,200", 120_000n],
    ["1,234,567.89", 123_456_789n],
    ["  £ 3.12 ", 312n],
    ["£3.1", 310n],
    ["3.", 300n],
    ["0", 0n],
    ["£0.01", 1n],
    ["007", 700n],
    ["-0", 0n],
  ])("%j → %s pence", (text, pence) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: pence });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "invalid"],
    ["£", "invalid"],
    ["1,20", "invalid"],
    ["12,00.50", "invalid"],
    ["1.200,50", "invalid"],
    ["1 200", "invalid"],
    ["50p", "invalid"],
    ["£1.2.3", "invalid"],
    ["1e5", "invalid"],
    ["--5", "invalid"],
    ["-£-5", "invalid"],
    ["$5", "invalid"],
    [".50", "invalid"],
    ["£1.505", "too_many_decimals"],
    ["1.001", "too_many_decimals"],
    ["-5", "negative"],
    ["-£5", "negative"],
    ["£-5", "negative"],
    ["10000000001", "too_large"],
  ])("%j is refused as %s", (text, reason) => {
    expect(parseMoney(text)).toMatchObject({ ok: false, reason });
  });

  it("accepts exactly the maximum", () => {
    expect(parseMoney("£10,000,000,000")).toEqual({ ok: true, value: MAX_PENCE });
  });

  it("round-trips every formatted amount (property, seeded)", () => {
    const random = rng(20260302);
    for (let i = 0; i < 2000; i++) {
      const digits = 1 + Math.floor(random() * 12);
      const pence = BigInt(Math.floor(random() * 10 ** digits)) % (MAX_PENCE + 1n);
      expect(parseMoney(formatPence(pence))).toEqual({ ok: true, value: pence });
      expect(parseMoney(formatPence(pence, { alwaysPence: true }))).toEqual({ ok: true, value: pence });
      expect(parseMoney(penceToInput(pence))).toEqual({ ok: true, value: pence });
    }
  });
});

describe("helpers", () => {
  it("penceToInput has no symbol or commas", () => {
    expect(penceToInput(120_050n)).toBe("1200.50");
    expect(penceToInput(120_000n)).toBe("1200");
    expect(penceToInput(-5n)).toBe("-0.05");
  });

  it("sums exactly", () => {
    expect(sumPence([])).toBe(0n);
    expect(sumPence([9_007_199_254_740_993n, 1n])).toBe(9_007_199_254_740_994n);
  });

  it("toPence accepts bigint and safe integers only", () => {
    expect(toPence(5n)).toBe(5n);
    expect(toPence(12)).toBe(12n);
    expect(() => toPence(1.5)).toThrow();
    expect(() => toPence(2 ** 60)).toThrow();
  });
});
