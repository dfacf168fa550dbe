// Every reason the accounts use cases return, in plain English and Welsh, plus the emails they
// send. Wording follows the GOV.UK Design System error-message guidance (say what happened and
// how to fix it; no "invalid", no blame). Routes show the same words in the error summary and
// next to the field.
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English).
import { format, type Locale } from "../i18n/locale.ts";
import type { CodeReason } from "./codes.ts";
import type { DisplayNameReason } from "./display-name.ts";
import type { EmailReason } from "./email.ts";
import type { PasswordReason } from "./password.ts";
import type { Role } from "./permissions.ts";

export type AccountsReason =
  | EmailReason
  | PasswordReason
  | CodeReason
  | DisplayNameReason
  | "wrong_code"
  | "expired_code"
  | "used_code"
  | "too_many_attempts"
  | "rate_limited"
  | "invalid_credentials"
  | "not_staff"
  | "wrong_password"
  | "session_invalid"
  | "already_enrolled"
  | "not_enrolled"
  | "enrolment_expired"
  | "forbidden"
  | "invalid_role"
  | "invitation_not_found"
  | "invitation_expired"
  | "invitation_used"
  | "account_not_found"
  | "role_not_held"
  | "last_admin";

type Catalogue = Record<AccountsReason, string>;

const en: Catalogue = {
  invalid_email: "Enter an email address in the correct format, like name@example.com",
  invalid_code: "Enter the code in the correct format, exactly as it is shown",
  wrong_code: "The code is not correct. Check it and try again",
  expired_code: "The code has expired or a newer code has replaced it. Request a new code",
  used_code: "The code has already been used. Request a new code",
  too_many_attempts: "You have entered the wrong code too many times. Request a new code",
  rate_limited: "You have tried too many times. Wait {minutes} minutes, then try again",
  invalid_credentials: "The email address or password is not correct",
  not_staff: "This account does not have a staff role. Residents sign in with a code sent by email",
  password_too_short: "Password must be {min} characters or more",
  password_too_long: "Password must be {max} characters or fewer",
  password_too_common: "This password is too easy to guess. Choose another, for example three random words",
  password_contains_email: "Password must not contain your email address",
  wrong_password: "Your current password is not correct",
  session_invalid: "Your session has ended. Sign in again",
  already_enrolled: "An authenticator app is already set up for this account",
  not_enrolled: "Set up an authenticator app before you continue",
  enrolment_expired: "Setting up the authenticator app took too long. Scan the new QR code and try again",
  forbidden: "You do not have permission to do this",
  invalid_role: "Select a role",
  invitation_not_found:
    "This invitation link is not valid. Check you copied the whole link, or ask an administrator for a new invitation",
  invitation_expired: "This invitation has expired. Ask an administrator to invite you again",
  invitation_used: "This invitation has already been accepted. Sign in with your email address and password",
  invalid_display_name: "Enter your name, using 100 characters or fewer",
  account_not_found: "We could not find that person's account",
  role_not_held: "This person does not have that role",
  last_admin: "You cannot remove the last administrator. Make someone else an administrator first",
};

// DRAFT Welsh — for review.
const cy: Catalogue = {
  invalid_email: "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
  invalid_code: "Rhowch y cod yn y fformat cywir, yn union fel y mae'n cael ei ddangos",
  wrong_code: "Nid yw'r cod yn gywir. Gwiriwch ef a rhowch gynnig arall arni",
  expired_code: "Mae'r cod wedi dod i ben neu mae cod mwy newydd wedi cymryd ei le. Gofynnwch am god newydd",
  used_code: "Mae'r cod eisoes wedi cael ei ddefnyddio. Gofynnwch am god newydd",
  too_many_attempts: "Rydych wedi rhoi'r cod anghywir ormod o weithiau. Gofynnwch am god newydd",
  rate_limited: "Rydych wedi rhoi cynnig arni ormod o weithiau. Arhoswch {minutes} munud, yna rhowch gynnig arall arni",
  invalid_credentials: "Nid yw'r cyfeiriad e-bost neu'r cyfrinair yn gywir",
  not_staff: "Nid oes gan y cyfrif hwn rôl staff. Mae preswylwyr yn mewngofnodi gyda chod a anfonir drwy e-bost",
  password_too_short: "Rhaid i'r cyfrinair fod yn {min} nod neu fwy",
  password_too_long: "Rhaid i'r cyfrinair fod yn {max} nod neu lai",
  password_too_common: "Mae'r cyfrinair hwn yn rhy hawdd i'w ddyfalu. Dewiswch un arall, er enghraifft tri gair ar hap",
  password_contains_email: "Rhaid i'r cyfrinair beidio â chynnwys eich cyfeiriad e-bost",
  wrong_password: "Nid yw eich cyfrinair presennol yn gywir",
  session_invalid: "Mae eich sesiwn wedi dod i ben. Mewngofnodwch eto",
  already_enrolled: "Mae ap dilysu eisoes wedi'i osod ar gyfer y cyfrif hwn",
  not_enrolled: "Gosodwch ap dilysu cyn i chi barhau",
  enrolment_expired: "Cymerodd gosod yr ap dilysu ormod o amser. Sganiwch y cod QR newydd a rhowch gynnig arall arni",
  forbidden: "Nid oes gennych ganiatâd i wneud hyn",
  invalid_role: "Dewiswch rôl",
  invitation_not_found:
    "Nid yw'r ddolen wahodd hon yn ddilys. Gwiriwch eich bod wedi copïo'r ddolen gyfan, neu gofynnwch i weinyddwr am wahoddiad newydd",
  invitation_expired: "Mae'r gwahoddiad hwn wedi dod i ben. Gofynnwch i weinyddwr eich gwahodd eto",
  invitation_used: "Mae'r gwahoddiad hwn eisoes wedi'i dderbyn. Mewngofnodwch gyda'ch cyfeiriad e-bost a'ch cyfrinair",
  invalid_display_name: "Rhowch eich enw, gan ddefnyddio 100 nod neu lai",
  account_not_found: "Nid oedd modd dod o hyd i gyfrif y person hwnnw",
  role_not_held: "Nid oes gan y person hwn y rôl honno",
  last_admin: "Ni allwch dynnu'r gweinyddwr olaf. Gwnewch rywun arall yn weinyddwr yn gyntaf",
};

