// GOV.UK file upload. The form around it must be `encType="multipart/form-data"`.
import type { InputHTMLAttributes } from "react";
import { Field } from "./field.tsx";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

export function FileUpload({ name, label, hint, error, id = name, ...props }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={name}
          type="file"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          className={`block max-w-full ${error ? "border-2 border-error p-1" : ""}`}
          {...props}
        />
      )}
    </Field>
  );
}
