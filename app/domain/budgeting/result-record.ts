// How a count is stored (BudgetResult.explanation and .comparison, JSON columns) and read back,
// in a stable, versioned shape: a published result is kept for years and must still explain
// itself after the counting code has moved on. Exact amounts are kept exact, as "n/d" strings in
// pence ("312" or "3121/10"); nothing is rounded until a page formats it.
//
// Version 1:
//   explanation = { version: 1, unit: "pence", currency: "GBP", settings: {countingRule,
//     mesCompletion, mesUtilities, greedyThreshold, tieBreak, ballotType, rankCount},
//     projects: { [reference]: projectId }, outcome: Outcome (counting/outcome.ts) without
//     per-voter payments }
//   comparison  = { version: 1, greedySelected: [reference], greedyCost, preferEqualShares,
//     preferGreedy, indifferent } or null (greedy rules)
// A reader that meets another version treats the result as unreadable rather than guess.
import { z } from "zod";
import { BALLOT_TYPES } from "./ballot.ts";
import type { Comparison, CountSettings } from "./count.ts";
import type { Outcome, ProjectExplanation } from "./counting/outcome.ts";
import { formatMoney } from "./messages.ts";
import { formatPence, type Pence } from "./money.ts";
import { COUNTING_RULES, MES_COMPLETIONS, MES_UTILITIES, TIE_BREAKS } from "./process.ts";
import { rational, toFractionString, type Rational } from "./rational.ts";

export const RESULT_RECORD_VERSION = 1;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isRational(value: unknown): value is Rational {
  if (typeof value !== "object" || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && typeof (value as Rational).n === "bigint" && typeof (value as Rational).d === "bigint";
}

/** Rationals become "n/d" strings; undefined fields are left out. */
function toJson(value: unknown): Json {
  if (isRational(value)) return toFractionString(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value as Json;
}

export interface ResultRecord {
  version: 1;
  unit: "pence";
  currency: string;
  settings: CountSettings;
  /** Public reference → Project.id. */
  projects: Record<string, string>;
  outcome: Outcome;
}

export function encodeResult(record: Omit<ResultRecord, "version" | "unit">): Json {
  const { payments: _payments, ...outcome } = record.outcome;
  return toJson({
    version: RESULT_RECORD_VERSION,
    unit: "pence",
    currency: record.currency,
    settings: record.settings,
    projects: record.projects,
    outcome,
  });
}

export function encodeComparison(comparison: Comparison): Json {
  return toJson({ version: RESULT_RECORD_VERSION, ...comparison });
}

// ───────────────────────────── reading back ─────────────────────────────

const exact = z
  .string()
  .regex(/^-?\d+(?:\/[1-9]\d*)?$/)
  .transform((s) => {
    const [n, d] = s.split("/");
    return rational(BigInt(n!), BigInt(d ?? "1"));
  });
const count = z.number().int().min(0);

const payment = z.object({
  supporters: count,
  share: exact,
  paidShare: count,
  paidAllTheyHad: count,
  paidAllTheyHadTotal: exact,
  paidNothing: count,
});

const base = { projectId: z.string(), cost: exact, votes: count, score: exact };

const funded = z.object({
  ...base,
  funded: z.literal(true),
  round: z.number().int().min(1),
  stage: z.enum(["greedy", "equal-shares", "completion"]),
  payment: payment.optional(),
  wonTieAgainst: z.array(z.string()).optional(),
});

const notFunded = z.union([
  z.object({ ...base, funded: z.literal(false), reason: z.literal("did_not_fit"), remaining: exact }),
  z.object({ ...base, funded: z.literal(false), reason: z.literal("counting_stopped"), stoppedAt: z.string() }),
  z.object({ ...base, funded: z.literal(false), reason: z.literal("below_threshold"), threshold: exact }),
  z.object({ ...base, funded: z.literal(false), reason: z.literal("supporters_short"), supportersHad: exact, leftoverAtTurn: exact.optional() }),
  z.object({ ...base, funded: z.literal(false), reason: z.literal("no_supporters"), leftoverAtTurn: exact.optional() }),
]);

const outcomeSchema = z.object({
  rule: z.enum(["greedy", "greedy-no-skip", "greedy-threshold", "equal-shares"]),
  tieBreak: z.enum(["default", "id", "refuse"]),
  selected: z.array(z.string()),
  cost: exact,
  budget: exact,
  projects: z.array(z.union([funded, notFunded])),
  ties: z.array(z.object({ round: z.number().int(), tied: z.array(z.string()), chosen: z.string() })),
  threshold: exact.optional(),
  equalShares: z
    .object({
      utilities: z.enum(["cost", "cardinality"]),
      completion: z.enum(["none", "add1", "add1-utilitarian", "add1-until-overspend"]),
      voters: count,
      initialShare: exact,
      finalShare: exact,
      add1Steps: count,
      equalSharesCost: exact,
      ballotsReadAsApproval: z.boolean(),
    })
    .optional(),
});

const settingsSchema = z.object({
  ballotType: z.enum(BALLOT_TYPES),
  countingRule: z.enum(COUNTING_RULES),
  mesCompletion: z.enum(MES_COMPLETIONS),
  mesUtilities: z.enum(MES_UTILITIES),
  greedyThreshold: z.number().int().nullable(),
  tieBreak: z.enum(TIE_BREAKS),
  rankCount: z.number().int().nullable(),
});

const recordSchema = z.object({
  version: z.literal(1),
  unit: z.literal("pence"),
  currency: z.string().regex(/^[A-Z]{3}$/),
  settings: settingsSchema,
  projects: z.record(z.string(), z.string()),
  outcome: outcomeSchema,
});

const comparisonSchema = z.object({
  version: z.literal(1),
  greedySelected: z.array(z.string()),
  greedyCost: exact,
  preferEqualShares: count,
  preferGreedy: count,
  indifferent: count,
});

/** The stored explanation, or null when it is not a record this code can read. */
export function decodeResult(json: unknown): ResultRecord | null {
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) return null;
  const { outcome, ...rest } = parsed.data;
  return { ...rest, outcome: { ...outcome, projects: outcome.projects as ProjectExplanation[] } };
}

export function decodeComparison(json: unknown): Comparison | null {
  if (json === null || json === undefined) return null;
  const parsed = comparisonSchema.safeParse(json);
  if (!parsed.success) return null;
  const { version: _version, ...comparison } = parsed.data;
  return comparison;
}

// ───────────────────────────── money for people ─────────────────────────────

/**
 * How a results page prints the amounts of a result kept in pence: formatPence for sterling
 * (GOV.UK style), messages.ts formatMoney for an imported election in another currency. Exact
 * amounts (shares, what supporters had) go through formatMoney, which rounds to the penny only
 * when printing.
 */
export function moneyFormatters(currency: string): { pence: (amount: Pence) => string; exact: (amountInPence: Rational) => string } {
  const exactMoney = (amountInPence: Rational) => formatMoney(rational(amountInPence.n, amountInPence.d * 100n), currency);
  return {
    pence: currency === "GBP" ? (amount) => formatPence(amount) : (amount) => exactMoney(rational(amount)),
    exact: exactMoney,
  };
}
