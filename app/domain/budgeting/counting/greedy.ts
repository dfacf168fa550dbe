// Greedy rules: rank projects by score and fund them in that order while money lasts
// (pabulib format `rule` values; pb-rules.md §1.4 and §3):
// - "greedy": skip a project that does not fit and carry on;
// - "greedy-no-skip": stop at the first project that does not fit;
// - "greedy-threshold": greedy over projects whose score is at least a threshold
//   (META min_project_score_threshold, e.g. 3,000 votes in Warsaw 2026).
// Order: score descending, then the tie-break policy (default: cheapest, most votes, id). With
// that order the three variants reproduce the official outcome of 1,399 of the 1,413
// greedy-family elections on pabulib (pb-rules.md §3). Projects nobody voted for come last and
// are funded if they fit, as in pabutools' greedy_utilitarian_welfare (which has the skip
// behaviour only).
import type { Election } from "../pabulib.ts";
import { ZERO, add, compare, gte, lte, sub, type Rational } from "../rational.ts";
import type { CountResult, LossReason, ProjectExplanation, Stage, TieDetail, TieRecord } from "./outcome.ts";
import { tallyScores, type ScoreOptions } from "./scores.ts";
import { compareForTie, type TieBreak } from "./tie-breaking.ts";

export type GreedyVariant = "greedy" | "greedy-no-skip" | "greedy-threshold";

export interface GreedyOptions extends ScoreOptions {
  readonly variant: GreedyVariant;
  readonly tieBreak?: TieBreak;
  /** greedy-threshold: defaults to the file's min_project_score_threshold. */
  readonly threshold?: Rational;
}

export interface GreedyItem {
  /** Index into election.projects. */
  readonly index: number;
  readonly id: string;
  readonly cost: Rational;
  readonly votes: number;
  readonly score: Rational;
}

export interface FillResult {
  readonly funded: readonly GreedyItem[];
  readonly spent: Rational;
  /** Why each item that was not funded lost (did_not_fit or counting_stopped). */
  readonly losses: ReadonlyMap<number, LossReason>;
  readonly ties: readonly TieRecord[];
}

/**
 * Funds items in score order (then tie-break) from `available`. Shared by the greedy rules and
 * the utilitarian completion of equal shares. A tie is reported (tieBreak "refuse") or recorded
 * only when it matters: equally scored items of which some fit but not all together.
 */
export function fillGreedily(
  items: readonly GreedyItem[],
  available: Rational,
  options: { readonly noSkip: boolean; readonly tieBreak: TieBreak; readonly firstRound: number },
): { ok: true; value: FillResult } | { ok: false; reason: "tie"; detail: TieDetail } {
  const order = [...items].sort((a, b) => compare(b.score, a.score) || compareForTie(options.tieBreak, a, b));
  const funded: GreedyItem[] = [];
  const losses = new Map<number, LossReason>();
  const ties: TieRecord[] = [];
  let spent = ZERO;
  let stoppedAt: string | null = null;
  for (let k = 0; k < order.length; k++) {
    const p = order[k]!;
    if (stoppedAt !== null) {
      losses.set(p.index, { reason: "counting_stopped", stoppedAt });
      continue;
    }
    const remaining = sub(available, spent);
    if (k === 0 || compare(order[k - 1]!.score, p.score) !== 0) {
      let end = k + 1;
      while (end < order.length && compare(order[end]!.score, p.score) === 0) end++;
      if (end - k > 1) {
        const group = order.slice(k, end);
        const groupCost = group.reduce((s, g) => add(s, g.cost), ZERO);
        if (group.some((g) => lte(g.cost, remaining)) && !lte(groupCost, remaining)) {
          const round = options.firstRound + funded.length;
          const tied = group.map((g) => g.id);
          if (options.tieBreak === "refuse") return { ok: false, reason: "tie", detail: { round, tied } };
          ties.push({ round, tied, chosen: group[0]!.id });
        }
      }
    }
    if (lte(p.cost, remaining)) {
      spent = add(spent, p.cost);
      funded.push(p);
    } else {
      losses.set(p.index, { reason: "did_not_fit", remaining });
      if (options.noSkip) stoppedAt = p.id;
    }
  }
  return { ok: true, value: { funded, spent, losses, ties } };
}

export function greedyItems(election: Election, options: ScoreOptions = {}): GreedyItem[] {
  const tally = tallyScores(election, options);
  return election.projects.map((p, index) => ({
    index,
    id: p.id,
    cost: p.cost,
    votes: tally.votes[index]!,
    score: tally.scores[index]!,
  }));
}

/** Marks each tie winner that was funded with the projects it beat. */
export function withTieWinners(
  explanations: ProjectExplanation[],
  ties: readonly TieRecord[],
  indexOf: ReadonlyMap<string, number>,
): ProjectExplanation[] {
  for (const t of ties) {
    const i = indexOf.get(t.chosen)!;
    const e = explanations[i]!;
    if (e.funded) explanations[i] = { ...e, wonTieAgainst: t.tied.filter((id) => id !== t.chosen) };
  }
  return explanations;
}

export function countGreedy(election: Election, options: GreedyOptions): CountResult {
  const tieBreak = options.tieBreak ?? "default";
  let threshold: Rational | undefined;
  if (options.variant === "greedy-threshold") {
    threshold = options.threshold ?? election.threshold;
    if (!threshold) return { ok: false, reason: "no_threshold" };
    if (threshold.n < 0n) return { ok: false, reason: "bad_threshold" };
  }
  const items = greedyItems(election, options);
  const eligible = threshold ? items.filter((p) => gte(p.score, threshold)) : items;
  const filled = fillGreedily(eligible, election.budget, {
    noSkip: options.variant === "greedy-no-skip",
    tieBreak,
    firstRound: 1,
  });
  if (!filled.ok) return filled;
  const { funded, spent, losses, ties } = filled.value;

  const stage: Stage = "greedy";
  const round = new Map(funded.map((p, k) => [p.index, k + 1]));
  const explanations: ProjectExplanation[] = items.map((p) => {
    const base = { projectId: p.id, cost: p.cost, votes: p.votes, score: p.score };
    const r = round.get(p.index);
    if (r !== undefined) return { ...base, funded: true, round: r, stage };
    if (threshold && !gte(p.score, threshold)) return { ...base, funded: false, reason: "below_threshold", threshold };
    return { ...base, funded: false, ...losses.get(p.index)! };
  });
  const indexOf = new Map(items.map((p) => [p.id, p.index]));

  return {
    ok: true,
    value: {
      rule: options.variant,
      tieBreak,
      selected: funded.map((p) => p.id),
      cost: spent,
      budget: election.budget,
      projects: withTieWinners(explanations, ties, indexOf),
      ties,
      ...(threshold ? { threshold } : {}),
    },
  };
}
