// Session lifetimes (OWASP ASVS 5.0 V7.3: 7.3.1 inactivity timeout, 7.3.2 absolute lifetime,
// values documented per 7.1.1) and when to slide them.
//
// Residents: 30 days idle, extended only when less than half remains — Lucia's session guide
// (lucia-auth.com, "Sessions": "extend the expiration by another 30 days when there are less
// than 15 days (half of the expiration) until expiration"), which keeps database writes to
// about one per fortnight per active resident.
// Staff (officers, moderators, panel members, admins): 30 minutes idle, 12 hours absolute
// (shared reference security-reliability.md §3 "Suggested platform values"). Halving a
// 30-minute window would let the real idle limit fall to 15 minutes, so staff sessions slide
// whenever more than a minute has passed since the last extension: at most one write a minute.
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type SessionKind = "resident" | "staff";

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number | null;
  /** Extend only when less than this remains before `expiresAt`. */
  refreshBelowMs: number;
}

export const SESSION_POLICIES: Record<SessionKind, SessionPolicy> = {
  resident: { idleMs: 30 * DAY, absoluteMs: null, refreshBelowMs: 15 * DAY },
  staff: { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE, refreshBelowMs: 29 * MINUTE },
};

export function sessionKind(isStaff: boolean): SessionKind {
  return isStaff ? "staff" : "resident";
}

export function newSessionExpiry(kind: SessionKind, now: Date): { expiresAt: Date; absoluteExpiresAt: Date | null } {
  const policy = SESSION_POLICIES[kind];
  const absoluteExpiresAt = policy.absoluteMs === null ? null : new Date(now.getTime() + policy.absoluteMs);
  return { expiresAt: capAt(new Date(now.getTime() + policy.idleMs), absoluteExpiresAt), absoluteExpiresAt };
}

export type SessionExpiryCheck =
  | { state: "expired" }
  | { state: "active"; expiresAt: Date; refreshed: boolean };

/** Whether a stored session is still alive at `now`, and its new expiry if it should slide. */
export function checkSessionExpiry(
  session: { isStaff: boolean; expiresAt: Date; absoluteExpiresAt: Date | null },
  now: Date,
): SessionExpiryCheck {
  const t = now.getTime();
  if (t >= session.expiresAt.getTime()) return { state: "expired" };
  if (session.absoluteExpiresAt && t >= session.absoluteExpiresAt.getTime()) return { state: "expired" };
  const policy = SESSION_POLICIES[sessionKind(session.isStaff)];
  const remaining = session.expiresAt.getTime() - t;
  if (remaining >= policy.refreshBelowMs) return { state: "active", expiresAt: session.expiresAt, refreshed: false };
  const extended = capAt(new Date(t + policy.idleMs), session.absoluteExpiresAt);
  if (extended.getTime() <= session.expiresAt.getTime()) {
    return { state: "active", expiresAt: session.expiresAt, refreshed: false };
  }
  return { state: "active", expiresAt: extended, refreshed: true };
}

function capAt(date: Date, cap: Date | null): Date {
  return cap && cap.getTime() < date.getTime() ? cap : date;
}
