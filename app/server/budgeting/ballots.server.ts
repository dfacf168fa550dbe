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
import { ballotConfigFor, checkBallot, sameChoices, type BallotChoiceInput, type BallotReason, type BallotSettings } from "~/domain/budgeting/ballot.ts";
import { receiptEmail } from "~/domain/budgeting/ballot-messages.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import { canIssueVotingCodes } from "~/domain/budgeting/process.ts";
import { can } from "~/domain/accounts/permissions.ts";
import { isLocale, type Locale } from "~/domain/i18n/locale.ts";
import { normalisePostcode } from "~/domain/places/postcode.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Services } from "~/server/services.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { Refusal, transact, type Tx } from "~/server/db/transact.server.ts";
import { CROCKFORD, randomCrockford } from "~/server/random.server.ts";
import { budgetingHmac, canManage, lockProcess, ukDay, type BudgetingDeps } from "./support.server.ts";

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

/** What one ballot needs to know about its process, read in one statement under the process lock. */
interface CastScene {
  title: string;
  phase: string;
  votingCloseAt: Date | null;
  useVotingCodes: boolean;
  minimumAge: number | null;
  requirePostcodeInArea: boolean;
  settings: BallotSettings;
  budget: { id: string; name: string; wardCode: string | null; amountPence: Pence };
  projects: { id: string; budgetId: string; costPence: Pence; reference: string; title: string }[];
  /** The typed voting code's row, if a code was typed and exists. */
  code: { processId: string; used: boolean } | null;
  /** Where the typed postcode is, if one was typed and is the council's. */
  postcode: { wardCode: string; imdDecile: number | null } | null;
  /** Whether this voter already has a ballot in this budget (read without a row lock). */
  hasBallot: boolean;
}

/** The locked read's row: the scene's plain columns, with money, projects and lookups as text. */
interface SceneRow extends Pick<CastScene, "title" | "phase" | "votingCloseAt" | "useVotingCodes" | "minimumAge" | "requirePostcodeInArea" | "hasBallot">, BallotSettings {
  budgetName: string;
  wardCode: string | null;
  amountPence: string;
  projects: string;
  code: string | null;
  postcode: string | null;
}

/**
 * Locks the process row (SHARE: many ballots at once; closing voting takes an UPDATE lock and so
 * waits for them) and reads, in the same statement, the settings, the budget, its projects on the
 * ballot, the typed code's row, the typed postcode's ward and IMD decile, and whether the voter
 * has voted here already. One round trip instead of eight: under load a ballot's cost is its
 * round trips (e2e/load/README.md). Which voter key applies depends on the process (code or
 * account), so both candidates are passed and the statement picks one.
 */
