// Money for participatory budgeting: always integer pence as a `bigint`, in the domain and in
// the database (Prisma maps the BigInt columns amountPence / costPence to bigint). Never a float:
// budgets are compared exactly against sums of project costs (pb-rules.md §7), and a JavaScript
// number would silently lose whole pence above 2^53 / 100 pounds.
//
// Formatting follows the GOV.UK style guide ("Money": use "£75" rather than "£75.00" for whole
// pounds, but "£75.50" with pence; commas for thousands). The same form is used for Welsh pages:
// Welsh government style writes sterling identically ("£1,200").
import { err, ok, type Result } from "~/domain/result.ts";

/** Integer pence. */
export type Pence = bigint;

/**
 * Largest amount accepted from a form: £10 billion. Far above any council budget, low enough
 * that a pasted digit string cannot produce a number no one meant.
 */
export const MAX_PENCE: Pence = 1_000_000_000_000n;

function groupThousands(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/**
 * "£12,400" for whole pounds, "£3.12" / "£1,200.50" otherwise; negative amounts as "-£5".
 * `alwaysPence` forces two decimals ("£12,400.00"), for tables where figures must line up.
 */
export function formatPence(pence: Pence, options: { alwaysPence?: boolean } = {}): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const pounds = groupThousands((abs / 100n).toString());
  const rest = abs % 100n;
  const decimals = rest === 0n && !options.alwaysPence ? "" : `.${rest.toString().padStart(2, "0")}`;
  return `${negative ? "-" : ""}£${pounds}${decimals}`;
}

/**
 * What a form field shows when re-displaying an amount for editing: no "£", no commas, so a
 * round trip through `parseMoney` gives the same pence ("1200", "3.12").
 */
export function penceToInput(pence: Pence): string {
  const negative = pence < 0n;
  const abs = negative ? -pence : pence;
  const rest = abs % 100n;
  return `${negative ? "-" : ""}${(abs / 100n).toString()}${rest === 0n ? "" : `.${rest.toString().padStart(2, "0")}`}`;
}

/** Why typed money could not be read; ballot-messages.ts words each one. */
export type MoneyProblem = "empty" | "invalid" | "too_many_decimals" | "negative" | "too_large";

// Optional sign, optional "£", then either plain digits or correctly grouped thousands, then up
// to any number of decimals (checked separately so "£1.505" gets its own, clearer reason).
const MONEY = /^(-)?\s*£?\s*(-)?\s*(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/;

/**
 * Reads an amount typed by an officer: "£1,200.50", "1200", "£ 3.5", "1,200". Commas must
 * group thousands ("1,20" is refused: it may be a continental decimal comma, and guessing would
 * put a budget out by a factor of 100). Pounds only: "50p" is refused as invalid.
 */
export function parseMoney(input: string): Result<Pence, MoneyProblem> {
  const text = input.trim();
  if (text === "") return err("empty");
  const match = MONEY.exec(text);
  if (!match) return err("invalid");
  const [, signBefore, signAfter, whole, fraction] = match;
  if (signBefore && signAfter) return err("invalid");
  if (fraction !== undefined && fraction.length > 2) return err("too_many_decimals");
  const pounds = BigInt(whole!.replaceAll(",", ""));
  const pence = pounds * 100n + BigInt((fraction ?? "").padEnd(2, "0") || "0");
  if ((signBefore || signAfter) && pence !== 0n) return err("negative");
  if (pence > MAX_PENCE) return err("too_large");
  return ok(pence);
}

/** Σ of costs, exactly. */
export function sumPence(values: Iterable<Pence>): Pence {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Accepts pence as stored (bigint) or as an integer number from tests and seeds; throws on anything else. */
export function toPence(value: bigint | number): Pence {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) throw new Error(`pence must be a safe integer, got ${value}`);
  return BigInt(value);
}
