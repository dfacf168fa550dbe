// The officer's form for a council's own framework: name, link name, source, and the outcomes
// as an indented outline (see app/domain/frameworks/outline.ts).
import { Form } from "react-router";
import { useT } from "../i18n.tsx";
import { Button } from "../ui/button.tsx";
import type { FieldErrors } from "../ui/error-summary.tsx";
import { TextArea, TextInput } from "../ui/text-input.tsx";

export interface FrameworkFormValues {
  name: string;
  slug: string;
  source: string;
  sourceUrl: string;
  outline: string;
}

export function FrameworkForm({
  values,
  errors,
  slugLocked,
  submitLabel,
}: {
  values: FrameworkFormValues;
  errors: FieldErrors | undefined;
  slugLocked: boolean;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="save" />
      <TextInput name="name" label={t("frameworks.name")} defaultValue={values.name} error={errors?.name} />
      <TextInput
        name="slug"
        label={t("frameworks.slug")}
        hint={t("frameworks.slugHint")}
        defaultValue={values.slug}
        error={errors?.slug}
        readOnly={slugLocked}
        width="20"
      />
      <TextInput name="source" label={`${t("frameworks.source")} ${t("common.optional")}`} defaultValue={values.source} error={errors?.source} />
      <TextInput
        name="sourceUrl"
        label={`${t("frameworks.source")} (URL) ${t("common.optional")}`}
        defaultValue={values.sourceUrl}
        error={errors?.sourceUrl}
        type="url"
        spellCheck={false}
      />
      <TextArea
        name="outline"
        label={t("frameworks.editNodes")}
        hint={t("frameworks.nodesHint")}
        defaultValue={values.outline}
        error={errors?.outline}
        rows={14}
        className={`w-full border-2 ${errors?.outline ? "border-error" : "border-input"} p-1 font-mono`}
      />
      <Button>{submitLabel}</Button>
    </Form>
  );
}
