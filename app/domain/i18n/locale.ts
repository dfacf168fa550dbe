// English and Welsh. Welsh copy follows the Welsh Language Standards' expectation that
// Welsh is treated no less favourably than English (see shared reference: uk-standards).
export const LOCALES = ["en", "cy"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "cy";
}

/** Picks the locale from the language cookie, then the browser's Accept-Language, else English. */
export function negotiateLocale(cookieValue: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  const first = acceptLanguage?.split(",")[0]?.trim().slice(0, 2).toLowerCase();
  return isLocale(first) ? first : "en";
}

/** Replaces {name} placeholders. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in params ? String(params[key]) : match));
}
