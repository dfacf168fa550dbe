// One project of a community budget: its description (Markdown, rendered safely), cost, place —
// as words, the text alternative to any map — the outcomes it serves, its pictures with their
// alt text, whether it can go ahead and why not, and, once chosen, how delivery is going.
import type { Route } from "./+types/budgets.$process.projects.$reference";
import { DeliveryProgress } from "~/components/budgeting/delivery.tsx";
import { Markdown } from "~/components/content/markdown.tsx";
import { ButtonLink } from "~/components/ui/button-link.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { InsetText, SummaryList } from "~/components/ui/panels.tsx";
import { formatPence } from "~/domain/budgeting/money.ts";
import { getProjectPage } from "~/server/budgeting/voting.server.ts";
import { getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const locale = getLocale(request);
  const result = await getProjectPage(context.services, context.auth.actor, {
    councilId: council.id,
    processSlug: params.process,
    reference: params.reference.slice(0, 20),
  });
  if (!result.ok) notFound();
  const { process, budget, project, wardNames, delivery, votingState } = result.value;
  const ward = (code: string | null) => (code ? (wardNames[code] ?? code) : null);
  return {
    process: { slug: process.slug, title: locale === "cy" && process.titleCy ? process.titleCy : process.title },
    budget: { id: budget.id, name: budget.name, wardName: ward(budget.wardCode) },
    project: {
      reference: project.reference,
      title: project.title,
      description: project.description,
      costPence: project.costPence,
      wardName: ward(project.wardCode),
      locationText: project.locationText,
      status: project.status,
      feasibilityReason: project.feasibilityReason,
      outcomes: project.outcomes.map((o) => ({ id: o.nodeId, name: locale === "cy" && o.nameCy ? o.nameCy : o.name, weight: o.weight })),
      images: project.images,
    },
    delivery,
    canVote: votingState === "open" && project.status === "feasible",
  };
}

export default function Project({ loaderData, params }: Route.ComponentProps) {
  const t = useT();
  const { process, budget, project, delivery, canVote } = loaderData;
  const base = `/${params.council}/budgets/${process.slug}`;
  const split = project.outcomes.length > 1;
  return (
    <Page title={project.title} heading={false} backHref={base}>
      <span className="mb-1 block text-xl text-secondary">{t("voting.project.caption", { reference: project.reference })}</span>
      <h1>{project.title}</h1>
      {/* The description's own headings are h2 and h3, directly below this page's h1. */}
      <Markdown source={project.description} />
      <SummaryList
        rows={[
          { key: t("voting.process.cost"), value: formatPence(project.costPence) },
          { key: t("voting.project.budget"), value: budget.name },
          { key: t("voting.process.ward"), value: project.wardName ?? budget.wardName ?? t("voting.process.wholeArea") },
          { key: t("voting.project.location"), value: project.locationText ?? t("voting.project.noLocation") },
          {
            key: t("voting.process.status"),
            value: (
              <>
                {t(`voting.status.${project.status}`)}
                {project.status === "not_feasible" && project.feasibilityReason ? (
                  <>
                    <br />
                    {t("voting.process.reason", { reason: project.feasibilityReason })}
                  </>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {canVote ? (
        <p>
          <ButtonLink href={`${base}/vote/${budget.id}`}>{t("voting.process.vote", { budget: budget.name })}</ButtonLink>
        </p>
      ) : null}

      {project.outcomes.length > 0 ? (
        <>
          <h2>{t("voting.project.outcomes")}</h2>
          <ul className="mb-8 list-disc pl-6">
            {project.outcomes.map((o) => (
              <li key={o.id}>{split ? t("voting.project.outcomeWeight", { name: o.name, weight: o.weight }) : o.name}</li>
            ))}
          </ul>
        </>
      ) : null}

      {project.images.length > 0 ? (
        <>
          <h2>{t("voting.project.pictures")}</h2>
          <ul className="mb-8 grid list-none gap-6 sm:grid-cols-2">
            {project.images.map((image) => (
              <li key={image.id}>
                <img src={`/${params.council}/budgets/images/${image.id}`} alt={image.altText} loading="lazy" className="h-auto max-w-full" />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {delivery ? (
        <>
          <h2>{t("voting.project.progress")}</h2>
          <DeliveryProgress delivery={delivery} status={project.status} costPence={project.costPence} />
        </>
      ) : null}

      <InsetText>
        <a href={base}>{t("voting.project.back", { process: process.title })}</a>
      </InsetText>
    </Page>
  );
}
