// Officers count each budget, check the explained outcome, count again if they need to, and
// publish all budgets at once after a confirmation step. A tie under the "report" policy stops
// the count and shows the projects that tie.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.results";
import { BudgetOutcome, formatDay, listFormat } from "~/components/budgeting/results.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Page } from "~/components/layout/page.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner, Table } from "~/components/ui/panels.tsx";
import { PHASE_NAMES } from "~/domain/budgeting/ballot-messages.ts";
import { countErrorMessage } from "~/domain/budgeting/messages.ts";
import { moneyFormatters } from "~/domain/budgeting/result-record.ts";
import { translator } from "~/domain/i18n/catalogue.ts";
import { countBudget, getOfficerResults, publishResults } from "~/server/budgeting/results.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { forbidden, getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const view = await getOfficerResults(context.services, actor, { councilId: council.id, slugOrId: params.process });
  if (!view.ok) return view.reason === "forbidden" ? forbidden() : notFound();
  const url = new URL(request.url);
  return {
    view: view.value,
    confirm: url.searchParams.has("confirm"),
    counted: url.searchParams.get("counted"),
    published: url.searchParams.has("published"),
    imported: url.searchParams.has("imported")
      ? { fileRule: url.searchParams.get("fileRule") ?? "", fromFile: url.searchParams.get("fromFile") === "1" }
      : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const t = translator(getLocale(request));
  const locale = getLocale(request);
  const form = await readForm(request);
  const processId = form.processId ?? "";
  const here = `/${council.slug}/officer/budgets/${params.process}/results`;

  if (form.intent === "count") {
    const budgetId = form.budgetId ?? "";
    const anchor = `count-${budgetId}`;
    const result = await countBudget(context.services, actor, { councilId: council.id, processId, budgetId });
    if (result.ok) return redirect(`${here}?counted=${encodeURIComponent(budgetId)}`);
    switch (result.reason) {
      case "forbidden":
        return forbidden();
      case "not_found":
        return notFound();
      case "tie": {
        const names = result.detail.tied.map((p) => `${p.title} (${p.reference})`);
        const message = countErrorMessage("tie", locale, { round: result.detail.round, tied: names });
        return data({ errors: { [anchor]: message }, tie: { budgetId, ...result.detail } }, { status: 409 });
      }
      case "count_failed":
        return data(
          { errors: { [anchor]: countErrorMessage(result.detail.reason, locale, { steps: result.detail.steps }) }, tie: null },
          { status: 409 },
        );
      default:
        return data({ errors: { [anchor]: t(`results.reason.${result.reason}`) }, tie: null }, { status: 409 });
    }
  }
  if (form.intent === "publish") {
    const result = await publishResults(context.services, actor, { councilId: council.id, processId });
    if (result.ok) return redirect(`${here}?published`);
    switch (result.reason) {
      case "forbidden":
        return forbidden();
      case "not_found":
        return notFound();
      case "not_counted":
      case "papers_pending":
      case "count_out_of_date":
        return data(
          {
            errors: { publish: t(`results.reason.${result.reason}`, { budgets: listFormat(locale, (result.detail as { budgets: string[] }).budgets) }) },
            tie: null,
          },
          { status: 409 },
        );
      default:
        return data({ errors: { publish: t(`results.reason.${result.reason}`) }, tie: null }, { status: 409 });
    }
  }
  return data({ errors: { publish: t("error.badRequest.title") }, tie: null }, { status: 400 });
}

