// Residents sign in with a 6-digit code sent to their email address; there are no resident
// passwords. Controls (OWASP ASVS 5.0): codes expire after 10 minutes (6.5.5), are single-use
// (6.5.1), allow 5 guesses each and are rate-limited per address and per IP (6.6.3, 2.4.1),
// are stored only as an HMAC (a database dump cannot be brute-forced without the app secret),
// and requesting one never reveals whether the address has an account (6.3.8): nothing here
// even looks the account up — it is created on the first *successful* verification.
import {
  SIGN_IN_CODE_MAX_ATTEMPTS,
  SIGN_IN_CODE_TTL_MS,
  parseSixDigitCode,
} from "~/domain/accounts/codes.ts";
import { normaliseEmail } from "~/domain/accounts/email.ts";
import { signInCodeEmail } from "~/domain/accounts/messages.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { AccountsDeps } from "./deps.server.ts";
import { constantTimeEqual, hmacHex, randomSixDigits } from "./crypto.server.ts";
import { clearRateLimit, hitRateLimit, rateLimitKey, type RateLimitRule } from "./rate-limit.server.ts";
import { createSession } from "./sessions.server.ts";

const FIFTEEN_MINUTES = 15 * 60_000;
/** Codes sent to one address. Stops someone flooding a person's inbox. */
export const CODE_REQUESTS_PER_ADDRESS: RateLimitRule = { limit: 5, windowMs: FIFTEEN_MINUTES };
/** Codes requested from one IP address (a council office or library may share one IP). */
export const CODE_REQUESTS_PER_IP: RateLimitRule = { limit: 20, windowMs: FIFTEEN_MINUTES };
/** Verification attempts from one IP, across all addresses (stops spraying guesses). */
export const CODE_VERIFICATIONS_PER_IP: RateLimitRule = { limit: 50, windowMs: FIFTEEN_MINUTES };
/**
 * Guesses at one address's codes in a day, cleared by a successful sign-in. Without it, 5 codes
 * per 15 minutes × 5 guesses allows 2,400 guesses a day (0.24% chance a day of a 6-digit hit);
 * with it, 100 (0.01%). NIST SP 800-63B §5.2.2 caps consecutive failures at 100. Reaching it
 * takes 20 code emails to the victim, who will notice; the lock lifts by itself within a day.
 */
export const CODE_GUESSES_PER_ADDRESS: RateLimitRule = { limit: 100, windowMs: 24 * 60 * 60_000 };

export type RequestSignInCodeReason = "invalid_email" | "rate_limited";

export interface RequestSignInCodeInput {
  email: string;
  ip: string;
  /** Language of the page the request came from; the email is sent in it. */
  locale?: Locale;
  /** Shown in the email ("Your sign-in code for Trafford Council"). */
  councilName?: string;
}

function codeHash(appSecret: string, email: string, code: string): string {
  // The address is part of the MAC so a code is only ever good for the address it was sent to.
  return hmacHex(appSecret, "sign-in-code", `${email}\u0000${code}`);
}

/**
 * Emails a fresh code. The result is the same whether or not the address has an account,
 * and the work done is the same too (no account lookup at all), so neither the response nor
 * its timing tells an attacker who is registered. A new code replaces earlier unused ones.
 */
export async function requestSignInCode(
  deps: AccountsDeps,
  input: RequestSignInCodeInput,
): Promise<Result<{ email: string; expiresAt: Date }, RequestSignInCodeReason>> {
  const parsed = normaliseEmail(input.email);
  if (!parsed.ok) return parsed;
  const email = parsed.value;

  // IP first, so a flood from one address does not also use up the victim's per-address budget.
  const byIp = await hitRateLimit(deps, rateLimitKey(deps.config, "sign-in-code:ip", input.ip), CODE_REQUESTS_PER_IP);
  if (!byIp.allowed) return err("rate_limited", { retryAfterSeconds: byIp.retryAfterSeconds });
  const byEmail = await hitRateLimit(deps, rateLimitKey(deps.config, "sign-in-code:email", email), CODE_REQUESTS_PER_ADDRESS);
  if (!byEmail.allowed) return err("rate_limited", { retryAfterSeconds: byEmail.retryAfterSeconds });

  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_TTL_MS);
  const code = randomSixDigits();
  await deps.prisma.$transaction([
    // Only the newest code works: older live ones end now (they then read as "expired or replaced").
    deps.prisma.signInCode.updateMany({
      where: { email, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    }),
    deps.prisma.signInCode.create({
      data: { email, codeHash: codeHash(deps.config.appSecret, email, code), expiresAt, createdAt: now },
    }),
  ]);

  const content = signInCodeEmail({
    code,
    locale: input.locale ?? "en",
    councilName: input.councilName,
    minutes: SIGN_IN_CODE_TTL_MS / 60_000,
  });
  await deps.mailer.send({ to: email, subject: content.subject, text: content.text });
  return ok({ email, expiresAt });
}

export type VerifySignInCodeReason =
  | "invalid_email"
  | "invalid_code"
  | "rate_limited"
  | "wrong_code"
  | "expired_code"
  | "used_code"
  | "too_many_attempts";

