// Page copy comes from the message catalogue for the visitor's language.
import { createContext, useContext, type ReactNode } from "react";
import { translator, type Translate } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

const LocaleContext = createContext<Locale>("en");

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useLocale());
}
