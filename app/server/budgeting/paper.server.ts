// Paper ballots: officers type each polling place's papers twice — two different officers — and
// the papers become ballots only once the two entries agree or their differences are settled.
// Rules: app/domain/budgeting/paper.ts (reading lines, comparing entries, repeats, the phase).
//
// Invariants (app/server/budgeting/README.md), kept for paper as for online ballots:
// - One ballot per voter per budget, by the same UNIQUE (budgetId, voterKey): a paper with a
//   voting code gets the code's voter key (codeVoterKey), so a code already used online, or on an
//   earlier paper, cannot add a second ballot; a paper with an electoral-register number gets an
//   HMAC of that number under its own key purpose ("paper-register-number"). Papers that would
//   double a voter are not stored: the batch report lists them with the reason.
// - A voting code used on paper is spent exactly as online (usedAt set while its row is locked),
//   so a code voted on paper can no longer vote online.
// - Secrecy: neither codes nor register numbers are stored — an entry keeps the keyed hashes, the
//   last 4 characters of a code (to find the paper) and the choices, which is what Ballot rows
//   hold anyway. Participation rows (channel paper, no account, the budget's ward, the day only)
//   are written in bulk with random ids and no link to the ballots. Audit events say who typed
//   and reconciled what batch and how many papers, never a choice or an identifier.
// - Nothing is stored for a refused entry: every line is checked before the transaction starts,
//   and the phase and publication are checked again under the process lock.
// - Tenancy: every batch is reached through a process of the actor's council.
//
// Who may do what: any officer or administrator of the council (budgeting.manage) may type a
// first entry; the second entry must be typed by someone else ('same_officer'). Any of them —
// including the two who typed the entries — may settle the differences: each difference is
// decided by looking at the paper itself, both typings are kept on the batch, and the audit
// event names who settled it and how many differences went which way. Requiring a third officer
// would stop small councils, whose paper count is often run by two people, from using paper.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ballotConfigFor, type BallotConfig, type BallotType } from "~/domain/budgeting/ballot.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import {
  compareEntries,
  paperEntryRefusal,
  parsePaperBatch,
  parsePaperLine,
  readResolutionForm,
  resolveEntries,
  retypeField,
  splitRepeats,
  validateBatchDetails,
  type BatchProblem,
  type BatchReport,
  type DuplicateReason,
  type EnteredBallot,
  type EntryName,
  type FinalBallot,
  type LineProblem,
  type PaperFieldError,
  type PaperPhaseReason,
  type PaperProject,
  type PaperRules,
  type ParsedPaperBallot,
  type Resolution,
} from "~/domain/budgeting/paper.ts";
import type { Phase } from "~/domain/budgeting/process.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { Prisma } from "~/server/db/generated/client.ts";
import { codeVoterKey, normaliseVotingCode, votingCodeHash } from "./ballots.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { randomCrockford } from "~/server/random.server.ts";
import { budgetingHmac, canManage, lockProcess, ukDay, type BudgetingDeps } from "./support.server.ts";

export type PaperDeps = BudgetingDeps;

/** The voter key of a paper identified by an electoral-register number, in one budget. */
export function registerVoterKey(appSecret: string, budgetId: string, registerNumber: string): string {
  return budgetingHmac(appSecret, "paper-register-number", `${budgetId}\u0000register\u0000${registerNumber}`);
}

// The projects that were on the ballot: feasible at voting, or already marked by a count.
const CANDIDATE_STATUSES = ["feasible", "selected", "not_selected", "in_delivery", "delivered"] as const;

export type PaperUseCaseReason =
  | "forbidden"
  | "not_found"
  | "invalid"
  | PaperPhaseReason
  | "same_officer"
  | "already_entered"
  | "not_awaiting_reconciliation"
  | "invalid_ballot_settings"
  | "busy";

/** Everything the page needs to word what was wrong with the form. */
export interface PaperInvalidDetail {
  fieldErrors: Record<string, PaperFieldError>;
  batch: BatchProblem | null;
  lines: LineProblem[];
  /** Problems of a paper typed again while settling differences, by the form field ("retype-2"). */
  retyped: Record<string, LineProblem>;
  ballotType: BallotType;
  /** Project id → reference, to name projects in the messages. */
  references: Record<string, string>;
}

type PaperFailure = { ok: false; reason: Exclude<PaperUseCaseReason, "invalid"> } | { ok: false; reason: "invalid"; detail: PaperInvalidDetail };

function refuse(reason: Exclude<PaperUseCaseReason, "invalid">): never {
  throw new Refusal(err(reason));
}

