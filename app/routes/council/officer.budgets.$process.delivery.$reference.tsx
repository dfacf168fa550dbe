// One selected project's delivery: status, percent complete, spend and the public note in one
// form; milestones listed with "mark complete" buttons; and a form to add a milestone.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.delivery.$reference";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { ErrorMessage } from "~/components/ui/error-summary.tsx";
import { InsetText, NotificationBanner, SummaryList, Table } from "~/components/ui/panels.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import type { DeliveryFieldErrors } from "~/domain/budgeting/delivery.ts";
import { formatPence, penceToInput } from "~/domain/budgeting/money.ts";
import { deliveryFieldMessage, deliveryMessage, formatDay } from "~/domain/budgeting/paper-messages.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { addMilestone, completeMilestone, getProjectDelivery, updateDelivery } from "~/server/budgeting/delivery.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await getProjectDelivery(context.services, actor, { councilId: council.id, process: params.process, reference: params.reference });
  if (!result.ok) notFound();
  const locale = getLocale(request);
  const { process, project, milestones, refusal } = result.value;
  return {
    process: { slug: process.slug, title: process.title },
    project: {
      reference: project.reference,
      title: project.title,
      budgetName: project.budgetName,
      cost: formatPence(project.costPence),
      status: project.status,
      percent: project.percentComplete,
      spent: project.spentPence === null ? null : formatPence(project.spentPence),
      updated: project.deliveryUpdatedAt ? formatDay(project.deliveryUpdatedAt, locale) : null,
    },
    // What the update form starts from: the stored values, as typed.
    values: {
      status: project.status === "delivered" ? "delivered" : "in_delivery",
      percentComplete: project.percentComplete === null ? "" : String(project.percentComplete),
      spent: project.spentPence === null ? "" : penceToInput(project.spentPence),
      note: project.deliveryNote ?? "",
    },
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      due: m.dueOn ? formatDay(m.dueOn, locale, "calendar") : null,
      completed: m.completedOn ? formatDay(m.completedOn, locale, "calendar") : null,
    })),
    refusal: refusal ? deliveryMessage(refusal, locale) : null,
    notice: new URL(request.url).searchParams.get("done"),
  };
}

function worded(fieldErrors: DeliveryFieldErrors, locale: Locale, order: readonly string[]): Record<string, string> {
  return Object.fromEntries(order.filter((f) => fieldErrors[f]).map((f) => [f, deliveryFieldMessage(f, fieldErrors[f]!, locale)]));
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const locale = getLocale(request);
  const form = await readForm(request);
  const here = `/${council.slug}/officer/budgets/${params.process}/delivery/${encodeURIComponent(params.reference)}`;
  const ref = { councilId: council.id, process: params.process, reference: params.reference };
  const conflict = (form: "update" | "milestone" | "complete", reason: Parameters<typeof deliveryMessage>[0], fields: Record<string, string>) => {
    if (reason === "not_found") notFound();
    return data({ form, fields, errors: { conflict: deliveryMessage(reason, locale) } as Record<string, string> }, { status: 409 });
  };

  if (form.intent === "complete") {
    const result = await completeMilestone(context.services, actor, { ...ref, milestoneId: (form.milestoneId ?? "").slice(0, 64) });
    if (result.ok) return redirect(`${here}?done=completed`);
    return conflict("complete", result.reason as Parameters<typeof deliveryMessage>[0], {});
  }
  if (form.intent === "milestone") {
    const fields = { title: form.title ?? "", dueDay: form.dueDay ?? "", dueMonth: form.dueMonth ?? "", dueYear: form.dueYear ?? "" };
    const result = await addMilestone(context.services, actor, { ...ref, ...fields });
    if (result.ok) return redirect(`${here}?done=milestone`);
    if (result.reason === "invalid") return data({ form: "milestone" as const, fields, errors: worded(result.detail.fieldErrors, locale, ["title", "dueOn"]) }, { status: 400 });
    return conflict("milestone", result.reason, fields);
  }
  const fields = { status: form.status ?? "", percentComplete: form.percentComplete ?? "", spent: form.spent ?? "", note: form.note ?? "" };
  const result = await updateDelivery(context.services, actor, { ...ref, ...fields });
  if (result.ok) return redirect(`${here}?done=updated`);
  if (result.reason === "invalid")
    return data({ form: "update" as const, fields, errors: worded(result.detail.fieldErrors, locale, ["status", "percentComplete", "spent", "note"]) }, { status: 400 });
  return conflict("update", result.reason, fields);
}

