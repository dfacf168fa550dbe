// The published results of a budget process, for anyone: what was funded, why each project was
// or was not, the comparison with greedy, who voted (suppressed), and the open data files.
import type { Route } from "./+types/budgets.$process.results";
import { BudgetOutcome, formatDay, TurnoutTables, useRuleName } from "~/components/budgeting/results.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Page } from "~/components/layout/page.tsx";
import { InsetText, SummaryList } from "~/components/ui/panels.tsx";
import { moneyFormatters } from "~/domain/budgeting/result-record.ts";
import { NOT_RECORDED } from "~/domain/budgeting/turnout.ts";
import { getPublishedResults } from "~/server/budgeting/results.server.ts";
import { notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const results = await getPublishedResults(context.services, { councilId: council.id, slugOrId: params.process });
  if (!results.ok) notFound();
  return { results: results.value };
}

export default function Results({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const ruleName = useRuleName();
  const { process, budgets, publishedAt } = loaderData.results;
  const title = locale === "cy" && process.titleCy ? process.titleCy : process.title;
  const base = `/${params.council}/budgets/${process.slug}/results`;
  // Every budget of a process is counted in one currency (pounds, or an imported file's own).
  const money = moneyFormatters(budgets[0]!.result.currency);
  const total = budgets.reduce((s, b) => s + b.amountPence, 0n);
  const spent = budgets.reduce((s, b) => s + b.result.outcome.cost.n / b.result.outcome.cost.d, 0n);
  const funded = budgets.reduce((s, b) => s + b.result.outcome.selected.length, 0);
  const online = budgets.reduce((s, b) => s + b.ballots.online, 0);
  const paper = budgets.reduce((s, b) => s + b.ballots.paper, 0);
  return (
    <Page title={t("results.title", { process: title })}>
      {process.importedFrom ? <InsetText>{t("results.imported", { source: process.importedFrom })}</InsetText> : null}
      <SummaryList
        rows={[
          { key: t("results.summary.budget"), value: money.pence(total) },
          { key: t("results.summary.spent"), value: t("results.summary.spentValue", { spent: money.pence(spent), count: funded }) },
          {
            key: t("results.summary.ballots"),
            value: t("results.summary.ballotsValue", {
              total: (online + paper).toLocaleString("en-GB"),
              online: online.toLocaleString("en-GB"),
              paper: paper.toLocaleString("en-GB"),
            }),
          },
          {
            key: t("results.summary.rule"),
            value: (
              <>
                {ruleName(budgets[0]!.result.settings)}. <a href={`${base}/how-we-counted`}>{t("results.summary.ruleLink")}</a>
              </>
            ),
          },
          { key: t("results.summary.published"), value: formatDay(publishedAt, locale) },
        ]}
      />
      {budgets.map((b) => (
        <section key={b.id} aria-labelledby={`budget-${b.id}`}>
          <h2 id={`budget-${b.id}`}>{b.name}</h2>
          <BudgetOutcome budget={b} count={b.result} idPrefix={`budget-${b.id}`} />
          <h3>{t("results.turnout.title")}</h3>
          <TurnoutTables turnout={b.turnout} notRecordedKey={NOT_RECORDED} idPrefix={`budget-${b.id}`} />
        </section>
      ))}
      <h2>{t("results.openData.title")}</h2>
      <p>{t("results.openData.lead")}</p>
      <ul className="mb-6 list-disc pl-6">
        <li>
          <a href={`${base}.json`} download>
            {t("results.openData.json")}
          </a>
        </li>
        {budgets.map((b) => (
          <li key={b.id}>
            <a href={`${base}/${b.id}.pb`} download>
              {t("results.openData.pb", { budget: b.name })}
            </a>
          </li>
        ))}
      </ul>
      <p>{t("results.openData.licence")}</p>
    </Page>
  );
}
