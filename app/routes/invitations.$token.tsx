// A member of staff accepts an emailed invitation by choosing a password; then they sign in
// (password + TOTP enrolment) like any other member of staff.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/invitations.$token";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { acceptInvitation, describeInvitation } from "~/server/accounts/invitations.server.ts";
import { councilSlugById } from "~/server/places/councils.server.ts";
import { formProblem, getLocale, readForm } from "~/server/http/request.server.ts";

// The URL carries the invitation token: never sent to another site. "same-origin" rather than
// "no-referrer", because with no referrer at all a browser posts the form with `Origin: null`,
// which the cross-site request check rightly refuses.
export function headers() {
  return { "Cache-Control": "no-store", "Referrer-Policy": "same-origin" };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const invitation = await describeInvitation(context.services, params.token.slice(0, 200));
  if (!invitation.ok) return { invalid: true as const };
  const locale = getLocale(request);
  const { email, role, councilName, councilNameCy } = invitation.value;
  return { invalid: false as const, email, role, councilName: locale === "cy" && councilNameCy ? councilNameCy : councilName };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const locale = getLocale(request);
  const form = await readForm(request);
  const displayName = (form.displayName ?? "").slice(0, 200);
  const result = await acceptInvitation(context.services, {
    token: params.token.slice(0, 200),
    password: (form.password ?? "").slice(0, 1024),
    displayName,
  });
  if (result.ok) return redirect(`/${await councilSlugById(context.services, result.value.councilId)}/staff/sign-in`);
  const message = accountsMessage(result.reason, locale, result.detail);
  const field = result.reason === "invalid_display_name" ? "displayName" : "password";
  const errors: Partial<Record<"displayName" | "password", string>> = { [field]: message };
  return formProblem({ displayName, errors });
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  if (loaderData.invalid)
    return (
      <Page title={t("invitation.title")}>
        <p>{t("invitation.invalid")}</p>
      </Page>
    );
  return (
    <Page title={t("invitation.title")} errors={actionData?.errors}>
      <p>{t("invitation.lead", { council: loaderData.councilName, role: t(`role.${loaderData.role as "officer"}`) })}</p>
      <Form method="post" noValidate>
        <input type="text" name="username" autoComplete="username" value={loaderData.email} readOnly hidden />
        <TextInput name="displayName" label={t("invitation.name")} autoComplete="name" defaultValue={actionData?.displayName} error={actionData?.errors.displayName} />
        <TextInput name="password" type="password" label={t("invitation.password")} hint={t("invitation.passwordHint")} autoComplete="new-password" error={actionData?.errors.password} width="20" />
        <Button>{t("invitation.submit")}</Button>
      </Form>
    </Page>
  );
}
