// Residents' ideas for a budget process: the ideas so far and what became of them, and — in the
// ideas phase — "Suggest an idea" for signed-in residents (everyone else gets a sign-in link).
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/budgets.$process.ideas";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner } from "~/components/ui/panels.tsx";
import { Select } from "~/components/ui/select.tsx";
import { TextArea, TextInput } from "~/components/ui/text-input.tsx";
import { can } from "~/domain/accounts/permissions.ts";
import { ideaMessage } from "~/domain/budgeting/ballot-messages.ts";
import { canSubmitIdeas } from "~/domain/budgeting/idea.ts";
import { wordFieldErrors } from "~/domain/budgeting/process-form.ts";
import type { FieldErrors } from "~/domain/budgeting/process.ts";
import { listIdeas, submitIdea } from "~/server/budgeting/ideas.server.ts";
import { getProcess } from "~/server/budgeting/processes.server.ts";
import { getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";
import { requireActor } from "~/server/http/auth.server.ts";
import { listWards } from "~/server/places/places.server.ts";
import type { RequestContext } from "~/server/context.server.ts";

async function publicProcess(context: RequestContext, request: Request, params: { council?: string; process?: string }) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getProcess(context.services, context.auth.actor, { councilId: council.id, slugOrId: params.process ?? "" });
  // Officers may see drafts elsewhere; a draft has no public ideas page.
  if (!result.ok || result.value.phase === "draft") notFound();
  return { council, process: result.value, locale: getLocale(request) };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, process: p, locale } = await publicProcess(context, request, params);
  const actor = context.auth.actor;
  const [ideas, wards] = await Promise.all([
    listIdeas(context.services, actor, { councilId: council.id, processId: p.id, scope: "public" }),
    listWards(context.services, council.id),
  ]);
  if (!ideas.ok) notFound();
  const url = new URL(request.url);
  return {
    title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
    processPath: `/${council.slug}/budgets/${p.slug}`,
    open: canSubmitIdeas(p.phase),
    viewer: !actor ? ("signed_out" as const) : can(actor.roles, council.id, "participate") ? ("resident" as const) : ("other" as const),
    signInHref: `/${council.slug}/sign-in?returnTo=${encodeURIComponent(url.pathname)}`,
    sent: url.searchParams.has("sent"),
    wards: wards.map((w) => ({ code: w.code, name: w.name })),
    ideas: ideas.value.map((i) => ({
      id: i.id,
      title: i.title,
      description: i.description,
      ward: i.wardName,
      status: i.status,
      mine: i.mine,
      response: i.response,
      project: i.project && { reference: i.project.reference, title: i.project.title },
    })),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, process: p, locale } = await publicProcess(context, request, params);
  const actor = requireActor(context, request, council.slug);
  const form = await readForm(request);
  const values = { title: form.title?.slice(0, 500) ?? "", description: form.description?.slice(0, 5000) ?? "", wardCode: form.wardCode?.slice(0, 20) ?? "" };
  const result = await submitIdea(context.services, actor, { councilId: council.id, processId: p.id, ...values });
  if (result.ok) return redirect(`${new URL(request.url).pathname}?sent#ideas`);
  switch (result.reason) {
    case "invalid":
      return data({ values, errors: wordFieldErrors((result.detail as { fieldErrors: FieldErrors }).fieldErrors, locale, ["title", "description", "wardCode"]) }, { status: 400 });
    case "not_found":
      return notFound();
    case "too_many_ideas":
      return data({ values, errors: { title: ideaMessage("too_many_ideas", locale, result.detail as { limit: number }) } }, { status: 409 });
    case "ideas_closed":
      return data({ values, errors: { title: ideaMessage("ideas_closed", locale) } }, { status: 409 });
    default:
      return data({ values, errors: { title: ideaMessage(result.reason, locale) } }, { status: 403 });
  }
}

export default function ResidentIdeas({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { ideas, viewer, open } = loaderData;
  const errors: Record<string, string> | undefined = actionData?.errors;
  return (
    <Page title={t("officerBudgets.residentIdeas.title", { process: loaderData.title })} errors={errors} backHref={loaderData.processPath}>
      {loaderData.sent ? <NotificationBanner kind="success">{t("officerBudgets.residentIdeas.sent")}</NotificationBanner> : null}
      <p className="text-xl">{t("officerBudgets.residentIdeas.lead")}</p>

      <section aria-labelledby="suggest">
        <h2 id="suggest">{t("officerBudgets.residentIdeas.suggest")}</h2>
        {!open ? (
          <InsetText>{t("officerBudgets.residentIdeas.closed")}</InsetText>
        ) : viewer === "signed_out" ? (
          <>
            <p>{t("officerBudgets.residentIdeas.signInLead")}</p>
            <p>
              <a href={loaderData.signInHref} className="font-bold">
                {t("officerBudgets.residentIdeas.signIn")}
              </a>
            </p>
          </>
        ) : viewer === "other" ? (
          <InsetText>{t("officerBudgets.residentIdeas.staff")}</InsetText>
        ) : (
          <Form method="post" noValidate>
            <TextInput
              name="title"
              label={t("officerBudgets.residentIdeas.ideaTitle")}
              hint={t("officerBudgets.residentIdeas.ideaTitleHint")}
              defaultValue={actionData?.values.title}
              error={errors?.title}
            />
            <TextArea
              name="description"
              label={t("officerBudgets.residentIdeas.ideaDescription")}
              hint={t("officerBudgets.residentIdeas.ideaDescriptionHint")}
              defaultValue={actionData?.values.description}
              error={errors?.description}
            />
            <Select
              name="wardCode"
              label={t("officerBudgets.residentIdeas.ideaWard")}
              defaultValue={actionData?.values.wardCode ?? ""}
              error={errors?.wardCode}
              options={[{ value: "", label: t("officerBudgets.residentIdeas.anyWard") }, ...loaderData.wards.map((w) => ({ value: w.code, label: w.name }))]}
            />
            <Button>{t("officerBudgets.residentIdeas.send")}</Button>
          </Form>
        )}
      </section>

      <section aria-labelledby="ideas">
        <h2 id="ideas" tabIndex={-1}>
          {t("officerBudgets.residentIdeas.listTitle")}
        </h2>
        {ideas.length === 0 ? <p>{t("officerBudgets.residentIdeas.none")}</p> : null}
        <ul className="list-none">
          {ideas.map((i) => (
            <li key={i.id} className="mb-6 border-b border-border pb-4">
              <h3 className="mb-2">{i.title}</h3>
              {i.mine ? <p className="mb-2 font-bold">{t("officerBudgets.residentIdeas.yours")}</p> : null}
              <p className="whitespace-pre-line">{i.description}</p>
              {i.ward ? <p className="text-secondary">{t("officerBudgets.residentIdeas.forWard", { ward: i.ward })}</p> : null}
              {i.status === "accepted" && i.project ? (
                <p>
                  {t("officerBudgets.residentIdeas.nowProject")}{" "}
                  <a href={`${loaderData.processPath}/projects/${i.project.reference}`}>{`${i.project.reference}: ${i.project.title}`}</a>
                </p>
              ) : i.status === "declined" ? (
                <InsetText>
                  <p className="mb-1">{t("officerBudgets.residentIdeas.notTaken")}</p>
                  <p className="mb-0">{i.response}</p>
                </InsetText>
              ) : (
                <p className="text-secondary">{t("officerBudgets.residentIdeas.waiting")}</p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
