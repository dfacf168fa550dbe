// The second factor for staff: TOTP (RFC 6238, 30 s, 6 digits) with @oslojs/otp, as in Lucia's
// two-factor guide (lucia-auth.com, "Two-factor authentication with TOTP"), plus single-use
// recovery codes.
//
// Where the key lives:
// - Before confirmation ("pending"): nowhere on the server. beginTotpEnrolment returns it
//   sealed with AES-256-GCM (key derived from config.appSecret; associated data = the session
//   id; issue time inside), and the enrolment page carries that string in a hidden form field.
//   It cannot be read or altered by the browser, only works with the session it was made for,
//   and expires after 15 minutes. No schema change, and no half-enrolled rows to clean up.
//   The page showing it (and the QR code) must send `Cache-Control: no-store` (ASVS 14.3.2).
// - After confirmation: Account.totpKey, encrypted with AES-256-GCM under a different derived
//   key, associated data = the account id (a copied ciphertext does not work on another row).
//   Rotating APP_SECRET therefore means every staff member enrols again.
//
// Replay (ASVS 5.0 V6.5: a TOTP is usable once): the time step a code was accepted for is
// recorded as a one-hit RateLimit row (`totp-used:<account>:<step>`) that outlives the ±1-step
// window, so the same code cannot be used twice, not even by two parallel requests.
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import QRCode from "qrcode";
import {
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  formatRecoveryCode,
  groupForManualEntry,
  parseRecoveryCode,
  parseSixDigitCode,
} from "~/domain/accounts/codes.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Config } from "../config.server.ts";
import type { Services } from "../services.server.ts";
import type { AccountsDeps } from "./deps.server.ts";
import {
  constantTimeEqual,
  decrypt,
  encrypt,
  fromBase64url,
  hmacHex,
  randomBase32,
  randomKey,
  toBase64url,
} from "./crypto.server.ts";
import { clearRateLimit, hitRateLimit, type RateLimitRule } from "./rate-limit.server.ts";
import { loadLiveSession } from "./sessions.server.ts";

export const TOTP_ISSUER = "Commonweal";
const KEY_BYTES = 20;
const PENDING_TTL_MS = 15 * 60_000;
/** Wrong TOTP or recovery codes per account before a 15-minute pause (ASVS 6.6.3). */
export const SECOND_FACTOR_ATTEMPTS_PER_ACCOUNT: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };

function secondFactorKey(accountId: string): string {
  return `second-factor:${accountId}`;
}

// ───────────────────────────── pending key ─────────────────────────────

function sealPendingKey(appSecret: string, sessionId: string, key: Uint8Array, issuedAt: Date): string {
  const plaintext = new Uint8Array(KEY_BYTES + 8);
  plaintext.set(key, 0);
  new DataView(plaintext.buffer).setBigUint64(KEY_BYTES, BigInt(issuedAt.getTime()));
  return toBase64url(encrypt(appSecret, "totp-pending-key", plaintext, `pending-totp:${sessionId}`));
}

function openPendingKey(appSecret: string, sessionId: string, sealed: string, now: Date): { key: Uint8Array; issuedAt: Date } | null {
  const bytes = fromBase64url(sealed);
  if (!bytes) return null;
  const plaintext = decrypt(appSecret, "totp-pending-key", bytes, `pending-totp:${sessionId}`);
  if (!plaintext || plaintext.length !== KEY_BYTES + 8) return null;
  const issuedAt = new Date(Number(new DataView(plaintext.buffer, plaintext.byteOffset).getBigUint64(KEY_BYTES)));
  const age = now.getTime() - issuedAt.getTime();
  if (age < 0 || age > PENDING_TTL_MS) return null;
  return { key: plaintext.slice(0, KEY_BYTES), issuedAt };
}

// ───────────────────────────── code checking ─────────────────────────────

/**
 * The time step (RFC 6238 counter) the code matches within ±1 step of `now`, or null.
 * ±1 step (up to 30 s either way) allows for clock drift and typing time (RFC 6238 §5.2).
 * All three candidates are always compared, in constant time.
 */
function matchTotp(key: Uint8Array, code: string, now: Date): bigint | null {
  const step = BigInt(Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS));
  let match: bigint | null = null;
  for (const candidate of [step - 1n, step, step + 1n]) {
    if (constantTimeEqual(generateHOTP(key, candidate, TOTP_DIGITS), code) && match === null) match = candidate;
  }
  return match;
}

/** Records a step as used; false if it already was (a replayed code). */
async function claimTotpStep(deps: AccountsDeps, accountId: string, step: bigint): Promise<boolean> {
  const outcome = await hitRateLimit(deps, `totp-used:${accountId}:${step}`, { limit: 1, windowMs: 3 * TOTP_PERIOD_SECONDS * 1000 });
  return outcome.allowed;
}

/** Account.totpKey's stored form: AES-256-GCM under a key from APP_SECRET, bound to the account id. */
export function sealTotpKey(config: Pick<Config, "appSecret">, accountId: string, key: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encrypt(config.appSecret, "totp-key-at-rest", key, `totp:${accountId}`));
}

