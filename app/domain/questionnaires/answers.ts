// Answers to a questionnaire: what each kind of question accepts, which questions a respondent
// sees given their earlier answers, moving between pages, and the final check before a response
// is stored. Pure. The server runs `checkComplete` when a response is submitted (ASVS 5.0 2.2.2:
// business rules enforced server-side), whatever the pages in between let through.
//
// Rules chosen here
// - Blank is "not answered" (null), never an error, unless the question is required.
// - Free text is plain text: stored as typed after NFC, CRLF → LF, control characters removed and
//   ends trimmed; text containing HTML tags is refused ('contains_markup') rather than silently
//   changed, so what the council reads is exactly what the resident wrote. It is escaped
//   whenever shown; refusing tags also keeps it safe in exports and emails read elsewhere.
// - Multiple choice: a required question needs 1 box unless minSelected says more; repeats of
//   the same option count once.
// - Ranking: exactly K = min(rankCount ?? all, options) options get positions 1..K, each once.
//   A complete top K keeps positions comparable between respondents (mean rank in analysis).
// - Points: whole numbers ≥ 0; zeros are dropped; the sum never exceeds `total`, and equals it
//   when `mustUseAll`. Integers throughout, so the arithmetic is exact.
// - Place: a ward from the council's list (`context.wardCodes`) and/or a description; a map
//   point is optional and never enough on its own ('place_required'), so the answer always
//   means something without the map.
// - Hidden questions (their condition not met) are not checked and their answers are dropped;
//   answers to ids the questionnaire does not have are dropped too.
import type { PostcodeProblem } from "../places/postcode.ts";
import { normalisePostcode } from "../places/postcode.ts";
import { err, ok } from "../result.ts";
import { parseNumberInput, parsePointsInput } from "./form.ts";
import {
  LIMITS,
  type Condition,
  type FreeTextQuestion,
  type MapQuestion,
  type MultipleChoiceQuestion,
  type NumberQuestion,
  type Page,
  type PointsQuestion,
  type Question,
  type QuestionKind,
  type Questionnaire,
  type RankingQuestion,
} from "./questionnaire.ts";

export interface PlaceAnswer {
  wardCode?: string;
  description?: string;
  lat?: number;
  lng?: number;
}

/** The stored answer of each kind. */
export interface AnswerByKind {
  single_choice: string;
  multiple_choice: string[];
  likert: string;
  free_text: string;
  number: number;
  /** Normalised: "M32 0TL". */
  postcode: string;
  /** Option ids, first choice first. */
  ranking: string[];
  /** Option id → points (or pence), only options given more than 0. */
  points: Record<string, number>;
  map: PlaceAnswer;
}

export type AnswerValue = AnswerByKind[QuestionKind];

/** Question id → answer. */
export type Answers = Record<string, AnswerValue>;

export interface AnswerContext {
  /** The council's ward codes, for place questions. Without them no ward is accepted. */
  wardCodes?: readonly string[];
}

export type AnswerReason =
  | "required"
  | "invalid_answer"
  | "unknown_option"
  | "too_few_selected"
  | "too_many_selected"
  | "too_long"
  | "contains_markup"
  | "not_a_number"
  | "not_whole_number"
  | "below_min"
  | "above_max"
  | "postcode_invalid"
  | "ranking_duplicate"
  | "ranking_incomplete"
  | "ranking_invalid"
  | "points_not_whole"
  | "points_negative"
  | "points_over_cap"
  | "points_total_wrong"
  | "points_over_total"
  | "place_unknown_ward"
  | "place_required"
  | "place_point_invalid";

export const ANSWER_REASONS: readonly AnswerReason[] = [
  "required",
  "invalid_answer",
  "unknown_option",
  "too_few_selected",
  "too_many_selected",
  "too_long",
  "contains_markup",
  "not_a_number",
  "not_whole_number",
  "below_min",
  "above_max",
  "postcode_invalid",
  "ranking_duplicate",
  "ranking_incomplete",
  "ranking_invalid",
  "points_not_whole",
  "points_negative",
  "points_over_cap",
  "points_total_wrong",
  "points_over_total",
  "place_unknown_ward",
  "place_required",
  "place_point_invalid",
];

