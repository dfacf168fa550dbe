// Voting codes: how many were issued and used, and issuing more. Issued codes are shown once, in
// the response to the form, as printable cards and as a CSV download built into the same page —
// the server keeps only keyed hashes, so there is nothing to fetch again later.
import { data, Form } from "react-router";
import type { Route } from "./+types/officer.budgets.$process.codes";
import { Page } from "~/components/layout/page.tsx";
import { useT } from "~/components/i18n.tsx";
import { Button } from "~/components/ui/button.tsx";
import { InsetText, NotificationBanner, SummaryList } from "~/components/ui/panels.tsx";
import { TextInput } from "~/components/ui/text-input.tsx";
import { fieldErrorMessage } from "~/domain/budgeting/ballot-messages.ts";
import { codesMessage } from "~/domain/budgeting/paper-messages.ts";
import type { FieldErrorCode } from "~/domain/budgeting/process.ts";
import { MAX_CODES_PER_REQUEST } from "~/server/budgeting/ballots.server.ts";
import { issueVotingCodesFor, votingCodeSummary } from "~/server/budgeting/voting-codes.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { getLocale, notFound, readForm, requireCouncil } from "~/server/http/request.server.ts";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const result = await votingCodeSummary(context.services, actor, { councilId: council.id, process: params.process });
  if (!result.ok) notFound();
  const { process, issued, used, canIssue } = result.value;
  return {
    process: { slug: process.slug, title: process.title, useVotingCodes: process.useVotingCodes },
    issued,
    used,
    canIssue,
    maxPerRequest: MAX_CODES_PER_REQUEST,
    voteUrl: `${context.services.config.publicUrl}/${council.slug}/budgets/${process.slug}`,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const locale = getLocale(request);
  const form = await readForm(request);
  const typed = (form.count ?? "").trim().slice(0, 20);
  const count = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
  const result = await issueVotingCodesFor(context.services, actor, { councilId: council.id, process: params.process, count });
  // The plain codes exist only in this response: never cache it anywhere.
  const headers = { "Cache-Control": "no-store" };
  if (result.ok) return data({ codes: result.value.codes, fields: { count: "" }, errors: undefined }, { headers });
  if (result.reason === "not_found") notFound();
  if (result.reason === "invalid") {
    const code = ((result.detail as { fieldErrors?: { count?: string } })?.fieldErrors?.count ?? "invalid") as FieldErrorCode;
    const message = typed === "" ? fieldErrorMessage("count", "required", locale) : fieldErrorMessage("count", code, locale);
    return data({ codes: null, fields: { count: typed }, errors: { count: message } }, { status: 400, headers });
  }
  return data({ codes: null, fields: { count: typed }, errors: { count: codesMessage(result.reason, locale) } }, { status: 409, headers });
}

/** One row per code; cells quoted, and a leading =, +, - or @ neutralised so a spreadsheet never runs a title as a formula. */
function csvOf(rows: string[][]): string {
  const cell = (v: string) => `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replaceAll('"', '""')}"`;
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

export default function VotingCodes({ loaderData, actionData, params }: Route.ComponentProps) {
  const t = useT();
  const { process } = loaderData;
  const back = `/${params.council}/officer/budgets/${process.slug}`;
  const codes = actionData?.codes;

  if (codes) {
    const csv = csvOf([[t("paper.codes.csv.code"), t("paper.codes.csv.process"), t("paper.codes.csv.url")], ...codes.map((c) => [c, process.title, loaderData.voteUrl])]);
    return (
      <Page title={t("paper.codes.issuedTitle")}>
        <div className="print:hidden">
          <NotificationBanner>{t("paper.codes.onceOnly")}</NotificationBanner>
          <p>
            <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download={`voting-codes-${process.slug}.csv`} className="font-bold">
              {t("paper.codes.download")}
            </a>
          </p>
          <p>{t("paper.codes.print")}</p>
        </div>
        <h2 className="sr-only">{t("paper.codes.listCaption")}</h2>
        <ul className="mb-8 grid list-none gap-4 sm:grid-cols-2 print:grid-cols-2" data-testid="voting-codes">
          {codes.map((code) => (
            <li key={code} className="break-inside-avoid border-2 border-ink p-4">
              <p className="mb-2 font-bold">{t("paper.codes.card.vote", { process: process.title })}</p>
              <p className="mb-2">{t("paper.codes.card.where", { url: loaderData.voteUrl })}</p>
              <p className="mb-2 font-mono text-2xl font-bold tracking-wider" data-testid="voting-code">
                {code}
              </p>
              <p className="mb-1 text-base">{t("paper.codes.card.once")}</p>
              <p className="mb-0 text-base">{t("paper.codes.card.paper")}</p>
            </li>
          ))}
        </ul>
        <p className="print:hidden">
          <a href={`/${params.council}/officer/budgets/${process.slug}/codes`}>{t("paper.codes.done")}</a>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t("paper.codes.title")} errors={actionData?.errors} backHref={back}>
      <p className="text-secondary">{process.title}</p>
      <p>{t("paper.codes.lead")}</p>
      <SummaryList
        rows={[
          { key: t("paper.codes.issued"), value: String(loaderData.issued) },
          { key: t("paper.codes.used"), value: `${loaderData.used} (${t("paper.codes.usedHint")})` },
        ]}
      />
      {!process.useVotingCodes ? (
        <InsetText>{t("paper.codes.notUsing")}</InsetText>
      ) : loaderData.canIssue ? (
        <Form method="post" noValidate>
          <TextInput
            name="count"
            label={t("paper.codes.count")}
            hint={t("paper.codes.countHint", { max: loaderData.maxPerRequest.toLocaleString("en-GB") })}
            inputMode="numeric"
            width="5"
            defaultValue={actionData?.fields.count}
            error={actionData?.errors?.count}
          />
          <Button>{t("paper.codes.submit")}</Button>
        </Form>
      ) : (
        <InsetText>{t("paper.codes.closed")}</InsetText>
      )}
    </Page>
  );
}
