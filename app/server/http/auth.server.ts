// Who is asking, resolved once per request by the HTTP server (so a session slides once, and
// its refreshed cookie is sent once), and the guards every loader and action calls.
import { redirect } from "react-router";
import { can, type Permission, type Role } from "~/domain/accounts/permissions.ts";
import { blankSessionCookie, readSessionToken, sessionCookie } from "../accounts/cookies.server.ts";
import { actorFromSession, validateSessionToken, type Actor, type ValidatedSession } from "../accounts/sessions.server.ts";
import type { RequestContext } from "../context.server.ts";
import type { Services } from "../services.server.ts";
import { forbidden } from "./request.server.ts";

export interface RequestAuth {
  /** Any live session, including a staff session still waiting for its TOTP code. */
  session: ValidatedSession | null;
  /** Signed in: a resident session, or a staff session that passed TOTP. */
  actor: Actor | null;
}

export async function resolveAuth(services: Services, request: Request): Promise<{ auth: RequestAuth; setCookie: string | null }> {
  const token = readSessionToken(request);
  if (!token) return { auth: { session: null, actor: null }, setCookie: null };
  const session = await validateSessionToken(services, token);
  if (!session) return { auth: { session: null, actor: null }, setCookie: blankSessionCookie(services.config) };
  const actor = actorFromSession(session);
  const setCookie = session.session.refreshed
    ? sessionCookie(services.config, token, session.session.expiresAt, services.now())
    : null;
  return { auth: { session, actor }, setCookie };
}

function returnTo(request: Request) {
  const url = new URL(request.url);
  return encodeURIComponent(url.pathname + url.search);
}

/** A signed-in person (resident or staff); otherwise off to sign in, coming back here after. */
export function requireActor(context: RequestContext, request: Request, councilSlug: string): Actor {
  if (context.auth.actor) return context.auth.actor;
  throw redirect(`/${councilSlug}/sign-in?returnTo=${returnTo(request)}`);
}

/**
 * Staff with `permission` in this council. Not signed in → staff sign-in; signed in without the
 * permission (including staff of another council) → 403.
 */
export function requirePermission(
  context: RequestContext,
  request: Request,
  council: { id: string; slug: string },
  permission: Permission,
): { actor: Actor; roles: Role[] } {
  const actor = context.auth.actor;
  if (!actor) throw redirect(`/${council.slug}/staff/sign-in?returnTo=${returnTo(request)}`);
  if (!can(actor.roles, council.id, permission)) forbidden();
  return { actor, roles: actor.roles.filter((r) => r.councilId === council.id).map((r) => r.role) };
}

/**
 * The session between a correct password and a correct TOTP code: the only thing the TOTP
 * pages accept. Already fully signed in → the council's home; no session → staff sign-in.
 */
export function requirePendingStaffSession(context: RequestContext, councilSlug: string): ValidatedSession {
  const validated = context.auth.session;
  if (validated?.session.isStaff && !validated.session.twoFactorVerified) return validated;
  if (context.auth.actor) throw redirect(`/${councilSlug}`);
  throw redirect(`/${councilSlug}/staff/sign-in`);
}
