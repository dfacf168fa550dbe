import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "./crypto.server.ts";
import {
  createSession,
  getActor,
  getPendingStaffSession,
  invalidateAllSessions,
  invalidateSession,
  pruneExpiredSessions,
  validateSessionToken,
} from "./sessions.server.ts";
import { openAccountsTestContext, type AccountsTestContext } from "./test-kit.server.ts";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe("sessions", () => {
  let ctx: AccountsTestContext;
  let residentId: string;
  let staffId: string;

  beforeAll(async () => {
    ctx = await openAccountsTestContext();
    const resident = await ctx.db.prisma.account.create({ data: { email: "resident@example.com" } });
    residentId = resident.id;
    await ctx.db.prisma.membership.create({ data: { accountId: resident.id, councilId: ctx.councilId, role: "resident" } });
    const staff = await ctx.db.prisma.account.create({ data: { email: "officer@example.gov.uk", displayName: "Olu Officer" } });
    staffId = staff.id;
    await ctx.db.prisma.membership.createMany({
      data: [
        { accountId: staff.id, councilId: ctx.councilId, role: "officer" },
        { accountId: staff.id, councilId: ctx.councilId, role: "resident" },
      ],
    });
  });
  afterAll(async () => {
    await ctx.db.close();
  });

  it("stores only the SHA-256 of the token", async () => {
    const { token, session } = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const rows = await ctx.db.prisma.session.findMany({ where: { accountId: residentId } });
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("rejects unknown and malformed tokens without error", async () => {
    expect(await validateSessionToken(ctx.deps, "a".repeat(32))).toBeNull();
    expect(await validateSessionToken(ctx.deps, "not a token")).toBeNull();
    expect(await validateSessionToken(ctx.deps, "")).toBeNull();
    expect(await validateSessionToken(ctx.deps, null)).toBeNull();
    // The stored id is not a credential.
    const { session } = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    expect(await validateSessionToken(ctx.deps, session.id)).toBeNull();
  });

  it("slides a resident session only when less than half of 30 days remains, and expires it after 30 idle days", async () => {
    const start = ctx.clock.now();
    const { token } = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    const at = (ms: number) => new Date(start.getTime() + ms);

    ctx.clock.set(at(14 * DAY));
    const early = await validateSessionToken(ctx.deps, token);
    expect(early?.session).toMatchObject({ expiresAt: at(30 * DAY), refreshed: false, absoluteExpiresAt: null });

    ctx.clock.set(at(16 * DAY));
    const slid = await validateSessionToken(ctx.deps, token);
    expect(slid?.session).toMatchObject({ expiresAt: at(46 * DAY), refreshed: true });
    const row = await ctx.db.prisma.session.findUniqueOrThrow({ where: { id: hashToken(token) } });
    expect(row.expiresAt).toEqual(at(46 * DAY));

    ctx.clock.set(at(46 * DAY));
    expect(await validateSessionToken(ctx.deps, token)).toBeNull();
    expect(await ctx.db.prisma.session.findUnique({ where: { id: hashToken(token) } })).toBeNull();
  });

  it("expires a staff session after 30 idle minutes", async () => {
    const start = ctx.clock.now();
    const { token } = await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "staff", twoFactorVerified: true });
    ctx.clock.set(new Date(start.getTime() + 29 * MIN));
    expect(await validateSessionToken(ctx.deps, token)).not.toBeNull();
    ctx.clock.set(new Date(start.getTime() + 29 * MIN + 30 * MIN));
    expect(await validateSessionToken(ctx.deps, token)).toBeNull();
  });

  it("keeps an active staff session for 12 hours at most", async () => {
    const start = ctx.clock.now();
    const { token } = await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "staff", twoFactorVerified: true });
    let last = null;
    // Active every 10 minutes for 12 hours.
    for (let t = 10 * MIN; t < 12 * 60 * MIN; t += 10 * MIN) {
      ctx.clock.set(new Date(start.getTime() + t));
      last = await validateSessionToken(ctx.deps, token);
      expect(last, `still signed in at ${t / MIN} min`).not.toBeNull();
    }
    expect(last?.session.expiresAt).toEqual(new Date(start.getTime() + 12 * 60 * MIN));
    ctx.clock.set(new Date(start.getTime() + 12 * 60 * MIN));
    expect(await validateSessionToken(ctx.deps, token)).toBeNull();
  });

  it("does not count a staff session as signed in until TOTP is verified", async () => {
    const { token, session } = await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "staff" });
    expect(session.twoFactorVerified).toBe(false);
    expect(await getActor(ctx.deps, token)).toBeNull();
    expect((await getPendingStaffSession(ctx.deps, token))?.account.email).toBe("officer@example.gov.uk");

    await ctx.db.prisma.session.update({ where: { id: session.id }, data: { twoFactorVerified: true } });
    const actor = await getActor(ctx.deps, token);
    expect(actor?.account).toEqual({ id: staffId, email: "officer@example.gov.uk", displayName: "Olu Officer" });
    expect(actor?.roles).toEqual(
      expect.arrayContaining([
        { councilId: ctx.councilId, role: "officer" },
        { councilId: ctx.councilId, role: "resident" },
      ]),
    );
    expect(await getPendingStaffSession(ctx.deps, token)).toBeNull();
  });

  it("gives a resident (emailed code) session resident roles only, even for staff accounts", async () => {
    const { token } = await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "resident" });
    const actor = await getActor(ctx.deps, token);
    expect(actor?.session.isStaff).toBe(false);
    expect(actor?.roles).toEqual([{ councilId: ctx.councilId, role: "resident" }]);
    expect(await getPendingStaffSession(ctx.deps, token)).toBeNull();
  });

  it("signs out one session, or every session of the account", async () => {
    const a = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    const b = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    const other = await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "resident" });

    await invalidateSession(ctx.deps, a.session.id);
    expect(await validateSessionToken(ctx.deps, a.token)).toBeNull();
    expect(await validateSessionToken(ctx.deps, b.token)).not.toBeNull();

    const c = await createSession(ctx.deps, ctx.db.prisma, { accountId: residentId, kind: "resident" });
    expect(await invalidateAllSessions(ctx.deps, residentId)).toBeGreaterThanOrEqual(2);
    expect(await validateSessionToken(ctx.deps, b.token)).toBeNull();
    expect(await validateSessionToken(ctx.deps, c.token)).toBeNull();
    expect(await validateSessionToken(ctx.deps, other.token)).not.toBeNull();
  });

  it("prunes expired rows", async () => {
    await createSession(ctx.deps, ctx.db.prisma, { accountId: staffId, kind: "staff" });
    ctx.clock.advance(31 * DAY);
    expect(await pruneExpiredSessions(ctx.deps)).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.prisma.session.count({ where: { expiresAt: { lte: ctx.clock.now() } } })).toBe(0);
  });
});
