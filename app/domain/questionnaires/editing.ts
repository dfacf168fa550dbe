// Building a questionnaire without JavaScript: the officer's "add a question" form read into a
// question, and the edits the question list offers (add, remove, move up or down). Each returns
// a new questionnaire; the caller checks the whole result with `parseQuestionnaire` before
// storing it, so the rules live in one place.
import { err, ok, type Result } from "../result.ts";
import { allQuestions, QUESTION_KINDS, type LocalText, type Option, type Question, type QuestionKind, type Questionnaire } from "./questionnaire.ts";

export interface QuestionFormValues {
  kind: string;
  titleEn: string;
  titleCy: string;
  hintEn: string;
  hintCy: string;
  /** "yes" when ticked. */
  required: string;
  /** One option a line; "English | Cymraeg" gives the Welsh label too. */
  options: string;
  maxLength: string;
  multiline: string;
  min: string;
  max: string;
  integer: string;
  total: string;
  mustUseAll: string;
  rankCount: string;
  /** "new" for a page of its own, or an existing page's id. */
  page: string;
  /** Show only when this earlier question … */
  showIfQuestion: string;
  /** … has this option chosen. */
  showIfOption: string;
}

export const BLANK_QUESTION_FORM: QuestionFormValues = {
  kind: "single_choice",
  titleEn: "",
  titleCy: "",
  hintEn: "",
  hintCy: "",
  required: "yes",
  options: "",
  maxLength: "",
  multiline: "yes",
  min: "",
  max: "",
  integer: "yes",
  total: "",
  mustUseAll: "yes",
  rankCount: "",
  page: "new",
  showIfQuestion: "",
  showIfOption: "",
};

export type QuestionFormError =
  | "required"
  | "too_long"
  | "unknown_kind"
  | "options_required"
  | "too_many_options"
  | "not_whole_number"
  | "unknown_page"
  | "unknown_condition";

const OPTIONED: readonly QuestionKind[] = ["single_choice", "multiple_choice", "ranking", "points"];

