// One question of a questionnaire as GOV.UK form fields that work without JavaScript: radios,
// checkboxes, a text box or area, a number box, a postcode box; a ranking as a select of
// positions per option (the non-drag alternative, WCAG 2.2 2.5.7); points as a number box per
// option; a place as a list of wards plus a description (the text alternative to a map).
// Field names come from app/domain/questionnaires/form.ts, which reads them back.
import { Checkboxes, Radios } from "~/components/ui/choices.tsx";
import { ErrorMessage } from "~/components/ui/error-summary.tsx";
import { Select } from "~/components/ui/select.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import type { Locale } from "~/domain/i18n/locale.ts";
import { fieldName, placeFields, pointsField, rankField } from "~/domain/questionnaires/form.ts";
import { localText, type Question } from "~/domain/questionnaires/questionnaire.ts";

export type FieldValues = Record<string, string | string[] | undefined>;

interface Props {
  question: Question;
  locale: Locale;
  /** What to show in the fields: saved answers or what was typed. */
  values: FieldValues;
  error?: string;
  /** For place questions: the council's wards. */
  wards?: readonly { code: string; name: string }[];
  labels: { optional: string; chooseWard: string; placeDescription: string; notRanked: string; rankOf: string; pointsOf: string };
}

function one(values: FieldValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function QuestionField({ question: q, locale, values, error, wards = [], labels }: Props) {
  const title = localText(q.title, locale) + (q.required ? "" : ` ${labels.optional}`);
  const hint = q.hint ? localText(q.hint, locale) : undefined;
  const name = fieldName(q.id);
  const options = "options" in q && q.options ? q.options.map((o) => ({ value: o.id, label: localText(o.label, locale), hint: o.hint ? localText(o.hint, locale) : undefined })) : [];
  switch (q.kind) {
    case "single_choice":
    case "likert":
      return <Radios name={name} legend={title} hint={hint} error={error} options={options} value={one(values, name)} />;
    case "multiple_choice": {
      const v = values[name];
      return <Checkboxes name={name} legend={title} hint={hint} error={error} options={options} value={Array.isArray(v) ? v : v ? [v] : []} />;
    }
    case "free_text":
      return q.multiline ? (
        <TextArea name={name} label={title} hint={hint} error={error} defaultValue={one(values, name)} maxLength={q.maxLength + 1000} />
      ) : (
        <TextInput name={name} label={title} hint={hint} error={error} defaultValue={one(values, name)} />
      );
    case "number":
      return (
        <TextInput
          name={name}
          label={title}
          hint={[hint, q.unit ? localText(q.unit, locale) : ""].filter(Boolean).join(" ") || undefined}
          error={error}
          defaultValue={one(values, name)}
          inputMode={q.integer ? "numeric" : "decimal"}
          width="10"
          spellCheck={false}
        />
      );
    case "postcode":
      return <TextInput name={name} label={title} hint={hint} error={error} defaultValue={one(values, name)} autoComplete="postal-code" width="10" spellCheck={false} />;
    case "ranking": {
      const k = Math.min(q.rankCount ?? options.length, options.length);
      const positions = [{ value: "", label: labels.notRanked }, ...Array.from({ length: k }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))];
      return (
        <Group id={name} legend={title} hint={hint} error={error}>
          {options.map((o) => (
            <Select
              key={o.value}
              id={rankField(q.id, o.value)}
              name={rankField(q.id, o.value)}
              label={labels.rankOf.replace("{option}", o.label)}
              options={positions}
              defaultValue={one(values, rankField(q.id, o.value))}
            />
          ))}
        </Group>
      );
    }
    case "points":
      return (
        <Group id={name} legend={title} hint={hint} error={error}>
          {options.map((o) => (
            <TextInput
              key={o.value}
              id={pointsField(q.id, o.value)}
              name={pointsField(q.id, o.value)}
              label={labels.pointsOf.replace("{option}", o.label)}
              hint={o.hint}
              defaultValue={one(values, pointsField(q.id, o.value))}
              inputMode="numeric"
              width="5"
              data-points-total={q.total}
              data-points-group={q.id}
            />
          ))}
        </Group>
      );
    case "map": {
      const f = placeFields(q.id);
      return (
        <Group id={name} legend={title} hint={hint} error={error}>
          <Select
            name={f.ward}
            label={labels.chooseWard}
            options={[{ value: "", label: "" }, ...wards.map((w) => ({ value: w.code, label: w.name }))]}
            defaultValue={one(values, f.ward)}
          />
          <TextArea name={f.description} label={labels.placeDescription} defaultValue={one(values, f.description)} rows={3} />
        </Group>
      );
    }
  }
}

/** A fieldset around several fields answering one question, with the question as its legend. */
function Group({ id, legend, hint, error, children }: { id: string; legend: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      {/* The fieldset carries the question's field name as its id, so the error summary's link lands here. */}
      <fieldset id={id} tabIndex={-1} aria-describedby={[hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined}>
        <legend className="mb-2 font-bold">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="mb-3 text-secondary">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
        {children}
      </fieldset>
    </div>
  );
}
