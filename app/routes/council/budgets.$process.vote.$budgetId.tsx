// The ballot of one budget, in two steps on one address, as GOV.UK services do it: the choices
// (with the eligibility questions), then "Check your vote before you cast it", then casting and
// a redirect to the confirmation (post/redirect/get, so a refresh never casts again).
//
// Without JavaScript every step is a real form post; the ballot travels between steps in hidden
// fields and is checked again in full when it is cast (castBallot never trusts the form). A
// knapsack or points ballot has an "Update total" button that posts the form back and shows the
// money or points left; with JavaScript the same domain functions update that counter live.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { data, Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/budgets.$process.vote.$budgetId";
import { BallotChoices, BallotCounter, CHOICES_ID, type BallotProjectRow } from "~/components/budgeting/ballot-fields.tsx";
import { approvalHint } from "~/components/budgeting/voting-rules.tsx";
import { Page } from "~/components/layout/page.tsx";
import { useLocale, useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Checkboxes, Radios } from "~/components/ui/choices.tsx";
import { InsetText, SummaryList } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { checkBallot, remainingMoney, remainingPoints, type BallotConfig, type BallotProblem } from "~/domain/budgeting/ballot.ts";
import { answersFromChoices, ballotHiddenFields, EMPTY_ANSWERS, orderedChoices, readBallotForm, type BallotAnswers } from "~/domain/budgeting/ballot-form.ts";
import { ballotMessage } from "~/domain/budgeting/ballot-messages.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { AGE_BANDS } from "~/domain/budgeting/turnout.ts";
import type { Translate } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { castBallot } from "~/server/budgeting/ballots.server.ts";
import {
  answerProblemMessage,
  checkBallotAnswers,
  fieldOf,
  getBallotPage,
  refusalStatus,
  sealReceipt,
  type AnswerProblem,
  type BallotPage,
} from "~/server/budgeting/voting.server.ts";
import { requireActor } from "~/server/http/auth.server.ts";
import { badRequest, getLocale, notFound, requireCouncil } from "~/server/http/request.server.ts";

type Context = Route.LoaderArgs["context"];

async function loadBallot(context: Context, params: Route.LoaderArgs["params"]) {
  const council = await requireCouncil(context.services, params.council);
  const result = await getBallotPage(context.services, context.auth.actor, {
    councilId: council.id,
    processSlug: params.process,
    budgetId: params.budgetId.slice(0, 64),
  });
  if (!result.ok) notFound();
  return { council, page: result.value };
}

function view(page: BallotPage, locale: Locale, councilSlug: string) {
  const processHref = `/${councilSlug}/budgets/${page.process.slug}`;
  const ward = (code: string | null) => (code ? (page.wardNames[code] ?? code) : null);
  return {
    processHref,
    processTitle: locale === "cy" && page.process.titleCy ? page.process.titleCy : page.process.title,
    budgetName: page.budget.name,
    budgetWard: ward(page.budget.wardCode),
    settings: page.settings,
    config: page.config,
    projects: page.projects.map(
      (p): BallotProjectRow => ({ id: p.id, reference: p.reference, title: p.title, costPence: p.costPence, wardName: ward(p.wardCode), href: `${processHref}/projects/${p.reference}` }),
    ),
    votingState: page.votingState,
    voter: page.voter,
    useVotingCodes: page.process.useVotingCodes,
    requirePostcode: page.process.requirePostcodeInArea,
    minimumAge: page.process.minimumAge,
    myReference: page.myBallot?.reference ?? null,
  };
}

/** What the form shows first: the resident's current ballot to change, or an empty one. */
function initialAnswers(page: BallotPage): BallotAnswers {
  if (page.myBallot) return answersFromChoices(page.myBallot.choices, page.myBallot.revision);
  // A resident's first vote says so (revision 0), so a vote cast meanwhile in another tab is
  // reported as a stale ballot instead of being silently replaced.
  return { ...EMPTY_ANSWERS, expectedRevision: page.voter === "resident" ? 0 : null };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { council, page } = await loadBallot(context, params);
  if (page.voter === "sign_in" && page.votingState === "open") requireActor(context, request, council.slug);
  return { view: view(page, getLocale(request), council.slug), answers: initialAnswers(page) };
}

type Step = "form" | "check";

