// GOV.UK select. Use radios when there are only a few options; a select suits long lists
// such as wards.
import type { SelectHTMLAttributes } from "react";
import { Field } from "./field.tsx";

interface Props extends SelectHTMLAttributes<HTMLSelectElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
}

export function Select({ name, label, hint, error, options, id = name, ...props }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
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
      )}
    </Field>
  );
}
