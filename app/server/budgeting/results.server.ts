// Results of participatory budgeting: officers count each budget (and may count again until the
// results are published), then publish every budget at once; the public reads the published
// results with an explanation for every project, the comparison with greedy, and turnout; open
// data (JSON and pabulib `.pb`) is served from the published count only.
//
// Rules: app/domain/budgeting/count.ts (what a count is), result-record.ts (how it is stored),
// turnout.ts (small-cell suppression), open-data.ts (the files).
//
// Invariants
// - A published result is never recomputed or changed: counting a budget whose result is
//   published is refused ('published'), and publishing twice is 'already_published'.
// - Counting happens outside the transaction (it can take seconds on a large election); the
//   transaction then takes the process row lock, checks the phase, that nothing was published
//   meanwhile and that the ballots are the ones counted, and replaces the unpublished result.
// - Ballot secrecy (DESIGN.md): turnout is read from Participation, ballots from Ballot; no query
//   joins them, and neither the pages nor the files carry a voter key, a ballot reference or a
//   cast time.
// - Tenancy: every read and write is filtered by councilId; another council's process is
//   'not_found'.
import { pabulibRuleName, runCount, toElection, type Comparison, type CountInput, type CountSettings } from "~/domain/budgeting/count.ts";
import type { Outcome } from "~/domain/budgeting/counting/outcome.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import { openDataDocument, pabulibElection, type OpenDataDocument } from "~/domain/budgeting/open-data.ts";
import { writePabulib } from "~/domain/budgeting/pabulib.ts";
import type { Phase } from "~/domain/budgeting/process.ts";
import { decodeComparison, decodeResult, encodeComparison, encodeResult, type ResultRecord } from "~/domain/budgeting/result-record.ts";
import { IMD_DECILES, NOT_RECORDED, sortAgeBands, suppressTable, type ShownCell, type TurnoutTable } from "~/domain/budgeting/turnout.ts";
import { isAreaGeometry, shapePaths } from "~/domain/places/map.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Prisma } from "~/server/db/generated/client.ts";
import { ballotsForCount, type BallotsForCount } from "./ballots.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact } from "~/server/db/transact.server.ts";
import { canManage, lockProcess, type BudgetingDeps } from "./support.server.ts";

type Deps = Pick<BudgetingDeps, "prisma" | "now">;
type ReadDeps = Pick<BudgetingDeps, "prisma">;

/** Reference order as people read it: "P-2" before "P-10". */
export function byReference<T extends { reference: string }>(a: T, b: T): number {
  return a.reference.localeCompare(b.reference, "en", { numeric: true });
}

function settingsOf(s: BallotsForCount["settings"]): CountSettings {
  return {
    ballotType: s.ballotType,
    countingRule: s.countingRule as CountSettings["countingRule"],
    mesCompletion: s.mesCompletion as CountSettings["mesCompletion"],
    mesUtilities: s.mesUtilities as CountSettings["mesUtilities"],
    greedyThreshold: s.greedyThreshold,
    tieBreak: s.tieBreak as CountSettings["tieBreak"],
    rankCount: s.rankCount,
  };
}

/** The counting input of one budget: candidates by reference, choices by reference. */
export function countInputFrom(data: BallotsForCount): CountInput {
  const projects = [...data.projects].sort(byReference);
  const referenceOf = new Map(projects.map((p) => [p.id, p.reference]));
  return {
    budgetPence: data.budget.amountPence,
    projects: projects.map((p) => ({ reference: p.reference, costPence: p.costPence, title: p.title })),
    ballots: data.ballots.map((b) => ({
      choices: b.choices.map((c) => {
        const reference = referenceOf.get(c.projectId);
        // A choice can only name a project that was on the ballot; anything else is corrupt data.
        if (reference === undefined) throw new Error(`ballot choice for a project that is not a candidate: ${c.projectId}`);
        return { reference, value: c.value };
      }),
    })),
  };
}

function json(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}

// ───────────────────────────── counting ─────────────────────────────

