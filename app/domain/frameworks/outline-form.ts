// Between the officer's outline form and the frameworks use cases: builds the draft input and
// words field errors for the GOV.UK error summary (node errors point at the outline box).
import type { Locale } from "../i18n/locale.ts";
import type { FieldErrors as CodeErrors } from "./framework.ts";
import { fieldErrorMessage } from "./messages.ts";
import { parseOutline } from "./outline.ts";

export interface FrameworkFormFields {
  name: string;
  slug: string;
  source: string;
  sourceUrl: string;
  outline: string;
}

export function draftFromForm(form: Record<string, string | undefined>): { fields: FrameworkFormFields; input: unknown } {
  const fields: FrameworkFormFields = {
    name: (form.name ?? "").slice(0, 500),
    slug: (form.slug ?? "").slice(0, 200),
    source: (form.source ?? "").slice(0, 2000),
    sourceUrl: (form.sourceUrl ?? "").slice(0, 2000),
    outline: (form.outline ?? "").slice(0, 50_000),
  };
  return {
    fields,
    input: {
      name: fields.name,
      slug: fields.slug,
      source: fields.source,
      sourceUrl: fields.sourceUrl,
      nodes: parseOutline(fields.outline).map((n) => ({ ...n, parentSlug: n.parentSlug ?? "" })),
    },
  };
}

/** Field errors keyed by the form's field ids: node-level errors all land on the outline box. */
export function wordErrors(fieldErrors: CodeErrors, locale: Locale): Record<string, string> {
  const worded: Record<string, string> = {};
  for (const [path, code] of Object.entries(fieldErrors)) {
    const id = path.startsWith("nodes") ? "outline" : path === "form" ? "name" : path;
    if (!(id in worded)) worded[id] = fieldErrorMessage(path, code, locale);
  }
  return worded;
}
