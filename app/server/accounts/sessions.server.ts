// Sessions as in Lucia's guide (lucia-auth.com/sessions/basic-api/postgresql): the cookie holds
// a random token; the database holds only hex(SHA-256(token)) as Session.id, so a leaked
// database (or backup, or log of SQL) yields no usable session.
//
// Why not the newer "<id>.<secret>" token of lucia-auth.com/sessions/basic? That layout exists
// to rule out a timing attack on the id lookup. Looking up by SHA-256(token) already rules it
// out: a timing leak could at most reveal a prefix of a hash, and no one can choose a token
// whose hash has a given prefix. It also needs no extra column.
//
// Lifetimes live in app/domain/accounts/session-policy.ts. A staff session is created by a
// correct password with twoFactorVerified = false; it then only opens the TOTP pages
// (`getPendingStaffSession`). `getActor` — what every other page uses — refuses it.
import { checkSessionExpiry, newSessionExpiry, type SessionKind } from "~/domain/accounts/session-policy.ts";
import type { RoleGrant } from "~/domain/accounts/permissions.ts";
import type { Services } from "../services.server.ts";
import { generateToken, hashToken, looksLikeToken } from "./crypto.server.ts";

type SessionDeps = Pick<Services, "prisma" | "now">;
/** Prisma client or the client inside `$transaction(async (tx) => …)`. */
type Tx = Pick<Services["prisma"], "session">;

export interface SessionInfo {
  /** hex(SHA-256(token)); safe to log and to pass to use cases, useless as a credential. */
  id: string;
  accountId: string;
  isStaff: boolean;
  twoFactorVerified: boolean;
  expiresAt: Date;
  absoluteExpiresAt: Date | null;
  /**
   * True when this validation extended the expiry: the route must send the cookie again
   * (`sessionCookie`) so its Max-Age matches (Lucia: "Session.fresh").
   */
  refreshed: boolean;
}

export interface AccountSummary {
  id: string;
  email: string;
  displayName: string | null;
}

export interface NewSession {
  /** The secret for the cookie. Never stored, never logged. */
  token: string;
  session: SessionInfo;
}

/** Creates a session and returns its token. `db` may be a transaction client. */
export async function createSession(
  deps: { now: () => Date },
  db: Tx,
  input: {
    accountId: string;
    kind: SessionKind;
    twoFactorVerified?: boolean;
    /** Keep an earlier absolute limit (a replacement session must not outlive the one it replaces). */
    absoluteExpiresAtCap?: Date | null;
  },
): Promise<NewSession> {
  const token = generateToken();
  const now = deps.now();
  const fresh = newSessionExpiry(input.kind, now);
  const cap = input.absoluteExpiresAtCap;
  const absoluteExpiresAt =
    cap && (!fresh.absoluteExpiresAt || cap.getTime() < fresh.absoluteExpiresAt.getTime()) ? cap : fresh.absoluteExpiresAt;
  const expiresAt =
    absoluteExpiresAt && absoluteExpiresAt.getTime() < fresh.expiresAt.getTime() ? absoluteExpiresAt : fresh.expiresAt;
  const isStaff = input.kind === "staff";
  // Residents have no second factor: their session is complete as soon as it exists.
  const twoFactorVerified = isStaff ? (input.twoFactorVerified ?? false) : true;
  const row = await db.session.create({
    data: { id: hashToken(token), accountId: input.accountId, isStaff, twoFactorVerified, expiresAt, absoluteExpiresAt, createdAt: now },
  });
  return {
    token,
    session: {
      id: row.id,
      accountId: row.accountId,
      isStaff,
      twoFactorVerified,
      expiresAt,
      absoluteExpiresAt,
      refreshed: false,
    },
  };
}

export interface ValidatedSession {
  session: SessionInfo;
  account: AccountSummary;
  /** Every role the account holds, read with the session; `actorFromSession` picks the usable ones. */
  memberships: RoleGrant[];
}

interface SessionRow extends Omit<SessionInfo, "refreshed"> {
  email: string;
  displayName: string | null;
  memberships: string;
}

/**
 * Looks the token up by its hash, deletes it if expired (idle or absolute), and slides its
 * expiry per the policy. Returns null for a missing, malformed, unknown or expired token —
 * the route should then clear the cookie (`blankSessionCookie`).
 *
 * The session, its account and the account's roles come back in one statement: every request
 * with a cookie starts here, so its round trips count on every page and every ballot.
 */
