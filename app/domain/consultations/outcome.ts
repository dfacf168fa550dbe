// "We asked, you said, we did": the rules for what an officer publishes when a consultation's
// analysis is done, the words for every refusal, and the email that tells the people who asked to
// be told. Pure: no I/O, no clock. The server (app/server/consultations/outcomes.server.ts) loads
// the council's projects, calls `checkOutcome`, and writes with an audit event.
//
// Why these rules: Gunning 4 (R v Brent LBC ex p Gunning (1985) 84 LGR 168) asks that responses
// are conscientiously taken into account, and the Consultation Principles (2018, J and K) ask
// that the government "publish responses … and explain the decision" in a timely way. A
// published outcome therefore needs both halves — what people said and what the council did —
// and every link it offers as evidence must lead somewhere a resident can follow: a council
// page over https, or one of this council's own budget projects.
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English).
import { normaliseEmail } from "../accounts/email.ts";
import { format, type Locale } from "../i18n/locale.ts";
import { err, ok, type Result } from "../result.ts";

/** Markdown text lengths in characters (code points), and how many links one outcome may carry. */
export const OUTCOME_LIMITS = {
  textMin: 20,
  textMax: 10_000,
  labelMax: 150,
  urlMax: 2_000,
  links: 10,
} as const;

export type OutcomeField = "youSaid" | "youSaidCy" | "weDid" | "weDidCy";

export type OutcomeFieldReason =
  | "you_said_required"
  | "we_did_required"
  | "text_too_short"
  | "text_too_long"
  | "link_label_required"
  | "link_label_too_long"
  | "link_target_required"
  | "link_both_targets"
  | "link_url_invalid"
  | "link_url_not_https"
  | "link_url_too_long"
  | "link_project_unknown"
  | "links_too_many";

export type FollowerReason = "follower_email_invalid";

export type OutcomeMessageReason = OutcomeFieldReason | FollowerReason | "outcome_invalid";

export interface OutcomeLinkInput {
  label: string;
  url?: string | null;
  projectId?: string | null;
}

export interface OutcomeInput {
  youSaid: string;
  youSaidCy?: string | null;
  weDid: string;
  weDidCy?: string | null;
  links: readonly OutcomeLinkInput[];
}

export type OutcomeLink = { label: string; url: string; projectId: null } | { label: string; url: null; projectId: string };

export interface OutcomeChecked {
  youSaid: string;
  youSaidCy: string | null;
  weDid: string;
  weDidCy: string | null;
  /** In the order given; position is the index. */
  links: OutcomeLink[];
}

/**
 * Field errors keyed by form field: "youSaid", "weDid", "youSaidCy", "weDidCy", "links" (too
 * many), and "link-<index>-label" / "link-<index>-target" for a link by its position.
 */
export type OutcomeFieldErrors = Record<string, OutcomeFieldReason>;

export interface OutcomeContext {
  /** Ids of the budget projects of the same council that a link may point to. */
  projectIds: ReadonlySet<string>;
  /**
   * "draft": saving while analysis goes on — the texts may still be empty, but nothing that
   * could never be published is stored. "publish": both halves are required.
   */
  mode: "draft" | "publish";
}

const chars = (s: string) => [...s].length;

/**
 * A link's web address: https only. Anything else — http, javascript:, mailto:, a relative path —
 * is refused, because a published decision must open safely for every resident, and the page
 * renders the address as a link. Credentials in the address ("https://user:pass@…") are refused
 * too: they would be published for anyone to read.
 */
export function checkLinkUrl(raw: string): Result<string, "link_url_invalid" | "link_url_not_https" | "link_url_too_long"> {
  const value = raw.trim();
  if (chars(value) > OUTCOME_LIMITS.urlMax) return err("link_url_too_long");
  if (/\s/u.test(value)) return err("link_url_invalid");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return err("link_url_invalid");
  }
  if (url.protocol !== "https:") return err(url.protocol === "http:" ? "link_url_not_https" : "link_url_invalid");
  if (!url.hostname.includes(".") || url.username !== "" || url.password !== "") return err("link_url_invalid");
  return ok(url.toString());
}