/** The raw key from Account.totpKey, or null if it cannot be decrypted (other secret, other row, tampered). */
export function openStoredTotpKey(config: Pick<Config, "appSecret">, accountId: string, sealed: Uint8Array): Uint8Array | null {
  return decrypt(config.appSecret, "totp-key-at-rest", sealed, `totp:${accountId}`);
}

/**
 * Stores a TOTP key for an account without the enrolment pages — for the demo seed and an
 * admin CLI only; people enrol through begin/confirmTotpEnrolment.
 */
export async function storeTotpKey(
  deps: Pick<Services, "prisma" | "config" | "now">,
  accountId: string,
  key: Uint8Array,
): Promise<void> {
  await deps.prisma.account.update({
    where: { id: accountId },
    data: { totpKey: sealTotpKey(deps.config, accountId, key), totpEnrolledAt: deps.now() },
  });
}

function storedKey(deps: AccountsDeps, accountId: string, sealed: Uint8Array): Uint8Array {
  const key = openStoredTotpKey(deps.config, accountId, sealed);
  // Only a changed APP_SECRET or a tampered row gets here: an operator problem, not a user one.
  if (!key) throw new Error(`TOTP key for account ${accountId} cannot be decrypted: was APP_SECRET changed?`);
  return key;
}

function recoveryCodeHash(appSecret: string, accountId: string, code: string): string {
  return hmacHex(appSecret, "recovery-code", `${accountId}\u0000${code}`);
}

async function staffSession(deps: AccountsDeps, sessionId: string) {
  const session = await loadLiveSession(deps, deps.prisma, sessionId);
  return session && session.isStaff ? session : null;
}

// ───────────────────────────── enrolment ─────────────────────────────

export type BeginTotpEnrolmentReason = "session_invalid" | "already_enrolled";

export interface TotpEnrolment {
  /** Put in a hidden form field and send back to `confirmTotpEnrolment`. Opaque. */
  pendingKey: string;
  /** otpauth:// URI, as the QR code encodes it. */
  keyUri: string;
  /** An <svg> string to embed; the page must not be cached. */
  qrSvg: string;
  /** The key in base32, grouped in fours, for typing into the app by hand. */
  manualEntryKey: string;
}

/**
 * Starts (or, given the pendingKey from a previous attempt, re-displays) enrolment for an
 * account that has no authenticator yet. The session may be pending or verified.
 */
export async function beginTotpEnrolment(
  deps: AccountsDeps,
  input: { sessionId: string; pendingKey?: string | null },
): Promise<Result<TotpEnrolment, BeginTotpEnrolmentReason>> {
  const session = await staffSession(deps, input.sessionId);
  if (!session) return err("session_invalid");
  const account = await deps.prisma.account.findUniqueOrThrow({
    where: { id: session.accountId },
    select: { email: true, totpKey: true },
  });
  if (account.totpKey) return err("already_enrolled");

  const now = deps.now();
  const reopened = input.pendingKey ? openPendingKey(deps.config.appSecret, session.id, input.pendingKey, now) : null;
  const key = reopened?.key ?? randomKey(KEY_BYTES);
  const pendingKey = sealPendingKey(deps.config.appSecret, session.id, key, reopened?.issuedAt ?? now);
  const keyUri = createTOTPKeyURI(TOTP_ISSUER, account.email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const qrSvg = await QRCode.toString(keyUri, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  return ok({ pendingKey, keyUri, qrSvg, manualEntryKey: groupForManualEntry(encodeBase32UpperCaseNoPadding(key)) });
}

export type ConfirmTotpEnrolmentReason =
  | "session_invalid"
  | "already_enrolled"
  | "enrolment_expired"
  | "invalid_code"
  | "wrong_code"
  | "rate_limited";

/**
 * Checks the first code from the app against the pending key, then stores the key (encrypted),
 * replaces any recovery codes with 10 new ones and marks this session verified.
 * The plain recovery codes are returned once and never again.
 */
export async function confirmTotpEnrolment(
  deps: AccountsDeps,
  input: { sessionId: string; pendingKey: string; code: string },
): Promise<Result<{ recoveryCodes: string[] }, ConfirmTotpEnrolmentReason>> {
  const parsed = parseSixDigitCode(input.code);
  if (!parsed.ok) return parsed;
  const session = await staffSession(deps, input.sessionId);
  if (!session) return err("session_invalid");
  const account = await deps.prisma.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { id: true, totpKey: true } });
  if (account.totpKey) return err("already_enrolled");
  const now = deps.now();
  const pending = openPendingKey(deps.config.appSecret, session.id, input.pendingKey, now);
  if (!pending) return err("enrolment_expired");

  const limit = await hitRateLimit(deps, secondFactorKey(account.id), SECOND_FACTOR_ATTEMPTS_PER_ACCOUNT);
  if (!limit.allowed) return err("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const step = matchTotp(pending.key, parsed.value, now);
  if (step === null) return err("wrong_code", { attemptsRemaining: limit.remaining });
  await claimTotpStep(deps, account.id, step);

  const plainCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBase32(RECOVERY_CODE_LENGTH));
  const sealedKey = sealTotpKey(deps.config, account.id, pending.key);
  const enrolled = await deps.prisma.$transaction(async (tx) => {
    // Conditional: two tabs confirming at once cannot both enrol (the second key would
    // silently replace the first one the person just scanned).
    const claimed = await tx.account.updateMany({
      where: { id: account.id, totpKey: null },
      data: { totpKey: sealedKey, totpEnrolledAt: now },
    });
    if (claimed.count === 0) return false;
    await tx.recoveryCode.deleteMany({ where: { accountId: account.id } });
    await tx.recoveryCode.createMany({
      data: plainCodes.map((code) => ({ accountId: account.id, codeHash: recoveryCodeHash(deps.config.appSecret, account.id, code) })),
    });
    await tx.session.updateMany({ where: { id: session.id }, data: { twoFactorVerified: true } });
    await tx.auditEvent.create({
      data: { councilId: null, actorId: account.id, action: "account.totp_enrolled", subjectType: "Account", subjectId: account.id, createdAt: now },
    });
    return true;
  });
  if (!enrolled) return err("already_enrolled");
  await clearRateLimit(deps, secondFactorKey(account.id));
  return ok({ recoveryCodes: plainCodes.map(formatRecoveryCode) });
}

