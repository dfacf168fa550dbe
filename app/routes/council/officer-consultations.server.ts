// What every officer page of consultations does first: find the council, require
// "consultations.manage" there (staff sign-in when signed out, 403 otherwise), and load the
// consultation by id (404 when it is not this council's).
import { translator, type MessageKey } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import type { RequestContext } from "~/server/context.server.ts";
import { getConsultation } from "~/server/consultations/consultations.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function requireConsultationOfficer(context: RequestContext, request: Request, councilSlug: string | undefined) {
  const council = await requireCouncil(context.services, councilSlug);
  const { actor } = requirePermission(context, request, council, "consultations.manage");
  return { council, actor, locale: getLocale(request) };
}

export async function requireOfficerConsultation(context: RequestContext, request: Request, params: { council?: string; consultation?: string }) {
  const officer = await requireConsultationOfficer(context, request, params.council);
  const result = await getConsultation(context.services, officer.actor, { councilId: officer.council.id, slugOrId: params.consultation ?? "" });
  if (!result.ok || result.value.id !== params.consultation) notFound();
  return { ...officer, consultation: result.value, base: `/${officer.council.slug}/officer/consultations/${result.value.id}` };
}

/** Field errors in words: each code is a key "officerConsult.error.<code>" of the catalogue. */
export function wordErrors(fieldErrors: Record<string, string>, locale: Locale): Record<string, string> {
  const t = translator(locale);
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, code]) => [field, t(`officerConsult.error.${code}` as MessageKey)]));
}