function checkText(value: string | null | undefined, required: OutcomeFieldReason | null): { text: string; problem: OutcomeFieldReason | null } {
  const text = (value ?? "").trim();
  const length = chars(text);
  if (length === 0) return { text, problem: required };
  if (length < OUTCOME_LIMITS.textMin) return { text, problem: "text_too_short" };
  if (length > OUTCOME_LIMITS.textMax) return { text, problem: "text_too_long" };
  return { text, problem: null };
}

/**
 * Checks an officer's outcome. English "you said" and "we did" are required to publish (Welsh is
 * optional: an empty Welsh text falls back to the English one on the page); every text that is
 * given must be 20–10,000 characters. Each link needs a label and exactly one target: an https
 * address or a project of this council. At most 10 links.
 */
export function checkOutcome(input: OutcomeInput, context: OutcomeContext): Result<OutcomeChecked, "outcome_invalid"> {
  const errors: OutcomeFieldErrors = {};
  const publish = context.mode === "publish";
  const youSaid = checkText(input.youSaid, publish ? "you_said_required" : null);
  const weDid = checkText(input.weDid, publish ? "we_did_required" : null);
  const youSaidCy = checkText(input.youSaidCy, null);
  const weDidCy = checkText(input.weDidCy, null);
  for (const [field, checked] of [
    ["youSaid", youSaid],
    ["youSaidCy", youSaidCy],
    ["weDid", weDid],
    ["weDidCy", weDidCy],
  ] as const)
    if (checked.problem) errors[field] = checked.problem;

  if (input.links.length > OUTCOME_LIMITS.links) errors.links = "links_too_many";
  const links: OutcomeLink[] = [];
  input.links.forEach((link, i) => {
    const label = link.label.trim();
    if (label === "") errors[`link-${i}-label`] = "link_label_required";
    else if (chars(label) > OUTCOME_LIMITS.labelMax) errors[`link-${i}-label`] = "link_label_too_long";
    const url = (link.url ?? "").trim();
    const projectId = (link.projectId ?? "").trim();
    if (url !== "" && projectId !== "") errors[`link-${i}-target`] = "link_both_targets";
    else if (url === "" && projectId === "") errors[`link-${i}-target`] = "link_target_required";
    else if (projectId !== "") {
      if (!context.projectIds.has(projectId)) errors[`link-${i}-target`] = "link_project_unknown";
      else links.push({ label, url: null, projectId });
    } else {
      const checked = checkLinkUrl(url);
      if (!checked.ok) errors[`link-${i}-target`] = checked.reason;
      else links.push({ label, url: checked.value, projectId: null });
    }
  });

  if (Object.keys(errors).length > 0) return err("outcome_invalid", { fieldErrors: errors });
  return ok({
    youSaid: youSaid.text,
    youSaidCy: youSaidCy.text || null,
    weDid: weDid.text,
    weDidCy: weDidCy.text || null,
    links,
  });
}

/**
 * The address a resident gives to be told when the outcome is published (only asked of someone
 * responding without signing in; a signed-in resident's account address is used as it is).
 */
export function checkFollowerEmail(raw: string): Result<string, FollowerReason> {
  const email = normaliseEmail(raw);
  return email.ok ? email : err("follower_email_invalid");
}

// ───────────────────────────── words ─────────────────────────────

