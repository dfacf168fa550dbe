// Plain-English and Welsh copy for voting codes, paper ballots and delivery tracking: every
// reason a typed paper is refused (with its line number, so the officer can find the paper),
// every use-case reason, and every field error of these officer forms. GOV.UK error-message
// style: say what is wrong and how to put it right.
// (Kept apart from ballot-messages.ts, which words what voters see; these are the words officers
// see while entering papers and updating delivery.)
//
// WELSH: drafted in-house, NOT yet reviewed by a Welsh-language translator
// (WELSH_REVIEWED in ballot-messages.ts covers this module too). Welsh uses the singular noun
// after a numeral ("3 llinell"), so the Welsh templates need no plural forms.
import type { BallotType } from "~/domain/budgeting/ballot.ts";
import type { Copy } from "~/domain/budgeting/ballot-messages.ts";
import type { DeliveryFieldError } from "~/domain/budgeting/delivery.ts";
import { DELIVERY_LIMITS } from "~/domain/budgeting/delivery.ts";
import { formatPence } from "~/domain/budgeting/money.ts";
import { PAPER_LIMITS, type BatchProblem, type DuplicateReason, type EntryName, type LineProblem, type PaperFieldError, type PaperProblem } from "~/domain/budgeting/paper.ts";
import { format, type Locale } from "~/domain/i18n/locale.ts";

