import { Form, redirect } from "react-router";
import type { Route } from "./+types/staff.two-factor.recovery";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { useRecoveryCode } from "~/server/accounts/totp.server.ts";
import { requirePendingStaffSession } from "~/server/http/auth.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePendingStaffSession(context, council.slug);
  return null;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const session = requirePendingStaffSession(context, council.slug);
  const locale = getLocale(request);
  const form = await readForm(request);
  const result = await useRecoveryCode(context.services, { sessionId: session.session.id, code: (form.code ?? "").slice(0, 64) });
  if (!result.ok) return formProblem({ errors: { code: accountsMessage(result.reason, locale, result.detail) } }, accountsStatus(result.reason));
  return redirect(`/${council.slug}`);
}

export default function Recovery({ actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("twoFactor.recovery.title")} errors={actionData?.errors}>
      <Form method="post" noValidate>
        <TextInput name="code" label={t("twoFactor.recovery.label")} hint={t("twoFactor.recovery.hint")} autoComplete="off" spellCheck={false} width="10" error={actionData?.errors.code} />
        <Button>{t("twoFactor.submit")}</Button>
      </Form>
    </Page>
  );
}
