// A questionnaire as a form that works without JavaScript: the name of every field, reading a
// posted page back into answers (keeping what was typed, so an error page shows it again), and
// writing answers out as field values or hidden fields (to prefill a page, or to carry an
// anonymous respondent's answers from page to page). What this reads is only ever a claim:
// `checkPage` / `checkComplete` (answers.ts) judge it.
//
// Field names (question ids and option ids are slugs, so names never need escaping):
// - single_choice, likert, free_text, number, postcode: `q-<questionId>`
// - multiple_choice: `q-<questionId>` once per ticked box, its value the option id
// - ranking: a select `q-<questionId>-rank-<optionId>` per option, value "1".."K" or "" (the
//   non-drag alternative: WCAG 2.2 2.5.7, uk-standards §7 "numbered select boxes")
// - points: a number box `q-<questionId>-pts-<optionId>` per option ("" = none)
// - map: `q-<questionId>-ward` (a ward code), `q-<questionId>-description`, and, from the map
//   when JavaScript runs, `q-<questionId>-lat` / `q-<questionId>-lng`
// parseQuestionnaire refuses a questionnaire in which two questions would share a name.
//
// Hostile input: at most MAX_FIELDS fields are looked at; names that are not this page's are
// ignored (so `__proto__`, `constructor` and the like never become keys); values are cut to a
// length; a single-value field posted twice keeps its first value. Nothing here throws.
import { parseMoney, penceToInput } from "~/domain/budgeting/money.ts";
import type { Answers, AnswerValue } from "./answers.ts";
import type { Question, Questionnaire } from "./questionnaire.ts";

/** Far above the largest real page (200 questions × 50 options) plus hidden fields for the rest. */
export const MAX_FIELDS = 12_000;
const MAX_NAME = 120;
/** Twice the free-text hard cap: long enough to say by how much an answer is too long. */
const MAX_TEXT = 20_000;
const MAX_SHORT = 100;

export function fieldName(questionId: string): string {
  return `q-${questionId}`;
}

export function rankField(questionId: string, optionId: string): string {
  return `q-${questionId}-rank-${optionId}`;
}

export function pointsField(questionId: string, optionId: string): string {
  return `q-${questionId}-pts-${optionId}`;
}

export function placeFields(questionId: string): { ward: string; description: string; lat: string; lng: string } {
  const name = fieldName(questionId);
  return { ward: `${name}-ward`, description: `${name}-description`, lat: `${name}-lat`, lng: `${name}-lng` };
}

/** Every field name a question posts. */
export function questionFieldNames(question: Question): string[] {
  switch (question.kind) {
    case "ranking":
      return question.options.map((o) => rankField(question.id, o.id));
    case "points":
      return question.options.map((o) => pointsField(question.id, o.id));
    case "map":
      return Object.values(placeFields(question.id));
    default:
      return [fieldName(question.id)];
  }
}

/** What the respondent typed or chose, by field name; checkboxes as a list. */
export type TypedFields = Record<string, string | string[]>;

export interface PageRead {
  /**
   * Every question of the page has a key: its answer as read, or undefined when left blank,
   * so spreading over saved answers clears one the respondent emptied. Not yet checked: a
   * number that is not one is NaN, a ranking is a map of option → position.
   */
  answers: Partial<Answers>;
  typed: TypedFields;
}

/**
 * A typed number: "1,250", "-3.5", " 12 " are read; blank is null; anything else is NaN (which
 * checkAnswer calls 'not_a_number'). No exponents or hex: "1e3" is not what a person means.
 */
export function parseNumberInput(input: string): number | null {
  const t = input.trim().replace(/[\u2212\u2012\u2013]/g, "-");
  if (t === "") return null;
  if (t.length > 40) return Number.NaN;
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replaceAll(",", "") : t;
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return Number.NaN;
  const n = Number(plain);
  return n === 0 ? 0 : n;
}

/**
 * A points box: whole numbers ("40", "1,000"); blank is null; a decimal or anything else comes
 * through as a non-integer so checkAnswer can say 'points_not_whole'. For money, pounds and
 * pence as typed ("£150", "150.50") become integer pence exactly (budgeting/money.ts).
 */
