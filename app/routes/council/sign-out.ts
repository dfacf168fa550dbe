// POST only: signing out is a state change, so it is a form button, never a link.
import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { blankSessionCookie } from "~/server/accounts/cookies.server.ts";
import { invalidateSession } from "~/server/accounts/sessions.server.ts";
import { notFound, requireCouncil } from "~/server/http/request.server.ts";

export function loader(): never {
  notFound();
}

export async function action({ params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const session = context.auth.session;
  if (session) await invalidateSession(context.services, session.session.id);
  return redirect(`/${council.slug}?signedOut`, { headers: { "Set-Cookie": blankSessionCookie(context.services.config) } });
}
