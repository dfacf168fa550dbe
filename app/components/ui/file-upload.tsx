// GOV.UK file upload. The form around it must be `encType="multipart/form-data"`.
import type { InputHTMLAttributes } from "react";
import { ErrorMessage } from "./error-summary.tsx";

interface Props extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

export function FileUpload({ name, label, hint, error, id = name, ...props }: Props) {
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
      <input
        id={id}
        name={name}
        type="file"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className={`block max-w-full ${error ? "border-2 border-error p-1" : ""}`}
        {...props}
      />
    </div>
  );
}
