// Casting ballots so that none is lost and none is doubled, and reading them back for the voter
// and for the count. Rules: app/domain/budgeting/ballot.ts. Evidence for the design:
// ../shared/reference/security-reliability.md §4 and §7 — Decidim #873 / #12553 and CONSUL
// #2415 / #4061 / #5532 raced application-level "one vote" checks; the defence is a database
// UNIQUE constraint plus a transaction, and duplicates answered idempotently, never with a 500.
//
// Invariants
// - One ballot per voter per budget: UNIQUE (budgetId, voterKey) on Ballot. The insert is an
//   `INSERT … ON CONFLICT DO NOTHING`: a concurrent identical submission waits for the first to
//   commit, inserts nothing, then finds and locks the winner's row (SELECT … FOR UPDATE) and
//   answers with the same reference. Transient database conflicts retry the whole transaction.
// - Secrecy (DESIGN.md "Ballot secrecy"): a Ballot holds voterKey = HMAC-SHA-256 of the budget
//   and the account (or voting code) under a key derived from APP_SECRET — never an account id.
//   Participation says who took part, with no column pointing at the Ballot. Both carry the day
//   only (Ballot.castAt is set to the UK calendar day), so cast times cannot pair them up.
//   No audit event is written for a vote: the audit log names its actor.
// - Nothing is stored for a refused ballot, a closed process, or a used/invalid code: every
//   check runs inside the transaction before the first write, or rolls it back.
// - The process row is SHARE-locked while a ballot is cast; closing voting takes an UPDATE lock
//   on it, so the close waits for ballots in flight and no ballot lands after it.
// - Re-voting: the latest ballot counts (a coercion mitigation used by Open Active Voting,
//   security-reliability.md §4). A change replaces the choices and bumps `revision`; a submission
//   from a stale tab (expectedRevision below the stored revision) is 'stale_ballot'.
//
// Eligibility: account voting needs a resident membership of the council ("participate");
// voting-code processes need a valid unused code and no account. Postcode: when the process
// requires one, the voter states it on the ballot form and it must be a postcode of the
// council (Postcode table, ONS Postcode Directory) — and of the budget's ward for a ward
// budget. Age: accounts hold no date of birth, so a minimum age is a declaration on the form
// (`ageConfirmed`), as at most UK PB events; verifying it against a register is a TODO.
import { isAgeBand } from "~/domain/budgeting/turnout.ts";
import { randomUUID } from "node:crypto";
import { ballotConfigFor, checkBallot, sameChoices, type BallotChoiceInput, type BallotReason } from "~/domain/budgeting/ballot.ts";
import { receiptEmail } from "~/domain/budgeting/ballot-messages.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import { canIssueVotingCodes } from "~/domain/budgeting/process.ts";
import { can } from "~/domain/accounts/permissions.ts";
import { isLocale, type Locale } from "~/domain/i18n/locale.ts";
import { normalisePostcode } from "~/domain/places/postcode.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Services } from "~/server/services.server.ts";
import {
  CROCKFORD,
  audit,
  budgetingHmac,
  canManage,
  lockProcess,
  randomCrockford,
  Refusal,
  transact,
  ukDay,
  type BudgetingDeps,
  type Tx,
} from "./support.server.ts";

export type BallotDeps = BudgetingDeps & Pick<Services, "mailer">;

// ───────────────────────────── keys, codes, references ─────────────────────────────

/** The pseudonymous key of an account's ballot in one budget. */
export function accountVoterKey(appSecret: string, budgetId: string, accountId: string): string {
  return budgetingHmac(appSecret, "ballot-voter-key", `${budgetId}\u0000account\u0000${accountId}`);
}

/** The pseudonymous key of a voting code's ballot in one budget. */
export function codeVoterKey(appSecret: string, budgetId: string, code: string): string {
  return budgetingHmac(appSecret, "ballot-voter-key", `${budgetId}\u0000code\u0000${code}`);
}

const CODE_LENGTH = 12;
const CODE_PATTERN = new RegExp(`^[${CROCKFORD}]{${CODE_LENGTH}}$`);

