// The council's consultations residents can see: every status but draft, with the dates.
import type { Route } from "./+types/consultations";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { listConsultations } from "~/server/consultations/consultations.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const result = await listConsultations(context.services, context.auth.actor, { councilId: council.id, scope: "public" });
  if (!result.ok) notFound();
  return {
    councilName: locale === "cy" && council.nameCy ? council.nameCy : council.name,
    consultations: result.value.map((c) => ({
      slug: c.slug,
      title: locale === "cy" && c.titleCy ? c.titleCy : c.title,
      summary: locale === "cy" && c.summaryCy ? c.summaryCy : c.summary,
      status: c.shownStatus,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
    })),
  };
}

export default function Consultations({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { consultations, councilName } = loaderData;
  return (
    <Page title={t("consult.list.title")}>
      <p className="text-2xl">{t("consult.list.lead", { council: councilName })}</p>
      {consultations.length === 0 ? (
        <p>{t("consult.list.none")}</p>
      ) : (
        <Table
          caption={t("consult.list.caption", { council: councilName })}
          head={[t("consult.list.name"), t("consult.list.status"), t("consult.list.dates")]}
          rows={consultations.map((c) => [
            <div key="name">
              <a href={`/${params.council}/consultations/${c.slug}`} className="font-bold">
                {c.title}
              </a>
              <p className="mb-0 mt-1">{c.summary}</p>
            </div>,
            t(`consult.status.${c.status}`),
            c.opensAt && c.closesAt
              ? t("consult.dates.range", { from: formatDate(new Date(c.opensAt), locale), to: formatDate(new Date(c.closesAt), locale) })
              : t("consult.dates.notSet"),
          ])}
        />
      )}
    </Page>
  );
}
