// An officer's view of one consultation: its details, questions and responses at a glance, and
// the status steps — open (with dates, and a published reason when shorter than the council's
// minimum), extend, close, start analysis. Each step is forward only and audited.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.consultations.$consultation";
import { formatDate } from "~/components/budgeting/dates.ts";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { DateInput, type DateValue } from "~/components/ui/date-input.tsx";
import { NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextArea } from "~/components/ui/text-input.tsx";
import { readDate } from "~/domain/budgeting/process-form.ts";
import { lifecycleMessage } from "~/domain/consultations/messages.ts";
import { translator, type MessageKey } from "~/domain/i18n/catalogue.ts";
import { allQuestions } from "~/domain/questionnaires/questionnaire.ts";
import { advanceConsultation, consultationMinimumDays, extendConsultation, openConsultation } from "~/server/consultations/consultations.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { requireOfficerConsultation } from "./officer-consultations.server.ts";

const BLANK_DATE: DateValue = { day: "", month: "", year: "", time: "" };

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, consultation: c, base } = await requireOfficerConsultation(context, request, params);
  const minimumDays = await consultationMinimumDays(context.services, council.id);
  return {
    base,
    publicHref: `/${council.slug}/consultations/${c.slug}`,
    minimumDays,
    saved: new URL(request.url).searchParams.has("saved"),
    c: {
      title: c.title,
      slug: c.slug,
      summary: c.summary,
      status: c.status,
      shownStatus: c.shownStatus,
      version: c.version,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      shortDurationReason: c.shortDurationReason,
      responses: c.responses ?? 0,
      questionCount: allQuestions(c.questionnaire).length,
      pageCount: c.questionnaire.pages.length,
      allowAnonymous: c.allowAnonymous,
      equalityMonitoring: c.equalityMonitoring,
    },
  };
}

function dateParts(form: FormData, name: string): DateValue {
  const s = (part: string) => String(form.get(`${name}.${part}`) ?? "").slice(0, 10);
  return { day: s("day"), month: s("month"), year: s("year"), time: "" };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, consultation: c, base, locale } = await requireOfficerConsultation(context, request, params);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const t = translator(locale);
  const intent = String(form.get("intent") ?? "");
  const ids = { councilId: council.id, consultationId: c.id };
  const problem = (field: string, message: string, extra: Record<string, unknown> = {}, status = 400) => data({ intent, errors: { [field]: message }, ...extra }, { status });
  const refusal = (reason: string, detail: unknown, field: string, extra: Record<string, unknown>) => {
    if (reason === "forbidden") forbidden();
    if (reason === "not_found") notFound();
    const key = `officerConsult.error.${reason}` as MessageKey;
    const words = key in translator("en") ? t(key) : lifecycleMessage(reason as Parameters<typeof lifecycleMessage>[0], locale, detail);
    return problem(field, words, extra, reason === "invalid_transition" || reason === "locked" ? 409 : 400);
  };

  if (intent === "open") {
    const opens = dateParts(form, "opensAt");
    const closes = dateParts(form, "closesAt");
    const reason = String(form.get("shortDurationReason") ?? "").slice(0, 3000);
    const extra = { opens, closes, reason };
    const o = readDate(opens, "00:00");
    const cl = readDate(closes, "23:59");
    if (!o.iso) return problem("opensAt", t("officerConsult.error.date"), extra);
    if (!cl.iso) return problem("closesAt", t("officerConsult.error.date"), extra);
    const result = await openConsultation(context.services, actor, { ...ids, opensAt: new Date(o.iso), closesAt: new Date(cl.iso), shortDurationReason: reason });
    if (!result.ok) return refusal(result.reason, result.detail, result.reason === "too_short_without_reason" || result.reason === "reason_too_long" ? "shortDurationReason" : result.reason.startsWith("closes") ? "closesAt" : "opensAt", extra);
  } else if (intent === "extend") {
    const closes = dateParts(form, "newClosesAt");
    const reason = String(form.get("extendReason") ?? "").slice(0, 3000);
    const cl = readDate(closes, "23:59");
    if (!cl.iso) return problem("newClosesAt", t("officerConsult.error.date"), { closes, reason });
    const result = await extendConsultation(context.services, actor, { ...ids, closesAt: new Date(cl.iso), reason });
    if (!result.ok) return refusal(result.reason, result.detail, result.reason.startsWith("reason") ? "extendReason" : "newClosesAt", { closes, reason });
  } else if (intent === "close" || intent === "analysis") {
    const result = await advanceConsultation(context.services, actor, { ...ids, to: intent === "close" ? "closed" : "analysis" });
    if (!result.ok) return refusal(result.reason, result.detail, "status", {});
  } else {
    badRequest();
  }
  return redirect(`${base}?saved`);
}

