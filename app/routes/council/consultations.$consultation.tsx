// One consultation as residents see it: what is proposed and why (Gunning 2: enough information
// to respond intelligently), the dates and — when it is open for less time than the council's
// minimum — the published reason, who it is for, the changes made since it opened, and the way
// to respond (or the reference of the response already sent). Once the outcome is published:
// "We asked, you said, we did" — the summary, what people said (in words, and for each closed
// question a bar chart with the same figures in a table, small counts suppressed), what the
// council did, and links to the decisions and budget projects.
import type { Route } from "./+types/consultations.$consultation";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Markdown } from "~/components/content/markdown.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { ButtonLink } from "~/components/ui/button-link.tsx";
import { InsetText, NotificationBanner, SummaryList, Table } from "~/components/ui/panels.tsx";
import { can } from "~/domain/accounts/permissions.ts";
import type { Translate } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { allQuestions, localText } from "~/domain/questionnaires/questionnaire.ts";
import type { ConsultationAnalysis } from "~/server/consultations/analysis.server.ts";
import { getConsultation } from "~/server/consultations/consultations.server.ts";
import { getPublishedOutcome } from "~/server/consultations/outcomes.server.ts";
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
  const [progress, wards, published] = await Promise.all([
    getResponseProgress(context.services, respondent, { consultationId: c.id }),
    listWards(context.services, council.id),
    c.status === "published" ? getPublishedOutcome(context.services, { councilId: council.id, consultationId: c.id }) : null,
  ]);
  const wardNames = new Map(wards.map((w) => [w.code, w.name]));
  const cy = locale === "cy";
  const outcome = published?.ok
    ? {
        publishedAt: published.value.publishedAt,
        youSaid: cy && published.value.youSaidCy ? published.value.youSaidCy : published.value.youSaid,
        weDid: cy && published.value.weDidCy ? published.value.weDidCy : published.value.weDid,
        links: published.value.links,
        responses: published.value.analysis.responses,
        questions: shownQuestions(published.value.analysis, locale),
      }
    : null;
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
    outcome,
  };
}

/**
 * The questions "what you said" shows, worded in the page's language: every question with
 * options (its counts, as suppressed by the analysis), and how many wrote a text answer.
 * Numbers, postcodes and places are left out: they are not opinions to chart.
 */
function shownQuestions(analysis: ConsultationAnalysis, locale: Locale) {
  return analysis.questions.flatMap(({ question, answered, cells, openAnswers }) => {
    if (cells.length === 0 && question.kind !== "free_text") return [];
    const options = "options" in question && question.options ? question.options : [];
    return [
      {
        id: question.id,
        kind: question.kind,
        title: localText(question.title, locale),
        answered,
        written: question.kind === "free_text" && answered !== "fewer_than" ? openAnswers : null,
        rows: cells.map((cell) => ({
          label: localText(options.find((o) => o.id === cell.optionId)?.label, locale) || cell.optionId,
          kind: cell.kind,
          count: cell.kind === "count" ? cell.count : null,
          percent: cell.kind === "count" ? cell.percent : null,
          points: cell.kind === "count" ? (cell.points ?? null) : null,
          meanRank: cell.kind === "count" ? (cell.meanRank ?? null) : null,
        })),
      },
    ];
  });
}

type ShownQuestion = ReturnType<typeof shownQuestions>[number];
type ShownRow = ShownQuestion["rows"][number];

function figure(row: ShownRow, t: Translate): string {
  return row.kind === "count" ? `${row.percent}%` : row.kind === "fewer_than" ? t("consultOutcome.public.fewer") : t("consultOutcome.public.notShown");
}

/**
 * A bar for each answer, for people who read charts more easily than tables. Hidden from
 * assistive technology: the table after it has the same figures. SVG rather than a styled
 * width, because the page's content security policy allows no inline styles.
 */
function BarChart({ rows }: { rows: ShownRow[] }) {
  const t = useT();
  return (
    <div aria-hidden="true" className="mb-6 max-w-2xl">
      {rows.map((row, i) => (
        <div key={i} className="mb-3">
          <div className="text-base">{row.label}</div>
          <div className="flex items-center gap-3">
            <svg className="h-6 flex-1" focusable="false">
              <rect x="0" y="0" width="100%" height="100%" className="fill-[#f3f2f1]" />
              {row.kind === "count" && row.percent ? <rect x="0" y="0" width={`${Math.min(100, row.percent)}%`} height="100%" className="fill-link" /> : null}
            </svg>
            <span className="w-32 text-base font-bold">{figure(row, t)}</span>
          </div>
        </div>
      ))}
    </div>
  );
}

function QuestionFigures({ q }: { q: ShownQuestion }) {
  const t = useT();
  const shown = (v: number | null) => (v === null ? "–" : v.toLocaleString("en-GB"));
  return (
    <div className="mb-8">
      <h4 className="mb-2 text-xl font-bold">{q.title}</h4>
      <p>{q.answered === "fewer_than" ? t("consultOutcome.public.answeredFew") : t("consultOutcome.public.answered", { count: q.answered.toLocaleString("en-GB") })}</p>
      {q.written !== null ? <p>{t("consultOutcome.public.written", { count: q.written.toLocaleString("en-GB") })}</p> : null}
      {q.rows.length > 0 ? (
        <>
          <BarChart rows={q.rows} />
          <Table
            caption={q.title}
            head={[
              t("consultOutcome.public.answer"),
              t("consultOutcome.public.people"),
              t("consultOutcome.public.share"),
              ...(q.kind === "points" ? [t("consultOutcome.public.points")] : []),
              ...(q.kind === "ranking" ? [t("consultOutcome.public.meanRank")] : []),
            ]}
            rows={q.rows.map((row) => [
              row.label,
              row.kind === "count" ? shown(row.count) : figure(row, t),
              row.kind === "count" ? `${row.percent}%` : "–",
              ...(q.kind === "points" ? [shown(row.points)] : []),
              ...(q.kind === "ranking" ? [shown(row.meanRank)] : []),
            ])}
          />
        </>
      ) : null}
    </div>
  );
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

      {d.outcome ? (
        <section aria-labelledby="outcome" className="mb-8">
          <h2 id="outcome">{t("consultOutcome.public.title")}</h2>
          <p className="text-secondary">{t("consultOutcome.public.published", { date: date(d.outcome.publishedAt) })}</p>
          <h3>{t("consultOutcome.public.asked")}</h3>
          <p>{d.summary}</p>
          <p>{d.outcome.responses === 1 ? t("consultOutcome.public.responsesOne") : t("consultOutcome.public.responses", { count: d.outcome.responses.toLocaleString("en-GB") })}</p>
          <h3>{t("consultOutcome.public.said")}</h3>
          <Markdown source={d.outcome.youSaid} />
          {d.outcome.questions.length > 0 ? (
            <>
              <p>{t("consultOutcome.public.privacy")}</p>
              {d.outcome.questions.map((q) => (
                <QuestionFigures key={q.id} q={q} />
              ))}
            </>
          ) : null}
          <h3>{t("consultOutcome.public.did")}</h3>
          <Markdown source={d.outcome.weDid} />
          {d.outcome.links.length > 0 ? (
            <>
              <h4 className="mb-2 text-xl font-bold">{t("consultOutcome.public.links")}</h4>
              <ul className="mb-6 list-disc pl-6">
                {d.outcome.links.map((link, i) => (
                  <li key={i} className="mb-1">
                    <a href={link.href}>{link.label}</a>
                    {link.kind === "project" ? <span className="text-secondary"> ({t("consultOutcome.public.projectHint")})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

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