function errorsOf(problems: AnswerProblem[], locale: Locale, page: BallotPage): Record<string, string> {
  const names = Object.fromEntries(page.projects.map((p) => [p.id, p.title]));
  const errors: Record<string, string> = {};
  for (const p of problems) errors[p.field] ??= answerProblemMessage(p, locale, names);
  return errors;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { council, page } = await loadBallot(context, params);
  const actor = page.voter === "sign_in" ? requireActor(context, request, council.slug) : context.auth.actor;
  const locale = getLocale(request);
  const form = await request.formData().catch(() => badRequest());
  const intent = form.get("intent");
  const answers = readBallotForm(page.settings.ballotType, form.entries());
  const refused = (problem: AnswerProblem, shown = answers) =>
    data({ step: "form" as Step, answers: shown, errors: errorsOf([problem], locale, page) }, { status: refusalStatus(problem.reason) });

  if (page.votingState !== "open") return refused({ field: "choices", reason: page.votingState === "closed" ? "voting_closed" : "voting_not_open" });
  if (page.voter === "not_resident") return refused({ field: "choices", reason: "not_eligible" });

  switch (intent) {
    case "update":
    case "edit":
      return { step: "form" as Step, answers, errors: {} };
    case "continue": {
      const problems = checkBallotAnswers(page, answers);
      if (problems.length > 0) return data({ step: "form" as Step, answers, errors: errorsOf(problems, locale, page) }, { status: 400 });
      return { step: "check" as Step, answers, errors: {} };
    }
    case "cast": {
      const result = await castBallot(context.services, actor, {
        councilId: council.id,
        processId: page.process.id,
        budgetId: page.budget.id,
        choices: answers.choices,
        votingCode: answers.votingCode || null,
        expectedRevision: answers.expectedRevision,
        postcode: answers.postcode || null,
        ageConfirmed: answers.ageConfirmed,
        ageBand: answers.ageBand || null,
        locale,
      });
      if (result.ok) {
        const receipt = result.value;
        const sealed = sealReceipt(context.services.config, page.budget.id, {
          reference: receipt.reference,
          status: receipt.status,
          // An unchanged resubmission sends nothing new: the first one was receipted.
          emailed: actor !== null && (receipt.receiptSent || receipt.status === "unchanged"),
        });
        return redirect(`/${council.slug}/budgets/${page.process.slug}/vote/${page.budget.id}/confirmation?receipt=${encodeURIComponent(sealed)}`, 303);
      }
      if (result.reason === "not_found") notFound();
      if (result.reason === "not_signed_in") requireActor(context, request, council.slug);
      const problem: AnswerProblem = { field: fieldOf(result.reason), reason: result.reason, detail: result.detail };
      if (result.reason === "stale_ballot") {
        // Show the ballot as it now stands, so the voter decides again from the latest vote.
        const fresh = await getBallotPage(context.services, actor, { councilId: council.id, processSlug: page.process.slug, budgetId: page.budget.id });
        const latest = fresh.ok ? fresh.value.myBallot : null;
        if (latest)
          return refused(problem, {
            ...answersFromChoices(latest.choices, latest.revision),
            postcode: answers.postcode,
            ageConfirmed: answers.ageConfirmed,
            ageBand: answers.ageBand,
            votingCode: answers.votingCode,
          });
      }
      return refused(problem);
    }
    default:
      badRequest();
  }
}

export default function Vote({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const v = loaderData.view;
  const step: Step = actionData?.step ?? "form";
  const answers = actionData?.answers ?? loaderData.answers;
  const errors = actionData?.errors ?? {};
  // After a step changes without a page load (JavaScript), start reading at the top again.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (Object.keys(errors).length === 0) document.getElementById("main-content")?.focus();
    window.scrollTo(0, 0);
  }, [step, actionData]);

  const closedMessage =
    v.votingState === "closed" ? t("voting.ballot.closed") : v.votingState === "not_open" ? t("voting.ballot.notOpen") : v.voter === "not_resident" ? t("voting.ballot.notResident") : null;
  if (closedMessage || !v.config)
    return (
      <Page title={t("voting.ballot.title", { budget: v.budgetName })} errors={errors} backHref={v.processHref}>
        <InsetText>{closedMessage}</InsetText>
        <p>
          <a href={v.processHref}>{t("voting.done.back", { process: v.processTitle })}</a>
        </p>
      </Page>
    );
  return step === "check" ? (
    <CheckAnswers view={v} config={v.config} answers={answers} />
  ) : (
    <BallotForm key={formKey(answers, errors)} view={v} config={v.config} answers={answers} errors={errors} />
  );
}

type View = Route.ComponentProps["loaderData"]["view"];

/** Remounts the form when the server sends different answers (a stale ballot replaced them). */
function formKey(answers: BallotAnswers, errors: Record<string, string>) {
  return JSON.stringify([answers.typed, answers.expectedRevision, Object.keys(errors)]);
}

