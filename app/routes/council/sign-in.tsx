// Residents sign in with an emailed one-time code. The reply is the same whether or not the
// address has an account.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/sign-in";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { requestSignInCode } from "~/server/accounts/sign-in-codes.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil, safeReturnTo } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireCouncil(context.services, params.council);
  return { returnTo: safeReturnTo(new URL(request.url).searchParams.get("returnTo"), "") };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const form = await readForm(request);
  const email = form.email?.trim().slice(0, 320) ?? "";
  const result = await requestSignInCode(context.services, { email, ip: context.clientAddress, locale, councilName: council.name });
  if (!result.ok) return formProblem({ email, errors: { email: accountsMessage(result.reason, locale, result.detail) } }, accountsStatus(result.reason));
  const query = new URLSearchParams({ email: result.value.email });
  const returnTo = safeReturnTo(form.returnTo, "");
  if (returnTo) query.set("returnTo", returnTo);
  return redirect(`/${council.slug}/sign-in/code?${query}`);
}

export default function SignIn({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("signIn.title")} errors={actionData?.errors}>
      <p>{t("signIn.lead")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        <TextInput
          name="email"
          type="email"
          label={t("signIn.email")}
          hint={t("signIn.emailHint")}
          autoComplete="email"
          spellCheck={false}
          defaultValue={actionData?.email}
          error={actionData?.errors.email}
        />
        <Button>{t("signIn.submit")}</Button>
      </Form>
      <p>
        <a href={`/${params.council}/staff/sign-in`}>{t("signIn.staffLink")}</a>
      </p>
    </Page>
  );
}
