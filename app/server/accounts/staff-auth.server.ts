// Staff (officers, moderators, panel members, admins) sign in with email + password, then a
// TOTP code (totp.server.ts). OWASP ASVS 5.0 L2 requires MFA for them (6.3.3).
//
// Lock-out (ASVS 6.1.1, 6.3.1): 5 failed passwords for one address in 15 minutes lock that
// address for the rest of the window; a correct password clears the count. 30 attempts per IP
// in 15 minutes. The lock always expires by itself, so an attacker cannot lock a colleague
// out for longer than 15 minutes at a time, and never permanently.
import { normaliseEmail } from "~/domain/accounts/email.ts";
import { checkNewPassword, normalisePassword, PASSWORD_MAX_LENGTH, type PasswordReason } from "~/domain/accounts/password.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { AccountsDeps } from "./deps.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password-hash.server.ts";
import { clearRateLimit, hitRateLimit, rateLimitKey, type RateLimitRule } from "./rate-limit.server.ts";
import { createSession, loadLiveSession } from "./sessions.server.ts";

const FIFTEEN_MINUTES = 15 * 60_000;
export const PASSWORD_FAILURES_PER_ADDRESS: RateLimitRule = { limit: 5, windowMs: FIFTEEN_MINUTES };
export const PASSWORD_ATTEMPTS_PER_IP: RateLimitRule = { limit: 30, windowMs: FIFTEEN_MINUTES };
export const PASSWORD_CHANGES_PER_ACCOUNT: RateLimitRule = { limit: 5, windowMs: FIFTEEN_MINUTES };

export type SignInWithPasswordReason = "invalid_email" | "rate_limited" | "invalid_credentials" | "not_staff";

export interface PasswordSignIn {
  /** For the cookie. The session is *pending*: only the TOTP pages accept it. */
  token: string;
  expiresAt: Date;
  sessionId: string;
  accountId: string;
  /** True when the account has no authenticator yet: go to enrolment, not to the code page. */
  needsTotpEnrolment: boolean;
}

/**
 * Checks an email and password. On success creates a staff session with
 * twoFactorVerified = false. Wrong address and wrong password give the same reason and take
 * about the same time (argon2 runs against a dummy hash when there is no account).
 * The route should delete any session it already had (`invalidateSession`) before setting
 * the new cookie: a new token on every sign-in (ASVS 7.2.4) prevents session fixation.
 */
export async function signInWithPassword(
  deps: AccountsDeps,
  input: { email: string; password: string; ip: string },
): Promise<Result<PasswordSignIn, SignInWithPasswordReason>> {
  const parsed = normaliseEmail(input.email);
  if (!parsed.ok) return parsed;
  const email = parsed.value;

  const byIp = await hitRateLimit(deps, rateLimitKey(deps.config, "staff-sign-in:ip", input.ip), PASSWORD_ATTEMPTS_PER_IP);
  if (!byIp.allowed) return err("rate_limited", { retryAfterSeconds: byIp.retryAfterSeconds });
  const addressKey = rateLimitKey(deps.config, "staff-sign-in:email", email);
  const byAddress = await hitRateLimit(deps, addressKey, PASSWORD_FAILURES_PER_ADDRESS);
  if (!byAddress.allowed) return err("rate_limited", { retryAfterSeconds: byAddress.retryAfterSeconds });

  const password = normalisePassword(input.password);
  const account = await deps.prisma.account.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, totpKey: true, memberships: { where: { role: { not: "resident" } }, select: { role: true } } },
  });
  // Absurdly long input is refused without hashing; it reveals nothing about the account.
  if (password.length === 0 || password.length > PASSWORD_MAX_LENGTH * 4) return err("invalid_credentials");
  if (!account?.passwordHash) {
    await verifyAgainstDummy(password);
    return err("invalid_credentials");
  }
  if (!(await verifyPassword(account.passwordHash, password))) return err("invalid_credentials");

  // The password was right: stop counting failures for this address.
  await clearRateLimit(deps, addressKey);
  if (account.memberships.length === 0) return err("not_staff");

  const { token, session } = await createSession(deps, deps.prisma, { accountId: account.id, kind: "staff", twoFactorVerified: false });
  return ok({
    token,
    expiresAt: session.expiresAt,
    sessionId: session.id,
    accountId: account.id,
    needsTotpEnrolment: account.totpKey === null,
  });
}

export type ChangePasswordReason = "session_invalid" | "rate_limited" | "wrong_password" | PasswordReason;

/**
 * Changes a staff member's password. Requires a fully signed-in staff session and the current
 * password (ASVS 6.2.3). Every session of the account is deleted — including any an attacker
 * may hold (ASVS 7.4.3) — and a replacement session is returned for this browser, with the
 * same absolute limit as the one it replaces.
 */
export async function changePassword(
  deps: AccountsDeps,
  input: { sessionId: string; currentPassword: string; newPassword: string },
): Promise<Result<{ token: string; expiresAt: Date; sessionId: string }, ChangePasswordReason>> {
  const session = await loadLiveSession(deps, deps.prisma, input.sessionId);
  if (!session || !session.isStaff || !session.twoFactorVerified) return err("session_invalid");

  const limit = await hitRateLimit(deps, `password-change:${session.accountId}`, PASSWORD_CHANGES_PER_ACCOUNT);
  if (!limit.allowed) return err("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });

  const account = await deps.prisma.account.findUniqueOrThrow({
    where: { id: session.accountId },
    select: { id: true, email: true, passwordHash: true },
  });
  const current = normalisePassword(input.currentPassword);
  if (!account.passwordHash || !(await verifyPassword(account.passwordHash, current))) return err("wrong_password");

  const checked = checkNewPassword(input.newPassword, { email: account.email });
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(checked.value);

  const now = deps.now();
  const replacement = await deps.prisma.$transaction(async (tx) => {
    await tx.account.update({ where: { id: account.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { accountId: account.id } });
    await tx.auditEvent.create({
      data: { councilId: null, actorId: account.id, action: "account.password_changed", subjectType: "Account", subjectId: account.id, createdAt: now },
    });
    return createSession(deps, tx, {
      accountId: account.id,
      kind: "staff",
      twoFactorVerified: true,
      absoluteExpiresAtCap: session.absoluteExpiresAt,
    });
  });
  return ok({ token: replacement.token, expiresAt: replacement.session.expiresAt, sessionId: replacement.session.id });
}