async function lockScene(
  tx: Tx,
  input: CastBallotInput,
  lookups: { codeHash: string | null; postcode: string | null; codeVoterKey: string | null; accountVoterKey: string | null },
): Promise<CastScene | null> {
  const { codeHash, postcode } = lookups;
  const rows = await tx.$queryRaw<SceneRow[]>`
    SELECT p."title", p."phase"::text AS "phase", p."votingCloseAt", p."useVotingCodes", p."minimumAge",
           p."requirePostcodeInArea", p."ballotType"::text AS "ballotType", p."minProjects", p."maxProjects",
           p."points", p."pointsPerProjectCap", p."rankCount",
           b."name" AS "budgetName", b."wardCode", b."amountPence"::text AS "amountPence",
           COALESCE((
             SELECT json_agg(json_build_object('id', pr."id", 'costPence', pr."costPence"::text, 'reference', pr."reference", 'title', pr."title"))
             FROM "Project" pr
             WHERE pr."budgetId" = b."id" AND pr."processId" = p."id" AND pr."status" = 'feasible'
           ), '[]'::json)::text AS "projects",
           (SELECT json_build_object('processId', vc."processId", 'used', vc."usedAt" IS NOT NULL)::text
              FROM "VotingCode" vc WHERE vc."codeHash" = ${codeHash}) AS "code",
           (SELECT json_build_object('wardCode', pc."wardCode", 'imdDecile', a."imdDecile")::text
              FROM "Postcode" pc
              LEFT JOIN "Area" a ON a."councilId" = pc."councilId" AND a."type" = 'lsoa' AND a."code" = pc."lsoaCode"
              WHERE pc."councilId" = p."councilId" AND pc."postcode" = ${postcode}) AS "postcode",
           EXISTS (SELECT 1 FROM "Ballot" bl
                   WHERE bl."budgetId" = b."id"
                     AND bl."voterKey" = CASE WHEN p."useVotingCodes" THEN ${lookups.codeVoterKey} ELSE ${lookups.accountVoterKey} END) AS "hasBallot"
    FROM "BudgetProcess" p
    JOIN "ProcessBudget" b ON b."processId" = p."id" AND b."id" = ${input.budgetId}
    WHERE p."id" = ${input.processId} AND p."councilId" = ${input.councilId}
    FOR SHARE OF p`;
  const row = rows[0];
  if (!row) return null;
  const projects = (JSON.parse(row.projects) as { id: string; costPence: string; reference: string; title: string }[]).map((p) => ({
    ...p,
    budgetId: input.budgetId,
    costPence: BigInt(p.costPence),
  }));
  return {
    title: row.title,
    phase: row.phase,
    votingCloseAt: row.votingCloseAt,
    useVotingCodes: row.useVotingCodes,
    minimumAge: row.minimumAge,
    requirePostcodeInArea: row.requirePostcodeInArea,
    settings: {
      ballotType: row.ballotType,
      minProjects: row.minProjects,
      maxProjects: row.maxProjects,
      points: row.points,
      pointsPerProjectCap: row.pointsPerProjectCap,
      rankCount: row.rankCount,
    },
    budget: { id: input.budgetId, name: row.budgetName, wardCode: row.wardCode, amountPence: BigInt(row.amountPence) },
    projects,
    code: row.code === null ? null : (JSON.parse(row.code) as CastScene["code"]),
    postcode: row.postcode === null ? null : (JSON.parse(row.postcode) as CastScene["postcode"]),
    hasBallot: row.hasBallot,
  };
}

interface StatsFacts {
  wardCode: string | null;
  imdDecile: number | null;
}

/** Postcode eligibility, and the ward and IMD decile for turnout statistics. */
function checkPostcode(scene: CastScene, typed: string, normalised: string | null): Result<StatsFacts, CastReason> {
  const required = scene.requirePostcodeInArea;
  const none = { wardCode: null, imdDecile: null };
  if (typed === "") return required ? err("postcode_required") : ok(none);
  if (normalised === null) return required ? err("postcode_invalid") : ok(none);
  if (!scene.postcode) return required ? err("postcode_not_in_area") : ok(none);
  if (required && scene.budget.wardCode !== null && scene.postcode.wardCode !== scene.budget.wardCode) return err("postcode_not_in_ward");
  return ok(scene.postcode);
}

/** The voter's ballot in one budget with its choices, locked until the transaction ends. */
async function lockBallot(tx: Tx, budgetId: string, voterKey: string) {
  const rows = await tx.$queryRaw<{ id: string; revision: number; reference: string; channel: string; choices: string }[]>`
    SELECT bl."id", bl."revision", bl."reference", bl."channel"::text AS "channel",
           COALESCE((SELECT json_agg(json_build_object('projectId', c."projectId", 'value', c."value"))
                     FROM "BallotChoice" c WHERE c."ballotId" = bl."id"), '[]'::json)::text AS "choices"
    FROM "Ballot" bl
    WHERE bl."budgetId" = ${budgetId} AND bl."voterKey" = ${voterKey}
    FOR UPDATE OF bl`;
  const row = rows[0];
  return row ? { ...row, choices: JSON.parse(row.choices) as BallotChoiceInput[] } : null;
}

/** "2026-12-04": a day as SQL reads it, whatever the database session's time zone. */
function isoDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

/**
 * Casts (or changes) the voter's ballot for one budget. Returns the receipt, or a reason the
 * voter can act on. Idempotent: the same choices sent again return the same reference and
 * revision and write nothing. After the commit, a receipt email is sent to a signed-in voter
 * (new or changed ballots only); it states the reference, not the choices.
 *
 * A first ballot costs four round trips (BEGIN, the locked read, one insert statement, COMMIT),
 * and a changed one five; every check runs between the read and the first write.
 */
