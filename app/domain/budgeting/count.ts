// Counting a budget of the product: its ballots as stored (BallotChoice values) become a pabulib
// `Election`, the process's counting settings become the options of the exact counting rules
// (counting/*), and the Method of Equal Shares is compared with greedy so the results page can
// say what the simpler rule would have done.
//
// Units. The product counts in pence, but Add1 completion raises every voter's share by ONE
// CURRENCY UNIT per step (equalshares.net "Completion"; pabutools voter_budget_increment = 1):
// a pound, not a penny. So the count in pence uses a step of 100, which is the same count as the
// published `.pb` file (written in pounds) recounted by `tally` with its default step of 1 —
// open-data.server tests prove that by recounting the file.
//
// Scores (pb-rules.md §2): approval and knapsack ballots score one per ballot, cumulative ballots
// the points given, ranked ballots K − position with K = the process's rank count (written as
// META max_length so a recount uses the same K).
import { compareByPopularity, countEqualShares } from "./counting/equal-shares.ts";
import { countGreedy } from "./counting/greedy.ts";
import type { Completion, CountResult, Outcome, RuleName, Utilities } from "./counting/outcome.ts";
import type { TieBreak as CountTieBreak } from "./counting/tie-breaking.ts";
import type { Pence } from "./money.ts";
import type { Ballot, BallotLimits, Election, MetaEntry, Project, VoteType } from "./pabulib.ts";
import type { BallotType } from "./ballot.ts";
import type { CountingRule, MesCompletion, MesUtilities, TieBreak } from "./process.ts";
import { fromInt, rational, type Rational } from "./rational.ts";

/** The process settings a count depends on (columns of BudgetProcess). */
export interface CountSettings {
  ballotType: BallotType;
  countingRule: CountingRule;
  mesCompletion: MesCompletion;
  mesUtilities: MesUtilities;
  greedyThreshold: number | null;
  tieBreak: TieBreak;
  rankCount: number | null;
}

/** One budget's candidates and ballots, with projects named by their public reference. */
export interface CountInput {
  budgetPence: Pence;
  projects: readonly { reference: string; costPence: Pence; title?: string }[];
  /** approval/knapsack: value 1; cumulative: points; ranked: rank (1 = first choice). */
  ballots: readonly { choices: readonly { reference: string; value: number }[] }[];
}

export function voteTypeFor(ballotType: BallotType): VoteType {
  switch (ballotType) {
    case "approval":
    case "knapsack":
      return "approval";
    case "cumulative":
      return "cumulative";
    case "ranked":
      return "ordinal";
  }
}

/** Pence as an exact amount in pence, or in pounds for the published file. */
function amount(pence: Pence, unit: "pence" | "pounds"): Rational {
  return unit === "pence" ? fromInt(pence) : rational(pence, 100n);
}

/**
 * The election a count or a `.pb` file is made of. Ballots keep their choices in rank order
 * (ranked) or as given; projects keep the order given (the caller passes reference order).
 */
export function toElection(
  input: CountInput,
  settings: Pick<CountSettings, "ballotType" | "rankCount">,
  options: {
    unit: "pence" | "pounds";
    meta?: readonly MetaEntry[];
    limits?: BallotLimits;
    currency?: string;
    rule?: string;
    threshold?: Rational;
  } = {
    unit: "pence",
  },
): Election {
  const voteType = voteTypeFor(settings.ballotType);
  const projects: Project[] = input.projects.map((p) => ({
    id: p.reference,
    cost: amount(p.costPence, options.unit),
    ...(p.title !== undefined ? { name: p.title } : {}),
    extra: {},
  }));
  const ballots: Ballot[] = input.ballots.map((b, i) => {
    // Ranked: first choice first. Cumulative: most points first, as pabulib files write them.
    const choices =
      settings.ballotType === "ranked"
        ? [...b.choices].sort((x, y) => x.value - y.value)
        : settings.ballotType === "cumulative"
          ? [...b.choices].sort((x, y) => y.value - x.value || (x.reference < y.reference ? -1 : x.reference > y.reference ? 1 : 0))
          : b.choices;
    const base = { voterId: String(i + 1), projects: choices.map((c) => c.reference), extra: {} };
    return voteType === "cumulative" ? { ...base, points: choices.map((c) => fromInt(c.value)) } : base;
  });
  const limits: BallotLimits = {
    ...(settings.ballotType === "ranked" && settings.rankCount ? { maxLength: settings.rankCount } : {}),
    ...options.limits,
  };
  return {
    meta: options.meta ?? [],
    budget: amount(input.budgetPence, options.unit),
    voteType,
    rule: options.rule ?? "unknown",
    currency: options.currency ?? "GBP",
    ...(options.threshold ? { threshold: options.threshold } : {}),
    limits,
    projectColumns: ["project_id", "cost", ...(input.projects.some((p) => p.title !== undefined) ? ["name"] : [])],
    voteColumns: voteType === "cumulative" ? ["voter_id", "vote", "points"] : ["voter_id", "vote"],
    projects,
    ballots,
  };
}

