// TOTP enrolment: QR code and key, confirm with a first code, then the recovery codes (shown once).
import { Form, redirect, type ShouldRevalidateFunctionArgs } from "react-router";
import type { Route } from "./+types/staff.two-factor.setup";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { beginTotpEnrolment, confirmTotpEnrolment } from "~/server/accounts/totp.server.ts";
import { requirePendingStaffSession } from "~/server/http/auth.server.ts";
import { accountsStatus, formProblem, getLocale, readForm, requireCouncil, safeReturnTo } from "~/server/http/request.server.ts";

// The page carries a secret: never cache it.
export function headers() {
  return { "Cache-Control": "no-store" };
}

async function enrolment(context: Route.LoaderArgs["context"], sessionId: string, pendingKey?: string) {
  const result = await beginTotpEnrolment(context.services, { sessionId, pendingKey });
  if (!result.ok) return null;
  const { pendingKey: key, qrSvg, manualEntryKey } = result.value;
  return { pendingKey: key, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`, manualEntryKey };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const session = requirePendingStaffSession(context, council.slug);
  // No setup when the account is already enrolled. That includes the render straight after a
  // successful confirmation without JavaScript (this loader runs in the same request and sees
  // the session as it was before the action), where the page must show the recovery codes, so
  // this cannot redirect; a later visit is told the app is set up and where to go next.
  const setup = await enrolment(context, session.session.id);
  return {
    setup,
    alreadyEnrolled: setup ? null : accountsMessage("already_enrolled", getLocale(request)),
    returnTo: safeReturnTo(new URL(request.url).searchParams.get("returnTo"), ""),
  };
}

// With JavaScript, keep the recovery codes on screen: reloading this route's data after the
// confirmation would find the session fully signed in and redirect before they were seen.
export function shouldRevalidate({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return actionResult?.done ? false : defaultShouldRevalidate;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const session = requirePendingStaffSession(context, council.slug);
  const locale = getLocale(request);
  const form = await readForm(request);
  const pendingKey = (form.pendingKey ?? "").slice(0, 200);
  const result = await confirmTotpEnrolment(context.services, { sessionId: session.session.id, pendingKey, code: (form.code ?? "").slice(0, 32) });
  if (result.ok) return { done: true as const, recoveryCodes: result.value.recoveryCodes, next: safeReturnTo(form.returnTo, `/${council.slug}`) };
  if (result.reason === "already_enrolled") throw redirect(`/${council.slug}/staff/two-factor`);
  // Show the same key again (or a new one if it expired) beside the error.
  const setup = await enrolment(context, session.session.id, result.reason === "enrolment_expired" ? undefined : pendingKey);
  return formProblem({ done: false as const, errors: { code: accountsMessage(result.reason, locale, result.detail) }, setup }, accountsStatus(result.reason));
}

export default function TwoFactorSetup({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  if (actionData?.done) {
    return (
      <Page title={t("recoveryCodes.title")}>
        <p>{t("recoveryCodes.lead")}</p>
        <ul className="mb-8 grid max-w-md grid-cols-2 gap-2 font-mono text-xl" data-testid="recovery-codes">
          {actionData.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <a href={actionData.next} className="inline-block bg-button px-3 py-2 !text-white no-underline shadow-[0_2px_0_var(--color-button-shadow)]">
          {t("recoveryCodes.done")}
        </a>
      </Page>
    );
  }
  const failed = actionData && !actionData.done ? actionData : null;
  const setup = failed?.setup ?? loaderData.setup;
  if (!setup)
    return (
      <Page title={t("twoFactorSetup.title")}>
        <p>{loaderData.alreadyEnrolled}</p>
        <p>
          <a href={`/${params.council}/staff/two-factor`}>{t("common.continue")}</a>
        </p>
      </Page>
    );
  return (
    <Page title={t("twoFactorSetup.title")} errors={failed?.errors}>
      <p>{t("twoFactorSetup.lead")}</p>
      <img src={setup.qrDataUrl} alt={t("twoFactorSetup.qrAlt")} width={200} height={200} className="mb-6 border border-border bg-white p-2" />
      <p>
        {t("twoFactorSetup.key")}: <code className="font-mono text-xl break-all" data-testid="totp-key">{setup.manualEntryKey}</code>
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="pendingKey" value={setup.pendingKey} />
        <input type="hidden" name="returnTo" value={loaderData.returnTo} />
        <TextInput
          name="code"
          label={t("twoFactorSetup.code")}
          hint={t("twoFactor.hint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          width="5"
          error={failed?.errors.code}
        />
        <Button>{t("twoFactorSetup.submit")}</Button>
      </Form>
    </Page>
  );
}
