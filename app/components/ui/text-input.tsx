import type { InputHTMLAttributes } from "react";
import { ErrorMessage } from "./error-summary.tsx";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  /** Renders the label as the page heading (GOV.UK "question pages"). */
  labelIsPageHeading?: boolean;
  width?: "full" | "20" | "10" | "5";
}

const widths = { full: "w-full", "20": "max-w-[41ex] w-full", "10": "max-w-[23ex] w-full", "5": "max-w-[10.8ex] w-full" };

/** GOV.UK text input. The field's id is its name, so error summary links land on it. */
export function TextInput({ name, label, hint, error, labelIsPageHeading, width = "full", id = name, ...props }: Props) {
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
      <input
        id={id}
        name={name}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`h-10 border-2 ${error ? "border-error" : "border-input"} px-1 ${widths[width]}`}
        {...props}
      />
    </div>
  );
}

export function TextArea({
  name,
  label,
  hint,
  error,
  id = name,
  ...props
}: Omit<Props, "labelIsPageHeading" | "width"> & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-[5px] border-error pl-4" : ""}`}>
      <label htmlFor={id} className="mb-1 block font-bold">
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="mb-3 text-secondary">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      <textarea
        id={id}
        name={name}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`w-full border-2 ${error ? "border-error" : "border-input"} p-1`}
        rows={5}
        {...props}
      />
    </div>
  );
}
