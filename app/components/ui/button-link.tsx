import type { ReactNode } from "react";

/**
 * A link that looks like the GOV.UK start button: it goes somewhere (a page), so it is a link,
 * not a button. Focus shows the usual yellow, with dark text.
 */
export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      draggable={false}
      className="mb-8 inline-block bg-button px-4 py-2 text-xl font-bold !text-white no-underline shadow-[0_2px_0_var(--color-button-shadow)] hover:bg-[#0b5c3e] focus-visible:!text-ink"
    >
      {children}
    </a>
  );
}
