// Plain-English and Welsh copy for questionnaires: what is wrong with an answer (residents, in
// the error summary and next to the field, the same words in both — GOV.UK "Recover from
// validation errors"), and what is wrong with a definition (officers). Wording follows the
// GOV.UK error message guidance: say what to do ("Enter a number between 1 and 10"), no
// "invalid", no blame; numbers with thousands commas.
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English). Welsh keeps
// the singular noun after a number ("3 opsiwn", "40 pwynt").
import { formatPence } from "~/domain/budgeting/money.ts";
import { format, type Locale } from "../i18n/locale.ts";
import type { AnswerDetail, AnswerReason } from "./answers.ts";
import type { DefinitionDetail, DefinitionReason, Question, QuestionKind } from "./questionnaire.ts";

// ─────────────────────────────── answers (residents) ───────────────────────────────

export const ANSWER_MESSAGES: Record<Locale, Record<AnswerReason, string>> = {
  en: {
    required: "Answer this question",
    invalid_answer: "Your answer could not be read: enter it again",
    unknown_option: "Select from the options shown",
    too_few_selected: "Select at least {min} {options}",
    too_many_selected: "Select no more than {max} {options}",
    too_long: "Your answer must be {max} characters or fewer (it has {actual})",
    contains_markup: "Your answer must not include HTML tags such as <b> or <script>: write it as plain text",
    not_a_number: "Enter a number, like 12 or 3.5",
    not_whole_number: "Enter a whole number, like 12",
    below_min: "Enter a number that is {min} or more",
    above_max: "Enter a number that is {max} or less",
    postcode_invalid: "Enter a full UK postcode, like M32 0TL",
    ranking_duplicate: "Give each option a different position: more than one is number {rank}",
    ranking_incomplete: "Number {needed} options from 1 to {needed}: nothing is number {rank} yet",
    ranking_invalid: "Choose positions from 1 to {max}",
    points_not_whole: "Enter whole numbers of points, like 10",
    points_negative: "Points must be 0 or more",
    points_over_cap: "You can give each option up to {cap} points",
    points_total_wrong: "You have allocated {given} of {total} points: allocate all {total}",
    points_over_total: "You have allocated {given} points but you have {total}: take off {over}",
    place_unknown_ward: "Choose a ward from the list",
    place_required: "Choose a ward or describe the place: a point on the map is not enough on its own",
    place_point_invalid: "The point on the map is outside the UK: mark the place again, or describe it instead",
  },
  // DRAFT Welsh — for review.
  cy: {
    required: "Atebwch y cwestiwn hwn",
    invalid_answer: "Nid oedd modd darllen eich ateb: rhowch ef eto",
    unknown_option: "Dewiswch o'r opsiynau a ddangosir",
    too_few_selected: "Dewiswch o leiaf {min} opsiwn",
    too_many_selected: "Dewiswch ddim mwy na {max} opsiwn",
    too_long: "Rhaid i'ch ateb fod yn {max} nod neu lai (mae ganddo {actual})",
    contains_markup: "Ni ddylai eich ateb gynnwys tagiau HTML fel <b> neu <script>: ysgrifennwch ef fel testun plaen",
    not_a_number: "Rhowch rif, fel 12 neu 3.5",
    not_whole_number: "Rhowch rif cyfan, fel 12",
    below_min: "Rhowch rif sy'n {min} neu fwy",
    above_max: "Rhowch rif sy'n {max} neu lai",
    postcode_invalid: "Rhowch god post llawn yn y DU, fel M32 0TL",
    ranking_duplicate: "Rhowch safle gwahanol i bob opsiwn: mae mwy nag un yn rhif {rank}",
    ranking_incomplete: "Rhifwch {needed} opsiwn o 1 i {needed}: nid oes dim yn rhif {rank} eto",
    ranking_invalid: "Dewiswch safleoedd o 1 i {max}",
    points_not_whole: "Rhowch rifau cyfan o bwyntiau, fel 10",
    points_negative: "Rhaid i bwyntiau fod yn 0 neu fwy",
    points_over_cap: "Gallwch roi hyd at {cap} pwynt i bob opsiwn",
    points_total_wrong: "Rydych wedi dyrannu {given} o {total} pwynt: dyrannwch y cyfan o'r {total}",
    points_over_total: "Rydych wedi dyrannu {given} pwynt ond mae gennych {total}: tynnwch {over} i ffwrdd",
    place_unknown_ward: "Dewiswch ward o'r rhestr",
    place_required: "Dewiswch ward neu disgrifiwch y lle: nid yw pwynt ar y map yn ddigon ar ei ben ei hun",
    place_point_invalid: "Mae'r pwynt ar y map y tu allan i'r DU: marciwch y lle eto, neu disgrifiwch ef yn lle hynny",
  },
};

