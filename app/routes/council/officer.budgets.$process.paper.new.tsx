// First entry of a batch of paper ballots: the polling place, the budget, and the papers typed one
// per line in a plain textarea, so it works without JavaScript and can be pasted from a tally sheet.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.paper.new";
import { PaperProjects, PaperRules } from "~/components/budgeting/paper-rules.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { InsetText } from "~/components/ui/panels.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { LINE_EXAMPLES, LINE_EXAMPLE_SETS, paperFormErrors, paperMessage } from "~/domain/budgeting/paper-messages.ts";
import { enterPaperBatch, paperEntryForm } from "~/server/budgeting/paper.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { forbidden, getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await paperEntryForm(context.services, actor, { councilId: council.id, process: params.process });
  if (!result.ok) notFound();
  const locale = getLocale(request);
  const { process, ballot, budgets } = result.value;
  const open = budgets.filter((b) => b.refusal === null);
  return {
    process: { slug: process.slug, title: process.title },
    ballot: { ...ballot, examples: LINE_EXAMPLE_SETS[ballot.type] },
    example: LINE_EXAMPLES[ballot.type],
    // Why nothing can be entered (every budget refuses), or null.
    refusal: open.length === 0 ? paperMessage(budgets[0]?.refusal ?? "voting_not_open", locale) : null,
    budgets: budgets.map((b) => ({
      id: b.id,
      name: b.name,
      amount: formatPence(b.amountPence),
      open: b.refusal === null,
      projects: b.projects.map((p) => ({ reference: p.reference, title: p.title, cost: formatPence(p.costPence) })),
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const locale = getLocale(request);
  const form = await readForm(request);
  const fields = { pollingPlace: form.pollingPlace ?? "", budgetId: form.budgetId ?? "", ballots: form.ballots ?? "" };
  const result = await enterPaperBatch(context.services, actor, { councilId: council.id, process: params.process, ...fields });
  if (result.ok) return redirect(`/${council.slug}/officer/budgets/${params.process}/paper/${result.value.batchId}?entered=${result.value.papers}`);
  if (result.reason === "not_found") notFound();
  if (result.reason === "invalid") return data({ fields, errors: paperFormErrors(result.detail, locale) }, { status: 400 });
  if (result.reason === "forbidden") forbidden();
  // The phase or the publication of a result stopped it: a state conflict, said above the form.
  return data({ fields, errors: { ballots: paperMessage(result.reason, locale) } }, { status: result.reason === "busy" ? 503 : 409 });
}

export default function NewPaperBatch({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, budgets } = loaderData;
  const base = `/${params.council}/officer/budgets/${process.slug}/paper`;
  const fields = actionData?.fields;
  const errors = actionData?.errors as Record<string, string | undefined> | undefined;
  const openBudgets = budgets.filter((b) => b.open);
  return (
    <Page title={t("paper.new.title")} errors={errors} backHref={base}>
      <p className="text-secondary">{process.title}</p>
      {loaderData.refusal ? (
        <InsetText>{loaderData.refusal}</InsetText>
      ) : (
        <>
          <PaperRules ballot={loaderData.ballot} />
          {openBudgets.map((b) => (
            <PaperProjects key={b.id} budget={b} />
          ))}
          <Form method="post" noValidate>
            <TextInput
              name="pollingPlace"
              label={t("paper.new.pollingPlace")}
              hint={t("paper.new.pollingPlaceHint")}
              width="20"
              autoComplete="off"
              defaultValue={fields?.pollingPlace}
              error={errors?.pollingPlace}
            />
            <Radios
              name="budgetId"
              legend={t("paper.new.budget")}
              value={fields?.budgetId ?? (openBudgets.length === 1 ? openBudgets[0]!.id : undefined)}
              error={errors?.budgetId}
              options={openBudgets.map((b) => ({ value: b.id, label: `${b.name} (${b.amount})` }))}
            />
            <TextArea
              name="ballots"
              label={t("paper.new.ballots")}
              hint={t("paper.new.ballotsHint", { example: loaderData.example })}
              rows={15}
              spellCheck={false}
              autoComplete="off"
              className={`w-full border-2 ${errors?.ballots ? "border-error" : "border-input"} p-1 font-mono`}
              defaultValue={fields?.ballots}
              error={errors?.ballots}
            />
            <Button>{t("paper.new.submit")}</Button>
          </Form>
        </>
      )}
    </Page>
  );
}
