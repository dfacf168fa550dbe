import { Form, redirect } from "react-router";
import type { Route } from "./+types/sign-in.code";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { sessionCookie } from "~/server/accounts/cookies.server.ts";
import { verifySignInCode } from "~/server/accounts/sign-in-codes.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil, safeReturnTo } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireCouncil(context.services, params.council);
  const url = new URL(request.url);
  return {
    email: (url.searchParams.get("email") ?? "").slice(0, 320),
    returnTo: safeReturnTo(url.searchParams.get("returnTo"), ""),
    outbox: context.services.mailer.kind === "outbox",
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const form = await readForm(request);
  const result = await verifySignInCode(context.services, {
    email: (form.email ?? "").slice(0, 320),
    code: (form.code ?? "").slice(0, 32),
    ip: context.clientAddress,
    councilId: council.id,
    locale,
  });
  if (!result.ok) return formProblem({ errors: { code: accountsMessage(result.reason, locale, result.detail) } }, accountsStatus(result.reason));
  context.services.logger.info({ requestId: context.requestId, accountId: result.value.accountId }, "resident signed in");
  return redirect(safeReturnTo(form.returnTo, `/${council.slug}`), {
    headers: { "Set-Cookie": sessionCookie(context.services.config, result.value.token, result.value.expiresAt, context.services.now()) },
  });
}

export default function SignInCode({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("signIn.code.title")} errors={actionData?.errors}>
      <p>{t("signIn.code.lead", { email: loaderData.email })}</p>
      {loaderData.outbox ? (
        <InsetText>
          <a href="/dev/outbox">{t("signIn.demoNotice")}</a>
        </InsetText>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="email" value={loaderData.email} />
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        <TextInput
          name="code"
          label={t("signIn.code.label")}
          hint={t("signIn.code.hint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          width="5"
          error={actionData?.errors.code}
        />
        <Button>{t("signIn.code.submit")}</Button>
      </Form>
      <p>
        <a href={`/${params.council}/sign-in`}>{t("signIn.code.resend")}</a>
      </p>
    </Page>
  );
}
