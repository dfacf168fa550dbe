// The open data of a published result: a `.pb` file per budget (pabulib format, so anyone can
// recount it with `tally` or pabutools) and one JSON document per process. Neither holds voter
// data: ballots are anonymised (voter ids 1…n in an order unrelated to casting), and nothing
// from Participation appears.
//
// The `.pb` META is complete (pabulib format, "META"; pb-rules.md §1.2): the required keys, the
// ballot limits the product enforced when ballots were cast, currency and language, and a
// comment with the exact `tally` command that reproduces the published selection.
// JSON shape: documented in app/server/budgeting/README.md ("Open data"); change it only by
// adding fields, or by a new `version`.
import type { BallotType } from "./ballot.ts";
import { pabulibRuleName, tallyArguments, toElection, voteTypeFor, type Comparison, type CountInput, type CountSettings } from "./count.ts";
import type { Outcome } from "./counting/outcome.ts";
import { describeOutcome, describeTieBreak, explainProject } from "./messages.ts";
import type { Pence } from "./money.ts";
import type { Election, MetaEntry } from "./pabulib.ts";
import { fromInt, rational, toDecimalString, toFractionString, type Rational } from "./rational.ts";
import { moneyFormatters } from "./result-record.ts";

export const OPEN_DATA_VERSION = 1;

export interface BallotLimitSettings {
  ballotType: BallotType;
  minProjects: number;
  maxProjects: number | null;
  points: number | null;
  pointsPerProjectCap: number | null;
  rankCount: number | null;
}

export interface PabulibExportInput {
  councilName: string;
  processTitle: string;
  budgetName: string;
  currency: string;
  votingOpenAt: Date | null;
  votingCloseAt: Date | null;
  publishedAt: Date;
  settings: CountSettings & BallotLimitSettings;
  /** Candidates in reference order, with titles; ballots as counted. */
  count: CountInput;
  outcome: Outcome;
}

/** pabulib dates are written day.month.year. */
function pbDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

function pounds(pence: Pence): string {
  return toDecimalString(rational(pence, 100n))!;
}

/** The election as published: amounts in pounds, META complete, the official selection marked. */
export function pabulibElection(input: PabulibExportInput): Election {
  const { settings, outcome } = input;
  const end = input.votingCloseAt ?? input.publishedAt;
  const begin = input.votingOpenAt ?? end;
  const limits: MetaEntry[] = [];
  switch (settings.ballotType) {
    case "approval":
    case "knapsack":
      limits.push(["min_length", String(settings.minProjects)]);
      if (settings.maxProjects !== null) limits.push(["max_length", String(settings.maxProjects)]);
      if (settings.ballotType === "knapsack") limits.push(["max_sum_cost", pounds(input.count.budgetPence)]);
      break;
    case "cumulative":
      if (settings.points !== null) limits.push(["max_sum_points", String(settings.points)]);
      limits.push(["max_points", String(settings.pointsPerProjectCap ?? settings.points ?? 1)]);
      break;
    case "ranked":
      limits.push(["max_length", String(settings.rankCount ?? 1)]);
      break;
  }
  const threshold = settings.countingRule === "greedy_threshold" && settings.greedyThreshold !== null ? fromInt(settings.greedyThreshold) : undefined;
  const meta: MetaEntry[] = [
    ["description", `${input.processTitle}: ${input.budgetName}`],
    ["country", "United Kingdom"],
    ["unit", input.councilName],
    ["instance", String(end.getUTCFullYear())],
    ["subunit", input.budgetName],
    ["num_projects", String(input.count.projects.length)],
    ["num_votes", String(input.count.ballots.length)],
    ["budget", pounds(input.count.budgetPence)],
    ["vote_type", voteTypeFor(settings.ballotType)],
    ["rule", pabulibRuleName(settings)],
    ["date_begin", pbDate(begin)],
    ["date_end", pbDate(end)],
    ["currency", input.currency],
    ["language", "en"],
    ...limits,
    ...(threshold ? ([["min_project_score_threshold", String(settings.greedyThreshold)]] as MetaEntry[]) : []),
    ["comment", `Recount: npm run cli -- tally FILE.pb ${tallyArguments(settings).join(" ")}. ${describeTieBreak(outcome.tieBreak, "en")}`],
  ];
  const base = toElection(input.count, settings, { unit: "pounds", meta, rule: pabulibRuleName(settings), currency: input.currency, threshold });
  const byId = new Map(outcome.projects.map((p) => [p.projectId, p]));
  const selected = new Set(outcome.selected);
  const scored = settings.ballotType === "cumulative" || settings.ballotType === "ranked";
  return {
    ...base,
    projectColumns: ["project_id", "cost", "votes", ...(scored ? ["score"] : []), "name", "selected"],
    projects: base.projects.map((p) => ({
      ...p,
      votes: byId.get(p.id)?.votes ?? 0,
      ...(scored ? { score: byId.get(p.id)?.score ?? fromInt(0) } : {}),
      selected: selected.has(p.id) ? 1 : 0,
    })),
  };
}

