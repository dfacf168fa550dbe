// A questionnaire as an officer defines it: pages of questions, each a kind with its own rules,
// and conditions that show a question only after an earlier answer. Used by consultations and
// (later) grant application forms, so nothing here knows what it is asking about.
//
// `parseQuestionnaire` is the one gate: a definition is stored, edited (editing.ts) and read
// back only through it, so every other module may trust the shape and the invariants below.
//
// Invariants of a parsed questionnaire
// - ids are slugs ([a-z0-9-]{1,40}); page ids, question ids (across the questionnaire) and
//   option ids (within a question) are unique; no two questions produce the same form field
//   name (form.ts), so a posted form always reads back unambiguously.
// - A condition refers only to a question before it (an earlier page, or earlier on the same
//   page), so visibility is worked out in one pass in reading order and can never loop.
// - Limits: 100 pages, 200 questions, 50 options per question (Cabinet Office Consultation
//   Principles A, "limit the number of questions"; also keeps a page's form bounded). Zod
//   checks an array's length before its items, so an enormous definition is refused cheaply.
// - Every choice question has at least 2 options; likert questions without options get the
//   five-point agreement scale; free text has maxLength 1..10,000 (default 2,000).
// - Points totals are whole numbers above 0 (points, or pence when `money` is set): answers are
//   compared with them exactly, never as fractions.
import { z } from "zod";
import type { Locale } from "../i18n/locale.ts";
import { err, ok, type Result } from "../result.ts";
import { questionFieldNames } from "./form.ts";

export const SLUG = /^[a-z0-9-]{1,40}$/;

export const LIMITS = {
  pages: 100,
  questions: 200,
  options: 50,
  title: 300,
  hint: 600,
  optionLabel: 300,
  unit: 40,
  freeTextDefault: 2000,
  freeTextMax: 10_000,
  /** £10 billion in pence, the same ceiling as budgeting/money.ts; far below 2^53, so sums stay exact. */
  pointsTotalMax: 1_000_000_000_000,
  /** Number questions: beyond this a double no longer holds every whole number typed. */
  numberMagnitude: 1e15,
} as const;

