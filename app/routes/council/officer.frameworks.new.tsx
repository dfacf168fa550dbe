import { redirect } from "react-router";
import type { Route } from "./+types/officer.frameworks.new";
import { FrameworkForm } from "~/components/frameworks/framework-form.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { reasonMessage } from "~/domain/frameworks/messages.ts";
import { draftFromForm, wordErrors } from "~/domain/frameworks/outline-form.ts";
import { createDraftFramework } from "~/server/frameworks/frameworks.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { formProblem, getLocale, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePermission(context, request, council, "frameworks.manage");
  return null;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor, roles } = requirePermission(context, request, council, "frameworks.manage");
  const locale = getLocale(request);
  const { fields, input } = draftFromForm(await readForm(request));
  const result = await createDraftFramework(context.services, { accountId: actor.account.id, councilId: council.id, roles }, input);
  if (result.ok) return redirect(`/${council.slug}/officer/frameworks/${result.value.versionId}?saved`);
  const errors = result.reason === "invalid" ? wordErrors(result.detail.fieldErrors, locale) : { name: reasonMessage(result.reason, locale) };
  return formProblem({ fields, errors }, result.reason === "invalid" ? 400 : 409);
}

export default function NewFramework({ actionData, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("frameworks.new")} errors={actionData?.errors} backHref={`/${params.council}/officer/frameworks`}>
      <FrameworkForm
        values={actionData?.fields ?? { name: "", slug: "", source: "", sourceUrl: "", outline: "" }}
        errors={actionData?.errors}
        slugLocked={false}
        submitLabel={t("frameworks.saveDraft")}
      />
    </Page>
  );
}
