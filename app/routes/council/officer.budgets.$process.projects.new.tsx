// Add a project to one of the process's budgets (until voting opens). Pictures are added on the
// project's page once it exists.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.projects.new";
import { ProjectFields } from "~/components/budgeting/project-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText } from "~/components/ui/panels.tsx";
import { processMessage } from "~/domain/budgeting/ballot-messages.ts";
import { PROJECT_FIELD_ORDER, blankProjectValues, readProjectForm, wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import { canEditProjects, type FieldErrors } from "~/domain/budgeting/process.ts";
import { addProject } from "~/server/budgeting/processes.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { projectFormOptions, requireOfficerProcess } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, process: p, base } = await requireOfficerProcess(context, request, params);
  return {
    base,
    title: p.title,
    editable: canEditProjects(p.phase),
    ...(await projectFormOptions(context, council, p)),
    values: blankProjectValues(p.budgets.length === 1 ? p.budgets[0]!.id : ""),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const form = await request.formData().catch(() => badRequest());
  const { values, input } = readProjectForm(form);
  const result = await addProject(context.services, actor, { councilId: council.id, processId: p.id, budgetId: values.budgetId, ...input });
  if (result.ok) return redirect(`${base}/projects/${result.value.id}?added`);
  switch (result.reason) {
    case "invalid":
      return data({ values, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, PROJECT_FIELD_ORDER) }, { status: 400 });
    case "unknown_outcome":
      return data({ values, errors: { outcomes: processMessage("unknown_outcome", locale) } }, { status: 400 });
    case "phase_locked":
      return data({ values, errors: { title: processMessage("phase_locked", locale, { phase: p.phase }) } }, { status: 409 });
    case "forbidden":
      return forbidden();
    default:
      return notFound();
  }
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("officerBudgets.project.newTitle")} errors={actionData?.errors} backHref={loaderData.base}>
      <p className="text-xl">{loaderData.title}</p>
      {loaderData.editable ? (
        <Form method="post" noValidate>
          <ProjectFields
            values={actionData?.values ?? loaderData.values}
            errors={actionData?.errors}
            budgets={loaderData.budgets}
            wards={loaderData.wards}
            frameworks={loaderData.frameworks}
            frameworksHref={loaderData.frameworksHref}
          />
          <Button>{t("officerBudgets.project.add")}</Button>
        </Form>
      ) : (
        <InsetText>{t("officerBudgets.project.locked")}</InsetText>
      )}
    </Page>
  );
}