export function parsePointsInput(input: string, money: boolean): number | null {
  const t = input.trim().replace(/[\u2212\u2012\u2013]/g, "-");
  if (t === "") return null;
  if (t.length > 40) return Number.NaN;
  if (money) {
    const negative = /^(-\s*£?|£\s*-)/.test(t);
    const read = parseMoney(negative ? t.replace("-", "") : t);
    if (!read.ok) return read.reason === "too_large" ? Number.MAX_SAFE_INTEGER : Number.NaN;
    const pence = Number(read.value);
    return negative && pence !== 0 ? -pence : pence;
  }
  const plain = /^-?\d{1,3}(,\d{3})+$/.test(t) ? t.replaceAll(",", "") : t;
  if (!/^-?\d+(\.\d+)?$/.test(plain)) return Number.NaN;
  const n = Number(plain);
  return n === 0 ? 0 : n;
}

function parseRank(input: string): number | null {
  const t = input.trim();
  if (t === "") return null;
  return /^\d{1,3}$/.test(t) ? Number(t) : Number.NaN;
}

function parseCoordinate(input: string): number | null {
  const t = input.trim();
  if (t === "") return null;
  return /^-?\d{1,3}(\.\d{1,12})?$/.test(t) ? Number(t) : Number.NaN;
}

function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

function blank(value: string): boolean {
  return value.trim() === "";
}

interface Slot {
  question: Question;
  /** Values kept: several only for a multiple-choice question's boxes. */
  repeat: number;
  max: number;
}

function slotsFor(questions: readonly Question[]): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  for (const q of questions) {
    if (q.kind === "map") {
      const f = placeFields(q.id);
      slots.set(f.ward, { question: q, repeat: 1, max: MAX_SHORT });
      slots.set(f.description, { question: q, repeat: 1, max: MAX_TEXT });
      slots.set(f.lat, { question: q, repeat: 1, max: MAX_SHORT });
      slots.set(f.lng, { question: q, repeat: 1, max: MAX_SHORT });
    } else {
      const repeat = q.kind === "multiple_choice" ? q.options.length : 1;
      const max = q.kind === "free_text" ? MAX_TEXT : MAX_SHORT;
      for (const name of questionFieldNames(q)) slots.set(name, { question: q, repeat, max });
    }
  }
  return slots;
}

function readQuestions(questions: readonly Question[], fields: Iterable<readonly [string, string]>): PageRead {
  const slots = slotsFor(questions);
  const got = new Map<string, string[]>();
  let seen = 0;
  if (fields && typeof (fields as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const entry of fields as Iterable<unknown>) {
      if (++seen > MAX_FIELDS) break;
      if (!Array.isArray(entry)) continue;
      const [name, value] = entry as unknown[];
      if (typeof name !== "string" || typeof value !== "string" || name.length > MAX_NAME) continue;
      const slot = slots.get(name);
      if (!slot) continue;
      const list = got.get(name) ?? [];
      if (list.length >= slot.repeat) continue;
      list.push(clip(value, slot.max));
      got.set(name, list);
    }
  }
  const first = (name: string) => got.get(name)?.[0] ?? "";
  const answers: Partial<Answers> = {};
  const typed: TypedFields = {};
  for (const q of questions) {
    answers[q.id] = readOne(q, first, got, typed);
  }
  return { answers, typed };
}

function readOne(q: Question, first: (name: string) => string, got: ReadonlyMap<string, string[]>, typed: TypedFields): AnswerValue | undefined {
  const name = fieldName(q.id);
  switch (q.kind) {
    case "single_choice":
    case "likert":
    case "free_text":
    case "postcode": {
      const v = first(name);
      typed[name] = v;
      return blank(v) ? undefined : v;
    }
    case "multiple_choice": {
      const list = (got.get(name) ?? []).filter((v) => !blank(v));
      typed[name] = list;
      return list.length > 0 ? list : undefined;
    }
    case "number": {
      const v = first(name);
      typed[name] = v;
      return parseNumberInput(v) ?? undefined;
    }
    case "ranking":
    case "points": {
      const ranks: Record<string, number> = {};
      let any = false;
      for (const o of q.options) {
        const field = q.kind === "ranking" ? rankField(q.id, o.id) : pointsField(q.id, o.id);
        const v = first(field);
        typed[field] = v;
        const n = q.kind === "ranking" ? parseRank(v) : parsePointsInput(v, q.money === true);
        if (n === null) continue;
        ranks[o.id] = n;
        any = true;
      }
      return any ? ranks : undefined;
    }
    case "map": {
      const f = placeFields(q.id);
      const place: { wardCode?: string; description?: string; lat?: number; lng?: number } = {};
      const ward = first(f.ward);
      const description = first(f.description);
      const lat = first(f.lat);
      const lng = first(f.lng);
      Object.assign(typed, { [f.ward]: ward, [f.description]: description, [f.lat]: lat, [f.lng]: lng });
      if (!blank(ward)) place.wardCode = ward.trim();
      if (!blank(description)) place.description = description;
      const la = parseCoordinate(lat);
      const ln = parseCoordinate(lng);
      if (la !== null) place.lat = la;
      if (ln !== null) place.lng = ln;
      return Object.keys(place).length > 0 ? place : undefined;
    }
  }
}

