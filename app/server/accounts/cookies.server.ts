// The session cookie, as Lucia's guide sets it (lucia-auth.com/sessions/cookies):
// HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS, and an explicit lifetime so it persists.
// Max-Age is the session's remaining lifetime; Expires is sent too for old clients.
// Whenever `validateSessionToken` reports `refreshed`, send the cookie again so the browser's
// copy lives as long as the server's.
import type { Config } from "../config.server.ts";
import { looksLikeToken } from "./crypto.server.ts";

/**
 * Named by the brief. ASVS 5.0 3.3.3 prefers a `__Host-` name in production (browser-enforced
 * Secure, Path=/, no Domain); switching is a one-line change here once HTTPS is everywhere,
 * at the cost of signing everyone out once.
 */
export const SESSION_COOKIE_NAME = "cw_session";

type CookieConfig = Pick<Config, "isProduction">;

/** `Set-Cookie` value for a session token expiring at `expiresAt`. */
export function sessionCookie(config: CookieConfig, token: string, expiresAt: Date, now: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [
    `${SESSION_COOKIE_NAME}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    `Expires=${expiresAt.toUTCString()}`,
    ...(config.isProduction ? ["Secure"] : []),
  ].join("; ");
}

/** `Set-Cookie` value that deletes the session cookie (sign out, invalid or expired session). */
export function blankSessionCookie(config: CookieConfig): string {
  return [
    `${SESSION_COOKIE_NAME}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    "Max-Age=0",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    ...(config.isProduction ? ["Secure"] : []),
  ].join("; ");
}

/**
 * The session token from a request (or a raw Cookie header), or null. Only a value shaped
 * like our tokens is returned, so junk never reaches the database. If the cookie appears
 * twice (e.g. a stale one on a parent path), the first well-formed one wins.
 */
export function readSessionToken(source: Request | string | null | undefined): string | null {
  const header = typeof source === "string" || source == null ? source : source.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== SESSION_COOKIE_NAME) continue;
    const value = part.slice(eq + 1).trim();
    if (looksLikeToken(value)) return value;
  }
  return null;
}
