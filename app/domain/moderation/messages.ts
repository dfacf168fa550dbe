// Plain-English and Welsh copy for moderation: the reasons a moderator gives (a short label for
// the moderator's list and the residents' report form, and what the author is told), the
// filter's flags as moderators see them, statuses, and every refusal a moderation rule gives.
// The author's notice says what happened, why, what they can do, and that they can appeal once
// — in the GOV.UK style, without blame.
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English).
import type { Locale } from "../i18n/locale.ts";
import type { ModerationReason, ModerationRefusal, ModerationStatus } from "./decisions.ts";
import type { FilterFlag } from "./filter.ts";

export const MODERATION_REASON_LABELS: Record<Locale, Record<ModerationReason, string>> = {
  en: {
    personal_information: "Contains personal information",
    abusive: "Abusive or offensive",
    off_topic: "Not about this consultation",
    duplicate: "Repeats something already posted",
    spam: "Spam",
    defamatory: "Could be defamatory",
    commercial: "Advertising or promotion",
  },
  cy: {
    personal_information: "Yn cynnwys gwybodaeth bersonol",
    abusive: "Sarhaus neu dramgwyddus",
    off_topic: "Ddim yn ymwneud â'r ymgynghoriad hwn",
    duplicate: "Yn ailadrodd rhywbeth sydd eisoes wedi'i bostio",
    spam: "Sbam",
    defamatory: "Gallai fod yn ddifenwol",
    commercial: "Hysbysebu neu hyrwyddo",
  },
};

/** Why, as the author is told it. */
export const AUTHOR_REASON_MESSAGES: Record<Locale, Record<ModerationReason, string>> = {
  en: {
    personal_information:
      "It includes personal information, such as an email address, a phone number or someone's name and address. We do not publish personal information, to protect you and others. You can post it again without those details.",
    abusive: "It includes language that is abusive or offensive. Everyone taking part should feel safe to give their views. You can post it again without that language.",
    off_topic: "It is not about this consultation. To contact the council about something else, use the council's contact page.",
    duplicate: "It repeats something that has already been posted. You can support or comment on that instead.",
    spam: "It looks like spam, such as repeated text or links that have nothing to do with the consultation.",
    defamatory: "It makes claims about a named person or organisation that could be defamatory. You can post it again without naming them.",
    commercial: "It advertises or promotes a business, product or service. We do not publish advertising. You can post your views again without it.",
  },
  cy: {
    personal_information:
      "Mae'n cynnwys gwybodaeth bersonol, fel cyfeiriad e-bost, rhif ffôn neu enw a chyfeiriad rhywun. Nid ydym yn cyhoeddi gwybodaeth bersonol, er mwyn eich diogelu chi ac eraill. Gallwch ei bostio eto heb y manylion hynny.",
    abusive: "Mae'n cynnwys iaith sarhaus neu dramgwyddus. Dylai pawb sy'n cymryd rhan deimlo'n ddiogel i roi eu barn. Gallwch ei bostio eto heb yr iaith honno.",
    off_topic: "Nid yw'n ymwneud â'r ymgynghoriad hwn. I gysylltu â'r cyngor am rywbeth arall, defnyddiwch dudalen gyswllt y cyngor.",
    duplicate: "Mae'n ailadrodd rhywbeth sydd eisoes wedi'i bostio. Gallwch gefnogi neu roi sylw ar hwnnw yn lle.",
    spam: "Mae'n edrych fel sbam, fel testun wedi'i ailadrodd neu ddolenni nad oes a wnelont ddim â'r ymgynghoriad.",
    defamatory: "Mae'n gwneud honiadau am berson neu sefydliad a enwir a allai fod yn ddifenwol. Gallwch ei bostio eto heb eu henwi.",
    commercial: "Mae'n hysbysebu neu'n hyrwyddo busnes, cynnyrch neu wasanaeth. Nid ydym yn cyhoeddi hysbysebion. Gallwch bostio eich barn eto hebddo.",
  },
};

const AUTHOR_LEAD: Record<Locale, Record<"hide" | "reject", string>> = {
  en: { hide: "We have removed what you wrote from public view.", reject: "We have not published what you wrote." },
  cy: { hide: "Rydym wedi tynnu'r hyn a ysgrifennoch o olwg y cyhoedd.", reject: "Nid ydym wedi cyhoeddi'r hyn a ysgrifennoch." },
};

const AUTHOR_APPEAL: Record<Locale, string> = {
  en: "If you think this is wrong, you can ask us to look again. A different moderator will decide. You can do this once.",
  cy: "Os ydych chi'n credu bod hyn yn anghywir, gallwch ofyn i ni edrych eto. Bydd cymedrolwr gwahanol yn penderfynu. Gallwch wneud hyn unwaith.",
};