const processWhere = (councilId: string, ref: string) => ({ councilId, OR: [{ slug: ref }, { id: ref }] });

const BALLOT_SETTINGS = {
  ballotType: true,
  minProjects: true,
  maxProjects: true,
  points: true,
  pointsPerProjectCap: true,
  rankCount: true,
} as const;

// ───────────────────────────── stored entries ─────────────────────────────

const enteredBallot = z.object({
  line: z.number().int().positive(),
  kind: z.enum(["code", "register"]),
  key: z.string().min(1),
  codeHash: z.string().nullable(),
  hint: z.string().nullable(),
  choices: z.array(z.object({ projectId: z.string(), value: z.number().int() })),
});
const storedEntry = z.object({ ballots: z.array(enteredBallot) });

/** An entry as stored on the batch; anything else means the row was changed behind the application's back. */
function readEntry(json: unknown): EnteredBallot[] {
  return storedEntry.parse(json).ballots;
}

function entryJson(ballots: readonly EnteredBallot[]): Prisma.InputJsonValue {
  return { ballots: ballots.map((b) => ({ ...b, choices: b.choices.map((c) => ({ ...c })) })) };
}

// ───────────────────────────── shared steps ─────────────────────────────

interface BudgetFacts {
  id: string;
  name: string;
  wardCode: string | null;
  amountPence: Pence;
}

interface Setting {
  config: BallotConfig;
  projects: PaperProject[];
  references: Record<string, string>;
}

async function ballotSetting(
  deps: PaperDeps,
  processId: string,
  settings: Parameters<typeof ballotConfigFor>[0],
  budget: BudgetFacts,
): Promise<Setting | null> {
  const config = ballotConfigFor(settings, budget);
  if (!config.ok) return null;
  const projects = await deps.prisma.project.findMany({
    where: { processId, budgetId: budget.id, status: { in: [...CANDIDATE_STATUSES] } },
    select: { id: true, reference: true, budgetId: true, costPence: true },
  });
  return { config: config.value, projects, references: Object.fromEntries(projects.map((p) => [p.id, p.reference])) };
}

function rulesFor(setting: Setting): PaperRules {
  return { config: setting.config, projects: setting.projects, normaliseCode: normaliseVotingCode };
}

async function isPublished(db: Tx | PaperDeps["prisma"], budgetId: string): Promise<boolean> {
  return (await db.budgetResult.count({ where: { budgetId, publishedAt: { not: null } } })) > 0;
}

/**
 * Turns read papers into stored entries: keyed hashes instead of identifiers. Codes must have
 * been issued for this process (a typing slip in a 12-character code almost always gives a code
 * that does not exist — caught here, at the line, rather than as a puzzling duplicate later).
 */
async function toEntered(
  deps: PaperDeps,
  processId: string,
  budgetId: string,
  papers: readonly ParsedPaperBallot[],
): Promise<{ entered: EnteredBallot[]; unknownCodeLines: number[] }> {
  const secret = deps.config.appSecret;
  const entered = papers.map((p): EnteredBallot => {
    if (p.identifier.kind === "code") {
      const code = p.identifier.code;
      return {
        line: p.line,
        kind: "code",
        key: codeVoterKey(secret, budgetId, code),
        codeHash: votingCodeHash(secret, code),
        hint: code.slice(-4),
        choices: p.choices,
      };
    }
    return { line: p.line, kind: "register", key: registerVoterKey(secret, budgetId, p.identifier.number), codeHash: null, hint: null, choices: p.choices };
  });
  const hashes = [...new Set(entered.flatMap((e) => (e.codeHash ? [e.codeHash] : [])))];
  const known = new Set(
    hashes.length === 0
      ? []
      : (await deps.prisma.votingCode.findMany({ where: { processId, codeHash: { in: hashes } }, select: { codeHash: true } })).map((c) => c.codeHash),
  );
  const unknownCodeLines = entered.filter((e) => e.codeHash !== null && !known.has(e.codeHash)).map((e) => e.line);
  return { entered, unknownCodeLines };
}

function invalid(detail: Partial<PaperInvalidDetail> & Pick<PaperInvalidDetail, "ballotType" | "references">): PaperFailure {
  return { ok: false, reason: "invalid", detail: { fieldErrors: {}, batch: null, lines: [], retyped: {}, ...detail } };
}

