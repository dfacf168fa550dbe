// Officers create a consultation: its details first, in draft; questions come next.
import { data, redirect } from "react-router";
import type { Route } from "./+types/officer.consultations.new";
import { BLANK_DETAILS, DetailsForm, readDetailsForm } from "~/components/consultations/details-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { createConsultation } from "~/server/consultations/consultations.server.ts";
import { badRequest, forbidden } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import { requireConsultationOfficer, wordErrors } from "./officer-consultations.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council } = await requireConsultationOfficer(context, request, params.council);
  const wards = await listWards(context.services, council.id);
  return { wards: wards.map((w) => ({ code: w.code, name: w.name })) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale } = await requireConsultationOfficer(context, request, params.council);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const values = readDetailsForm(form);
  const result = await createConsultation(context.services, actor, { councilId: council.id, ...values });
  if (result.ok) return redirect(`/${council.slug}/officer/consultations/${result.value.id}`);
  if (result.reason !== "invalid") forbidden();
  return data({ values, errors: wordErrors((result.detail as { fieldErrors: Record<string, string> }).fieldErrors, locale) }, { status: 400 });
}

export default function NewConsultation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("officerConsult.new.title")} errors={actionData?.errors} backHref="../consultations">
      <DetailsForm values={actionData?.values ?? BLANK_DETAILS} errors={actionData?.errors} wards={loaderData.wards} open={false} submitLabel={t("officerConsult.form.create")} />
    </Page>
  );
}