export type CountBudgetReason = "forbidden" | "not_found" | "phase_locked" | "published" | "tie" | "count_failed" | "ballots_changed";

export interface CountedBudget {
  resultId: string;
  ballotCount: number;
  /** References in funding order. */
  selected: string[];
}

export interface TieReport {
  round: number;
  tied: { reference: string; title: string }[];
}

/**
 * Counts one budget with the process's rule and stores the result (unpublished), replacing an
 * earlier unpublished count. Officers and admins of the council, in the results phase (voting
 * closed). With the tie-break policy "report", a tie stops the count: 'tie' with the projects
 * that tie, and nothing is stored. Audit: "budget.counted".
 */
export async function countBudget(
  deps: Deps,
  actor: Actor | null,
  input: { councilId: string; processId: string; budgetId: string },
): Promise<
  | { ok: true; value: CountedBudget }
  | { ok: false; reason: Exclude<CountBudgetReason, "tie" | "phase_locked" | "count_failed">; detail?: unknown }
  | { ok: false; reason: "tie"; detail: TieReport }
  | { ok: false; reason: "phase_locked"; detail: { phase: Phase } }
  | { ok: false; reason: "count_failed"; detail: { reason: "no_threshold" | "bad_threshold" | "add1_limit"; steps?: number } }
> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const budget = await deps.prisma.processBudget.findFirst({
    where: { id: input.budgetId, processId: input.processId, process: { councilId: input.councilId } },
    select: {
      process: { select: { phase: true } },
      results: { orderBy: { computedAt: "desc" }, select: { publishedAt: true, explanation: true } },
    },
  });
  if (!budget) return err("not_found");
  if (budget.process.phase !== "results") return { ok: false, reason: "phase_locked", detail: { phase: budget.process.phase } };
  if (budget.results.some((r) => r.publishedAt)) return err("published");
  const data = await ballotsForCount(deps, input.budgetId, { councilId: input.councilId });
  if (!data.ok)
    return data.reason === "voting_not_closed" ? { ok: false, reason: "phase_locked", detail: { phase: budget.process.phase } } : err("not_found");

  const settings = settingsOf(data.value.settings);
  const countInput = countInputFrom(data.value);
  const counted = runCount(toElection(countInput, settings), settings);
  if (!counted.ok) {
    if (counted.reason === "tie") {
      const titles = new Map(countInput.projects.map((p) => [p.reference, p.title]));
      return {
        ok: false,
        reason: "tie",
        detail: { round: counted.detail.round, tied: counted.detail.tied.map((r) => ({ reference: r, title: titles.get(r) ?? r })) },
      };
    }
    return {
      ok: false,
      reason: "count_failed",
      detail: { reason: counted.reason, ...(counted.reason === "add1_limit" ? { steps: counted.detail.steps } : {}) },
    };
  }
  const { outcome, comparison } = counted.value;
  const idOf = new Map(data.value.projects.map((p) => [p.reference, p.id]));
  // An imported election keeps the currency it was held in; the product's own are in pounds.
  const currency = decodeResult(budget.results[0]?.explanation)?.currency ?? "GBP";
  const record = encodeResult({ currency, settings, projects: Object.fromEntries(idOf), outcome });
  const ballotCount = data.value.ballots.length;

  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) throw new Refusal(err("not_found"));
    if (locked.phase !== "results") throw new Refusal({ ok: false, reason: "phase_locked", detail: { phase: locked.phase as Phase } });
    if (await tx.budgetResult.findFirst({ where: { budgetId: input.budgetId, publishedAt: { not: null } }, select: { id: true } }))
      throw new Refusal(err("published"));
    // Paper ballots entered while the count ran would not be in it.
    if ((await tx.ballot.count({ where: { budgetId: input.budgetId } })) !== ballotCount) throw new Refusal(err("ballots_changed"));
    await tx.budgetResult.deleteMany({ where: { budgetId: input.budgetId, publishedAt: null } });
    const stored = await tx.budgetResult.create({
      data: {
        processId: input.processId,
        budgetId: input.budgetId,
        rule: pabulibRuleName(settings),
        ballotCount,
        selected: outcome.selected.map((r) => idOf.get(r)!),
        explanation: json(record),
        comparison: comparison ? json(encodeComparison(comparison)) : undefined,
        computedAt: deps.now(),
      },
      select: { id: true },
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.counted",
      subjectType: "ProcessBudget",
      subjectId: input.budgetId,
      data: {
        processId: input.processId,
        resultId: stored.id,
        rule: outcome.rule,
        tieBreak: outcome.tieBreak,
        ballotCount,
        selected: outcome.selected,
      },
    });
    return ok({ resultId: stored.id, ballotCount, selected: [...outcome.selected] });
  });
}