/** Reads a typed batch and resolves its identifiers, or says what is wrong with which line. */
async function readBatch(
  deps: PaperDeps,
  processId: string,
  budgetId: string,
  setting: Setting,
  text: unknown,
): Promise<{ ok: true; value: EnteredBallot[] } | { ok: false; batch: BatchProblem | null; lines: LineProblem[] }> {
  const parsed = parsePaperBatch(typeof text === "string" ? text : "", rulesFor(setting));
  if (!parsed.ok) return { ok: false, ...parsed.detail };
  const { entered, unknownCodeLines } = await toEntered(deps, processId, budgetId, parsed.value);
  if (unknownCodeLines.length > 0) return { ok: false, batch: null, lines: unknownCodeLines.map((line) => ({ line, problem: { reason: "unknown_code" } })) };
  return { ok: true, value: entered };
}

// ───────────────────────────── first entry ─────────────────────────────

export interface FirstEntryInput {
  councilId: string;
  /** The process's slug or id. */
  process: string;
  pollingPlace: unknown;
  budgetId: unknown;
  /** The papers as typed: one per line (paper.ts). */
  ballots: unknown;
}

/**
 * The first entry of a batch: one polling place's papers for one budget. Every line is checked
 * against the ballot rules before anything is stored. Audit: "paper.batch_entered".
 */
export async function enterPaperBatch(
  deps: PaperDeps,
  actor: Actor | null,
  input: FirstEntryInput,
): Promise<{ ok: true; value: { batchId: string; papers: number } } | PaperFailure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: processWhere(input.councilId, input.process),
    select: { id: true, phase: true, ...BALLOT_SETTINGS, budgets: { orderBy: { position: "asc" }, select: { id: true, name: true, wardCode: true, amountPence: true } } },
  });
  if (!process) return err("not_found");
  // Before voting, or once delivery has started, no budget takes papers: say so before the form.
  const early = paperEntryRefusal(process.phase as Phase, false);
  if (early) return err(early);
  const details = validateBatchDetails(input, process.budgets.map((b) => b.id));
  const budget = process.budgets.find((b) => b.id === details.budgetId);
  if (!budget) return invalid({ fieldErrors: details.fieldErrors, ballotType: process.ballotType, references: {} });
  const setting = await ballotSetting(deps, process.id, process, budget);
  if (!setting) return err("invalid_ballot_settings");
  const read = await readBatch(deps, process.id, budget.id, setting, input.ballots);
  if (!read.ok || !details.pollingPlace)
    return invalid({
      fieldErrors: details.fieldErrors,
      batch: read.ok ? null : read.batch,
      lines: read.ok ? [] : read.lines,
      ballotType: process.ballotType,
      references: setting.references,
    });
  if (await isPublished(deps.prisma, budget.id)) return err("results_published");

  const pollingPlace = details.pollingPlace;
  return transact<{ ok: true; value: { batchId: string; papers: number } }, PaperFailure>(
    deps.prisma,
    async (tx) => {
      const locked = await lockProcess(tx, input.councilId, process.id, "share");
      if (!locked) refuse("not_found");
      const refusal = paperEntryRefusal(locked.phase as Phase, await isPublished(tx, budget.id));
      if (refusal) refuse(refusal);
      const batch = await tx.paperBallotBatch.create({
        data: {
          processId: process.id,
          budgetId: budget.id,
          pollingPlace,
          firstEntryById: actor.account.id,
          status: "first_entry",
          firstEntry: entryJson(read.value),
          createdAt: deps.now(),
        },
        select: { id: true },
      });
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "paper.batch_entered",
        subjectType: "PaperBallotBatch",
        subjectId: batch.id,
        data: { processId: process.id, budgetId: budget.id, pollingPlace, papers: read.value.length },
      });
      return ok({ batchId: batch.id, papers: read.value.length });
    },
    { onExhausted: () => err("busy") },
  );
}

// ───────────────────────────── loading a batch ─────────────────────────────

async function loadBatch(deps: PaperDeps, councilId: string, processRef: string, batchId: string) {
  return deps.prisma.paperBallotBatch.findFirst({
    where: { id: batchId, process: processWhere(councilId, processRef) },
    select: {
      id: true,
      status: true,
      pollingPlace: true,
      firstEntryById: true,
      secondEntryById: true,
      firstEntry: true,
      secondEntry: true,
      createdAt: true,
      reconciledAt: true,
      budget: { select: { id: true, name: true, wardCode: true, amountPence: true } },
      process: { select: { id: true, slug: true, title: true, phase: true, ...BALLOT_SETTINGS } },
    },
  });
}

type LoadedBatch = NonNullable<Awaited<ReturnType<typeof loadBatch>>>;

// ───────────────────────────── writing the ballots ─────────────────────────────