/** 'required' in the words of each kind of question ("Select an option", "Enter a number"). */
export const REQUIRED_MESSAGES: Record<Locale, Record<QuestionKind, string>> = {
  en: {
    single_choice: "Select an option",
    likert: "Select an option",
    multiple_choice: "Select at least {min} {options}",
    free_text: "Enter your answer",
    number: "Enter a number",
    postcode: "Enter a postcode",
    ranking: "Number {needed} options in order, from 1 to {needed}",
    points: "Share out your {total} points between the options",
    map: "Choose a ward or describe the place",
  },
  cy: {
    single_choice: "Dewiswch opsiwn",
    likert: "Dewiswch opsiwn",
    multiple_choice: "Dewiswch o leiaf {min} opsiwn",
    free_text: "Rhowch eich ateb",
    number: "Rhowch rif",
    postcode: "Rhowch god post",
    ranking: "Rhifwch {needed} opsiwn mewn trefn, o 1 i {needed}",
    points: "Rhannwch eich {total} pwynt rhwng yr opsiynau",
    map: "Dewiswch ward neu disgrifiwch y lle",
  },
};

type MoneyReason = "required" | "points_not_whole" | "points_negative" | "points_over_cap" | "points_total_wrong" | "points_over_total";

/** Points questions in pence: the same rules, in money's words ("You have allocated £90 of £100"). */
export const MONEY_MESSAGES: Record<Locale, Record<MoneyReason, string>> = {
  en: {
    required: "Share out the {total} between the options",
    points_not_whole: "Enter amounts in pounds, like 150 or 150.50",
    points_negative: "Amounts must be £0 or more",
    points_over_cap: "You can give each option up to {cap}",
    points_total_wrong: "You have allocated {given} of {total}: allocate all {total}",
    points_over_total: "You have allocated {given} but you have {total}: take off {over}",
  },
  cy: {
    required: "Rhannwch y {total} rhwng yr opsiynau",
    points_not_whole: "Rhowch symiau mewn punnoedd, fel 150 neu 150.50",
    points_negative: "Rhaid i symiau fod yn £0 neu fwy",
    points_over_cap: "Gallwch roi hyd at {cap} i bob opsiwn",
    points_total_wrong: "Rydych wedi dyrannu {given} o {total}: dyrannwch y cyfan o'r {total}",
    points_over_total: "Rydych wedi dyrannu {given} ond mae gennych {total}: tynnwch {over} i ffwrdd",
  },
};

/** Special cases: a number with both bounds; the text of a place; a top K of a longer list. */
const VARIANTS: Record<Locale, { between: string; descriptionTooLong: string; descriptionMarkup: string; rankTop: string }> = {
  en: {
    between: "Enter a number between {min} and {max}",
    descriptionTooLong: "The description must be {max} characters or fewer (it has {actual})",
    descriptionMarkup: "The description must not include HTML tags such as <b> or <script>: write it as plain text",
    rankTop: "Choose your top {needed} and number them in order, from 1 to {needed}",
  },
  cy: {
    between: "Rhowch rif rhwng {min} a {max}",
    descriptionTooLong: "Rhaid i'r disgrifiad fod yn {max} nod neu lai (mae ganddo {actual})",
    descriptionMarkup: "Ni ddylai'r disgrifiad gynnwys tagiau HTML fel <b> neu <script>: ysgrifennwch ef fel testun plaen",
    rankTop: "Dewiswch eich {needed} uchaf a'u rhifo mewn trefn, o 1 i {needed}",
  },
};

function grouped(n: number | undefined): string {
  return n === undefined ? "" : n.toLocaleString("en-GB", { maximumFractionDigits: 20 });
}

function asDetail(detail: unknown): Partial<AnswerDetail> {
  return typeof detail === "object" && detail !== null ? (detail as Partial<AnswerDetail>) : {};
}

/**
 * The message for an answer's problem. `question` words 'required' for its kind and fills in
 * what the detail leaves out (bounds, totals); `detail` is the one checkAnswer gave.
 */