export async function validateSessionToken(deps: SessionDeps, token: string | null | undefined): Promise<ValidatedSession | null> {
  if (!token || !looksLikeToken(token)) return null;
  const id = hashToken(token);
  const rows = await deps.prisma.$queryRaw<SessionRow[]>`
    SELECT s."id", s."accountId", s."isStaff", s."twoFactorVerified", s."expiresAt", s."absoluteExpiresAt",
           a."email", a."displayName",
           COALESCE((SELECT json_agg(json_build_object('councilId', m."councilId", 'role', m."role") ORDER BY m."councilId", m."role")
                     FROM "Membership" m WHERE m."accountId" = s."accountId"), '[]'::json)::text AS "memberships"
    FROM "Session" s JOIN "Account" a ON a."id" = s."accountId"
    WHERE s."id" = ${id}`;
  const row = rows[0];
  if (!row) return null;
  const now = deps.now();
  const check = checkSessionExpiry(row, now);
  if (check.state === "expired") {
    await deps.prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (check.refreshed) {
    // updateMany: the session may have been signed out by another request meanwhile.
    const { count } = await deps.prisma.session.updateMany({ where: { id }, data: { expiresAt: check.expiresAt } });
    if (count === 0) return null;
  }
  return {
    session: {
      id: row.id,
      accountId: row.accountId,
      isStaff: row.isStaff,
      twoFactorVerified: row.twoFactorVerified,
      expiresAt: check.expiresAt,
      absoluteExpiresAt: row.absoluteExpiresAt,
      refreshed: check.refreshed,
    },
    account: { id: row.accountId, email: row.email, displayName: row.displayName },
    memberships: JSON.parse(row.memberships) as RoleGrant[],
  };
}

/**
 * A live session by id (not token), without sliding it: for use cases that the route calls
 * after `validateSessionToken` has already done so.
 */
export async function loadLiveSession(deps: SessionDeps, db: Tx, sessionId: string) {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: { id: true, accountId: true, isStaff: true, twoFactorVerified: true, expiresAt: true, absoluteExpiresAt: true },
  });
  if (!row) return null;
  return checkSessionExpiry(row, deps.now()).state === "active" ? row : null;
}

export interface Actor {
  account: AccountSummary;
  session: SessionInfo;
  /**
   * Roles per council. A resident session (emailed code) carries resident roles only, even
   * when the account also holds staff roles: staff powers need password + TOTP (ASVS 6.3.3).
   */
  roles: RoleGrant[];
}

/**
 * Who is signed in, or null. A staff session that has not passed TOTP yet is *not* signed in.
 * Roles are read on every request, so revoking a role takes effect at once.
 */
export async function getActor(deps: SessionDeps, sessionToken: string | null | undefined): Promise<Actor | null> {
  const validated = await validateSessionToken(deps, sessionToken);
  return validated ? actorFromSession(validated) : null;
}

/**
 * `getActor` for a session the caller has already validated (the HTTP server validates once per
 * request, so the session slides once). Null for a staff session still waiting for TOTP.
 */
export function actorFromSession(validated: ValidatedSession): Actor | null {
  const { session, account, memberships } = validated;
  if (session.isStaff && !session.twoFactorVerified) return null;
  const roles = session.isStaff ? memberships : memberships.filter((m) => m.role === "resident");
  return { account, session, roles };
}

/**
 * The session between a correct password and a correct TOTP code: the only thing the TOTP and
 * enrolment pages accept. Null for anything else (including an already-verified session).
 */
export async function getPendingStaffSession(deps: SessionDeps, sessionToken: string | null | undefined): Promise<ValidatedSession | null> {
  const validated = await validateSessionToken(deps, sessionToken);
  if (!validated || !validated.session.isStaff || validated.session.twoFactorVerified) return null;
  return validated;
}

/** Sign out: deletes this session (ASVS 7.4.1). */
export async function invalidateSession(deps: Pick<Services, "prisma">, sessionId: string): Promise<void> {
  await deps.prisma.session.deleteMany({ where: { id: sessionId } });
}

/** "Sign out everywhere", password change, role removal: deletes every session of the account. */
export async function invalidateAllSessions(deps: Pick<Services, "prisma">, accountId: string): Promise<number> {
  const { count } = await deps.prisma.session.deleteMany({ where: { accountId } });
  return count;
}

/** Deletes expired rows. For a periodic job; validation already ignores them. */
export async function pruneExpiredSessions(deps: SessionDeps): Promise<number> {
  const now = deps.now();
  const { count } = await deps.prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  });
  return count;
}
