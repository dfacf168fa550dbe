import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "warning";

const styles: Record<Variant, string> = {
  primary: "bg-button text-white shadow-[0_2px_0_var(--color-button-shadow)] hover:bg-[#0b5c3e]",
  secondary: "bg-[#f3f2f1] text-ink shadow-[0_2px_0_#929191] hover:bg-[#dbdad9]",
  warning: "bg-error text-white shadow-[0_2px_0_#55150b] hover:bg-[#a32a2a]",
};

/** GOV.UK button. Always inside a real <form>, so it works without JavaScript. */
export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="submit"
      className={`mb-8 inline-block cursor-pointer rounded-none px-3 py-2 text-[1.1875rem] leading-tight ${styles[variant]} ${className}`}
      {...props}
    />
  );
}
