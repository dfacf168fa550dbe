// A process's settings. Title, summary, web address name and planned dates can change in any
// phase; ballot, eligibility and counting settings and budgets only until review starts, after
// which they are shown read-only with the reason.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.settings";
import { BudgetFields, ProcessForm } from "~/components/budgeting/process-form.tsx";
import { settingsRows } from "~/components/budgeting/process-summary.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner, SummaryList, Table } from "~/components/ui/panels.tsx";
import type { MessageKey } from "~/domain/i18n/catalogue.ts";
import { processMessage } from "~/domain/budgeting/ballot-messages.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { processToValues, readProcessForm, wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import { LOCKED_SETTINGS, canEditBallotSettings, validateProcessSettings, type FieldErrors } from "~/domain/budgeting/process.ts";
import { addBudget, updateProcess } from "~/server/budgeting/processes.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import { requireOfficerProcess } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, process: p, base } = await requireOfficerProcess(context, request, params);
  const wards = (await listWards(context.services, council.id)).map((w) => ({ code: w.code, name: w.name }));
  const wardName = new Map(wards.map((w) => [w.code, w.name]));
  return {
    base,
    title: p.title,
    phase: p.phase,
    editable: canEditBallotSettings(p.phase),
    values: processToValues(p),
    facts: Object.fromEntries(LOCKED_SETTINGS.map((k) => [k, p[k]])) as Pick<typeof p, (typeof LOCKED_SETTINGS)[number]>,
    wards,
    budgets: p.budgets.map((b) => ({ name: b.name, area: b.wardCode ? (wardName.get(b.wardCode) ?? b.wardCode) : null, amount: formatPence(b.amountPence) })),
    budgetAdded: new URL(request.url).searchParams.has("budgetAdded"),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const form = await request.formData().catch(() => badRequest());
  if (form.get("intent") === "add_budget") {
    const wards = await listWards(context.services, council.id);
    const budget = {
      name: String(form.get("newBudget.name") ?? "").slice(0, 200),
      amount: String(form.get("newBudget.amount") ?? "").slice(0, 50),
      wardCode: String(form.get("newBudget.wardCode") ?? "").slice(0, 20),
    };
    const name = budget.name.trim() || wards.find((w) => w.code === budget.wardCode)?.name || "";
    const result = await addBudget(context.services, actor, { councilId: council.id, processId: p.id, ...budget, name });
    if (result.ok) return redirect(`${base}/settings?budgetAdded`);
    if (result.reason === "forbidden") forbidden();
    if (result.reason === "not_found") notFound();
    const errors =
      result.reason === "invalid"
        ? wordFieldErrors(
            Object.fromEntries(Object.entries((result.detail as { fieldErrors: FieldErrors }).fieldErrors).map(([k, v]) => [`newBudget.${k}`, v])),
            locale,
            ["newBudget"],
          )
        : { "newBudget-name": processMessage("phase_locked", locale, { phase: p.phase }) };
    return data({ budget, errors, values: null }, { status: result.reason === "invalid" ? 400 : 409 });
  }

  const read = readProcessForm(form);
  // Once review has started the fixed settings are not on the form: send the stored ones, so
  // only what the officer could change is compared.
  const input = canEditBallotSettings(p.phase) ? read.input : { ...read.input, ...Object.fromEntries(LOCKED_SETTINGS.map((k) => [k, p[k]])) };
  if (Object.keys(read.errors).length > 0) {
    const rest = validateProcessSettings(input);
    return data({ values: read.values, budget: null, errors: wordFieldErrors({ ...(rest.ok ? {} : rest.detail.fieldErrors), ...read.errors }, locale) }, { status: 400 });
  }
  const result = await updateProcess(context.services, actor, { councilId: council.id, processId: p.id, ...input });
  if (result.ok) return redirect(`${base}?saved`);
  if (result.reason === "forbidden") forbidden();
  if (result.reason === "not_found") notFound();
  if (result.reason === "invalid")
    return data({ values: read.values, budget: null, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale) }, { status: 400 });
  // The phase moved on while the form was open: the fixed settings can no longer change.
  return data({ values: read.values, budget: null, errors: { title: processMessage("phase_locked", locale, { phase: p.phase }) } }, { status: 409 });
}

export default function ProcessSettings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { base, editable, phase } = loaderData;
  const errors = actionData?.errors;
  const phaseName = t(`officerBudgets.phase.${phase}` as MessageKey).toLowerCase();
  return (
    <Page title={t("officerBudgets.process.editSettings")} errors={errors} backHref={base}>
      {loaderData.budgetAdded ? <NotificationBanner kind="success">{t("officerBudgets.settings.budgetAdded")}</NotificationBanner> : null}
      <p className="text-xl">{loaderData.title}</p>
      {editable ? null : (
        <section aria-labelledby="locked-heading">
          <h2 id="locked-heading">{t("officerBudgets.settings.lockedTitle")}</h2>
          <InsetText>{t("officerBudgets.settings.locked", { phase: phaseName })}</InsetText>
          <SummaryList rows={settingsRows(t, loaderData.facts)} />
        </section>
      )}
      <ProcessForm
        values={actionData?.values ?? loaderData.values}
        errors={actionData?.values ? errors : undefined}
        wards={loaderData.wards}
        locked={!editable}
        withBudgets={false}
        submitLabel={t("officerBudgets.settings.save")}
      />
      <h2>{t("officerBudgets.form.budgets")}</h2>
      <Table
        caption={t("officerBudgets.process.budgetCaption")}
        head={[t("officerBudgets.process.budget"), t("officerBudgets.process.area"), t("officerBudgets.process.amount")]}
        rows={loaderData.budgets.map((b) => [b.name, b.area ?? t("officerBudgets.form.wholeArea"), b.amount])}
      />
      {editable ? (
        <Form method="post" noValidate>
          <BudgetFields
            prefix="newBudget"
            legend={t("officerBudgets.settings.addBudget")}
            value={actionData?.budget ?? { name: "", amount: "", wardCode: "" }}
            errors={actionData?.budget ? (errors ?? {}) : {}}
            wards={loaderData.wards}
          />
          <Button name="intent" value="add_budget" variant="secondary">
            {t("officerBudgets.settings.addBudgetSubmit")}
          </Button>
        </Form>
      ) : (
        <p>{t("officerBudgets.settings.budgetsLocked")}</p>
      )}
    </Page>
  );
}
