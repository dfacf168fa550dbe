import { Form, redirect } from "react-router";
import type { Route } from "./+types/staff.two-factor";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { verifyTotp } from "~/server/accounts/totp.server.ts";
import { requirePendingStaffSession } from "~/server/http/auth.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil, safeReturnTo } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePendingStaffSession(context, council.slug);
  return { returnTo: safeReturnTo(new URL(request.url).searchParams.get("returnTo"), "") };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const session = requirePendingStaffSession(context, council.slug);
  const locale = getLocale(request);
  const form = await readForm(request);
  const result = await verifyTotp(context.services, { sessionId: session.session.id, code: (form.code ?? "").slice(0, 32) });
  if (!result.ok) return formProblem({ errors: { code: accountsMessage(result.reason, locale, result.detail) } }, accountsStatus(result.reason));
  context.services.logger.info({ requestId: context.requestId, accountId: session.account.id }, "staff signed in");
  return redirect(safeReturnTo(form.returnTo, `/${council.slug}`));
}

export default function TwoFactor({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("twoFactor.title")} errors={actionData?.errors}>
      <Form method="post" noValidate>
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        <TextInput name="code" label={t("twoFactor.code")} hint={t("twoFactor.hint")} inputMode="numeric" autoComplete="one-time-code" width="5" error={actionData?.errors.code} />
        <Button>{t("twoFactor.submit")}</Button>
      </Form>
      <p>
        <a href={`/${params.council}/staff/two-factor/recovery`}>{t("twoFactor.recoveryLink")}</a>
      </p>
    </Page>
  );
}
