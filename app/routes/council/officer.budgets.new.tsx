// Create a budget process: settings and its budgets (whole area, or one per ward). It starts as
// a draft that only officers see.
import { data, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.new";
import { ProcessForm } from "~/components/budgeting/process-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { blankProcessValues, readProcessForm, wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import { createProcess } from "~/server/budgeting/processes.server.ts";
import { validateProcessConfig, type FieldErrors } from "~/domain/budgeting/process.ts";
import { badRequest, forbidden } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import { requireBudgetOfficer } from "./officer-budgets.server.ts";

async function wardOptions(context: Route.LoaderArgs["context"], councilId: string) {
  return (await listWards(context.services, councilId)).map((w) => ({ code: w.code, name: w.name }));
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council } = await requireBudgetOfficer(context, request, params.council);
  return { wards: await wardOptions(context, council.id) };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale } = await requireBudgetOfficer(context, request, params.council);
  const form = await request.formData().catch(() => badRequest());
  const wards = await wardOptions(context, council.id);
  const addRow = form.get("intent") === "add_budget";
  const read = readProcessForm(form, { withBudgets: true, addRow, wardNames: Object.fromEntries(wards.map((w) => [w.code, w.name])) });
  // Another budget row is only more room on the form: nothing is saved, and no errors yet.
  if (addRow) return { values: read.values, errors: {} };
  // A date that could not be read is not sent on (it would be saved as blank): report it with
  // everything else the rules find wrong.
  if (Object.keys(read.errors).length > 0) {
    const rest = validateProcessConfig(read.input);
    return data({ values: read.values, errors: wordFieldErrors({ ...(rest.ok ? {} : rest.detail.fieldErrors), ...read.errors }, locale) }, { status: 400 });
  }
  const result = await createProcess(context.services, actor, { councilId: council.id, ...read.input });
  if (result.ok) return redirect(`/${council.slug}/officer/budgets/${result.value.id}?created`);
  if (result.reason === "forbidden") forbidden();
  return data({ values: read.values, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale) }, { status: 400 });
}

export default function NewBudgetProcess({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("officerBudgets.new.title")} errors={actionData?.errors} backHref={`/${params.council}/officer/budgets`}>
      <ProcessForm
        values={actionData?.values ?? blankProcessValues()}
        errors={actionData?.errors}
        wards={loaderData.wards}
        locked={false}
        withBudgets
        submitLabel={t("officerBudgets.new.submit")}
      />
    </Page>
  );
}
