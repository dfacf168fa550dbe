// Responding to a consultation, one page of questions at a time, then (where the officer asked
// for it) the optional equality questions, then "Check your answers", then send. One address:
// every step posts back here, carrying the answers so far in hidden fields, so it all works
// without JavaScript; a signed-in resident's answers are also saved as a draft at each step, to
// come back to. Whatever the hidden fields say, every answer is checked again when it is sent.
// "Check your answers" also offers to email the respondent when the council publishes what it
// did: at a signed-in resident's account address, or at an address an anonymous respondent gives
// there (optional, checked when sent) — kept apart from the response either way.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/consultations.$consultation.respond";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { QuestionField, type FieldValues } from "~/components/questionnaires/question-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Checkboxes, Radios } from "~/components/ui/choices.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { EQUALITY_QUESTIONS, equalityFieldName, type EqualityFormValues } from "~/domain/consultations/equality.ts";
import { outcomeMessage } from "~/domain/consultations/outcome.ts";
import { translator } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { checkPage, firstPageId, nextPageId, previousPageId, visiblePages, visibleQuestions, type Answers } from "~/domain/questionnaires/answers.ts";
import { answersToFields, readPage } from "~/domain/questionnaires/form.ts";
import { answerMessage } from "~/domain/questionnaires/messages.ts";
import { localText, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { summaryRows } from "~/domain/questionnaires/summary.ts";
import type { RequestContext } from "~/server/context.server.ts";
import { getConsultation, type ConsultationView } from "~/server/consultations/consultations.server.ts";
import { anonymousRespondent, respondentOf } from "~/server/consultations/respondent-cookie.server.ts";
import { getResponseProgress, saveDraft, submitResponse, type Respondent } from "~/server/consultations/responses.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";

type Step = { kind: "page"; pageId: string } | { kind: "equality" } | { kind: "check" };

const MAX_STATE = 200_000;

async function load(context: RequestContext, request: Request, params: { council?: string; consultation?: string }) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getConsultation(context.services, context.auth.actor, { councilId: council.id, slugOrId: params.consultation ?? "" });
  if (!result.ok || result.value.slug !== params.consultation || result.value.status === "draft") notFound();
  const wards = await listWards(context.services, council.id);
  return { council, consultation: result.value, wards: wards.map((w) => ({ code: w.code, name: w.name })), locale: getLocale(request) };
}

function stepValue(step: Step): string {
  return step.kind === "page" ? `page:${step.pageId}` : step.kind;
}

function readStep(value: string, q: Questionnaire): Step | null {
  if (value === "equality" || value === "check") return { kind: value };
  const pageId = value.startsWith("page:") ? value.slice(5) : "";
  return q.pages.some((p) => p.id === pageId) ? { kind: "page", pageId } : null;
}

/** The answers a hidden field carries: an object, or nothing. Never trusted, only carried. */
function readState<T extends object>(raw: FormDataEntryValue | null): T {
  if (typeof raw !== "string" || raw.length > MAX_STATE) return {} as T;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as T) : ({} as T);
  } catch {
    return {} as T;
  }
}

function afterQuestions(c: ConsultationView): Step {
  return c.equalityMonitoring ? { kind: "equality" } : { kind: "check" };
}

function lastPage(q: Questionnaire, answers: Answers): Step {
  const pages = visiblePages(q, answers);
  const last = pages[pages.length - 1];
  return last ? { kind: "page", pageId: last.id } : { kind: "check" };
}

/** "Email me when the council publishes what it did", carried between steps like the answers. */
interface FollowValues {
  wanted: boolean;
  email: string;
}

const NO_FOLLOW: FollowValues = { wanted: false, email: "" };

function readFollow(form: FormData, step: Step): FollowValues {
  if (step.kind === "check") return { wanted: form.get("follow") === "yes", email: String(form.get("followEmail") ?? "").slice(0, 320) };
  const carried = readState<Partial<FollowValues>>(form.get("follow"));
  return { wanted: carried.wanted === true, email: typeof carried.email === "string" ? carried.email.slice(0, 320) : "" };
}

interface View {
  step: Step;
  answers: Answers;
  equality: EqualityFormValues;
  follow?: FollowValues;
  values?: FieldValues;
  errors?: Record<string, string>;
  saved?: boolean;
}

