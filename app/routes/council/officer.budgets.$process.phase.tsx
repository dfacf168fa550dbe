// The confirmation step before a process moves to its next phase. Phases only move forward, so
// the page says what will change and that it cannot be undone; when the process is not ready,
// every problem is listed (409) and nothing changes.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.phase";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText } from "~/components/ui/panels.tsx";
import type { MessageKey } from "~/domain/i18n/catalogue.ts";
import { processMessage, readinessMessage } from "~/domain/budgeting/ballot-messages.ts";
import { isPhase, nextPhases, type Phase } from "~/domain/budgeting/process.ts";
import { changePhase } from "~/server/budgeting/processes.server.ts";
import { forbidden, notFound, readForm } from "~/server/http/request.server.ts";
import { requireOfficerProcess } from "./officer-budgets.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const to = new URL(request.url).searchParams.get("to");
  if (!isPhase(to)) notFound();
  // A page opened before someone else moved the process on says so, rather than offering a move
  // that can no longer be made.
  const blocked = nextPhases(p.phase).includes(to) ? null : processMessage("invalid_transition", locale, { from: p.phase, to });
  return { base, title: locale === "cy" && p.titleCy ? p.titleCy : p.title, from: p.phase, to, blocked };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, actor, locale, process: p, base } = await requireOfficerProcess(context, request, params);
  const form = await readForm(request);
  const result = await changePhase(context.services, actor, { councilId: council.id, processId: p.id, to: form.to });
  if (result.ok) return redirect(`${base}?moved`);
  switch (result.reason) {
    case "not_ready":
      return data(
        {
          summary: processMessage("not_ready", locale, { to: result.detail.to }),
          problems: result.detail.problems.map((problem) => readinessMessage(problem, locale)),
        },
        { status: 409 },
      );
    case "invalid_transition":
      return data({ summary: processMessage("invalid_transition", locale, result.detail), problems: [] }, { status: 409 });
    case "forbidden":
      return forbidden();
    default:
      return notFound();
  }
}

export default function ChangePhase({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { to, base } = loaderData;
  const phase = t(`officerBudgets.phase.${to}` as MessageKey).toLowerCase();
  return (
    <Page
      title={t("officerBudgets.phaseChange.title", { phase })}
      errors={actionData ? { "phase-problems": actionData.summary } : undefined}
      backHref={base}
    >
      <p className="text-xl">{loaderData.title}</p>
      {actionData && actionData.problems.length > 0 ? (
        <section aria-labelledby="problems-heading" className="mb-8 border-l-[5px] border-error pl-4">
          <h2 id="problems-heading">{t("officerBudgets.phaseChange.problemsTitle")}</h2>
          <ul id="phase-problems" tabIndex={-1} className="list-disc pl-6">
            {actionData.problems.map((problem) => (
              <li key={problem} className="mb-2">
                {problem}
              </li>
            ))}
          </ul>
        </section>
      ) : actionData ? (
        <p id="phase-problems" tabIndex={-1}>
          {actionData.summary}
        </p>
      ) : null}
      {loaderData.blocked ? (
        <>
          {actionData ? null : <InsetText>{loaderData.blocked}</InsetText>}
          <p>
            <a href={base}>{t("common.back")}</a>
          </p>
        </>
      ) : (
        <ConfirmStep base={base} to={to} phase={phase} />
      )}
    </Page>
  );
}

function ConfirmStep({ base, to, phase }: { base: string; to: Phase; phase: string }) {
  const t = useT();
  return (
    <>
      <p>{t(`officerBudgets.phaseChange.${to}` as MessageKey)}</p>
      <InsetText>
        <strong>{to === "results" ? t("officerBudgets.phaseChange.closingVoting") : ""} {t("officerBudgets.phaseChange.cannotUndo")}</strong>
      </InsetText>
      {/* The address keeps ?to=, so the page can be shown again with the problems. */}
      <Form method="post" action={`${base}/phase?to=${to}`} noValidate>
        <input type="hidden" name="to" value={to} />
        <Button variant={to === "results" ? "warning" : "primary"}>{t("officerBudgets.phaseChange.confirm", { phase })}</Button>
      </Form>
      <p>
        <a href={base}>{t("common.cancel")}</a>
      </p>
    </>
  );
}
