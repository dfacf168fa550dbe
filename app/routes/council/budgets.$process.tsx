// One community budget (a participatory budgeting process) as residents see it: what it is,
// when things happen, who can vote and how, each budget with its projects and a way to vote
// while voting is open — or to change the vote already cast — and, once the results are out,
// a link to them and how the chosen projects are being delivered.
import type { Route } from "./+types/budgets.$process";
import { formatDate, formatDateTime } from "~/components/budgeting/dates.ts";
import { DeliveryProgress } from "~/components/budgeting/delivery.tsx";
import { howToVote, WhoCanVote } from "~/components/budgeting/voting-rules.tsx";
import { ButtonLink } from "~/components/ui/button-link.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { InsetText, SummaryList, Table } from "~/components/ui/panels.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { getProcessPage } from "~/server/budgeting/voting.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const result = await getProcessPage(context.services, context.auth.actor, { councilId: council.id, slug: params.process });
  if (!result.ok) notFound();
  const { process: p, wardNames, votingState, myBallots, delivery } = result.value;
  return {
    process: {
      slug: p.slug,
      title: locale === "cy" && p.titleCy ? p.titleCy : p.title,
      summary: p.summary,
      phase: p.phase,
      dates: { ideasOpenAt: p.ideasOpenAt, reviewOpenAt: p.reviewOpenAt, votingOpenAt: p.votingOpenAt, votingCloseAt: p.votingCloseAt, resultsAt: p.resultsAt },
      rules: {
        minimumAge: p.minimumAge,
        requirePostcodeInArea: p.requirePostcodeInArea,
        useVotingCodes: p.useVotingCodes,
        hasWardBudgets: p.budgets.some((b) => b.wardCode !== null),
        ballotType: p.ballotType,
        minProjects: p.minProjects,
        maxProjects: p.maxProjects,
        points: p.points,
        pointsPerProjectCap: p.pointsPerProjectCap,
        rankCount: p.rankCount,
      },
      totalPence: p.budgets.reduce((sum, b) => sum + b.amountPence, 0n),
    },
    budgets: p.budgets.map((b) => ({
      id: b.id,
      name: b.name,
      wardName: b.wardCode ? (wardNames[b.wardCode] ?? b.wardCode) : null,
      amountPence: b.amountPence,
      myBallot: myBallots[b.id] ?? null,
      projects: b.projects.map((project) => ({
        id: project.id,
        reference: project.reference,
        title: project.title,
        costPence: project.costPence,
        wardName: project.wardCode ? (wardNames[project.wardCode] ?? project.wardCode) : null,
        status: project.status,
        feasibilityReason: project.feasibilityReason,
        delivery: delivery[project.id] ?? null,
      })),
    })),
    votingState,
  };
}

const DATE_ROWS = ["ideasOpenAt", "reviewOpenAt", "votingOpenAt", "votingCloseAt", "resultsAt"] as const;

