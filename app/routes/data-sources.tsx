// Attributions the open-data licences require, shown as the publishers wrote them.
import type { Route } from "./+types/data-sources";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { SummaryList } from "~/components/ui/panels.tsx";
import { DATA_SOURCES } from "~/domain/places/data-sources.ts";

export function loader() {
  return {
    sources: DATA_SOURCES.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      edition: s.edition,
      licence: s.licence,
      licenceUrl: s.licenceUrl,
      attribution: s.attribution,
      usedFor: s.usedFor,
    })),
  };
}

export default function DataSources({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <Page title={t("dataSources.title")}>
      <p>{t("dataSources.lead")}</p>
      {loaderData.sources.map((source) => (
        <section key={source.id} aria-labelledby={`source-${source.id}`}>
          <h2 id={`source-${source.id}`} className="text-2xl">
            {source.title}
          </h2>
          <SummaryList
            rows={[
              { key: t("dataSources.publisher"), value: `${source.publisher} (${source.edition})` },
              { key: t("dataSources.licence"), value: <a href={source.licenceUrl}>{source.licence}</a> },
              { key: t("dataSources.use"), value: source.usedFor[locale] },
            ]}
          />
          {/* Attribution text stays in the publishers' words (English), as the licences require. */}
          <ul lang="en" className="mb-10 list-disc pl-6">
            {source.attribution.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