export interface VerifySignInCodeInput {
  email: string;
  code: string;
  ip: string;
  /** The council whose site the person is signing in on: they become a resident of it. */
  councilId: string;
  /** Stored as the account's language when the account is created. */
  locale?: Locale;
}

export interface SignedIn {
  /** For the cookie (`sessionCookie`). */
  token: string;
  expiresAt: Date;
  sessionId: string;
  accountId: string;
  /** True when this sign-in created the account (a page may welcome them). */
  isNewAccount: boolean;
}

/**
 * Checks a code and signs the resident in. Every check is made against the database row with
 * a conditional update, so two requests racing with the same code cannot both succeed, and
 * parallel guesses cannot exceed the attempt limit:
 * - an attempt is *reserved* (attempts + 1 where attempts < 5) before the code is compared;
 * - success is claimed with "set usedAt where usedAt is null" — exactly one request wins.
 */
export async function verifySignInCode(
  deps: AccountsDeps,
  input: VerifySignInCodeInput,
): Promise<Result<SignedIn, VerifySignInCodeReason>> {
  const parsedEmail = normaliseEmail(input.email);
  if (!parsedEmail.ok) return parsedEmail;
  const email = parsedEmail.value;
  const parsedCode = parseSixDigitCode(input.code);
  if (!parsedCode.ok) return parsedCode;

  const byIp = await hitRateLimit(deps, rateLimitKey(deps.config, "sign-in-verify:ip", input.ip), CODE_VERIFICATIONS_PER_IP);
  if (!byIp.allowed) return err("rate_limited", { retryAfterSeconds: byIp.retryAfterSeconds });

  const now = deps.now();
  const latest = await deps.prisma.signInCode.findFirst({
    where: { email },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, codeHash: true, attempts: true, expiresAt: true, usedAt: true },
  });
  if (!latest) return err("expired_code");
  if (latest.usedAt) return err("used_code");
  if (latest.expiresAt.getTime() <= now.getTime()) return err("expired_code");

  const addressKey = rateLimitKey(deps.config, "sign-in-verify:email", email);
  const byAddress = await hitRateLimit(deps, addressKey, CODE_GUESSES_PER_ADDRESS);
  if (!byAddress.allowed) return err("rate_limited", { retryAfterSeconds: byAddress.retryAfterSeconds });

  const reserved = await deps.prisma.signInCode.updateMany({
    where: { id: latest.id, usedAt: null, expiresAt: { gt: now }, attempts: { lt: SIGN_IN_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (reserved.count === 0) {
    const current = await deps.prisma.signInCode.findUnique({ where: { id: latest.id }, select: { usedAt: true, attempts: true } });
    if (current?.usedAt) return err("used_code");
    if (current && current.attempts >= SIGN_IN_CODE_MAX_ATTEMPTS) return err("too_many_attempts");
    return err("expired_code");
  }

  const submitted = codeHash(deps.config.appSecret, email, parsedCode.value);
  if (!constantTimeEqual(submitted, latest.codeHash)) {
    // A code from an earlier email deserves a clearer message than "not correct".
    const older = await deps.prisma.signInCode.findFirst({
      where: { email, codeHash: submitted, id: { not: latest.id } },
      select: { usedAt: true },
    });
    if (older) return err(older.usedAt ? "used_code" : "expired_code");
    const after = await deps.prisma.signInCode.findUnique({ where: { id: latest.id }, select: { attempts: true } });
    const attemptsRemaining = Math.max(0, SIGN_IN_CODE_MAX_ATTEMPTS - (after?.attempts ?? SIGN_IN_CODE_MAX_ATTEMPTS));
    if (attemptsRemaining === 0) return err("too_many_attempts");
    return err("wrong_code", { attemptsRemaining });
  }

  const claimed = await deps.prisma.signInCode.updateMany({
    where: { id: latest.id, usedAt: null },
    data: { usedAt: now },
  });
  if (claimed.count === 0) return err("used_code");
  await clearRateLimit(deps, addressKey);

  const signedIn = await deps.prisma.$transaction(async (tx) => {
    const existing = await tx.account.findUnique({ where: { email }, select: { id: true } });
    const account =
      existing ??
      (await tx.account.upsert({
        where: { email },
        create: { email, locale: input.locale ?? "en", createdAt: now },
        update: {},
        select: { id: true },
      }));
    await tx.membership.createMany({
      data: [{ accountId: account.id, councilId: input.councilId, role: "resident", createdAt: now }],
      skipDuplicates: true,
    });
    const { token, session } = await createSession(deps, tx, { accountId: account.id, kind: "resident" });
    return { token, expiresAt: session.expiresAt, sessionId: session.id, accountId: account.id, isNewAccount: !existing };
  });
  return ok(signedIn);
}

/** Deletes codes that expired more than a day ago. For a periodic job. */
export async function pruneSignInCodes(deps: Pick<AccountsDeps, "prisma" | "now">): Promise<number> {
  const { count } = await deps.prisma.signInCode.deleteMany({
    where: { expiresAt: { lt: new Date(deps.now().getTime() - 24 * 60 * 60_000) } },
  });
  return count;
}
