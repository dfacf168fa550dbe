// Turning a pabulib election into a past process of the product (for training, demos and
// comparison): one budget, its projects, and its ballots in the product's own form
// (BallotChoice values), with the counting settings its META names when the product can count
// that rule, else the officer's choice.
//
// Mapping (pb-rules.md §1.3–1.4):
// - vote_type approval → approval (knapsack when META has max_sum_cost, or the Stanford data
//   set's `subunit` says "vote knapsacks"); choose-1 → approval with
//   one project; cumulative → cumulative (points must be whole numbers, BallotChoice.value is an
//   integer); ordinal → ranked (rank 1 = first); scoring has no product ballot and is refused.
// - rule greedy / greedy-no-skip / greedy-threshold (needs a whole-number
//   min_project_score_threshold) / equalshares / equalshares/add1 / equalshares/add1-utilitarian;
//   the -comparison variants are counted without the switch (the product publishes the comparison
//   instead of acting on it). Anything else (unknown, greedy-custom, greedy-exclusive) uses the
//   officer's choice. Ranked ballots cannot be counted by equal shares (process.ts), so they fall
//   back to greedy.
// - Amounts are kept in minor units (pence, cents…): a cost with more than two decimals is refused
//   rather than rounded, because rounding could change what fits the budget.
// Ballots are imported as cast, even when they break META's limits (pabulib.ts: "reported, not
// fixed"), so the recount is the recount of the real election.
import type { BallotType } from "./ballot.ts";
import type { CountInput, CountSettings } from "./count.ts";
import type { Pence } from "./money.ts";
import type { Election } from "./pabulib.ts";
import type { CountingRule, MesCompletion } from "./process.ts";
import { PROCESS_LIMITS } from "./process.ts";
import type { Rational } from "./rational.ts";
import { err, ok, type Result } from "../result.ts";

/** Largest file accepted (Warsaw's 2026 city-wide vote, 61,668 ballots, is 3.2 MB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** What an officer may choose to count a file with when its own rule is not one the product counts. */
export const IMPORT_FALLBACK_RULES = ["equal_shares", "greedy"] as const;
export type ImportFallback = (typeof IMPORT_FALLBACK_RULES)[number];

export type ImportReason = "unsupported_vote_type" | "amount_not_in_pence" | "points_not_whole" | "reference_too_long" | "no_projects";

export interface FallbackRule {
  countingRule: CountingRule;
  mesCompletion: MesCompletion;
}

export interface ImportPlan {
  title: string;
  summary: string;
  currency: string;
  votingOpenAt: Date | null;
  votingCloseAt: Date | null;
  budgetName: string;
  settings: CountSettings & { minProjects: number; maxProjects: number | null; points: number | null; pointsPerProjectCap: number | null };
  /** Whether the counting rule came from the file (else from the officer's fallback). */
  ruleFromFile: boolean;
  /** The rule as the file names it. */
  fileRule: string;
  count: Omit<CountInput, "projects"> & { projects: { reference: string; costPence: Pence; title: string; description: string }[] };
}

const MAX_REFERENCE = 40;

function toPence(value: Rational): Pence | null {
  const scaled = value.n * 100n;
  return scaled % value.d === 0n ? scaled / value.d : null;
}

function whole(value: Rational | undefined): number | null {
  if (!value || value.d !== 1n || value.n < 0n || value.n > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value.n);
}

