// Delivery of a process: every project the vote selected, how far it has got and what was spent.
import type { Route } from "./+types/officer.budgets.$process.delivery";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { InsetText, Table } from "~/components/ui/panels.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { formatDay } from "~/domain/budgeting/paper-messages.ts";
import { deliveryOverview } from "~/server/budgeting/delivery.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await deliveryOverview(context.services, actor, { councilId: council.id, process: params.process });
  if (!result.ok) notFound();
  const locale = getLocale(request);
  const { process, canUpdate, projects } = result.value;
  return {
    process: { slug: process.slug, title: process.title },
    canUpdate,
    projects: projects.map((p) => ({
      reference: p.reference,
      title: p.title,
      budgetName: p.budgetName,
      status: p.status as "selected" | "in_delivery" | "delivered",
      percent: p.percentComplete,
      spent: p.spentPence === null ? null : formatPence(p.spentPence),
      cost: formatPence(p.costPence),
      milestones: p.milestones,
      milestonesDone: p.milestonesDone,
      updated: p.deliveryUpdatedAt ? formatDay(p.deliveryUpdatedAt, locale) : null,
    })),
  };
}

export default function Delivery({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, projects } = loaderData;
  const base = `/${params.council}/officer/budgets/${process.slug}`;
  return (
    <Page title={t("delivery.title")} backHref={base}>
      <p className="text-secondary">{process.title}</p>
      <p>{t("delivery.lead")}</p>
      {loaderData.canUpdate ? null : <InsetText>{t("delivery.closed")}</InsetText>}
      {projects.length === 0 ? (
        <p>{t("delivery.none")}</p>
      ) : (
        <Table
          caption={t("delivery.caption")}
          head={[t("delivery.project"), t("delivery.budget"), t("delivery.status"), t("delivery.complete"), t("delivery.spent"), t("delivery.milestones"), t("delivery.updated")]}
          rows={projects.map((p) => [
            <a key="project" href={`${base}/delivery/${encodeURIComponent(p.reference)}`}>
              {p.reference}: {p.title}
            </a>,
            p.budgetName,
            t(`delivery.status.${p.status}`),
            p.percent === null ? t("delivery.notRecorded") : `${p.percent}%`,
            p.spent === null ? t("delivery.notRecorded") : t("delivery.spentOf", { spent: p.spent, cost: p.cost }),
            t("delivery.milestonesDone", { done: p.milestonesDone, total: p.milestones }),
            p.updated ?? t("delivery.never"),
          ])}
        />
      )}
    </Page>
  );
}
