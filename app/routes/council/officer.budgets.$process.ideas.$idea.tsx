// One resident idea and the officer's decision: accept it as a project (cost and budget, and the
// wording may be improved) or decline it with a response the resident will see.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.ideas.$idea";
import { ProjectFields } from "~/components/budgeting/project-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextArea } from "~/components/ui/text-input.tsx";
import { ideaMessage, processMessage } from "~/domain/budgeting/ballot-messages.ts";
import { canDecideIdeas } from "~/domain/budgeting/idea.ts";
import { PROJECT_FIELD_ORDER, blankProjectValues, formatUkDate, readProjectForm, wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import type { FieldErrors } from "~/domain/budgeting/process.ts";
import { acceptIdea, declineIdea, getIdeaForOfficer } from "~/server/budgeting/ideas.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { projectFormOptions, requireOfficerProcess } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const result = await getIdeaForOfficer(context.services, actor, { councilId: council.id, processId: p.id, ideaId: params.idea });
  if (!result.ok) notFound();
  const idea = result.value;
  const url = new URL(request.url);
  return {
    base,
    decidable: canDecideIdeas(p.phase),
    notice: url.searchParams.has("accepted") ? ("accepted" as const) : url.searchParams.has("declined") ? ("declined" as const) : null,
    idea: {
      title: idea.title,
      description: idea.description,
      wardName: idea.wardName,
      status: idea.status,
      response: idea.response,
      project: idea.project,
      suggested: formatUkDate(idea.createdAt, locale),
    },
    ...(await projectFormOptions(context, council, p)),
    values: {
      ...blankProjectValues(p.budgets.length === 1 ? p.budgets[0]!.id : ""),
      title: idea.title,
      description: idea.description,
      wardCode: idea.wardCode ?? "",
    },
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale, base } = await requireOfficerProcess(context, request, params);
  const form = await request.formData().catch(() => badRequest());
  const here = `${base}/ideas/${params.idea}`;
  const refused = (intent: "accept" | "decline", reason: string, at: string) => {
    if (reason === "forbidden") forbidden();
    if (reason === "not_found") notFound();
    const message =
      reason === "already_decided" || reason === "phase_locked" ? ideaMessage(reason, locale) : processMessage("unknown_outcome", locale);
    return data({ intent, values: null, response: null, errors: { [at]: message } }, { status: reason === "unknown_outcome" ? 400 : 409 });
  };
  if (form.get("intent") === "decline") {
    const response = String(form.get("response") ?? "").slice(0, 3000);
    const result = await declineIdea(context.services, actor, { councilId: council.id, ideaId: params.idea, response });
    if (result.ok) return redirect(`${here}?declined`);
    if (result.reason === "invalid")
      return data({ intent: "decline" as const, values: null, response, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, ["response"]) }, { status: 400 });
    return refused("decline", result.reason, "response");
  }
  const { values, input } = readProjectForm(form);
  const result = await acceptIdea(context.services, actor, { councilId: council.id, ideaId: params.idea, budgetId: values.budgetId, ...input });
  if (result.ok) return redirect(`${here}?accepted`);
  if (result.reason === "invalid")
    return data(
      { intent: "accept" as const, values, response: null, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, PROJECT_FIELD_ORDER) },
      { status: 400 },
    );
  return refused("accept", result.reason, result.reason === "unknown_outcome" ? "outcomes" : "title");
}

export default function OfficerIdea({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { idea, base, notice } = loaderData;
  const errors = actionData?.errors;
  return (
    <Page title={idea.title} errors={errors} backHref={`${base}/ideas`}>
      {notice === "accepted" && idea.project ? (
        <NotificationBanner kind="success">{t("officerBudgets.idea.accepted", { reference: idea.project.reference })}</NotificationBanner>
      ) : notice === "declined" ? (
        <NotificationBanner kind="success">{t("officerBudgets.idea.declined")}</NotificationBanner>
      ) : null}
      <SummaryList
        rows={[
          { key: t("officerBudgets.idea.description"), value: <span className="whitespace-pre-line">{idea.description}</span> },
          { key: t("officerBudgets.ideas.ward"), value: idea.wardName ?? t("officerBudgets.ideas.wholeArea") },
          { key: t("officerBudgets.ideas.suggested"), value: idea.suggested },
          {
            key: t("officerBudgets.ideas.status"),
            value:
              idea.status === "accepted"
                ? t("officerBudgets.ideaStatus.accepted", { reference: idea.project?.reference ?? "" })
                : t(idea.status === "declined" ? "officerBudgets.ideaStatus.declined" : "officerBudgets.ideaStatus.submitted"),
          },
          ...(idea.project
            ? [{ key: t("officerBudgets.idea.project"), value: <a href={`${base}/projects/${idea.project.id}`}>{`${idea.project.reference}: ${idea.project.title}`}</a> }]
            : []),
          ...(idea.response ? [{ key: t("officerBudgets.idea.responseShown"), value: idea.response }] : []),
        ]}
      />
      {idea.status !== "submitted" ? null : !loaderData.decidable ? (
        <InsetText>{t("officerBudgets.idea.tooLate")}</InsetText>
      ) : (
        <>
          <section aria-labelledby="accept-heading">
            <h2 id="accept-heading">{t("officerBudgets.idea.accept")}</h2>
            <p>{t("officerBudgets.idea.acceptLead")}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="accept" />
              <ProjectFields
                values={actionData?.intent === "accept" && actionData.values ? actionData.values : loaderData.values}
                errors={actionData?.intent === "accept" ? errors : undefined}
                budgets={loaderData.budgets}
                wards={loaderData.wards}
                frameworks={loaderData.frameworks}
                frameworksHref={loaderData.frameworksHref}
                withPlace={false}
              />
              <Button>{t("officerBudgets.idea.acceptSubmit")}</Button>
            </Form>
          </section>
          <section aria-labelledby="decline-heading">
            <h2 id="decline-heading">{t("officerBudgets.idea.decline")}</h2>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="decline" />
              <TextArea
                name="response"
                label={t("officerBudgets.idea.response")}
                hint={t("officerBudgets.idea.responseHint")}
                defaultValue={actionData?.response ?? ""}
                error={actionData?.intent === "decline" ? errors?.response : undefined}
                rows={4}
              />
              <Button variant="warning">{t("officerBudgets.idea.declineSubmit")}</Button>
            </Form>
          </section>
        </>
      )}
    </Page>
  );
}
