// Dates and times on the budgeting pages, in UK time and GOV.UK style: "1 June 2026",
// "5pm on 1 June 2026", "midnight", "midday". The same on server and browser (Intl with a fixed
// time zone), so a hydrated page never disagrees with the one the server sent.
import type { Translate } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

const ZONE = "Europe/London";

export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "cy" ? "cy" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: ZONE }).format(date);
}

/** A closing time: the time matters as much as the day (voting shuts at that minute). */
export function formatDateTime(date: Date, locale: Locale, t: Translate): string {
  const parts = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", hourCycle: "h23", timeZone: ZONE }).formatToParts(date);
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === "minute")?.value ?? 0);
  let time: string;
  if (minute === 0 && hour === 0) time = t("voting.time.midnight");
  else if (minute === 0 && hour === 12) time = t("voting.time.midday");
  else {
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    time = `${h12}${minute ? `:${String(minute).padStart(2, "0")}` : ""}${hour < 12 ? t("voting.time.am") : t("voting.time.pm")}`;
  }
  return t("voting.time.at", { time, date: formatDate(date, locale) });
}
