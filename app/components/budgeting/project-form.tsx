// The officer's project fields: title, description (Markdown), cost, budget, ward, where it is,
// an optional point on a map, and the outcomes it maps to, grouped by the council's frameworks.
// Used on its own form (add, edit) and inside "accept an idea as a project".
import { useLocale, useT } from "../i18n.tsx";
import type { FieldErrors } from "../ui/error-summary.tsx";
import { ErrorMessage } from "../ui/error-summary.tsx";
import { Select } from "../ui/select.tsx";
import { TextArea, TextInput } from "../ui/text-input.tsx";
import type { WardOption } from "./process-form.tsx";

export interface ProjectFieldValues {
  title: string;
  description: string;
  cost: string;
  budgetId: string;
  wardCode: string;
  locationText: string;
  latitude: string;
  longitude: string;
  outcomes: string[];
}

export interface BudgetOption {
  id: string;
  name: string;
  /** Already formatted ("£10,000"). */
  amount: string;
}

export interface OutcomeGroup {
  versionId: string;
  name: string;
  nameCy: string | null;
  nodes: { id: string; slug: string; parentSlug: string | null; name: string; nameCy: string | null }[];
}

export function ProjectFields({
  values,
  errors,
  budgets,
  wards,
  frameworks,
  frameworksHref,
  withPlace = true,
}: {
  values: ProjectFieldValues;
  errors: FieldErrors | undefined;
  budgets: BudgetOption[];
  wards: WardOption[];
  frameworks: OutcomeGroup[];
  frameworksHref: string;
  withPlace?: boolean;
}) {
  const t = useT();
  const e = errors ?? {};
  return (
    <>
      <TextInput name="title" label={t("officerBudgets.project.title")} defaultValue={values.title} error={e.title} />
      <TextArea
        name="description"
        label={t("officerBudgets.project.description")}
        hint={t("officerBudgets.project.descriptionHint")}
        defaultValue={values.description}
        error={e.description}
        rows={8}
      />
      <TextInput
        name="cost"
        label={t("officerBudgets.project.cost")}
        hint={t("officerBudgets.project.costHint")}
        defaultValue={values.cost}
        error={e.cost}
        inputMode="decimal"
        width="10"
      />
      <Select
        name="budgetId"
        label={t("officerBudgets.project.budget")}
        defaultValue={values.budgetId}
        error={e.budgetId}
        options={[
          ...(budgets.length === 1 ? [] : [{ value: "", label: t("officerBudgets.project.chooseBudget") }]),
          ...budgets.map((b) => ({ value: b.id, label: t("officerBudgets.project.budgetOption", { name: b.name, amount: b.amount }) })),
        ]}
      />
      <Select
        name="wardCode"
        label={t("officerBudgets.project.ward")}
        defaultValue={values.wardCode}
        error={e.wardCode}
        options={[{ value: "", label: t("officerBudgets.project.noWard") }, ...wards.map((w) => ({ value: w.code, label: w.name }))]}
      />
      {withPlace ? (
        <>
          <TextInput
            name="locationText"
            label={t("officerBudgets.project.location")}
            hint={t("officerBudgets.project.locationHint")}
            defaultValue={values.locationText}
            error={e.locationText}
          />
          <div className="mb-6">
            <fieldset aria-describedby="point-hint">
              <legend className="mb-2 font-bold">{t("officerBudgets.project.point")}</legend>
              <div id="point-hint" className="mb-3 text-secondary">
                {t("officerBudgets.project.pointHint")}
              </div>
              <TextInput
                name="latitude"
                label={t("officerBudgets.project.latitude")}
                hint={t("officerBudgets.project.latitudeHint")}
                defaultValue={values.latitude}
                error={e.latitude}
                inputMode="decimal"
                width="10"
              />
              <TextInput
                name="longitude"
                label={t("officerBudgets.project.longitude")}
                hint={t("officerBudgets.project.longitudeHint")}
                defaultValue={values.longitude}
                error={e.longitude}
                inputMode="decimal"
                width="10"
              />
            </fieldset>
          </div>
        </>
      ) : null}
      <OutcomeChoices values={values.outcomes} error={e.outcomes} frameworks={frameworks} frameworksHref={frameworksHref} />
    </>
  );
}

// Whole class names, so Tailwind finds them (and no inline style, which the CSP refuses).
const INDENT = ["", "ml-10", "ml-20", "ml-30"] as const;

/** Checkboxes of outcomes, one fieldset per framework, children indented under their parent. */
function OutcomeChoices({
  values,
  error,
  frameworks,
  frameworksHref,
}: {
  values: string[];
  error: string | undefined;
  frameworks: OutcomeGroup[];
  frameworksHref: string;
}) {
  const t = useT();
  const locale = useLocale();
  const checked = new Set(values);
  const name = (x: { name: string; nameCy: string | null }) => (locale === "cy" && x.nameCy ? x.nameCy : x.name);
  const firstId = frameworks.find((f) => f.nodes.length > 0)?.nodes[0]?.id;
  return (
    <section aria-labelledby="outcomes-heading" className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      <h2 id="outcomes-heading">{t("officerBudgets.project.outcomes")}</h2>
      {frameworks.length === 0 ? (
        <p>
          {t("officerBudgets.project.noFrameworks")} <a href={frameworksHref}>{t("officerBudgets.project.chooseFrameworks")}</a>
        </p>
      ) : (
        <>
          <p id="outcomes-hint" className="text-secondary">
            {t("officerBudgets.project.outcomesHint")}
          </p>
          <ErrorMessage id="outcomes-error">{error}</ErrorMessage>
          {frameworks.map((f) => {
            const depth = new Map<string, number>();
            for (const n of f.nodes) depth.set(n.slug, n.parentSlug ? (depth.get(n.parentSlug) ?? 0) + 1 : 0);
            return (
              <fieldset key={f.versionId} className="mb-6" aria-describedby={error ? "outcomes-hint outcomes-error" : "outcomes-hint"}>
                <legend className="mb-2 text-xl font-bold">{name(f)}</legend>
                {f.nodes.map((n) => {
                  // The first box carries the field's id, so the error summary can link to it.
                  const id = n.id === firstId ? "outcomes" : `outcomes-${n.id}`;
                  return (
                    <div key={n.id} className={`relative mb-3 flex items-start gap-3 ${INDENT[Math.min(depth.get(n.slug) ?? 0, INDENT.length - 1)]}`}>
                      <input
                        id={id}
                        type="checkbox"
                        name="outcomes"
                        value={n.id}
                        defaultChecked={checked.has(n.id)}
                        aria-invalid={error ? true : undefined}
                        className="mt-0.5 size-8 shrink-0 cursor-pointer accent-ink"
                      />
                      <label htmlFor={id} className="block cursor-pointer pt-1">
                        {name(n)}
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            );
          })}
        </>
      )}
    </section>
  );
}
