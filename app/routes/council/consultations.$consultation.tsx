// One consultation as residents see it: what is proposed and why (Gunning 2: enough information
// to respond intelligently), the dates and — when it is open for less time than the council's
// minimum — the published reason, who it is for, the changes made since it opened, and the way
// to respond (or the reference of the response already sent).
import type { Route } from "./+types/consultations.$consultation";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Markdown } from "~/components/content/markdown.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { ButtonLink } from "~/components/ui/button-link.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { can } from "~/domain/accounts/permissions.ts";
import { allQuestions } from "~/domain/questionnaires/questionnaire.ts";
import { getConsultation } from "~/server/consultations/consultations.server.ts";
import { getResponseProgress } from "~/server/consultations/responses.server.ts";
import { respondentOf } from "~/server/consultations/respondent-cookie.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const actor = context.auth.actor;
  const result = await getConsultation(context.services, actor, { councilId: council.id, slugOrId: params.consultation ?? "" });
  // Officers reach drafts by id on their own pages; the public address is the slug.
  if (!result.ok || result.value.slug !== params.consultation || result.value.status === "draft") notFound();
  const c = result.value;
  const respondent = respondentOf(context, request, c.allowAnonymous);
  const [progress, wards] = await Promise.all([getResponseProgress(context.services, respondent, { consultationId: c.id }), listWards(context.services, council.id)]);
  const wardNames = new Map(wards.map((w) => [w.code, w.name]));
  const cy = locale === "cy";
  const url = new URL(request.url);
  return {
    title: cy && c.titleCy ? c.titleCy : c.title,
    summary: cy && c.summaryCy ? c.summaryCy : c.summary,
    background: cy && c.backgroundCy ? c.backgroundCy : c.background,
    audience: c.audience,
    areas: c.wardCodes.map((code) => wardNames.get(code) ?? code),
    status: c.shownStatus,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
    shortDurationReason: c.shortDurationReason,
    versions: c.versions.filter((v) => v.version > 1),
    // About 30 seconds a question, rounded up to whole minutes.
    minutes: Math.max(1, Math.ceil(allQuestions(c.questionnaire).length / 2)),
    respondHref: `${url.pathname}/respond`,
    signInHref: `/${council.slug}/sign-in?returnTo=${encodeURIComponent(`${url.pathname}/respond`)}`,
    viewer: !actor ? (c.allowAnonymous ? ("anonymous" as const) : ("signed_out" as const)) : can(actor.roles, council.id, "participate") ? ("resident" as const) : ("staff" as const),
    submitted: progress.submitted,
    hasDraft: progress.draft !== null,
  };
}

export default function Consultation({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const date = (x: Date | string | null) => (x ? formatDate(new Date(x), locale) : t("consult.dates.notSet"));
  return (
    <Page title={d.title} backHref="../consultations">
      <p className="text-xl">{d.summary}</p>
      <SummaryList
        rows={[
          { key: t("consult.page.status"), value: t(`consult.status.${d.status}`) },
          { key: t("consult.page.when"), value: d.opensAt && d.closesAt ? t("consult.dates.range", { from: date(d.opensAt), to: date(d.closesAt) }) : t("consult.dates.notSet") },
          ...(d.shortDurationReason ? [{ key: t("consult.page.shortReason"), value: d.shortDurationReason }] : []),
          ...(d.audience ? [{ key: t("consult.page.who"), value: d.audience }] : []),
          { key: t("consult.page.area"), value: d.areas.length ? d.areas.join(", ") : t("consult.page.wholeArea") },
        ]}
      />

      <section aria-labelledby="respond">
        <h2 id="respond">{t("consult.page.respond")}</h2>
        {d.submitted ? (
          <NotificationBanner kind="success">{t("consult.page.responded", { reference: d.submitted.reference })}</NotificationBanner>
        ) : d.status === "upcoming" ? (
          <InsetText>{t("consult.page.notOpenYet", { date: date(d.opensAt) })}</InsetText>
        ) : d.status !== "open" ? (
          <InsetText>{t("consult.page.closedNote")}</InsetText>
        ) : d.viewer === "staff" ? (
          <InsetText>{t("consult.page.staffCannot")}</InsetText>
        ) : d.viewer === "signed_out" ? (
          <>
            <p>{t("consult.page.signInLead")}</p>
            <ButtonLink href={d.signInHref}>{t("consult.page.signInToRespond")}</ButtonLink>
          </>
        ) : (
          <>
            <p>{t("consult.page.respondLead", { minutes: d.minutes })}</p>
            <ButtonLink href={d.respondHref}>{d.hasDraft ? t("consult.page.resume") : t("consult.page.respond")}</ButtonLink>
          </>
        )}
      </section>

      <section aria-labelledby="background">
        <h2 id="background">{t("consult.page.background")}</h2>
        <Markdown source={d.background} />
      </section>

      {d.versions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t("consult.page.versions")}</h2>
          <ul>
            {d.versions.map((v) => (
              <li key={v.version}>{t("consult.page.versionRow", { version: v.version, date: date(v.createdAt), note: v.changeNote })}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
