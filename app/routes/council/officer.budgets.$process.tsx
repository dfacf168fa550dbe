// A budget process as officers see it: its settings, budgets, projects by status, the next
// phase (with a confirmation step on its own page), and what has been done to it so far.
import type { Route } from "./+types/officer.budgets.$process";
import { describeEvent, settingsRows } from "~/components/budgeting/process-summary.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { NotificationBanner, SummaryList, Table } from "~/components/ui/panels.tsx";
import type { MessageKey } from "~/domain/i18n/catalogue.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { formatUkDate } from "~/domain/budgeting/process-form.ts";
import { PROJECT_STATUSES, nextPhases, type Phase } from "~/domain/budgeting/process.ts";
import { listIdeas } from "~/server/budgeting/ideas.server.ts";
import { processHistory } from "~/server/budgeting/officer-views.server.ts";
import { notFound } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import { requireOfficerProcess } from "./officer-budgets.server.ts";

/** The planned date shown beside "move to <phase>": when that phase was meant to start. */
const PLANNED: Record<Phase, "ideasOpenAt" | "reviewOpenAt" | "votingOpenAt" | "votingCloseAt" | "resultsAt" | null> = {
  draft: null,
  ideas: "ideasOpenAt",
  review: "reviewOpenAt",
  voting: "votingOpenAt",
  results: "votingCloseAt",
  delivery: null,
};

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const [history, ideas, wards] = await Promise.all([
    processHistory(context.services, actor, { councilId: council.id, processId: p.id }),
    listIdeas(context.services, actor, { councilId: council.id, processId: p.id, scope: "officer" }),
    listWards(context.services, council.id),
  ]);
  if (!history.ok || !ideas.ok) notFound();
  const wardName = new Map(wards.map((w) => [w.code, w.name]));
  const date = (d: Date | null, withTime = false) => (d ? formatUkDate(d, locale, withTime) : null);
  const url = new URL(request.url);
  const budgetName = new Map(p.budgets.map((b) => [b.id, b.name]));
  return {
    base,
    publicPath: `/${council.slug}/budgets/${p.slug}`,
    notice: url.searchParams.has("created")
      ? { key: "officerBudgets.new.created" as const }
      : url.searchParams.has("saved")
        ? { key: "officerBudgets.process.saved" as const }
        : url.searchParams.get("added")
          ? { key: "officerBudgets.process.projectAdded" as const, reference: url.searchParams.get("added")!.slice(0, 20) }
          : url.searchParams.has("moved")
            ? { key: "officerBudgets.process.moved" as const }
            : null,
    process: {
      title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
      slug: p.slug,
      phase: p.phase,
      dates: (["ideasOpenAt", "reviewOpenAt", "votingOpenAt", "votingCloseAt", "resultsAt"] as const)
        .filter((k) => p[k])
        .map((k) => ({ key: k, text: date(p[k], k === "votingOpenAt" || k === "votingCloseAt")! })),
      minimumAge: p.minimumAge,
      requirePostcodeInArea: p.requirePostcodeInArea,
      useVotingCodes: p.useVotingCodes,
      ballotType: p.ballotType,
      minProjects: p.minProjects,
      maxProjects: p.maxProjects,
      points: p.points,
      pointsPerProjectCap: p.pointsPerProjectCap,
      rankCount: p.rankCount,
      countingRule: p.countingRule,
      mesCompletion: p.mesCompletion,
      greedyThreshold: p.greedyThreshold,
      tieBreak: p.tieBreak,
    },
    budgets: p.budgets.map((b) => ({
      id: b.id,
      name: b.name,
      area: b.wardCode ? (wardName.get(b.wardCode) ?? b.wardCode) : null,
      amount: formatPence(b.amountPence),
      projectCount: b.projects.length,
    })),
    projects: p.budgets.flatMap((b) =>
      b.projects.map((pr) => ({
        id: pr.id,
        reference: pr.reference,
        title: pr.title,
        budget: budgetName.get(b.id)!,
        cost: formatPence(pr.costPence),
        status: pr.status,
        reason: pr.feasibilityReason,
      })),
    ),
    ideaCount: ideas.value.length,
    next: nextPhases(p.phase).map((to) => ({ to, planned: PLANNED[to] ? date(p[PLANNED[to]!], to === "voting" || to === "results") : null })),
    history: history.value.map((h) => ({ id: h.id, at: formatUkDate(h.at, locale, true), who: h.who, action: h.action, data: h.data })),
  };
}

