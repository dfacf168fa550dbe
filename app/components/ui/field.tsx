// The frame every GOV.UK single-control field shares: label, hint, error message and the red
// bar when the answer is wrong. The control itself comes from the caller, given the ids it must
// point at with aria-describedby.
import type { ReactNode } from "react";
import { ErrorMessage } from "./error-summary.tsx";

export interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Renders the label as the page heading (GOV.UK "question pages"). */
  labelIsPageHeading?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}

export function Field({ id, label, hint, error, labelIsPageHeading, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const labelNode = (
    <label htmlFor={id} className={labelIsPageHeading ? "mb-3 block text-[2rem] font-bold sm:text-5xl" : "mb-1 block font-bold"}>
      {label}
    </label>
  );
  return (
    <div className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      {labelIsPageHeading ? <h1 className="mb-0">{labelNode}</h1> : labelNode}
      {hint ? (
        <div id={`${id}-hint`} className="mb-3 text-secondary">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      {children(describedBy)}
    </div>
  );
}