export const QUESTION_KINDS = [
  "single_choice",
  "multiple_choice",
  "likert",
  "free_text",
  "number",
  "postcode",
  "ranking",
  "points",
  "map",
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Officer-written text: English always, Welsh when given. */
export interface LocalText {
  en: string;
  cy?: string;
}

/** The text in `locale`, falling back to English; "" when there is no text at all. */
export function localText(text: LocalText | undefined, locale: Locale): string {
  if (!text) return "";
  return locale === "cy" && text.cy ? text.cy : text.en;
}

export interface Option {
  id: string;
  label: LocalText;
  hint?: LocalText;
}

/**
 * Show a question only when an earlier question's answer `equals` an option (single choice,
 * likert), `includes` an option (chosen, ranked or given points), or is `answered` at all.
 * Exactly one of the three is set.
 */
export interface Condition {
  questionId: string;
  equals?: string;
  includes?: string;
  answered?: true;
}

interface QuestionBase {
  id: string;
  title: LocalText;
  hint?: LocalText;
  required: boolean;
  showIf?: Condition;
}

export interface SingleChoiceQuestion extends QuestionBase {
  kind: "single_choice";
  options: Option[];
}
export interface MultipleChoiceQuestion extends QuestionBase {
  kind: "multiple_choice";
  options: Option[];
  minSelected?: number;
  maxSelected?: number;
}
/** The title is the statement; the options are the scale, in order. */
export interface LikertQuestion extends QuestionBase {
  kind: "likert";
  options: Option[];
}
export interface FreeTextQuestion extends QuestionBase {
  kind: "free_text";
  /** In characters (Unicode code points, after NFC). */
  maxLength: number;
  multiline: boolean;
}
export interface NumberQuestion extends QuestionBase {
  kind: "number";
  min?: number;
  max?: number;
  integer: boolean;
  /** Shown after the box and in the summary: "people", "miles". */
  unit?: LocalText;
}
export interface PostcodeQuestion extends QuestionBase {
  kind: "postcode";
}
/** Put the options in order; `rankCount` asks for the top K only (default: all of them). */
export interface RankingQuestion extends QuestionBase {
  kind: "ranking";
  options: Option[];
  rankCount?: number;
}
/** Share `total` points (or pence, when `money`) between the options (themes). */
export interface PointsQuestion extends QuestionBase {
  kind: "points";
  options: Option[];
  total: number;
  mustUseAll: boolean;
  perOptionMax?: number;
  money?: boolean;
}
/**
 * A place: a ward from the council's list and/or a description; a point on a map is optional
 * and never enough alone, so the question can always be answered without the map (WCAG 2.2
 * 2.5.7; uk-standards §6 "every map interaction needs a non-map equivalent").
 */
export interface MapQuestion extends QuestionBase {
  kind: "map";
}

export type Question =
  | SingleChoiceQuestion
  | MultipleChoiceQuestion
  | LikertQuestion
  | FreeTextQuestion
  | NumberQuestion
  | PostcodeQuestion
  | RankingQuestion
  | PointsQuestion
  | MapQuestion;

export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;
export type OptionedQuestion = SingleChoiceQuestion | MultipleChoiceQuestion | LikertQuestion | RankingQuestion | PointsQuestion;

export const OPTIONED_KINDS: readonly QuestionKind[] = ["single_choice", "multiple_choice", "likert", "ranking", "points"];

export function hasOptions(question: Question): question is OptionedQuestion {
  return OPTIONED_KINDS.includes(question.kind);
}

export interface Page {
  id: string;
  title?: LocalText;
  questions: Question[];
}

export interface Questionnaire {
  pages: Page[];
}

/** Every question, page by page, in the order a person meets them. */
export function allQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.pages.flatMap((p) => p.questions);
}

export function findQuestion(questionnaire: Questionnaire, questionId: string): Question | undefined {
  for (const page of questionnaire.pages) for (const q of page.questions) if (q.id === questionId) return q;
  return undefined;
}

export function pageOfQuestion(questionnaire: Questionnaire, questionId: string): Page | undefined {
  return questionnaire.pages.find((p) => p.questions.some((q) => q.id === questionId));
}

/**
 * The five-point agreement scale, Strongly agree … Strongly disagree (the usual order on UK
 * council consultations). A new list each call, so a caller may change it. Welsh: DRAFT,
 * awaiting review with messages.ts.
 */
export function likertOptions(): Option[] {
  return [
    { id: "strongly-agree", label: { en: "Strongly agree", cy: "Cytuno'n gryf" } },
    { id: "agree", label: { en: "Agree", cy: "Cytuno" } },
    { id: "neither", label: { en: "Neither agree nor disagree", cy: "Ddim yn cytuno nac yn anghytuno" } },
    { id: "disagree", label: { en: "Disagree", cy: "Anghytuno" } },
    { id: "strongly-disagree", label: { en: "Strongly disagree", cy: "Anghytuno'n gryf" } },
  ];
}

// ─────────────────────────────── parsing a definition ───────────────────────────────

export type DefinitionReason =
  | "invalid_json"
  | "invalid_definition"
  | "invalid_id"
  | "unknown_kind"
  | "missing_text"
  | "text_too_long"
  | "too_many_pages"
  | "too_many_questions"
  | "too_many_options"
  | "empty_page"
  | "duplicate_page_id"
  | "duplicate_question_id"
  | "duplicate_option_id"
  | "field_name_clash"
  | "options_required"
  | "max_length_invalid"
  | "min_above_max"
  | "selection_out_of_range"
  | "rank_count_invalid"
  | "points_total_invalid"
  | "per_option_max_invalid"
  | "points_unreachable"
  | "condition_invalid"
  | "condition_unknown_question"
  | "condition_forward_reference"
  | "condition_unknown_option";

