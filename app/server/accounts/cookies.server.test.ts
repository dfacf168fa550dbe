import { describe, expect, it } from "vitest";
import { blankSessionCookie, readSessionToken, SESSION_COOKIE_NAME, sessionCookie } from "./cookies.server.ts";
import { generateToken } from "./crypto.server.ts";

const now = new Date("2026-03-02T09:00:00Z");
const expiresAt = new Date(now.getTime() + 30 * 60_000);

describe("session cookie", () => {
  it("sets the attributes from Lucia's guide, with Max-Age matching the expiry", () => {
    const token = generateToken();
    expect(sessionCookie({ isProduction: false }, token, expiresAt, now)).toBe(
      `cw_session=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=1800; Expires=Mon, 02 Mar 2026 09:30:00 GMT`,
    );
  });

  it("is Secure in production", () => {
    expect(sessionCookie({ isProduction: true }, generateToken(), expiresAt, now)).toMatch(/; Secure$/);
    expect(blankSessionCookie({ isProduction: true })).toMatch(/; Secure$/);
  });

  it("deletes with Max-Age=0", () => {
    expect(blankSessionCookie({ isProduction: false })).toBe(
      "cw_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    );
  });

  it("reads the token from a request among other cookies", () => {
    const token = generateToken();
    const request = new Request("https://x.example/", { headers: { Cookie: `cw_lang=cy; ${SESSION_COOKIE_NAME}=${token}; other=1` } });
    expect(readSessionToken(request)).toBe(token);
    expect(readSessionToken(`${SESSION_COOKIE_NAME}=${token}`)).toBe(token);
  });

  it("ignores missing and malformed values", () => {
    expect(readSessionToken(new Request("https://x.example/"))).toBeNull();
    expect(readSessionToken("cw_session=")).toBeNull();
    expect(readSessionToken("cw_session=../../etc")).toBeNull();
    expect(readSessionToken("xcw_session=" + generateToken())).toBeNull();
    expect(readSessionToken(null)).toBeNull();
  });
});
