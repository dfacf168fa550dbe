// Small helpers every route uses to read a request: cookies, language, form data, the council.
import { data } from "react-router";
import { negotiateLocale, type Locale } from "~/domain/i18n/locale.ts";
import type { Services } from "../services.server.ts";

export const LOCALE_COOKIE = "cw_lang";

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function getLocale(request: Request): Locale {
  return negotiateLocale(readCookie(request, LOCALE_COOKIE), request.headers.get("Accept-Language"));
}

/** A 404 the root error boundary shows as "Page not found". */
export function notFound(): never {
  throw data(null, { status: 404 });
}

export function forbidden(): never {
  throw data(null, { status: 403 });
}

export function badRequest(): never {
  throw data(null, { status: 400 });
}

/**
 * The form again, with what was typed and what is wrong: 400 for bad input, 409 when the
 * thing has moved on (already published, already used), 429 when attempts are rate-limited.
 */
export function formProblem<T>(body: T, status: 400 | 409 | 429 = 400) {
  return data(body, { status });
}

/** Accounts reasons that mean "slow down" rather than "fix this field". */
export function accountsStatus(reason: string): 400 | 429 {
  return reason === "rate_limited" || reason === "too_many_attempts" ? 429 : 400;
}

/** Form fields as strings; a missing field is "". Files and repeated fields are not expected here. */
export async function readForm(request: Request): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in fields)) fields[key] = value;
  return fields;
}

/** A same-site path to go back to after signing in; anything else becomes `fallback`. */
export function safeReturnTo(value: string | null | undefined, fallback: string): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value.slice(0, 500);
}

export async function findCouncil(services: Services, slug: string | undefined) {
  if (!slug || !/^[a-z0-9-]{1,64}$/.test(slug)) return null;
  return services.prisma.council.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, nameCy: true, brandColour: true, isDemo: true, kind: true },
  });
}

export type CouncilSummary = NonNullable<Awaited<ReturnType<typeof findCouncil>>>;

export async function requireCouncil(services: Services, slug: string | undefined): Promise<CouncilSummary> {
  return (await findCouncil(services, slug)) ?? notFound();
}