/**
 * A code as typed from paper: spaces, hyphens and case ignored; O read as 0 and I or L as 1
 * (Crockford base32's decoding rules), so a misread letter still works. Null if it cannot be one.
 */
export function normaliseVotingCode(input: string): string | null {
  const compact = input.replace(/[\s\-‐-―]/g, "").toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
  return CODE_PATTERN.test(compact) ? compact : null;
}

/** Printed form: "7K3Q-9XD2-M4PA". 60 random bits; only the keyed hash is stored. */
function newVotingCode(): string {
  return randomCrockford(CODE_LENGTH);
}

function formatVotingCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export function votingCodeHash(appSecret: string, normalised: string): string {
  return budgetingHmac(appSecret, "voting-code", normalised);
}

/** "PB-7K3Q-9XD2": random (40 bits), not derived from the voter, unique by constraint. */
function newBallotReference(): string {
  return `PB-${randomCrockford(4)}-${randomCrockford(4)}`;
}

// ───────────────────────────── casting ─────────────────────────────

export interface CastBallotInput {
  councilId: string;
  processId: string;
  budgetId: string;
  choices: readonly BallotChoiceInput[];
  /** Required when the process uses voting codes; ignored otherwise. */
  votingCode?: string | null;
  /** The revision the voter's page showed; a lower one than stored is 'stale_ballot'. */
  expectedRevision?: number | null;
  /** Required when the process requires a postcode in its area. */
  postcode?: string | null;
  /** The voter ticked "I am {minimumAge} or older" (processes with a minimum age). */
  ageConfirmed?: boolean;
  /** Optional, for turnout by age: one of AGE_BANDS; anything else is not recorded. */
  ageBand?: string | null;
  /** Language of the receipt email; defaults to the account's. */
  locale?: Locale;
}

export type CastReason =
  | "not_found"
  | "not_signed_in"
  | "not_eligible"
  | "voting_not_open"
  | "voting_closed"
  | "code_required"
  | "code_invalid"
  | "code_used"
  | "postcode_required"
  | "postcode_invalid"
  | "postcode_not_in_area"
  | "postcode_not_in_ward"
  | "age_not_confirmed"
  | "stale_ballot"
  | "invalid_ballot_settings"
  | "busy"
  | BallotReason;

export interface CastReceipt {
  /** Shown on the confirmation page and in the email. */
  reference: string;
  revision: number;
  processTitle: string;
  budgetName: string;
  /** recorded: first ballot; replaced: a changed ballot; unchanged: an identical resubmission (nothing written). */
  status: "recorded" | "replaced" | "unchanged";
  /** For the confirmation page only (the email does not list them). */
  choices: { projectId: string; reference: string; title: string; value: number; costPence: Pence }[];
  totalCostPence: Pence;
  receiptSent: boolean;
}

type CastResult = { ok: true; value: CastReceipt } | { ok: false; reason: CastReason; detail?: unknown };

/**
 * Voting is open only in the voting phase and before the published closing time: the closing
 * time binds even if an officer is late closing the phase.
 */
function phaseRefusal(phase: string, votingCloseAt: Date | null, now: Date): "voting_not_open" | "voting_closed" | null {
  if (phase === "draft" || phase === "ideas" || phase === "review") return "voting_not_open";
  if (phase !== "voting") return "voting_closed";
  if (votingCloseAt && now.getTime() >= votingCloseAt.getTime()) return "voting_closed";
  return null;
}

function refuse(reason: CastReason, detail?: unknown): never {
  throw new Refusal(err(reason, detail));
}

interface StatsFacts {
  wardCode: string | null;
  imdDecile: number | null;
}