export async function castBallot(deps: BallotDeps, actor: Actor | null, input: CastBallotInput): Promise<CastResult> {
  if (!Array.isArray(input.choices)) return err("invalid_value", { projectId: "", value: Number.NaN });
  const now = deps.now();
  const day = isoDay(ukDay(now));
  const typedCode = input.votingCode?.trim() ?? "";
  const normalisedCode = typedCode === "" ? null : normaliseVotingCode(typedCode);
  const codeHash = normalisedCode ? votingCodeHash(deps.config.appSecret, normalisedCode) : null;
  const typedPostcode = input.postcode?.trim() ?? "";
  const parsedPostcode = typedPostcode === "" ? null : normalisePostcode(typedPostcode);
  const postcode = parsedPostcode?.ok ? parsedPostcode.value : null;
  const lookups = {
    codeHash,
    postcode,
    codeVoterKey: normalisedCode ? codeVoterKey(deps.config.appSecret, input.budgetId, normalisedCode) : null,
    accountVoterKey: actor ? accountVoterKey(deps.config.appSecret, input.budgetId, actor.account.id) : null,
  };

  const result = await transact<CastResult, CastResult>(
    deps.prisma,
    async (tx) => {
      const scene = await lockScene(tx, input, lookups);
      if (!scene) refuse("not_found");
      // Voting is open only in the voting phase and before the published closing time; read
      // under the lock, so no ballot lands after an officer closes voting.
      const closed = phaseRefusal(scene.phase, scene.votingCloseAt, now);
      if (closed) refuse(closed);

      // Who is voting: a voting code, or a resident of this council.
      let voterKey: string;
      let code: { hash: string; spent: boolean } | null = null;
      if (scene.useVotingCodes) {
        if (typedCode === "") refuse("code_required");
        if (!lookups.codeVoterKey) refuse("code_invalid");
        voterKey = lookups.codeVoterKey;
      } else {
        if (!actor) refuse("not_signed_in");
        if (!can(actor.roles, input.councilId, "participate")) refuse("not_eligible");
        voterKey = lookups.accountVoterKey!;
      }
      if (scene.minimumAge !== null && input.ageConfirmed !== true) refuse("age_not_confirmed", { minimumAge: scene.minimumAge });
      const facts = checkPostcode(scene, typedPostcode, postcode);
      if (!facts.ok) refuse(facts.reason);

      const config = ballotConfigFor(scene.settings, scene.budget);
      if (!config.ok) refuse("invalid_ballot_settings");
      if (scene.useVotingCodes) {
        if (!scene.code || scene.code.processId !== input.processId) refuse("code_invalid");
        code = { hash: codeHash!, spent: scene.code.used };
      }
      const checked = checkBallot(
        config.value,
        scene.projects.map((p) => ({ ...p, feasible: true })),
        input.choices,
      );
      if (!checked.ok) refuse(checked.reason, checked.detail);
      const choices = checked.value.choices;
      const choicesJson = JSON.stringify(choices.map((c) => ({ projectId: c.projectId, value: c.value })));

      let status: CastReceipt["status"] | null = null;
      let reference = "";
      let revision = 0;
      for (let round = 0; status === null; round++) {
        if (round >= 4) throw new Error("could not insert or find the ballot");
        // The first round trusts the locked read's "no ballot yet": an insert that loses a race
        // to a concurrent one inserts nothing, and the next round looks again under a row lock.
        const existing = round === 0 && !scene.hasBallot ? null : await lockBallot(tx, scene.budget.id, voterKey);
        if (existing) {
          // A paper ballot's code was typed in by an officer: nothing about it is shown online.
          if (code && existing.channel !== "online") refuse("code_used");
          if (sameChoices(existing.choices, choices)) {
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
          // One statement: drop the choices no longer made, upsert the rest, bump the revision.
          // The two touch disjoint rows, so they can share a snapshot.
          await tx.$executeRaw`
            WITH "wanted" AS (
              SELECT x."projectId", x."value" FROM json_to_recordset(${choicesJson}::json) AS x("projectId" text, "value" int)
            ), "dropped" AS (
              DELETE FROM "BallotChoice" c
              WHERE c."ballotId" = ${existing.id} AND c."projectId" NOT IN (SELECT "projectId" FROM "wanted")
            ), "kept" AS (
              INSERT INTO "BallotChoice" ("ballotId", "projectId", "value")
              SELECT ${existing.id}, w."projectId", w."value" FROM "wanted" w
              ON CONFLICT ("ballotId", "projectId") DO UPDATE SET "value" = EXCLUDED."value"
            )
            UPDATE "Ballot" SET "revision" = ${revision}, "castAt" = ${day}::timestamp WHERE "id" = ${existing.id}`;
          status = "replaced";
          break;
        }
        if (code) {
          if (code.spent) refuse("code_used");
          // Atomic single use: of two submissions with one code, only one sees usedAt null.
          const spent = await tx.$executeRaw`
            UPDATE "VotingCode" SET "usedAt" = ${day}::timestamp WHERE "codeHash" = ${code.hash} AND "usedAt" IS NULL`;
          if (spent !== 1) {
            // Another submission with this code committed first: look again, so an identical
            // one gets that ballot's reference and a different one is refused.
            code.spent = true;
            continue;
          }
        }
        reference = newBallotReference();
        // Code voters have no account here: their participation is counted without one.
        const accountId = code ? null : actor!.account.id;
        const ageBand = isAgeBand(input.ageBand) ? input.ageBand : null;
        // The ballot, its choices and the participation in one statement. ON CONFLICT DO NOTHING:
        // losing a race (or, rarely, a reference collision) inserts nothing and raises nothing,
        // and the next round finds the winner's row. Random ids (UUID v4), not Prisma's default
        // cuid: a cuid embeds its creation time in milliseconds, which would pair a Ballot with
        // the Participation row written beside it. The participation says who took part, never
        // how: no reference to the ballot, and the day only.
        const inserted = await tx.$queryRaw<{ n: number }[]>`
          WITH "ballot" AS (
            INSERT INTO "Ballot" ("id", "processId", "budgetId", "voterKey", "reference", "channel", "revision", "castAt")
            VALUES (${randomUUID()}, ${input.processId}, ${scene.budget.id}, ${voterKey}, ${reference}, 'online', 1, ${day}::timestamp)
            ON CONFLICT DO NOTHING
            RETURNING "id"
          ), "choices" AS (
            INSERT INTO "BallotChoice" ("ballotId", "projectId", "value")
            SELECT b."id", x."projectId", x."value"
            FROM "ballot" b, json_to_recordset(${choicesJson}::json) AS x("projectId" text, "value" int)
          ), "participation" AS (
            INSERT INTO "Participation" ("id", "processId", "budgetId", "accountId", "channel", "wardCode", "imdDecile", "ageBand", "votedOn")
            SELECT ${randomUUID()}, ${input.processId}, ${scene.budget.id}, ${accountId}, 'online', ${facts.value.wardCode},
                   ${facts.value.imdDecile}::int, ${ageBand}, ${day}::date
            FROM "ballot"
            ON CONFLICT DO NOTHING
          )
          SELECT count(*)::int AS "n" FROM "ballot"`;
        if (Number(inserted[0]?.n ?? 0) !== 1) continue;
        revision = 1;
        status = "recorded";
      }

      const byId = new Map(scene.projects.map((p) => [p.id, p]));
      return ok({
        reference,
        revision,
        processTitle: scene.title,
        budgetName: scene.budget.name,
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
    // The voting page passes the language it was read in; only other callers cost a read.
    const lang: Locale = locale ?? (await accountLocale(deps, actor.account.id));
    const email = receiptEmail(lang, {
      processTitle: receipt.processTitle,
      budgetName: receipt.budgetName,
      reference: receipt.reference,
      changed: receipt.status === "replaced",
    });
    await deps.mailer.send({ to: actor.account.email, ...email });
    return true;
  } catch {
    return false;
  }
}

async function accountLocale(deps: BallotDeps, accountId: string): Promise<Locale> {
  const account = await deps.prisma.account.findUnique({ where: { id: accountId }, select: { locale: true } });
  return isLocale(account?.locale) ? account.locale : "en";
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