export const DEFINITION_REASONS: readonly DefinitionReason[] = [
  "invalid_json",
  "invalid_definition",
  "invalid_id",
  "unknown_kind",
  "missing_text",
  "text_too_long",
  "too_many_pages",
  "too_many_questions",
  "too_many_options",
  "empty_page",
  "duplicate_page_id",
  "duplicate_question_id",
  "duplicate_option_id",
  "field_name_clash",
  "options_required",
  "max_length_invalid",
  "min_above_max",
  "selection_out_of_range",
  "rank_count_invalid",
  "points_total_invalid",
  "per_option_max_invalid",
  "points_unreachable",
  "condition_invalid",
  "condition_unknown_question",
  "condition_forward_reference",
  "condition_unknown_option",
];

/** Where the problem is: `path` for developers ("pages[1].questions[0].options"), 1-based numbers for officers. */
export interface DefinitionDetail {
  path: string;
  page?: number;
  question?: number;
  option?: number;
  /** The id concerned (duplicated, unknown, referred to). */
  id?: string;
  /** The limit broken (characters, options, pages…). */
  limit?: number;
}

const REASON_SET = new Set<string>(DEFINITION_REASONS);

// Zod carries our reason as the issue message; anything zod words itself is 'invalid_definition'.
const slug = z.string({ error: "invalid_id" }).regex(SLUG, { error: "invalid_id" });

function text(max: number) {
  return z
    .preprocess(
      // A bare string is English only: the common case for a hand-written definition.
      (v) => (typeof v === "string" ? { en: v } : v),
      z.object(
        {
          en: z.string({ error: "missing_text" }).trim().min(1, { error: "missing_text" }).max(max, { error: "text_too_long" }),
          cy: z.string({ error: "missing_text" }).trim().max(max, { error: "text_too_long" }).optional(),
        },
        { error: "missing_text" },
      ),
    )
    .transform((t): LocalText => (t.cy ? { en: t.en, cy: t.cy } : { en: t.en }));
}

const optionSchema = z
  .object({ id: slug, label: text(LIMITS.optionLabel), hint: text(LIMITS.hint).optional() })
  .transform((o): Option => (o.hint ? { id: o.id, label: o.label, hint: o.hint } : { id: o.id, label: o.label }));

const options = z
  .array(optionSchema, { error: "options_required" })
  .min(2, { error: "options_required" })
  .max(LIMITS.options, { error: "too_many_options" });

const count = (reason: DefinitionReason) => z.number({ error: reason }).int({ error: reason });

const condition = z
  .object({
    questionId: slug,
    equals: z.string({ error: "condition_invalid" }).optional(),
    includes: z.string({ error: "condition_invalid" }).optional(),
    answered: z.literal(true, { error: "condition_invalid" }).optional(),
  })
  .refine((c) => [c.equals !== undefined, c.includes !== undefined, c.answered !== undefined].filter(Boolean).length === 1, {
    error: "condition_invalid",
  })
  .transform((c): Condition => {
    const out: Condition = { questionId: c.questionId };
    if (c.equals !== undefined) out.equals = c.equals;
    if (c.includes !== undefined) out.includes = c.includes;
    if (c.answered) out.answered = true;
    return out;
  });

const base = {
  id: slug,
  title: text(LIMITS.title),
  hint: text(LIMITS.hint).optional(),
  required: z.boolean(),
  showIf: condition.optional(),
};

const finite = z.number().refine((n) => Math.abs(n) <= LIMITS.numberMagnitude, { error: "invalid_definition" });

const questionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...base, kind: z.literal("single_choice"), options }),
    z.object({
      ...base,
      kind: z.literal("multiple_choice"),
      options,
      minSelected: count("selection_out_of_range").optional(),
      maxSelected: count("selection_out_of_range").optional(),
    }),
    z.object({ ...base, kind: z.literal("likert"), options: options.default(likertOptions) }),
    z.object({
      ...base,
      kind: z.literal("free_text"),
      maxLength: count("max_length_invalid")
        .min(1, { error: "max_length_invalid" })
        .max(LIMITS.freeTextMax, { error: "max_length_invalid" })
        .default(LIMITS.freeTextDefault),
      multiline: z.boolean().default(true),
    }),
    z.object({
      ...base,
      kind: z.literal("number"),
      min: finite.optional(),
      max: finite.optional(),
      integer: z.boolean().default(false),
      unit: text(LIMITS.unit).optional(),
    }),
    z.object({ ...base, kind: z.literal("postcode") }),
    z.object({ ...base, kind: z.literal("ranking"), options, rankCount: count("rank_count_invalid").optional() }),
    z.object({
      ...base,
      kind: z.literal("points"),
      options,
      total: count("points_total_invalid")
        .min(1, { error: "points_total_invalid" })
        .max(LIMITS.pointsTotalMax, { error: "points_total_invalid" }),
      mustUseAll: z.boolean().default(false),
      perOptionMax: count("per_option_max_invalid").optional(),
      money: z.boolean().optional(),
    }),
    z.object({ ...base, kind: z.literal("map") }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? "unknown_kind" : undefined) },
);

const pageSchema = z.object({
  id: slug,
  title: text(LIMITS.title).optional(),
  questions: z
    .array(questionSchema, { error: "empty_page" })
    .min(1, { error: "empty_page" })
    .max(LIMITS.questions, { error: "too_many_questions" }),
});

const questionnaireSchema = z.object({
  pages: z.array(pageSchema).max(LIMITS.pages, { error: "too_many_pages" }),
});

type PathPart = string | number | symbol;

function describePath(path: readonly PathPart[], extra: Partial<DefinitionDetail> = {}): DefinitionDetail {
  let text = "";
  const detail: DefinitionDetail = { path: "" };
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    if (typeof part === "number") {
      text += `[${part}]`;
      const parent = path[i - 1];
      if (parent === "pages") detail.page = part + 1;
      else if (parent === "questions") detail.question = part + 1;
      else if (parent === "options") detail.option = part + 1;
    } else text += text === "" ? String(part) : `.${String(part)}`;
  }
  detail.path = text;
  return { ...detail, ...extra };
}

type Refusal = { ok: false; reason: DefinitionReason; detail: DefinitionDetail };

function refuse(reason: DefinitionReason, path: readonly PathPart[], extra: Partial<DefinitionDetail> = {}): Refusal {
  return err(reason, describePath(path, extra)) as Refusal;
}

/**
 * Reads an officer-written definition (parsed JSON, or JSON text) into a questionnaire, or the
 * first problem found with where it is. Parsing a parsed questionnaire gives it back unchanged.
 */
export function parseQuestionnaire(json: unknown): Result<Questionnaire, DefinitionReason> {
  let input = json;
  if (typeof input === "string") {
    try {
      input = JSON.parse(input);
    } catch {
      return err("invalid_json", { path: "" } satisfies DefinitionDetail);
    }
  }
  const parsed = questionnaireSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const reason = REASON_SET.has(issue.message) ? (issue.message as DefinitionReason) : "invalid_definition";
    const limit = "maximum" in issue && typeof issue.maximum === "number" ? issue.maximum : undefined;
    return refuse(reason, issue.path, limit !== undefined && (reason.startsWith("too_many") || reason === "text_too_long") ? { limit } : {});
  }
  const questionnaire: Questionnaire = parsed.data;
  const problem = checkRules(questionnaire);
  return problem ?? ok(questionnaire);
}

