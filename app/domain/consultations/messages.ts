// Plain-English and Welsh copy for every reason a consultation rule gives: lifecycle
// (lifecycle.ts), equality answers (equality.ts) and priorities (priority.ts), plus the words for
// what changed in a new version. Wording follows the GOV.UK style guide and its error-message
// pattern: say what happened and what to do, no blame, no jargon; the same words appear in the
// error summary and next to the field. The officer pages use `lifecycleMessage`.
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English).
import { format, type Locale } from "../i18n/locale.ts";
import type { EqualityFieldError, EqualityReason } from "./equality.ts";
import { DEFAULT_MINIMUM_DURATION_DAYS, REASON_LIMITS, type EditChange, type LifecycleReason } from "./lifecycle.ts";
import { PRIORITY_LIMITS, type PriorityReason } from "./priority.ts";

export type ConsultationMessageReason = LifecycleReason | EqualityReason | EqualityFieldError | PriorityReason;

export const CONSULTATION_MESSAGES: Record<Locale, Record<ConsultationMessageReason, string>> = {
  en: {
    // lifecycle
    invalid_transition: "A consultation cannot move to that stage from where it is now",
    already_published: "This consultation's results have been published, so it cannot be changed",
    invalid_date: "Enter a real date and time",
    closes_before_opens: "The closing date must be after the opening date",
    closes_in_past: "The closing date must be in the future",
    too_short_without_reason:
      "The consultation would be open for {durationDays}, which is less than the council's minimum of {minimumDays}. Choose a later closing date, or explain why a shorter period is enough. Your reason will be published",
    reason_too_short: "The reason must be {min} characters or more",
    reason_too_long: "The reason must be {max} characters or fewer",
    not_open: "Only an open consultation can be extended",
    already_closed: "This consultation has already closed, so it cannot be extended",
    not_later: "The new closing date must be later than the current one",
    reason_required: "Explain why the consultation is being extended. The reason is published with the new date",
    edit_changes_answered_questions:
      "People have already responded, so you cannot remove a question or an answer, or change the type of a question. You can change the wording and add questions or answers",
    // equality
    invalid: "There is a problem with some answers. Check the highlighted questions",
    equality_invalid_option: "Choose one of the options, or leave this question unanswered",
    // priorities
    title_required: "Enter a title for your priority",
    title_too_short: "The title must be {titleMin} characters or more",
    title_too_long: "The title must be {titleMax} characters or fewer",
    description_too_long: "The description must be {descriptionMax} characters or fewer",
    tag_unknown: "Choose from the topics listed",
    tags_too_many: "Choose up to {tagsMax} topics",
    priorities_closed: "This consultation is not taking priorities or support at the moment",
    priority_not_visible: "This priority is not available",
    priority_merged: "This priority has been combined with a similar one. You can support that one instead",
    own_priority: "You cannot support a priority you put forward yourself",
    already_supported: "You already support this priority",
    same_priority: "Choose a different priority to combine it with",
    different_council: "Priorities can only be combined within the same council",
    already_merged: "One of these priorities has already been combined with another",
  },
  cy: {
    invalid_transition: "Ni all ymgynghoriad symud i'r cam hwnnw o'r man lle mae nawr",
    already_published: "Mae canlyniadau'r ymgynghoriad hwn wedi'u cyhoeddi, felly ni ellir ei newid",
    invalid_date: "Rhowch ddyddiad ac amser go iawn",
    closes_before_opens: "Rhaid i'r dyddiad cau fod ar ôl y dyddiad agor",
    closes_in_past: "Rhaid i'r dyddiad cau fod yn y dyfodol",
    too_short_without_reason:
      "Byddai'r ymgynghoriad ar agor am {durationDays}, sy'n llai nag isafswm y cyngor o {minimumDays}. Dewiswch ddyddiad cau diweddarach, neu esboniwch pam mae cyfnod byrrach yn ddigon. Caiff eich rheswm ei gyhoeddi",
    reason_too_short: "Rhaid i'r rheswm fod yn {min} nod neu fwy",
    reason_too_long: "Rhaid i'r rheswm fod yn {max} nod neu lai",
    not_open: "Dim ond ymgynghoriad sydd ar agor y gellir ei ymestyn",
    already_closed: "Mae'r ymgynghoriad hwn eisoes wedi cau, felly ni ellir ei ymestyn",
    not_later: "Rhaid i'r dyddiad cau newydd fod yn hwyrach na'r un presennol",
    reason_required: "Esboniwch pam mae'r ymgynghoriad yn cael ei ymestyn. Caiff y rheswm ei gyhoeddi gyda'r dyddiad newydd",
    edit_changes_answered_questions:
      "Mae pobl eisoes wedi ymateb, felly ni allwch ddileu cwestiwn neu ateb, na newid math cwestiwn. Gallwch newid y geiriad ac ychwanegu cwestiynau neu atebion",
    invalid: "Mae problem gyda rhai atebion. Gwiriwch y cwestiynau sydd wedi'u hamlygu",
    equality_invalid_option: "Dewiswch un o'r opsiynau, neu gadewch y cwestiwn hwn heb ei ateb",
    title_required: "Rhowch deitl i'ch blaenoriaeth",
    title_too_short: "Rhaid i'r teitl fod yn {titleMin} nod neu fwy",
    title_too_long: "Rhaid i'r teitl fod yn {titleMax} nod neu lai",
    description_too_long: "Rhaid i'r disgrifiad fod yn {descriptionMax} nod neu lai",
    tag_unknown: "Dewiswch o'r pynciau a restrir",
    tags_too_many: "Dewiswch hyd at {tagsMax} pwnc",
    priorities_closed: "Nid yw'r ymgynghoriad hwn yn derbyn blaenoriaethau na chefnogaeth ar hyn o bryd",
    priority_not_visible: "Nid yw'r flaenoriaeth hon ar gael",
    priority_merged: "Mae'r flaenoriaeth hon wedi'i chyfuno ag un debyg. Gallwch gefnogi honno yn lle",
    own_priority: "Ni allwch gefnogi blaenoriaeth a gyflwynwyd gennych chi eich hun",
    already_supported: "Rydych eisoes yn cefnogi'r flaenoriaeth hon",
    same_priority: "Dewiswch flaenoriaeth wahanol i'w chyfuno â hi",
    different_council: "Dim ond o fewn yr un cyngor y gellir cyfuno blaenoriaethau",
    already_merged: "Mae un o'r blaenoriaethau hyn eisoes wedi'i chyfuno ag un arall",
  },
};