function pageErrors(q: Questionnaire, pageId: string, errors: Record<string, { reason: string; detail?: unknown }>, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const question of q.pages.find((p) => p.id === pageId)?.questions ?? []) {
    const e = errors[question.id];
    if (e) out[`q-${question.id}`] = answerMessage(e.reason as Parameters<typeof answerMessage>[0], locale, question, e.detail);
  }
  return out;
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, consultation: c, wards } = await load(context, request, params);
  const base = `/${council.slug}/consultations/${c.slug}`;
  const respondent = respondentOf(context, request, c.allowAnonymous);
  if (!respondent && !c.allowAnonymous) throw redirect(`/${council.slug}/sign-in?returnTo=${encodeURIComponent(`${base}/respond`)}`);
  const progress = await getResponseProgress(context.services, respondent, { consultationId: c.id });
  if (progress.submitted) throw redirect(`${base}/confirmation`);
  const answers = progress.draft?.answers ?? {};
  const resume = progress.draft && c.questionnaire.pages.some((p) => p.id === progress.draft!.pageId) ? progress.draft.pageId : firstPageId(c.questionnaire, answers);
  const view: View = { step: resume ? { kind: "page", pageId: resume } : afterQuestions(c), answers, equality: {}, follow: NO_FOLLOW };
  return {
    base,
    consultation: { title: c.title, titleCy: c.titleCy, questionnaire: c.questionnaire, equalityMonitoring: c.equalityMonitoring },
    open: c.shownStatus === "open",
    signedIn: respondent?.kind === "account",
    accountEmail: respondent?.kind === "account" ? respondent.actor.account.email : null,
    wards,
    view,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, consultation: c, wards, locale } = await load(context, request, params);
  const base = `/${council.slug}/consultations/${c.slug}`;
  const t = translator(locale);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data(null, { status: 400 });
  }
  const entries: [string, string][] = [];
  for (const [k, v] of form.entries()) if (typeof v === "string" && entries.length < 2000) entries.push([k, v]);
  const q = c.questionnaire;
  const intent = String(form.get("intent") ?? "continue");
  const step = readStep(String(form.get("step") ?? ""), q) ?? { kind: "page", pageId: firstPageId(q, {}) ?? "" };
  let answers = readState<Answers>(form.get("answers"));
  let equality = readState<EqualityFormValues>(form.get("equality"));
  const follow = readFollow(form, step);
  const context_ = { wardCodes: wards.map((w) => w.code) };

  let who: Respondent | null = respondentOf(context, request, c.allowAnonymous);
  let setCookie: string | null = null;
  if (!who && c.allowAnonymous) ({ respondent: who, setCookie } = anonymousRespondent(context.services.config, request));
  if (!who) throw redirect(`/${council.slug}/sign-in?returnTo=${encodeURIComponent(`${base}/respond`)}`);
  const headers = setCookie ? { "Set-Cookie": setCookie } : undefined;
  const page = (view: View, status = 200) =>
    data(
      {
        base,
        consultation: { title: c.title, titleCy: c.titleCy, questionnaire: q, equalityMonitoring: c.equalityMonitoring },
        open: c.shownStatus === "open",
        signedIn: who.kind === "account",
        accountEmail: who.kind === "account" ? who.actor.account.email : null,
        wards,
        view: { follow, ...view },
      },
      { status, headers },
    );
  if (c.shownStatus !== "open") return page({ step, answers, equality, errors: { form: t("consult.respond.closed") } }, 409);
  const draft = async (pageId: string) => {
    if (who.kind !== "account") return null;
    const saved = await saveDraft(context.services, who.actor, { councilId: council.id, consultationId: c.id, answers, pageId });
    return saved.ok ? null : saved.reason;
  };

  if (step.kind === "page") {
    const read = readPage(q, step.pageId, entries);
    const checked = checkPage(q, step.pageId, { ...answers, ...read.answers } as Answers, context_);
    const onPage = new Set((q.pages.find((p) => p.id === step.pageId)?.questions ?? []).map((x) => x.id));
    const kept: Answers = {};
    for (const [id, value] of Object.entries(answers)) if (!onPage.has(id)) kept[id] = value;
    answers = { ...kept, ...checked.answers };
    const errors = pageErrors(q, step.pageId, checked.errors, locale);
    if (intent === "back") {
      const previous = previousPageId(q, step.pageId, answers);
      return page({ step: previous ? { kind: "page", pageId: previous } : step, answers, equality });
    }
    if (intent === "save") {
      const problem = await draft(step.pageId);
      if (problem) return page({ step, answers, equality, values: read.typed, errors: { form: t("consult.respond.tooLarge") } }, 400);
      return page({ step, answers, equality, values: read.typed, errors, saved: true });
    }
    if (Object.keys(errors).length > 0) return page({ step, answers, equality, values: read.typed, errors }, 400);
    const next = nextPageId(q, step.pageId, answers);
    await draft(next ?? step.pageId);
    return page({ step: next ? { kind: "page", pageId: next } : afterQuestions(c), answers, equality });
  }

  if (step.kind === "equality") {
    equality = {};
    for (const question of EQUALITY_QUESTIONS) {
      const value = String(form.get(equalityFieldName(question.id)) ?? "");
      if (question.options.some((o) => o.id === value)) equality[question.id] = value;
    }
    if (intent === "back") return page({ step: lastPage(q, answers), answers, equality });
    return page({ step: { kind: "check" }, answers, equality });
  }

  // Check your answers.
  if (intent.startsWith("change:")) {
    const target = readStep(intent.slice(7), q);
    return page({ step: target ?? step, answers, equality });
  }
  if (intent !== "send") return page({ step, answers, equality });
  const eqFields: Record<string, string> = {};
  for (const [id, value] of Object.entries(equality)) if (typeof value === "string") eqFields[equalityFieldName(id as keyof EqualityFormValues)] = value;
  const result = await submitResponse(context.services, who, {
    councilId: council.id,
    consultationId: c.id,
    answers,
    equality: eqFields,
    locale,
    follow: follow.wanted ? { email: follow.email } : null,
  });
  if (result.ok) {
    const sent = result.value.status === "recorded" ? (result.value.receiptSent ? "emailed" : "saved") : "earlier";
    throw redirect(`${base}/confirmation?sent=${sent}`, { headers });
  }
  switch (result.reason) {
    case "incomplete": {
      const detail = result.detail as { pageId: string; errors: Record<string, { reason: string; detail?: unknown }> };
      return page({ step: { kind: "page", pageId: detail.pageId }, answers, equality, errors: pageErrors(q, detail.pageId, detail.errors, locale) }, 400);
    }
    case "equality_invalid":
      return page({ step: { kind: "equality" }, answers, equality: {}, errors: { "eq-ageBand": t("consult.respond.equalityInvalid") } }, 400);
    case "follower_email_invalid":
      return page({ step: { kind: "check" }, answers, equality, errors: { followEmail: outcomeMessage("follower_email_invalid", locale) } }, 400);
    case "not_open":
      return page({ step, answers, equality, errors: { form: t("consult.respond.closed") } }, 409);
    case "not_signed_in":
      throw redirect(`/${council.slug}/sign-in?returnTo=${encodeURIComponent(`${base}/respond`)}`);
    case "not_eligible":
      return page({ step, answers, equality, errors: { form: t("consult.respond.notEligible") } }, 403);
    default:
      return notFound();
  }
}

