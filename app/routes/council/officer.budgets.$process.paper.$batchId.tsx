// One batch of paper ballots: the second entry (by a different officer), then either the report
// (the entries matched) or each difference to settle against the paper, then the report.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.paper.$batchId";
import { PaperProjects, PaperRules } from "~/components/budgeting/paper-rules.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { LINE_EXAMPLES, LINE_EXAMPLE_SETS, duplicateMessage, formatDay, paperFormErrors, paperMessage } from "~/domain/budgeting/paper-messages.ts";
import { resolutionField, retypeField } from "~/domain/budgeting/paper.ts";
import { enterSecondPaperEntry, getPaperBatch, reconcilePaperBatch, type DifferenceSide } from "~/server/budgeting/paper.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await getPaperBatch(context.services, actor, { councilId: council.id, process: params.process, batchId: params.batchId });
  if (!result.ok) notFound();
  const locale = getLocale(request);
  const { process, batch, typedFirst, entryRefusal, differences, report, projects } = result.value;
  const url = new URL(request.url);
  const number = (name: string) => {
    const v = url.searchParams.get(name);
    return v !== null && /^\d{1,6}$/.test(v) ? Number(v) : null;
  };
  return {
    process: { slug: process.slug, title: process.title },
    ballotType: process.ballot.type,
    ballot: { ...process.ballot, examples: LINE_EXAMPLE_SETS[process.ballot.type] },
    example: LINE_EXAMPLES[process.ballot.type],
    budget: {
      name: batch.budgetName,
      amount: formatPence(batch.budgetAmountPence),
      projects: projects.map((p) => ({ reference: p.reference, title: p.title, cost: formatPence(p.costPence) })),
    },
    batch: {
      pollingPlace: batch.pollingPlace,
      budgetName: batch.budgetName,
      status: batch.status,
      papers: batch.papers,
      secondPapers: batch.secondPapers,
      counted: batch.counted,
      firstEntryBy: batch.firstEntryBy,
      firstEntryOn: formatDay(batch.firstEntryAt, locale),
      secondEntryBy: batch.secondEntryBy,
      reconciledOn: batch.reconciledAt ? formatDay(batch.reconciledAt, locale) : null,
    },
    typedFirst,
    refusal: entryRefusal ? paperMessage(entryRefusal, locale) : null,
    differences,
    report: report && { stored: report.stored, duplicates: report.duplicates.map((d) => duplicateMessage(d, locale)) },
    notice: { entered: number("entered"), matched: number("matched"), differ: number("differ"), settled: url.searchParams.has("settled") },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const locale = getLocale(request);
  const form = await readForm(request);
  const here = `/${council.slug}/officer/budgets/${params.process}/paper/${params.batchId}`;
  const input = { councilId: council.id, process: params.process, batchId: params.batchId };
  if (form.intent === "reconcile") {
    const result = await reconcilePaperBatch(context.services, actor, { ...input, form });
    if (result.ok) return redirect(`${here}?settled`);
    if (result.reason === "not_found") notFound();
    if (result.reason === "invalid") return data({ form: "reconcile" as const, fields: form, errors: paperFormErrors(result.detail, locale) }, { status: 400 });
    return data({ form: "reconcile" as const, fields: form, errors: { conflict: paperMessage(result.reason, locale) } }, { status: result.reason === "busy" ? 503 : 409 });
  }
  const ballots = form.ballots ?? "";
  const result = await enterSecondPaperEntry(context.services, actor, { ...input, ballots });
  if (result.ok)
    return redirect(result.value.status === "reconciled" ? `${here}?matched=${result.value.report.stored}` : `${here}?differ=${result.value.differences}`);
  if (result.reason === "not_found") notFound();
  const fields = { ballots };
  if (result.reason === "invalid") return data({ form: "second" as const, fields, errors: paperFormErrors(result.detail, locale) }, { status: 400 });
  // Same officer, already entered, or a closed phase: a state conflict, not bad typing.
  return data({ form: "second" as const, fields, errors: { conflict: paperMessage(result.reason, locale) } }, { status: result.reason === "busy" ? 503 : 409 });
}

