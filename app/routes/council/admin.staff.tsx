import { Form, redirect } from "react-router";
import type { Route } from "./+types/admin.staff";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { NotificationBanner, Table } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { accountsMessage } from "~/domain/accounts/messages.ts";
import { STAFF_ROLES } from "~/domain/accounts/permissions.ts";
import { inviteStaff } from "~/server/accounts/invitations.server.ts";
import { listStaff } from "~/server/accounts/staff-list.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { formProblem, getLocale, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePermission(context, request, council, "staff.manage");
  const invited = new URL(request.url).searchParams.get("invited");
  return { ...(await listStaff(context.services, council.id)), invited: invited?.slice(0, 320) ?? null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "staff.manage");
  const locale = getLocale(request);
  const form = await readForm(request);
  const email = (form.email ?? "").trim().slice(0, 320);
  const role = (form.role ?? "").slice(0, 40);
  const result = await inviteStaff(context.services, actor, { councilId: council.id, email, role, locale });
  if (result.ok) return redirect(`/${council.slug}/admin/staff?invited=${encodeURIComponent(email)}`);
  const message = accountsMessage(result.reason, locale, result.detail);
  return formProblem({ email, role, errors: result.reason === "invalid_role" ? { role: message } : { email: message } });
}

export default function Staff({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("staff.title")} errors={actionData?.errors}>
      {loaderData.invited ? <NotificationBanner kind="success">{t("staff.invited", { email: loaderData.invited })}</NotificationBanner> : null}
      <Table
        caption={t("staff.members")}
        head={[t("staff.email"), t("staff.role")]}
        rows={loaderData.staff.map((s) => [s.name ? `${s.name} (${s.email})` : s.email, s.roles.map((r) => t(`role.${r as "admin"}`)).join(", ")])}
      />
      <h2>{t("staff.invite")}</h2>
      <Form method="post" noValidate>
        <TextInput name="email" type="email" label={t("staff.email")} spellCheck={false} defaultValue={actionData?.email} error={actionData?.errors.email} />
        <Radios
          name="role"
          legend={t("staff.role")}
          value={actionData?.role ?? "officer"}
          error={actionData?.errors.role}
          options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Button>{t("staff.submit")}</Button>
      </Form>
    </Page>
  );
}
