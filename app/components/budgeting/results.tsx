// The explained outcome of one budget's count (public results page and the officer's preview)
// and the turnout tables. Presentational: the words for each project come from
// app/domain/budgeting/messages.ts, amounts from result-record.ts moneyFormatters.
import { useLocale, useT } from "~/components/i18n.tsx";
import { TurnoutMap, type TurnoutMapShown } from "~/components/budgeting/turnout-map.tsx";
import { Table } from "~/components/ui/panels.tsx";
import type { Comparison } from "~/domain/budgeting/count.ts";
import type { Outcome } from "~/domain/budgeting/counting/outcome.ts";
import { explainProject } from "~/domain/budgeting/messages.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import { moneyFormatters } from "~/domain/budgeting/result-record.ts";
import type { ShownCell, TurnoutTable } from "~/domain/budgeting/turnout.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

export interface BudgetProjects {
  name: string;
  amountPence: Pence;
  projects: readonly { reference: string; title: string; costPence: Pence }[];
}

export interface CountShown {
  outcome: Outcome;
  comparison: Comparison | null;
  currency: string;
  ballotCount: number;
}

export function listFormat(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale === "cy" ? "cy" : "en-GB", { style: "long", type: "conjunction" }).format(items);
}

function numberFormat(n: number): string {
  return n.toLocaleString("en-GB");
}

/** "Benches by the river (P-1)": the title people know, the reference the files use. */
function projectName(titles: ReadonlyMap<string, string>, reference: string): string {
  const title = titles.get(reference);
  return title ? `${title} (${reference})` : reference;
}

/**
 * What one budget's count funded and why, project by project, and how it compares with greedy.
 * Headings start at h3 (the page gives the budget its h2). `idPrefix` keeps ids unique when a
 * page shows several budgets.
 */
export function BudgetOutcome({ budget, count, idPrefix }: { budget: BudgetProjects; count: CountShown; idPrefix: string }) {
  const t = useT();
  const locale = useLocale();
  const money = moneyFormatters(count.currency);
  const { outcome } = count;
  const titles = new Map(budget.projects.map((p) => [p.reference, p.title]));
  const explanations = new Map(outcome.projects.map((p) => [p.projectId, p]));
  const spentPence = outcome.cost.n / outcome.cost.d;
  // Funded first in the order they were funded, then the rest by votes.
  const rows = [...outcome.projects].sort((a, b) => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    if (a.funded && b.funded) return a.round - b.round;
    return b.votes - a.votes || a.projectId.localeCompare(b.projectId, "en", { numeric: true });
  });
  return (
    <>
      <p>
        {t("results.budget.lead", {
          spent: money.pence(spentPence),
          budget: money.pence(budget.amountPence),
          count: outcome.selected.length,
          ballots: numberFormat(count.ballotCount),
        })}
      </p>
      {outcome.selected.length ? (
        <Table
          caption={t("results.funded.caption", { budget: budget.name })}
          head={[t("results.col.project"), t("results.col.cost"), t("results.col.votes")]}
          rows={outcome.selected.map((reference) => {
            const e = explanations.get(reference)!;
            return [projectName(titles, reference), money.exact(e.cost), numberFormat(e.votes)];
          })}
        />
      ) : (
        <p>{t("results.funded.none")}</p>
      )}
      <h3 id={`${idPrefix}-every`}>{t("results.every.title")}</h3>
      <ul className="mb-8 list-none p-0">
        {rows.map((e) => (
          <li key={e.projectId} className="mb-4 border-b border-border pb-4">
            <p className="mb-1 font-bold">
              {projectName(titles, e.projectId)}: {e.funded ? t("results.every.funded") : t("results.every.notFunded")}
            </p>
            <p className="mb-1 text-secondary">{t("results.every.facts", { cost: money.exact(e.cost), votes: numberFormat(e.votes) })}</p>
            <p className="mb-0">{explainProject(e, locale, money.exact)}</p>
          </li>
        ))}
      </ul>
      {count.comparison ? <ComparisonText comparison={count.comparison} selected={outcome.selected} titles={titles} /> : null}
    </>
  );
}