/** "PB-7K3Q-9XD2": the same form as an online ballot's reference, so it does not reveal the channel. */
function newBallotReference(): string {
  return `PB-${randomCrockford(4)}-${randomCrockford(4)}`;
}

/**
 * Stores the settled papers of a batch as ballots, inside the caller's transaction, and returns
 * the report. Set-based, so a full box of papers is a handful of statements, not thousands.
 */
async function storeBallots(
  tx: Tx,
  batch: Pick<LoadedBatch, "id" | "createdAt" | "budget" | "process">,
  papers: readonly FinalBallot[],
  resolved: Record<EntryName, number>,
): Promise<BatchReport> {
  const duplicates: BatchReport["duplicates"] = [];
  const noteDuplicate = (p: FinalBallot, reason: DuplicateReason) => duplicates.push({ entry: p.entry, line: p.line, kind: p.kind, hint: p.hint, reason });
  const { unique, repeats } = splitRepeats(papers);
  for (const p of repeats) noteDuplicate(p, "repeated_in_batch");
  // The day of the first entry (the polling day or just after), never a time: see Participation.
  const day = ukDay(batch.createdAt);
  const processId = batch.process.id;
  const budgetId = batch.budget.id;

  // Voting codes: lock their rows, so an online vote with the same code waits for this
  // transaction and then finds the code used; spend the unused ones.
  const hashes = unique.flatMap((p) => (p.codeHash ? [p.codeHash] : []));
  const usedCodes = new Set<string>();
  if (hashes.length > 0) {
    const rows = await tx.$queryRaw<{ codeHash: string; used: boolean }[]>`
      SELECT "codeHash", "usedAt" IS NOT NULL AS "used" FROM "VotingCode"
      WHERE "processId" = ${processId} AND "codeHash" IN (${Prisma.join(hashes)}) FOR UPDATE`;
    for (const r of rows) if (r.used) usedCodes.add(r.codeHash);
    const fresh = hashes.filter((h) => !usedCodes.has(h));
    if (fresh.length > 0) await tx.votingCode.updateMany({ where: { processId, codeHash: { in: fresh }, usedAt: null }, data: { usedAt: day } });
  }
  let pending = unique.filter((p) => {
    if (p.codeHash && usedCodes.has(p.codeHash)) {
      noteDuplicate(p, "code_used");
      return false;
    }
    return true;
  });

  const stored: { id: string; paper: FinalBallot }[] = [];
  // ON CONFLICT DO NOTHING, as online: a voter key already in the budget inserts nothing. A skipped
  // row is a duplicate voter — or, very rarely, a reference that collided, which gets a new one.
  for (let round = 0; pending.length > 0; round++) {
    if (round >= 4) throw new Error("could not find free ballot references");
    const rows = pending.map((paper) => ({ id: randomUUID(), paper, reference: newBallotReference() }));
    await tx.ballot.createMany({
      data: rows.map((r) => ({
        id: r.id,
        processId,
        budgetId,
        voterKey: r.paper.key,
        reference: r.reference,
        channel: "paper" as const,
        paperBatchId: batch.id,
        castAt: day,
      })),
      skipDuplicates: true,
    });
    const inserted = new Set((await tx.ballot.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: { id: true } })).map((b) => b.id));
    const skipped = rows.filter((r) => !inserted.has(r.id));
    const taken = new Set(
      skipped.length === 0
        ? []
        : (await tx.ballot.findMany({ where: { budgetId, voterKey: { in: skipped.map((r) => r.paper.key) } }, select: { voterKey: true } })).map((b) => b.voterKey),
    );
    for (const r of rows) if (inserted.has(r.id)) stored.push({ id: r.id, paper: r.paper });
    for (const r of skipped) if (taken.has(r.paper.key)) noteDuplicate(r.paper, r.paper.kind === "code" ? "code_used" : "already_voted");
    pending = skipped.filter((r) => !taken.has(r.paper.key)).map((r) => r.paper);
  }

  if (stored.length > 0) {
    await tx.ballotChoice.createMany({ data: stored.flatMap((s) => s.paper.choices.map((c) => ({ ballotId: s.id, projectId: c.projectId, value: c.value }))) });
    // Who took part, never how: one row per counted paper, no account, no link to the ballots.
    await tx.participation.createMany({
      data: stored.map(() => ({ id: randomUUID(), processId, budgetId, accountId: null, channel: "paper" as const, wardCode: batch.budget.wardCode, votedOn: day })),
    });
  }
  duplicates.sort((a, b) => a.line - b.line);
  return { stored: stored.length, duplicates, resolved };
}

