// How a published result was counted: the rule in plain words, the numbers of this count (each
// voter's share, completion), the tie-break policy and the ties it settled, and how to recount
// the published file.
import type { Route } from "./+types/budgets.$process.results.how-we-counted";
import { listFormat, useRuleName } from "~/components/budgeting/results.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Page } from "~/components/layout/page.tsx";
import { InsetText } from "~/components/ui/panels.tsx";
import { tallyArguments } from "~/domain/budgeting/count.ts";
import { describeOutcome } from "~/domain/budgeting/messages.ts";
import { moneyFormatters } from "~/domain/budgeting/result-record.ts";
import { getPublishedResults } from "~/server/budgeting/results.server.ts";
import { notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const results = await getPublishedResults(context.services, { councilId: council.id, slugOrId: params.process });
  if (!results.ok) notFound();
  const { process, budgets } = results.value;
  return {
    slug: process.slug,
    budgets: budgets.map((b) => ({
      id: b.id,
      name: b.name,
      currency: b.result.currency,
      settings: b.result.settings,
      outcome: b.result.outcome,
      titles: Object.fromEntries(b.projects.map((p) => [p.reference, p.title])),
    })),
  };
}

export default function HowWeCounted({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const ruleName = useRuleName();
  const { budgets, slug } = loaderData;
  const first = budgets[0]!;
  const rule = first.settings.countingRule;
  const about =
    rule === "greedy"
      ? t("results.how.about.greedy")
      : rule === "greedy_no_skip"
        ? t("results.how.about.greedy_no_skip")
        : rule === "greedy_threshold"
          ? t("results.how.about.greedy_threshold")
          : t("results.how.about.equal_shares");
  const results = `/${params.council}/budgets/${slug}/results`;
  const name = (b: (typeof budgets)[number], reference: string) => {
    const title = b.titles[reference];
    return title ? `${title} (${reference})` : reference;
  };
  return (
    <Page title={t("results.how.title")} backHref={results}>
      <p className="text-2xl">{ruleName(first.settings)}</p>
      <p>{about}</p>
      {budgets.map((b) => (
        <section key={b.id} aria-labelledby={`how-${b.id}`}>
          <h2 id={`how-${b.id}`}>{b.name}</h2>
          {/* Ends with the tie-break policy (messages.ts describeTieBreak). */}
          <p>{describeOutcome(b.outcome, locale, moneyFormatters(b.currency).exact)}</p>
          <h3>{t("results.how.tieTitle")}</h3>
          {b.outcome.ties.length ? (
            <ul className="mb-6 list-disc pl-6">
              {b.outcome.ties.map((tie) => (
                <li key={`${tie.round}-${tie.chosen}`}>
                  {t("results.how.tie", {
                    round: tie.round,
                    projects: listFormat(
                      locale,
                      tie.tied.map((r) => name(b, r)),
                    ),
                    chosen: name(b, tie.chosen),
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("results.how.noTies")}</p>
          )}
        </section>
      ))}
      <h2>{t("results.how.checkTitle")}</h2>
      <p>{t("results.how.check")}</p>
      <InsetText>
        <code className="break-all">npm run cli -- tally FILE.pb {tallyArguments(first.settings).join(" ")}</code>
      </InsetText>
      <p>
        <a href={results}>{t("results.how.back")}</a>
      </p>
    </Page>
  );
}