export default function PaperBatch({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, batch, differences, report, notice } = loaderData;
  const base = `/${params.council}/officer/budgets/${process.slug}/paper`;
  const errors = actionData?.errors as Record<string, string> | undefined;
  const fields = (actionData?.fields ?? {}) as Record<string, string | undefined>;
  const side = (s: DifferenceSide | null) => {
    if (!s) return t("paper.batch.noPaper");
    const who = s.hint ? t("paper.batch.codeEnding", { hint: s.hint }) : t("paper.batch.registerNumber");
    const choices = s.choices
      .map((c) => (loaderData.ballotType === "cumulative" ? `${c.reference}=${c.value} ${c.title}` : `${c.reference} ${c.title}`))
      .join(loaderData.ballotType === "ranked" ? " > " : ", ");
    return `${choices} (${who})`;
  };
  const entryRow = (count: number | null, name: string | null, date?: string) =>
    count === null || name === null
      ? t("paper.batch.notYet")
      : date
        ? t("paper.batch.entry", { count, name, date })
        : t("paper.batch.entryNoDate", { count, name });

  return (
    <Page title={t("paper.batch.title", { place: batch.pollingPlace })} errors={errors} backHref={base}>
      {notice.entered !== null ? <NotificationBanner kind="success">{t("paper.batch.entered", { count: notice.entered })}</NotificationBanner> : null}
      {notice.matched !== null ? <NotificationBanner kind="success">{t("paper.batch.matched", { count: notice.matched })}</NotificationBanner> : null}
      {notice.differ !== null ? <NotificationBanner>{t("paper.batch.differ", { count: notice.differ })}</NotificationBanner> : null}
      {notice.settled ? <NotificationBanner kind="success">{t("paper.batch.settled")}</NotificationBanner> : null}
      <p className="text-secondary">{process.title}</p>
      <SummaryList
        rows={[
          { key: t("paper.batch.budget"), value: batch.budgetName },
          { key: t("paper.batch.status"), value: t(`paper.status.${batch.status}`) },
          { key: t("paper.batch.first"), value: entryRow(batch.papers, batch.firstEntryBy, batch.firstEntryOn) },
          { key: t("paper.batch.second"), value: entryRow(batch.secondPapers, batch.secondEntryBy) },
          ...(batch.status === "reconciled"
            ? [{ key: t("paper.batch.counted"), value: batch.reconciledOn ? t("paper.batch.countedOn", { count: batch.counted, date: batch.reconciledOn }) : String(batch.counted) }]
            : []),
        ]}
      />
      {errors?.conflict ? (
        <div id="conflict" tabIndex={-1}>
          <InsetText>{errors.conflict}</InsetText>
        </div>
      ) : null}

      {batch.status === "first_entry" ? (
        loaderData.refusal ? (
          <InsetText>{loaderData.refusal}</InsetText>
        ) : loaderData.typedFirst ? (
          <InsetText>{t("paper.batch.youTypedFirst")}</InsetText>
        ) : (
          <>
            <h2>{t("paper.batch.secondHeading")}</h2>
            <p>{t("paper.batch.secondLead")}</p>
            <PaperRules ballot={loaderData.ballot} />
            <PaperProjects budget={loaderData.budget} />
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="second" />
              <TextArea
                name="ballots"
                label={t("paper.new.ballots")}
                hint={t("paper.new.ballotsHint", { example: loaderData.example })}
                rows={15}
                spellCheck={false}
                autoComplete="off"
                className={`w-full border-2 ${errors?.ballots ? "border-error" : "border-input"} p-1 font-mono`}
                defaultValue={fields.ballots}
                error={errors?.ballots}
              />
              <Button>{t("paper.batch.secondSubmit")}</Button>
            </Form>
          </>
        )
      ) : null}

      {batch.status === "second_entry" ? (
        <>
          <h2>{t("paper.batch.differencesHeading")}</h2>
          {loaderData.refusal ? <InsetText>{loaderData.refusal}</InsetText> : null}
          <p>{t("paper.batch.differencesLead")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reconcile" />
            {differences.map((d) => {
              const number = d.index + 1;
              const line = d.first?.line ?? d.second?.line ?? 0;
              return (
                <div key={d.index} className="mb-8 border-b border-border pb-2">
                  <Radios
                    name={resolutionField(d.index)}
                    legend={t("paper.batch.difference", { number, line })}
                    value={fields[resolutionField(d.index)]}
                    error={errors?.[resolutionField(d.index)]}
                    options={[
                      { value: "first", label: t("paper.batch.takeFirst", { choices: side(d.first) }) },
                      { value: "second", label: t("paper.batch.takeSecond", { choices: side(d.second) }) },
                      { value: "retype", label: t("paper.batch.retype") },
                    ]}
                  />
                  <TextInput
                    name={retypeField(d.index)}
                    label={t("paper.batch.retypeLabel", { number })}
                    hint={t("paper.batch.retypeHint", { example: loaderData.example })}
                    spellCheck={false}
                    autoComplete="off"
                    className={`h-10 w-full border-2 ${errors?.[retypeField(d.index)] ? "border-error" : "border-input"} px-1 font-mono`}
                    defaultValue={fields[retypeField(d.index)]}
                    error={errors?.[retypeField(d.index)]}
                  />
                </div>
              );
            })}
            {loaderData.refusal ? null : <Button>{t("paper.batch.reconcileSubmit")}</Button>}
          </Form>
        </>
      ) : null}

      {batch.status === "reconciled" && report ? (
        <>
          <h2>{t("paper.batch.reportHeading")}</h2>
          <p>{t("paper.batch.storedCount", { count: report.stored })}</p>
          {report.duplicates.length === 0 ? (
            <p>{t("paper.batch.allCounted")}</p>
          ) : (
            <>
              <h3>{t("paper.batch.notCounted")}</h3>
              <ul className="mb-8 list-disc pl-6" data-testid="not-counted">
                {report.duplicates.map((d) => (
                  <li key={d} className="mb-2">
                    {d}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : null}
    </Page>
  );
}
