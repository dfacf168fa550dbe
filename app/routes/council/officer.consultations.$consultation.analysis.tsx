// What people said, for officers: responses by question and option, and who responded by ward
// and deprivation decile, all with small cells suppressed. Aggregated in SQL.
import type { Route } from "./+types/officer.consultations.$consultation.analysis";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { localText } from "~/domain/questionnaires/questionnaire.ts";
import { analyseConsultation } from "~/server/consultations/analysis.server.ts";
import { forbidden, getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getConsultation } from "~/server/consultations/consultations.server.ts";
import { listWards } from "~/server/places/places.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  // Moderators read responses too (responses.read), not only officers.
  const { actor } = requirePermission(context, request, council, "responses.read");
  const consultation = await getConsultation(context.services, actor, { councilId: council.id, slugOrId: params.consultation ?? "" });
  if (!consultation.ok || consultation.value.id !== params.consultation) notFound();
  const result = await analyseConsultation(context.services, actor, { councilId: council.id, consultationId: consultation.value.id });
  if (!result.ok) return result.reason === "forbidden" ? forbidden() : notFound();
  const wards = new Map((await listWards(context.services, council.id)).map((w) => [w.code, w.name]));
  const locale = getLocale(request);
  return {
    base: `/${council.slug}/officer/consultations/${consultation.value.id}`,
    title: locale === "cy" && consultation.value.titleCy ? consultation.value.titleCy : consultation.value.title,
    analysis: result.value,
    wardNames: Object.fromEntries(wards),
  };
}

export default function Analysis({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const a = d.analysis;
  type Cell = (typeof a.byWard.cells)[number];
  const shown = (cell: { kind: string; count?: number; percent?: number }) =>
    cell.kind === "count" ? [String(cell.count), `${cell.percent}%`] : cell.kind === "fewer_than" ? [t("officerConsult.analysis.fewer"), "–"] : [t("officerConsult.analysis.notShown"), "–"];
  const areaRow = (cell: Cell, name: string) => [name, ...shown(cell as { kind: string; count?: number; percent?: number })];
  return (
    <Page title={t("officerConsult.analysis.title", { consultation: d.title })} backHref={d.base}>
      <p className="text-2xl">{t("officerConsult.analysis.total", { count: a.responses })}</p>
      <p>{t("officerConsult.analysis.suppressed")}</p>
      {a.questions.map(({ question, answered, cells, openAnswers }) => (
        <section key={question.id} aria-labelledby={`q-${question.id}`} className="mb-8">
          <h2 id={`q-${question.id}`} className="text-2xl">
            {localText(question.title, locale)}
          </h2>
          <p>{answered === "fewer_than" ? t("officerConsult.analysis.answeredFew") : t("officerConsult.analysis.answered", { count: answered })}</p>
          {cells.length > 0 ? (
            <Table
              caption={localText(question.title, locale)}
              head={[
                t("officerConsult.analysis.option"),
                t("officerConsult.analysis.count"),
                t("officerConsult.analysis.percent"),
                ...(question.kind === "points" ? [t("officerConsult.analysis.points")] : []),
                ...(question.kind === "ranking" ? [t("officerConsult.analysis.meanRank")] : []),
              ]}
              rows={cells.map((cell) => {
                const option = "options" in question && question.options ? question.options.find((o) => o.id === cell.optionId) : undefined;
                const name = option ? localText(option.label, locale) : cell.optionId;
                const extra =
                  question.kind === "points" ? [cell.kind === "count" ? String(cell.points ?? 0) : "–"] : question.kind === "ranking" ? [cell.kind === "count" && cell.meanRank !== undefined ? String(cell.meanRank) : "–"] : [];
                return [name, ...shown(cell), ...extra];
              })}
            />
          ) : openAnswers > 0 ? (
            <p>{t("officerConsult.analysis.open", { count: openAnswers })}</p>
          ) : null}
        </section>
      ))}
      <section aria-labelledby="by-ward">
        <h2 id="by-ward">{t("officerConsult.analysis.byWard")}</h2>
        <Table
          caption={t("officerConsult.analysis.byWard")}
          head={[t("officerConsult.analysis.ward"), t("officerConsult.analysis.count"), t("officerConsult.analysis.percent")]}
          rows={a.byWard.cells.map((cell) => areaRow(cell, cell.key === "not_recorded" ? t("officerConsult.analysis.notRecorded") : (d.wardNames[cell.key] ?? cell.key)))}
        />
      </section>
      <section aria-labelledby="by-decile">
        <h2 id="by-decile">{t("officerConsult.analysis.byDecile")}</h2>
        <Table
          caption={t("officerConsult.analysis.byDecile")}
          head={[t("officerConsult.analysis.decile"), t("officerConsult.analysis.count"), t("officerConsult.analysis.percent")]}
          rows={a.byImdDecile.cells.map((cell) => areaRow(cell, cell.key === "not_recorded" ? t("officerConsult.analysis.notRecorded") : cell.key))}
        />
      </section>
    </Page>
  );
}
