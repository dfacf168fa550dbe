import type { Route } from "./+types/privacy";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Statement } from "~/components/layout/statement.tsx";
import { privacyNotice } from "~/domain/i18n/content/statements.ts";
import { getLocale, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  return { sections: privacyNotice(locale, locale === "cy" && council.nameCy ? council.nameCy : council.name) };
}

export default function PrivacyPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("privacy.title")}>
      <Statement sections={loaderData.sections} />
    </Page>
  );
}