/** Postcode eligibility and the ward / IMD decile for turnout statistics. */
async function checkPostcode(
  deps: BallotDeps,
  input: CastBallotInput,
  required: boolean,
  budgetWard: string | null,
): Promise<Result<StatsFacts, CastReason>> {
  const none = { wardCode: null, imdDecile: null };
  const raw = input.postcode?.trim() ?? "";
  if (raw === "") return required ? err("postcode_required") : ok(none);
  const normalised = normalisePostcode(raw);
  if (!normalised.ok) return required ? err("postcode_invalid") : ok(none);
  const row = await deps.prisma.postcode.findUnique({
    where: { councilId_postcode: { councilId: input.councilId, postcode: normalised.value } },
    select: { wardCode: true, lsoaCode: true },
  });
  if (!row) return required ? err("postcode_not_in_area") : ok(none);
  if (required && budgetWard !== null && row.wardCode !== budgetWard) return err("postcode_not_in_ward");
  const lsoa = await deps.prisma.area.findUnique({
    where: { councilId_type_code: { councilId: input.councilId, type: "lsoa", code: row.lsoaCode } },
    select: { imdDecile: true },
  });
  return ok({ wardCode: row.wardCode, imdDecile: lsoa?.imdDecile ?? null });
}

/**
 * Casts (or changes) the voter's ballot for one budget. Returns the receipt, or a reason the
 * voter can act on. Idempotent: the same choices sent again return the same reference and
 * revision and write nothing. After the commit, a receipt email is sent to a signed-in voter
 * (new or changed ballots only); it states the reference, not the choices.
 */
