// A council's front page: what residents can do, and "find your ward" by postcode
// (a GET form, because looking something up changes nothing).
import type { Route } from "./+types/home";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { can } from "~/domain/accounts/permissions.ts";
import { lookupProblemMessage } from "~/domain/places/messages.ts";
import { getLocale, requireCouncil } from "~/server/http/request.server.ts";
import { countWards } from "~/server/places/councils.server.ts";
import { lookupPostcode } from "~/server/places/places.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { services } = context;
  const council = await requireCouncil(services, params.council);
  const locale = getLocale(request);
  const councilName = locale === "cy" && council.nameCy ? council.nameCy : council.name;
  const url = new URL(request.url);
  const postcode = url.searchParams.get("postcode");
  const notice = url.searchParams.has("signedOutEverywhere") ? "signedOutEverywhere" : url.searchParams.has("signedOut") ? "signedOut" : null;
  let lookup: { postcode: string; ward: string; lsoa: string; decile: number | null } | null = null;
  let error: string | undefined;
  if (postcode !== null) {
    const result = await lookupPostcode(services, council.id, postcode.slice(0, 16));
    if (result.ok)
      lookup = { postcode: result.value.postcode, ward: result.value.ward.name, lsoa: result.value.lsoa.name, decile: result.value.lsoa.imdDecile };
    else error = lookupProblemMessage(result.reason, locale, { postcode: postcode.slice(0, 16), council: councilName });
  }
  const actor = context.auth.actor;
  return {
    councilName,
    wardCount: await countWards(services, council.id),
    postcode: postcode ?? "",
    notice,
    lookup,
    error,
    viewer: actor && {
      email: actor.account.email,
      // Staff links only to the pages this person may open (an officer cannot manage staff).
      canManageFrameworks: can(actor.roles, council.id, "frameworks.manage"),
      canManageBudgets: can(actor.roles, council.id, "budgeting.manage"),
      canManageConsultations: can(actor.roles, council.id, "consultations.manage"),
      canManageStaff: can(actor.roles, council.id, "staff.manage"),
    },
  };
}

export default function CouncilHome({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { councilName, lookup, error, viewer } = loaderData;
  const base = `/${params.council}`;
  return (
    <Page title={councilName} errors={error ? { postcode: error } : undefined}>
      {loaderData.notice ? (
        <NotificationBanner kind="success">
          {loaderData.notice === "signedOutEverywhere" ? t("account.signedOutEverywhere") : t("signOut.done")}
        </NotificationBanner>
      ) : null}
      <p className="text-2xl">{t("council.lead", { council: councilName })}</p>
      {viewer ? <InsetText>{t("council.signedInAs", { email: viewer.email })}</InsetText> : null}
      {viewer?.canManageFrameworks || viewer?.canManageBudgets || viewer?.canManageConsultations || viewer?.canManageStaff ? (
        <section aria-labelledby="staff-links">
          <h2 id="staff-links">{t("council.staffLinks")}</h2>
          <ul className="mb-8 list-disc pl-6">
            {viewer.canManageFrameworks ? (
              <li>
                <a href={`${base}/officer/frameworks`}>{t("council.frameworks")}</a>
              </li>
            ) : null}
            {viewer.canManageConsultations ? (
              <li>
                <a href={`${base}/officer/consultations`}>{t("officerConsult.homeLink")}</a>
              </li>
            ) : null}
            {viewer.canManageBudgets ? (
              <li>
                <a href={`${base}/officer/budgets`}>{t("officerBudgets.homeLink")}</a>
              </li>
            ) : null}
            {viewer.canManageStaff ? (
              <li>
                <a href={`${base}/admin/staff`}>{t("council.staff")}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="take-part">
        <h2 id="take-part">{t("council.takePart")}</h2>
        <ul className="mb-8 list-disc pl-6">
          <li>
            <a href={`${base}/consultations`}>{t("consult.list.title")}</a>: {t("consult.home.lead")}
          </li>
          <li>
            <a href={`${base}/budgets`}>{t("voting.list.title")}</a>: {t("council.budgetsLead")}
          </li>
        </ul>
      </section>
      <section aria-labelledby="find-ward">
        <h2 id="find-ward">{t("council.postcode.title")}</h2>
        <form method="get" noValidate>
          <TextInput
            name="postcode"
            label={t("council.postcode.label")}
            hint={t("council.postcode.hint")}
            error={error}
            defaultValue={loaderData.postcode}
            autoComplete="postal-code"
            width="10"
          />
          <Button>{t("council.postcode.submit")}</Button>
        </form>
        {lookup ? (
          <div role="status" className="mb-8 border-l-[10px] border-success py-2 pl-4">
            {lookup.decile
              ? t("council.postcode.result", { postcode: lookup.postcode, ward: lookup.ward, lsoa: lookup.lsoa, decile: lookup.decile })
              : t("council.postcode.noDecile", { postcode: lookup.postcode, ward: lookup.ward })}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="wards">
        <h2 id="wards">{t("council.wards")}</h2>
        <p>
          <a href={`${base}/wards`}>{t("council.wardsLead", { council: councilName, count: loaderData.wardCount })}</a>
        </p>
      </section>
    </Page>
  );
}
