// One framework version: its outcomes; for a council's own draft, the edit form and "publish";
// for its published version, "start a new version" (a published version never changes).
import { Form, redirect } from "react-router";
import type { Route } from "./+types/officer.frameworks.$versionId";
import { FrameworkForm } from "~/components/frameworks/framework-form.tsx";
import { OutcomeTree } from "~/components/frameworks/outcome-tree.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { reasonMessage } from "~/domain/frameworks/messages.ts";
import { formatOutline } from "~/domain/frameworks/outline.ts";
import { draftFromForm, wordErrors } from "~/domain/frameworks/outline-form.ts";
import { getFrameworkVersion, publishDraft, startNewVersion, updateDraft } from "~/server/frameworks/frameworks.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { formProblem, getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePermission(context, request, council, "frameworks.manage");
  const result = await getFrameworkVersion(context.services, council.id, params.versionId);
  if (!result.ok) notFound();
  const { framework, version, nodes } = result.value;
  const url = new URL(request.url);
  return {
    framework,
    version: { ...version, publishedAt: version.publishedAt?.toISOString().slice(0, 10) ?? null },
    nodes: nodes.map((n) => ({ slug: n.slug, parentSlug: n.parentSlug, name: n.name, verified: n.verified })),
    outline: formatOutline(nodes),
    notice: url.searchParams.has("published") ? "published" : url.searchParams.has("saved") ? "saved" : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor, roles } = requirePermission(context, request, council, "frameworks.manage");
  const who = { accountId: actor.account.id, councilId: council.id, roles };
  const locale = getLocale(request);
  const form = await readForm(request);
  const base = `/${council.slug}/officer/frameworks`;
  if (form.intent === "publish") {
    const result = await publishDraft(context.services, who, params.versionId);
    if (result.ok) return redirect(`${base}/${params.versionId}?published`);
    return formProblem({ fields: null, errors: result.reason === "invalid" ? wordErrors(result.detail.fieldErrors, locale) : { publish: reasonMessage(result.reason, locale) } }, result.reason === "invalid" ? 400 : 409);
  }
  if (form.intent === "new_version") {
    const result = await startNewVersion(context.services, who, params.versionId);
    if (result.ok) return redirect(`${base}/${result.value.versionId}`);
    if (result.reason === "draft_exists") return redirect(`${base}/${(result.detail as { versionId: string }).versionId}`);
    return formProblem({ fields: null, errors: { new_version: reasonMessage(result.reason, locale) } }, 409);
  }
  const { fields, input } = draftFromForm(form);
  const result = await updateDraft(context.services, who, params.versionId, input);
  if (result.ok) return redirect(`${base}/${params.versionId}?saved`);
  return formProblem({ fields, errors: result.reason === "invalid" ? wordErrors(result.detail.fieldErrors, locale) : { name: reasonMessage(result.reason, locale) } }, result.reason === "invalid" ? 400 : 409);
}

export default function FrameworkVersion({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { framework, version, nodes, notice } = loaderData;
  const editable = !framework.builtin && version.status === "draft";
  return (
    <Page title={`${framework.name} – ${t("frameworks.version", { version: version.version })}`} errors={actionData?.errors} backHref={`/${params.council}/officer/frameworks`}>
      {notice === "published" ? <NotificationBanner kind="success">{t("frameworks.published", { version: version.version })}</NotificationBanner> : null}
      {notice === "saved" ? <NotificationBanner kind="success">{t("frameworks.draftSaved")}</NotificationBanner> : null}
      <SummaryList
        rows={[
          { key: t("frameworks.status"), value: version.status === "draft" ? t("frameworks.status.draft") : t("frameworks.status.published") },
          { key: t("frameworks.source"), value: version.sourceUrl ? <a href={version.sourceUrl}>{version.source || version.sourceUrl}</a> : version.source || "–" },
        ]}
      />
      {editable ? (
        <>
          <FrameworkForm
            values={
              actionData?.fields
                ? actionData.fields
                : { name: framework.name, slug: framework.slug, source: version.source, sourceUrl: version.sourceUrl ?? "", outline: loaderData.outline }
            }
            errors={actionData?.errors}
            slugLocked
            submitLabel={t("frameworks.saveDraft")}
          />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="publish" />
            <Button id="publish" variant="secondary">
              {t("frameworks.publish")}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <h2>{t("frameworks.editNodes")}</h2>
          <OutcomeTree nodes={nodes} />
          {!framework.builtin ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="new_version" />
              <Button id="new_version" variant="secondary">
                {t("frameworks.newVersion")}
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </Page>
  );
}