/** The "too much" problem of a half-filled ballot (over budget, too many), shown beside the counter. */
function liveProblem(config: BallotConfig, view: View, answers: BallotAnswers): BallotProblem | null {
  const checked = checkBallot(
    config,
    view.projects.map((p) => ({ id: p.id, budgetId: config.budgetId, costPence: p.costPence, feasible: true })),
    answers.choices,
  );
  if (checked.ok) return null;
  const { ok: _ok, ...problem } = checked;
  return ["over_budget", "too_many_projects", "over_points", "over_project_cap"].includes(problem.reason) ? problem : null;
}

function BallotForm({ view: v, config, answers: initial, errors }: { view: View; config: BallotConfig; answers: BallotAnswers; errors: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const [answers, setAnswers] = useState(initial);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const type = v.settings.ballotType;
  const projects = v.projects.map((p) => ({ id: p.id, budgetId: config.budgetId, costPence: p.costPence, feasible: true }));
  const money = type === "knapsack" ? remainingMoney(config, projects, answers.choices) : null;
  const points = remainingPoints(config, answers.choices);
  const problem = liveProblem(config, v, answers);
  const names = Object.fromEntries(v.projects.map((p) => [p.id, p.title]));
  const onChange = (event: FormEvent<HTMLFormElement>) => setAnswers(readBallotForm(type, new FormData(event.currentTarget).entries()));

  const legend =
    type === "cumulative"
      ? t("voting.ballot.pointsLegend", { points: config.type === "cumulative" ? config.points : 0 })
      : type === "ranked"
        ? t("voting.ballot.rankLegend")
        : t("voting.ballot.chooseLegend");
  const hint =
    config.type === "cumulative"
      ? t("voting.ballot.pointsHint", { cap: config.pointsPerProjectCap })
      : config.type === "ranked"
        ? t("voting.ballot.rankHint", { count: Math.min(config.rankCount, v.projects.length) })
        : config.type === "knapsack"
          ? t("voting.ballot.knapsackHint", { budget: formatPence(config.budgetPence) })
          : approvalHint(config.minProjects, config.maxProjects, t);
  const aboutYou = v.useVotingCodes || v.requirePostcode || v.minimumAge !== null;
  return (
    <Page title={t("voting.ballot.title", { budget: v.budgetName })} errors={errors} heading={false} backHref={v.processHref}>
      <span className="mb-1 block text-xl text-secondary">{v.processTitle}</span>
      <h1>{t("voting.ballot.title", { budget: v.budgetName })}</h1>
      {v.myReference ? <InsetText>{t("voting.ballot.changing", { reference: v.myReference })}</InsetText> : null}
      <Form method="post" noValidate onChange={onChange}>
        {initial.expectedRevision !== null ? <input type="hidden" name="expectedRevision" value={initial.expectedRevision} /> : null}
        {aboutYou ? <h2>{t("voting.ballot.aboutYou")}</h2> : null}
        {v.useVotingCodes ? (
          <TextInput
            name="votingCode"
            label={t("voting.ballot.code")}
            hint={t("voting.ballot.codeHint")}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            width="20"
            defaultValue={initial.votingCode}
            error={errors.votingCode}
          />
        ) : null}
        {v.requirePostcode ? (
          <TextInput
            name="postcode"
            label={t("voting.ballot.postcode")}
            hint={v.budgetWard ? t("voting.ballot.postcodeWardHint", { ward: v.budgetWard }) : t("voting.ballot.postcodeHint")}
            autoComplete="postal-code"
            spellCheck={false}
            autoCapitalize="characters"
            width="10"
            defaultValue={initial.postcode}
            error={errors.postcode}
          />
        ) : null}
        {v.minimumAge !== null ? (
          <Checkboxes
            name="ageConfirmed"
            legend={t("voting.ballot.age")}
            options={[{ value: "yes", label: t("voting.ballot.ageOption", { age: v.minimumAge }) }]}
            value={initial.ageConfirmed ? "yes" : undefined}
            error={errors.ageConfirmed}
          />
        ) : null}
        <BallotChoices
          type={type}
          projects={v.projects}
          typed={initial.typed}
          legend={legend}
          hint={hint}
          error={errors[CHOICES_ID]}
          rankCount={config.type === "ranked" ? config.rankCount : 0}
        />
        {money || points ? (
          <>
            <BallotCounter money={money} points={points} notice={problem ? ballotMessage(problem, locale, names) : null} />
            {hydrated ? null : (
              <Button variant="secondary" name="intent" value="update">
                {type === "knapsack" ? t("voting.ballot.updateTotal") : t("voting.ballot.updatePoints")}
              </Button>
            )}
          </>
        ) : null}
        <Radios
          name="ageBand"
          legend={t("voting.ballot.ageBand")}
          hint={t("voting.ballot.ageBandHint")}
          options={[...AGE_BANDS.map((band) => ({ value: band, label: ageBandLabel(band, t) })), { value: "", label: t("voting.ballot.ageBandNone") }]}
          value={initial.ageBand}
        />
        <div>
          <Button name="intent" value="continue">
            {t("voting.ballot.continue")}
          </Button>
        </div>
      </Form>
    </Page>
  );
}

function CheckAnswers({ view: v, config, answers }: { view: View; config: BallotConfig; answers: BallotAnswers }) {
  const t = useT();
  const navigation = useNavigation();
  const byId = new Map(v.projects.map((p) => [p.id, p]));
  const type = v.settings.ballotType;
  const chosen = orderedChoices(type, answers.choices, v.projects.map((p) => p.id));
  const rows = chosen.map((c) => {
    const p = byId.get(c.projectId);
    const title = p?.title ?? c.projectId;
    if (type === "ranked") return { key: t("voting.ballot.choiceN", { n: c.value }), value: title };
    if (type === "cumulative") return { key: title, value: c.value === 1 ? t("voting.check.onePoint") : t("voting.check.points", { points: c.value }) };
    return { key: title, value: p ? formatPence(p.costPence) : "" };
  });
  if (type === "approval" || type === "knapsack") {
    const money = remainingMoney(config, v.projects.map((p) => ({ id: p.id, budgetId: config.budgetId, costPence: p.costPence, feasible: true })), answers.choices);
    rows.push({ key: t("voting.check.totalCost"), value: formatPence(money.spentPence) });
  }
  const points = remainingPoints(config, answers.choices);
  if (points) rows.push({ key: t("voting.check.pointsGiven"), value: t("voting.check.pointsOf", { spent: points.spent, points: points.points }) });
  const about = [
    v.useVotingCodes ? { key: t("voting.check.code"), value: answers.votingCode.trim().toUpperCase() } : null,
    v.requirePostcode ? { key: t("voting.check.postcode"), value: answers.postcode.trim().toUpperCase() } : null,
    v.minimumAge !== null ? { key: t("voting.check.age", { age: v.minimumAge }), value: t("voting.check.yes") } : null,
    { key: t("voting.ballot.ageBand"), value: answers.ageBand ? ageBandLabel(answers.ageBand, t) : t("voting.ballot.ageBandNone") },
  ].filter((row): row is { key: string; value: string } => row !== null);
  const change = (what: string) => (
    <button type="submit" name="intent" value="edit" className="mb-8 cursor-pointer text-link underline underline-offset-[0.15em]">
      {t("voting.check.change")}
      <span className="sr-only"> {what}</span>
    </button>
  );
  return (
    <Page title={t("voting.check.title")} heading={false} backHref={v.processHref}>
      <span className="mb-1 block text-xl text-secondary">{t("voting.ballot.title", { budget: v.budgetName })}</span>
      <h1>{t("voting.check.title")}</h1>
      <Form method="post" noValidate>
        {ballotHiddenFields(type, answers).map(([name, value], i) => (
          <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
        ))}
        <h2>{t("voting.check.choices")}</h2>
        {rows.length > 0 ? <SummaryList rows={rows} /> : <p>{t("voting.check.noChoices")}</p>}
        {change(t("voting.check.changeChoices"))}
        {about.length > 0 ? (
          <>
            <h2>{t("voting.check.aboutYou")}</h2>
            <SummaryList rows={about} />
            {change(t("voting.check.changeDetails"))}
          </>
        ) : null}
        <h2>{t("voting.check.castHeading")}</h2>
        <p>{v.useVotingCodes ? t("voting.check.castLeadCode") : t("voting.check.castLead")}</p>
        <Button name="intent" value="cast" disabled={navigation.state === "submitting"}>
          {t("voting.check.cast")}
        </Button>
      </Form>
    </Page>
  );
}

function ageBandLabel(band: string, t: Translate): string {
  return band === "Under 16" ? t("voting.ballot.ageBandUnder16") : band === "75+" ? t("voting.ballot.ageBand75") : t("voting.ballot.ageBandRange", { from: band.split("-")[0]!, to: band.split("-")[1]! });
}