/** Reads one page of a posted form (FormData entries as pairs). An unknown page reads as nothing. */
export function readPage(questionnaire: Questionnaire, pageId: string, fields: readonly (readonly [string, string])[]): PageRead {
  const page = questionnaire.pages.find((p) => p.id === pageId);
  if (!page) return { answers: {}, typed: {} };
  return readQuestions(page.questions, fields);
}

/** Reads every page's fields at once: the hidden fields `answerFields` wrote, plus the page posted. */
export function readAnswers(questionnaire: Questionnaire, fields: readonly (readonly [string, string])[]): PageRead {
  return readQuestions(
    questionnaire.pages.flatMap((p) => p.questions),
    fields,
  );
}

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function numberText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string") return value;
  return undefined;
}

/**
 * Answers as the values their fields show, by field name: to prefill a page from saved answers
 * (checked or as read). `pageId` limits it to one page.
 */
export function answersToFields(questionnaire: Questionnaire, answers: Readonly<Record<string, unknown>>, pageId?: string): TypedFields {
  const out: TypedFields = {};
  for (const page of questionnaire.pages) {
    if (pageId !== undefined && page.id !== pageId) continue;
    for (const q of page.questions) {
      const value = own(answers, q.id);
      if (value === undefined || value === null) continue;
      writeOne(q, value, out);
    }
  }
  return out;
}

function writeOne(q: Question, value: unknown, out: TypedFields): void {
  const name = fieldName(q.id);
  switch (q.kind) {
    case "single_choice":
    case "likert":
    case "free_text":
    case "postcode":
      if (typeof value === "string") out[name] = value;
      return;
    case "number": {
      const t = numberText(value);
      if (t !== undefined) out[name] = t;
      return;
    }
    case "multiple_choice":
      if (typeof value === "string") out[name] = [value];
      else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === "string");
      return;
    case "ranking":
      if (Array.isArray(value)) {
        value.forEach((id, i) => {
          if (typeof id === "string") out[rankField(q.id, id)] = String(i + 1);
        });
      } else if (typeof value === "object") {
        for (const o of q.options) {
          const t = numberText(own(value as object, o.id));
          if (t !== undefined) out[rankField(q.id, o.id)] = t;
        }
      }
      return;
    case "points":
      if (typeof value !== "object" || Array.isArray(value)) return;
      for (const o of q.options) {
        const v = own(value as object, o.id);
        const t = q.money && typeof v === "number" && Number.isSafeInteger(v) ? penceToInput(BigInt(v)) : numberText(v);
        if (t !== undefined) out[pointsField(q.id, o.id)] = t;
      }
      return;
    case "map": {
      if (typeof value !== "object" || Array.isArray(value)) return;
      const f = placeFields(q.id);
      const ward = own(value as object, "wardCode");
      const description = own(value as object, "description");
      const lat = numberText(own(value as object, "lat"));
      const lng = numberText(own(value as object, "lng"));
      if (typeof ward === "string") out[f.ward] = ward;
      if (typeof description === "string") out[f.description] = description;
      if (lat !== undefined) out[f.lat] = lat;
      if (lng !== undefined) out[f.lng] = lng;
      return;
    }
  }
}

/**
 * Answers as hidden fields (name, value) that `readAnswers` reads back, leaving out the page
 * being shown (its own fields carry its answers).
 */
export function answerFields(
  questionnaire: Questionnaire,
  answers: Readonly<Record<string, unknown>>,
  options: { exceptPageId?: string } = {},
): [string, string][] {
  const fields: [string, string][] = [];
  for (const page of questionnaire.pages) {
    if (page.id === options.exceptPageId) continue;
    for (const [name, value] of Object.entries(answersToFields(questionnaire, answers, page.id))) {
      if (Array.isArray(value)) for (const v of value) fields.push([name, v]);
      else fields.push([name, value]);
    }
  }
  return fields;
}