// ───────────────────────────── publishing ─────────────────────────────

export type PublishReason = "forbidden" | "not_found" | "phase_locked" | "not_counted" | "papers_pending" | "count_out_of_date" | "already_published";

/**
 * Publishes the latest count of every budget of a process at once, and marks each project that
 * was on the ballot selected or not selected. Refused unless every budget has been counted.
 * Audit: "budget.results_published".
 */
export async function publishResults(
  deps: Deps,
  actor: Actor | null,
  input: { councilId: string; processId: string },
): Promise<Result<{ publishedAt: Date; budgets: number }, PublishReason>> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  return transact(deps.prisma, async (tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) throw new Refusal(err("not_found"));
    const budgets = await tx.processBudget.findMany({
      where: { processId: input.processId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        name: true,
        results: { orderBy: { computedAt: "desc" }, take: 1, select: { id: true, publishedAt: true, selected: true, ballotCount: true } },
      },
    });
    if (budgets.some((b) => b.results[0]?.publishedAt)) throw new Refusal(err("already_published"));
    if (locked.phase !== "results") throw new Refusal(err("phase_locked", { phase: locked.phase }));
    const uncounted = budgets.filter((b) => !b.results[0]);
    if (budgets.length === 0 || uncounted.length > 0) throw new Refusal(err("not_counted", { budgets: uncounted.map((b) => b.name) }));
    // Paper ballots still being typed in or settled would be left out of the published result.
    const pending = await tx.paperBallotBatch.findMany({
      where: { processId: input.processId, status: { not: "reconciled" } },
      distinct: ["budgetId"],
      select: { budgetId: true },
    });
    if (pending.length > 0) {
      const names = budgets.filter((b) => pending.some((p) => p.budgetId === b.id)).map((b) => b.name);
      throw new Refusal(err("papers_pending", { budgets: names }));
    }
    // A paper batch settled after the count adds ballots the count has not seen.
    const stale: string[] = [];
    for (const b of budgets) {
      if ((await tx.ballot.count({ where: { budgetId: b.id } })) !== b.results[0]!.ballotCount) stale.push(b.name);
    }
    if (stale.length > 0) throw new Refusal(err("count_out_of_date", { budgets: stale }));
    const publishedAt = deps.now();
    for (const b of budgets) {
      const result = b.results[0]!;
      const selected = (result.selected as string[]).filter((id) => typeof id === "string");
      await tx.budgetResult.update({ where: { id: result.id }, data: { publishedAt } });
      await tx.project.updateMany({ where: { budgetId: b.id, status: "feasible", id: { in: selected } }, data: { status: "selected" } });
      await tx.project.updateMany({ where: { budgetId: b.id, status: "feasible", id: { notIn: selected } }, data: { status: "not_selected" } });
    }
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.results_published",
      subjectType: "BudgetProcess",
      subjectId: input.processId,
      data: { budgets: budgets.map((b) => ({ budgetId: b.id, resultId: b.results[0]!.id, selected: (b.results[0]!.selected as string[]).length })) },
    });
    return ok({ publishedAt, budgets: budgets.length });
  });
}

// ───────────────────────────── reading results ─────────────────────────────

export interface ResultView {
  id: string;
  computedAt: Date;
  publishedAt: Date | null;
  ballotCount: number;
  currency: string;
  settings: CountSettings;
  outcome: Outcome;
  comparison: Comparison | null;
}