/** The numbers and names messages.ts needs to word a reason; which are set depends on it. */
export interface AnswerDetail {
  kind: QuestionKind;
  optionId?: string;
  min?: number;
  max?: number;
  /** too_long: the answer's length in characters. */
  actual?: number;
  /** Points: the total to allocate, and what was given (in all, or to one option). */
  total?: number;
  given?: number;
  cap?: number;
  /** Points questions in pence. */
  money?: boolean;
  /** Ranking: the position given twice, or the first position nobody has. */
  rank?: number;
  /** Ranking: how many positions to fill. */
  needed?: number;
  integer?: boolean;
  problem?: PostcodeProblem;
  /** Place questions: which part is wrong. */
  field?: "ward" | "description" | "point";
}

export interface AnswerError {
  reason: AnswerReason;
  detail: AnswerDetail;
}

export type AnswerCheck = { ok: true; value: AnswerValue | null } | { ok: false; reason: AnswerReason; detail: AnswerDetail };

/** Longest place description, in characters. */
export const PLACE_DESCRIPTION_MAX = 1000;

/**
 * Where a map point may be: the United Kingdom's extent with a margin (Scilly 49.9°N, Shetland
 * 60.9°N, County Fermanagh 8.2°W, Lowestoft 1.8°E). A point elsewhere is a slip of the map.
 */
export const UK_BOUNDS = { south: 49.0, north: 61.0, west: -9.0, east: 2.0 } as const;

function fail(reason: AnswerReason, detail: AnswerDetail): AnswerCheck {
  return err(reason, detail) as AnswerCheck;
}

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Nothing given: undefined, null, blank text, an empty list, or an object of blanks and zeros. */
export function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).every((k) => value[k] === 0 || isBlank(value[k]));
  return false;
}

