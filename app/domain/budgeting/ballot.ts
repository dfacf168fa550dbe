// Ballot rules at cast time, for the four ballot types of a budget process. Pure; the server
// runs `checkBallot` inside the casting transaction (ASVS 5.0 2.2.2 / 2.3.4: business rules
// enforced server-side), the page runs `remainingMoney` / `remainingPoints` for its live
// counters (through a server round-trip, so they work without JavaScript).
//
// Sources:
// - pb-rules.md §1.6: enforce what the process declares — number of projects (min/max_length),
//   total cost (max_sum_cost, knapsack), points per project (max_points) and per ballot
//   (min/max_sum_points), no duplicate ids, only known ids. pabutools stores but does not
//   enforce these; a platform must.
// - pb-rules.md §4 (Goel et al., "Knapsack Voting for Participatory Budgeting", ACM TEAC 7(2),
//   2019): a knapsack ballot is a set of projects whose total cost is within the budget limit;
//   it is stored and counted as an approval ballot.
// - Cumulative rule chosen here: a voter spreads AT MOST `points` points and gives AT LEAST ONE
//   point in total; no project gets more than `pointsPerProjectCap`. "At most" (pabulib's
//   max_sum_points, e.g. France_Toulouse_2019 max_sum_points=7) rather than "exactly": a voter
//   who only cares about two projects should not be forced to hand points to others, and
//   refusing a ballot for unspent points loses votes. Unspent points are shown on the page
//   ("You have 3 points left") so nobody leaves them by accident.
// - Ranked: ranks 1..m with no gaps or repeats, 1 ≤ m ≤ rankCount (top K). Partial rankings are
//   allowed, as in pabulib ordinal files (Switzerland_Zurich_S5R: min_length 1, max_length 5).
//
// Stored values (BallotChoice.value): approval/knapsack 1; cumulative the points; ranked the
// rank (1 = first choice). A submitted value of 0 means "not chosen" and is dropped, so a form
// with one number box per project can post every box.
import type { Pence } from "~/domain/budgeting/money.ts";
import { err, ok, type Result } from "~/domain/result.ts";

export const BALLOT_TYPES = ["approval", "knapsack", "cumulative", "ranked"] as const;
export type BallotType = (typeof BALLOT_TYPES)[number];

interface ConfigBase {
  /** The budget this ballot is for; a project of another budget is an unknown project. */
  budgetId: string;
  /** The budget's amount: the knapsack limit, and what the live counter counts down from. */
  budgetPence: Pence;
}

export type BallotConfig =
  | (ConfigBase & { type: "approval"; minProjects: number; maxProjects: number | null })
  | (ConfigBase & { type: "knapsack"; minProjects: number; maxProjects: number | null })
  | (ConfigBase & { type: "cumulative"; points: number; pointsPerProjectCap: number })
  | (ConfigBase & { type: "ranked"; rankCount: number });

/** A candidate project as the ballot check needs it. */
export interface BallotProject {
  id: string;
  budgetId: string;
  costPence: Pence;
  /** Only projects found feasible at review are on the ballot. */
  feasible: boolean;
}

export interface BallotChoiceInput {
  projectId: string;
  value: number;
}

/** A ballot that passed: choices without zeros, in a canonical order (ranked by rank, else by project id). */
export interface ValidBallot {
  choices: BallotChoiceInput[];
  totalCostPence: Pence;
  /** Cumulative ballots: points given; 0 for other types. */
  pointsSpent: number;
}

/** Every reason a ballot is refused, with the numbers ballot-messages.ts needs to word it. */
export type BallotProblem =
  | { reason: "unknown_project"; detail: { projectId: string } }
  | { reason: "duplicate_project"; detail: { projectId: string } }
  | { reason: "negative_value"; detail: { projectId: string; value: number } }
  | { reason: "invalid_value"; detail: { projectId: string; value: number } }
  | { reason: "too_few_projects"; detail: { min: number; max: number | null; chosen: number } }
  | { reason: "too_many_projects"; detail: { min: number; max: number | null; chosen: number } }
  | { reason: "over_budget"; detail: { overByPence: Pence; totalPence: Pence; limitPence: Pence } }
  | { reason: "no_points"; detail: { points: number } }
  | { reason: "over_points"; detail: { over: number; points: number; spent: number } }
  | { reason: "over_project_cap"; detail: { project: string; cap: number; given: number } }
  | { reason: "rank_gap"; detail: { missing: number } }
  | { reason: "duplicate_rank"; detail: { rank: number; projects: [string, string] } }
  | { reason: "too_many_ranked"; detail: { max: number; chosen: number } };

