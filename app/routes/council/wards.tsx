import type { Route } from "./+types/wards";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Table } from "~/components/ui/panels.tsx";
import { getLocale, requireCouncil } from "~/server/http/request.server.ts";
import { listWards } from "~/server/places/places.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const wards = await listWards(context.services, council.id);
  return {
    councilName: locale === "cy" && council.nameCy ? council.nameCy : council.name,
    wards: wards.map((w) => ({ code: w.code, name: w.name, lsoaCount: w.lsoaCount, deprived: w.imd.counts[0]! + w.imd.counts[1]! })),
  };
}

export default function Wards({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <Page title={t("wards.title", { council: loaderData.councilName })}>
      <Table
        caption={t("wards.caption")}
        head={[t("wards.name"), t("wards.code"), t("wards.deprived")]}
        rows={loaderData.wards.map((w) => [w.name, w.code, `${w.deprived} / ${w.lsoaCount}`])}
      />
    </Page>
  );
}