export default function OfficerResults({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { view, confirm, counted, published, imported } = loaderData;
  const { process, budgets } = view;
  const here = `/${params.council}/officer/budgets/${params.process}/results`;
  const publicResults = `/${params.council}/budgets/${process.slug}/results`;
  const inResults = process.phase === "results";
  const allCounted = budgets.length > 0 && budgets.every((b) => b.result);
  const canPublish = inResults && allCounted && !view.published;
  const countedBudget = budgets.find((b) => b.id === counted);
  const tie = actionData?.tie ?? null;
  return (
    <Page title={t("results.officer.title")} errors={actionData?.errors}>
      <p className="text-2xl">{process.title}</p>
      {published && view.published ? (
        <NotificationBanner kind="success">
          <p className="mb-2">{t("results.officer.published")}</p>
          <a href={publicResults}>{t("results.officer.viewPublic")}</a>
        </NotificationBanner>
      ) : imported ? (
        <NotificationBanner kind="success">
          <p className="mb-0">
            {t("results.officer.imported")}{" "}
            {imported.fromFile
              ? t("results.officer.importedRuleFromFile", { rule: imported.fileRule })
              : t("results.officer.importedRuleFallback", { rule: imported.fileRule })}
          </p>
        </NotificationBanner>
      ) : countedBudget ? (
        <NotificationBanner kind="success">{t("results.officer.counted", { budget: countedBudget.name })}</NotificationBanner>
      ) : null}
      <p>{t("results.officer.lead")}</p>
      {!inResults && !view.published ? <InsetText>{t("results.officer.notClosed", { phase: PHASE_NAMES[process.phase][locale] })}</InsetText> : null}
      {view.published ? (
        <p>
          <a href={publicResults} className="font-bold">
            {t("results.officer.viewPublic")}
          </a>
        </p>
      ) : null}

      {tie ? (
        <section aria-labelledby="tie-title" className="mb-8 border-l-[10px] border-error pl-4">
          <h2 id="tie-title">{t("results.officer.tieTitle")}</h2>
          <p>{t("results.officer.tieLead", { round: tie.round })}</p>
          <Table
            caption={budgets.find((b) => b.id === tie.budgetId)?.name ?? ""}
            head={[t("results.col.project"), t("results.col.cost")]}
            rows={tie.tied.map((p) => {
              const project = budgets.flatMap((b) => b.projects).find((x) => x.reference === p.reference);
              // Only the product's own processes report ties (imports break them by default): pounds.
              return [`${p.title} (${p.reference})`, project ? moneyFormatters("GBP").pence(project.costPence) : ""];
            })}
          />
        </section>
      ) : null}

      {budgets.map((b) => {
        const r = b.result;
        return (
          <section key={b.id} aria-labelledby={`budget-${b.id}`} className="mb-8">
            <h2 id={`budget-${b.id}`}>{b.name}</h2>
            <p>
              {!r
                ? t("results.officer.status.none")
                : r.publishedAt
                  ? t("results.officer.status.published", { date: formatDay(r.publishedAt, locale) })
                  : t("results.officer.status.counted", { date: formatDay(r.computedAt, locale) })}
            </p>
            {inResults && !r?.publishedAt ? (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="count" />
                <input type="hidden" name="processId" value={process.id} />
                <input type="hidden" name="budgetId" value={b.id} />
                <Button id={`count-${b.id}`} variant={r ? "secondary" : "primary"}>
                  {r ? t("results.officer.recount") : t("results.officer.count")}
                </Button>
              </Form>
            ) : null}
            {r ? (
              <>
                <h3>{t("results.officer.preview")}</h3>
                <BudgetOutcome budget={b} count={r} idPrefix={`budget-${b.id}`} />
              </>
            ) : null}
          </section>
        );
      })}

      {canPublish ? (
        <section aria-labelledby="publish-title">
          <h2 id="publish-title">{t("results.officer.publishTitle")}</h2>
          <p>{t("results.officer.publishLead")}</p>
          {confirm ? (
            <div className="mb-8 border-[5px] border-ink p-4">
              <h3>{t("results.officer.confirmTitle")}</h3>
              <ul className="mb-6 list-disc pl-6">
                {budgets.map((b) => {
                  const money = moneyFormatters(b.result!.currency);
                  const cost = b.result!.outcome.cost;
                  return (
                    <li key={b.id}>
                      {t("results.officer.confirmBudget", {
                        budget: b.name,
                        count: b.result!.outcome.selected.length,
                        spent: money.pence(cost.n / cost.d),
                        total: money.pence(b.amountPence),
                      })}
                    </li>
                  );
                })}
              </ul>
              <Form method="post" noValidate className="flex flex-wrap items-baseline gap-6">
                <input type="hidden" name="intent" value="publish" />
                <input type="hidden" name="processId" value={process.id} />
                <Button id="publish">{t("results.officer.confirm")}</Button>
                <a href={here}>{t("results.officer.cancel")}</a>
              </Form>
            </div>
          ) : (
            <a
              id="publish"
              href={`${here}?confirm`}
              className="mb-8 inline-block bg-button px-3 py-2 text-[1.1875rem] leading-tight !text-white no-underline shadow-[0_2px_0_var(--color-button-shadow)]"
            >
              {t("results.officer.publishStart")}
            </a>
          )}
        </section>
      ) : null}
    </Page>
  );
}
