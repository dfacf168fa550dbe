// Exact rational numbers on BigInt, for counting. Floats are not enough: the Method of Equal
// Shares decides by exact equality of payment ratios and by comparisons such as q·u ≤ b, and a
// per-voter budget B/n is rarely a terminating binary fraction (pb-rules.md §7; equalshares.net
// "floats can mis-order exact ties"). Number-based fraction libraries silently round once the
// numerator passes 2^53, so this module uses BigInt throughout.
//
// A Rational is always normalised: d > 0 and gcd(|n|, d) = 1, so structural equality is value
// equality. Hot loops that cannot afford a gcd per operation (equal-shares-engine.ts) work on
// bare BigInt numerators over a shared denominator instead and only build Rationals at the edges.

export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** n/d, normalised. Throws on a zero denominator: that is a programmer error, not a reason. */
export function rational(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = typeof n === "bigint" ? n : toBigIntStrict(n);
  let dd = typeof d === "bigint" ? d : toBigIntStrict(d);
  if (dd === 0n) throw new RangeError("rational: zero denominator");
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  if (dd === 1n) return { n: nn, d: 1n };
  const g = gcd(nn, dd);
  return g === 1n ? { n: nn, d: dd } : { n: nn / g, d: dd / g };
}

function toBigIntStrict(x: number): bigint {
  if (!Number.isSafeInteger(x)) throw new RangeError(`rational: ${x} is not a safe integer`);
  return BigInt(x);
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export function fromInt(x: bigint | number): Rational {
  return { n: typeof x === "bigint" ? x : toBigIntStrict(x), d: 1n };
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rational(a.n + b.n, a.d);
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rational(a.n - b.n, a.d);
  return rational(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError("rational: division by zero");
  return rational(a.n * b.d, a.d * b.n);
}

export function neg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}

export function mulInt(a: Rational, k: bigint | number): Rational {
  return rational(a.n * (typeof k === "bigint" ? k : toBigIntStrict(k)), a.d);
}

export function sum(values: Iterable<Rational>): Rational {
  let acc = ZERO;
  for (const v of values) acc = add(acc, v);
  return acc;
}

/** −1, 0 or 1. Cross-multiplication: exact, no normalisation needed. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const eq = (a: Rational, b: Rational) => a.n === b.n && a.d === b.d;
export const lt = (a: Rational, b: Rational) => compare(a, b) < 0;
export const lte = (a: Rational, b: Rational) => compare(a, b) <= 0;
export const gt = (a: Rational, b: Rational) => compare(a, b) > 0;
export const gte = (a: Rational, b: Rational) => compare(a, b) >= 0;
export const min = (a: Rational, b: Rational) => (compare(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational) => (compare(a, b) >= 0 ? a : b);
export const isZero = (a: Rational) => a.n === 0n;
export const isInteger = (a: Rational) => a.d === 1n;
export const sign = (a: Rational) => (a.n < 0n ? -1 : a.n > 0n ? 1 : 0);

/** Largest integer ≤ a (BigInt division truncates toward zero, so adjust negatives). */
export function floor(a: Rational): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export function ceil(a: Rational): bigint {
  return -floor(neg(a));
}

/** Bits in a positive x. Hex digits are four times cheaper to produce than binary ones. */
function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/**
 * The nearest double, within 2 ulps for any size of numerator and denominator (plain
 * Number(n) / Number(d) overflows to Infinity/NaN for the huge terms exact counting produces).
 */
export function toNumber(a: Rational): number {
  if (a.n === 0n) return 0;
  const negative = a.n < 0n;
  const n = negative ? -a.n : a.n;
  // Scale so the integer quotient carries 64+ significant bits, then convert once.
  const shift = bitLength(a.d) - bitLength(n) + 65;
  const q = shift >= 0 ? (n << BigInt(shift)) / a.d : n / a.d / (1n << BigInt(-shift));
  const value = Number(q) * 2 ** -shift;
  return negative ? -value : value;
}

const DECIMAL = /^([+-]?)(\d*)(?:[.,](\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal as written in pabulib files and forms, exactly: "2458488.22" → 245848822/100.
 * Accepts "," as the decimal separator (pabutools replaces "," by "." before parsing) and an
 * optional exponent. Returns null for anything else, including "", "NaN" and "1/3".
 */
export function parseDecimal(text: string): Rational | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, signPart, intPart = "", fracPart = "", expPart] = m;
  if (intPart === "" && fracPart === "") return null;
  let n = BigInt((intPart || "0") + fracPart);
  let d = 10n ** BigInt(fracPart.length);
  if (expPart !== undefined) {
    const e = Number(expPart);
    if (!Number.isSafeInteger(e) || Math.abs(e) > 400) return null;
    if (e >= 0) n *= 10n ** BigInt(e);
    else d *= 10n ** BigInt(-e);
  }
  return rational(signPart === "-" ? -n : n, d);
}

/**
 * The exact decimal form ("1234.5", "-0.25", "7"), or null when the value has no terminating
 * decimal expansion (its denominator has a prime factor other than 2 and 5).
 */
export function toDecimalString(a: Rational): string | null {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return null;
  const places = Math.max(twos, fives);
  return formatFixed(a, places);
}

/**
 * a rounded half away from zero to `places` decimals, e.g. formatFixed(1/3, 2) = "0.33".
 * For display only: counting never rounds.
 */
export function formatFixed(a: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const negative = a.n < 0n;
  const n = negative ? -a.n : a.n;
  let scaled = (n * scale) / a.d;
  const rest = (n * scale) % a.d;
  if (rest * 2n >= a.d) scaled += 1n;
  const digits = scaled.toString().padStart(places + 1, "0");
  const intPart = digits.slice(0, digits.length - places);
  const fracPart = places > 0 ? `.${digits.slice(digits.length - places)}` : "";
  return `${negative && scaled !== 0n ? "-" : ""}${intPart}${fracPart}`;
}

/** "n/d" or "n": a lossless text form for logs and JSON. */
export function toFractionString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`;
}