// A tag is "<" then a letter (or "/" and a letter) and, after the name, only whitespace, "/" or
// ">" before its closing ">": so "<b>", "</p>", "<img src=x onerror=…>", "<svg/onload=…>" are
// found, while "a < b", "<3", "x<y" and "<name@example.com>" are not. Also comments, CDATA and
// declarations ("<!--", "<![CDATA[", "<!DOCTYPE").
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:[\s/][^<>]*)?>|<!--|<!\[CDATA\[|<![a-zA-Z]/;

export function containsMarkup(text: string): boolean {
  return TAG.test(text);
}

// C0 controls except tab and line feed, DEL, and the bidirectional overrides that can make text
// read differently from what it says (CVE-2021-42574, "Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Plain text as stored: NFC, LF line ends (CR alone too), no control characters, ends trimmed. */
export function normaliseText(input: string, multiline: boolean): string {
  let text = input.normalize("NFC").replace(/\r\n?/g, "\n").replace(CONTROL, "");
  if (!multiline) text = text.replace(/\s*\n\s*/g, " ");
  return text.trim();
}

/** Length as a person counts it: code points, so "ŵ" or an emoji is one character. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function notAnswered(question: Question): AnswerCheck {
  if (!question.required) return ok(null);
  // What the message needs to say how to answer ("Share out your 100 points").
  const detail: AnswerDetail = { kind: question.kind };
  if (question.kind === "points") {
    detail.total = question.total;
    if (question.money) detail.money = true;
  } else if (question.kind === "ranking") detail.needed = rankingSize(question);
  else if (question.kind === "multiple_choice") detail.min = Math.max(question.minSelected ?? 1, 1);
  return fail("required", detail);
}

/** How many options a ranking answer puts in order: the top K, or all of them. */
export function rankingSize(question: RankingQuestion): number {
  return Math.min(question.rankCount ?? question.options.length, question.options.length);
}

/**
 * Checks one answer (as read from a form, or as stored) against its question. ok(null): not
 * answered, and allowed to be. The value returned is the one to store: normalised, in canonical
 * order, with blanks and zeros removed.
 */
export function checkAnswer(question: Question, value: unknown, context: AnswerContext = {}): AnswerCheck {
  if (isBlank(value)) return notAnswered(question);
  const kind = question.kind;
  switch (question.kind) {
    case "single_choice":
    case "likert":
      if (typeof value !== "string" || !question.options.some((o) => o.id === value))
        return fail("unknown_option", { kind, optionId: typeof value === "string" ? value.slice(0, 100) : "" });
      return ok(value);
    case "multiple_choice":
      return checkMultiple(question, value);
    case "free_text":
      return checkFreeText(question, value);
    case "number":
      return checkNumber(question, value);
    case "postcode": {
      if (typeof value !== "string") return fail("invalid_answer", { kind });
      if (value.length > 40) return fail("postcode_invalid", { kind, problem: "wrong_length" });
      const postcode = normalisePostcode(value);
      return postcode.ok ? ok(postcode.value) : fail("postcode_invalid", { kind, problem: postcode.reason });
    }
    case "ranking":
      return checkRanking(question, value);
    case "points":
      return checkPoints(question, value);
    case "map":
      return checkPlace(question, value, context);
  }
}

function checkMultiple(q: MultipleChoiceQuestion, value: unknown): AnswerCheck {
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) return fail("invalid_answer", { kind: q.kind });
  const chosen = new Set<string>();
  for (const id of list) {
    if (typeof id !== "string" || !q.options.some((o) => o.id === id))
      return fail("unknown_option", { kind: q.kind, optionId: typeof id === "string" ? id.slice(0, 100) : "" });
    chosen.add(id);
  }
  const n = chosen.size;
  const min = q.minSelected ?? (q.required ? 1 : 0);
  const max = q.maxSelected ?? q.options.length;
  if (n < min) return fail("too_few_selected", { kind: q.kind, min, max, given: n });
  if (n > max) return fail("too_many_selected", { kind: q.kind, min, max, given: n });
  return ok(q.options.filter((o) => chosen.has(o.id)).map((o) => o.id));
}

function checkFreeText(q: FreeTextQuestion, value: unknown): AnswerCheck {
  if (typeof value !== "string") return fail("invalid_answer", { kind: q.kind });
  const text = normaliseText(value, q.multiline);
  if (text === "") return notAnswered(q);
  const length = textLength(text);
  if (length > q.maxLength) return fail("too_long", { kind: q.kind, max: q.maxLength, actual: length });
  if (containsMarkup(text)) return fail("contains_markup", { kind: q.kind });
  return ok(text);
}

function checkNumber(q: NumberQuestion, value: unknown): AnswerCheck {
  const n = typeof value === "string" ? parseNumberInput(value) : value;
  if (n === null) return notAnswered(q);
  const detail: AnswerDetail = { kind: q.kind, integer: q.integer };
  if (q.min !== undefined) detail.min = q.min;
  if (q.max !== undefined) detail.max = q.max;
  if (typeof n !== "number" || !Number.isFinite(n)) return fail("not_a_number", detail);
  if (q.integer && !Number.isInteger(n)) return fail("not_whole_number", detail);
  if (n < (q.min ?? -LIMITS.numberMagnitude)) return fail("below_min", detail);
  if (n > (q.max ?? LIMITS.numberMagnitude)) return fail("above_max", detail);
  return ok(n === 0 ? 0 : n);
}

/**
 * Accepts the stored form (option ids in order) or the form's (option id → position), so a
 * duplicate or a gap in the selects can be named rather than lost.
 */
function checkRanking(q: RankingQuestion, value: unknown): AnswerCheck {
  const kind = q.kind;
  const needed = rankingSize(q);
  const known = (id: string) => q.options.some((o) => o.id === id);
  const holder = new Map<number, string>();
  if (Array.isArray(value)) {
    for (const [i, id] of value.entries()) {
      if (typeof id !== "string" || !known(id)) return fail("unknown_option", { kind, optionId: typeof id === "string" ? id.slice(0, 100) : "" });
      if ([...holder.values()].includes(id)) return fail("ranking_duplicate", { kind, optionId: id, rank: i + 1, needed });
      if (i + 1 > needed) return fail("ranking_invalid", { kind, max: needed, needed });
      holder.set(i + 1, id);
    }
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) {
      if (!known(key)) return fail("unknown_option", { kind, optionId: key.slice(0, 100) });
    }
    for (const o of q.options) {
      const raw = own(value, o.id);
      if (raw === undefined || raw === null || raw === "" || raw === 0) continue;
      const rank = typeof raw === "string" ? Number(raw) : raw;
      if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1 || rank > needed)
        return fail("ranking_invalid", { kind, optionId: o.id, max: needed, needed });
      if (holder.has(rank)) return fail("ranking_duplicate", { kind, optionId: o.id, rank, needed });
      holder.set(rank, o.id);
    }
  } else return fail("invalid_answer", { kind });
  if (holder.size === 0) return notAnswered(q);
  for (let rank = 1; rank <= needed; rank++)
    if (!holder.has(rank)) return fail("ranking_incomplete", { kind, rank, needed, given: holder.size });
  return ok(Array.from({ length: needed }, (_, i) => holder.get(i + 1)!));
}

