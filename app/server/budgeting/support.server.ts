// What the budgeting use cases share: dependencies, authorisation, row locks, keyed hashes and
// the UK day. Random references: app/server/random.server.ts. Transactions: app/server/db/transact.server.ts; audit events:
// app/server/audit/audit.server.ts.
import { createHmac, hkdfSync } from "node:crypto";
import { can } from "~/domain/accounts/permissions.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import type { Tx } from "~/server/db/transact.server.ts";
import type { Services } from "~/server/services.server.ts";

export type BudgetingDeps = Pick<Services, "prisma" | "now" | "config">;

/** Whether `actor` may set up and run budget processes in `councilId` (officers and admins). */
export function canManage(actor: Actor | null, councilId: string): actor is Actor {
  return actor !== null && can(actor.roles, councilId, "budgeting.manage");
}

export type LockMode = "share" | "update";

/**
 * Locks the process row for the rest of the transaction and returns its phase, or null when
 * the process is not this council's. Ballots take a SHARE lock (many at once), phase changes
 * and setting edits an UPDATE lock: a phase change therefore waits for ballots in flight and
 * every ballot after it sees the new phase — no ballot is accepted after voting closes.
 */
export async function lockProcess(tx: Tx, councilId: string, processId: string, mode: LockMode) {
  const rows =
    mode === "share"
      ? await tx.$queryRaw<{ phase: string }[]>`SELECT "phase"::text AS "phase" FROM "BudgetProcess" WHERE "id" = ${processId} AND "councilId" = ${councilId} FOR SHARE`
      : await tx.$queryRaw<{ phase: string }[]>`SELECT "phase"::text AS "phase" FROM "BudgetProcess" WHERE "id" = ${processId} AND "councilId" = ${councilId} FOR UPDATE`;
  return rows[0] ?? null;
}

// ───────────────────────────── keys and references ─────────────────────────────

// "paper-register-number": the voter key of a paper ballot identified by an electoral-register
// number. A key of its own, so a register number can never collide with an account's or a
// code's voter key, and a leaked register list cannot be matched without the app secret.
type BudgetingKeyPurpose = "ballot-voter-key" | "voting-code" | "paper-register-number";
const derived = new Map<string, Buffer>();

// One HKDF-derived key per purpose, as accounts/crypto.server.ts does for its purposes (its
// KeyPurpose union is closed, so budgeting derives its own keys with a separate salt).
function deriveKey(appSecret: string, purpose: BudgetingKeyPurpose): Buffer {
  const cacheKey = `${purpose}\u0000${appSecret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", appSecret, "commonweal-budgeting-v1", `commonweal:${purpose}`, 32));
    derived.set(cacheKey, key);
  }
  return key;
}

export function budgetingHmac(appSecret: string, purpose: BudgetingKeyPurpose, message: string): string {
  return createHmac("sha256", deriveKey(appSecret, purpose)).update(message, "utf8").digest("hex");
}

// Built once: constructing an Intl.DateTimeFormat costs far more than using one, and every
// ballot asks for the day.
const UK_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The calendar day in the UK (Europe/London) as a Date at UTC midnight: what Participation.votedOn
 * (@db.Date) and Ballot.castAt store, so neither can be matched to the other by time of day.
 */
export function ukDay(now: Date): Date {
  const parts = UK_DATE.formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}