const DAYS: Record<Locale, (n: number) => string> = {
  en: (n) => (n === 1 ? "1 day" : `${n.toLocaleString("en-GB")} days`),
  cy: (n) => `${n.toLocaleString("en-GB")} diwrnod`,
};

function numberIn(detail: unknown, key: string): number | undefined {
  if (!detail || typeof detail !== "object") return undefined;
  const value = (detail as Record<string, unknown>)[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * The words for a reason; placeholders are filled from the Result's detail, else from the rules'
 * limits. Without a duration in the detail, "too short" still reads truthfully ("less than the
 * minimum") rather than claiming "0 days".
 */
export function consultationMessage(reason: ConsultationMessageReason, locale: Locale, detail?: unknown): string {
  const duration = numberIn(detail, "durationDays");
  const minimum = numberIn(detail, "minimumDurationDays") ?? DEFAULT_MINIMUM_DURATION_DAYS;
  const n = (v: number) => v.toLocaleString("en-GB");
  const text =
    reason === "too_short_without_reason" && duration === undefined
      ? CONSULTATION_MESSAGES[locale][reason].replace(/ for \{durationDays\}, which is| am \{durationDays\}, sy'n/, locale === "en" ? " for" : " am gyfnod sy'n")
      : CONSULTATION_MESSAGES[locale][reason];
  return format(text, {
    durationDays: DAYS[locale](duration ?? 0),
    minimumDays: DAYS[locale](minimum),
    min: n(numberIn(detail, "min") ?? REASON_LIMITS.min),
    max: n(numberIn(detail, "max") ?? REASON_LIMITS.max),
    titleMin: n(PRIORITY_LIMITS.titleMin),
    titleMax: n(PRIORITY_LIMITS.titleMax),
    descriptionMax: n(PRIORITY_LIMITS.descriptionMax),
    tagsMax: n(PRIORITY_LIMITS.tagsMax),
  });
}

/** The sentence an officer sees for a lifecycle refusal; `detail` is the Result's detail. */
export function lifecycleMessage(reason: LifecycleReason, locale: Locale, detail?: unknown): string {
  return consultationMessage(reason, locale, detail);
}

/** What changed in a new version, for the public list of versions ("What changed: …"). */
export const EDIT_CHANGE_LABELS: Record<Locale, Record<EditChange, string>> = {
  en: {
    title: "The title",
    summary: "The summary",
    documents: "The documents",
    question_wording: "The wording of a question",
    question_hint: "The help text of a question",
    question_added: "A new question",
    option_added: "A new answer to choose from",
    question_order: "The order of the questions",
    option_order: "The order of the answers",
    question_removed: "A question was removed",
    option_removed: "An answer was removed",
    question_kind: "The type of a question",
  },
  cy: {
    title: "Y teitl",
    summary: "Y crynodeb",
    documents: "Y dogfennau",
    question_wording: "Geiriad cwestiwn",
    question_hint: "Testun cymorth cwestiwn",
    question_added: "Cwestiwn newydd",
    option_added: "Ateb newydd i ddewis ohono",
    question_order: "Trefn y cwestiynau",
    option_order: "Trefn yr atebion",
    question_removed: "Cafodd cwestiwn ei ddileu",
    option_removed: "Cafodd ateb ei ddileu",
    question_kind: "Math cwestiwn",
  },
};
