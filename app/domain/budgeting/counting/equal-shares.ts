// The Method of Equal Shares (MES) with completion — the rule equalshares.net describes and
// Assen, Świecie and Wieliczka used (pb-rules.md §5).
//
// Sources: Peters & Skowron, "Proportionality and the Limits of Welfarism" (EC 2020, "Rule X");
// Peters, Pierczyński & Skowron, "Proportional Participatory Budgeting with Additive Utilities"
// (NeurIPS 2021); equalshares.net (equalshares/equalshares.net@4371c05: "Implementation",
// "Completion"); pabutools 1.2.3 `method_of_equal_shares` (COMSOC-Community/pabutools@33b8575).
// The exact inner loop is equal-shares-engine.ts.
//
// Utilities: "cost" (u_i(p) = cost; the equalshares.net rule and the pabutools Cost_Sat default)
// or "cardinality" (u_i(p) = 1; academic Rule X, favours votes per cost). Non-approval ballots are
// read as approval of the projects listed, as the equalshares.net compute tool does.
//
// Completion (pb-rules.md §5.3–5.4):
// - "none": one run at budget ÷ voters; usually leaves money unspent.
// - "add1": raise every voter's share by one currency unit at a time, starting from exactly
//   budget ÷ voters (pabutools `voter_budget_increment=1`); stop at the first outcome that is
//   exhaustive (no further supported project fits), or keep the last outcome when the next one
//   would cost more than the budget. Reproduces Assen 2024 and Świecie 2023.
// - "add1-until-overspend": as add1 but without the stop-when-exhaustive test — keep raising
//   until the next outcome would overspend. This is what reproduces Wieliczka 2023 (pb-rules.md,
//   "Note on reproducing the official MES results"), so it is offered explicitly.
// - "add1-utilitarian": add1, then fund what still fits in order of votes (greedy, skipping what
//   does not fit, including projects nobody voted for) — equalshares.net "add1u" and the pabutools
//   `completion_by_rule_combination` recipe the pabutools docs give for Wieliczka and Świecie.
import type { Election } from "../pabulib.ts";
import { ONE, ZERO, add, compare, div, floor, fromInt, lte, mul, sub, type Rational } from "../rational.ts";
import { MesRunner, prepareInstance, type MesRunResult } from "./equal-shares-engine.ts";
import { fillGreedily, greedyItems, withTieWinners, type GreedyItem } from "./greedy.ts";
import type { Completion, CountResult, LossReason, ProjectExplanation, TieRecord, Utilities, VoterPayment } from "./outcome.ts";
import { projectIndex } from "./scores.ts";
import type { TieBreak } from "./tie-breaking.ts";

export const COMPLETIONS: readonly Completion[] = ["none", "add1", "add1-utilitarian", "add1-until-overspend"];
export const UTILITIES: readonly Utilities[] = ["cost", "cardinality"];

export interface EqualSharesOptions {
  readonly completion: Completion;
  readonly utilities?: Utilities;
  readonly tieBreak?: TieBreak;
  /**
   * Where Add1 starts: "exact" = budget ÷ voters (pabutools; reproduces the official results),
   * "integral" = that rounded down to a whole currency unit (equalshares.net `integral`).
   */
  readonly add1Start?: "exact" | "integral";
  /**
   * Add1's exhaustiveness test: over projects someone voted for (pabutools, default) or over all
   * projects (equalshares.net `exhaustive`).
   */
  readonly exhaustiveOver?: "supported" | "all";
  /** Currency units added to each voter's share per Add1 step (default 1; e.g. 100 for forints). */
  readonly step?: Rational;
  /** List every voter's payments in the outcome (for audits and tests; large for big elections). */
  readonly recordPayments?: boolean;
  /**
   * Give up (reason "add1_limit") after this many Add1 steps. Add1 always ends — at the latest
   * when every share covers the dearest project — but a tiny step in a small currency unit can
   * take millions of MES runs. Default 100,000.
   */
  readonly maxAdd1Steps?: number;
}

