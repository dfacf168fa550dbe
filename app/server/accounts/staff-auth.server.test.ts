import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "./password-hash.server.ts";
import { getActor, getPendingStaffSession, validateSessionToken } from "./sessions.server.ts";
import { changePassword, signInWithPassword } from "./staff-auth.server.ts";
import { openAccountsTestContext, type AccountsTestContext } from "./test-kit.server.ts";
import { randomKey } from "./crypto.server.ts";
import { beginTotpEnrolment, confirmTotpEnrolment, openStoredTotpKey, storeTotpKey, useRecoveryCode, verifyTotp } from "./totp.server.ts";

const MIN = 60_000;
const PASSWORD = "lantern orchard velvet 42";

/** The code an authenticator app would show at the test clock's time. */
function codeAt(key: Uint8Array, now: Date, stepOffset = 0): string {
  return generateHOTP(key, BigInt(Math.floor(now.getTime() / 30_000) + stepOffset), 6);
}

function keyFromUri(uri: string): Uint8Array {
  const secret = new URL(uri).searchParams.get("secret");
  if (!secret) throw new Error("no secret in URI");
  return decodeBase32IgnorePadding(secret);
}

describe("staff sign-in: password, then TOTP", () => {
  let ctx: AccountsTestContext;
  let n = 0;
  const ip = () => `198.51.100.${++n}`;

  async function seedStaff(email: string, role: "officer" | "admin" | "panel_member" = "officer") {
    const account = await ctx.db.prisma.account.create({ data: { email, passwordHash: await hashPassword(PASSWORD) } });
    await ctx.db.prisma.membership.create({ data: { accountId: account.id, councilId: ctx.councilId, role } });
    return account;
  }

  /** Signs in with the password and enrols TOTP; returns the key and recovery codes. */
  async function enrolled(email: string) {
    await seedStaff(email);
    const signIn = await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() });
    if (!signIn.ok) throw new Error(signIn.reason);
    const begun = await beginTotpEnrolment(ctx.deps, { sessionId: signIn.value.sessionId });
    if (!begun.ok) throw new Error(begun.reason);
    const key = keyFromUri(begun.value.keyUri);
    const confirmed = await confirmTotpEnrolment(ctx.deps, {
      sessionId: signIn.value.sessionId,
      pendingKey: begun.value.pendingKey,
      code: codeAt(key, ctx.clock.now()),
    });
    if (!confirmed.ok) throw new Error(confirmed.reason);
    // Move past the step just used, as a person signing in later would be.
    ctx.clock.advance(2 * MIN);
    return { key, recoveryCodes: confirmed.value.recoveryCodes, token: signIn.value.token };
  }

  async function pending(email: string) {
    const signIn = await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() });
    if (!signIn.ok) throw new Error(signIn.reason);
    return signIn.value;
  }

  beforeAll(async () => {
    ctx = await openAccountsTestContext();
  });
  afterAll(async () => {
    await ctx.db.close();
  });

  it("enrols with a code from @oslojs/otp end to end and then signs in with TOTP", async () => {
    // Real time here, so generateTOTP (which reads the system clock) and the use case agree.
    ctx.clock.set(new Date());
    const email = "e2e.officer@trafford.gov.uk";
    await seedStaff(email);

    const signIn = await signInWithPassword(ctx.deps, { email: " E2E.Officer@Trafford.gov.uk ", password: PASSWORD, ip: ip() });
    expect(signIn).toMatchObject({ ok: true, value: { needsTotpEnrolment: true } });
    if (!signIn.ok) return;
    expect(await getActor(ctx.deps, signIn.value.token)).toBeNull();
    expect(await getPendingStaffSession(ctx.deps, signIn.value.token)).not.toBeNull();

    const begun = await beginTotpEnrolment(ctx.deps, { sessionId: signIn.value.sessionId });
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    expect(begun.value.keyUri).toMatch(/^otpauth:\/\/totp\/Commonweal:e2e\.officer%40trafford\.gov\.uk\?/);
    expect(new URL(begun.value.keyUri).searchParams.get("issuer")).toBe("Commonweal");
    expect(begun.value.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const key = keyFromUri(begun.value.keyUri);
    expect(key).toHaveLength(20);
    expect(decodeBase32IgnorePadding(begun.value.manualEntryKey.replaceAll(" ", ""))).toEqual(key);

    // Re-displaying with the pending key keeps the same key (the person may have scanned it).
    const again = await beginTotpEnrolment(ctx.deps, { sessionId: signIn.value.sessionId, pendingKey: begun.value.pendingKey });
    expect(again.ok && keyFromUri(again.value.keyUri)).toEqual(key);

    const wrong = await confirmTotpEnrolment(ctx.deps, {
      sessionId: signIn.value.sessionId,
      pendingKey: begun.value.pendingKey,
      code: String((Number(generateTOTP(key, 30, 6)) + 500_000) % 1_000_000).padStart(6, "0"),
    });
    expect(wrong).toMatchObject({ ok: false, reason: "wrong_code" });

    const confirmed = await confirmTotpEnrolment(ctx.deps, {
      sessionId: signIn.value.sessionId,
      pendingKey: begun.value.pendingKey,
      code: generateTOTP(key, 30, 6),
    });
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.value.recoveryCodes).toHaveLength(10);
    for (const code of confirmed.value.recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(new Set(confirmed.value.recoveryCodes).size).toBe(10);

    // The enrolling session is now signed in, with staff roles.
    const actor = await getActor(ctx.deps, signIn.value.token);
    expect(actor?.roles).toEqual([{ councilId: ctx.councilId, role: "officer" }]);

    // At rest: the key is encrypted, the recovery codes are hashes.
    const account = await ctx.db.prisma.account.findUniqueOrThrow({ where: { email }, include: { recoveryCodes: true } });
    expect(account.totpKey).not.toBeNull();
    expect(Buffer.from(account.totpKey!).includes(Buffer.from(key))).toBe(false);
    expect(account.totpKey!.length).toBe(1 + 12 + 20 + 16);
    expect(account.totpEnrolledAt).not.toBeNull();
    expect(account.recoveryCodes).toHaveLength(10);
    const stored = JSON.stringify(account.recoveryCodes);
    for (const code of confirmed.value.recoveryCodes) expect(stored).not.toContain(code.replace("-", ""));
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "account.totp_enrolled", subjectId: account.id } })).toBe(1);

    // Next sign-in: no enrolment; TOTP from the app.
    ctx.clock.set(new Date(Date.now() + 60_000));
    const next = await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() });
    expect(next).toMatchObject({ ok: true, value: { needsTotpEnrolment: false } });
    if (!next.ok) return;
    expect(await beginTotpEnrolment(ctx.deps, { sessionId: next.value.sessionId })).toEqual({ ok: false, reason: "already_enrolled" });
    const verified = await verifyTotp(ctx.deps, { sessionId: next.value.sessionId, code: codeAt(key, ctx.clock.now()) });
    expect(verified.ok).toBe(true);
    expect((await getActor(ctx.deps, next.value.token))?.account.email).toBe(email);
  });

  it("refuses wrong passwords and unknown addresses with the same reason", async () => {
    await seedStaff("wrongpw@trafford.gov.uk");
    await ctx.db.prisma.account.create({ data: { email: "resident.only@example.com" } });
    const results = await Promise.all([
      signInWithPassword(ctx.deps, { email: "wrongpw@trafford.gov.uk", password: "not the password at all", ip: ip() }),
      signInWithPassword(ctx.deps, { email: "nobody@trafford.gov.uk", password: PASSWORD, ip: ip() }),
      signInWithPassword(ctx.deps, { email: "resident.only@example.com", password: PASSWORD, ip: ip() }),
      signInWithPassword(ctx.deps, { email: "wrongpw@trafford.gov.uk", password: "", ip: ip() }),
    ]);
    for (const r of results) expect(r).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await signInWithPassword(ctx.deps, { email: "nope", password: PASSWORD, ip: ip() })).toEqual({ ok: false, reason: "invalid_email" });
  });

  it("spends comparable time on unknown addresses (dummy hash) as on wrong passwords", async () => {
    await seedStaff("timing@trafford.gov.uk");
    // Warm the dummy hash once.
    await signInWithPassword(ctx.deps, { email: "warm@trafford.gov.uk", password: "x", ip: ip() });
    const time = async (email: string) => {
      const t = performance.now();
      await signInWithPassword(ctx.deps, { email, password: "wrong password here", ip: ip() });
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time("timing@trafford.gov.uk"));
      unknown.push(await time(`ghost${i}@trafford.gov.uk`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // argon2 dominates both; without the dummy hash the unknown case would be ~10x faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    await ctx.db.prisma.rateLimit.deleteMany({});
  });

  it("refuses a correct password for an account with no staff role", async () => {
    const account = await ctx.db.prisma.account.create({
      data: { email: "former.officer@trafford.gov.uk", passwordHash: await hashPassword(PASSWORD) },
    });
    await ctx.db.prisma.membership.create({ data: { accountId: account.id, councilId: ctx.councilId, role: "resident" } });
    expect(await signInWithPassword(ctx.deps, { email: account.email, password: PASSWORD, ip: ip() })).toEqual({ ok: false, reason: "not_staff" });
  });

  it("locks an address for 15 minutes after 5 failed passwords, then lets the right password in", async () => {
    const email = "locked@trafford.gov.uk";
    await seedStaff(email);
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword(ctx.deps, { email, password: `wrong password ${i}`, ip: ip() })).toEqual({
        ok: false,
        reason: "invalid_credentials",
      });
    }
    const locked = await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() });
    expect(locked).toEqual({ ok: false, reason: "rate_limited", detail: { retryAfterSeconds: 15 * 60 } });
    ctx.clock.advance(15 * MIN);
    expect((await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() })).ok).toBe(true);
  });

  it("forgets earlier failures after a correct password", async () => {
    const email = "forgetful@trafford.gov.uk";
    await seedStaff(email);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) await signInWithPassword(ctx.deps, { email, password: "wrong wrong wrong", ip: ip() });
      expect((await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() })).ok).toBe(true);
    }
  });

  it("rate-limits password attempts per IP address", async () => {
    const address = "192.0.2.200";
    for (let i = 0; i < 30; i++) await signInWithPassword(ctx.deps, { email: `spray${i}@trafford.gov.uk`, password: "guess guess guess", ip: address });
    expect(await signInWithPassword(ctx.deps, { email: "spray-last@trafford.gov.uk", password: "x", ip: address })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("accepts TOTP codes one step either side, and each code only once", async () => {
    const email = "window@trafford.gov.uk";
    const { key } = await enrolled(email);

    const early = await pending(email);
    expect((await verifyTotp(ctx.deps, { sessionId: early.sessionId, code: codeAt(key, ctx.clock.now(), -1) })).ok).toBe(true);

    const late = await pending(email);
    expect((await verifyTotp(ctx.deps, { sessionId: late.sessionId, code: codeAt(key, ctx.clock.now(), 1) })).ok).toBe(true);

    const replay = await pending(email);
    expect(await verifyTotp(ctx.deps, { sessionId: replay.sessionId, code: codeAt(key, ctx.clock.now(), 1) })).toEqual({
      ok: false,
      reason: "used_code",
    });
    expect(await getActor(ctx.deps, replay.token)).toBeNull();

    const tooOld = await pending(email);
    expect(await verifyTotp(ctx.deps, { sessionId: tooOld.sessionId, code: codeAt(key, ctx.clock.now(), -2) })).toMatchObject({
      ok: false,
      reason: "wrong_code",
    });
  });

  it("lets only one of two parallel uses of the same TOTP code through", async () => {
    const email = "paralleltotp@trafford.gov.uk";
    const { key } = await enrolled(email);
    const a = await pending(email);
    const b = await pending(email);
    const code = codeAt(key, ctx.clock.now());
    const results = await Promise.all([
      verifyTotp(ctx.deps, { sessionId: a.sessionId, code }),
      verifyTotp(ctx.deps, { sessionId: b.sessionId, code }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("pauses after 5 wrong TOTP codes", async () => {
    const email = "totpguess@trafford.gov.uk";
    const { key } = await enrolled(email);
    const session = await pending(email);
    const right = codeAt(key, ctx.clock.now());
    const wrong = String((Number(right) + 3) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) {
      expect(await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: wrong })).toMatchObject({ ok: false, reason: "wrong_code" });
    }
    expect(await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: right })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: "12" })).toEqual({ ok: false, reason: "invalid_code" });
  });

  it("uses each recovery code once", async () => {
    const email = "recovery@trafford.gov.uk";
    const { recoveryCodes } = await enrolled(email);
    const first = await pending(email);
    const used = await useRecoveryCode(ctx.deps, { sessionId: first.sessionId, code: recoveryCodes[0]!.toUpperCase() });
    expect(used).toMatchObject({ ok: true, value: { remaining: 9 } });
    expect((await getActor(ctx.deps, first.token))?.account.email).toBe(email);

    const second = await pending(email);
    expect(await useRecoveryCode(ctx.deps, { sessionId: second.sessionId, code: recoveryCodes[0]! })).toEqual({ ok: false, reason: "used_code" });
    expect(await useRecoveryCode(ctx.deps, { sessionId: second.sessionId, code: "aaaaa-aaaaa" })).toMatchObject({ ok: false, reason: "wrong_code" });
    expect(await useRecoveryCode(ctx.deps, { sessionId: second.sessionId, code: "nope" })).toEqual({ ok: false, reason: "invalid_code" });

    // Two parallel uses of one code: exactly one wins.
    const third = await pending(email);
    const fourth = await pending(email);
    const race = await Promise.all([
      useRecoveryCode(ctx.deps, { sessionId: third.sessionId, code: recoveryCodes[1]! }),
      useRecoveryCode(ctx.deps, { sessionId: fourth.sessionId, code: recoveryCodes[1]! }),
    ]);
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "account.recovery_code_used" } })).toBe(2);
  });

  it("refuses a pending key that was altered, belongs to another session, or is over 15 minutes old", async () => {
    const email = "pendingkey@trafford.gov.uk";
    await seedStaff(email);
    const a = await pending(email);
    const b = await pending(email);
    const begun = await beginTotpEnrolment(ctx.deps, { sessionId: a.sessionId });
    if (!begun.ok) throw new Error(begun.reason);
    const key = keyFromUri(begun.value.keyUri);
    const code = () => codeAt(key, ctx.clock.now());

    const flipped = begun.value.pendingKey.slice(0, -2) + (begun.value.pendingKey.endsWith("A") ? "BB" : "AA");
    expect(await confirmTotpEnrolment(ctx.deps, { sessionId: a.sessionId, pendingKey: flipped, code: code() })).toEqual({
      ok: false,
      reason: "enrolment_expired",
    });
    expect(await confirmTotpEnrolment(ctx.deps, { sessionId: b.sessionId, pendingKey: begun.value.pendingKey, code: code() })).toEqual({
      ok: false,
      reason: "enrolment_expired",
    });
    expect(await confirmTotpEnrolment(ctx.deps, { sessionId: a.sessionId, pendingKey: "garbage!", code: code() })).toEqual({
      ok: false,
      reason: "enrolment_expired",
    });
    // 16 minutes on: session `a` is still alive (30 minutes idle), the pending key is not.
    ctx.clock.advance(16 * MIN);
    expect(await confirmTotpEnrolment(ctx.deps, { sessionId: a.sessionId, pendingKey: begun.value.pendingKey, code: code() })).toEqual({
      ok: false,
      reason: "enrolment_expired",
    });
    // A fresh start issues a new key rather than reviving the stale one.
    const restarted = await beginTotpEnrolment(ctx.deps, { sessionId: a.sessionId, pendingKey: begun.value.pendingKey });
    expect(restarted.ok && keyFromUri(restarted.value.keyUri)).not.toEqual(key);
  });

  it("stores a key directly (demo seed) bound to its account", async () => {
    const email = "seeded@trafford.gov.uk";
    const account = await seedStaff(email);
    const key = randomKey(20);
    await storeTotpKey(ctx.deps, account.id, key);
    const row = await ctx.db.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(openStoredTotpKey(ctx.deps.config, account.id, row.totpKey!)).toEqual(key);
    expect(openStoredTotpKey(ctx.deps.config, "another-account", row.totpKey!)).toBeNull();
    const session = await pending(email);
    expect(session.needsTotpEnrolment).toBe(false);
    expect((await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: codeAt(key, ctx.clock.now()) })).ok).toBe(true);
  });

  it("does not accept TOTP for an account that never enrolled, or for a resident session", async () => {
    const email = "noenrol@trafford.gov.uk";
    await seedStaff(email);
    const session = await pending(email);
    expect(await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: "123456" })).toEqual({ ok: false, reason: "not_enrolled" });
    expect(await verifyTotp(ctx.deps, { sessionId: "0".repeat(64), code: "123456" })).toEqual({ ok: false, reason: "session_invalid" });
  });

  it("pending staff sessions expire after 30 idle minutes like any staff session", async () => {
    const email = "slow@trafford.gov.uk";
    const { key } = await enrolled(email);
    const session = await pending(email);
    ctx.clock.advance(30 * MIN);
    expect(await verifyTotp(ctx.deps, { sessionId: session.sessionId, code: codeAt(key, ctx.clock.now()) })).toEqual({
      ok: false,
      reason: "session_invalid",
    });
  });

  it("changes the password, ending every other session", async () => {
    const email = "changer@trafford.gov.uk";
    const { key, token: enrolToken } = await enrolled(email);
    const other = await pending(email);
    const current = await pending(email);
    expect((await verifyTotp(ctx.deps, { sessionId: current.sessionId, code: codeAt(key, ctx.clock.now()) })).ok).toBe(true);

    expect(await changePassword(ctx.deps, { sessionId: other.sessionId, currentPassword: PASSWORD, newPassword: "a brand new passphrase" })).toEqual({
      ok: false,
      reason: "session_invalid",
    });
    expect(await changePassword(ctx.deps, { sessionId: current.sessionId, currentPassword: "wrong", newPassword: "a brand new passphrase" })).toEqual({
      ok: false,
      reason: "wrong_password",
    });
    expect(await changePassword(ctx.deps, { sessionId: current.sessionId, currentPassword: PASSWORD, newPassword: "short" })).toMatchObject({
      ok: false,
      reason: "password_too_short",
    });

    const changed = await changePassword(ctx.deps, { sessionId: current.sessionId, currentPassword: PASSWORD, newPassword: "a brand new passphrase" });
    expect(changed.ok).toBe(true);
    if (!changed.ok) return;
    for (const token of [enrolToken, other.token, current.token]) expect(await validateSessionToken(ctx.deps, token)).toBeNull();
    const actor = await getActor(ctx.deps, changed.value.token);
    expect(actor?.session.absoluteExpiresAt?.getTime()).toBeLessThanOrEqual(ctx.clock.now().getTime() + 12 * 60 * MIN);
    expect(await ctx.db.prisma.session.count({ where: { account: { email } } })).toBe(1);

    expect(await signInWithPassword(ctx.deps, { email, password: PASSWORD, ip: ip() })).toEqual({ ok: false, reason: "invalid_credentials" });
    expect((await signInWithPassword(ctx.deps, { email, password: "a brand new passphrase", ip: ip() })).ok).toBe(true);
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "account.password_changed" } })).toBe(1);
  });
});
