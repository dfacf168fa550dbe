import { describe, expect, it } from "vitest";
import { checkSessionExpiry, newSessionExpiry, SESSION_POLICIES } from "./session-policy.ts";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("resident sessions", () => {
  const created = newSessionExpiry("resident", t0);

  it("last 30 days with no absolute limit", () => {
    expect(created).toEqual({ expiresAt: at(30 * DAY), absoluteExpiresAt: null });
  });

  it("do not slide while more than half remains (limits writes)", () => {
    expect(checkSessionExpiry({ isStaff: false, ...created }, at(14 * DAY))).toEqual({
      state: "active",
      expiresAt: at(30 * DAY),
      refreshed: false,
    });
  });

  it("slide by 30 days once less than half remains", () => {
    expect(checkSessionExpiry({ isStaff: false, ...created }, at(16 * DAY))).toEqual({
      state: "active",
      expiresAt: at(46 * DAY),
      refreshed: true,
    });
  });

  it("expire at 30 days idle", () => {
    expect(checkSessionExpiry({ isStaff: false, ...created }, at(30 * DAY))).toEqual({ state: "expired" });
  });
});

describe("staff sessions", () => {
  const created = newSessionExpiry("staff", t0);

  it("last 30 minutes idle within 12 hours", () => {
    expect(created).toEqual({ expiresAt: at(30 * MIN), absoluteExpiresAt: at(12 * 60 * MIN) });
  });

  it("slide at most once a minute", () => {
    expect(checkSessionExpiry({ isStaff: true, ...created }, at(30_000))).toMatchObject({ refreshed: false });
    expect(checkSessionExpiry({ isStaff: true, ...created }, at(2 * MIN))).toEqual({
      state: "active",
      expiresAt: at(32 * MIN),
      refreshed: true,
    });
  });

  it("expire after 30 minutes idle", () => {
    expect(checkSessionExpiry({ isStaff: true, ...created }, at(30 * MIN))).toEqual({ state: "expired" });
  });

  it("never slide past the absolute limit, and expire at it", () => {
    const late = { isStaff: true, expiresAt: at(12 * 60 * MIN - 5 * MIN), absoluteExpiresAt: created.absoluteExpiresAt };
    expect(checkSessionExpiry(late, at(12 * 60 * MIN - 20 * MIN))).toEqual({
      state: "active",
      expiresAt: at(12 * 60 * MIN),
      refreshed: true,
    });
    const capped = { ...late, expiresAt: at(12 * 60 * MIN) };
    expect(checkSessionExpiry(capped, at(12 * 60 * MIN - MIN))).toMatchObject({ state: "active", refreshed: false });
    expect(checkSessionExpiry(capped, at(12 * 60 * MIN))).toEqual({ state: "expired" });
  });

  it("policy values are the documented ones", () => {
    expect(SESSION_POLICIES.staff).toEqual({ idleMs: 30 * MIN, absoluteMs: 12 * 60 * MIN, refreshBelowMs: 29 * MIN });
    expect(SESSION_POLICIES.resident).toEqual({ idleMs: 30 * DAY, absoluteMs: null, refreshBelowMs: 15 * DAY });
  });
});