function checkPoints(q: PointsQuestion, value: unknown): AnswerCheck {
  const base: AnswerDetail = { kind: q.kind, total: q.total };
  if (q.money) base.money = true;
  if (!isRecord(value)) return fail("invalid_answer", base);
  for (const key of Object.keys(value)) {
    if (!q.options.some((o) => o.id === key)) return fail("unknown_option", { ...base, optionId: key.slice(0, 100) });
  }
  const given: Record<string, number> = {};
  let sum = 0;
  for (const o of q.options) {
    const raw = own(value, o.id);
    if (raw === undefined || raw === null || raw === "") continue;
    const n = typeof raw === "string" ? parsePointsInput(raw, q.money === true) : raw;
    if (n === null) continue;
    if (typeof n !== "number" || !Number.isSafeInteger(n)) return fail("points_not_whole", { ...base, optionId: o.id });
    if (n < 0) return fail("points_negative", { ...base, optionId: o.id, given: n });
    if (q.perOptionMax !== undefined && n > q.perOptionMax)
      return fail("points_over_cap", { ...base, optionId: o.id, cap: q.perOptionMax, given: n });
    if (n > 0) given[o.id] = n;
    sum += n;
  }
  if (sum === 0) return notAnswered(q);
  if (sum > q.total) return fail("points_over_total", { ...base, given: sum });
  if (q.mustUseAll && sum !== q.total) return fail("points_total_wrong", { ...base, given: sum });
  return ok(given);
}

function coordinate(raw: unknown): number | null | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  const n = typeof raw === "string" ? parseNumberInput(raw) : raw;
  if (n === null) return undefined;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

function checkPlace(q: MapQuestion, value: unknown, context: AnswerContext): AnswerCheck {
  const kind = q.kind;
  if (!isRecord(value)) return fail("invalid_answer", { kind });
  const place: PlaceAnswer = {};
  const ward = own(value, "wardCode");
  if (ward !== undefined && ward !== null && ward !== "") {
    if (typeof ward !== "string") return fail("invalid_answer", { kind, field: "ward" });
    const code = ward.trim();
    if (!(context.wardCodes ?? []).includes(code)) return fail("place_unknown_ward", { kind, field: "ward" });
    place.wardCode = code;
  }
  const description = own(value, "description");
  if (description !== undefined && description !== null) {
    if (typeof description !== "string") return fail("invalid_answer", { kind, field: "description" });
    const text = normaliseText(description, true);
    const length = textLength(text);
    if (length > PLACE_DESCRIPTION_MAX) return fail("too_long", { kind, field: "description", max: PLACE_DESCRIPTION_MAX, actual: length });
    if (containsMarkup(text)) return fail("contains_markup", { kind, field: "description" });
    if (text !== "") place.description = text;
  }
  const lat = coordinate(own(value, "lat"));
  const lng = coordinate(own(value, "lng"));
  if (lat !== undefined || lng !== undefined) {
    const inside =
      typeof lat === "number" &&
      typeof lng === "number" &&
      lat >= UK_BOUNDS.south &&
      lat <= UK_BOUNDS.north &&
      lng >= UK_BOUNDS.west &&
      lng <= UK_BOUNDS.east;
    if (!inside) return fail("place_point_invalid", { kind, field: "point" });
    place.lat = lat;
    place.lng = lng;
  }
  if (place.wardCode === undefined && place.description === undefined) {
    return place.lat === undefined ? notAnswered(q) : fail("place_required", { kind, field: "ward" });
  }
  return ok(place);
}

// ─────────────────────────────── conditions and pages ───────────────────────────────

type AnswersInput = Readonly<Record<string, unknown>>;

/** Whether an answer (checked, or as read from a form) meets a condition. */
export function conditionHolds(condition: Condition, answer: unknown): boolean {
  if (condition.answered) return !isBlank(answer);
  if (condition.equals !== undefined) return answer === condition.equals;
  const id = condition.includes;
  if (id === undefined) return false;
  if (typeof answer === "string") return answer === id;
  if (Array.isArray(answer)) return answer.includes(id);
  // Points given, or a position in a ranking as read from the form (option → position).
  if (isRecord(answer)) {
    const v = own(answer, id);
    return typeof v === "number" ? v > 0 : typeof v === "string" && v.trim() !== "" && v.trim() !== "0";
  }
  return false;
}

function visibleSet(questionnaire: Questionnaire, answers: AnswersInput): Set<string> {
  const visible = new Set<string>();
  // Conditions only look back (parseQuestionnaire), so one pass in reading order settles all,
  // including a chain: a question whose target is hidden is hidden too.
  for (const page of questionnaire.pages)
    for (const q of page.questions) {
      const c = q.showIf;
      if (!c || (visible.has(c.questionId) && conditionHolds(c, own(answers, c.questionId)))) visible.add(q.id);
    }
  return visible;
}

