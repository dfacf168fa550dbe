// "Check your answers" (GOV.UK pattern, before a response that cannot be changed is sent) and
// the copy of answers in the receipt email: each visible question with its answer as plain
// text, and the page to go back to for "Change". Plain text only — callers escape it (React
// does) and the mailer sends it as is, so nothing typed can become markup.
//
// Wording: GOV.UK style guide — numbers with thousands commas ("2,000"), money as "£75" or
// "£75.50". Welsh: DRAFT, awaiting review with messages.ts; Welsh keeps the singular noun after
// a number ("40 pwynt").
import { formatPence } from "~/domain/budgeting/money.ts";
import type { Locale } from "../i18n/locale.ts";
import { visibleQuestions } from "./answers.ts";
import { localText, type Option, type Question, type Questionnaire } from "./questionnaire.ts";

export interface SummaryOptions {
  /** The ward's name for a place answer; the code is shown when it is not known. */
  wardName?: (code: string) => string | undefined;
}

export interface SummaryRow {
  questionId: string;
  /** The page the question is on: where "Change" goes. */
  pageId: string;
  question: string;
  answer: string;
  answered: boolean;
}

const WORDS = {
  en: { notAnswered: "Not answered", point: "point", points: "points", mapPoint: "Point on the map" },
  cy: { notAnswered: "Heb ateb", point: "pwynt", points: "pwynt", mapPoint: "Pwynt ar y map" },
} satisfies Record<Locale, Record<string, string>>;

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function grouped(n: number): string {
  return n.toLocaleString("en-GB", { maximumFractionDigits: 20 });
}

function label(options: readonly Option[], id: unknown, locale: Locale): string {
  const option = options.find((o) => o.id === id);
  return option ? localText(option.label, locale) : String(id);
}

function amount(n: number, money: boolean, locale: Locale): string {
  if (money && Number.isSafeInteger(n)) return formatPence(BigInt(n));
  return `${grouped(n)} ${n === 1 ? WORDS[locale].point : WORDS[locale].points}`;
}

/**
 * One answer as plain text: "Buses", "Parks and green spaces: 40 points; Buses: 60 points",
 * "1. Buses 2. Parks", "3 people". Empty when there is no answer.
 */
export function answerSummary(question: Question, value: unknown, locale: Locale, options: SummaryOptions = {}): string {
  if (value === undefined || value === null || value === "") return "";
  switch (question.kind) {
    case "single_choice":
    case "likert":
      return label(question.options, value, locale);
    case "multiple_choice": {
      const ids = Array.isArray(value) ? value : [value];
      return ids.map((id) => label(question.options, id, locale)).join("; ");
    }
    case "free_text":
    case "postcode":
      return String(value);
    case "number": {
      if (typeof value !== "number") return String(value);
      const unit = question.unit ? ` ${localText(question.unit, locale)}` : "";
      return `${grouped(value)}${unit}`;
    }
    case "ranking": {
      const ids = Array.isArray(value) ? value : [];
      return ids.map((id, i) => `${i + 1}. ${label(question.options, id, locale)}`).join(" ");
    }
    case "points": {
      if (typeof value !== "object") return "";
      return question.options
        .map((o) => ({ o, n: own(value, o.id) }))
        .filter((x): x is { o: Option; n: number } => typeof x.n === "number" && x.n > 0)
        .map(({ o, n }) => `${localText(o.label, locale)}: ${amount(n, question.money === true, locale)}`)
        .join("; ");
    }
    case "map": {
      if (typeof value !== "object") return "";
      const ward = own(value, "wardCode");
      const description = own(value, "description");
      const lat = own(value, "lat");
      const lng = own(value, "lng");
      const parts: string[] = [];
      if (typeof ward === "string" && ward !== "") parts.push(options.wardName?.(ward) ?? ward);
      if (typeof description === "string" && description !== "") parts.push(description);
      if (typeof lat === "number" && typeof lng === "number") parts.push(`${WORDS[locale].mapPoint}: ${lat}, ${lng}`);
      return parts.join("\n");
    }
  }
}

/**
 * The rows of "Check your answers": every question the respondent is asked, in order, with its
 * answer or "Not answered". Expects checked answers (checkComplete); tolerates others.
 */
export function summaryRows(
  questionnaire: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
  locale: Locale,
  options: SummaryOptions = {},
): SummaryRow[] {
  const pageOf = new Map<string, string>();
  for (const page of questionnaire.pages) for (const q of page.questions) pageOf.set(q.id, page.id);
  return visibleQuestions(questionnaire, answers).map((q) => {
    const text = answerSummary(q, own(answers, q.id), locale, options);
    return {
      questionId: q.id,
      pageId: pageOf.get(q.id)!,
      question: localText(q.title, locale),
      answer: text === "" ? WORDS[locale].notAnswered : text,
      answered: text !== "",
    };
  });
}