export const FILTER_FLAG_LABELS: Record<Locale, Record<FilterFlag, string>> = {
  en: { email: "Possible email address", phone: "Possible phone number", ni_number: "Possible National Insurance number", abuse: "Possible abusive language" },
  cy: { email: "Cyfeiriad e-bost posibl", phone: "Rhif ffôn posibl", ni_number: "Rhif Yswiriant Gwladol posibl", abuse: "Iaith sarhaus bosibl" },
};

export const MODERATION_STATUS_LABELS: Record<Locale, Record<ModerationStatus, string>> = {
  en: { visible: "Published", held: "Waiting for review", hidden: "Removed", rejected: "Not published" },
  cy: { visible: "Wedi'i gyhoeddi", held: "Yn aros am adolygiad", hidden: "Wedi'i dynnu", rejected: "Heb ei gyhoeddi" },
};

export const MODERATION_MESSAGES: Record<Locale, Record<ModerationRefusal, string>> = {
  en: {
    invalid_decision: "This has already been dealt with. Refresh the page to see where it is now",
    reason_required: "Select a reason",
    unknown_reason: "Select one of the reasons listed",
    own_content: "You cannot moderate or report something you wrote yourself",
    appeal_pending: "The author has appealed. Decide the appeal instead",
    note_too_long: "The note must be 1,000 characters or fewer",
    not_visible: "This can no longer be reported",
    already_reported: "You have already reported this. A moderator will look at it",
    not_author: "Only the person who wrote this can appeal",
    not_appealable: "Only something that was removed or not published can be appealed",
    already_appealed: "You have already appealed this decision",
    statement_required: "Tell us why you think the decision was wrong",
    statement_too_long: "Your appeal must be 1,000 characters or fewer",
    no_pending_appeal: "There is no appeal waiting for a decision",
    same_moderator: "A different moderator must decide this appeal, not the one who made the decision",
  },
  cy: {
    invalid_decision: "Mae hyn eisoes wedi'i drin. Adnewyddwch y dudalen i weld ble mae nawr",
    reason_required: "Dewiswch reswm",
    unknown_reason: "Dewiswch un o'r rhesymau a restrir",
    own_content: "Ni allwch gymedroli nac adrodd rhywbeth a ysgrifennoch chi eich hun",
    appeal_pending: "Mae'r awdur wedi apelio. Penderfynwch ar yr apêl yn lle hynny",
    note_too_long: "Rhaid i'r nodyn fod yn 1,000 nod neu lai",
    not_visible: "Ni ellir adrodd hyn mwyach",
    already_reported: "Rydych eisoes wedi adrodd hyn. Bydd cymedrolwr yn edrych arno",
    not_author: "Dim ond y person a ysgrifennodd hyn sy'n gallu apelio",
    not_appealable: "Dim ond rhywbeth a dynnwyd neu na chafodd ei gyhoeddi y gellir apelio yn ei erbyn",
    already_appealed: "Rydych eisoes wedi apelio yn erbyn y penderfyniad hwn",
    statement_required: "Dywedwch wrthym pam rydych chi'n credu bod y penderfyniad yn anghywir",
    statement_too_long: "Rhaid i'ch apêl fod yn 1,000 nod neu lai",
    no_pending_appeal: "Nid oes apêl yn aros am benderfyniad",
    same_moderator: "Rhaid i gymedrolwr gwahanol benderfynu ar yr apêl hon, nid yr un a wnaeth y penderfyniad",
  },
};

export function moderationMessage(reason: ModerationRefusal, locale: Locale): string {
  return MODERATION_MESSAGES[locale][reason];
}

export function moderationReasonLabel(reason: ModerationReason, locale: Locale): string {
  return MODERATION_REASON_LABELS[locale][reason];
}

/** Why, as the author is told it (without the lead sentence and the appeal sentence). */
export function authorMessage(reason: ModerationReason, locale: Locale): string {
  return AUTHOR_REASON_MESSAGES[locale][reason];
}

/**
 * The whole notice to the author of a hidden or rejected item: what happened, why, and (unless
 * they have already appealed this decision) how to appeal.
 */
export function authorNotice(action: "hide" | "reject", reason: ModerationReason, locale: Locale, options: { canAppeal?: boolean } = {}): string {
  const parts = [AUTHOR_LEAD[locale][action], AUTHOR_REASON_MESSAGES[locale][reason]];
  if (options.canAppeal ?? true) parts.push(AUTHOR_APPEAL[locale]);
  return parts.join(" ");
}

export function filterFlagLabel(flag: FilterFlag, locale: Locale): string {
  return FILTER_FLAG_LABELS[locale][flag];
}

export function moderationStatusLabel(status: ModerationStatus, locale: Locale): string {
  return MODERATION_STATUS_LABELS[locale][status];
}