export type BallotReason = BallotProblem["reason"];

export const BALLOT_REASONS: readonly BallotReason[] = [
  "unknown_project",
  "duplicate_project",
  "negative_value",
  "invalid_value",
  "too_few_projects",
  "too_many_projects",
  "over_budget",
  "no_points",
  "over_points",
  "over_project_cap",
  "rank_gap",
  "duplicate_rank",
  "too_many_ranked",
];

export type BallotCheck = { ok: true; value: ValidBallot } | ({ ok: false } & BallotProblem);

function refuse<P extends BallotProblem>(problem: P): { ok: false } & P {
  return { ok: false, ...problem };
}

/**
 * Checks one ballot against the process's rules. `projects` are the candidates the server
 * loaded for this budget; anything else — a forged id, a project of another budget or process,
 * one not found feasible — is 'unknown_project'. The first problem found is returned, in the
 * order: per choice (unknown, duplicate, negative, invalid value), then the ballot-type rules.
 */
export function checkBallot(
  config: BallotConfig,
  projects: readonly BallotProject[],
  choices: readonly BallotChoiceInput[],
): BallotCheck {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const kept: BallotChoiceInput[] = [];
  let totalCostPence = 0n;
  for (const choice of choices) {
    const project = typeof choice.projectId === "string" ? byId.get(choice.projectId) : undefined;
    if (!project || project.budgetId !== config.budgetId || !project.feasible)
      return refuse({ reason: "unknown_project", detail: { projectId: String(choice.projectId) } });
    if (seen.has(project.id)) return refuse({ reason: "duplicate_project", detail: { projectId: project.id } });
    seen.add(project.id);
    const value = choice.value;
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      return refuse({ reason: "invalid_value", detail: { projectId: project.id, value: Number(value) } });
    if (value < 0) return refuse({ reason: "negative_value", detail: { projectId: project.id, value } });
    if (value === 0) continue;
    if ((config.type === "approval" || config.type === "knapsack") && value !== 1)
      return refuse({ reason: "invalid_value", detail: { projectId: project.id, value } });
    kept.push({ projectId: project.id, value });
    totalCostPence += project.costPence;
  }

  const chosen = kept.length;
  let pointsSpent = 0;
  switch (config.type) {
    case "approval":
    case "knapsack": {
      const { minProjects: min, maxProjects: max } = config;
      if (chosen < min) return refuse({ reason: "too_few_projects", detail: { min, max, chosen } });
      if (max !== null && chosen > max) return refuse({ reason: "too_many_projects", detail: { min, max, chosen } });
      if (config.type === "knapsack" && totalCostPence > config.budgetPence)
        return refuse({
          reason: "over_budget",
          detail: { overByPence: totalCostPence - config.budgetPence, totalPence: totalCostPence, limitPence: config.budgetPence },
        });
      break;
    }
    case "cumulative": {
      for (const c of kept) {
        if (c.value > config.pointsPerProjectCap)
          return refuse({ reason: "over_project_cap", detail: { project: c.projectId, cap: config.pointsPerProjectCap, given: c.value } });
        pointsSpent += c.value;
      }
      if (pointsSpent === 0) return refuse({ reason: "no_points", detail: { points: config.points } });
      if (pointsSpent > config.points)
        return refuse({ reason: "over_points", detail: { over: pointsSpent - config.points, points: config.points, spent: pointsSpent } });
      break;
    }
    case "ranked": {
      if (chosen === 0) return refuse({ reason: "too_few_projects", detail: { min: 1, max: config.rankCount, chosen } });
      if (chosen > config.rankCount) return refuse({ reason: "too_many_ranked", detail: { max: config.rankCount, chosen } });
      const holder = new Map<number, string>();
      for (const c of kept) {
        const other = holder.get(c.value);
        if (other !== undefined) return refuse({ reason: "duplicate_rank", detail: { rank: c.value, projects: [other, c.projectId] } });
        holder.set(c.value, c.projectId);
      }
      // Distinct ranks, as many as projects: 1..chosen are all present exactly when none is
      // missing, so the first missing rank is the gap to report ("you have no 2nd choice").
      for (let rank = 1; rank <= chosen; rank++)
        if (!holder.has(rank)) return refuse({ reason: "rank_gap", detail: { missing: rank } });
      break;
    }
  }

  const ordered =
    config.type === "ranked"
      ? [...kept].sort((a, b) => a.value - b.value)
      : [...kept].sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0));
  return ok({ choices: ordered, totalCostPence, pointsSpent });
}