export function countEqualShares(election: Election, options: EqualSharesOptions): CountResult {
  const utilities = options.utilities ?? "cost";
  const tieBreak = options.tieBreak ?? "default";
  const completion = options.completion;
  const step = options.step ?? ONE;
  const index = projectIndex(election);
  const instance = prepareInstance({
    projects: election.projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: election.ballots.map((b) => b.projects),
    tieBreak,
    utilities,
    alsoIntegral: [election.budget, step],
  });
  const runner = new MesRunner(instance);
  const P = instance.projectCount;
  const n = instance.voters;
  const budget = election.budget;
  const budgetN = (budget.n * instance.scale) / budget.d;
  const costs = election.projects.map((p) => p.cost);
  const supported = [...Array(P).keys()].filter((p) => instance.approvals[p]! > 0 && instance.costN[p]! > 0n);
  const exhaustiveSet = options.exhaustiveOver === "all" ? [...Array(P).keys()] : supported;

  const initialShare = n > 0 ? div(budget, fromInt(n)) : ZERO;
  let share = initialShare;
  let steps = 0;
  if (completion !== "none") {
    const start = options.add1Start === "integral" ? fromInt(floor(initialShare)) : initialShare;
    let previous: { share: Rational; steps: number } | null = null;
    const maxSteps = options.maxAdd1Steps ?? 100_000;
    for (let k = 0; ; k++) {
      if (k > maxSteps) return { ok: false, reason: "add1_limit", detail: { steps: maxSteps } };
      const current = add(start, mul(fromInt(k), step));
      const run = runner.run(current);
      if (run.tie) return tieError(run, instance.ids);
      if (run.costN > budgetN) {
        // Total shares n·(B/n) = B at k = 0, so the first run never overspends; keep the last
        // feasible outcome (pabutools returns W_{j−1}, equalshares.net keeps the last feasible).
        const kept = previous ?? { share: current, steps: k };
        share = kept.share;
        steps = kept.steps;
        break;
      }
      const funded = new Set(run.order);
      const spent = sumCosts(run.order, costs);
      const exhaustive = !exhaustiveSet.some((p) => !funded.has(p) && lte(add(spent, costs[p]!), budget));
      // Once every supported project is in, raising the share cannot change anything.
      const complete = supported.every((p) => funded.has(p));
      if ((completion !== "add1-until-overspend" && exhaustive) || complete) {
        share = current;
        steps = k;
        break;
      }
      previous = { share: current, steps: k };
    }
  }

  const final = runner.run(share, { record: true, recordPayments: options.recordPayments });
  if (final.tie) return tieError(final, instance.ids);

  // Votes are the engine's approval counts; scores need a recount only for points and rankings.
  const scores = election.voteType === "approval" || election.voteType === "choose-1" ? null : greedyItems(election);
  const items: GreedyItem[] = election.projects.map((p, i) => ({
    index: i,
    id: p.id,
    cost: p.cost,
    votes: instance.approvals[i]!,
    score: scores ? scores[i]!.score : fromInt(instance.approvals[i]!),
  }));
  const explanations = new Array<ProjectExplanation>(P);
  const selected: string[] = [];
  const ties: TieRecord[] = [];
  const roundOf = new Map(final.rounds.map((r) => [r.project, r]));
  final.order.forEach((p, k) => {
    const item = items[p]!;
    const r = roundOf.get(p)!;
    selected.push(item.id);
    explanations[p] = {
      ...base(item),
      funded: true,
      round: k + 1,
      stage: "equal-shares",
      payment: {
        supporters: r.supporters,
        share: r.share,
        paidShare: r.paidShare,
        paidAllTheyHad: r.paidAllTheyHad,
        paidAllTheyHadTotal: r.paidAllTheyHadTotal,
        paidNothing: r.paidNothing,
      },
    };
    if (r.tied) ties.push({ round: k + 1, tied: r.tied.map((t) => instance.ids[t]!), chosen: item.id });
  });
  const equalSharesCost = sumCosts(final.order, costs);
  let spent = equalSharesCost;

  const leftover = new Map<number, Rational>();
  if (completion === "add1-utilitarian") {
    const funded = new Set(final.order);
    // Utilitarian completion ranks by votes whatever the ballot type (equalshares.net "add1u").
    const rest: GreedyItem[] = items.filter((p) => !funded.has(p.index)).map((p) => ({ ...p, score: fromInt(p.votes) }));
    const filled = fillGreedily(rest, sub(budget, spent), { noSkip: false, tieBreak, firstRound: final.order.length + 1 });
    if (!filled.ok) return filled;
    filled.value.funded.forEach((item, k) => {
      selected.push(item.id);
      explanations[item.index] = { ...base(items[item.index]!), funded: true, round: final.order.length + k + 1, stage: "completion" };
    });
    for (const [p, loss] of filled.value.losses) if (loss.reason === "did_not_fit") leftover.set(p, loss.remaining);
    ties.push(...filled.value.ties);
    spent = add(spent, filled.value.spent);
  }

  for (let p = 0; p < P; p++) {
    if (explanations[p]) continue;
    const item = items[p]!;
    const had = final.supportersHad?.[p];
    const loss: LossReason =
      instance.approvals[p] === 0 || !had
        ? { reason: "no_supporters", leftoverAtTurn: leftover.get(p) }
        : { reason: "supporters_short", supportersHad: had, leftoverAtTurn: leftover.get(p) };
    explanations[p] = { ...base(item), funded: false, ...loss };
  }

  const payments: VoterPayment[] | undefined = final.payments?.map((x) => ({
    voter: x.voter,
    projectId: instance.ids[x.project]!,
    amount: x.amount,
  }));
  const voteType = election.voteType;
  return {
    ok: true,
    value: {
      rule: "equal-shares",
      tieBreak,
      selected,
      cost: spent,
      budget,
      projects: withTieWinners(explanations, ties, index),
      ties,
      equalShares: {
        utilities,
        completion,
        voters: n,
        initialShare,
        finalShare: share,
        add1Steps: steps,
        equalSharesCost,
        ballotsReadAsApproval: voteType !== "approval" && voteType !== "choose-1",
      },
      payments,
    },
  };
}

