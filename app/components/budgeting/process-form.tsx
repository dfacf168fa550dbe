// The officer's form for a budget process: about, planned dates, who can vote, ballot, counting
// and (when creating) budgets. Once review has started the ballot, eligibility and counting
// sections are left out (`locked`): the page shows them read-only instead.
import { Form } from "react-router";
import type { MessageKey } from "~/domain/i18n/catalogue.ts";
import { DATE_FIELDS, TIMED_DATES, type ProcessFormValues } from "~/domain/budgeting/process-form.ts";
import { fieldId } from "~/domain/budgeting/process.ts";
import { useT } from "../i18n.tsx";
import { Button } from "../ui/button.tsx";
import { Radios } from "../ui/choices.tsx";
import { DateInput } from "../ui/date-input.tsx";
import type { FieldErrors } from "../ui/error-summary.tsx";
import { Select } from "../ui/select.tsx";
import { TextArea, TextInput } from "../ui/text-input.tsx";

export interface WardOption {
  code: string;
  name: string;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mb-4">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ProcessForm({
  values,
  errors,
  wards,
  locked,
  withBudgets,
  submitLabel,
}: {
  values: ProcessFormValues;
  errors: FieldErrors | undefined;
  wards: WardOption[];
  locked: boolean;
  withBudgets: boolean;
  submitLabel: string;
}) {
  const t = useT();
  const e = errors ?? {};
  const choice = (prefix: string, value: string): { value: string; label: string; hint: string } => ({
    value,
    label: t(`${prefix}.${value}` as MessageKey),
    hint: t(`${prefix}.${value}Hint` as MessageKey),
  });
  const checkbox = (name: "requirePostcodeInArea" | "useVotingCodes", label: string, hint: string) => (
    <div className="relative mb-3 flex items-start gap-3">
      <input
        id={name}
        type="checkbox"
        name={name}
        defaultChecked={values[name]}
        aria-describedby={`${name}-item-hint`}
        className="mt-0.5 size-8 shrink-0 cursor-pointer accent-ink"
      />
      <div>
        <label htmlFor={name} className="block cursor-pointer pt-1">
          {label}
        </label>
        <div id={`${name}-item-hint`} className="text-secondary">
          {hint}
        </div>
      </div>
    </div>
  );
  const number = (name: keyof ProcessFormValues & string, label: MessageKey, hint: MessageKey) => (
    <TextInput name={name} label={t(label)} hint={t(hint)} defaultValue={values[name] as string} error={e[name]} inputMode="numeric" width="5" />
  );
  return (
    <Form method="post" noValidate>
      <Section title={t("officerBudgets.form.about")}>
        <TextInput name="title" label={t("officerBudgets.form.title")} hint={t("officerBudgets.form.titleHint")} defaultValue={values.title} error={e.title} />
        <TextInput name="titleCy" label={t("officerBudgets.form.titleCy")} defaultValue={values.titleCy} error={e.titleCy} lang="cy" />
        <TextInput
          name="slug"
          label={t("officerBudgets.form.slug")}
          hint={t("officerBudgets.form.slugHint")}
          defaultValue={values.slug}
          error={e.slug}
          spellCheck={false}
          autoCapitalize="none"
          width="20"
        />
        <TextArea name="summary" label={t("officerBudgets.form.summary")} hint={t("officerBudgets.form.summaryHint")} defaultValue={values.summary} error={e.summary} />
      </Section>
      <Section title={t("officerBudgets.form.dates")}>
        <p>{t("officerBudgets.form.datesLead")}</p>
        {DATE_FIELDS.map((f) => (
          <DateInput
            key={f}
            name={f}
            legend={t(`officerBudgets.date.${f}`)}
            hint={t("officerBudgets.form.dateHint")}
            error={e[f]}
            value={values.dates[f]}
            labels={{ day: t("officerBudgets.form.day"), month: t("officerBudgets.form.month"), year: t("officerBudgets.form.year"), time: t("officerBudgets.form.time") }}
            time={
              f in TIMED_DATES
                ? { hint: t(f === "votingOpenAt" ? "officerBudgets.form.openTimeHint" : "officerBudgets.form.closeTimeHint"), error: e[`${f}-time`] }
                : undefined
            }
          />
        ))}
      </Section>
      {locked ? null : (
        <>
          <Section title={t("officerBudgets.form.eligibility")}>
            {number("minimumAge", "officerBudgets.form.minimumAge", "officerBudgets.form.minimumAgeHint")}
            <div className="mb-6">
              <fieldset>
                <legend className="mb-2 font-bold">{t("officerBudgets.form.checks")}</legend>
                {checkbox("requirePostcodeInArea", t("officerBudgets.form.requirePostcode"), t("officerBudgets.form.requirePostcodeHint"))}
                {checkbox("useVotingCodes", t("officerBudgets.form.useVotingCodes"), t("officerBudgets.form.useVotingCodesHint"))}
              </fieldset>
            </div>
          </Section>
          <Section title={t("officerBudgets.form.ballot")}>
            <Radios
              name="ballotType"
              legend={t("officerBudgets.form.ballotType")}
              error={e.ballotType}
              value={values.ballotType}
              options={["approval", "knapsack", "cumulative", "ranked"].map((v) => choice("officerBudgets.ballot", v))}
            />
            <div className="mb-6">
              <fieldset aria-describedby="ballot-limits-hint">
                <legend className="mb-2 text-xl font-bold">{t("officerBudgets.form.limits")}</legend>
                <div id="ballot-limits-hint" className="mb-3 text-secondary">
                  {t("officerBudgets.form.limitsHint")}
                </div>
                {number("minProjects", "officerBudgets.form.minProjects", "officerBudgets.form.minProjectsHint")}
                {number("maxProjects", "officerBudgets.form.maxProjects", "officerBudgets.form.maxProjectsHint")}
                {number("points", "officerBudgets.form.points", "officerBudgets.form.pointsHint")}
                {number("pointsPerProjectCap", "officerBudgets.form.pointsCap", "officerBudgets.form.pointsCapHint")}
                {number("rankCount", "officerBudgets.form.rankCount", "officerBudgets.form.rankCountHint")}
              </fieldset>
            </div>
          </Section>
          <Section title={t("officerBudgets.form.counting")}>
            <Radios
              name="countingRule"
              legend={t("officerBudgets.form.countingRule")}
              error={e.countingRule}
              value={values.countingRule}
              options={["equal_shares", "greedy", "greedy_no_skip", "greedy_threshold"].map((v) => choice("officerBudgets.rule", v))}
            />
            {number("greedyThreshold", "officerBudgets.form.threshold", "officerBudgets.form.thresholdHint")}
            <Radios
              name="mesCompletion"
              legend={t("officerBudgets.form.mesCompletion")}
              error={e.mesCompletion}
              value={values.mesCompletion}
              options={["add1_utilitarian", "add1", "none"].map((v) => choice("officerBudgets.completion", v))}
            />
            <Radios
              name="mesUtilities"
              legend={t("officerBudgets.form.mesUtilities")}
              error={e.mesUtilities}
              value={values.mesUtilities}
              options={["cost", "cardinality"].map((v) => choice("officerBudgets.utilities", v))}
            />
            <Radios
              name="tieBreak"
              legend={t("officerBudgets.form.tieBreak")}
              error={e.tieBreak}
              value={values.tieBreak}
              options={["default", "id", "report"].map((v) => choice("officerBudgets.tie", v))}
            />
          </Section>
        </>
      )}
      {withBudgets ? (
        <Section title={t("officerBudgets.form.budgets")}>
          <p>{t("officerBudgets.form.budgetsLead")}</p>
          {values.budgets.map((b, i) => (
            <BudgetFields key={i} prefix={`budgets.${i}`} legend={t("officerBudgets.form.budgetN", { n: i + 1 })} value={b} errors={e} wards={wards} />
          ))}
          <Button name="intent" value="add_budget" variant="secondary">
            {t("officerBudgets.form.addBudget")}
          </Button>
        </Section>
      ) : null}
      <div>
        <Button name="intent" value="save">
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** One budget: a name, an amount in pounds, and the ward it is for (or the whole area). */
export function BudgetFields({
  prefix,
  legend,
  value,
  errors,
  wards,
}: {
  /** Posted field names start with this ("budgets.0" → "budgets.0.name"). */
  prefix: string;
  legend: string;
  value: { name: string; amount: string; wardCode: string };
  errors: FieldErrors;
  wards: WardOption[];
}) {
  const t = useT();
  const id = (f: string) => fieldId(`${prefix}.${f}`);
  return (
    <fieldset className="mb-6 border-l-4 border-border pl-4">
      <legend className="mb-3 text-xl font-bold">{legend}</legend>
      <Select
        name={`${prefix}.wardCode`}
        id={id("wardCode")}
        label={t("officerBudgets.form.ward")}
        defaultValue={value.wardCode}
        error={errors[id("wardCode")]}
        options={[{ value: "", label: t("officerBudgets.form.wholeArea") }, ...wards.map((w) => ({ value: w.code, label: w.name }))]}
      />
      <TextInput
        name={`${prefix}.name`}
        id={id("name")}
        label={t("officerBudgets.form.budgetName")}
        hint={t("officerBudgets.form.budgetNameHint")}
        defaultValue={value.name}
        error={errors[id("name")]}
        width="20"
      />
      <TextInput
        name={`${prefix}.amount`}
        id={id("amount")}
        label={t("officerBudgets.form.budgetAmount")}
        hint={t("officerBudgets.form.budgetAmountHint")}
        defaultValue={value.amount}
        error={errors[id("amount")]}
        inputMode="decimal"
        width="10"
      />
    </fieldset>
  );
}
