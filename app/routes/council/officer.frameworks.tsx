// Officers choose which outcome frameworks their council maps community input to.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/officer.frameworks";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Checkboxes } from "~/components/ui/choices.tsx";
import { NotificationBanner } from "~/components/ui/panels.tsx";
import { reasonMessage } from "~/domain/frameworks/messages.ts";
import { chooseFrameworks, listFrameworksForCouncil } from "~/server/frameworks/frameworks.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { badRequest, getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePermission(context, request, council, "frameworks.manage");
  const result = await listFrameworksForCouncil(context.services, council.id);
  if (!result.ok) notFound();
  const locale = getLocale(request);
  return {
    councilName: locale === "cy" && council.nameCy ? council.nameCy : council.name,
    saved: new URL(request.url).searchParams.has("saved"),
    frameworks: result.value.map((f) => {
      const latest = f.versions.find((v) => v.id === f.latestPublishedVersionId);
      return {
        id: f.id,
        name: locale === "cy" && f.nameCy ? f.nameCy : f.name,
        builtin: f.builtin,
        choiceVersionId: f.inUseVersionId ?? f.latestPublishedVersionId,
        inUse: f.inUseVersionId !== null,
        version: latest?.version ?? null,
        nodeCount: latest?.nodeCount ?? 0,
        provisionalCount: latest ? latest.nodeCount - latest.verifiedCount : 0,
        linkVersionId: f.draftVersionId ?? f.latestPublishedVersionId ?? f.versions[0]?.id ?? null,
      };
    }),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor, roles } = requirePermission(context, request, council, "frameworks.manage");
  // A body that is not a form is a 400; read as "nothing ticked" it would clear the choice.
  const form = await request.formData().catch(() => badRequest());
  const versionIds = form.getAll("versions").filter((v): v is string => typeof v === "string").slice(0, 100);
  const result = await chooseFrameworks(context.services, { accountId: actor.account.id, councilId: council.id, roles }, versionIds);
  if (!result.ok) return { error: reasonMessage(result.reason, getLocale(request)) };
  return redirect(`/${council.slug}/officer/frameworks?saved`);
}

type FrameworkRow = Route.ComponentProps["loaderData"]["frameworks"][number];

export default function Frameworks({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const describe = (f: FrameworkRow) =>
    [
      f.version ? t("frameworks.version", { version: f.version }) : null,
      t("frameworks.nodes", { count: f.nodeCount }),
      f.provisionalCount ? `${f.provisionalCount} ${t("frameworks.provisional")}` : null,
    ]
      .filter(Boolean)
      .join(" · ");
  const choosable = loaderData.frameworks.filter((f) => f.choiceVersionId);
  return (
    <Page title={t("frameworks.title")} errors={actionData?.error ? { versions: actionData.error } : undefined}>
      {loaderData.saved ? <NotificationBanner kind="success">{t("frameworks.saved")}</NotificationBanner> : null}
      <p>{t("frameworks.lead", { council: loaderData.councilName })}</p>
      <Form method="post" noValidate>
        <Checkboxes
          name="versions"
          legend={t("frameworks.use")}
          error={actionData?.error}
          value={choosable.filter((f) => f.inUse).map((f) => f.choiceVersionId!)}
          options={choosable.map((f) => ({ value: f.choiceVersionId!, label: f.name, hint: describe(f) }))}
        />
        <Button>{t("common.save")}</Button>
      </Form>
      <h2>{t("frameworks.builtIn")}</h2>
      <FrameworkLinks council={params.council} frameworks={loaderData.frameworks.filter((f) => f.builtin)} describe={describe} />
      <h2>{t("frameworks.own")}</h2>
      <FrameworkLinks council={params.council} frameworks={loaderData.frameworks.filter((f) => !f.builtin)} describe={describe} />
      <p>
        <a href={`/${params.council}/officer/frameworks/new`} className="font-bold">
          {t("frameworks.new")}
        </a>
      </p>
    </Page>
  );
}

function FrameworkLinks({
  council,
  frameworks,
  describe,
}: {
  council: string;
  frameworks: FrameworkRow[];
  describe: (f: FrameworkRow) => string;
}) {
  return (
    <ul className="mb-8 list-disc pl-6">
      {frameworks.map((f) => (
        <li key={f.id} className="mb-2">
          {f.linkVersionId ? <a href={`/${council}/officer/frameworks/${f.linkVersionId}`}>{f.name}</a> : f.name}{" "}
          <span className="text-secondary">{describe(f)}</span>
        </li>
      ))}
    </ul>
  );
}