/** The questions the respondent is asked, in order, given their answers so far. */
export function visibleQuestions(questionnaire: Questionnaire, answers: AnswersInput): Question[] {
  const visible = visibleSet(questionnaire, answers);
  return questionnaire.pages.flatMap((p) => p.questions.filter((q) => visible.has(q.id)));
}

/** The pages with at least one question to ask, each with only those questions. */
export function visiblePages(questionnaire: Questionnaire, answers: AnswersInput): Page[] {
  const visible = visibleSet(questionnaire, answers);
  const pages: Page[] = [];
  for (const page of questionnaire.pages) {
    const questions = page.questions.filter((q) => visible.has(q.id));
    if (questions.length > 0) pages.push({ ...page, questions });
  }
  return pages;
}

/** The first page to show, or null when nothing is asked. */
export function firstPageId(questionnaire: Questionnaire, answers: AnswersInput): string | null {
  return visiblePages(questionnaire, answers)[0]?.id ?? null;
}

function step(questionnaire: Questionnaire, pageId: string, answers: AnswersInput, direction: 1 | -1): string | null {
  const index = questionnaire.pages.findIndex((p) => p.id === pageId);
  if (index < 0) return null;
  const visible = visibleSet(questionnaire, answers);
  for (let i = index + direction; i >= 0 && i < questionnaire.pages.length; i += direction) {
    const page = questionnaire.pages[i]!;
    if (page.questions.some((q) => visible.has(q.id))) return page.id;
  }
  return null;
}

/** The page after `pageId` with something to ask; null: on to "Check your answers" (or an unknown page). */
export function nextPageId(questionnaire: Questionnaire, pageId: string, answers: AnswersInput): string | null {
  return step(questionnaire, pageId, answers, 1);
}

/** The page before `pageId` with something to ask; null: this is the first (or an unknown page). */
export function previousPageId(questionnaire: Questionnaire, pageId: string, answers: AnswersInput): string | null {
  return step(questionnaire, pageId, answers, -1);
}

/** Question id → what is wrong with its answer. */
export type PageErrors = Record<string, AnswerError>;

function checkQuestions(questions: readonly Question[], answers: AnswersInput, context: AnswerContext): { errors: PageErrors; checked: Answers } {
  const errors: PageErrors = {};
  const checked: Answers = {};
  for (const q of questions) {
    const result = checkAnswer(q, own(answers, q.id), context);
    if (!result.ok) errors[q.id] = { reason: result.reason, detail: result.detail };
    else if (result.value !== null) checked[q.id] = result.value;
  }
  return { errors, checked };
}

export interface PageCheck {
  /** The page's visible questions' answers that passed, checked and normalised, to keep. */
  answers: Answers;
  /** What is wrong, by question id; empty when the page can be left. */
  errors: PageErrors;
}

/** Checks one page's visible questions. An unknown page has nothing to check. */
export function checkPage(questionnaire: Questionnaire, pageId: string, answers: AnswersInput, context: AnswerContext = {}): PageCheck {
  const visible = visibleSet(questionnaire, answers);
  const page = questionnaire.pages.find((p) => p.id === pageId);
  if (!page) return { answers: {}, errors: {} };
  const { errors, checked } = checkQuestions(
    page.questions.filter((q) => visible.has(q.id)),
    answers,
    context,
  );
  return { answers: checked, errors };
}

export interface IncompleteDetail {
  /** The first page with a problem: where to send the respondent. */
  pageId: string;
  /** Every problem, on any page, by question id. */
  errors: PageErrors;
}

/** A Result<Answers, "incomplete"> whose detail is typed. */
export type CompleteCheck = { ok: true; value: Answers } | { ok: false; reason: "incomplete"; detail: IncompleteDetail };

/**
 * The final check: every visible question's answer valid and every visible required question
 * answered. Gives back the answers to store — checked values of visible questions only.
 */
export function checkComplete(
  questionnaire: Questionnaire,
  answers: AnswersInput,
  context: AnswerContext = {},
): CompleteCheck {
  const visible = visibleQuestions(questionnaire, answers);
  const { errors, checked } = checkQuestions(visible, answers, context);
  const first = questionnaire.pages.find((p) => p.questions.some((q) => Object.hasOwn(errors, q.id)));
  if (first) return err("incomplete", { pageId: first.id, errors } satisfies IncompleteDetail) as CompleteCheck;
  return ok(checked);
}