export default function BudgetProcess({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { process, budgets, votingState } = loaderData;
  const base = `/${params.council}/budgets/${process.slug}`;
  const dateRows = DATE_ROWS.flatMap((key) => {
    const date = process.dates[key];
    if (!date) return [];
    return [{ key: t(`voting.process.${key}`), value: key === "votingCloseAt" ? formatDateTime(date, locale, t) : formatDate(date, locale) }];
  });
  const showResults = process.phase === "results" || process.phase === "delivery";
  const delivered = budgets.flatMap((b) => b.projects.filter((p) => p.delivery !== null));
  return (
    <Page title={process.title} backHref={`/${params.council}/budgets`}>
      {process.summary.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i} className={i === 0 ? "text-2xl" : undefined}>
          {paragraph}
        </p>
      ))}
      <SummaryList
        rows={[
          { key: t("voting.process.stage"), value: t(`voting.phase.${process.phase}`) },
          { key: t("voting.process.total"), value: formatPence(process.totalPence) },
          ...dateRows,
        ]}
      />
      {showResults ? (
        <p className="text-xl font-bold">
          <a href={`${base}/results`}>{t("voting.process.results")}</a>
        </p>
      ) : null}

      <h2>{t("voting.process.whoCanVote")}</h2>
      <WhoCanVote facts={process.rules} />
      <h2>{t("voting.process.howToVote")}</h2>
      <p>{howToVote(process.rules, t)}</p>

      {budgets.map((budget) => {
        const onBallot = budget.projects.filter((p) => p.status !== "not_feasible");
        const notFeasible = budget.projects.filter((p) => p.status === "not_feasible");
        return (
          <section key={budget.id} aria-labelledby={`budget-${budget.id}`} className="mt-12">
            <h2 id={`budget-${budget.id}`}>{budget.name}</h2>
            <p className="text-xl">
              {budget.wardName
                ? t("voting.process.wardBudget", { amount: formatPence(budget.amountPence), ward: budget.wardName })
                : t("voting.process.areaBudget", { amount: formatPence(budget.amountPence) })}
            </p>
            <VoteCall
              state={votingState}
              voteHref={`${base}/vote/${budget.id}`}
              budget={budget.name}
              myBallot={budget.myBallot}
              opensOn={process.dates.votingOpenAt}
            />
            {onBallot.length === 0 ? (
              <p>{t("voting.process.noProjects")}</p>
            ) : (
              <Table
                caption={t("voting.process.projectsCaption", { budget: budget.name })}
                head={[t("voting.process.project"), t("voting.process.cost"), t("voting.process.ward"), t("voting.process.status")]}
                rows={onBallot.map((p) => [
                  <a key="title" href={`${base}/projects/${p.reference}`}>
                    {p.title}
                  </a>,
                  formatPence(p.costPence),
                  p.wardName ?? t("voting.process.wholeArea"),
                  t(`voting.status.${p.status}`),
                ])}
              />
            )}
            {notFeasible.length > 0 ? (
              <>
                <h3>{t("voting.process.notFeasible")}</h3>
                <p>{t("voting.process.notFeasibleLead")}</p>
                <ul className="mb-8 list-disc pl-6">
                  {notFeasible.map((p) => (
                    <li key={p.id} className="mb-2">
                      <a href={`${base}/projects/${p.reference}`}>{p.title}</a> ({formatPence(p.costPence)})
                      {p.feasibilityReason ? (
                        <>
                          <br />
                          {t("voting.process.reason", { reason: p.feasibilityReason })}
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}

      {showResults && delivered.length > 0 ? (
        <section aria-labelledby="delivery" className="mt-12">
          <h2 id="delivery">{t("voting.process.delivery")}</h2>
          <p>{t("voting.process.deliveryLead")}</p>
          {delivered.map((p) => (
            <div key={p.id}>
              <h3>
                <a href={`${base}/projects/${p.reference}`}>{p.title}</a>
              </h3>
              <DeliveryProgress delivery={p.delivery!} status={p.status} costPence={p.costPence} />
            </div>
          ))}
        </section>
      ) : null}
    </Page>
  );
}

/** The call to action of one budget: vote, change a vote, or when voting opens or closed. */
function VoteCall({
  state,
  voteHref,
  budget,
  myBallot,
  opensOn,
}: {
  state: "not_open" | "open" | "closed";
  voteHref: string;
  budget: string;
  myBallot: { reference: string } | null;
  opensOn: Date | null;
}) {
  const t = useT();
  const locale = useLocale();
  if (state === "closed") return <InsetText>{t("voting.process.closed")}</InsetText>;
  if (state === "not_open")
    return <InsetText>{opensOn ? t("voting.process.opensOn", { date: formatDate(opensOn, locale) }) : t("voting.process.notOpenYet")}</InsetText>;
  if (myBallot)
    return (
      <InsetText>
        <p>{t("voting.process.voted", { budget, reference: myBallot.reference })}</p>
        <p className="mb-0">
          <a href={voteHref} className="font-bold">
            {t("voting.process.changeBallot")}
            <span className="sr-only"> – {budget}</span>
          </a>
        </p>
      </InsetText>
    );
  return (
    <p>
      <ButtonLink href={voteHref}>
        {t("voting.process.vote", { budget })}
      </ButtonLink>
    </p>
  );
}
