// One project for officers: its details (editable until voting opens), its pictures (upload with
// alt text, remove), and in the review phase the feasibility decision with its published reason.
// Uploads are multipart; the body is read with a size cap, so an oversized file gets a clear
// message (413) rather than filling the server's memory.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.projects.$project";
import { ProjectFields } from "~/components/budgeting/project-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { FileUpload } from "~/components/ui/file-upload.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import type { MessageKey } from "~/domain/i18n/catalogue.ts";
import { fieldErrorMessage, processMessage } from "~/domain/budgeting/ballot-messages.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { PROJECT_FIELD_ORDER, projectToValues, readProjectForm, wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import { IMAGE_LIMITS } from "~/domain/budgeting/project-image.ts";
import { canEditProjects, canReviewProjects, type FieldErrors } from "~/domain/budgeting/process.ts";
import { getProjectForOfficer } from "~/server/budgeting/officer-views.server.ts";
import { reviewProject, updateProject } from "~/server/budgeting/processes.server.ts";
import { addProjectImage, removeProjectImage } from "~/server/budgeting/project-images.server.ts";
import { fileBytes, readLimitedForm } from "~/server/http/limited-form.server.ts";
import { badRequest, forbidden, notFound } from "~/server/http/request.server.ts";
import { projectFormOptions, requireOfficerProcess } from "./officer-budgets.server.ts";

// The largest picture plus room for the other fields and the multipart framing.
const MAX_BODY = IMAGE_LIMITS.maxBytes + 64 * 1024;

const NOTICES = {
  added: "officerBudgets.process.projectAdded",
  saved: "officerBudgets.project.saved",
  reset: "officerBudgets.project.reviewReset",
  imageAdded: "officerBudgets.project.pictureAdded",
  imageRemoved: "officerBudgets.project.pictureRemoved",
  reviewed: "officerBudgets.project.reviewed",
} as const satisfies Record<string, MessageKey>;

async function load(context: Route.LoaderArgs["context"], request: Request, params: Route.LoaderArgs["params"]) {
  const officer = await requireOfficerProcess(context, request, params);
  const result = await getProjectForOfficer(context.services, officer.actor, {
    councilId: officer.council.id,
    processId: officer.process.id,
    projectId: params.project,
  });
  if (!result.ok) notFound();
  return { ...officer, project: result.value };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, process: p, base, project } = await load(context, request, params);
  const url = new URL(request.url);
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((k) => url.searchParams.has(k)) ?? null;
  const options = await projectFormOptions(context, council, p);
  const budget = options.budgets.find((b) => b.id === project.budgetId);
  return {
    base,
    phase: p.phase,
    editable: canEditProjects(p.phase),
    reviewable: canReviewProjects(p.phase),
    ...options,
    notice,
    project: {
      id: project.id,
      reference: project.reference,
      title: project.title,
      status: project.status,
      feasibilityReason: project.feasibilityReason,
      cost: formatPence(project.costPence),
      budget: budget ? `${budget.name} (${budget.amount})` : "",
      ward: project.wardCode ? (options.wards.find((w) => w.code === project.wardCode)?.name ?? project.wardCode) : null,
      locationText: project.locationText,
      idea: project.idea,
      images: project.images.map((i) => ({ id: i.id, altText: i.altText })),
    },
    values: projectToValues(project),
  };
}

type Intent = "save" | "add_image" | "remove_image" | "review";

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale, process: p, base, project } = await load(context, request, params);
  const here = `${base}/projects/${project.id}`;
  const read = await readLimitedForm(request, MAX_BODY);
  if (!read.ok) {
    if (read.status === 400) badRequest();
    return data({ intent: "add_image" as Intent, values: null, errors: { image: fieldErrorMessage("image", "file_too_large", locale) } }, { status: 413 });
  }
  const form = read.form;
  const intent = String(form.get("intent") ?? "save") as Intent;
  const refused = (reason: "forbidden" | "not_found" | "phase_locked", at: string) => {
    if (reason === "forbidden") forbidden();
    if (reason === "not_found") notFound();
    return data({ intent, values: null, errors: { [at]: processMessage("phase_locked", locale, { phase: p.phase }) } }, { status: 409 });
  };

  if (intent === "add_image") {
    const result = await addProjectImage(context.services, actor, {
      councilId: council.id,
      projectId: project.id,
      bytes: await fileBytes(form.get("image")),
      altText: form.get("altText"),
    });
    if (result.ok) return redirect(`${here}?imageAdded#pictures`);
    if (result.reason === "invalid")
      return data({ intent, values: null, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, ["image", "altText"]) }, { status: 400 });
    return refused(result.reason, "image");
  }

  if (intent === "remove_image") {
    const result = await removeProjectImage(context.services, actor, { councilId: council.id, imageId: String(form.get("imageId") ?? "") });
    if (result.ok) return redirect(`${here}?imageRemoved#pictures`);
    return refused(result.reason, "image");
  }

  if (intent === "review") {
    const result = await reviewProject(context.services, actor, { councilId: council.id, projectId: project.id, decision: form.get("decision"), reason: form.get("reason") });
    if (result.ok) return redirect(`${here}?reviewed`);
    if (result.reason === "invalid")
      return data(
        {
          intent,
          values: { decision: String(form.get("decision") ?? ""), reason: String(form.get("reason") ?? "").slice(0, 3000) },
          errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, ["decision", "reason"]),
        },
        { status: 400 },
      );
    return refused(result.reason, "decision");
  }

  const { values, input } = readProjectForm(form);
  const result = await updateProject(context.services, actor, { councilId: council.id, projectId: project.id, budgetId: values.budgetId, ...input });
  if (result.ok) return redirect(`${here}?${result.value.reviewReset ? "reset" : "saved"}`);
  if (result.reason === "invalid")
    return data({ intent, values, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, PROJECT_FIELD_ORDER) }, { status: 400 });
  if (result.reason === "unknown_outcome") return data({ intent, values, errors: { outcomes: processMessage("unknown_outcome", locale) } }, { status: 400 });
  return refused(result.reason, "title");
}