function say(copy: Copy, locale: Locale, params: Record<string, string | number> = {}): string {
  return format(copy[locale], params);
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

// ───────────────────────────── typed papers ─────────────────────────────

/** How a line is written for each ballot type: used in hints and in "not in the right form" messages. */
export const LINE_EXAMPLES: Record<BallotType, string> = {
  approval: "7K3Q-9XD2-M4PA: P-1, P-3",
  knapsack: "7K3Q-9XD2-M4PA: P-1, P-3",
  cumulative: "AB1-234: P-1=5, P-2=3",
  ranked: "AB1-234: P-2 > P-1 > P-4",
};

/** Two lines for each ballot type, one with a voting code and one with a register number. */
export const LINE_EXAMPLE_SETS: Record<BallotType, string[]> = {
  approval: [LINE_EXAMPLES.approval, "AB1-235: P-2"],
  knapsack: [LINE_EXAMPLES.knapsack, "AB1-235: P-2"],
  cumulative: ["7K3Q-9XD2-M4PA: P-1=5, P-2=3", "AB1-235: P-3=2"],
  ranked: ["7K3Q-9XD2-M4PA: P-2 > P-1 > P-4", "AB1-235: P-3"],
};

const LINE_COPY: Record<PaperProblem["reason"], Copy> = {
  line_too_long: {
    en: "the line is longer than {max} characters. Type one paper per line",
    cy: "mae’r llinell yn hirach na {max} nod. Teipiwch un papur ar bob llinell",
  },
  no_separator: {
    en: "put a colon after the voting code or register number, like {example}",
    cy: "rhowch colon ar ôl y cod pleidleisio neu’r rhif cofrestr, fel {example}",
  },
  no_identifier: {
    en: "type the voting code or the electoral register number before the colon",
    cy: "teipiwch y cod pleidleisio neu rif y gofrestr etholwyr cyn y colon",
  },
  invalid_identifier: {
    en: "“{text}” is not a voting code (12 letters and numbers, like 7K3Q-9XD2-M4PA) or an electoral register number (a polling district and a number, like AB1-234)",
    cy: "nid yw “{text}” yn god pleidleisio (12 llythyren a rhif, fel 7K3Q-9XD2-M4PA) nac yn rhif ar y gofrestr etholwyr (dosbarth pleidleisio a rhif, fel AB1-234)",
  },
  unknown_code: {
    en: "this voting code was not issued for this vote. Check the code on the paper",
    cy: "ni chafodd y cod pleidleisio hwn ei gyhoeddi ar gyfer y bleidlais hon. Gwiriwch y cod ar y papur",
  },
  no_choices: {
    en: "there are no choices after the colon. Do not type blank or spoilt papers",
    cy: "nid oes dewisiadau ar ôl y colon. Peidiwch â theipio papurau gwag neu wedi’u difetha",
  },
  unreadable_choice: {
    en: "“{text}” is not in the right form. For this ballot, write the choices like {example}",
    cy: "nid yw “{text}” yn y ffurf gywir. Ar gyfer y bleidlais hon, ysgrifennwch y dewisiadau fel {example}",
  },
  unknown_project: {
    en: "there is no project {project} on this ballot",
    cy: "nid oes prosiect {project} ar y bleidlais hon",
  },
  duplicate_project: {
    en: "{project} is written more than once",
    cy: "mae {project} wedi’i ysgrifennu fwy nag unwaith",
  },
  negative_value: { en: "points cannot be less than 0", cy: "ni all pwyntiau fod yn llai na 0" },
  invalid_value: { en: "give points as whole numbers, like P-1=2", cy: "rhowch bwyntiau fel rhifau cyfan, fel P-1=2" },
  too_few_projects: {
    en: "the paper chooses {chosen} {projectsChosen} but must choose at least {min}. If the paper is spoilt, set it aside",
    cy: "mae’r papur yn dewis {chosen} prosiect ond rhaid iddo ddewis o leiaf {min}. Os yw’r papur wedi’i ddifetha, rhowch ef o’r neilltu",
  },
  too_many_projects: {
    en: "the paper chooses {chosen} projects but can choose no more than {max}. If the paper is spoilt, set it aside",
    cy: "mae’r papur yn dewis {chosen} prosiect ond ni all ddewis mwy na {max}. Os yw’r papur wedi’i ddifetha, rhowch ef o’r neilltu",
  },
  over_budget: {
    en: "the projects on this paper cost {total}, which is over the budget of {limit} by {over}. If the paper is spoilt, set it aside",
    cy: "mae’r prosiectau ar y papur hwn yn costio {total}, sydd {over} dros y gyllideb o {limit}. Os yw’r papur wedi’i ddifetha, rhowch ef o’r neilltu",
  },
  no_points: {
    en: "the paper gives no points. If the paper is spoilt, set it aside",
    cy: "nid yw’r papur yn rhoi unrhyw bwyntiau. Os yw’r papur wedi’i ddifetha, rhowch ef o’r neilltu",
  },
  over_points: {
    en: "the paper gives {spent} points but a voter has {points}. If the paper is spoilt, set it aside",
    cy: "mae’r papur yn rhoi {spent} pwynt ond mae gan bleidleisiwr {points}. Os yw’r papur wedi’i ddifetha, rhowch ef o’r neilltu",
  },
  over_project_cap: {
    en: "the paper gives {given} points to {project} but one project can have no more than {cap}",
    cy: "mae’r papur yn rhoi {given} pwynt i {project} ond ni all un prosiect gael mwy na {cap}",
  },
  // A ranking typed with ">" always numbers its choices 1, 2, 3 without gaps or repeats; these
  // two can only come from a project written twice, which duplicate_project reports first.
  rank_gap: { en: "choice number {missing} is missing", cy: "mae dewis rhif {missing} ar goll" },
  duplicate_rank: { en: "choice number {rank} is given twice", cy: "mae dewis rhif {rank} wedi’i roi ddwywaith" },
  too_many_ranked: {
    en: "the paper ranks {chosen} projects but can rank no more than {max}",
    cy: "mae’r papur yn rhoi safle i {chosen} prosiect ond ni all roi safle i fwy na {max}",
  },
};

const LINE_PREFIX: Copy = { en: "Line {line}: ", cy: "Llinell {line}: " };

/**
 * Words one problem with one typed line. `references` maps project ids to their references
 * ("P-3"); an unknown project is reported as typed.
 */
export function lineProblemMessage(
  { line, problem }: LineProblem,
  ballotType: BallotType,
  locale: Locale,
  references: Readonly<Record<string, string>>,
): string {
  const ref = (id: string) => references[id] ?? id;
  const copy = LINE_COPY[problem.reason];
  let params: Record<string, string | number> = { example: LINE_EXAMPLES[ballotType] };
  switch (problem.reason) {
    case "line_too_long":
      params.max = problem.detail.max;
      break;
    case "invalid_identifier":
    case "unreadable_choice":
      params.text = problem.detail.text;
      break;
    case "unknown_project":
    case "duplicate_project":
      params.project = ref(problem.detail.projectId);
      break;
    case "too_few_projects":
      params = { ...params, min: problem.detail.min, chosen: problem.detail.chosen, projectsChosen: plural(problem.detail.chosen, "project", "projects") };
      break;
    case "too_many_projects":
      params = { ...params, max: problem.detail.max ?? "", chosen: problem.detail.chosen };
      break;
    case "over_budget":
      params = {
        total: formatPence(problem.detail.totalPence),
        limit: formatPence(problem.detail.limitPence),
        over: formatPence(problem.detail.overByPence),
      };
      break;
    case "over_points":
      params = { spent: problem.detail.spent, points: problem.detail.points };
      break;
    case "over_project_cap":
      params = { given: problem.detail.given, cap: problem.detail.cap, project: ref(problem.detail.project) };
      break;
    case "rank_gap":
      params.missing = problem.detail.missing;
      break;
    case "duplicate_rank":
      params.rank = problem.detail.rank;
      break;
    case "too_many_ranked":
      params = { chosen: problem.detail.chosen, max: problem.detail.max };
      break;
  }
  return `${say(LINE_PREFIX, locale, { line })}${say(copy, locale, params)}.`;
}

/** How many line problems one message lists before summing up the rest. */
const LINES_LISTED = 5;

const MORE_LINES: Copy = {
  en: "{count} more {linesWord} also {haveWord} problems.",
  cy: "Mae problemau ar {count} llinell arall hefyd.",
};

/**
 * The message for the ballots box: every line problem (up to LINES_LISTED, then a count), in
 * line order, so one attempt shows the officer everything to fix.
 */
export function linesMessage(problems: readonly LineProblem[], ballotType: BallotType, locale: Locale, references: Readonly<Record<string, string>>): string {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const listed = sorted.slice(0, LINES_LISTED).map((p) => lineProblemMessage(p, ballotType, locale, references));
  const rest = sorted.length - listed.length;
  if (rest > 0) listed.push(say(MORE_LINES, locale, { count: rest, linesWord: plural(rest, "line", "lines"), haveWord: plural(rest, "has", "have") }));
  return listed.join(" ");
}

export const BATCH_COPY: Record<BatchProblem, Copy> = {
  no_ballots: {
    en: "Type the papers, one on each line, like {example}",
    cy: "Teipiwch y papurau, un ar bob llinell, fel {example}",
  },
  too_many_ballots: {
    en: "A batch can have no more than {max} papers. Split the papers into smaller batches",
    cy: "Ni all swp gael mwy na {max} papur. Rhannwch y papurau yn sypiau llai",
  },
};

export function batchMessage(problem: BatchProblem, ballotType: BallotType, locale: Locale): string {
  return say(BATCH_COPY[problem], locale, { example: LINE_EXAMPLES[ballotType], max: PAPER_LIMITS.ballotsMax });
}

// ───────────────────────────── paper form fields ─────────────────────────────

export const PAPER_FIELD_COPY: Record<PaperFieldError, Copy> = {
  required: { en: "Enter {label}", cy: "Rhowch {label}" },
  too_short: { en: "{Label} must be {min} characters or more", cy: "Rhaid i {label} fod yn {min} nod neu fwy" },
  too_long: { en: "{Label} must be {max} characters or fewer", cy: "Rhaid i {label} fod yn {max} nod neu lai" },
  unknown_budget: { en: "Choose one of the budgets listed", cy: "Dewiswch un o’r cyllidebau a restrir" },
  choose_entry: {
    en: "Difference {number}: choose which entry matches the paper, or type the paper again",
    cy: "Gwahaniaeth {number}: dewiswch pa gofnod sy’n cyfateb i’r papur, neu teipiwch y papur eto",
  },
  retype_required: {
    en: "Difference {number}: type the paper as it is written, like {example}",
    cy: "Gwahaniaeth {number}: teipiwch y papur fel y mae wedi’i ysgrifennu, fel {example}",
  },
};

const PAPER_FIELD_LABELS: Record<string, Copy> = {
  pollingPlace: { en: "the polling place", cy: "y man pleidleisio" },
  budgetId: { en: "a budget", cy: "cyllideb" },
};

export function paperFieldMessage(field: string, code: PaperFieldError, ballotType: BallotType, locale: Locale): string {
  const label = PAPER_FIELD_LABELS[field]?.[locale] ?? (locale === "cy" ? "yr ateb" : "the answer");
  if (field === "budgetId" && code === "required") return locale === "cy" ? "Dewiswch y gyllideb y mae’r papurau ar ei chyfer" : "Choose the budget the papers are for";
  return say(PAPER_FIELD_COPY[code], locale, {
    label,
    Label: label.charAt(0).toUpperCase() + label.slice(1),
    min: PAPER_LIMITS.pollingPlaceMin,
    max: PAPER_LIMITS.pollingPlaceMax,
    example: LINE_EXAMPLES[ballotType],
    // "resolution-2" is the third difference on the page.
    number: Number(field.split("-").at(-1)) + 1,
  });
}

/** What a refused paper form carries back (paper.server.ts PaperInvalidDetail). */
export interface PaperFormProblems {
  fieldErrors: Readonly<Record<string, PaperFieldError>>;
  batch: BatchProblem | null;
  lines: readonly LineProblem[];
  retyped: Readonly<Record<string, LineProblem>>;
  ballotType: BallotType;
  references: Readonly<Record<string, string>>;
}

/**
 * Field id → message for the error summary and the inline messages, in form order: polling place,
 * budget, the papers box, then each difference ("resolution-0", "retype-0", …).
 */
export function paperFormErrors(problems: PaperFormProblems, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  const { ballotType, references } = problems;
  for (const field of ["pollingPlace", "budgetId"]) {
    const code = problems.fieldErrors[field];
    if (code) errors[field] = paperFieldMessage(field, code, ballotType, locale);
  }
  if (problems.batch) errors.ballots = batchMessage(problems.batch, ballotType, locale);
  else if (problems.lines.length > 0) errors.ballots = linesMessage(problems.lines, ballotType, locale, references);
  const rest = new Set([...Object.keys(problems.fieldErrors), ...Object.keys(problems.retyped)].filter((f) => f !== "pollingPlace" && f !== "budgetId"));
  const position = (field: string) => Number(field.split("-").at(-1)) * 2 + (field.startsWith("retype") ? 1 : 0);
  for (const field of [...rest].sort((a, b) => position(a) - position(b))) {
    const line = problems.retyped[field];
    const code = problems.fieldErrors[field];
    errors[field] = line ? lineProblemMessage(line, ballotType, locale, references) : paperFieldMessage(field, code!, ballotType, locale);
  }
  return errors;
}

// ───────────────────────────── paper use cases ─────────────────────────────

export type PaperReason =
  | "forbidden"
  | "not_found"
  | "voting_not_open"
  | "results_published"
  | "same_officer"
  | "already_entered"
  | "not_awaiting_reconciliation"
  | "invalid_ballot_settings"
  | "busy";

export const PAPER_COPY: Record<PaperReason, Copy> = {
  forbidden: {
    en: "Only officers and administrators of this council can enter paper ballots.",
    cy: "Dim ond swyddogion a gweinyddwyr y cyngor hwn sy’n gallu cofnodi papurau pleidleisio.",
  },
  not_found: {
    en: "We could not find that batch of papers. It may belong to another vote.",
    cy: "Ni allem ddod o hyd i’r swp hwnnw o bapurau. Efallai ei fod yn perthyn i bleidlais arall.",
  },
  voting_not_open: {
    en: "Paper ballots can be entered once voting has opened.",
    cy: "Gellir cofnodi papurau pleidleisio unwaith y bydd y pleidleisio wedi agor.",
  },
  results_published: {
    en: "The result of this budget has been published, so no more papers can be entered. A published result is never recounted.",
    cy: "Mae canlyniad y gyllideb hon wedi’i gyhoeddi, felly ni ellir cofnodi rhagor o bapurau. Nid yw canlyniad sydd wedi’i gyhoeddi byth yn cael ei ailgyfrif.",
  },
  same_officer: {
    en: "You typed the first entry of this batch. The second entry must be typed by a different officer, so that one person’s typing mistakes are caught by another.",
    cy: "Chi wnaeth deipio cofnod cyntaf y swp hwn. Rhaid i swyddog gwahanol deipio’r ail gofnod, fel bod camgymeriadau teipio un person yn cael eu dal gan rywun arall.",
  },
  already_entered: {
    en: "This batch has already been entered a second time. Check the differences below.",
    cy: "Mae’r swp hwn eisoes wedi’i gofnodi am yr ail dro. Gwiriwch y gwahaniaethau isod.",
  },
  not_awaiting_reconciliation: {
    en: "There are no differences to settle in this batch now. It may have been settled already.",
    cy: "Nid oes gwahaniaethau i’w datrys yn y swp hwn nawr. Efallai ei fod wedi’i ddatrys eisoes.",
  },
  invalid_ballot_settings: {
    en: "The ballot settings of this vote have a problem, so papers cannot be checked. Ask an administrator to check the settings.",
    cy: "Mae problem gyda gosodiadau pleidlais y bleidlais hon, felly ni ellir gwirio papurau. Gofynnwch i weinyddwr wirio’r gosodiadau.",
  },
  busy: {
    en: "Sorry, there is a problem with the service. Nothing has been saved. Try again.",
    cy: "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth. Nid oes dim wedi’i gadw. Rhowch gynnig arall arni.",
  },
};

export function paperMessage(reason: PaperReason, locale: Locale): string {
  return say(PAPER_COPY[reason], locale);
}

export const DUPLICATE_COPY: Record<DuplicateReason, Copy> = {
  repeated_in_batch: {
    en: "the same voting code or register number is on an earlier paper in this batch",
    cy: "mae’r un cod pleidleisio neu rif cofrestr ar bapur cynharach yn y swp hwn",
  },
  code_used: {
    en: "this voting code had already been used, online or on a paper entered earlier",
    cy: "roedd y cod pleidleisio hwn eisoes wedi’i ddefnyddio, ar-lein neu ar bapur a gofnodwyd yn gynharach",
  },
  already_voted: {
    en: "this register number had already voted for this budget on a paper entered earlier",
    cy: "roedd y rhif cofrestr hwn eisoes wedi pleidleisio dros y gyllideb hon ar bapur a gofnodwyd yn gynharach",
  },
};

const ENTRY_NAMES: Record<EntryName, Copy> = {
  first: { en: "first entry", cy: "cofnod cyntaf" },
  second: { en: "second entry", cy: "ail gofnod" },
  retyped: { en: "typed again", cy: "wedi’i deipio eto" },
};

function entryName(entry: EntryName, locale: Locale): string {
  return ENTRY_NAMES[entry][locale];
}

/** "Line 4 of the first entry (code ending M4PA): not counted — …". */
export function duplicateMessage(
  d: { entry: EntryName; line: number; kind: "code" | "register"; hint: string | null; reason: DuplicateReason },
  locale: Locale,
): string {
  const where =
    d.entry === "retyped"
      ? say({ en: "Paper typed again for line {line}", cy: "Papur a deipiwyd eto ar gyfer llinell {line}" }, locale, { line: d.line })
      : say({ en: "Line {line} of the {entry}", cy: "Llinell {line} o’r {entry}" }, locale, { line: d.line, entry: entryName(d.entry, locale) });
  const hint = d.hint ? say({ en: " (code ending {hint})", cy: " (cod yn gorffen {hint})" }, locale, { hint: d.hint }) : "";
  return `${where}${hint}: ${say(DUPLICATE_COPY[d.reason], locale)}.`;
}

// ───────────────────────────── voting codes ─────────────────────────────

export type CodesReason = "forbidden" | "not_found" | "phase_locked" | "not_using_codes";

export const CODES_COPY: Record<CodesReason, Copy> = {
  forbidden: PAPER_COPY.forbidden,
  not_found: {
    en: "We could not find that budget process. It may belong to another council.",
    cy: "Ni allem ddod o hyd i’r broses gyllidebu honno. Efallai ei bod yn perthyn i gyngor arall.",
  },
  phase_locked: {
    en: "Voting has closed, so no more voting codes can be issued.",
    cy: "Mae’r pleidleisio wedi cau, felly ni ellir cyhoeddi rhagor o godau pleidleisio.",
  },
  not_using_codes: {
    en: "This process does not use voting codes. Turn on voting codes in its settings before voting opens.",
    cy: "Nid yw’r broses hon yn defnyddio codau pleidleisio. Trowch godau pleidleisio ymlaen yn ei gosodiadau cyn i’r pleidleisio agor.",
  },
};

export function codesMessage(reason: CodesReason, locale: Locale): string {
  return say(CODES_COPY[reason], locale);
}

// ───────────────────────────── delivery ─────────────────────────────

export type DeliveryReason = "forbidden" | "not_found" | "phase_locked" | "not_selected" | "already_complete" | "too_many_milestones";

export const DELIVERY_COPY: Record<DeliveryReason, Copy> = {
  forbidden: {
    en: "Only officers and administrators of this council can update delivery.",
    cy: "Dim ond swyddogion a gweinyddwyr y cyngor hwn sy’n gallu diweddaru’r gwaith cyflawni.",
  },
  not_found: {
    en: "We could not find that project. It may belong to another vote.",
    cy: "Ni allem ddod o hyd i’r prosiect hwnnw. Efallai ei fod yn perthyn i bleidlais arall.",
  },
  phase_locked: {
    en: "Delivery can be updated once the results are in: in the results and delivery phases.",
    cy: "Gellir diweddaru’r gwaith cyflawni unwaith y bydd y canlyniadau ar gael: yn y cyfnodau canlyniadau a chyflawni.",
  },
  not_selected: {
    en: "Only projects selected by the vote are delivered, and this one was not selected.",
    cy: "Dim ond prosiectau a ddewiswyd gan y bleidlais sy’n cael eu cyflawni, ac ni ddewiswyd y prosiect hwn.",
  },
  already_complete: {
    en: "This milestone has already been marked complete.",
    cy: "Mae’r garreg filltir hon eisoes wedi’i marcio’n gyflawn.",
  },
  too_many_milestones: {
    en: "A project can have no more than {max} milestones.",
    cy: "Ni all prosiect gael mwy na {max} carreg filltir.",
  },
};

export function deliveryMessage(reason: DeliveryReason, locale: Locale): string {
  return say(DELIVERY_COPY[reason], locale, { max: DELIVERY_LIMITS.milestonesMax });
}

export const DELIVERY_FIELD_COPY: Record<DeliveryFieldError, Copy> = {
  required: { en: "Enter {label}", cy: "Rhowch {label}" },
  invalid: { en: "Choose {label} from the list", cy: "Dewiswch {label} o’r rhestr" },
  not_whole_number: { en: "Enter {label} as a whole number, like 40", cy: "Rhowch {label} fel rhif cyfan, fel 40" },
  out_of_range: { en: "{Label} must be between 0 and 100", cy: "Rhaid i {label} fod rhwng 0 a 100" },
  too_short: { en: "{Label} must be {min} characters or more", cy: "Rhaid i {label} fod yn {min} nod neu fwy" },
  too_long: { en: "{Label} must be {max} characters or fewer", cy: "Rhaid i {label} fod yn {max} nod neu lai" },
  delivered_not_complete: {
    en: "A delivered project is 100% complete. Enter 100, or choose ‘In delivery’",
    cy: "Mae prosiect sydd wedi’i gyflawni yn 100% cyflawn. Rhowch 100, neu dewiswch ‘Wrthi’n cael ei gyflawni’",
  },
  incomplete_date: { en: "{Label} must include a day, month and year", cy: "Rhaid i {label} gynnwys diwrnod, mis a blwyddyn" },
  invalid_date: { en: "{Label} must be a real date, like 27 3 2027", cy: "Rhaid i {label} fod yn ddyddiad go iawn, fel 27 3 2027" },
  invalid_money: { en: "Enter the amount spent in pounds, like £1,200 or 1200.50", cy: "Rhowch y swm a wariwyd mewn punnoedd, fel £1,200 neu 1200.50" },
  too_many_decimals: { en: "Enter pence as 2 numbers after the point, like £12.50", cy: "Rhowch geiniogau fel 2 rif ar ôl y pwynt, fel £12.50" },
  negative: { en: "The amount spent cannot be less than £0", cy: "Ni all y swm a wariwyd fod yn llai na £0" },
  too_large: { en: "The amount is too large. Check it and try again", cy: "Mae’r swm yn rhy fawr. Gwiriwch ef a rhowch gynnig arall arni" },
};

const DELIVERY_FIELD_LABELS: Record<string, Copy> = {
  percentComplete: { en: "the percent complete", cy: "y ganran sy’n gyflawn" },
  spent: { en: "the amount spent", cy: "y swm a wariwyd" },
  note: { en: "the update for residents", cy: "y diweddariad i drigolion" },
  title: { en: "the milestone", cy: "y garreg filltir" },
  dueOn: { en: "the due date", cy: "y dyddiad dyledus" },
};

export function deliveryFieldMessage(field: string, code: DeliveryFieldError, locale: Locale): string {
  // Radios are chosen, not entered (GOV.UK error messages for radios).
  if (field === "status")
    return locale === "cy" ? "Dewiswch a yw’r prosiect wrthi’n cael ei gyflawni neu wedi’i gyflawni" : "Choose whether the project is in delivery or delivered";
  const label = DELIVERY_FIELD_LABELS[field]?.[locale] ?? (locale === "cy" ? "yr ateb" : "the answer");
  const limits: Record<string, { min?: number; max?: number }> = {
    note: { max: DELIVERY_LIMITS.noteMax },
    title: { min: DELIVERY_LIMITS.milestoneTitleMin, max: DELIVERY_LIMITS.milestoneTitleMax },
  };
  return say(DELIVERY_FIELD_COPY[code], locale, {
    label,
    Label: label.charAt(0).toUpperCase() + label.slice(1),
    min: limits[field]?.min ?? "",
    max: limits[field]?.max ?? "",
  });
}

// ───────────────────────────── dates ─────────────────────────────

/**
 * "4 May 2026" (GOV.UK date style; Welsh month names in Welsh). An instant is shown as its UK
 * calendar day; a calendar date (@db.Date, stored at UTC midnight) as itself.
 */
export function formatDay(date: Date, locale: Locale, kind: "instant" | "calendar" = "instant"): string {
  return new Intl.DateTimeFormat(locale === "cy" ? "cy-GB" : "en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: kind === "calendar" ? "UTC" : "Europe/London",
  }).format(date);
}
