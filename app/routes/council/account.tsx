import { Form, redirect } from "react-router";
import type { Route } from "./+types/account";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { SummaryList } from "~/components/ui/panels.tsx";
import { blankSessionCookie } from "~/server/accounts/cookies.server.ts";
import { signOutEverywhere } from "~/server/accounts/sign-out.server.ts";
import { requireActor } from "~/server/http/auth.server.ts";
import { readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const actor = requireActor(context, request, council.slug);
  return {
    email: actor.account.email,
    roles: actor.roles.filter((r) => r.councilId === council.id).map((r) => r.role),
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const actor = requireActor(context, request, council.slug);
  const form = await readForm(request);
  if (form.intent !== "sign-out-everywhere") return { ok: false };
  await signOutEverywhere(context.services, { accountId: actor.account.id, councilId: council.id });
  return redirect(`/${council.slug}?signedOutEverywhere`, { headers: { "Set-Cookie": blankSessionCookie(context.services.config) } });
}

export default function Account({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("account.title")}>
      <SummaryList
        rows={[
          { key: t("account.email"), value: loaderData.email },
          { key: t("account.roles"), value: loaderData.roles.length ? loaderData.roles.map((r) => t(`role.${r}`)).join(", ") : t("account.noRoles") },
        ]}
      />
      <h2>{t("account.signOutEverywhere")}</h2>
      <p>{t("account.signOutEverywhereHint")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <Button variant="warning">{t("account.signOutEverywhere")}</Button>
      </Form>
    </Page>
  );
}