export async function castBallot(deps: BallotDeps, actor: Actor | null, input: CastBallotInput): Promise<CastResult> {
  if (!Array.isArray(input.choices)) return err("invalid_value", { projectId: "", value: Number.NaN });
  const process = await deps.prisma.budgetProcess.findFirst({
    where: { id: input.processId, councilId: input.councilId },
    select: {
      title: true,
      phase: true,
      votingCloseAt: true,
      useVotingCodes: true,
      minimumAge: true,
      requirePostcodeInArea: true,
      budgets: { where: { id: input.budgetId }, select: { id: true, name: true, wardCode: true } },
    },
  });
  const budget = process?.budgets[0];
  if (!process || !budget) return err("not_found");
  const now = deps.now();
  // Early answer, so a voter after the close is told that rather than asked for a postcode;
  // the transaction checks again under the process lock, and that check is the one that counts.
  const phaseProblem = phaseRefusal(process.phase, process.votingCloseAt, now);
  if (phaseProblem) return err(phaseProblem);

  // Who is voting: a voting code, or a resident of this council.
  let voterKey: string;
  let code: { normalised: string; hash: string } | null = null;
  if (process.useVotingCodes) {
    const typed = input.votingCode?.trim() ?? "";
    if (typed === "") return err("code_required");
    const normalised = normaliseVotingCode(typed);
    if (!normalised) return err("code_invalid");
    code = { normalised, hash: votingCodeHash(deps.config.appSecret, normalised) };
    voterKey = codeVoterKey(deps.config.appSecret, budget.id, normalised);
  } else {
    if (!actor) return err("not_signed_in");
    if (!can(actor.roles, input.councilId, "participate")) return err("not_eligible");
    voterKey = accountVoterKey(deps.config.appSecret, budget.id, actor.account.id);
  }
  if (process.minimumAge !== null && input.ageConfirmed !== true) return err("age_not_confirmed", { minimumAge: process.minimumAge });
  const facts = await checkPostcode(deps, input, process.requirePostcodeInArea, budget.wardCode);
  if (!facts.ok) return facts;

  const day = ukDay(now);
  // Code voters have no account here: their participation is counted without one.
  const accountId = code ? null : actor!.account.id;

  const result = await transact<CastResult, CastResult>(
    deps.prisma,
    async (tx) => {
      const locked = await lockProcess(tx, input.councilId, input.processId, "share");
      if (!locked) refuse("not_found");
      const settings = await tx.budgetProcess.findUniqueOrThrow({
        where: { id: input.processId },
        select: {
          votingCloseAt: true,
          ballotType: true,
          minProjects: true,
          maxProjects: true,
          points: true,
          pointsPerProjectCap: true,
          rankCount: true,
          budgets: { where: { id: budget.id }, select: { id: true, amountPence: true } },
        },
      });
      const closed = phaseRefusal(locked.phase, settings.votingCloseAt, now);
      if (closed) refuse(closed);
      const projects = await tx.project.findMany({
        where: { budgetId: budget.id, processId: input.processId, status: "feasible" },
        select: { id: true, budgetId: true, costPence: true, reference: true, title: true },
      });
      const config = ballotConfigFor(settings, settings.budgets[0]!);
      if (!config.ok) refuse("invalid_ballot_settings");

      let codeSpent = false;
      if (code) {
        const row = await tx.votingCode.findUnique({ where: { codeHash: code.hash }, select: { processId: true, usedAt: true } });
        if (!row || row.processId !== input.processId) refuse("code_invalid");
        codeSpent = row.usedAt !== null;
      }
      const checked = checkBallot(
        config.value,
        projects.map((p) => ({ ...p, feasible: true })),
        input.choices,
      );
      if (!checked.ok) refuse(checked.reason, checked.detail);
      const choices = checked.value.choices;

      let status: CastReceipt["status"] | null = null;
      let reference = "";
      let revision = 0;
      for (let round = 0; status === null; round++) {
        if (round >= 4) throw new Error("could not insert or find the ballot");
        const existing = (
          await tx.$queryRaw<{ id: string; revision: number; reference: string; channel: string }[]>`
            SELECT "id", "revision", "reference", "channel"::text AS "channel" FROM "Ballot"
            WHERE "budgetId" = ${budget.id} AND "voterKey" = ${voterKey} FOR UPDATE`
        )[0];
        if (existing) {
          // A paper ballot's code was typed in by an officer: nothing about it is shown online.
          if (code && existing.channel !== "online") refuse("code_used");
          const stored = await tx.ballotChoice.findMany({ where: { ballotId: existing.id }, select: { projectId: true, value: true } });
          if (sameChoices(stored, choices)) {
            // The same ballot again — a retry after a lost confirmation — gets its reference
            // back, whether the voter signed in or used a code.
            reference = existing.reference;
            revision = existing.revision;
            status = "unchanged";
            break;
          }
          // A code is spent by its first ballot: it cannot change it.
          if (code) refuse("code_used");
          reference = existing.reference;
          if (typeof input.expectedRevision === "number" && input.expectedRevision < existing.revision)
            refuse("stale_ballot", { revision: existing.revision, reference: existing.reference });
          revision = existing.revision + 1;
          await tx.ballotChoice.deleteMany({ where: { ballotId: existing.id } });
          await tx.ballotChoice.createMany({ data: choices.map((c) => ({ ballotId: existing.id, ...c })) });
          await tx.ballot.update({ where: { id: existing.id }, data: { revision, castAt: day } });
          status = "replaced";
          break;
        }
        if (code) {
          if (codeSpent) refuse("code_used");
          // Atomic single use: of two submissions with one code, only one sees usedAt null.
          const spent = await tx.votingCode.updateMany({ where: { codeHash: code.hash, usedAt: null }, data: { usedAt: day } });
          if (spent.count !== 1) {
            // Another submission with this code committed first: look again, so an identical
            // one gets that ballot's reference and a different one is refused.
            codeSpent = true;
            continue;
          }
        }
        reference = newBallotReference();
        // Random ids (UUID v4), not Prisma's default cuid: a cuid embeds its creation time in
        // milliseconds, which would pair a Ballot with the Participation row written beside it.
        const ballotId = randomUUID();
        // ON CONFLICT DO NOTHING: losing a race (or, rarely, a reference collision) inserts
        // nothing and raises nothing; the next round finds the winner's row.
        const inserted = await tx.ballot.createMany({
          data: [{ id: ballotId, processId: input.processId, budgetId: budget.id, voterKey, reference, channel: "online", castAt: day }],
          skipDuplicates: true,
        });
        if (inserted.count !== 1) continue;
        await tx.ballotChoice.createMany({ data: choices.map((c) => ({ ballotId, ...c })) });
        // Who took part, never how: no reference to the ballot. Day only.
        await tx.participation.createMany({
          data: [
            {
              id: randomUUID(),
              processId: input.processId,
              budgetId: budget.id,
              accountId,
              channel: "online",
              wardCode: facts.value.wardCode,
              imdDecile: facts.value.imdDecile,
              ageBand: isAgeBand(input.ageBand) ? input.ageBand : null,
              votedOn: day,
            },
          ],
          skipDuplicates: true,
        });
        revision = 1;
        status = "recorded";
      }

      const byId = new Map(projects.map((p) => [p.id, p]));
      return ok({
        reference,
        revision,
        processTitle: process.title,
        budgetName: budget.name,
        status,
        choices: choices.map((c) => {
          const p = byId.get(c.projectId)!;
          return { projectId: p.id, reference: p.reference, title: p.title, value: c.value, costPence: p.costPence };
        }),
        totalCostPence: checked.value.totalCostPence,
        receiptSent: false,
      });
    },
    { onExhausted: () => err("busy") },
  );

  if (!result.ok || result.value.status === "unchanged" || !actor) return result;
  return ok({ ...result.value, receiptSent: await sendReceipt(deps, actor, input.locale, result.value) });
}