async function reconcileIn(
  tx: Tx,
  deps: PaperDeps,
  actor: Actor,
  councilId: string,
  batch: Pick<LoadedBatch, "id" | "createdAt" | "budget" | "process">,
  papers: readonly FinalBallot[],
  resolved: Record<EntryName, number>,
  automatic: boolean,
): Promise<BatchReport> {
  const report = await storeBallots(tx, batch, papers, resolved);
  await audit(tx, deps, {
    councilId,
    actorId: actor.account.id,
    action: "paper.batch_reconciled",
    subjectType: "PaperBallotBatch",
    subjectId: batch.id,
    // The report: counts, line numbers and reasons — never a choice or an identifier.
    data: { processId: batch.process.id, budgetId: batch.budget.id, automatic, report },
  });
  return report;
}

// ───────────────────────────── second entry ─────────────────────────────

export type SecondEntryOutcome =
  | { status: "reconciled"; report: BatchReport }
  | { status: "second_entry"; differences: number };

/**
 * The second entry of a batch, by a different officer. Identical to the first: the papers are
 * stored at once. Otherwise the batch waits for its differences to be settled. Audit:
 * "paper.batch_second_entry" (and "paper.batch_reconciled" when identical).
 */
export async function enterSecondPaperEntry(
  deps: PaperDeps,
  actor: Actor | null,
  input: { councilId: string; process: string; batchId: string; ballots: unknown },
): Promise<{ ok: true; value: SecondEntryOutcome } | PaperFailure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const batch = await loadBatch(deps, input.councilId, input.process, input.batchId);
  if (!batch) return err("not_found");
  if (batch.status !== "first_entry") return err("already_entered");
  if (batch.firstEntryById === actor.account.id) return err("same_officer");
  const phaseRefusal = paperEntryRefusal(batch.process.phase as Phase, await isPublished(deps.prisma, batch.budget.id));
  if (phaseRefusal) return err(phaseRefusal);
  const setting = await ballotSetting(deps, batch.process.id, batch.process, batch.budget);
  if (!setting) return err("invalid_ballot_settings");
  const read = await readBatch(deps, batch.process.id, batch.budget.id, setting, input.ballots);
  if (!read.ok) return invalid({ batch: read.batch, lines: read.lines, ballotType: batch.process.ballotType, references: setting.references });

  const second = read.value;
  const comparison = compareEntries(readEntry(batch.firstEntry), second);
  return transact<{ ok: true; value: SecondEntryOutcome }, PaperFailure>(
    deps.prisma,
    async (tx) => {
      const locked = await lockProcess(tx, input.councilId, batch.process.id, "share");
      if (!locked) refuse("not_found");
      const refusal = paperEntryRefusal(locked.phase as Phase, await isPublished(tx, batch.budget.id));
      if (refusal) refuse(refusal);
      const agreed = comparison.differences.length === 0;
      // Two officers sending a second entry at once: only one moves the batch on.
      const moved = await tx.paperBallotBatch.updateMany({
        where: { id: batch.id, status: "first_entry", secondEntryById: null },
        data: {
          status: agreed ? "reconciled" : "second_entry",
          secondEntryById: actor.account.id,
          secondEntry: entryJson(second),
          reconciledAt: agreed ? deps.now() : null,
        },
      });
      if (moved.count !== 1) refuse("already_entered");
      await audit(tx, deps, {
        councilId: input.councilId,
        actorId: actor.account.id,
        action: "paper.batch_second_entry",
        subjectType: "PaperBallotBatch",
        subjectId: batch.id,
        data: { processId: batch.process.id, budgetId: batch.budget.id, papers: second.length, differences: comparison.differences.length },
      });
      if (!agreed) return ok({ status: "second_entry" as const, differences: comparison.differences.length });
      const papers = resolveEntries(comparison, []);
      const report = await reconcileIn(tx, deps, actor, input.councilId, batch, papers, { first: 0, second: 0, retyped: 0 }, true);
      return ok({ status: "reconciled" as const, report });
    },
    { onExhausted: () => err("busy") },
  );
}

// ───────────────────────────── settling differences ─────────────────────────────

/**
 * Settles every difference of a batch — per difference, the first entry, the second entry, or the
 * paper typed again — and stores the papers as ballots, in one transaction. `form` is the posted
 * reconcile form (`resolution-0`, `retype-0`, …; paper.ts readResolutionForm). Audit:
 * "paper.batch_reconciled" with the report and how many differences went which way.
 */
