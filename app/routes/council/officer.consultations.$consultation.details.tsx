// Officers edit a consultation's details. In draft, freely; once open, with a note of what
// changed (published with the new version) and the web address name fixed.
import { data, redirect } from "react-router";
import type { Route } from "./+types/officer.consultations.$consultation.details";
import { DetailsForm, readDetailsForm, type DetailsValues } from "~/components/consultations/details-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { translator } from "~/domain/i18n/catalogue.ts";
import { editConsultation } from "~/server/consultations/consultations.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import { requireOfficerConsultation, wordErrors } from "./officer-consultations.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, consultation: c, base } = await requireOfficerConsultation(context, request, params);
  if (c.status !== "draft" && c.status !== "open") notFound();
  const wards = await listWards(context.services, council.id);
  const values: DetailsValues = {
    title: c.title,
    titleCy: c.titleCy ?? "",
    slug: c.slug,
    summary: c.summary,
    summaryCy: c.summaryCy ?? "",
    background: c.background,
    backgroundCy: c.backgroundCy ?? "",
    audience: c.audience ?? "",
    wardCodes: c.wardCodes,
    allowAnonymous: c.allowAnonymous,
    equalityMonitoring: c.equalityMonitoring,
    changeNote: "",
  };
  return { base, values, open: c.status === "open", wards: wards.map((w) => ({ code: w.code, name: w.name })) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, consultation: c, base, locale } = await requireOfficerConsultation(context, request, params);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const values = readDetailsForm(form);
  const result = await editConsultation(context.services, actor, { councilId: council.id, consultationId: c.id, details: values, changeNote: values.changeNote });
  if (result.ok) return redirect(`${base}?saved`);
  const t = translator(locale);
  switch (result.reason) {
    case "invalid":
      return data({ values, errors: wordErrors((result.detail as { fieldErrors: Record<string, string> }).fieldErrors, locale) }, { status: 400 });
    case "change_note_required":
      return data({ values, errors: { changeNote: t("officerConsult.error.change_note_required") } }, { status: 400 });
    case "locked":
      return data({ values, errors: { title: t("officerConsult.error.locked") } }, { status: 409 });
    case "not_found":
      return notFound();
    default:
      return forbidden();
  }
}

export default function EditDetails({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("officerConsult.view.editDetails")} errors={actionData?.errors} backHref={loaderData.base}>
      <DetailsForm values={actionData?.values ?? loaderData.values} errors={actionData?.errors} wards={loaderData.wards} open={loaderData.open} submitLabel={t("officerConsult.form.saveDetails")} />
    </Page>
  );
}