function ComparisonText({
  comparison,
  selected,
  titles,
}: {
  comparison: Comparison;
  selected: readonly string[];
  titles: ReadonlyMap<string, string>;
}) {
  const t = useT();
  const locale = useLocale();
  const names = (refs: readonly string[]) =>
    listFormat(
      locale,
      refs.map((r) => projectName(titles, r)),
    );
  const greedy = new Set(comparison.greedySelected);
  const mes = new Set(selected);
  const both = selected.filter((r) => greedy.has(r));
  const onlyMes = selected.filter((r) => !greedy.has(r));
  const onlyGreedy = comparison.greedySelected.filter((r) => !mes.has(r));
  return (
    <>
      <h3>{t("results.comparison.title")}</h3>
      <p>{t("results.comparison.lead", { projects: names(comparison.greedySelected) })}</p>
      {onlyMes.length === 0 && onlyGreedy.length === 0 ? (
        <p>{t("results.comparison.same")}</p>
      ) : (
        <ul className="mb-6 list-disc pl-6">
          {both.length ? <li>{t("results.comparison.also", { projects: names(both) })}</li> : null}
          {onlyMes.length ? <li>{t("results.comparison.onlyEqualShares", { projects: names(onlyMes) })}</li> : null}
          {onlyGreedy.length ? <li>{t("results.comparison.onlyGreedy", { projects: names(onlyGreedy) })}</li> : null}
        </ul>
      )}
      <p>
        {t("results.comparison.voters", {
          equalShares: numberFormat(comparison.preferEqualShares),
          greedy: numberFormat(comparison.preferGreedy),
          same: numberFormat(comparison.indifferent),
        })}
      </p>
    </>
  );
}

export interface TurnoutShown {
  voters: number;
  wards: TurnoutTable;
  ages: TurnoutTable;
  deprivation: TurnoutTable;
  wardNames: Record<string, string>;
  /** The ward table as a map, drawn above it; absent when no ward has a boundary. */
  map?: TurnoutMapShown | null;
}

/**
 * Who voted, in three captioned tables (the ward table with its map above it); small groups
 * suppressed by app/domain/budgeting/turnout.ts. `idPrefix` keeps the map's ids unique.
 */
export function TurnoutTables({ turnout, notRecordedKey, idPrefix = "turnout" }: { turnout: TurnoutShown; notRecordedKey: string; idPrefix?: string }) {
  const t = useT();
  if (turnout.voters === 0) return <p>{t("results.turnout.none")}</p>;
  const label = (key: string, name: (k: string) => string) => (key === notRecordedKey ? t("results.turnout.notRecorded") : name(key));
  const rows = (table: TurnoutTable, name: (k: string) => string) => [
    ...table.cells.map((c: ShownCell) => [label(c.key, name), ...cellText(c)]),
    [t("results.turnout.total"), numberFormat(table.total), "100%"],
  ];
  const cellText = (c: ShownCell): [string, string] =>
    c.kind === "count"
      ? [numberFormat(c.count), `${c.percent}%`]
      : c.kind === "fewer_than"
        ? [t("results.turnout.fewerThan", { threshold: c.threshold }), t("results.turnout.notShown")]
        : [t("results.turnout.notShown"), t("results.turnout.notShown")];
  const head = (first: string) => [first, t("results.turnout.people"), t("results.turnout.share")];
  const secondary = turnout.wards.secondary || turnout.ages.secondary || turnout.deprivation.secondary;
  return (
    <>
      <p>{t("results.turnout.lead", { count: numberFormat(turnout.voters) })}</p>
      <p>
        {t("results.turnout.privacy")}
        {secondary ? ` ${t("results.turnout.secondary")}` : ""}
      </p>
      {turnout.map ? <TurnoutMap map={turnout.map} idPrefix={idPrefix} /> : null}
      <Table
        caption={t("results.turnout.wards")}
        head={head(t("results.turnout.ward"))}
        rows={rows(turnout.wards, (k) => turnout.wardNames[k] ?? k)}
      />
      <Table caption={t("results.turnout.ages")} head={head(t("results.turnout.age"))} rows={rows(turnout.ages, (k) => k)} />
      <p className="text-secondary">{t("results.turnout.deprivationHint")}</p>
      <Table
        caption={t("results.turnout.deprivation")}
        head={head(t("results.turnout.decile"))}
        rows={rows(turnout.deprivation, (k) => t("results.turnout.decileValue", { decile: k }))}
      />
    </>
  );
}

/** "4 May 2026" (UK time), in the page's language. */
export function formatDay(date: Date, locale: Locale): string {
  return date.toLocaleDateString(locale === "cy" ? "cy-GB" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}

/** The counting rule in a few words, for summaries. */
export function useRuleName(): (settings: { countingRule: string; greedyThreshold: number | null }) => string {
  const t = useT();
  return (s) => {
    switch (s.countingRule) {
      case "greedy":
        return t("results.rule.greedy");
      case "greedy_no_skip":
        return t("results.rule.greedy_no_skip");
      case "greedy_threshold":
        return t("results.rule.greedy_threshold", { threshold: numberFormat(s.greedyThreshold ?? 0) });
      default:
        return t("results.rule.equal_shares");
    }
  };
}