export async function reconcilePaperBatch(
  deps: PaperDeps,
  actor: Actor | null,
  input: { councilId: string; process: string; batchId: string; form: Readonly<Record<string, string | undefined>> },
): Promise<{ ok: true; value: BatchReport } | PaperFailure> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const batch = await loadBatch(deps, input.councilId, input.process, input.batchId);
  if (!batch) return err("not_found");
  if (batch.status !== "second_entry" || batch.secondEntry === null) return err("not_awaiting_reconciliation");
  const phaseRefusal = paperEntryRefusal(batch.process.phase as Phase, await isPublished(deps.prisma, batch.budget.id));
  if (phaseRefusal) return err(phaseRefusal);
  const setting = await ballotSetting(deps, batch.process.id, batch.process, batch.budget);
  if (!setting) return err("invalid_ballot_settings");

  const comparison = compareEntries(readEntry(batch.firstEntry), readEntry(batch.secondEntry));
  const { choices, fieldErrors } = readResolutionForm(input.form, comparison.differences.length);
  const retyped: Record<string, LineProblem> = {};
  const resolutions: (Resolution | null)[] = [];
  for (const [i, choice] of choices.entries()) {
    if (choice === null) {
      resolutions.push(null);
      continue;
    }
    if (choice.take !== "retype") {
      resolutions.push(choice);
      continue;
    }
    const d = comparison.differences[i]!;
    const line = d.first?.line ?? d.second!.line;
    const read = parsePaperLine(choice.text, line, rulesFor(setting));
    if (!read.ok) {
      retyped[retypeField(i)] = { line, problem: read.problem };
      resolutions.push(null);
      continue;
    }
    const { entered, unknownCodeLines } = await toEntered(deps, batch.process.id, batch.budget.id, [read.value]);
    if (unknownCodeLines.length > 0) {
      retyped[retypeField(i)] = { line, problem: { reason: "unknown_code" } };
      resolutions.push(null);
      continue;
    }
    resolutions.push({ take: "retyped", ballot: entered[0]! });
  }
  if (Object.keys(fieldErrors).length > 0 || Object.keys(retyped).length > 0)
    return invalid({ fieldErrors, retyped, ballotType: batch.process.ballotType, references: setting.references });

  const settled = resolutions as Resolution[];
  const resolved: Record<EntryName, number> = { first: 0, second: 0, retyped: 0 };
  for (const r of settled) resolved[r.take]++;
  const papers = resolveEntries(comparison, settled);
  return transact<{ ok: true; value: BatchReport }, PaperFailure>(
    deps.prisma,
    async (tx) => {
      const locked = await lockProcess(tx, input.councilId, batch.process.id, "share");
      if (!locked) refuse("not_found");
      const refusal = paperEntryRefusal(locked.phase as Phase, await isPublished(tx, batch.budget.id));
      if (refusal) refuse(refusal);
      const moved = await tx.paperBallotBatch.updateMany({
        where: { id: batch.id, status: "second_entry" },
        data: { status: "reconciled", reconciledAt: deps.now() },
      });
      if (moved.count !== 1) refuse("not_awaiting_reconciliation");
      return ok(await reconcileIn(tx, deps, actor, input.councilId, batch, papers, resolved, false));
    },
    { onExhausted: () => err("busy") },
  );
}

// ───────────────────────────── reads ─────────────────────────────

async function staffNames(deps: PaperDeps, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await deps.prisma.account.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true, email: true } });
  return new Map(rows.map((a) => [a.id, a.displayName ?? a.email]));
}

export interface PaperBatchSummary {
  id: string;
  pollingPlace: string;
  budgetName: string;
  status: "first_entry" | "second_entry" | "reconciled";
  papers: number;
  /** Ballots stored from this batch (reconciled batches only). */
  counted: number;
  firstEntryBy: string;
  firstEntryAt: Date;
  secondEntryBy: string | null;
  reconciledAt: Date | null;
}

export interface PaperOverview {
  process: { id: string; slug: string; title: string; phase: Phase; ballotType: BallotType };
  /** Why no papers can be entered now (for every budget), or null. */
  entryRefusal: PaperPhaseReason | null;
  batches: PaperBatchSummary[];
}