const COMPLETIONS: Record<MesCompletion, Completion> = { none: "none", add1: "add1", add1_utilitarian: "add1-utilitarian" };
const TIE_BREAKS: Record<TieBreak, CountTieBreak> = { default: "default", id: "id", report: "refuse" };
const RULES: Record<CountingRule, RuleName> = {
  greedy: "greedy",
  greedy_no_skip: "greedy-no-skip",
  greedy_threshold: "greedy-threshold",
  equal_shares: "equal-shares",
};

export interface CountOptions {
  rule: RuleName;
  tieBreak: CountTieBreak;
  completion?: Completion;
  utilities?: Utilities;
  threshold?: Rational;
}

/** The counting options a process's settings stand for. */
export function countOptions(settings: CountSettings): CountOptions {
  const rule = RULES[settings.countingRule];
  const tieBreak = TIE_BREAKS[settings.tieBreak];
  if (rule === "equal-shares") return { rule, tieBreak, completion: COMPLETIONS[settings.mesCompletion], utilities: settings.mesUtilities };
  if (rule === "greedy-threshold")
    return { rule, tieBreak, ...(settings.greedyThreshold !== null ? { threshold: fromInt(settings.greedyThreshold) } : {}) };
  return { rule, tieBreak };
}

/**
 * The pabulib `rule` value for the file (pb-rules.md §1.4). Utilitarian completion has no
 * standard value; "equalshares/add1-utilitarian" names it, and the file's comment gives the exact
 * recount command.
 */
export function pabulibRuleName(settings: CountSettings): string {
  switch (settings.countingRule) {
    case "greedy":
      return "greedy";
    case "greedy_no_skip":
      return "greedy-no-skip";
    case "greedy_threshold":
      return "greedy-threshold";
    case "equal_shares":
      return settings.mesCompletion === "none"
        ? "equalshares"
        : settings.mesCompletion === "add1"
          ? "equalshares/add1"
          : "equalshares/add1-utilitarian";
  }
}

/** The `tally` arguments (after the file name) that recount a published `.pb` file exactly. */
export function tallyArguments(settings: CountSettings): string[] {
  const o = countOptions(settings);
  const args = ["--rule", o.rule];
  if (o.completion) args.push("--completion", o.completion);
  if (o.utilities) args.push("--utilities", o.utilities);
  args.push("--tie-break", o.tieBreak);
  return args;
}

/** What greedy (most votes first) would have funded, and which outcome voters preferred. */
export interface Comparison {
  /** References in greedy's funding order. */
  greedySelected: readonly string[];
  greedyCost: Rational;
  /** Voters who approved more winners under equal shares / under greedy / the same number. */
  preferEqualShares: number;
  preferGreedy: number;
  indifferent: number;
}

export type RunCountResult = { ok: true; value: { outcome: Outcome; comparison: Comparison | null } } | Extract<CountResult, { ok: false }>;

/** One pound in pence: the Add1 step (see the header). */
const ADD1_STEP_PENCE = fromInt(100);

/**
 * Counts an election in pence with the process's rule; with equal shares, also counts greedy
 * for the comparison. The comparison decides nothing, so a "report" tie-break does not stop it:
 * its ties are settled by the default order.
 */
export function runCount(election: Election, settings: CountSettings): RunCountResult {
  const o = countOptions(settings);
  const result =
    o.rule === "equal-shares"
      ? countEqualShares(election, { completion: o.completion!, utilities: o.utilities, tieBreak: o.tieBreak, step: ADD1_STEP_PENCE })
      : countGreedy(election, { variant: o.rule, tieBreak: o.tieBreak, threshold: o.threshold });
  if (!result.ok) return result;
  const outcome = result.value;
  if (o.rule !== "equal-shares") return { ok: true, value: { outcome, comparison: null } };
  const greedy = countGreedy(election, { variant: "greedy", tieBreak: o.tieBreak === "refuse" ? "default" : o.tieBreak });
  if (!greedy.ok) return greedy;
  const popularity = compareByPopularity(election, outcome.selected, greedy.value.selected);
  return {
    ok: true,
    value: {
      outcome,
      comparison: {
        greedySelected: greedy.value.selected,
        greedyCost: greedy.value.cost,
        preferEqualShares: popularity.preferEqualShares,
        preferGreedy: popularity.preferGreedy,
        indifferent: popularity.indifferent,
      },
    },
  };
}
