// Who is responding to a consultation: the signed-in resident, or — where the officer allows
// anonymous responses — a browser, known by a random token in its own cookie. The token is never
// stored: only a keyed hash of it with the consultation (respondentKey), so one browser has one
// response per consultation and the table still names nobody. Clearing cookies makes a new
// respondent; anonymous responses are for low-stakes questions, and the officer chooses them.
import { generateToken, looksLikeToken } from "~/server/accounts/crypto.server.ts";
import type { Config } from "~/server/config.server.ts";
import type { RequestContext } from "~/server/context.server.ts";
import { readCookie } from "~/server/http/request.server.ts";
import type { Respondent } from "./responses.server.ts";

export const RESPONDENT_COOKIE = "cw_respondent";
const MAX_AGE_S = 180 * 24 * 3600;

/** The respondent a request speaks for, or null (signed out where anonymous answers are not allowed, or no cookie yet). */
export function respondentOf(context: RequestContext, request: Request, allowAnonymous: boolean): Respondent | null {
  const actor = context.auth.actor;
  if (actor) return { kind: "account", actor };
  if (!allowAnonymous) return null;
  const token = readCookie(request, RESPONDENT_COOKIE);
  return token && looksLikeToken(token) ? { kind: "anonymous", token } : null;
}

/** The anonymous respondent of this browser, with the cookie to set when it is new. */
export function anonymousRespondent(config: Pick<Config, "isProduction">, request: Request): { respondent: Respondent; setCookie: string | null } {
  const existing = readCookie(request, RESPONDENT_COOKIE);
  if (existing && looksLikeToken(existing)) return { respondent: { kind: "anonymous", token: existing }, setCookie: null };
  const token = generateToken();
  const cookie = [`${RESPONDENT_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${MAX_AGE_S}`, ...(config.isProduction ? ["Secure"] : [])].join("; ");
  return { respondent: { kind: "anonymous", token }, setCookie: cookie };
}
