// After sending a response: the reference, whether a copy was emailed, and what happens next.
// The reference is read back from the respondent's own response, never from the address.
import { redirect } from "react-router";
import type { Route } from "./+types/consultations.$consultation.confirmation";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { ConfirmationPanel } from "~/components/ui/panels.tsx";
import { getConsultation } from "~/server/consultations/consultations.server.ts";
import { respondentOf } from "~/server/consultations/respondent-cookie.server.ts";
import { getResponseProgress } from "~/server/consultations/responses.server.ts";
import { notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getConsultation(context.services, context.auth.actor, { councilId: council.id, slugOrId: params.consultation ?? "" });
  if (!result.ok || result.value.slug !== params.consultation || result.value.status === "draft") notFound();
  const c = result.value;
  const base = `/${council.slug}/consultations/${c.slug}`;
  const progress = await getResponseProgress(context.services, respondentOf(context, request, c.allowAnonymous), { consultationId: c.id });
  if (!progress.submitted) throw redirect(base);
  const sent = new URL(request.url).searchParams.get("sent");
  return { base, title: c.title, titleCy: c.titleCy, reference: progress.submitted.reference, emailed: sent === "emailed" ? true : sent === "saved" ? false : null };
}

export default function Confirmation({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <Page title={t("consult.confirm.title")} heading={false}>
      <ConfirmationPanel title={t("consult.confirm.title")}>
        {t("consult.confirm.reference")}
        <br />
        <strong>{d.reference}</strong>
      </ConfirmationPanel>
      <p className="text-xl">{locale === "cy" && d.titleCy ? d.titleCy : d.title}</p>
      {d.emailed === true ? <p>{t("consult.confirm.emailed")}</p> : d.emailed === false ? <p>{t("consult.confirm.notEmailed")}</p> : null}
      <h2>{t("consult.confirm.next")}</h2>
      <p>{t("consult.confirm.nextText")}</p>
      <p>
        <a href={d.base}>{t("consult.confirm.back")}</a>
      </p>
    </Page>
  );
}
