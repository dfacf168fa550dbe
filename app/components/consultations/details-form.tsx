// The officer's form for a consultation's details: used to create one and to edit it. Once the
// consultation is open the web address name cannot change, and a note of what changed is asked.
import { Form } from "react-router";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Checkboxes } from "~/components/ui/choices.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";

export interface DetailsValues {
  title: string;
  titleCy: string;
  slug: string;
  summary: string;
  summaryCy: string;
  background: string;
  backgroundCy: string;
  audience: string;
  wardCodes: string[];
  allowAnonymous: boolean;
  equalityMonitoring: boolean;
  changeNote: string;
}

export const BLANK_DETAILS: DetailsValues = {
  title: "",
  titleCy: "",
  slug: "",
  summary: "",
  summaryCy: "",
  background: "",
  backgroundCy: "",
  audience: "",
  wardCodes: [],
  allowAnonymous: false,
  equalityMonitoring: true,
  changeNote: "",
};

export function DetailsForm({
  values,
  errors,
  wards,
  open,
  submitLabel,
}: {
  values: DetailsValues;
  errors?: Record<string, string>;
  wards: { code: string; name: string }[];
  /** The consultation is open: the slug is fixed and a change note is required. */
  open: boolean;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <TextInput name="title" label={t("officerConsult.form.title")} defaultValue={values.title} error={errors?.title} />
      <TextInput name="titleCy" label={`${t("officerConsult.form.titleCy")} ${t("common.optional")}`} defaultValue={values.titleCy} error={errors?.titleCy} lang="cy" />
      {open ? (
        <input type="hidden" name="slug" value={values.slug} />
      ) : (
        <TextInput name="slug" label={t("officerConsult.form.slug")} hint={t("officerConsult.form.slugHint")} defaultValue={values.slug} error={errors?.slug} width="20" spellCheck={false} />
      )}
      <TextArea name="summary" label={t("officerConsult.form.summary")} hint={t("officerConsult.form.summaryHint")} defaultValue={values.summary} error={errors?.summary} rows={3} />
      <TextArea name="summaryCy" label={`${t("officerConsult.form.summaryCy")} ${t("common.optional")}`} defaultValue={values.summaryCy} error={errors?.summaryCy} rows={3} lang="cy" />
      <TextArea name="background" label={t("officerConsult.form.background")} hint={t("officerConsult.form.backgroundHint")} defaultValue={values.background} error={errors?.background} rows={12} />
      <TextArea name="backgroundCy" label={`${t("officerConsult.form.backgroundCy")} ${t("common.optional")}`} defaultValue={values.backgroundCy} error={errors?.backgroundCy} rows={8} lang="cy" />
      <TextInput name="audience" label={`${t("officerConsult.form.audience")} ${t("common.optional")}`} hint={t("officerConsult.form.audienceHint")} defaultValue={values.audience} error={errors?.audience} />
      <Checkboxes name="wardCodes" legend={t("officerConsult.form.wards")} hint={t("officerConsult.form.wardsHint")} error={errors?.wardCodes} value={values.wardCodes} options={wards.map((w) => ({ value: w.code, label: w.name }))} />
      <Checkboxes
        name="options"
        legend={t("officerConsult.form.options")}
        value={[...(values.allowAnonymous ? ["allowAnonymous"] : []), ...(values.equalityMonitoring ? ["equalityMonitoring"] : [])]}
        options={[
          { value: "allowAnonymous", label: t("officerConsult.form.allowAnonymous") },
          { value: "equalityMonitoring", label: t("officerConsult.form.equality") },
        ]}
      />
      {open ? <TextArea name="changeNote" label={t("officerConsult.form.changeNote")} hint={t("officerConsult.form.changeNoteHint")} defaultValue={values.changeNote} error={errors?.changeNote} rows={3} /> : null}
      <Button>{submitLabel}</Button>
    </Form>
  );
}

/** The posted details form as values (what was typed, to show back on an error). */
export function readDetailsForm(form: FormData): DetailsValues {
  const s = (name: string, max: number) => String(form.get(name) ?? "").slice(0, max);
  const options = form.getAll("options").map(String);
  return {
    title: s("title", 1000),
    titleCy: s("titleCy", 1000),
    slug: s("slug", 200),
    summary: s("summary", 5000),
    summaryCy: s("summaryCy", 5000),
    background: s("background", 40_000),
    backgroundCy: s("backgroundCy", 40_000),
    audience: s("audience", 1000),
    wardCodes: form.getAll("wardCodes").map(String).slice(0, 200),
    allowAnonymous: options.includes("allowAnonymous"),
    equalityMonitoring: options.includes("equalityMonitoring"),
    changeNote: s("changeNote", 2000),
  };
}
