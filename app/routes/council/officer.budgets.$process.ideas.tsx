// Officers' list of the ideas residents have suggested for a process, with what became of each.
import type { Route } from "./+types/officer.budgets.$process.ideas";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { formatUkDate } from "~/domain/budgeting/process-form.ts";
import { listIdeas } from "~/server/budgeting/ideas.server.ts";
import { notFound } from "~/server/http/request.server.ts";
import { requireOfficerProcess } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const result = await listIdeas(context.services, actor, { councilId: council.id, processId: p.id, scope: "officer" });
  if (!result.ok) notFound();
  return {
    base,
    title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
    ideas: result.value.map((i) => ({
      id: i.id,
      title: i.title,
      ward: i.wardName,
      suggested: formatUkDate(i.createdAt, locale),
      status: i.status,
      reference: i.project?.reference ?? null,
    })),
  };
}

export default function OfficerIdeas({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { base, ideas } = loaderData;
  return (
    <Page title={t("officerBudgets.ideas.title")} backHref={base}>
      <p className="text-xl">{loaderData.title}</p>
      <p>{t("officerBudgets.ideas.lead")}</p>
      {ideas.length === 0 ? (
        <p>{t("officerBudgets.ideas.empty")}</p>
      ) : (
        <Table
          caption={t("officerBudgets.ideas.caption")}
          head={[t("officerBudgets.ideas.idea"), t("officerBudgets.ideas.ward"), t("officerBudgets.ideas.suggested"), t("officerBudgets.ideas.status")]}
          rows={ideas.map((i) => [
            <a key="idea" href={`${base}/ideas/${i.id}`}>
              {i.title}
            </a>,
            i.ward ?? t("officerBudgets.ideas.wholeArea"),
            i.suggested,
            i.status === "accepted"
              ? t("officerBudgets.ideaStatus.accepted", { reference: i.reference ?? "" })
              : t(i.status === "declined" ? "officerBudgets.ideaStatus.declined" : "officerBudgets.ideaStatus.submitted"),
          ])}
        />
      )}
    </Page>
  );
}