export default function OfficerConsultation({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const c = d.c;
  const errors: Record<string, string> | undefined = actionData?.errors;
  const a = actionData as { opens?: DateValue; closes?: DateValue; reason?: string } | undefined;
  const labels = { day: t("officerBudgets.form.day"), month: t("officerBudgets.form.month"), year: t("officerBudgets.form.year"), time: t("officerBudgets.form.time") };
  const date = (x: Date | string | null) => (x ? formatDate(new Date(x), locale) : t("consult.dates.notSet"));
  return (
    <Page title={c.title} errors={errors} backHref="../consultations">
      {d.saved ? <NotificationBanner kind="success">{t("officerConsult.view.done")}</NotificationBanner> : null}
      <SummaryList
        rows={[
          { key: t("officerConsult.view.status"), value: t(`consult.status.${c.shownStatus}`) },
          { key: t("consult.page.when"), value: c.opensAt && c.closesAt ? t("consult.dates.range", { from: date(c.opensAt), to: date(c.closesAt) }) : t("consult.dates.notSet") },
          ...(c.shortDurationReason ? [{ key: t("consult.page.shortReason"), value: c.shortDurationReason }] : []),
          { key: t("officerConsult.view.version"), value: String(c.version) },
          { key: t("officerConsult.view.questions"), value: c.questionCount ? t("officerConsult.view.questionCount", { count: c.questionCount, pages: c.pageCount }) : t("officerConsult.view.noQuestions") },
          { key: t("officerConsult.view.responses"), value: String(c.responses) },
        ]}
      />
      <ul className="mb-8">
        {c.status === "draft" || c.status === "open" ? (
          <>
            <li>
              <a href={`${d.base}/details`}>{t("officerConsult.view.editDetails")}</a>
            </li>
            <li>
              <a href={`${d.base}/questions`}>{t("officerConsult.view.editQuestions")}</a>
            </li>
          </>
        ) : null}
        {c.status !== "draft" ? (
          <li>
            <a href={d.publicHref}>{t("officerConsult.view.publicPage")}</a>
          </li>
        ) : null}
        <li>
          <a href={`${d.base}/analysis`}>{t("officerConsult.view.analysis")}</a>
        </li>
        {c.status === "analysis" || c.status === "published" ? (
          <li>
            <a href={`${d.base}/outcome`}>{t("consultOutcome.officer.link")}</a>
          </li>
        ) : null}
      </ul>

      {c.status === "draft" ? (
        <section aria-labelledby="open">
          <h2 id="open">{t("officerConsult.view.open")}</h2>
          <p>{t("officerConsult.view.minimum", { days: d.minimumDays })}</p>
          <Form method="post" noValidate>
            <DateInput name="opensAt" legend={t("officerConsult.view.opensAt")} hint={t("officerConsult.view.opensHint")} error={errors?.opensAt} value={a?.opens ?? BLANK_DATE} labels={labels} />
            <DateInput name="closesAt" legend={t("officerConsult.view.closesAt")} hint={t("officerConsult.view.closesHint")} error={errors?.closesAt} value={a?.closes ?? BLANK_DATE} labels={labels} />
            <TextArea name="shortDurationReason" label={`${t("officerConsult.view.shortReason")} ${t("common.optional")}`} defaultValue={a?.reason} error={errors?.shortDurationReason} rows={3} />
            <Button name="intent" value="open">
              {t("officerConsult.view.openButton")}
            </Button>
          </Form>
        </section>
      ) : null}

      {c.status === "open" ? (
        <>
          <section aria-labelledby="extend">
            <h2 id="extend">{t("officerConsult.view.extend")}</h2>
            <Form method="post" noValidate>
              <DateInput name="newClosesAt" legend={t("officerConsult.view.closesAt")} hint={t("officerConsult.view.closesHint")} error={errors?.newClosesAt} value={a?.closes ?? BLANK_DATE} labels={labels} />
              <TextArea name="extendReason" label={t("officerConsult.view.extendReason")} defaultValue={a?.reason} error={errors?.extendReason} rows={3} />
              <Button name="intent" value="extend" variant="secondary">
                {t("officerConsult.view.extendButton")}
              </Button>
            </Form>
          </section>
          <section aria-labelledby="close">
            <h2 id="close">{t("officerConsult.view.close")}</h2>
            <p>{t("officerConsult.view.closeLead")}</p>
            <Form method="post">
              <Button name="intent" value="close" variant="warning">
                {t("officerConsult.view.closeButton")}
              </Button>
            </Form>
          </section>
        </>
      ) : null}

      {c.status === "closed" ? (
        <Form method="post">
          <Button name="intent" value="analysis">
            {t("officerConsult.view.analysisButton")}
          </Button>
        </Form>
      ) : null}
      {errors?.status ? <p className="font-bold text-error" id="status">{errors.status}</p> : null}
    </Page>
  );
}