// ───────────────────────────── the JSON document ─────────────────────────────

export interface OpenDataBudget {
  id: string;
  name: string;
  wardCode: string | null;
  amountPence: Pence;
  currency: string;
  ballots: { total: number; online: number; paper: number };
  projects: readonly { reference: string; title: string; costPence: Pence }[];
  outcome: Outcome;
  comparison: Comparison | null;
  pabulibUrl: string;
}

export interface OpenDataInput {
  council: { name: string; slug: string };
  process: {
    slug: string;
    title: string;
    titleCy: string | null;
    summary: string;
    ballotType: BallotType;
    votingOpenAt: Date | null;
    votingCloseAt: Date | null;
    publishedAt: Date;
    importedFrom: string | null;
  };
  settings: CountSettings;
  budgets: readonly OpenDataBudget[];
}

/** An exact value (pence, points): a JSON number when whole, else an exact "n/d" string. */
function exactValue(r: Rational): number | string {
  return r.d === 1n && r.n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r.n) : toFractionString(r);
}

function reasonOf(p: Outcome["projects"][number]): string | null {
  return p.funded ? null : p.reason;
}

export function openDataDocument(input: OpenDataInput) {
  const { settings } = input;
  return {
    format: "commonweal.pb-results",
    version: OPEN_DATA_VERSION,
    licence: "Open Government Licence v3.0",
    council: input.council,
    process: {
      ...input.process,
      votingOpenAt: input.process.votingOpenAt?.toISOString() ?? null,
      votingCloseAt: input.process.votingCloseAt?.toISOString() ?? null,
      publishedAt: input.process.publishedAt.toISOString(),
    },
    rule: {
      countingRule: settings.countingRule,
      mesCompletion: settings.countingRule === "equal_shares" ? settings.mesCompletion : null,
      mesUtilities: settings.countingRule === "equal_shares" ? settings.mesUtilities : null,
      greedyThreshold: settings.countingRule === "greedy_threshold" ? settings.greedyThreshold : null,
      tieBreak: settings.tieBreak,
      pabulibRule: pabulibRuleName(settings),
      tally: tallyArguments(settings),
    },
    budgets: input.budgets.map((b) => {
      const money = moneyFormatters(b.currency);
      const titles = new Map(b.projects.map((p) => [p.reference, p]));
      const es = b.outcome.equalShares;
      return {
        id: b.id,
        name: b.name,
        wardCode: b.wardCode,
        currency: b.currency,
        amountPence: Number(b.amountPence),
        spentPence: exactValue(b.outcome.cost),
        ballots: b.ballots,
        howCounted: describeOutcome(b.outcome, "en", money.exact),
        equalShares: es
          ? { voters: es.voters, initialSharePence: exactValue(es.initialShare), finalSharePence: exactValue(es.finalShare), add1Steps: es.add1Steps }
          : null,
        selected: b.outcome.selected,
        projects: b.outcome.projects.map((p) => ({
          reference: p.projectId,
          title: titles.get(p.projectId)?.title ?? p.projectId,
          costPence: exactValue(p.cost),
          votes: p.votes,
          score: exactValue(p.score),
          outcome: p.funded ? "selected" : "not_selected",
          round: p.funded ? p.round : null,
          stage: p.funded ? p.stage : null,
          reason: reasonOf(p),
          explanation: explainProject(p, "en", money.exact),
        })),
        comparison: b.comparison
          ? {
              greedySelected: b.comparison.greedySelected,
              greedyCostPence: exactValue(b.comparison.greedyCost),
              preferEqualShares: b.comparison.preferEqualShares,
              preferGreedy: b.comparison.preferGreedy,
              indifferent: b.comparison.indifferent,
            }
          : null,
        pabulibFile: b.pabulibUrl,
      };
    }),
  };
}

export type OpenDataDocument = ReturnType<typeof openDataDocument>;
