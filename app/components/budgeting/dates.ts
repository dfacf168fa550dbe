// Dates and times on the budgeting pages, in UK time and GOV.UK style: "1 June 2026",
// "5pm on 1 June 2026", "midnight", "midday". Month names are our own rather than the runtime's:
// browsers do not all carry Welsh locale data, and a hydrated page must say exactly what the
// server sent. Intl is used only to find the UK calendar date and clock time.
import type { Translate } from "~/domain/i18n/catalogue.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

const MONTHS: Record<Locale, readonly string[]> = {
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  cy: ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"],
};

function ukParts(date: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute") };
}

export function formatDate(date: Date, locale: Locale): string {
  const { year, month, day } = ukParts(date);
  return `${day} ${MONTHS[locale][month - 1]} ${year}`;
}

/** A closing time: the time matters as much as the day (voting shuts at that minute). */
export function formatDateTime(date: Date, locale: Locale, t: Translate): string {
  const { hour, minute } = ukParts(date);
  let time: string;
  if (minute === 0 && hour === 0) time = t("voting.time.midnight");
  else if (minute === 0 && hour === 12) time = t("voting.time.midday");
  else {
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    time = `${h12}${minute ? `:${String(minute).padStart(2, "0")}` : ""}${hour < 12 ? t("voting.time.am") : t("voting.time.pm")}`;
  }
  return t("voting.time.at", { time, date: formatDate(date, locale) });
}
