// GET /language?to=cy&returnTo=/trafford — a plain link, so the switch works without JavaScript.
// Only a language preference is stored, so a GET is acceptable here.
import { redirect } from "react-router";
import type { Route } from "./+types/language";
import { isLocale } from "~/domain/i18n/locale.ts";
import { LOCALE_COOKIE, safeReturnTo } from "~/server/http/request.server.ts";

export function loader({ request }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const to = url.searchParams.get("to");
  // Same-site paths only: never an open redirect.
  const target = safeReturnTo(url.searchParams.get("returnTo"), "/");
  if (!isLocale(to)) return redirect(target);
  return redirect(target, {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${to}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}