// ───────────────────────────── sign-in ─────────────────────────────

export type VerifyTotpReason = "session_invalid" | "not_enrolled" | "invalid_code" | "wrong_code" | "used_code" | "rate_limited";

/**
 * The second step of a staff sign-in: a code from the authenticator app marks the session
 * twoFactorVerified, after which `getActor` accepts it.
 */
export async function verifyTotp(
  deps: AccountsDeps,
  input: { sessionId: string; code: string },
): Promise<Result<{ expiresAt: Date }, VerifyTotpReason>> {
  const parsed = parseSixDigitCode(input.code);
  if (!parsed.ok) return parsed;
  const session = await staffSession(deps, input.sessionId);
  if (!session) return err("session_invalid");
  const account = await deps.prisma.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { id: true, totpKey: true } });
  if (!account.totpKey) return err("not_enrolled");

  const limit = await hitRateLimit(deps, secondFactorKey(account.id), SECOND_FACTOR_ATTEMPTS_PER_ACCOUNT);
  if (!limit.allowed) return err("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const now = deps.now();
  const step = matchTotp(storedKey(deps, account.id, account.totpKey), parsed.value, now);
  if (step === null) return err("wrong_code", { attemptsRemaining: limit.remaining });
  if (!(await claimTotpStep(deps, account.id, step))) return err("used_code");

  const { count } = await deps.prisma.session.updateMany({ where: { id: session.id }, data: { twoFactorVerified: true } });
  if (count === 0) return err("session_invalid");
  await clearRateLimit(deps, secondFactorKey(account.id));
  return ok({ expiresAt: session.expiresAt });
}

export type UseRecoveryCodeReason = "session_invalid" | "not_enrolled" | "invalid_code" | "wrong_code" | "used_code" | "rate_limited";

/**
 * Instead of a TOTP code, when the phone is lost. Each code works once (conditional update, so
 * also under parallel requests). Returns how many are left so the page can suggest setting up
 * the app again.
 */
export async function useRecoveryCode(
  deps: AccountsDeps,
  input: { sessionId: string; code: string },
): Promise<Result<{ remaining: number; expiresAt: Date }, UseRecoveryCodeReason>> {
  const parsed = parseRecoveryCode(input.code);
  if (!parsed.ok) return parsed;
  const session = await staffSession(deps, input.sessionId);
  if (!session) return err("session_invalid");
  const account = await deps.prisma.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { id: true, totpKey: true } });
  if (!account.totpKey) return err("not_enrolled");

  const limit = await hitRateLimit(deps, secondFactorKey(account.id), SECOND_FACTOR_ATTEMPTS_PER_ACCOUNT);
  if (!limit.allowed) return err("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  const now = deps.now();
  const codeHash = recoveryCodeHash(deps.config.appSecret, account.id, parsed.value);
  const used = await deps.prisma.recoveryCode.updateMany({
    where: { accountId: account.id, codeHash, usedAt: null },
    data: { usedAt: now },
  });
  if (used.count === 0) {
    const spent = await deps.prisma.recoveryCode.findFirst({ where: { accountId: account.id, codeHash }, select: { id: true } });
    return spent ? err("used_code") : err("wrong_code", { attemptsRemaining: limit.remaining });
  }

  const remaining = await deps.prisma.$transaction(async (tx) => {
    await tx.session.updateMany({ where: { id: session.id }, data: { twoFactorVerified: true } });
    await tx.auditEvent.create({
      data: { councilId: null, actorId: account.id, action: "account.recovery_code_used", subjectType: "Account", subjectId: account.id, createdAt: now },
    });
    return tx.recoveryCode.count({ where: { accountId: account.id, usedAt: null } });
  });
  await clearRateLimit(deps, secondFactorKey(account.id));
  return ok({ remaining, expiresAt: session.expiresAt });
}