/** "Parks and green spaces" → "parks-and-green-spaces", unique among `taken` (a suffix if needed). */
export function slugFor(text: string, taken: ReadonlySet<string>, fallback: string): string {
  const base =
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || fallback;
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

function text(en: string, cy: string): LocalText {
  const t: LocalText = { en: en.trim() };
  if (cy.trim()) t.cy = cy.trim();
  return t;
}

function whole(value: string): number | null | undefined {
  const v = value.trim();
  if (v === "") return undefined;
  return /^-?\d{1,9}$/.test(v) ? Number(v) : null;
}

/**
 * The question the officer described, with ids made from the words (stable once stored, so
 * later rewording keeps answers attached), and the page it goes on (null: a new page).
 */
export function readQuestionForm(
  values: QuestionFormValues,
  questionnaire: Questionnaire,
  likert: () => Option[],
): Result<{ question: Question; pageId: string | null }, "invalid"> {
  const errors: Record<string, QuestionFormError> = {};
  const kind = values.kind as QuestionKind;
  if (!(QUESTION_KINDS as readonly string[]).includes(kind)) errors.kind = "unknown_kind";
  if (values.titleEn.trim() === "") errors.titleEn = "required";
  else if (values.titleEn.trim().length > 300) errors.titleEn = "too_long";
  if (values.titleCy.trim().length > 300) errors.titleCy = "too_long";
  if (values.hintEn.trim().length > 600) errors.hintEn = "too_long";
  if (values.hintCy.trim().length > 600) errors.hintCy = "too_long";

  const existing = allQuestions(questionnaire);
  const id = slugFor(values.titleEn, new Set(existing.map((q) => q.id)), "question");
  const lines = values.options
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const takenOptions = new Set<string>();
  const options: Option[] = lines.map((line) => {
    const [en = "", cy = ""] = line.split("|").map((p) => p.trim());
    const optionId = slugFor(en, takenOptions, "option");
    takenOptions.add(optionId);
    return { id: optionId, label: text(en, cy) };
  });
  if (OPTIONED.includes(kind)) {
    if (options.length < 2) errors.options = "options_required";
    else if (options.length > 50) errors.options = "too_many_options";
  }
  const numbers: Record<string, number | undefined> = {};
  for (const field of ["maxLength", "min", "max", "total", "rankCount"] as const) {
    const n = whole(values[field]);
    if (n === null) errors[field] = "not_whole_number";
    else numbers[field] = n;
  }
  if (kind === "points" && numbers.total === undefined) errors.total = "required";

  let pageId: string | null = null;
  if (values.page !== "new") {
    if (!questionnaire.pages.some((p) => p.id === values.page)) errors.page = "unknown_page";
    else pageId = values.page;
  }
  let showIf: Question["showIf"];
  if (values.showIfQuestion) {
    const target = existing.find((q) => q.id === values.showIfQuestion);
    const targetOptions = target && "options" in target && target.options ? target.options.map((o) => o.id) : [];
    if (!target || (values.showIfOption && !targetOptions.includes(values.showIfOption))) errors.showIfQuestion = "unknown_condition";
    else showIf = values.showIfOption ? { questionId: target.id, includes: values.showIfOption } : { questionId: target.id, answered: true };
  }
  if (Object.keys(errors).length > 0) return err("invalid", { fieldErrors: errors });

  const base = {
    id,
    title: text(values.titleEn, values.titleCy),
    ...(values.hintEn.trim() ? { hint: text(values.hintEn, values.hintCy) } : {}),
    required: values.required === "yes",
    ...(showIf ? { showIf } : {}),
  };
  let question: Question;
  switch (kind) {
    case "single_choice":
      question = { ...base, kind, options };
      break;
    case "multiple_choice":
      question = { ...base, kind, options, ...(numbers.min !== undefined ? { minSelected: numbers.min } : {}), ...(numbers.max !== undefined ? { maxSelected: numbers.max } : {}) };
      break;
    case "likert":
      question = { ...base, kind, options: likert() };
      break;
    case "free_text":
      question = { ...base, kind, maxLength: numbers.maxLength ?? 2000, multiline: values.multiline === "yes" };
      break;
    case "number":
      question = { ...base, kind, integer: values.integer === "yes", ...(numbers.min !== undefined ? { min: numbers.min } : {}), ...(numbers.max !== undefined ? { max: numbers.max } : {}) };
      break;
    case "postcode":
    case "map":
      question = { ...base, kind };
      break;
    case "ranking":
      question = { ...base, kind, options, ...(numbers.rankCount !== undefined ? { rankCount: numbers.rankCount } : {}) };
      break;
    case "points":
      question = { ...base, kind, options, total: numbers.total!, mustUseAll: values.mustUseAll === "yes" };
      break;
  }
  return ok({ question, pageId });
}

/** Adds the question at the end of a page, or on a new page at the end. */
export function addQuestion(q: Questionnaire, question: Question, pageId: string | null): Questionnaire {
  if (pageId === null) {
    const id = slugFor(`page-${q.pages.length + 1}`, new Set(q.pages.map((p) => p.id)), "page");
    return { pages: [...q.pages, { id, questions: [question] }] };
  }
  return { pages: q.pages.map((p) => (p.id === pageId ? { ...p, questions: [...p.questions, question] } : p)) };
}

/** Removes a question; a page left empty goes too. Refused while another question's condition depends on it. */
export function removeQuestion(q: Questionnaire, questionId: string): Result<Questionnaire, "has_dependants"> {
  const dependants = allQuestions(q).filter((other) => other.showIf?.questionId === questionId);
  if (dependants.length > 0) return err("has_dependants", { questionIds: dependants.map((d) => d.id) });
  return ok({
    pages: q.pages.map((p) => ({ ...p, questions: p.questions.filter((x) => x.id !== questionId) })).filter((p) => p.questions.length > 0),
  });
}

/**
 * Moves a question one place up or down within its page, or onto the neighbouring page's end
 * (up) or start (down) when it is first or last. Conditions are checked by the caller's parse.
 */
export function moveQuestion(q: Questionnaire, questionId: string, direction: "up" | "down"): Questionnaire {
  const pages = q.pages.map((p) => ({ ...p, questions: [...p.questions] }));
  const pi = pages.findIndex((p) => p.questions.some((x) => x.id === questionId));
  if (pi < 0) return q;
  const page = pages[pi]!;
  const qi = page.questions.findIndex((x) => x.id === questionId);
  const [question] = page.questions.splice(qi, 1);
  if (direction === "up") {
    if (qi > 0) page.questions.splice(qi - 1, 0, question!);
    else if (pi > 0) pages[pi - 1]!.questions.push(question!);
    else page.questions.unshift(question!);
  } else {
    if (qi < page.questions.length) page.questions.splice(qi + 1, 0, question!);
    else if (pi < pages.length - 1) pages[pi + 1]!.questions.unshift(question!);
    else page.questions.push(question!);
  }
  return { pages: pages.filter((p) => p.questions.length > 0) };
}
