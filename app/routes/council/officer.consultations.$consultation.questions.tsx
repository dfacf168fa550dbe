// Officers build a consultation's questions without JavaScript: the list by page, with move up,
// move down and remove, and "Add a question" (type, wording in English and Welsh, options one a
// line, limits, page, and an optional condition on an earlier answer). Every change is checked
// as a whole questionnaire before it is saved; once open, changes need a note and may not change
// what earlier respondents answered.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.consultations.$consultation.questions";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Checkboxes } from "~/components/ui/choices.tsx";
import { Select } from "~/components/ui/select.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import { lifecycleMessage } from "~/domain/consultations/messages.ts";
import { translator } from "~/domain/i18n/catalogue.ts";
import { addQuestion, BLANK_QUESTION_FORM, moveQuestion, readQuestionForm, removeQuestion, type QuestionFormValues } from "~/domain/questionnaires/editing.ts";
import { definitionMessage } from "~/domain/questionnaires/messages.ts";
import { allQuestions, likertOptions, localText, QUESTION_KINDS, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { editConsultation } from "~/server/consultations/consultations.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { requireOfficerConsultation, wordErrors } from "./officer-consultations.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { consultation: c, base } = await requireOfficerConsultation(context, request, params);
  if (c.status !== "draft" && c.status !== "open") notFound();
  return { base, title: c.title, open: c.status === "open", questionnaire: c.questionnaire };
}

const FIELDS = Object.keys(BLANK_QUESTION_FORM) as (keyof QuestionFormValues)[];

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, consultation: c, base, locale } = await requireOfficerConsultation(context, request, params);
  if (c.status !== "draft" && c.status !== "open") notFound();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest();
  }
  const t = translator(locale);
  const s = (name: string, max = 5000) => String(form.get(name) ?? "").slice(0, max);
  const intent = s("intent", 200);
  const changeNote = s("changeNote", 2000);
  const values = Object.fromEntries(FIELDS.map((f) => [f, f === "required" || f === "multiline" || f === "integer" || f === "mustUseAll" ? (form.getAll("flags").includes(f) ? "yes" : "") : s(f, f === "options" ? 20_000 : 2000)])) as unknown as QuestionFormValues;
  const fail = (errors: Record<string, string>, status = 400) => data({ values, changeNote, errors }, { status });
  const q = c.questionnaire;

  let next: Questionnaire;
  const [verb, questionId = ""] = intent.split(":");
  if (verb === "add") {
    const read = readQuestionForm(values, q, likertOptions);
    if (!read.ok) return fail(wordErrors((read.detail as { fieldErrors: Record<string, string> }).fieldErrors, locale));
    next = addQuestion(q, read.value.question, read.value.pageId);
  } else if (verb === "up" || verb === "down") {
    next = moveQuestion(q, questionId, verb);
  } else if (verb === "remove") {
    const removed = removeQuestion(q, questionId);
    if (!removed.ok) return fail({ [`question-${questionId}`]: t("officerConsult.error.has_dependants") }, 409);
    next = removed.value;
  } else {
    badRequest();
  }
  const result = await editConsultation(context.services, actor, { councilId: council.id, consultationId: c.id, questionnaire: next, changeNote });
  if (result.ok) return redirect(`${base}/questions`);
  switch (result.reason) {
    case "invalid": {
      const parsed = (result.detail as { questionnaire?: { reason: string; detail?: unknown } }).questionnaire;
      const problem = parsed ? definitionMessage(parsed.reason as Parameters<typeof definitionMessage>[0], locale, parsed.detail) : "";
      return fail({ titleEn: t("officerConsult.error.questionnaire", { problem }) });
    }
    case "change_note_required":
      return fail({ changeNote: t("officerConsult.error.change_note_required") });
    case "edit_changes_answered_questions":
      return fail({ changeNote: lifecycleMessage(result.reason, locale, result.detail) }, 409);
    case "locked":
      return fail({ titleEn: t("officerConsult.error.locked") }, 409);
    case "not_found":
      return notFound();
    default:
      return forbidden();
  }
}