/**
 * The receipt is sent after the commit (a vote is acknowledged only once stored,
 * security-reliability.md §7 "lost ballots"). A mail failure does not undo the vote; the page
 * still shows the reference.
 */
async function sendReceipt(deps: BallotDeps, actor: Actor, locale: Locale | undefined, receipt: CastReceipt): Promise<boolean> {
  try {
    const account = await deps.prisma.account.findUnique({ where: { id: actor.account.id }, select: { email: true, locale: true } });
    if (!account) return false;
    const lang: Locale = locale ?? (isLocale(account.locale) ? account.locale : "en");
    const email = receiptEmail(lang, {
      processTitle: receipt.processTitle,
      budgetName: receipt.budgetName,
      reference: receipt.reference,
      changed: receipt.status === "replaced",
    });
    await deps.mailer.send({ to: account.email, ...email });
    return true;
  } catch {
    return false;
  }
}

// ───────────────────────────── reading ballots ─────────────────────────────

export interface MyBallot {
  reference: string;
  revision: number;
  choices: BallotChoiceInput[];
}

/**
 * The signed-in voter's current ballot for one budget (to show it and change it), or null if
 * they have not voted there. Found through the voter key, so only the voter can reach it.
 */
export async function getMyBallot(
  deps: Pick<BudgetingDeps, "prisma" | "config">,
  actor: Actor | null,
  input: { councilId: string; budgetId: string },
): Promise<Result<MyBallot | null, "not_signed_in" | "not_found">> {
  if (!actor) return err("not_signed_in");
  const budget = await deps.prisma.processBudget.findFirst({
    where: { id: input.budgetId, process: { councilId: input.councilId } },
    select: { id: true },
  });
  if (!budget) return err("not_found");
  const ballot = await deps.prisma.ballot.findUnique({
    where: { budgetId_voterKey: { budgetId: budget.id, voterKey: accountVoterKey(deps.config.appSecret, budget.id, actor.account.id) } },
    select: { reference: true, revision: true, choices: { select: { projectId: true, value: true } } },
  });
  if (!ballot) return ok(null);
  const choices = [...ballot.choices].sort((a, b) => a.value - b.value || (a.projectId < b.projectId ? -1 : 1));
  return ok({ reference: ballot.reference, revision: ballot.revision, choices });
}

export interface BallotsForCount {
  councilId: string;
  processId: string;
  budget: { id: string; name: string; amountPence: Pence };
  settings: {
    ballotType: "approval" | "knapsack" | "cumulative" | "ranked";
    points: number | null;
    pointsPerProjectCap: number | null;
    rankCount: number | null;
    countingRule: string;
    mesCompletion: string;
    mesUtilities: string;
    greedyThreshold: number | null;
    tieBreak: string;
  };
  /** The candidates: projects that were on the ballot (feasible, or already marked by a count). */
  projects: { id: string; reference: string; title: string; costPence: Pence }[];
  /** Choices only — no voter key, reference, time or channel — in an order unrelated to casting. */
  ballots: { choices: BallotChoiceInput[] }[];
}

/**
 * Every ballot of one budget for the counting code, once voting has closed (results are hidden
 * from every role until then: security-reliability.md §7, CONSUL #4771). Ranked choices come
 * in rank order; others by project id.
 */
