import { describe, expect, it } from "vitest";
import {
  ZERO,
  add,
  ceil,
  compare,
  div,
  eq,
  floor,
  formatFixed,
  fromInt,
  gcd,
  max,
  min,
  mul,
  parseDecimal,
  rational,
  sub,
  sum,
  toDecimalString,
  toFractionString,
  toNumber,
} from "./rational.ts";

const r = (n: number | bigint, d: number | bigint = 1) => rational(n, d);

describe("rational", () => {
  it("normalises sign and common factors", () => {
    expect(r(6, -4)).toEqual({ n: -3n, d: 2n });
    expect(r(0, 7)).toEqual({ n: 0n, d: 1n });
    expect(eq(r(2, 4), r(1, 2))).toBe(true);
    expect(() => r(1, 0)).toThrow(RangeError);
    expect(gcd(-12n, 18n)).toBe(6n);
  });

  it("adds, subtracts, multiplies and divides exactly", () => {
    expect(add(r(1, 3), r(1, 6))).toEqual(r(1, 2));
    expect(sub(r(1, 3), r(1, 2))).toEqual(r(-1, 6));
    expect(mul(r(2, 3), r(9, 4))).toEqual(r(3, 2));
    expect(div(r(2, 3), r(4, 9))).toEqual(r(3, 2));
    expect(() => div(r(1), ZERO)).toThrow(RangeError);
  });

  it("is exact where Number-based fractions are not (pb-rules.md §7)", () => {
    // 1/3 + Σ_{i=0..4} 1/(1000003 + 7i): Fraction.js 4 rounds this once terms pass 2^53.
    let total = r(1, 3);
    for (let i = 0; i < 5; i++) total = add(total, r(1, 1000003 + 7 * i));
    expect(toFractionString(total)).toBe("166683333944176740072434170637/500042501322518317607397189720");
  });

  it("compares by cross-multiplication, with min and max", () => {
    expect(compare(r(1, 3), r(333333, 1000000))).toBe(1);
    expect(compare(r(-1, 2), r(-1, 3))).toBe(-1);
    expect(compare(r(5, 10), r(1, 2))).toBe(0);
    expect(min(r(1, 3), r(1, 4))).toEqual(r(1, 4));
    expect(max(r(1, 3), r(1, 4))).toEqual(r(1, 3));
    expect(sum([r(1, 2), r(1, 3), r(1, 6)])).toEqual(r(1));
  });

  it("floors and ceils towards the right integers, negatives included", () => {
    expect(floor(r(7, 2))).toBe(3n);
    expect(floor(r(-7, 2))).toBe(-4n);
    expect(floor(r(-6, 2))).toBe(-3n);
    expect(ceil(r(7, 2))).toBe(4n);
    expect(ceil(r(-7, 2))).toBe(-3n);
    expect(floor(r(24186815, 61668))).toBe(392n);
  });

  it("parses decimals exactly, with a comma separator and exponents", () => {
    expect(parseDecimal("2458488.22")).toEqual(r(245848822, 100));
    expect(parseDecimal("1,5")).toEqual(r(3, 2));
    expect(parseDecimal(" -0.25 ")).toEqual(r(-1, 4));
    expect(parseDecimal("1e3")).toEqual(r(1000));
    expect(parseDecimal("2.5E-1")).toEqual(r(1, 4));
    expect(parseDecimal(".5")).toEqual(r(1, 2));
    expect(parseDecimal("7.")).toEqual(r(7));
    for (const bad of ["", ".", "abc", "1/3", "1.2.3", "NaN", "1e", "--1", "1 000"]) expect(parseDecimal(bad)).toBeNull();
  });

  it("writes terminating decimals exactly and refuses the rest", () => {
    expect(toDecimalString(r(245848822, 100))).toBe("2458488.22");
    expect(toDecimalString(r(-1, 8))).toBe("-0.125");
    expect(toDecimalString(r(42))).toBe("42");
    expect(toDecimalString(r(1, 3))).toBeNull();
    expect(toDecimalString(r(1, 6))).toBeNull();
  });

  it("rounds half away from zero only for display", () => {
    expect(formatFixed(r(1, 3), 2)).toBe("0.33");
    expect(formatFixed(r(2, 3), 2)).toBe("0.67");
    expect(formatFixed(r(1, 8), 2)).toBe("0.13");
    expect(formatFixed(r(-1, 8), 2)).toBe("-0.13");
    expect(formatFixed(r(-1, 1000), 2)).toBe("0.00");
    expect(formatFixed(r(24186815, 61668), 2)).toBe("392.21");
    expect(formatFixed(r(5), 0)).toBe("5");
  });

  it("converts to the nearest double even for huge terms", () => {
    expect(toNumber(r(1, 3))).toBe(1 / 3);
    expect(toNumber(r(-22, 7))).toBe(-22 / 7);
    expect(toNumber(fromInt(2n ** 80n))).toBe(2 ** 80);
    const huge = r(10n ** 400n + 1n, 3n * 10n ** 400n);
    expect(toNumber(huge)).toBeCloseTo(1 / 3, 15);
    expect(Number.isFinite(toNumber(r(10n ** 400n, 7n)))).toBe(false);
    expect(toNumber(r(1n, 10n ** 320n))).toBe(0);
  });
});
