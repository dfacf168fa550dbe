// The council's community budgets (participatory budgeting processes) that residents can see:
// every phase but draft, with the stage, the voting dates and the money.
import type { Route } from "./+types/budgets";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { listProcesses } from "~/server/budgeting/processes.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const result = await listProcesses(context.services, context.auth.actor, { councilId: council.id, publicOnly: true });
  if (!result.ok) notFound();
  return {
    councilName: locale === "cy" && council.nameCy ? council.nameCy : council.name,
    processes: result.value.map((p) => ({
      slug: p.slug,
      title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
      summary: p.summary,
      phase: p.phase,
      votingOpenAt: p.votingOpenAt,
      votingCloseAt: p.votingCloseAt,
      totalPence: p.totalPence,
    })),
  };
}

export default function Budgets({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { processes, councilName } = loaderData;
  const dates = (from: Date | null, to: Date | null) =>
    from && to
      ? t("voting.dates.range", { from: formatDate(from, locale), to: formatDate(to, locale) })
      : to
        ? t("voting.dates.closes", { date: formatDate(to, locale) })
        : from
          ? t("voting.dates.opens", { date: formatDate(from, locale) })
          : t("voting.dates.notSet");
  return (
    <Page title={t("voting.list.title")}>
      <p className="text-2xl">{t("voting.list.lead", { council: councilName })}</p>
      {processes.length === 0 ? (
        <p>{t("voting.list.none")}</p>
      ) : (
        <Table
          caption={t("voting.list.caption", { council: councilName })}
          head={[t("voting.list.name"), t("voting.list.stage"), t("voting.list.voting"), t("voting.list.total")]}
          rows={processes.map((p) => [
            <a key="name" href={`/${params.council}/budgets/${p.slug}`}>
              {p.title}
            </a>,
            t(`voting.phase.${p.phase}`),
            dates(p.votingOpenAt, p.votingCloseAt),
            formatPence(p.totalPence),
          ])}
        />
      )}
    </Page>
  );
}
