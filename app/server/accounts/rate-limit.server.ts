// Fixed-window rate limits kept in the database (RateLimit table), so a limit holds across
// every app process behind the load balancer, not per process.
// Lucia's "login throttling" page is only a stub (security-reliability.md §3), so the design is
// ours: OWASP ASVS 5.0 2.4.1 (anti-automation), 6.1.1/6.3.1 (documented limits that avoid
// malicious lock-out: every lock here expires by itself within its window), 6.6.3 (code entry).
//
// One SQL statement does the read-modify-write: INSERT … ON CONFLICT DO UPDATE takes a row
// lock on the existing key, so parallel hits on PostgreSQL serialise on that row and every hit
// is counted exactly once (no lost updates, no check-then-act race). The same SQL runs on PGlite.
import type { Config } from "../config.server.ts";
import type { Services } from "../services.server.ts";
import { hmacHex } from "./crypto.server.ts";

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitOutcome {
  allowed: boolean;
  /** 0 when allowed; otherwise whole seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
  /** Hits left in this window after this one. */
  remaining: number;
}

type RateLimitDeps = Pick<Services, "prisma" | "now">;

/** Counts one hit against `key` and says whether it is within the limit. */
export async function hitRateLimit(deps: RateLimitDeps, key: string, rule: RateLimitRule): Promise<RateLimitOutcome> {
  const now = deps.now();
  // Timestamps travel as ISO text cast to timestamp(3): Prisma stores DateTime as UTC in
  // "timestamp without time zone", and a cast from text ignores the "Z" (PostgreSQL docs,
  // "Date/Time Types"), so both sides mean UTC whatever the session TimeZone is.
  const nowText = now.toISOString();
  const cutoffText = new Date(now.getTime() - rule.windowMs).toISOString();
  const rows = await deps.prisma.$queryRaw<{ window_start_ms: number; count: number }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count")
    VALUES (${key}, ${nowText}::timestamp(3), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${cutoffText}::timestamp(3)
                           THEN EXCLUDED."windowStart" ELSE "RateLimit"."windowStart" END,
      "count"       = CASE WHEN "RateLimit"."windowStart" <= ${cutoffText}::timestamp(3)
                           THEN 1 ELSE "RateLimit"."count" + 1 END
    RETURNING (EXTRACT(EPOCH FROM "windowStart") * 1000)::float8 AS window_start_ms, "count"`;
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  const count = Number(row.count);
  const resetAt = Number(row.window_start_ms) + rule.windowMs;
  const allowed = count <= rule.limit;
  return {
    allowed,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)),
    remaining: Math.max(0, rule.limit - count),
  };
}

/** Forgets a key, e.g. the failed-password counter after a successful sign-in. */
export async function clearRateLimit(deps: Pick<Services, "prisma">, key: string): Promise<void> {
  await deps.prisma.rateLimit.deleteMany({ where: { key } });
}

/**
 * A rate-limit key that does not store the email address or IP address itself (UK GDPR
 * Art 5(1)(c) data minimisation): the value is replaced by a keyed hash.
 */
export function rateLimitKey(config: Pick<Config, "appSecret">, scope: string, value: string): string {
  return `${scope}:${hmacHex(config.appSecret, "rate-limit-key", value).slice(0, 32)}`;
}

/** Deletes counters whose window ended more than `olderThanMs` ago. For a periodic job. */
export async function pruneRateLimits(deps: RateLimitDeps, olderThanMs = 24 * 60 * 60_000): Promise<number> {
  const { count } = await deps.prisma.rateLimit.deleteMany({
    where: { windowStart: { lt: new Date(deps.now().getTime() - olderThanMs) } },
  });
  return count;
}