export interface BudgetView {
  id: string;
  name: string;
  wardCode: string | null;
  amountPence: Pence;
  /** Projects that were on the ballot, by reference. */
  projects: { id: string; reference: string; title: string; costPence: Pence }[];
  ballots: { online: number; paper: number };
  /** The latest count (published only, on public pages); null when there is none. */
  result: ResultView | null;
}

export interface ProcessResultsView {
  process: {
    id: string;
    slug: string;
    title: string;
    titleCy: string | null;
    summary: string;
    phase: Phase;
    ballotType: CountSettings["ballotType"];
    votingOpenAt: Date | null;
    votingCloseAt: Date | null;
    importedFrom: string | null;
  };
  budgets: BudgetView[];
}

const CANDIDATE_STATUSES = ["feasible", "selected", "not_selected", "in_delivery", "delivered"] as const;

async function loadResults(deps: ReadDeps, councilId: string, slugOrId: string, publishedOnly: boolean): Promise<ProcessResultsView | null> {
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { councilId, OR: [{ slug: slugOrId }, { id: slugOrId }] },
    select: {
      id: true,
      slug: true,
      title: true,
      titleCy: true,
      summary: true,
      phase: true,
      ballotType: true,
      votingOpenAt: true,
      votingCloseAt: true,
      importedFrom: true,
      budgets: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          wardCode: true,
          amountPence: true,
          projects: { where: { status: { in: [...CANDIDATE_STATUSES] } }, select: { id: true, reference: true, title: true, costPence: true } },
          results: {
            where: publishedOnly ? { publishedAt: { not: null } } : {},
            orderBy: { computedAt: "desc" },
            take: 1,
            select: { id: true, computedAt: true, publishedAt: true, ballotCount: true, explanation: true, comparison: true },
          },
        },
      },
    },
  });
  if (!process) return null;
  const budgets: BudgetView[] = [];
  for (const b of process.budgets) {
    const channels = await deps.prisma.ballot.groupBy({ by: ["channel"], where: { budgetId: b.id }, _count: { _all: true } });
    const row = b.results[0];
    const record: ResultRecord | null = row ? decodeResult(row.explanation) : null;
    if (row && !record) throw new Error(`result ${row.id} is stored in a shape this version cannot read`);
    budgets.push({
      id: b.id,
      name: b.name,
      wardCode: b.wardCode,
      amountPence: b.amountPence,
      projects: [...b.projects].sort(byReference),
      ballots: {
        online: channels.find((c) => c.channel === "online")?._count._all ?? 0,
        paper: channels.find((c) => c.channel === "paper")?._count._all ?? 0,
      },
      result:
        row && record
          ? {
              id: row.id,
              computedAt: row.computedAt,
              publishedAt: row.publishedAt,
              ballotCount: row.ballotCount,
              currency: record.currency,
              settings: record.settings,
              outcome: record.outcome,
              comparison: decodeComparison(row.comparison),
            }
          : null,
    });
  }
  const { budgets: _rows, ...rest } = process;
  return { process: rest, budgets };
}

/**
 * The officer's view of a process's counts: the latest count of each budget, published or not.
 * Officers and admins of the council only.
 */
export async function getOfficerResults(
  deps: ReadDeps,
  actor: Actor | null,
  input: { councilId: string; slugOrId: string },
): Promise<Result<ProcessResultsView & { published: boolean }, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const view = await loadResults(deps, input.councilId, input.slugOrId, false);
  if (!view) return err("not_found");
  return ok({ ...view, published: view.budgets.length > 0 && view.budgets.every((b) => b.result?.publishedAt) });
}

export interface TurnoutView {
  /** Participation rows of the budget: people who voted (online, or on paper when recorded). */
  voters: number;
  wards: TurnoutTable;
  ages: TurnoutTable;
  deprivation: TurnoutTable;
  /** Ward code → name, for the ward table. */
  wardNames: Record<string, string>;
  /** The ward table drawn as a map; null when no ward of the budget has a boundary. */
  map: TurnoutMap | null;
}

