import type { Route } from "./+types/home";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { listCouncils } from "~/server/places/councils.server.ts";

export async function loader({ context }: Route.LoaderArgs) {
  return { councils: await listCouncils(context.services) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("home.title")}>
      <p className="text-2xl">{t("home.lead")}</p>
      <h2>{t("home.councils")}</h2>
      <ul className="mb-8 list-disc pl-6">
        {loaderData.councils.map((c) => (
          <li key={c.slug} className="mb-2">
            <a href={`/${c.slug}`}>{c.name}</a>
            {c.isDemo ? <span className="text-secondary"> ({t("home.demo")})</span> : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