const CATALOGUES: Record<Locale, Catalogue> = { en, cy };

/** The `detail` some results carry; read defensively because it is typed `unknown`. */
function numberFrom(detail: unknown, key: string): number | undefined {
  if (typeof detail !== "object" || detail === null) return undefined;
  const value = (detail as Record<string, unknown>)[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

const ATTEMPTS_LEFT: Record<Locale, string> = {
  en: "You have {n} more tries",
  cy: "Mae gennych {n} cynnig arall",
};

/**
 * The message for a reason. Pass the result's `detail` as it is: it fills in the minutes to
 * wait (`retryAfterSeconds`), tries left (`attemptsRemaining`) and password lengths.
 */
export function accountsMessage(reason: AccountsReason, locale: Locale, detail?: unknown): string {
  const retryAfter = numberFrom(detail, "retryAfterSeconds") ?? 15 * 60;
  const text = format(CATALOGUES[locale][reason], {
    minutes: Math.max(1, Math.ceil(retryAfter / 60)),
    min: numberFrom(detail, "min") ?? 12,
    max: numberFrom(detail, "max") ?? 128,
  });
  const left = numberFrom(detail, "attemptsRemaining");
  if (reason === "wrong_code" && left !== undefined && left > 0) {
    return `${text}. ${format(ATTEMPTS_LEFT[locale], { n: left })}`;
  }
  return text;
}

const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  en: { resident: "resident", officer: "officer", moderator: "moderator", panel_member: "panel member", admin: "administrator" },
  // DRAFT Welsh — for review.
  cy: { resident: "preswylydd", officer: "swyddog", moderator: "cymedrolwr", panel_member: "aelod o'r panel", admin: "gweinyddwr" },
};

export function roleName(role: Role, locale: Locale): string {
  return ROLE_NAMES[locale][role];
}

export interface EmailContent {
  subject: string;
  text: string;
}

/**
 * The sign-in code email. The code is in the body only, not the subject, so it does not show
 * on a locked phone's notification. The same email goes to every address whether or not it
 * has an account (no account enumeration: ASVS 5.0 6.3.8).
 */
export function signInCodeEmail(input: { code: string; locale: Locale; councilName?: string; minutes: number }): EmailContent {
  const council = input.councilName ?? "Commonweal";
  if (input.locale === "cy") {
    // DRAFT Welsh — for review.
    return {
      subject: `Eich cod mewngofnodi ar gyfer ${council}`,
      text: [
        "Eich cod mewngofnodi yw:",
        "",
        input.code,
        "",
        `Rhowch y cod ar y dudalen mewngofnodi o fewn ${input.minutes} munud. Dim ond unwaith y mae'n gweithio.`,
        "",
        "Os na wnaethoch ofyn am gael mewngofnodi, gallwch anwybyddu'r e-bost hwn. Efallai bod rhywun wedi teipio eich cyfeiriad e-bost drwy gamgymeriad.",
        "",
        `Peidiwch â rhannu'r cod hwn ag unrhyw un. Ni fydd staff ${council} byth yn gofyn i chi amdano.`,
      ].join("\n"),
    };
  }
  return {
    subject: `Your sign-in code for ${council}`,
    text: [
      "Your sign-in code is:",
      "",
      input.code,
      "",
      `Enter the code on the sign-in page within ${input.minutes} minutes. It works once.`,
      "",
      "If you did not ask to sign in, you can ignore this email. Someone may have typed your email address by mistake.",
      "",
      `Do not share this code with anyone. ${council} staff will never ask you for it.`,
    ].join("\n"),
  };
}

export function staffInvitationEmail(input: {
  link: string;
  councilName: string;
  role: Role;
  locale: Locale;
  days: number;
}): EmailContent {
  if (input.locale === "cy") {
    // DRAFT Welsh — for review.
    return {
      subject: `Gwahoddiad i ymuno â ${input.councilName} ar Commonweal`,
      text: [
        `Mae ${input.councilName} wedi eich gwahodd i ymuno â'i wefan Commonweal fel ${roleName(input.role, "cy")}.`,
        "",
        `I dderbyn, agorwch y ddolen hon o fewn ${input.days} diwrnod a dewiswch gyfrinair:`,
        "",
        input.link,
        "",
        "Wedyn byddwch yn gosod ap dilysu ar eich ffôn, fel Google Authenticator neu Microsoft Authenticator.",
        "",
        "Os nad oeddech yn disgwyl y gwahoddiad hwn, gallwch anwybyddu'r e-bost hwn.",
      ].join("\n"),
    };
  }
  return {
    subject: `You have been invited to join ${input.councilName} on Commonweal`,
    text: [
      `${input.councilName} has invited you to join its Commonweal site as ${articleFor(roleName(input.role, "en"))}.`,
      "",
      `To accept, open this link within ${input.days} days and choose a password:`,
      "",
      input.link,
      "",
      "You will then set up an authenticator app on your phone, such as Google Authenticator or Microsoft Authenticator.",
      "",
      "If you were not expecting this invitation, you can ignore this email.",
    ].join("\n"),
  };
}

function articleFor(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
