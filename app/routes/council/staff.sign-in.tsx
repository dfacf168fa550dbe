// Staff (officers, moderators, panel members, admins): password, then a TOTP code.
import { Form, redirect } from "react-router";
import type { Route } from "./+types/staff.sign-in";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { sessionCookie } from "~/server/accounts/cookies.server.ts";
import { signInWithPassword } from "~/server/accounts/staff-auth.server.ts";
import { demoCredentials } from "~/server/demo/seed.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil, safeReturnTo } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const showDemo = council.isDemo && !context.services.config.isProduction;
  return {
    returnTo: safeReturnTo(new URL(request.url).searchParams.get("returnTo"), ""),
    demo: showDemo ? await demoCredentials(context.services) : [],
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const form = await readForm(request);
  const email = (form.email ?? "").trim().slice(0, 320);
  const result = await signInWithPassword(context.services, { email, password: (form.password ?? "").slice(0, 1024), ip: context.clientAddress });
  if (!result.ok) {
    context.services.logger.warn({ requestId: context.requestId, reason: result.reason }, "staff sign-in refused");
    const message = accountsMessage(result.reason, locale, result.detail);
    return formProblem({ email, errors: result.reason === "invalid_email" ? { email: message } : { password: message } }, accountsStatus(result.reason));
  }
  const next = result.value.needsTotpEnrolment ? "two-factor/setup" : "two-factor";
  const returnTo = safeReturnTo(form.returnTo, "");
  return redirect(`/${council.slug}/staff/${next}${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ""}`, {
    headers: { "Set-Cookie": sessionCookie(context.services.config, result.value.token, result.value.expiresAt, context.services.now()) },
  });
}

export default function StaffSignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("staffSignIn.title")} errors={actionData?.errors}>
      <Form method="post" noValidate>
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        <TextInput name="email" type="email" label={t("signIn.email")} autoComplete="username" spellCheck={false} defaultValue={actionData?.email} error={actionData?.errors.email} />
        <TextInput name="password" type="password" label={t("staffSignIn.password")} autoComplete="current-password" error={actionData?.errors.password} width="20" />
        <Button>{t("staffSignIn.submit")}</Button>
      </Form>
      {loaderData.demo.length ? (
        <section aria-labelledby="demo-credentials" className="mb-8 border-l-[10px] border-border pl-4">
          <h2 id="demo-credentials" className="text-2xl">
            {t("staffSignIn.demo")}
          </h2>
          <div className="overflow-x-auto">
            <table className="mb-4 w-full border-collapse text-left text-base">
              <thead>
                <tr>
                  <th scope="col" className="border-b border-border py-2 pr-4">{t("staffSignIn.demoRole")}</th>
                  <th scope="col" className="border-b border-border py-2 pr-4">{t("staffSignIn.demoEmail")}</th>
                  <th scope="col" className="border-b border-border py-2 pr-4">{t("staffSignIn.demoPassword")}</th>
                  <th scope="col" className="border-b border-border py-2 pr-4">{t("staffSignIn.demoTotp")}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.demo.map((c) => (
                  <tr key={c.email}>
                    <th scope="row" className="border-b border-border py-2 pr-4 font-normal">{t(c.role === "admin" ? "role.admin" : "role.officer")}</th>
                    <td className="border-b border-border py-2 pr-4">{c.email}</td>
                    <td className="border-b border-border py-2 pr-4 font-mono">{c.password}</td>
                    <td className="border-b border-border py-2 pr-4 font-mono break-all">{c.totpSecret}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-base">{t("staffSignIn.demoTotpHint")}</p>
        </section>
      ) : null}
    </Page>
  );
}