/** The batches of a process, newest first, for the paper ballots page. */
export async function paperOverview(
  deps: PaperDeps,
  actor: Actor | null,
  input: { councilId: string; process: string },
): Promise<Result<PaperOverview, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: processWhere(input.councilId, input.process),
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      ballotType: true,
      budgets: { select: { id: true } },
      results: { where: { publishedAt: { not: null } }, select: { budgetId: true } },
      paperBatches: {
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
        select: {
          id: true,
          pollingPlace: true,
          status: true,
          firstEntryById: true,
          secondEntryById: true,
          firstEntry: true,
          createdAt: true,
          reconciledAt: true,
          budget: { select: { name: true } },
          _count: { select: { ballots: true } },
        },
      },
    },
  });
  if (!process) return err("not_found");
  const published = new Set(process.results.map((r) => r.budgetId));
  const refusals = process.budgets.map((b) => paperEntryRefusal(process.phase as Phase, published.has(b.id)));
  const names = await staffNames(deps, process.paperBatches.flatMap((b) => [b.firstEntryById, b.secondEntryById]));
  return ok({
    process: { id: process.id, slug: process.slug, title: process.title, phase: process.phase as Phase, ballotType: process.ballotType },
    entryRefusal: refusals.includes(null) ? null : (refusals[0] ?? "voting_not_open"),
    batches: process.paperBatches.map((b) => ({
      id: b.id,
      pollingPlace: b.pollingPlace,
      budgetName: b.budget.name,
      status: b.status,
      papers: readEntry(b.firstEntry).length,
      counted: b._count.ballots,
      firstEntryBy: names.get(b.firstEntryById) ?? "",
      firstEntryAt: b.createdAt,
      secondEntryBy: b.secondEntryById ? (names.get(b.secondEntryById) ?? "") : null,
      reconciledAt: b.reconciledAt,
    })),
  });
}

export interface PaperFormBudget {
  id: string;
  name: string;
  amountPence: Pence;
  /** Why this budget takes no papers now, or null. */
  refusal: PaperPhaseReason | null;
  projects: { reference: string; title: string; costPence: Pence }[];
}

export interface PaperEntryForm {
  process: { id: string; slug: string; title: string; phase: Phase };
  ballot: { type: BallotType; minProjects: number; maxProjects: number | null; points: number | null; pointsPerProjectCap: number | null; rankCount: number | null };
  budgets: PaperFormBudget[];
}

/** What the first-entry page shows: the ballot's rules and each budget's projects by reference. */
export async function paperEntryForm(
  deps: PaperDeps,
  actor: Actor | null,
  input: { councilId: string; process: string },
): Promise<Result<PaperEntryForm, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const process = await deps.prisma.budgetProcess.findFirst({
    where: processWhere(input.councilId, input.process),
    select: {
      id: true,
      slug: true,
      title: true,
      phase: true,
      ...BALLOT_SETTINGS,
      results: { where: { publishedAt: { not: null } }, select: { budgetId: true } },
      budgets: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          amountPence: true,
          projects: { where: { status: { in: [...CANDIDATE_STATUSES] } }, select: { reference: true, title: true, costPence: true } },
        },
      },
    },
  });
  if (!process) return err("not_found");
  const published = new Set(process.results.map((r) => r.budgetId));
  const { ballotType, minProjects, maxProjects, points, pointsPerProjectCap, rankCount } = process;
  return ok({
    process: { id: process.id, slug: process.slug, title: process.title, phase: process.phase as Phase },
    ballot: { type: ballotType, minProjects, maxProjects, points, pointsPerProjectCap, rankCount },
    budgets: process.budgets.map((b) => ({
      id: b.id,
      name: b.name,
      amountPence: b.amountPence,
      refusal: paperEntryRefusal(process.phase as Phase, published.has(b.id)),
      projects: [...b.projects].sort((x, y) => x.reference.localeCompare(y.reference, "en", { numeric: true })),
    })),
  });
}

export interface DifferenceSide {
  line: number;
  hint: string | null;
  kind: "code" | "register";
  choices: { reference: string; title: string; value: number }[];
}

export interface PaperBatchView {
  process: { id: string; slug: string; title: string; phase: Phase; ballot: PaperEntryForm["ballot"] };
  batch: PaperBatchSummary & { budgetId: string; budgetAmountPence: Pence; secondPapers: number | null };
  /** The projects this batch's papers can name. */
  projects: { reference: string; title: string; costPence: Pence }[];
  /** The actor typed the first entry (and so may not type the second). */
  typedFirst: boolean;
  entryRefusal: PaperPhaseReason | null;
  /** While waiting to be settled: each difference with both typings. */
  differences: { index: number; first: DifferenceSide | null; second: DifferenceSide | null }[];
  /** Once reconciled: what was stored and what was not, with reasons. */
  report: BatchReport | null;
}