/** "31.03.2024", "2024-03-31" or "31/03/2024" → that day (UTC midnight); anything else → null. */
export function parsePabulibDate(text: string | undefined): Date | null {
  const t = text?.trim() ?? "";
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(t);
  const yearFirst = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const parts = dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : yearFirst ? [yearFirst[1], yearFirst[2], yearFirst[3]] : null;
  if (!parts) return null;
  const [y, mo, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function ruleFromMeta(rule: string, threshold: number | null): Pick<CountSettings, "countingRule" | "mesCompletion" | "greedyThreshold"> | null {
  switch (rule.trim().toLowerCase()) {
    case "greedy":
      return { countingRule: "greedy", mesCompletion: "add1_utilitarian", greedyThreshold: null };
    case "greedy-no-skip":
      return { countingRule: "greedy_no_skip", mesCompletion: "add1_utilitarian", greedyThreshold: null };
    case "greedy-threshold":
      return threshold === null ? null : { countingRule: "greedy_threshold", mesCompletion: "add1_utilitarian", greedyThreshold: threshold };
    case "equalshares":
    case "equalshares-comparison":
      return { countingRule: "equal_shares", mesCompletion: "none", greedyThreshold: null };
    case "equalshares/add1":
    case "equalshares/add1-comparison":
      return { countingRule: "equal_shares", mesCompletion: "add1", greedyThreshold: null };
    case "equalshares/add1-utilitarian":
      return { countingRule: "equal_shares", mesCompletion: "add1_utilitarian", greedyThreshold: null };
    default:
      return null;
  }
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The process an election becomes, or why it cannot: detail.subject names the project, value or
 * vote type concerned.
 */
export function planImport(election: Election, fallback: FallbackRule, fileName: string): Result<ImportPlan, ImportReason> {
  const meta = new Map(election.meta.map(([k, v]) => [k.trim().toLowerCase(), v.trim()]));
  if (election.projects.length === 0) return err("no_projects");
  // The Stanford data set marks knapsack ballots in `subunit` rather than with max_sum_cost.
  const knapsackSubunit = /knapsack/i.test(meta.get("subunit") ?? "");

  let ballotType: BallotType;
  switch (election.voteType) {
    case "approval":
    case "choose-1":
      ballotType = election.limits.maxSumCost || knapsackSubunit ? "knapsack" : "approval";
      break;
    case "cumulative":
      ballotType = "cumulative";
      break;
    case "ordinal":
      ballotType = "ranked";
      break;
    default:
      return err("unsupported_vote_type", { subject: election.voteType });
  }

  const budgetPence = toPence(election.budget);
  if (budgetPence === null) return err("amount_not_in_pence", { subject: "budget" });
  const projects: ImportPlan["count"]["projects"] = [];
  for (const p of election.projects) {
    if (p.id.length > MAX_REFERENCE) return err("reference_too_long", { subject: p.id });
    const costPence = toPence(p.cost);
    if (costPence === null) return err("amount_not_in_pence", { subject: p.id });
    const title = clip(p.name ?? "", PROCESS_LIMITS.projectTitleMax) || `Project ${p.id}`;
    projects.push({ reference: p.id, costPence, title, description: clip(p.extra.description ?? "", PROCESS_LIMITS.descriptionMax) });
  }

  const ballots: CountInput["ballots"][number][] = [];
  for (const b of election.ballots) {
    if (ballotType === "cumulative") {
      const points = (b.points ?? []).map((x) => whole(x));
      if (points.some((x) => x === null)) return err("points_not_whole", { subject: b.voterId });
      ballots.push({ choices: b.projects.map((reference, k) => ({ reference, value: points[k]! })) });
    } else if (ballotType === "ranked") {
      ballots.push({ choices: b.projects.map((reference, k) => ({ reference, value: k + 1 })) });
    } else {
      ballots.push({ choices: b.projects.map((reference) => ({ reference, value: 1 })) });
    }
  }

  const longest = election.ballots.reduce((m, b) => Math.max(m, b.projects.length), 0);
  const threshold = whole(election.threshold);
  let rule = ruleFromMeta(election.rule, threshold);
  const ruleFromFile = rule !== null && !(ballotType === "ranked" && rule.countingRule === "equal_shares");
  if (!ruleFromFile) {
    const countingRule = ballotType === "ranked" && fallback.countingRule === "equal_shares" ? "greedy" : fallback.countingRule;
    rule = { countingRule, mesCompletion: fallback.mesCompletion, greedyThreshold: countingRule === "greedy_threshold" ? (threshold ?? 0) : null };
  }
  const maxLength = election.limits.maxLength ?? null;
  const settings: ImportPlan["settings"] = {
    ballotType,
    ...rule!,
    mesUtilities: "cost",
    tieBreak: "default",
    minProjects: election.voteType === "choose-1" ? 1 : Math.max(1, election.limits.minLength ?? 1),
    maxProjects: election.voteType === "choose-1" ? 1 : (maxLength ?? null),
    points: ballotType === "cumulative" ? (whole(election.limits.maxSumPoints) ?? maxPointsCast(ballots)) : null,
    pointsPerProjectCap: ballotType === "cumulative" ? whole(election.limits.maxPoints) : null,
    rankCount: ballotType === "ranked" ? (maxLength ?? longest) || 1 : null,
  };

  const description = meta.get("description") || fileName;
  const instance = meta.get("instance");
  const place = [meta.get("unit"), meta.get("country")].filter(Boolean).join(", ");
  const title = clip([description, instance && !description.includes(instance) ? instance : ""].filter(Boolean).join(" "), PROCESS_LIMITS.titleMax);
  const summary = clip(
    [`A past vote imported from the pabulib file ${fileName}${place ? ` (${place})` : ""}.`, meta.get("comment") ?? ""].filter(Boolean).join(" "),
    PROCESS_LIMITS.summaryMax,
  );
  return ok({
    title: title.length >= PROCESS_LIMITS.titleMin ? title : clip(`Imported ${fileName}`, PROCESS_LIMITS.titleMax),
    summary,
    // ISO 4217 "XXX" (no currency) when the file's currency is not a three-letter code.
    currency: /^[A-Za-z]{3}$/.test(election.currency ?? "GBP") ? (election.currency ?? "GBP").toUpperCase() : "XXX",
    votingOpenAt: parsePabulibDate(meta.get("date_begin")),
    votingCloseAt: parsePabulibDate(meta.get("date_end")),
    budgetName: clip(
      (knapsackSubunit ? "" : meta.get("subunit")) || meta.get("district") || meta.get("unit") || "Whole area",
      PROCESS_LIMITS.budgetNameMax,
    ),
    settings,
    ruleFromFile,
    fileRule: election.rule,
    count: { budgetPence, projects, ballots },
  });
}

function maxPointsCast(ballots: CountInput["ballots"]): number {
  return Math.max(1, ...ballots.map((b) => b.choices.reduce((s, c) => s + c.value, 0)));
}
