// Officers' list of the council's budget processes, drafts included, and "Create a process".
import type { Route } from "./+types/officer.budgets";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { listProcesses } from "~/server/budgeting/processes.server.ts";
import { forbidden } from "~/server/http/request.server.ts";
import { requireBudgetOfficer } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, locale } = await requireBudgetOfficer(context, request, params.council);
  const result = await listProcesses(context.services, actor, { councilId: council.id, publicOnly: false });
  if (!result.ok) forbidden();
  return {
    processes: result.value.map((p) => ({
      id: p.id,
      title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
      phase: p.phase,
      total: formatPence(p.totalPence),
      budgetCount: p.budgetCount,
      projectCount: p.projectCount,
      ideaCount: p.ideaCount,
    })),
  };
}

export default function BudgetProcesses({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const base = `/${params.council}/officer/budgets`;
  return (
    <Page title={t("officerBudgets.list.title")}>
      <p>{t("officerBudgets.list.lead")}</p>
      <p>
        <a href={`${base}/new`} className="font-bold">
          {t("officerBudgets.list.create")}
        </a>
      </p>
      {loaderData.processes.length === 0 ? (
        <p>{t("officerBudgets.list.empty")}</p>
      ) : (
        <Table
          caption={t("officerBudgets.list.caption")}
          head={[t("officerBudgets.list.process"), t("officerBudgets.list.phase"), t("officerBudgets.list.money"), t("officerBudgets.list.projects"), t("officerBudgets.list.ideas")]}
          rows={loaderData.processes.map((p) => [
            <a key="title" href={`${base}/${p.id}`}>
              {p.title}
            </a>,
            t(`officerBudgets.phase.${p.phase}`),
            t("officerBudgets.list.total", {
              total: p.total,
              count: p.budgetCount,
              budgets: t(p.budgetCount === 1 ? "officerBudgets.list.budgetOne" : "officerBudgets.list.budgetMany"),
            }),
            p.projectCount,
            p.ideaCount,
          ])}
        />
      )}
    </Page>
  );
}
