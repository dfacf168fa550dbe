// Officers' list of the council's consultations, drafts included, and "Create a consultation".
import type { Route } from "./+types/officer.consultations";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { listConsultations } from "~/server/consultations/consultations.server.ts";
import { forbidden } from "~/server/http/request.server.ts";
import { requireConsultationOfficer } from "./officer-consultations.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, locale } = await requireConsultationOfficer(context, request, params.council);
  const result = await listConsultations(context.services, actor, { councilId: council.id, scope: "officer" });
  if (!result.ok) forbidden();
  return {
    consultations: result.value.map((c) => ({ id: c.id, title: locale === "cy" && c.titleCy ? c.titleCy : c.title, status: c.shownStatus, responses: c.responses ?? 0 })),
  };
}

export default function OfficerConsultations({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const base = `/${params.council}/officer/consultations`;
  return (
    <Page title={t("officerConsult.list.title")}>
      <p>
        <a href={`${base}/new`} className="font-bold">
          {t("officerConsult.list.create")}
        </a>
      </p>
      {loaderData.consultations.length === 0 ? (
        <p>{t("officerConsult.list.none")}</p>
      ) : (
        <Table
          caption={t("officerConsult.list.caption")}
          head={[t("consult.list.name"), t("consult.list.status"), t("officerConsult.list.responses")]}
          rows={loaderData.consultations.map((c) => [
            <a key="title" href={`${base}/${c.id}`}>
              {c.title}
            </a>,
            t(`consult.status.${c.status}`),
            c.responses,
          ])}
        />
      )}
    </Page>
  );
}