export default function Questions({ loaderData: d, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const q = d.questionnaire;
  const errors: Record<string, string> | undefined = actionData?.errors;
  const v = actionData?.values ?? BLANK_QUESTION_FORM;
  const questions = allQuestions(q);
  const titleOf = (id: string) => {
    const found = questions.find((x) => x.id === id);
    return found ? localText(found.title, locale) : id;
  };
  const noteField = d.open ? (
    <TextArea name="changeNote" label={t("officerConsult.form.changeNote")} hint={t("officerConsult.form.changeNoteHint")} defaultValue={actionData?.changeNote} error={errors?.changeNote} rows={2} />
  ) : null;
  const flags = [...(v.required ? ["required"] : []), ...(v.multiline ? ["multiline"] : []), ...(v.integer ? ["integer"] : []), ...(v.mustUseAll ? ["mustUseAll"] : [])];
  return (
    <Page title={t("officerConsult.questions.title", { consultation: d.title })} errors={errors} backHref={d.base}>
      {q.pages.length === 0 ? <p>{t("officerConsult.view.noQuestions")}</p> : null}
      {q.pages.map((page, pi) => (
        <section key={page.id} aria-labelledby={`page-${page.id}`} className="mb-8">
          <h2 id={`page-${page.id}`} className="text-2xl">
            {t("officerConsult.questions.page", { page: pi + 1 })}
          </h2>
          <ol className="list-decimal pl-6">
            {page.questions.map((question) => (
              <li key={question.id} id={`question-${question.id}`} className="mb-4">
                <p className="mb-1 font-bold">{localText(question.title, locale)}</p>
                <p className="mb-1 text-secondary">
                  {t("officerConsult.questions.kindLabel", { kind: t(`officerConsult.kind.${question.kind}`) })} ·{" "}
                  {question.required ? t("officerConsult.questions.required") : t("officerConsult.questions.optional")}
                  {"options" in question && question.options ? ` · ${question.options.map((o) => localText(o.label, locale)).join(", ")}` : ""}
                </p>
                {question.showIf ? (
                  <p className="mb-1">
                    {t("officerConsult.questions.showIf", {
                      question: titleOf(question.showIf.questionId),
                      option: question.showIf.includes ?? question.showIf.equals ? t("officerConsult.questions.showIfOption", { option: question.showIf.includes ?? question.showIf.equals ?? "" }) : "",
                    })}
                  </p>
                ) : null}
                <Form method="post" className="flex flex-wrap gap-2">
                  {d.open ? <input type="hidden" name="changeNote" value={actionData?.changeNote ?? ""} /> : null}
                  <Button name="intent" value={`up:${question.id}`} variant="secondary" className="!mb-0" aria-label={`${t("officerConsult.questions.up")}: ${localText(question.title, locale)}`}>
                    {t("officerConsult.questions.up")}
                  </Button>
                  <Button name="intent" value={`down:${question.id}`} variant="secondary" className="!mb-0" aria-label={`${t("officerConsult.questions.down")}: ${localText(question.title, locale)}`}>
                    {t("officerConsult.questions.down")}
                  </Button>
                  <Button name="intent" value={`remove:${question.id}`} variant="warning" className="!mb-0" aria-label={`${t("officerConsult.questions.remove")}: ${localText(question.title, locale)}`}>
                    {t("officerConsult.questions.remove")}
                  </Button>
                </Form>
              </li>
            ))}
          </ol>
        </section>
      ))}

      <section aria-labelledby="add">
        <h2 id="add">{t("officerConsult.questions.add")}</h2>
        <Form method="post" noValidate>
          <Select name="kind" label={t("officerConsult.questions.kind")} defaultValue={v.kind} error={errors?.kind} options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`officerConsult.kind.${k}`) }))} />
          <TextInput name="titleEn" label={t("officerConsult.questions.titleEn")} defaultValue={v.titleEn} error={errors?.titleEn} />
          <TextInput name="titleCy" label={`${t("officerConsult.questions.titleCy")} ${t("common.optional")}`} defaultValue={v.titleCy} error={errors?.titleCy} lang="cy" />
          <TextInput name="hintEn" label={`${t("officerConsult.questions.hintEn")} ${t("common.optional")}`} defaultValue={v.hintEn} error={errors?.hintEn} />
          <TextInput name="hintCy" label={`${t("officerConsult.questions.hintCy")} ${t("common.optional")}`} defaultValue={v.hintCy} error={errors?.hintCy} lang="cy" />
          <TextArea name="options" label={t("officerConsult.questions.options")} hint={t("officerConsult.questions.optionsHint")} defaultValue={v.options} error={errors?.options} rows={5} />
          <TextInput name="maxLength" label={t("officerConsult.questions.maxLength")} defaultValue={v.maxLength} error={errors?.maxLength} width="10" inputMode="numeric" />
          <TextInput name="min" label={t("officerConsult.questions.min")} defaultValue={v.min} error={errors?.min} width="10" inputMode="numeric" />
          <TextInput name="max" label={t("officerConsult.questions.max")} defaultValue={v.max} error={errors?.max} width="10" inputMode="numeric" />
          <TextInput name="total" label={t("officerConsult.questions.total")} defaultValue={v.total} error={errors?.total} width="10" inputMode="numeric" />
          <TextInput name="rankCount" label={t("officerConsult.questions.rankCount")} defaultValue={v.rankCount} error={errors?.rankCount} width="10" inputMode="numeric" />
          <Checkboxes
            name="flags"
            legend={t("officerConsult.form.options")}
            value={flags}
            options={[
              { value: "required", label: t("officerConsult.questions.requiredBox") },
              { value: "multiline", label: t("officerConsult.questions.multiline") },
              { value: "integer", label: t("officerConsult.questions.integer") },
              { value: "mustUseAll", label: t("officerConsult.questions.mustUseAll") },
            ]}
          />
          <Select
            name="page"
            label={t("officerConsult.questions.pageChoice")}
            defaultValue={v.page}
            error={errors?.page}
            options={[{ value: "new", label: t("officerConsult.questions.newPage") }, ...q.pages.map((p, i) => ({ value: p.id, label: t("officerConsult.questions.page", { page: i + 1 }) }))]}
          />
          <Select
            name="showIfQuestion"
            label={t("officerConsult.questions.showIfQuestion")}
            defaultValue={v.showIfQuestion}
            error={errors?.showIfQuestion}
            options={[{ value: "", label: t("officerConsult.questions.always") }, ...questions.map((x) => ({ value: x.id, label: localText(x.title, locale) }))]}
          />
          <Select
            name="showIfOption"
            label={t("officerConsult.questions.showIfOptionField")}
            defaultValue={v.showIfOption}
            options={[
              { value: "", label: t("officerConsult.questions.anyAnswer") },
              ...questions.flatMap((x) => ("options" in x && x.options ? x.options.map((o) => ({ value: o.id, label: `${localText(x.title, locale)}: ${localText(o.label, locale)}` })) : [])),
            ]}
          />
          {noteField}
          <Button name="intent" value="add">
            {t("officerConsult.questions.addButton")}
          </Button>
        </Form>
      </section>
    </Page>
  );
}
