// "Vote recorded": the page a cast ballot redirects to. Its address carries the sealed reference
// (see sealReceipt), so refreshing it is harmless and it cannot be made to confirm a vote that
// was not cast. A signed-in resident also sees their choices as they now stand.
import type { Route } from "./+types/budgets.$process.vote.$budgetId.confirmation";
import { formatDate, formatDateTime } from "~/components/budgeting/dates.ts";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { ConfirmationPanel, SummaryList } from "~/components/ui/panels.tsx";
import { orderedChoices } from "~/domain/budgeting/ballot-form.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { getBallotPage, openReceipt } from "~/server/budgeting/voting.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getBallotPage(context.services, context.auth.actor, {
    councilId: council.id,
    processSlug: params.process,
    budgetId: params.budgetId.slice(0, 64),
  });
  if (!result.ok) notFound();
  const page = result.value;
  const receipt = openReceipt(context.services.config, page.budget.id, new URL(request.url).searchParams.get("receipt"));
  if (!receipt) notFound();
  const locale = getLocale(request);
  const byId = new Map(page.projects.map((p) => [p.id, p]));
  // The current ballot, if it is the one this page confirms (same voter, same reference).
  const mine = page.myBallot?.reference === receipt.reference ? page.myBallot : null;
  return {
    receipt,
    processHref: `/${council.slug}/budgets/${page.process.slug}`,
    voteHref: `/${council.slug}/budgets/${page.process.slug}/vote/${page.budget.id}`,
    processTitle: locale === "cy" && page.process.titleCy ? page.process.titleCy : page.process.title,
    budgetName: page.budget.name,
    ballotType: page.settings.ballotType,
    votingCloseAt: page.process.votingCloseAt,
    resultsAt: page.process.resultsAt,
    canChange: page.voter === "resident" && page.votingState === "open",
    choices: mine
      ? orderedChoices(page.settings.ballotType, mine.choices, page.projects.map((p) => p.id)).map((c) => ({
          title: byId.get(c.projectId)?.title ?? "",
          costPence: byId.get(c.projectId)?.costPence ?? 0n,
          value: c.value,
        }))
      : null,
  };
}

export default function Confirmation({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const title = d.receipt.status === "replaced" ? t("voting.done.replaced") : t("voting.done.recorded");
  const rows = (d.choices ?? []).map((c) =>
    d.ballotType === "ranked"
      ? { key: t("voting.ballot.choiceN", { n: c.value }), value: c.title }
      : d.ballotType === "cumulative"
        ? { key: c.title, value: c.value === 1 ? t("voting.check.onePoint") : t("voting.check.points", { points: c.value }) }
        : { key: c.title, value: formatPence(c.costPence) },
  );
  return (
    <Page title={title} heading={false}>
      <ConfirmationPanel title={title}>
        {t("voting.done.reference")}
        <br />
        <strong data-testid="ballot-reference">{d.receipt.reference}</strong>
      </ConfirmationPanel>
      <p>{d.receipt.emailed ? t("voting.done.emailed") : t("voting.done.notEmailed")}</p>
      <h2>{t("voting.done.next")}</h2>
      <p>{d.votingCloseAt ? t("voting.done.closes", { date: formatDateTime(d.votingCloseAt, locale, t) }) : t("voting.done.closesNoDate")}</p>
      {d.resultsAt ? <p>{t("voting.done.resultsOn", { date: formatDate(d.resultsAt, locale) })}</p> : null}
      {d.canChange ? <p>{t("voting.done.canChange")}</p> : null}
      {rows.length > 0 ? (
        <>
          <h2>{t("voting.done.yourChoices")}</h2>
          <SummaryList rows={rows} />
        </>
      ) : null}
      <ul className="mb-8 list-none">
        {d.canChange ? (
          <li className="mb-2">
            <a href={d.voteHref}>{t("voting.done.changeVote")}</a>
          </li>
        ) : null}
        <li>
          <a href={d.processHref}>{t("voting.done.back", { process: d.processTitle })}</a>
        </li>
      </ul>
    </Page>
  );
}