export default function Respond({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const d = actionData ?? loaderData;
  const { view, consultation: c, wards } = d;
  const q = c.questionnaire;
  const title = locale === "cy" && c.titleCy ? c.titleCy : c.title;
  const hidden = (
    <>
      <input type="hidden" name="step" value={stepValue(view.step)} />
      <input type="hidden" name="answers" value={JSON.stringify(view.answers)} />
      <input type="hidden" name="equality" value={JSON.stringify(view.equality)} />
      {view.step.kind !== "check" ? <input type="hidden" name="follow" value={JSON.stringify(view.follow ?? NO_FOLLOW)} /> : null}
    </>
  );
  const labels = {
    optional: t("consult.respond.optional"),
    chooseWard: t("consult.respond.chooseWard"),
    placeDescription: t("consult.respond.placeDescription"),
    notRanked: t("consult.respond.notRanked"),
    rankOf: t("consult.respond.rankOf", { option: "{option}" }),
    pointsOf: t("consult.respond.pointsOf", { option: "{option}" }),
  };
  if (!d.open) {
    return (
      <Page title={title} backHref={d.base}>
        <InsetText>{t("consult.respond.closed")}</InsetText>
      </Page>
    );
  }

  if (view.step.kind === "page") {
    const pageId = view.step.pageId;
    const pages = visiblePages(q, view.answers);
    const index = Math.max(0, pages.findIndex((p) => p.id === pageId));
    const pageDef = q.pages.find((p) => p.id === pageId);
    const shown = new Set(visibleQuestions(q, view.answers).map((x) => x.id));
    const questions = (pageDef?.questions ?? []).filter((x) => shown.has(x.id) || (x.showIf && pageDef?.questions.some((y) => y.id === x.showIf!.questionId)));
    const values = view.values ?? (answersToFields(q, view.answers) as FieldValues);
    return (
      <Page title={pageDef?.title ? localText(pageDef.title, locale) : title} errors={view.errors} backHref={d.base}>
        <p className="text-secondary">{t("consult.respond.pageOf", { page: index + 1, pages: Math.max(pages.length, 1) })}</p>
        {view.saved ? <NotificationBanner kind="success">{t("consult.respond.saved")}</NotificationBanner> : null}
        {!d.signedIn ? <InsetText>{t("consult.respond.anonymousNote")}</InsetText> : null}
        <Form method="post" noValidate>
          {hidden}
          {questions.map((question) => (
            <div key={question.id}>
              {question.kind === "points" ? <p>{t("consult.respond.pointsLead", { total: question.total })}</p> : null}
              <QuestionField question={question} locale={locale} values={values} error={view.errors?.[`q-${question.id}`]} wards={wards} labels={labels} />
            </div>
          ))}
          <div className="flex flex-wrap gap-4">
            <Button name="intent" value="continue">
              {t("consult.respond.continue")}
            </Button>
            {index > 0 ? (
              <Button name="intent" value="back" variant="secondary">
                {t("consult.respond.back")}
              </Button>
            ) : null}
            {d.signedIn ? (
              <Button name="intent" value="save" variant="secondary">
                {t("consult.respond.save")}
              </Button>
            ) : null}
          </div>
        </Form>
      </Page>
    );
  }

  if (view.step.kind === "equality") {
    return (
      <Page title={t("consult.respond.equalityTitle")} errors={view.errors} backHref={d.base}>
        <p>{t("consult.respond.equalitySkip")}</p>
        <Form method="post" noValidate>
          {hidden}
          {EQUALITY_QUESTIONS.map((question) => (
            <Radios
              key={question.id}
              name={equalityFieldName(question.id)}
              legend={`${question.title[locale]} ${t("consult.respond.optional")}`}
              hint={question.hint?.[locale]}
              error={view.errors?.[equalityFieldName(question.id)]}
              value={view.equality[question.id] ?? ""}
              options={question.options.map((o) => ({ value: o.id, label: o.group ? `${o.group[locale]}: ${o.label[locale]}` : o.label[locale] }))}
            />
          ))}
          <div className="flex flex-wrap gap-4">
            <Button name="intent" value="continue">
              {t("consult.respond.continue")}
            </Button>
            <Button name="intent" value="back" variant="secondary">
              {t("consult.respond.back")}
            </Button>
          </div>
        </Form>
      </Page>
    );
  }

  const wardName = (code: string) => wards.find((w) => w.code === code)?.name;
  const rows = summaryRows(q, view.answers, locale, { wardName });
  const pages = visiblePages(q, view.answers);
  const equalityRows = EQUALITY_QUESTIONS.filter((question) => view.equality[question.id]).map((question) => {
    const option = question.options.find((o) => o.id === view.equality[question.id]);
    return { key: question.title[locale], value: option ? option.label[locale] : "" };
  });
  return (
    <Page title={t("consult.respond.checkTitle")} errors={view.errors} backHref={d.base}>
      <Form method="post" noValidate>
        {hidden}
        {pages.map((p, i) => (
          <section key={p.id} aria-labelledby={`check-${p.id}`} className="mb-8">
            <h2 id={`check-${p.id}`} className="text-2xl">
              {p.title ? localText(p.title, locale) : t("officerConsult.questions.page", { page: i + 1 })}
            </h2>
            <SummaryList rows={rows.filter((r) => r.pageId === p.id).map((r) => ({ key: r.question, value: <span className="whitespace-pre-line">{r.answer}</span> }))} />
            <Button name="intent" value={`change:page:${p.id}`} variant="secondary">
              {t("consult.respond.changeAnswerTo", { page: i + 1 })}
            </Button>
          </section>
        ))}
        {equalityRows.length > 0 ? (
          <section aria-labelledby="check-equality" className="mb-8">
            <h2 id="check-equality" className="text-2xl">
              {t("consult.respond.aboutYou")}
            </h2>
            <SummaryList rows={equalityRows} />
            <Button name="intent" value="change:equality" variant="secondary">
              {t("consult.respond.change")}
            </Button>
          </section>
        ) : null}
        <Checkboxes
          name="follow"
          legend={t("consultOutcome.follow.legend")}
          value={view.follow?.wanted ? ["yes"] : []}
          options={[
            {
              value: "yes",
              label: t("consultOutcome.follow.label"),
              hint: d.accountEmail ? t("consultOutcome.follow.hintAccount", { email: d.accountEmail }) : t("consultOutcome.follow.hintAnonymous"),
            },
          ]}
        />
        {!d.accountEmail ? (
          <TextInput name="followEmail" type="email" autoComplete="email" spellCheck={false} label={t("consultOutcome.follow.email")} defaultValue={view.follow?.email ?? ""} error={view.errors?.followEmail} width="20" />
        ) : null}
        <h2>{t("consult.respond.sendTitle")}</h2>
        <p>{t("consult.respond.sendLead")}</p>
        <Button name="intent" value="send">
          {t("consult.respond.send")}
        </Button>
      </Form>
    </Page>
  );
}