const reportSchema = z.object({
  stored: z.number(),
  duplicates: z.array(
    z.object({
      entry: z.enum(["first", "second", "retyped"]),
      line: z.number(),
      kind: z.enum(["code", "register"]),
      hint: z.string().nullable(),
      reason: z.enum(["repeated_in_batch", "code_used", "already_voted"]),
    }),
  ),
  resolved: z.object({ first: z.number(), second: z.number(), retyped: z.number() }),
});

/** One batch: its entries, its differences while they wait, its report once reconciled. */
export async function getPaperBatch(
  deps: PaperDeps,
  actor: Actor | null,
  input: { councilId: string; process: string; batchId: string },
): Promise<Result<PaperBatchView, "forbidden" | "not_found">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  const batch = await loadBatch(deps, input.councilId, input.process, input.batchId);
  if (!batch) return err("not_found");
  const first = readEntry(batch.firstEntry);
  const second = batch.secondEntry === null ? null : readEntry(batch.secondEntry);
  const names = await staffNames(deps, [batch.firstEntryById, batch.secondEntryById]);
  const counted = await deps.prisma.ballot.count({ where: { paperBatchId: batch.id } });

  const projects = (
    await deps.prisma.project.findMany({
      where: { budgetId: batch.budget.id, status: { in: [...CANDIDATE_STATUSES] } },
      select: { id: true, reference: true, title: true, costPence: true },
    })
  ).sort((x, y) => x.reference.localeCompare(y.reference, "en", { numeric: true }));
  let differences: PaperBatchView["differences"] = [];
  if (batch.status === "second_entry" && second) {
    const byId = new Map(projects.map((p) => [p.id, p]));
    const side = (b: EnteredBallot | null): DifferenceSide | null =>
      b && {
        line: b.line,
        hint: b.hint,
        kind: b.kind,
        choices: b.choices.map((c) => ({ reference: byId.get(c.projectId)?.reference ?? "?", title: byId.get(c.projectId)?.title ?? "", value: c.value })),
      };
    differences = compareEntries(first, second).differences.map((d) => ({ index: d.index, first: side(d.first), second: side(d.second) }));
  }

  let report: BatchReport | null = null;
  if (batch.status === "reconciled") {
    const event = await deps.prisma.auditEvent.findFirst({
      where: { councilId: input.councilId, action: "paper.batch_reconciled", subjectType: "PaperBallotBatch", subjectId: batch.id },
      orderBy: { createdAt: "desc" },
      select: { data: true },
    });
    const parsed = reportSchema.safeParse((event?.data as { report?: unknown } | null)?.report);
    report = parsed.success ? parsed.data : null;
  }

  return ok({
    process: {
      id: batch.process.id,
      slug: batch.process.slug,
      title: batch.process.title,
      phase: batch.process.phase as Phase,
      ballot: {
        type: batch.process.ballotType,
        minProjects: batch.process.minProjects,
        maxProjects: batch.process.maxProjects,
        points: batch.process.points,
        pointsPerProjectCap: batch.process.pointsPerProjectCap,
        rankCount: batch.process.rankCount,
      },
    },
    projects: projects.map(({ reference, title, costPence }) => ({ reference, title, costPence })),
    batch: {
      id: batch.id,
      pollingPlace: batch.pollingPlace,
      budgetId: batch.budget.id,
      budgetAmountPence: batch.budget.amountPence,
      budgetName: batch.budget.name,
      status: batch.status,
      papers: first.length,
      secondPapers: second?.length ?? null,
      counted,
      firstEntryBy: names.get(batch.firstEntryById) ?? "",
      firstEntryAt: batch.createdAt,
      secondEntryBy: batch.secondEntryById ? (names.get(batch.secondEntryById) ?? "") : null,
      reconciledAt: batch.reconciledAt,
    },
    typedFirst: batch.firstEntryById === actor.account.id,
    entryRefusal: paperEntryRefusal(batch.process.phase as Phase, await isPublished(deps.prisma, batch.budget.id)),
    differences,
    report,
  });
}

/**
 * Batches of a process not yet reconciled, per budget: papers typed but not yet counted. For the
 * count and its publication, which should not go ahead while any are outstanding.
 */
export async function unreconciledPaperBatches(
  deps: Pick<PaperDeps, "prisma">,
  input: { councilId: string; processId: string },
): Promise<{ budgetId: string; batches: number }[]> {
  const rows = await deps.prisma.paperBallotBatch.groupBy({
    by: ["budgetId"],
    where: { processId: input.processId, process: { councilId: input.councilId }, status: { not: "reconciled" } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ budgetId: r.budgetId, batches: r._count._all }));
}