export const OUTCOME_MESSAGES: Record<Locale, Record<OutcomeMessageReason, string>> = {
  en: {
    outcome_invalid: "There is a problem with the summary. Check the highlighted parts",
    you_said_required: "Write what people said before publishing",
    we_did_required: "Write what the council did as a result before publishing",
    text_too_short: "Write at least {textMin} characters",
    text_too_long: "Write {textMax} characters or fewer",
    link_label_required: "Enter the words for the link",
    link_label_too_long: "The words for the link must be {labelMax} characters or fewer",
    link_target_required: "Choose a budget project or enter a web address",
    link_both_targets: "Choose a budget project or enter a web address, not both",
    link_url_invalid: "Enter a full web address, starting with https://",
    link_url_not_https: "Enter a secure web address, starting with https:// rather than http://",
    link_url_too_long: "The web address must be {urlMax} characters or fewer",
    link_project_unknown: "Choose a project from the list",
    links_too_many: "Add up to {links} links. Remove one before adding another",
    follower_email_invalid: "Enter an email address in the correct format, like name@example.com",
  },
  cy: {
    outcome_invalid: "Mae problem gyda'r crynodeb. Gwiriwch y rhannau sydd wedi'u hamlygu",
    you_said_required: "Ysgrifennwch yr hyn a ddywedodd pobl cyn cyhoeddi",
    we_did_required: "Ysgrifennwch yr hyn a wnaeth y cyngor o ganlyniad cyn cyhoeddi",
    text_too_short: "Ysgrifennwch o leiaf {textMin} nod",
    text_too_long: "Ysgrifennwch {textMax} nod neu lai",
    link_label_required: "Rhowch y geiriau ar gyfer y ddolen",
    link_label_too_long: "Rhaid i'r geiriau ar gyfer y ddolen fod yn {labelMax} nod neu lai",
    link_target_required: "Dewiswch brosiect cyllideb neu rhowch gyfeiriad gwe",
    link_both_targets: "Dewiswch brosiect cyllideb neu rhowch gyfeiriad gwe, nid y ddau",
    link_url_invalid: "Rhowch gyfeiriad gwe llawn, sy'n dechrau gyda https://",
    link_url_not_https: "Rhowch gyfeiriad gwe diogel, sy'n dechrau gyda https:// yn hytrach na http://",
    link_url_too_long: "Rhaid i'r cyfeiriad gwe fod yn {urlMax} nod neu lai",
    link_project_unknown: "Dewiswch brosiect o'r rhestr",
    links_too_many: "Ychwanegwch hyd at {links} dolen. Tynnwch un cyn ychwanegu un arall",
    follower_email_invalid: "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
  },
};

/** The words for a reason, with the limits filled in. */
export function outcomeMessage(reason: OutcomeMessageReason, locale: Locale): string {
  const n = (v: number) => v.toLocaleString("en-GB");
  return format(OUTCOME_MESSAGES[locale][reason], {
    textMin: n(OUTCOME_LIMITS.textMin),
    textMax: n(OUTCOME_LIMITS.textMax),
    labelMax: n(OUTCOME_LIMITS.labelMax),
    urlMax: n(OUTCOME_LIMITS.urlMax),
    links: n(OUTCOME_LIMITS.links),
  });
}

/** Field errors in words, for the error summary and the inline messages (same words in both). */
export function outcomeFieldMessages(fieldErrors: OutcomeFieldErrors, locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, reason]) => [field, outcomeMessage(reason, locale)]));
}

// ───────────────────────────── the email to followers ─────────────────────────────

const EMAIL: Record<Locale, { subject: string; intro: string; link: string; why: string; close: string }> = {
  en: {
    subject: "What we did with what people said: {title}",
    intro: "You asked {council} to tell you when it published what it did with what people said in the consultation \"{title}\".",
    link: "We have now published it. It says what we asked, what people told us and what we did as a result:\n{url}",
    why: "You are getting this email because you ticked the box to be told when you responded.",
    close: "We have now deleted your email address from the list for this consultation. We will not email you about it again.",
  },
  cy: {
    subject: "Beth wnaethom gyda'r hyn a ddywedodd pobl: {title}",
    intro: "Gofynnoch i {council} roi gwybod i chi pan fyddai'n cyhoeddi'r hyn a wnaeth gyda'r hyn a ddywedodd pobl yn yr ymgynghoriad \"{title}\".",
    link: "Rydym bellach wedi'i gyhoeddi. Mae'n dweud beth ofynnon ni, beth ddywedodd pobl wrthym a beth wnaethom o ganlyniad:\n{url}",
    why: "Rydych yn cael yr e-bost hwn oherwydd i chi dicio'r blwch i gael gwybod pan wnaethoch ymateb.",
    close: "Rydym bellach wedi dileu eich cyfeiriad e-bost o'r rhestr ar gyfer yr ymgynghoriad hwn. Ni fyddwn yn anfon e-bost atoch amdano eto.",
  },
};

/**
 * The plain-text email telling a follower the outcome is published. Plain text: the mailer sends
 * it as it is, so nothing in a title can become markup. The address is the public page.
 */
export function outcomePublishedEmail(locale: Locale, facts: { title: string; council: string; url: string }): { subject: string; text: string } {
  const c = EMAIL[locale];
  return {
    subject: format(c.subject, { title: facts.title }),
    text: [format(c.intro, facts), format(c.link, { url: facts.url }), c.why, c.close].join("\n\n"),
  };
}