export default function BudgetProcessOverview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { process: p, base, notice } = loaderData;
  const phaseName = (phase: string) => t(`officerBudgets.phase.${phase}` as MessageKey);
  const nextLabel = (to: Phase) => (p.phase === "draft" && to === "review" ? t("officerBudgets.next.reviewSkip") : t(`officerBudgets.next.${to}` as MessageKey));
  return (
    <Page title={p.title} backHref={base.replace(/\/[^/]+$/, "")}>
      {notice ? (
        <NotificationBanner kind="success">
          {notice.key === "officerBudgets.process.projectAdded"
            ? t(notice.key, { reference: notice.reference ?? "" })
            : notice.key === "officerBudgets.process.moved"
              ? t(notice.key, { phase: phaseName(p.phase).toLowerCase() })
              : t(notice.key)}
        </NotificationBanner>
      ) : null}
      <ul className="mb-8 list-disc pl-6">
        <li>
          <a href={`${base}/settings`}>{t("officerBudgets.process.editSettings")}</a>
        </li>
        <li>
          <a href={`${base}/projects/new`}>{t("officerBudgets.process.addProject")}</a>
        </li>
        <li>
          <a href={`${base}/ideas`}>{t("officerBudgets.process.ideasLink", { count: loaderData.ideaCount })}</a>
        </li>
        {p.useVotingCodes ? (
          <li>
            <a href={`${base}/codes`}>{t("paper.codes.title")}</a>
          </li>
        ) : null}
        {p.phase === "voting" || p.phase === "results" || p.phase === "delivery" ? (
          <li>
            <a href={`${base}/paper`}>{t("paper.list.title")}</a>
          </li>
        ) : null}
        {p.phase === "results" || p.phase === "delivery" ? (
          <>
            <li>
              <a href={`${base}/results`}>{t("results.officer.title")}</a>
            </li>
            <li>
              <a href={`${base}/delivery`}>{t("delivery.title")}</a>
            </li>
          </>
        ) : null}
      </ul>

      <h2>{t("officerBudgets.process.settings")}</h2>
      <SummaryList
        rows={[
          { key: t("officerBudgets.process.phase"), value: <strong>{phaseName(p.phase)}</strong> },
          { key: t("officerBudgets.process.address"), value: p.phase === "draft" ? loaderData.publicPath : <a href={loaderData.publicPath}>{loaderData.publicPath}</a> },
          {
            key: t("officerBudgets.process.dates"),
            value:
              p.dates.length === 0 ? (
                t("officerBudgets.process.noDates")
              ) : (
                <ul className="list-none">
                  {p.dates.map((d) => (
                    <li key={d.key}>
                      {t(`officerBudgets.date.${d.key}`)}: {d.text}
                    </li>
                  ))}
                </ul>
              ),
          },
          ...settingsRows(t, p),
        ]}
      />

      <h2>{t("officerBudgets.process.budgets")}</h2>
      <Table
        caption={t("officerBudgets.process.budgetCaption")}
        head={[t("officerBudgets.process.budget"), t("officerBudgets.process.area"), t("officerBudgets.process.amount"), t("officerBudgets.process.projectCount")]}
        rows={loaderData.budgets.map((b) => [b.name, b.area ?? t("officerBudgets.form.wholeArea"), b.amount, b.projectCount])}
      />

      <h2>{t("officerBudgets.process.projects")}</h2>
      {loaderData.projects.length === 0 ? <p>{t("officerBudgets.process.noProjects")}</p> : null}
      {PROJECT_STATUSES.map((status) => {
        const rows = loaderData.projects.filter((pr) => pr.status === status);
        if (rows.length === 0) return null;
        const withReason = status === "not_feasible";
        return (
          <Table
            key={status}
            caption={`${t(`officerBudgets.status.${status}`)} (${rows.length})`}
            head={[
              t("officerBudgets.process.reference"),
              t("officerBudgets.process.projectTitle"),
              t("officerBudgets.process.budget"),
              t("officerBudgets.process.cost"),
              ...(withReason ? [t("officerBudgets.process.reason")] : []),
            ]}
            rows={rows.map((pr) => [
              pr.reference,
              <a key="title" href={`${base}/projects/${pr.id}`}>
                {pr.title}
              </a>,
              pr.budget,
              pr.cost,
              ...(withReason ? [pr.reason ?? ""] : []),
            ])}
          />
        );
      })}

      <h2 id="change-phase">{t("officerBudgets.process.changePhase")}</h2>
      {loaderData.next.length === 0 ? (
        <p>{t("officerBudgets.process.lastPhase")}</p>
      ) : (
        <form method="get" action={`${base}/phase`} noValidate>
          {loaderData.next.length === 1 ? (
            <>
              <input type="hidden" name="to" value={loaderData.next[0]!.to} />
              <p>
                <strong>{t("officerBudgets.process.nextPhase")}:</strong> {nextLabel(loaderData.next[0]!.to)}.{" "}
                {loaderData.next[0]!.planned ? t("officerBudgets.process.plannedFor", { date: loaderData.next[0]!.planned }) : t("officerBudgets.process.notPlanned")}
              </p>
            </>
          ) : (
            <Radios
              name="to"
              legend={t("officerBudgets.process.nextPhase")}
              value={loaderData.next[0]!.to}
              options={loaderData.next.map((n) => ({
                value: n.to,
                label: nextLabel(n.to),
                hint: n.planned ? t("officerBudgets.process.plannedFor", { date: n.planned }) : t("officerBudgets.process.notPlanned"),
              }))}
            />
          )}
          <Button variant="secondary">{t("officerBudgets.process.changePhase")}</Button>
        </form>
      )}

      <h2>{t("officerBudgets.process.history")}</h2>
      <Table
        caption={t("officerBudgets.process.historyCaption")}
        head={[t("officerBudgets.process.when"), t("officerBudgets.process.who"), t("officerBudgets.process.what")]}
        rows={loaderData.history.map((h) => [h.at, h.who ?? t("officerBudgets.process.someone"), describeEvent(t, h.action, h.data)])}
      />
    </Page>
  );
}
