import { useEffect, useRef } from "react";
import { useT } from "../i18n.tsx";

export type FieldErrors = Record<string, string | undefined>;

/**
 * GOV.UK error summary: lists every error with a link to its field, using the same words as the
 * inline message. Takes focus when it appears so screen reader users hear it first.
 */
export function ErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length]);
  if (!entries.length) return null;
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title" className="mb-8 border-[5px] border-error p-4 focus:outline-[3px] focus:outline-focus">
      <h2 id="error-summary-title" className="mb-4 text-2xl">
        {t("common.errorSummaryTitle")}
      </h2>
      <ul className="list-none font-bold">
        {entries.map(([field, message]) => (
          <li key={field} className="mb-1">
            <a href={`#${field}`} className="!text-error">
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: string | undefined }) {
  const t = useT();
  if (!children) return null;
  return (
    <p id={id} className="mb-3 font-bold text-error">
      <span className="sr-only">{t("common.errorPrefix")} </span>
      {children}
    </p>
  );
}
