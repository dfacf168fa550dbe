import type { Route } from "./+types/accessibility";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Statement } from "~/components/layout/statement.tsx";
import { accessibilityStatement } from "~/domain/i18n/content/statements.ts";
import { getLocale, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  return { sections: accessibilityStatement(locale, locale === "cy" && council.nameCy ? council.nameCy : council.name) };
}

export default function AccessibilityPage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("accessibility.title")}>
      <Statement sections={loaderData.sections} />
    </Page>
  );
}