// The rules zod cannot see one object at a time: uniqueness, cross-field bounds, conditions.
function checkRules(questionnaire: Questionnaire): Refusal | null {
  const pageIds = new Set<string>();
  const earlier = new Map<string, Question>();
  const every = new Set(allQuestions(questionnaire).map((q) => q.id));
  const fieldNames = new Set<string>();
  let total = 0;
  for (const [pi, page] of questionnaire.pages.entries()) {
    if (pageIds.has(page.id)) return refuse("duplicate_page_id", ["pages", pi, "id"], { id: page.id });
    pageIds.add(page.id);
    for (const [qi, q] of page.questions.entries()) {
      const at = ["pages", pi, "questions", qi];
      if (++total > LIMITS.questions) return refuse("too_many_questions", at, { limit: LIMITS.questions });
      if (earlier.has(q.id)) return refuse("duplicate_question_id", [...at, "id"], { id: q.id });
      const own = checkQuestion(q, at);
      if (own) return own;
      if (q.showIf) {
        const bad = checkCondition(q.showIf, q.id, earlier, every, [...at, "showIf"]);
        if (bad) return bad;
      }
      for (const name of questionFieldNames(q)) {
        if (fieldNames.has(name)) return refuse("field_name_clash", [...at, "id"], { id: q.id });
        fieldNames.add(name);
      }
      earlier.set(q.id, q);
    }
  }
  return null;
}

function checkQuestion(q: Question, at: readonly PathPart[]): Refusal | null {
  if (hasOptions(q)) {
    const seen = new Set<string>();
    for (const [oi, o] of q.options.entries()) {
      if (seen.has(o.id)) return refuse("duplicate_option_id", [...at, "options", oi, "id"], { id: o.id });
      seen.add(o.id);
    }
  }
  switch (q.kind) {
    case "multiple_choice": {
      const n = q.options.length;
      if (q.minSelected !== undefined && (q.minSelected < 0 || q.minSelected > n))
        return refuse("selection_out_of_range", [...at, "minSelected"], { limit: n });
      if (q.maxSelected !== undefined && (q.maxSelected < 1 || q.maxSelected > n))
        return refuse("selection_out_of_range", [...at, "maxSelected"], { limit: n });
      if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
        return refuse("min_above_max", [...at, "minSelected"]);
      return null;
    }
    case "number":
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) return refuse("min_above_max", [...at, "min"]);
      return null;
    case "ranking":
      if (q.rankCount !== undefined && (q.rankCount < 1 || q.rankCount > q.options.length))
        return refuse("rank_count_invalid", [...at, "rankCount"], { limit: q.options.length });
      return null;
    case "points":
      if (q.perOptionMax !== undefined && (q.perOptionMax < 1 || q.perOptionMax > q.total))
        return refuse("per_option_max_invalid", [...at, "perOptionMax"], { limit: q.total });
      // A total nobody can reach would make every answer wrong.
      if (q.mustUseAll && q.perOptionMax !== undefined && q.perOptionMax * q.options.length < q.total)
        return refuse("points_unreachable", [...at, "perOptionMax"], { limit: q.total });
      return null;
    default:
      return null;
  }
}

function checkCondition(
  c: Condition,
  selfId: string,
  earlier: ReadonlyMap<string, Question>,
  every: ReadonlySet<string>,
  at: readonly PathPart[],
): Refusal | null {
  const target = earlier.get(c.questionId);
  if (!target) {
    const forward = every.has(c.questionId) || c.questionId === selfId;
    return refuse(forward ? "condition_forward_reference" : "condition_unknown_question", [...at, "questionId"], { id: c.questionId });
  }
  const optionId = c.equals ?? c.includes;
  if (optionId === undefined) return null;
  if (c.equals !== undefined && target.kind !== "single_choice" && target.kind !== "likert")
    return refuse("condition_invalid", [...at, "equals"], { id: c.questionId });
  if (!hasOptions(target)) return refuse("condition_invalid", [...at, "includes"], { id: c.questionId });
  if (!target.options.some((o) => o.id === optionId))
    return refuse("condition_unknown_option", [...at, c.equals !== undefined ? "equals" : "includes"], { id: optionId });
  return null;
}