export interface MoneyCounter {
  limitPence: Pence;
  /** Σ cost of the chosen projects that are on this ballot (unknown ones are ignored). */
  spentPence: Pence;
  /** May be negative: then the ballot is over budget by `overByPence`. */
  remainingPence: Pence;
  overByPence: Pence;
}

/**
 * The live "£X left" counter for a knapsack ballot (also meaningful on other ballots as
 * "the projects you chose cost £Y"). Tolerant of a half-filled form: unknown projects,
 * duplicates and non-positive values are ignored rather than refused.
 */
export function remainingMoney(
  config: BallotConfig,
  projects: readonly BallotProject[],
  choices: readonly BallotChoiceInput[],
): MoneyCounter {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const counted = new Set<string>();
  let spent = 0n;
  for (const c of choices) {
    const p = byId.get(c.projectId);
    if (!p || p.budgetId !== config.budgetId || !p.feasible || counted.has(p.id)) continue;
    if (!(typeof c.value === "number" && c.value > 0)) continue;
    counted.add(p.id);
    spent += p.costPence;
  }
  const remaining = config.budgetPence - spent;
  return { limitPence: config.budgetPence, spentPence: spent, remainingPence: remaining, overByPence: remaining < 0n ? -remaining : 0n };
}

export interface PointsCounter {
  points: number;
  spent: number;
  /** May be negative: then the ballot is over by `-remaining` points. */
  remaining: number;
}

/** The live "N points left" counter for a cumulative ballot; null for other ballot types. */
export function remainingPoints(config: BallotConfig, choices: readonly BallotChoiceInput[]): PointsCounter | null {
  if (config.type !== "cumulative") return null;
  const counted = new Set<string>();
  let spent = 0;
  for (const c of choices) {
    if (counted.has(c.projectId) || !(Number.isSafeInteger(c.value) && c.value > 0)) continue;
    counted.add(c.projectId);
    spent += c.value;
  }
  return { points: config.points, spent, remaining: config.points - spent };
}

/** Ballot settings as stored on BudgetProcess (columns are nullable where unused). */
export interface BallotSettings {
  ballotType: BallotType;
  minProjects: number;
  maxProjects: number | null;
  points: number | null;
  pointsPerProjectCap: number | null;
  rankCount: number | null;
}

/**
 * The ballot config for one budget of a process. Settings are validated when saved and again
 * before voting opens (process.ts), so a failure here means stored data was changed behind the
 * application's back: 'invalid_ballot_settings'.
 */
export function ballotConfigFor(
  settings: BallotSettings,
  budget: { id: string; amountPence: Pence },
): Result<BallotConfig, "invalid_ballot_settings"> {
  const base = { budgetId: budget.id, budgetPence: budget.amountPence };
  const min = settings.minProjects;
  switch (settings.ballotType) {
    case "approval":
    case "knapsack":
      if (!(min >= 0) || (settings.maxProjects !== null && settings.maxProjects < Math.max(min, 1))) return err("invalid_ballot_settings");
      return ok({ ...base, type: settings.ballotType, minProjects: min, maxProjects: settings.maxProjects });
    case "cumulative": {
      const points = settings.points;
      const cap = settings.pointsPerProjectCap ?? points;
      if (points === null || cap === null || points < 1 || cap < 1 || cap > points) return err("invalid_ballot_settings");
      return ok({ ...base, type: "cumulative", points, pointsPerProjectCap: cap });
    }
    case "ranked":
      if (settings.rankCount === null || settings.rankCount < 1) return err("invalid_ballot_settings");
      return ok({ ...base, type: "ranked", rankCount: settings.rankCount });
  }
}

/** Whether two lists of choices are the same ballot (order-insensitive): an identical resubmission. */
export function sameChoices(a: readonly BallotChoiceInput[], b: readonly BallotChoiceInput[]): boolean {
  if (a.length !== b.length) return false;
  const values = new Map(a.map((c) => [c.projectId, c.value]));
  return values.size === a.length && b.every((c) => values.get(c.projectId) === c.value);
}
