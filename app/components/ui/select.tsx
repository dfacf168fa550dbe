// GOV.UK select. Use radios when there are only a few options; a select suits long lists
// such as wards.
import type { SelectHTMLAttributes } from "react";
import { ErrorMessage } from "./error-summary.tsx";

interface Props extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
}

export function Select({ name, label, hint, error, options, id = name, ...props }: Props) {
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
      <select
        id={id}
        name={name}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`h-10 min-w-[11.5em] max-w-full border-2 ${error ? "border-error" : "border-input"} bg-white px-1`}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
