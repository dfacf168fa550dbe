import type { ReactNode } from "react";
import { useRouteLoaderData } from "react-router";
import { useT } from "../i18n.tsx";
import { ErrorSummary, type FieldErrors } from "../ui/error-summary.tsx";

/**
 * One page: sets the document title (GOV.UK "Error: " prefix when the form has errors),
 * shows the error summary above everything else, then the page heading and content.
 */
export function Page({
  title,
  errors,
  heading = true,
  backHref,
  children,
}: {
  title: string;
  errors?: FieldErrors;
  /** false when the page renders its own h1 (for example a label as page heading). */
  heading?: boolean;
  backHref?: string;
  children: ReactNode;
}) {
  const t = useT();
  const root = useRouteLoaderData("root") as { council: { name: string } | null } | undefined;
  const hasErrors = Object.values(errors ?? {}).some(Boolean);
  // The council's own home page is titled with its name already: say it once.
  const suffix = root?.council && root.council.name !== title ? ` – ${root.council.name}` : "";
  return (
    <>
      <title>{`${hasErrors ? t("common.errorTitlePrefix") : ""}${title}${suffix} – Commonweal`}</title>
      {backHref ? (
        <a href={backHref} className="mb-6 inline-block text-base !text-ink">
          ‹ {t("common.back")}
        </a>
      ) : null}
      <ErrorSummary errors={errors} />
      {heading ? <h1>{title}</h1> : null}
      {children}
    </>
  );
}