export function answerMessage(reason: AnswerReason, locale: Locale, question?: Question, detail?: unknown): string {
  const d = asDetail(detail);
  const kind = d.kind ?? question?.kind;
  const money = d.money ?? (question?.kind === "points" && question.money === true);
  const min = d.min ?? (question?.kind === "number" ? question.min : question?.kind === "multiple_choice" ? (question.minSelected ?? 1) : undefined);
  const max = d.max ?? (question?.kind === "number" ? question.max : question?.kind === "multiple_choice" ? question.maxSelected : undefined);
  const total = d.total ?? (question?.kind === "points" ? question.total : undefined);
  const optionCount = question && "options" in question ? question.options.length : undefined;
  const needed =
    d.needed ?? (question?.kind === "ranking" ? Math.min(question.rankCount ?? question.options.length, question.options.length) : undefined);

  let template = ANSWER_MESSAGES[locale][reason];
  if (money && Object.hasOwn(MONEY_MESSAGES[locale], reason)) template = MONEY_MESSAGES[locale][reason as MoneyReason];
  else if (reason === "required" && kind) template = REQUIRED_MESSAGES[locale][kind];
  if (reason === "required" && kind === "ranking" && needed !== undefined && optionCount !== undefined && needed < optionCount)
    template = VARIANTS[locale].rankTop;
  if ((reason === "below_min" || reason === "above_max") && min !== undefined && max !== undefined) template = VARIANTS[locale].between;
  if (d.field === "description" && reason === "too_long") template = VARIANTS[locale].descriptionTooLong;
  if (d.field === "description" && reason === "contains_markup") template = VARIANTS[locale].descriptionMarkup;

  const points = (n: number | undefined) => (n === undefined ? "" : money ? formatPence(BigInt(Math.trunc(n))) : grouped(n));
  const countFor = reason === "too_many_selected" ? max : min;
  return format(template, {
    min: grouped(min),
    max: grouped(max),
    actual: grouped(d.actual),
    total: points(total),
    given: points(d.given),
    cap: points(d.cap),
    over: points(d.given !== undefined && total !== undefined ? d.given - total : undefined),
    rank: grouped(d.rank),
    needed: grouped(needed),
    options: countFor === 1 ? "option" : "options",
  });
}

// ─────────────────────────────── definitions (officers) ───────────────────────────────

