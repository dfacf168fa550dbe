import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getActor } from "./sessions.server.ts";
import { requestSignInCode, verifySignInCode } from "./sign-in-codes.server.ts";
import { openAccountsTestContext, type AccountsTestContext } from "./test-kit.server.ts";

const MIN = 60_000;

describe("emailed sign-in codes", () => {
  let ctx: AccountsTestContext;
  let n = 0;
  // Each test uses fresh addresses and IPs so rate limits from one test do not leak into another.
  let ip: string;
  const fresh = (name: string) => `${name}.${++n}@example.com`;

  beforeAll(async () => {
    ctx = await openAccountsTestContext();
  });
  afterAll(async () => {
    await ctx.db.close();
  });
  beforeEach(() => {
    ip = `203.0.113.${++n}`;
  });

  async function request(email: string, extra: Partial<Parameters<typeof requestSignInCode>[1]> = {}) {
    const result = await requestSignInCode(ctx.deps, { email, ip, ...extra });
    expect(result.ok).toBe(true);
    return ctx.mailer.lastCode(email.toLowerCase());
  }

  it("emails a code and stores only a keyed hash of it", async () => {
    const email = fresh("hash");
    const code = await request(email);
    const rows = await ctx.db.prisma.signInCode.findMany({ where: { email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0]?.expiresAt).toEqual(new Date(ctx.clock.now().getTime() + 10 * MIN));
  });

  it("behaves identically for addresses with and without an account, and creates no account", async () => {
    const known = fresh("known");
    await ctx.db.prisma.account.create({ data: { email: known } });
    const unknown = fresh("unknown");
    const accountsBefore = await ctx.db.prisma.account.count();

    const a = await requestSignInCode(ctx.deps, { email: known, ip: "198.51.100.1", councilName: "Trafford Council" });
    const b = await requestSignInCode(ctx.deps, { email: unknown, ip: "198.51.100.2", councilName: "Trafford Council" });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(Object.keys(a.value)).toEqual(Object.keys(b.value));
    expect(a.value.expiresAt).toEqual(b.value.expiresAt);

    const redact = (to: string) => {
      const email = ctx.mailer.sent.filter((e) => e.to === to).at(-1);
      return { subject: email?.subject, text: email?.text.replace(/^\d{6}$/m, "CODE") };
    };
    expect(redact(known)).toEqual(redact(unknown));
    expect(await ctx.db.prisma.account.count()).toBe(accountsBefore);
  });

  it("refuses a malformed address without sending anything", async () => {
    const sent = ctx.mailer.sent.length;
    expect(await requestSignInCode(ctx.deps, { email: "not an email", ip })).toEqual({ ok: false, reason: "invalid_email" });
    expect(ctx.mailer.sent.length).toBe(sent);
  });

  it("writes the email in Welsh when the page was in Welsh", async () => {
    const email = fresh("cymraeg");
    await request(email, { locale: "cy" });
    expect(ctx.mailer.sent.at(-1)?.subject).toContain("Eich cod mewngofnodi");
  });

  it("rate-limits codes per address (5 in 15 minutes)", async () => {
    const email = fresh("flood");
    for (let i = 0; i < 5; i++) {
      expect((await requestSignInCode(ctx.deps, { email, ip: `192.0.2.${i}` })).ok).toBe(true);
    }
    const limited = await requestSignInCode(ctx.deps, { email, ip: "192.0.2.99" });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited", detail: { retryAfterSeconds: 15 * 60 } });
    ctx.clock.advance(15 * MIN);
    expect((await requestSignInCode(ctx.deps, { email, ip: "192.0.2.99" })).ok).toBe(true);
  });

  it("rate-limits codes per IP address (20 in 15 minutes)", async () => {
    for (let i = 0; i < 20; i++) expect((await requestSignInCode(ctx.deps, { email: fresh("ip"), ip })).ok).toBe(true);
    expect(await requestSignInCode(ctx.deps, { email: fresh("ip"), ip })).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("signs a new resident in, creating the account and a resident membership of this council", async () => {
    const email = fresh("new");
    const code = await request(email.toUpperCase());
    const result = await verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId, locale: "cy" });
    expect(result).toMatchObject({ ok: true, value: { isNewAccount: true } });
    if (!result.ok) return;
    const account = await ctx.db.prisma.account.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    expect(account.locale).toBe("cy");
    expect(account.memberships.map((m) => [m.councilId, m.role])).toEqual([[ctx.councilId, "resident"]]);

    const actor = await getActor(ctx.deps, result.value.token);
    expect(actor?.account.email).toBe(email);
    expect(actor?.roles).toEqual([{ councilId: ctx.councilId, role: "resident" }]);
    expect(result.value.expiresAt).toEqual(new Date(ctx.clock.now().getTime() + 30 * 24 * 60 * MIN));
  });

  it("signs an existing resident in on another council and adds that membership", async () => {
    const email = fresh("existing");
    const first = await verifySignInCode(ctx.deps, { email, code: await request(email), ip, councilId: ctx.councilId });
    expect(first.ok).toBe(true);
    const second = await verifySignInCode(ctx.deps, { email, code: await request(email), ip, councilId: ctx.otherCouncilId });
    expect(second).toMatchObject({ ok: true, value: { isNewAccount: false } });
    const memberships = await ctx.db.prisma.membership.findMany({ where: { account: { email } } });
    expect(memberships.map((m) => m.councilId).sort()).toEqual([ctx.councilId, ctx.otherCouncilId].sort());
    expect(await ctx.db.prisma.account.count({ where: { email } })).toBe(1);
  });

  it("accepts a code once only", async () => {
    const email = fresh("once");
    const code = await request(email);
    expect((await verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId })).ok).toBe(true);
    expect(await verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId })).toEqual({ ok: false, reason: "used_code" });
  });

  it("lets exactly one of several parallel verifications of the same code succeed", async () => {
    const email = fresh("race");
    const code = await request(email);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["used_code", "used_code", "used_code"]);
    expect(await ctx.db.prisma.session.count({ where: { account: { email } } })).toBe(1);
  });

  it("expires a code after 10 minutes", async () => {
    const email = fresh("late");
    const code = await request(email);
    ctx.clock.advance(10 * MIN);
    expect(await verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId })).toEqual({ ok: false, reason: "expired_code" });

    const email2 = fresh("justintime");
    const code2 = await request(email2);
    ctx.clock.advance(10 * MIN - 1);
    expect((await verifySignInCode(ctx.deps, { email: email2, code: code2, ip, councilId: ctx.councilId })).ok).toBe(true);
  });

  it("counts wrong codes and kills the code after 5", async () => {
    const email = fresh("guess");
    const code = await request(email);
    const wrong = code === "000000" ? "111111" : "000000";
    const reasons = [];
    for (let i = 0; i < 5; i++) {
      const r = await verifySignInCode(ctx.deps, { email, code: wrong, ip, councilId: ctx.councilId });
      reasons.push(r.ok ? "ok" : [r.reason, r.detail]);
    }
    expect(reasons).toEqual([
      ["wrong_code", { attemptsRemaining: 4 }],
      ["wrong_code", { attemptsRemaining: 3 }],
      ["wrong_code", { attemptsRemaining: 2 }],
      ["wrong_code", { attemptsRemaining: 1 }],
      ["too_many_attempts", undefined],
    ]);
    // Even the right code no longer works.
    expect(await verifySignInCode(ctx.deps, { email, code, ip, councilId: ctx.councilId })).toEqual({ ok: false, reason: "too_many_attempts" });
    const row = await ctx.db.prisma.signInCode.findFirstOrThrow({ where: { email } });
    expect(row.attempts).toBe(5);
    expect(row.usedAt).toBeNull();
  });

  it("never allows more than 5 guesses, even in parallel", async () => {
    const email = fresh("parallelguess");
    const code = await request(email);
    const guesses = Array.from({ length: 30 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(guesses.map((g) => verifySignInCode(ctx.deps, { email, code: g, ip, councilId: ctx.councilId })));
    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await ctx.db.prisma.signInCode.findFirstOrThrow({ where: { email } });
    expect(row.attempts).toBe(5);
  });

  it("does not spend an attempt on a malformed code", async () => {
    const email = fresh("typo");
    await request(email);
    expect(await verifySignInCode(ctx.deps, { email, code: "12345", ip, councilId: ctx.councilId })).toEqual({ ok: false, reason: "invalid_code" });
    expect((await ctx.db.prisma.signInCode.findFirstOrThrow({ where: { email } })).attempts).toBe(0);
  });

  it("replaces an earlier code with a newer one", async () => {
    const email = fresh("twice");
    const first = await request(email);
    ctx.clock.advance(MIN);
    const second = await request(email);
    if (first !== second) {
      expect(await verifySignInCode(ctx.deps, { email, code: first, ip, councilId: ctx.councilId })).toEqual({ ok: false, reason: "expired_code" });
    }
    expect((await verifySignInCode(ctx.deps, { email, code: second, ip, councilId: ctx.councilId })).ok).toBe(true);
  });

  it("says the code expired when none was requested", async () => {
    expect(await verifySignInCode(ctx.deps, { email: fresh("never"), code: "123456", ip, councilId: ctx.councilId })).toEqual({
      ok: false,
      reason: "expired_code",
    });
  });

  it("caps guesses at one address's codes at 100 a day, from any number of IPs", async () => {
    const email = fresh("targeted");
    let guesses = 0;
    // 20 codes × 5 guesses, each code requested 15 minutes after the last (the per-address request limit).
    for (let c = 0; c < 20; c++) {
      const right = await request(email);
      const wrong = right === "000000" ? "111111" : "000000";
      for (let g = 0; g < 5; g++) {
        const r = await verifySignInCode(ctx.deps, { email, code: wrong, ip: `10.${c}.${g}.1`, councilId: ctx.councilId });
        if (!r.ok && r.reason !== "rate_limited") guesses++;
      }
      ctx.clock.advance(15 * MIN);
    }
    expect(guesses).toBe(100);
    const code = await request(email);
    expect(await verifySignInCode(ctx.deps, { email, code, ip: "10.99.0.1", councilId: ctx.councilId })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("rate-limits verification per IP address", async () => {
    for (let i = 0; i < 50; i++) await verifySignInCode(ctx.deps, { email: fresh("spray"), code: "123456", ip, councilId: ctx.councilId });
    expect(await verifySignInCode(ctx.deps, { email: fresh("spray"), code: "123456", ip, councilId: ctx.councilId })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });
});
