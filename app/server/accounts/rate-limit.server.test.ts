import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearRateLimit, hitRateLimit, pruneRateLimits, rateLimitKey } from "./rate-limit.server.ts";
import { openAccountsTestContext, type AccountsTestContext } from "./test-kit.server.ts";

const rule = { limit: 3, windowMs: 60_000 };

describe("hitRateLimit", () => {
  let ctx: AccountsTestContext;
  beforeAll(async () => {
    ctx = await openAccountsTestContext();
  });
  afterAll(async () => {
    await ctx.db.close();
  });

  it("allows up to the limit in a window, then says when to retry", async () => {
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await hitRateLimit(ctx.deps, "t:sequential", rule));
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0]);
    expect(outcomes[3]?.retryAfterSeconds).toBe(60);

    ctx.clock.advance(45_000);
    expect(await hitRateLimit(ctx.deps, "t:sequential", rule)).toEqual({ allowed: false, retryAfterSeconds: 15, remaining: 0 });

    ctx.clock.advance(15_000);
    expect(await hitRateLimit(ctx.deps, "t:sequential", rule)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
  });

  it("keeps keys apart and can forget one", async () => {
    for (let i = 0; i < 3; i++) await hitRateLimit(ctx.deps, "t:a", rule);
    expect((await hitRateLimit(ctx.deps, "t:a", rule)).allowed).toBe(false);
    expect((await hitRateLimit(ctx.deps, "t:b", rule)).allowed).toBe(true);
    await clearRateLimit(ctx.deps, "t:a");
    expect((await hitRateLimit(ctx.deps, "t:a", rule)).allowed).toBe(true);
  });

  it("counts every one of many parallel hits exactly once", async () => {
    const parallel = { limit: 10, windowMs: 60_000 };
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(ctx.deps, "t:parallel", parallel)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
    const row = await ctx.db.prisma.rateLimit.findUniqueOrThrow({ where: { key: "t:parallel" } });
    expect(row.count).toBe(40);
  });

  it("stores a keyed hash instead of the email or IP address", async () => {
    const key = rateLimitKey(ctx.deps.config, "sign-in-code:email", "jo@example.com");
    expect(key).toMatch(/^sign-in-code:email:[0-9a-f]{32}$/);
    expect(key).not.toContain("jo@example.com");
    expect(rateLimitKey(ctx.deps.config, "sign-in-code:email", "jo@example.com")).toBe(key);
  });

  it("prunes old windows", async () => {
    await hitRateLimit(ctx.deps, "t:old", rule);
    ctx.clock.advance(25 * 60 * 60_000);
    await hitRateLimit(ctx.deps, "t:new", rule);
    expect(await pruneRateLimits(ctx.deps)).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.prisma.rateLimit.findUnique({ where: { key: "t:old" } })).toBeNull();
    expect(await ctx.db.prisma.rateLimit.findUnique({ where: { key: "t:new" } })).not.toBeNull();
  });
});