export default function ProjectDelivery({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, project, milestones } = loaderData;
  const errors = actionData?.errors as Record<string, string | undefined> | undefined;
  const posted = (actionData?.fields ?? {}) as Record<string, string | undefined>;
  const update = actionData?.form === "update" ? posted : loaderData.values;
  const milestoneFields = actionData?.form === "milestone" ? posted : {};
  const notices: Record<string, string> = { updated: t("delivery.saved"), milestone: t("delivery.milestoneAdded"), completed: t("delivery.milestoneCompleted") };
  const notice = loaderData.notice ? notices[loaderData.notice] : undefined;
  const statusName = (s: string) => t(`delivery.status.${s as "selected"}`);
  const dueError = errors?.dueOn;

  return (
    <Page title={`${project.reference}: ${project.title}`} errors={errors} backHref={`/${params.council}/officer/budgets/${process.slug}/delivery`}>
      {notice ? <NotificationBanner kind="success">{notice}</NotificationBanner> : null}
      <p className="text-secondary">{process.title}</p>
      {errors?.conflict ? (
        <div id="conflict" tabIndex={-1}>
          <InsetText>{errors.conflict}</InsetText>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: t("delivery.budget"), value: project.budgetName },
          { key: t("delivery.cost"), value: project.cost },
          { key: t("delivery.status"), value: statusName(project.status) },
          { key: t("delivery.complete"), value: project.percent === null ? t("delivery.notRecorded") : `${project.percent}%` },
          { key: t("delivery.spent"), value: project.spent ?? t("delivery.notRecorded") },
          { key: t("delivery.updated"), value: project.updated ?? t("delivery.never") },
        ]}
      />

      {loaderData.refusal ? (
        <InsetText>{loaderData.refusal}</InsetText>
      ) : (
        <>
          <h2>{t("delivery.updateHeading")}</h2>
          {/* Keyed by the values shown, so a saved or refused update re-renders its fields with JavaScript too. */}
          <Form key={JSON.stringify(update)} method="post" noValidate>
            <input type="hidden" name="intent" value="update" />
            <Radios
              name="status"
              legend={t("delivery.form.status")}
              value={update.status}
              error={errors?.status}
              options={[
                { value: "in_delivery", label: t("delivery.form.inDelivery"), hint: t("delivery.form.inDeliveryHint") },
                { value: "delivered", label: t("delivery.form.delivered"), hint: t("delivery.form.deliveredHint") },
              ]}
            />
            <TextInput
              name="percentComplete"
              label={t("delivery.form.percent")}
              hint={t("delivery.form.percentHint")}
              inputMode="numeric"
              width="5"
              defaultValue={update.percentComplete}
              error={errors?.percentComplete}
            />
            <TextInput name="spent" label={t("delivery.form.spent")} hint={t("delivery.form.spentHint")} width="10" defaultValue={update.spent} error={errors?.spent} />
            <TextArea name="note" label={t("delivery.form.note")} hint={t("delivery.form.noteHint")} defaultValue={update.note} error={errors?.note} />
            <Button>{t("delivery.form.submit")}</Button>
          </Form>
        </>
      )}

      {milestones.length === 0 ? (
        <>
          <h2>{t("delivery.milestonesCaption")}</h2>
          <p className="mb-8">{t("delivery.noMilestones")}</p>
        </>
      ) : (
        <Table
          caption={t("delivery.milestonesCaption")}
          head={[t("delivery.milestone"), t("delivery.due"), t("delivery.completed")]}
          rows={milestones.map((m) => [
            m.title,
            m.due ?? t("delivery.noDate"),
            m.completed ??
              (loaderData.refusal ? (
                t("delivery.notYet")
              ) : (
                <Form key="complete" method="post" noValidate>
                  <input type="hidden" name="intent" value="complete" />
                  <input type="hidden" name="milestoneId" value={m.id} />
                  <span className="mr-3">{t("delivery.notYet")}</span>
                  <Button variant="secondary" className="!mb-0">
                    {t("delivery.markComplete")}
                    <span className="sr-only"> {m.title}</span>
                  </Button>
                </Form>
              )),
          ])}
        />
      )}

      {loaderData.refusal ? null : (
        <>
          <h2>{t("delivery.addHeading")}</h2>
          <Form key={`${milestones.length}-${JSON.stringify(milestoneFields)}`} method="post" noValidate>
            <input type="hidden" name="intent" value="milestone" />
            <TextInput name="title" label={t("delivery.form.title")} hint={t("delivery.form.titleHint")} defaultValue={milestoneFields.title} error={errors?.title} />
            <div className={`mb-6 ${dueError ? "border-l-[5px] border-error pl-4" : ""}`}>
              <fieldset aria-describedby={`dueOn-hint${dueError ? " dueOn-error" : ""}`}>
                <legend className="mb-2 font-bold">{t("delivery.form.due")}</legend>
                <div id="dueOn-hint" className="mb-3 text-secondary">
                  {t("delivery.form.dueHint")}
                </div>
                <ErrorMessage id="dueOn-error">{dueError}</ErrorMessage>
                <div className="flex gap-4">
                  {(
                    [
                      ["dueDay", "dueOn", t("delivery.form.day"), "w-[5.4ex]"],
                      ["dueMonth", "dueOn-month", t("delivery.form.month"), "w-[5.4ex]"],
                      ["dueYear", "dueOn-year", t("delivery.form.year"), "w-[9ex]"],
                    ] as const
                  ).map(([name, id, label, width]) => (
                    <div key={name}>
                      <label htmlFor={id} className="mb-1 block">
                        {label}
                      </label>
                      <input
                        id={id}
                        name={name}
                        inputMode="numeric"
                        defaultValue={milestoneFields[name]}
                        aria-invalid={dueError ? true : undefined}
                        className={`h-10 border-2 ${dueError ? "border-error" : "border-input"} px-1 ${width}`}
                      />
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <Button>{t("delivery.form.add")}</Button>
          </Form>
        </>
      )}
    </Page>
  );
}