/** View box of turnout maps (SVG units); wards are fitted inside it with a margin. */
export const TURNOUT_MAP_FRAME = { width: 600, height: 450, margin: 8 } as const;

export interface TurnoutMap {
  width: number;
  height: number;
  /** Each ward with a boundary, its path, and its cell of the (suppressed) ward table. */
  wards: { code: string; name: string; d: string; cell: ShownCell }[];
}

/** The map of a ward table: only cells already in the published (suppressed) table are used. */
function turnoutMap(wards: readonly { code: string; name: string; boundary: unknown }[], table: TurnoutTable): TurnoutMap | null {
  const cells = new Map(table.cells.map((c) => [c.key, c]));
  const drawable = wards.flatMap((w) => {
    const cell = cells.get(w.code);
    return cell && isAreaGeometry(w.boundary) ? [{ key: w.code, name: w.name, cell, geometry: w.boundary }] : [];
  });
  if (drawable.length === 0) return null;
  const paths = shapePaths(drawable, TURNOUT_MAP_FRAME);
  return {
    width: TURNOUT_MAP_FRAME.width,
    height: TURNOUT_MAP_FRAME.height,
    wards: drawable.map((w, i) => ({ code: w.key, name: w.name, d: paths[i]!.d, cell: w.cell })),
  };
}

export type PublishedBudget = Omit<BudgetView, "result"> & { result: ResultView; turnout: TurnoutView };

export type PublishedResults = Omit<ProcessResultsView, "budgets"> & {
  publishedAt: Date;
  budgets: PublishedBudget[];
};

async function turnoutFor(deps: ReadDeps, councilId: string, budget: { id: string; wardCode: string | null }): Promise<TurnoutView> {
  const where = { budgetId: budget.id };
  const [byWard, byAge, byDecile, wards] = await Promise.all([
    deps.prisma.participation.groupBy({ by: ["wardCode"], where, _count: { _all: true } }),
    deps.prisma.participation.groupBy({ by: ["ageBand"], where, _count: { _all: true } }),
    deps.prisma.participation.groupBy({ by: ["imdDecile"], where, _count: { _all: true } }),
    deps.prisma.area.findMany({
      where: { councilId, type: "ward", ...(budget.wardCode ? { code: budget.wardCode } : {}) },
      orderBy: { name: "asc" },
      select: { code: true, name: true, boundary: true },
    }),
  ]);
  const cells = <K>(rows: { key: K; count: number }[], keys: readonly K[], name: (k: K) => string) => {
    const known = new Set(keys);
    const counts = new Map<K, number>();
    let unknown = 0;
    for (const r of rows) {
      if (r.key !== null && known.has(r.key)) counts.set(r.key, (counts.get(r.key) ?? 0) + r.count);
      else unknown += r.count;
    }
    return [...keys.map((k) => ({ key: name(k), count: counts.get(k) ?? 0 })), { key: NOT_RECORDED, count: unknown }];
  };
  const ages = sortAgeBands(byAge.map((r) => r.ageBand).filter((a): a is string => a !== null));
  const wardTable = suppressTable(
    cells(
      byWard.map((r) => ({ key: r.wardCode, count: r._count._all })),
      wards.map((w) => w.code),
      (k) => k!,
    ),
  );
  return {
    voters: byWard.reduce((s, r) => s + r._count._all, 0),
    wards: wardTable,
    ages: suppressTable(
      cells(
        byAge.map((r) => ({ key: r.ageBand, count: r._count._all })),
        ages,
        (k) => k!,
      ),
    ),
    deprivation: suppressTable(
      cells(
        byDecile.map((r) => ({ key: r.imdDecile, count: r._count._all })),
        [...IMD_DECILES] as (number | null)[],
        (k) => String(k),
      ),
    ),
    wardNames: Object.fromEntries(wards.map((w) => [w.code, w.name])),
    map: turnoutMap(wards, wardTable),
  };
}

