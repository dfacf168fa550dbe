// Officers import a past vote from a pabulib `.pb` file: it is counted at once and the officer
// lands on its results page, unpublished. A file that cannot be read is named by section and line.
import { data, Form, redirect } from "react-router";
import type { Route } from "./+types/officer.budgets.import";
import { useT } from "~/components/i18n.tsx";
import { Page } from "~/components/layout/page.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Radios } from "~/components/ui/choices.tsx";
import { ErrorMessage } from "~/components/ui/error-summary.tsx";
import { countErrorMessage, parseErrorMessage } from "~/domain/budgeting/messages.ts";
import { translator } from "~/domain/i18n/catalogue.ts";
import { IMPORT_FALLBACK_RULES, MAX_IMPORT_BYTES } from "~/domain/budgeting/pabulib-import.ts";
import { importPabulib } from "~/server/budgeting/import.server.ts";
import { requirePermission } from "~/server/http/auth.server.ts";
import { badRequest, forbidden, getLocale, requireCouncil } from "~/server/http/request.server.ts";
import { readLimitedForm } from "~/server/http/limited-form.server.ts";

const MAX_SIZE = `${MAX_IMPORT_BYTES / (1024 * 1024)} MB`;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const council = await requireCouncil(context.services, params.council);
  requirePermission(context, request, council, "budgeting.manage");
  return null;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const council = await requireCouncil(context.services, params.council);
  const { actor } = requirePermission(context, request, council, "budgeting.manage");
  const locale = getLocale(request);
  const t = translator(locale);
  const invalid = (fields: { fallbackRule: string }, errors: Record<string, string>) => data({ fields, errors }, { status: 400 });

  // Room for the multipart boundaries and the other field besides the file.
  const read = await readLimitedForm(request, MAX_IMPORT_BYTES + 64 * 1024);
  if (!read.ok) {
    if (read.status === 400) badRequest();
    return invalid({ fallbackRule: "equal_shares" }, { file: t("results.import.error.tooLarge", { size: MAX_SIZE }) });
  }
  const fallbackRule = String(read.form.get("fallbackRule") ?? "");
  const fields = { fallbackRule };
  const file = read.form.get("file");
  if (!(file instanceof File) || file.size === 0) return invalid(fields, { file: t("results.import.error.required") });
  if (file.size > MAX_IMPORT_BYTES) return invalid(fields, { file: t("results.import.error.tooLarge", { size: MAX_SIZE }) });

  const result = await importPabulib(context.services, actor, { councilId: council.id, fileName: file.name, text: await file.text(), fallbackRule });
  if (result.ok) {
    const query = new URLSearchParams({ imported: "1", fileRule: result.value.fileRule, fromFile: result.value.ruleFromFile ? "1" : "0" });
    return redirect(`/${council.slug}/officer/budgets/${result.value.slug}/results?${query}`);
  }
  switch (result.reason) {
    case "forbidden":
      return forbidden();
    case "invalid":
      return invalid(fields, { fallbackRule: t("results.import.error.fallbackRequired") });
    case "unreadable":
      return invalid(fields, {
        file: t("results.import.error.unreadable", { problem: parseErrorMessage(result.detail.reason, locale, result.detail.detail) }),
      });
    case "unsupported":
      return invalid(fields, { file: t(`results.import.error.${result.detail.reason}`, { subject: result.detail.subject ?? "" }) });
    case "count_failed":
      return invalid(fields, { file: t("results.import.error.count", { problem: countErrorMessage(result.detail.reason, locale) }) });
  }
}

export default function ImportPabulib({ actionData }: Route.ComponentProps) {
  const t = useT();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const fileError = errors?.file;
  const describedBy = ["file-hint", fileError ? "file-error" : null].filter(Boolean).join(" ");
  return (
    <Page title={t("results.import.title")} errors={errors}>
      <p>{t("results.import.lead")}</p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`mb-6 ${fileError ? "border-l-[5px] border-error pl-4" : ""}`}>
          <label htmlFor="file" className="mb-1 block font-bold">
            {t("results.import.file")}
          </label>
          <div id="file-hint" className="mb-3 text-secondary">
            {t("results.import.fileHint", { size: MAX_SIZE })}
          </div>
          <ErrorMessage id="file-error">{fileError}</ErrorMessage>
          <input
            id="file"
            name="file"
            type="file"
            accept=".pb,text/plain"
            aria-describedby={describedBy}
            aria-invalid={fileError ? true : undefined}
            className={`block w-full max-w-xl border-2 p-1 ${fileError ? "border-error" : "border-transparent"}`}
          />
        </div>
        <Radios
          name="fallbackRule"
          legend={t("results.import.fallback")}
          error={errors?.fallbackRule}
          value={actionData?.fields?.fallbackRule || "equal_shares"}
          options={IMPORT_FALLBACK_RULES.map((rule) =>
            rule === "equal_shares"
              ? { value: rule, label: t("results.import.fallback.equal_shares"), hint: t("results.import.fallback.equal_sharesHint") }
              : { value: rule, label: t("results.import.fallback.greedy") },
          )}
        />
        <Button>{t("results.import.submit")}</Button>
      </Form>
    </Page>
  );
}