export const DEFINITION_MESSAGES: Record<Locale, Record<DefinitionReason, string>> = {
  en: {
    invalid_json: "The questions could not be read: they are not valid JSON",
    invalid_definition: "{where}: {field} is missing or not valid",
    invalid_id: "{where}: an id must be 1 to 40 lower-case letters, numbers or hyphens",
    unknown_kind: "{where}: choose a type of question from the list",
    missing_text: "{where}: enter the text in English",
    text_too_long: "{where}: the text must be {limit} characters or fewer",
    too_many_pages: "{where}: there can be no more than {limit} pages",
    too_many_questions: "{where}: there can be no more than {limit} questions",
    too_many_options: "{where}: a question can have no more than {limit} options",
    empty_page: "{where}: a page needs at least one question",
    duplicate_page_id: "{where}: another page already has the id {id}",
    duplicate_question_id: "{where}: another question already has the id {id}",
    duplicate_option_id: "{where}: another option of this question already has the id {id}",
    field_name_clash: "{where}: the id {id} would share form fields with another question: change it",
    options_required: "{where}: enter at least 2 options",
    max_length_invalid: "{where}: the longest answer must be from 1 to 10,000 characters",
    min_above_max: "{where}: the minimum must not be more than the maximum",
    selection_out_of_range: "{where}: the number of options to select must be a whole number no more than {limit}",
    rank_count_invalid: "{where}: the number of options to rank must be a whole number from 1 to {limit}",
    points_total_invalid: "{where}: the total to share out must be a whole number above 0",
    per_option_max_invalid: "{where}: the most for one option must be a whole number from 1 to {limit}",
    points_unreachable: "{where}: with that limit for each option nobody could allocate all {limit}",
    condition_invalid: "{where}: say when to show the question: when an option is chosen, or when a question is answered",
    condition_unknown_question: "{where}: the question {id} that it depends on does not exist",
    condition_forward_reference: "{where}: a question can only depend on a question before it, and {id} is not before it",
    condition_unknown_option: "{where}: {id} is not one of the options of the question it depends on",
  },
  // DRAFT Welsh — for review.
  cy: {
    invalid_json: "Nid oedd modd darllen y cwestiynau: nid ydynt yn JSON dilys",
    invalid_definition: "{where}: mae {field} ar goll neu ddim yn ddilys",
    invalid_id: "{where}: rhaid i ddynodydd fod yn 1 i 40 o lythrennau bach, rhifau neu gysylltnodau",
    unknown_kind: "{where}: dewiswch fath o gwestiwn o'r rhestr",
    missing_text: "{where}: rhowch y testun yn Saesneg",
    text_too_long: "{where}: rhaid i'r testun fod yn {limit} nod neu lai",
    too_many_pages: "{where}: ni all fod mwy na {limit} tudalen",
    too_many_questions: "{where}: ni all fod mwy na {limit} cwestiwn",
    too_many_options: "{where}: ni all cwestiwn gael mwy na {limit} opsiwn",
    empty_page: "{where}: mae angen o leiaf un cwestiwn ar dudalen",
    duplicate_page_id: "{where}: mae gan dudalen arall y dynodydd {id} yn barod",
    duplicate_question_id: "{where}: mae gan gwestiwn arall y dynodydd {id} yn barod",
    duplicate_option_id: "{where}: mae gan opsiwn arall yn y cwestiwn hwn y dynodydd {id} yn barod",
    field_name_clash: "{where}: byddai'r dynodydd {id} yn rhannu meysydd y ffurflen â chwestiwn arall: newidiwch ef",
    options_required: "{where}: rhowch o leiaf 2 opsiwn",
    max_length_invalid: "{where}: rhaid i'r ateb hiraf fod rhwng 1 a 10,000 nod",
    min_above_max: "{where}: ni ddylai'r isafswm fod yn fwy na'r uchafswm",
    selection_out_of_range: "{where}: rhaid i nifer yr opsiynau i'w dewis fod yn rhif cyfan dim mwy na {limit}",
    rank_count_invalid: "{where}: rhaid i nifer yr opsiynau i'w rhestru fod yn rhif cyfan o 1 i {limit}",
    points_total_invalid: "{where}: rhaid i'r cyfanswm i'w rannu fod yn rhif cyfan uwchlaw 0",
    per_option_max_invalid: "{where}: rhaid i'r uchafswm i un opsiwn fod yn rhif cyfan o 1 i {limit}",
    points_unreachable: "{where}: gyda'r terfyn hwnnw i bob opsiwn ni allai neb ddyrannu'r cyfan o'r {limit}",
    condition_invalid: "{where}: dywedwch pryd i ddangos y cwestiwn: pan ddewisir opsiwn, neu pan atebir cwestiwn",
    condition_unknown_question: "{where}: nid yw'r cwestiwn {id} y mae'n dibynnu arno yn bodoli",
    condition_forward_reference: "{where}: dim ond ar gwestiwn o'i flaen y gall cwestiwn ddibynnu, ac nid yw {id} o'i flaen",
    condition_unknown_option: "{where}: nid yw {id} yn un o opsiynau'r cwestiwn y mae'n dibynnu arno",
  },
};

const WHERE: Record<Locale, { page: string; question: string; option: string }> = {
  en: { page: "Page {n}", question: "question {n}", option: "option {n}" },
  cy: { page: "Tudalen {n}", question: "cwestiwn {n}", option: "opsiwn {n}" },
};

function where(detail: Partial<DefinitionDetail>, locale: Locale): string {
  const w = WHERE[locale];
  const parts: string[] = [];
  if (detail.page !== undefined) parts.push(format(w.page, { n: detail.page }));
  if (detail.question !== undefined) parts.push(format(w.question, { n: detail.question }));
  if (detail.option !== undefined) parts.push(format(w.option, { n: detail.option }));
  const text = parts.join(", ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Page 2, question 3: another question already has the id parks" (English) or its Welsh draft. */
export function definitionMessage(reason: DefinitionReason, locale: Locale, detail?: unknown): string {
  const d: Partial<DefinitionDetail> = typeof detail === "object" && detail !== null ? (detail as Partial<DefinitionDetail>) : {};
  const field = (d.path ?? "").split(".").pop()?.replace(/\[\d+\]$/, "") ?? "";
  const text = format(DEFINITION_MESSAGES[locale][reason], {
    where: where(d, locale),
    field: field || (locale === "cy" ? "gwerth" : "a value"),
    id: d.id ?? "",
    limit: grouped(d.limit),
  });
  if (!text.startsWith(": ")) return text;
  const rest = text.slice(2);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}