/**
 * The published results of a process, for anyone: every budget's published count with turnout
 * tables (suppressed). 'not_found' when the process is not this council's or nothing is published.
 */
export async function getPublishedResults(
  deps: ReadDeps,
  input: { councilId: string; slugOrId: string },
): Promise<Result<PublishedResults, "not_found">> {
  const view = await loadResults(deps, input.councilId, input.slugOrId, true);
  if (!view || view.budgets.length === 0 || view.budgets.some((b) => !b.result)) return err("not_found");
  const budgets: PublishedBudget[] = [];
  for (const b of view.budgets) budgets.push({ ...b, result: b.result!, turnout: await turnoutFor(deps, input.councilId, b) });
  const publishedAt = budgets.reduce(
    (latest, b) => (b.result.publishedAt! > latest ? b.result.publishedAt! : latest),
    budgets[0]!.result.publishedAt!,
  );
  return ok({ ...view, publishedAt, budgets });
}

// ───────────────────────────── open data ─────────────────────────────

export function pabulibFileName(processSlug: string, budgetName: string): string {
  const part = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "budget";
  return `${part(processSlug)}_${part(budgetName)}.pb`;
}

/** The JSON document of a process's published results (open-data.ts), or 'not_found'. */
export async function resultsOpenData(
  deps: ReadDeps,
  input: { councilId: string; council: { name: string; slug: string }; slugOrId: string },
): Promise<Result<OpenDataDocument, "not_found">> {
  const found = await getPublishedResults(deps, input);
  if (!found.ok) return found;
  const { process, budgets, publishedAt } = found.value;
  return ok(
    openDataDocument({
      council: input.council,
      process: { ...process, publishedAt },
      settings: budgets[0]!.result.settings,
      budgets: budgets.map((b) => ({
        id: b.id,
        name: b.name,
        wardCode: b.wardCode,
        amountPence: b.amountPence,
        currency: b.result.currency,
        ballots: { total: b.result.ballotCount, ...b.ballots },
        projects: b.projects,
        outcome: b.result.outcome,
        comparison: b.result.comparison,
        pabulibUrl: `/${input.council.slug}/budgets/${process.slug}/results/${b.id}.pb`,
      })),
    }),
  );
}

/**
 * One budget's published election as a pabulib `.pb` file: its candidates and anonymised ballots
 * (the same ballots the published count used), META complete, the official selection marked.
 */
export async function resultsPabulibFile(
  deps: ReadDeps,
  input: { councilId: string; councilName: string; slugOrId: string; budgetId: string },
): Promise<Result<{ fileName: string; text: string }, "not_found">> {
  const found = await getPublishedResults(deps, input);
  if (!found.ok) return found;
  const budget = found.value.budgets.find((b) => b.id === input.budgetId);
  if (!budget) return err("not_found");
  const data = await ballotsForCount(deps, budget.id, { councilId: input.councilId });
  if (!data.ok) return err("not_found");
  // The published count is the record; ballots cannot change after voting closes, so a
  // difference here means data was changed behind the application's back.
  if (data.value.ballots.length !== budget.result.ballotCount) throw new Error(`ballots of budget ${budget.id} changed after the published count`);
  const { settings } = budget.result;
  const process = await deps.prisma.budgetProcess.findUniqueOrThrow({
    where: { id: found.value.process.id },
    select: { minProjects: true, maxProjects: true, points: true, pointsPerProjectCap: true },
  });
  const election = pabulibElection({
    councilName: input.councilName,
    processTitle: found.value.process.title,
    budgetName: budget.name,
    currency: budget.result.currency,
    votingOpenAt: found.value.process.votingOpenAt,
    votingCloseAt: found.value.process.votingCloseAt,
    publishedAt: budget.result.publishedAt!,
    settings: { ...settings, ...process },
    count: countInputFrom(data.value),
    outcome: budget.result.outcome,
  });
  const written = writePabulib(election);
  if (!written.ok) throw new Error(`could not write the .pb file: ${written.detail.message}`);
  return ok({ fileName: pabulibFileName(found.value.process.slug, budget.name), text: written.value });
}