function base(item: GreedyItem) {
  return { projectId: item.id, cost: item.cost, votes: item.votes, score: item.score };
}

function sumCosts(order: readonly number[], costs: readonly Rational[]): Rational {
  let s = ZERO;
  for (const p of order) s = add(s, costs[p]!);
  return s;
}

function tieError(run: MesRunResult, ids: readonly string[]): CountResult {
  return { ok: false, reason: "tie", detail: { round: run.tie!.round, tied: run.tie!.tied.map((p) => ids[p]!) } };
}

/**
 * The comparison step of the `-comparison` rules (equalshares.net, pb-rules.md §5.5): each voter's
 * satisfaction is the number of winners they approved; count the voters who strictly prefer each
 * outcome. The rule switches to the greedy outcome only if strictly more voters prefer it.
 */
export function compareByPopularity(
  election: Election,
  equalShares: readonly string[],
  greedy: readonly string[],
): { preferEqualShares: number; preferGreedy: number; indifferent: number; keep: "equal-shares" | "greedy" } {
  const a = new Set(equalShares);
  const b = new Set(greedy);
  let preferEqualShares = 0;
  let preferGreedy = 0;
  let indifferent = 0;
  for (const ballot of election.ballots) {
    let sa = 0;
    let sb = 0;
    for (const id of ballot.projects) {
      if (a.has(id)) sa++;
      if (b.has(id)) sb++;
    }
    if (sa > sb) preferEqualShares++;
    else if (sb > sa) preferGreedy++;
    else indifferent++;
  }
  return { preferEqualShares, preferGreedy, indifferent, keep: preferGreedy > preferEqualShares ? "greedy" : "equal-shares" };
}

/** Exact-arithmetic guard used by tests: Σ costs of a selection. */
export function selectionCost(election: Election, ids: readonly string[]): Rational {
  const byId = new Map(election.projects.map((p) => [p.id, p.cost]));
  return ids.reduce((s, id) => add(s, byId.get(id)!), ZERO);
}

/** True when nothing else from `pool` fits in what `ids` leaves of the budget. */
export function isExhaustive(election: Election, ids: readonly string[], pool: "supported" | "all" = "all"): boolean {
  const chosen = new Set(ids);
  const spent = selectionCost(election, ids);
  const votes = new Map<string, number>();
  for (const b of election.ballots) for (const id of b.projects) votes.set(id, (votes.get(id) ?? 0) + 1);
  return !election.projects.some(
    (p) => !chosen.has(p.id) && (pool === "all" || (votes.get(p.id) ?? 0) > 0) && compare(add(spent, p.cost), election.budget) <= 0,
  );
}
