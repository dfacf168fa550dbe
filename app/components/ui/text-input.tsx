import type { InputHTMLAttributes } from "react";
import { Field } from "./field.tsx";

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
  return (
    <Field id={id} label={label} hint={hint} error={error} labelIsPageHeading={labelIsPageHeading}>
      {(describedBy) => (
        <input
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={`h-10 border-2 ${error ? "border-error" : "border-input"} px-1 ${widths[width]}`}
          {...props}
        />
      )}
    </Field>
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
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={name}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={`w-full border-2 ${error ? "border-error" : "border-input"} p-1`}
          rows={5}
          {...props}
        />
      )}
    </Field>
  );
}
