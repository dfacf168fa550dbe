// Paper ballots of a process: every batch with its status, how many papers were typed and
// counted, and who typed each entry when.
import type { Route } from "./+types/officer.budgets.$process.paper";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { InsetText, Table } from "~/components/ui/panels.tsx";
import { formatDay, paperMessage } from "~/domain/budgeting/paper-messages.ts";
import { paperOverview } from "~/server/budgeting/paper.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await paperOverview(context.services, actor, { councilId: council.id, process: params.process });
  if (!result.ok) notFound();
  const locale = getLocale(request);
  const { process, entryRefusal, batches } = result.value;
  return {
    process: { slug: process.slug, title: process.title },
    refusal: entryRefusal ? paperMessage(entryRefusal, locale) : null,
    batches: batches.map((b) => ({
      id: b.id,
      pollingPlace: b.pollingPlace,
      budgetName: b.budgetName,
      status: b.status,
      papers: b.papers,
      counted: b.status === "reconciled" ? b.counted : null,
      first: { name: b.firstEntryBy, date: formatDay(b.firstEntryAt, locale) },
      secondBy: b.secondEntryBy,
    })),
  };
}

export default function PaperBallots({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, batches } = loaderData;
  const base = `/${params.council}/officer/budgets/${process.slug}`;
  return (
    <Page title={t("paper.list.title")} backHref={base}>
      <p className="text-secondary">{process.title}</p>
      <p>{t("paper.list.lead")}</p>
      {loaderData.refusal ? (
        <InsetText>{loaderData.refusal}</InsetText>
      ) : (
        <p>
          <a
            href={`${base}/paper/new`}
            className="mb-8 inline-block bg-button px-3 py-2 text-[1.1875rem] !text-white no-underline shadow-[0_2px_0_var(--color-button-shadow)] hover:bg-[#0b5c3e]"
          >
            {t("paper.list.new")}
          </a>
        </p>
      )}
      {batches.length === 0 ? (
        <p>{t("paper.list.none")}</p>
      ) : (
        <Table
          caption={t("paper.list.caption")}
          head={[t("paper.list.place"), t("paper.list.budget"), t("paper.list.status"), t("paper.list.papers"), t("paper.list.counted"), t("paper.list.first"), t("paper.list.second")]}
          rows={batches.map((b) => [
            <a key="place" href={`${base}/paper/${b.id}`}>
              {b.pollingPlace}
            </a>,
            b.budgetName,
            t(`paper.status.${b.status}`),
            String(b.papers),
            b.counted === null ? "–" : String(b.counted),
            t("paper.list.byOn", b.first),
            b.secondBy ?? "–",
          ])}
        />
      )}
    </Page>
  );
}