export default function ProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { project, base, editable, reviewable, notice } = loaderData;
  const errors: Record<string, string> | undefined = actionData?.errors;
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? errors : undefined);
  const saveValues = actionData?.intent === "save" && actionData.values && "title" in actionData.values ? actionData.values : loaderData.values;
  const reviewValues = actionData?.intent === "review" && actionData.values && "decision" in actionData.values ? actionData.values : null;
  const here = `${base}/projects/${project.id}`;
  return (
    <Page title={`${project.reference}: ${project.title}`} errors={errors} backHref={base}>
      {notice ? <NotificationBanner kind="success">{t(NOTICES[notice], { reference: project.reference })}</NotificationBanner> : null}
      <SummaryList
        rows={[
          { key: t("officerBudgets.project.status"), value: <strong>{t(`officerBudgets.status.${project.status}` as MessageKey)}</strong> },
          ...(project.feasibilityReason ? [{ key: t("officerBudgets.process.reason"), value: project.feasibilityReason }] : []),
          { key: t("officerBudgets.process.cost"), value: project.cost },
          { key: t("officerBudgets.project.budget"), value: project.budget },
          ...(project.ward ? [{ key: t("officerBudgets.ideas.ward"), value: project.ward }] : []),
          ...(project.locationText ? [{ key: t("officerBudgets.project.location"), value: project.locationText }] : []),
          ...(project.idea ? [{ key: t("officerBudgets.project.fromIdea"), value: <a href={`${base}/ideas/${project.idea.id}`}>{project.idea.title}</a> }] : []),
        ]}
      />

      {reviewable ? (
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t("officerBudgets.project.review")}</h2>
          <Form method="post" action={here} noValidate>
            <input type="hidden" name="intent" value="review" />
            <Radios
              name="decision"
              legend={t("officerBudgets.project.decision")}
              error={errorsFor("review")?.decision}
              value={reviewValues?.decision ?? (project.status === "feasible" || project.status === "not_feasible" ? project.status : undefined)}
              options={[
                { value: "feasible", label: t("officerBudgets.project.feasible"), hint: t("officerBudgets.project.feasibleHint") },
                { value: "not_feasible", label: t("officerBudgets.project.notFeasible"), hint: t("officerBudgets.project.notFeasibleHint") },
              ]}
            />
            <TextArea
              name="reason"
              label={t("officerBudgets.project.reason")}
              hint={t("officerBudgets.project.reasonHint")}
              defaultValue={reviewValues?.reason ?? project.feasibilityReason ?? ""}
              error={errorsFor("review")?.reason}
              rows={3}
            />
            <Button>{t("officerBudgets.project.saveReview")}</Button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="pictures" className="mb-8">
        <h2 id="pictures" tabIndex={-1}>
          {t("officerBudgets.project.pictures")}
        </h2>
        {project.images.length === 0 ? <p>{t("officerBudgets.project.noPictures")}</p> : null}
        <ul className="mb-6 list-none">
          {project.images.map((image) => (
            <li key={image.id} className="mb-6 border-b border-border pb-4">
              <img src={`${base}/images/${image.id}`} alt={image.altText} className="mb-2 block max-h-60 max-w-full" />
              <p className="text-secondary">{t("officerBudgets.project.altTextShown", { alt: image.altText })}</p>
              {editable ? (
                <Form method="post" action={here} noValidate>
                  <input type="hidden" name="intent" value="remove_image" />
                  <input type="hidden" name="imageId" value={image.id} />
                  <Button variant="secondary" className="!mb-0">
                    {t("officerBudgets.project.removePicture")}
                    <span className="sr-only">: {image.altText}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {editable ? (
          <Form method="post" action={here} encType="multipart/form-data" noValidate>
            <h3>{t("officerBudgets.project.addPicture")}</h3>
            <input type="hidden" name="intent" value="add_image" />
            <FileUpload
              name="image"
              label={t("officerBudgets.project.image")}
              hint={t("officerBudgets.project.imageHint")}
              error={errorsFor("add_image")?.image}
              accept="image/jpeg,image/png,image/webp"
            />
            <TextInput
              name="altText"
              label={t("officerBudgets.project.altText")}
              hint={t("officerBudgets.project.altTextHint")}
              error={errorsFor("add_image")?.altText}
            />
            <Button variant="secondary">{t("officerBudgets.project.upload")}</Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t("officerBudgets.project.details")}</h2>
        {editable ? (
          <Form method="post" action={here} noValidate>
            <input type="hidden" name="intent" value="save" />
            <ProjectFields
              values={saveValues}
              errors={errorsFor("save")}
              budgets={loaderData.budgets}
              wards={loaderData.wards}
              frameworks={loaderData.frameworks}
              frameworksHref={loaderData.frameworksHref}
            />
            <Button>{t("officerBudgets.project.save")}</Button>
          </Form>
        ) : (
          <InsetText>{t("officerBudgets.project.locked")}</InsetText>
        )}
      </section>
    </Page>
  );
}