export async function ballotsForCount(
  deps: Pick<BudgetingDeps, "prisma">,
  budgetId: string,
  scope: { councilId?: string } = {},
): Promise<Result<BallotsForCount, "not_found" | "voting_not_closed">> {
  const budget = await deps.prisma.processBudget.findFirst({
    where: { id: budgetId, ...(scope.councilId ? { process: { councilId: scope.councilId } } : {}) },
    select: {
      id: true,
      name: true,
      amountPence: true,
      process: {
        select: {
          id: true,
          councilId: true,
          phase: true,
          ballotType: true,
          points: true,
          pointsPerProjectCap: true,
          rankCount: true,
          countingRule: true,
          mesCompletion: true,
          mesUtilities: true,
          greedyThreshold: true,
          tieBreak: true,
        },
      },
    },
  });
  if (!budget) return err("not_found");
  const { id: processId, councilId, phase, ...settings } = budget.process;
  if (phase !== "results" && phase !== "delivery") return err("voting_not_closed");
  const projects = await deps.prisma.project.findMany({
    where: { budgetId: budget.id, status: { in: ["feasible", "selected", "not_selected", "in_delivery", "delivered"] } },
    orderBy: { reference: "asc" },
    select: { id: true, reference: true, title: true, costPence: true },
  });
  // Ordered by the random reference: neither cast order nor voter order.
  const rows = await deps.prisma.ballot.findMany({
    where: { budgetId: budget.id },
    orderBy: { reference: "asc" },
    select: { choices: { select: { projectId: true, value: true } } },
  });
  const ranked = settings.ballotType === "ranked";
  const ballots = rows.map((r) => ({
    choices: [...r.choices].sort((a, b) => (ranked ? a.value - b.value : a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0)),
  }));
  return ok({ councilId, processId, budget: { id: budget.id, name: budget.name, amountPence: budget.amountPence }, settings, projects, ballots });
}

// ───────────────────────────── voting codes ─────────────────────────────

export const MAX_CODES_PER_REQUEST = 5000;

/**
 * Issues `count` single-use voting codes for a process that uses them, until voting closes.
 * The plain codes are returned once (to print); only their keyed hashes are stored, so a
 * database copy cannot be used to vote. Audit: "budget.voting_codes_issued" (the count only).
 */
export async function issueVotingCodes(
  deps: BudgetingDeps,
  actor: Actor | null,
  input: { councilId: string; processId: string; count: number },
): Promise<Result<{ codes: string[] }, "forbidden" | "not_found" | "invalid" | "phase_locked" | "not_using_codes">> {
  if (!canManage(actor, input.councilId)) return err("forbidden");
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > MAX_CODES_PER_REQUEST)
    return err("invalid", { fieldErrors: { count: input.count < 1 ? "too_small" : input.count > MAX_CODES_PER_REQUEST ? "too_large" : "not_whole_number" } });
  return transact(deps.prisma, async (tx: Tx) => {
    const locked = await lockProcess(tx, input.councilId, input.processId, "update");
    if (!locked) throw new Refusal(err("not_found"));
    const process = await tx.budgetProcess.findUniqueOrThrow({ where: { id: input.processId }, select: { useVotingCodes: true, phase: true } });
    if (!process.useVotingCodes) throw new Refusal(err("not_using_codes"));
    if (!canIssueVotingCodes(process.phase)) throw new Refusal(err("phase_locked", { phase: process.phase }));
    const codes = new Set<string>();
    while (codes.size < input.count) codes.add(newVotingCode());
    const plain = [...codes];
    // A 60-bit collision with an existing code would fail the unique index (P2002) and retry
    // the transaction with fresh codes.
    await tx.votingCode.createMany({
      data: plain.map((c) => ({ processId: input.processId, codeHash: votingCodeHash(deps.config.appSecret, c), createdAt: deps.now() })),
    });
    await audit(tx, deps, {
      councilId: input.councilId,
      actorId: actor.account.id,
      action: "budget.voting_codes_issued",
      subjectType: "BudgetProcess",
      subjectId: input.processId,
      data: { count: plain.length },
    });
    return ok({ codes: plain.map(formatVotingCode) });
  });
}
