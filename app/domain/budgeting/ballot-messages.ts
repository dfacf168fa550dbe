// Plain-English and Welsh copy for every reason a ballot is refused, every process / phase
// reason, every field error of the process forms, and the ballot receipt email. Messages follow
// the GOV.UK Design System error-message pattern: say what happened and how to fix it, in the
// voter's terms, with the numbers that make it actionable ("over budget by £12,400").
// (The budgeting domain's main messages.ts belongs to the counting work; the lead merges the two.)
//
// WELSH: machine-assisted draft, NOT yet reviewed by a Welsh-language translator
// (WELSH_REVIEWED = false). Have it checked before a Welsh council goes live
// (../shared/reference/uk-standards.md). Welsh uses the singular noun after a numeral
// ("3 prosiect"), so Welsh templates need no plural forms.
import type { BallotProblem, BallotReason } from "~/domain/budgeting/ballot.ts";
import { formatPence, type MoneyProblem } from "~/domain/budgeting/money.ts";
import { IDEA_LIMITS } from "~/domain/budgeting/idea.ts";
import { IMAGE_LIMITS } from "~/domain/budgeting/project-image.ts";
import { PROCESS_LIMITS, type FieldErrorCode, type Phase, type ReadinessProblem } from "~/domain/budgeting/process.ts";
import { format, type Locale } from "~/domain/i18n/locale.ts";

export const WELSH_REVIEWED = false;

export interface Copy {
  en: string;
  cy: string;
}

function say(copy: Copy, locale: Locale, params: Record<string, string | number> = {}): string {
  return format(copy[locale], params);
}

/** English plural by count; Welsh templates use the singular after numerals. */
function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

// ───────────────────────────── ballot reasons ─────────────────────────────

export const BALLOT_COPY: Record<BallotReason, Copy> = {
  unknown_project: {
    en: "One of the projects you chose is not on this ballot. Choose from the projects listed.",
    cy: "Nid yw un o’r prosiectau a ddewisoch ar y papur pleidleisio hwn. Dewiswch o’r prosiectau a restrir.",
  },
  duplicate_project: {
    en: "You chose the same project more than once. Choose each project only once.",
    cy: "Rydych wedi dewis yr un prosiect fwy nag unwaith. Dewiswch bob prosiect unwaith yn unig.",
  },
  negative_value: {
    en: "Points and rankings cannot be less than 0.",
    cy: "Ni all pwyntiau a safleoedd fod yn llai na 0.",
  },
  invalid_value: {
    en: "Enter whole numbers only, like 2.",
    cy: "Rhowch rifau cyfan yn unig, fel 2.",
  },
  too_few_projects: {
    en: "Choose at least {min} {projectsMin}. You have chosen {chosen}.",
    cy: "Dewiswch o leiaf {min} prosiect. Rydych wedi dewis {chosen}.",
  },
  too_many_projects: {
    en: "Choose no more than {max} {projectsMax}. You have chosen {chosen}.",
    cy: "Dewiswch ddim mwy na {max} prosiect. Rydych wedi dewis {chosen}.",
  },
  over_budget: {
    en: "The projects you chose cost {total}, which is over budget by {over}. Remove a project so the total is {limit} or less.",
    cy: "Mae’r prosiectau a ddewisoch yn costio {total}, sydd {over} dros y gyllideb. Tynnwch brosiect fel bod y cyfanswm yn {limit} neu lai.",
  },
  no_points: {
    en: "Give at least 1 point to a project. You have {points} {pointsWord} to give.",
    cy: "Rhowch o leiaf 1 pwynt i brosiect. Mae gennych {points} pwynt i’w rhoi.",
  },
  over_points: {
    en: "You have given {spent} points, which is {over} more than the {points} you have. Take {over} {overWord} away from your projects.",
    cy: "Rydych wedi rhoi {spent} pwynt, sydd {over} yn fwy na’r {points} sydd gennych. Tynnwch {over} pwynt oddi ar eich prosiectau.",
  },
  over_project_cap: {
    en: "You can give no more than {cap} {capWord} to one project. You gave {given} to {project}.",
    cy: "Gallwch roi dim mwy na {cap} pwynt i un prosiect. Rhoesoch {given} i {project}.",
  },
  rank_gap: {
    en: "You have not given choice number {missing}. Number your choices 1, 2, 3 and so on, without gaps.",
    cy: "Nid ydych wedi rhoi dewis rhif {missing}. Rhifwch eich dewisiadau 1, 2, 3 ac ati, heb fylchau.",
  },
  duplicate_rank: {
    en: "You gave choice number {rank} to more than one project. Give each number to one project only.",
    cy: "Rydych wedi rhoi dewis rhif {rank} i fwy nag un prosiect. Rhowch bob rhif i un prosiect yn unig.",
  },
  too_many_ranked: {
    en: "Rank no more than {max} {projectsMax}. You have ranked {chosen}.",
    cy: "Rhowch safle i ddim mwy na {max} prosiect. Rydych wedi rhoi safle i {chosen}.",
  },
};

/**
 * Words a refused ballot. `projectNames` (id → title) lets the message name the project;
 * without it the message says "one project".
 */
export function ballotMessage(problem: BallotProblem, locale: Locale, projectNames: Readonly<Record<string, string>> = {}): string {
  const copy = BALLOT_COPY[problem.reason];
  switch (problem.reason) {
    case "too_few_projects":
    case "too_many_projects": {
      const { min, max, chosen } = problem.detail;
      return say(copy, locale, {
        min,
        max: max ?? "",
        chosen,
        projectsMin: plural(min, "project", "projects"),
        projectsMax: plural(max ?? 0, "project", "projects"),
      });
    }
    case "over_budget": {
      const d = problem.detail;
      return say(copy, locale, { total: formatPence(d.totalPence), over: formatPence(d.overByPence), limit: formatPence(d.limitPence) });
    }
    case "no_points":
      return say(copy, locale, { points: problem.detail.points, pointsWord: plural(problem.detail.points, "point", "points") });
    case "over_points":
      return say(copy, locale, { ...problem.detail, overWord: plural(problem.detail.over, "point", "points") });
    case "over_project_cap": {
      const name = projectNames[problem.detail.project];
      const project = name ? `“${name}”` : locale === "cy" ? "un prosiect" : "one project";
      return say(copy, locale, { cap: problem.detail.cap, given: problem.detail.given, project, capWord: plural(problem.detail.cap, "point", "points") });
    }
    case "rank_gap":
      return say(copy, locale, { missing: problem.detail.missing });
    case "duplicate_rank":
      return say(copy, locale, { rank: problem.detail.rank });
    case "too_many_ranked":
      return say(copy, locale, { max: problem.detail.max, chosen: problem.detail.chosen, projectsMax: plural(problem.detail.max, "project", "projects") });
    default:
      return say(copy, locale);
  }
}

// ───────────────────────────── casting reasons (server) ─────────────────────────────

export type CastingReason =
  | "not_found"
  | "not_signed_in"
  | "not_eligible"
  | "voting_not_open"
  | "voting_closed"
  | "code_required"
  | "code_invalid"
  | "code_used"
  | "postcode_required"
  | "postcode_invalid"
  | "postcode_not_in_area"
  | "postcode_not_in_ward"
  | "age_not_confirmed"
  | "stale_ballot"
  | "invalid_ballot_settings"
  | "busy";

export const CASTING_COPY: Record<CastingReason, Copy> = {
  not_found: {
    en: "We could not find that vote. The link may be wrong.",
    cy: "Ni allem ddod o hyd i’r bleidlais honno. Efallai fod y ddolen yn anghywir.",
  },
  not_signed_in: { en: "Sign in to vote.", cy: "Mewngofnodwch i bleidleisio." },
  not_eligible: {
    en: "Only residents of this council area can vote here. If you live in the area, register as a resident and then vote.",
    cy: "Dim ond trigolion ardal y cyngor hwn sy’n gallu pleidleisio yma. Os ydych yn byw yn yr ardal, cofrestrwch fel preswylydd ac yna pleidleisiwch.",
  },
  voting_not_open: { en: "Voting has not opened yet.", cy: "Nid yw’r pleidleisio wedi agor eto." },
  voting_closed: {
    en: "Voting has closed. Your vote has not been recorded.",
    cy: "Mae’r pleidleisio wedi cau. Nid yw eich pleidlais wedi’i chofnodi.",
  },
  code_required: {
    en: "Enter the voting code from your letter or card.",
    cy: "Rhowch y cod pleidleisio o’ch llythyr neu gerdyn.",
  },
  code_invalid: {
    en: "The voting code is not right. Check it and enter it again. It has 12 letters and numbers, like 7K3Q-9XD2-M4PA.",
    cy: "Nid yw’r cod pleidleisio’n gywir. Gwiriwch ef a’i roi eto. Mae ganddo 12 llythyren a rhif, fel 7K3Q-9XD2-M4PA.",
  },
  code_used: {
    en: "This voting code has already been used. Each code can be used once only.",
    cy: "Mae’r cod pleidleisio hwn eisoes wedi’i ddefnyddio. Dim ond unwaith y gellir defnyddio pob cod.",
  },
  postcode_required: { en: "Enter your postcode.", cy: "Rhowch eich cod post." },
  postcode_invalid: { en: "Enter a real postcode, like M32 0TL.", cy: "Rhowch god post go iawn, fel M32 0TL." },
  postcode_not_in_area: {
    en: "This postcode is not in the council area. Only people who live in the area can vote.",
    cy: "Nid yw’r cod post hwn yn ardal y cyngor. Dim ond pobl sy’n byw yn yr ardal sy’n gallu pleidleisio.",
  },
  postcode_not_in_ward: {
    en: "This postcode is not in the ward this budget is for. Vote for the budget of the ward you live in.",
    cy: "Nid yw’r cod post hwn yn y ward y mae’r gyllideb hon ar ei chyfer. Pleidleisiwch dros gyllideb y ward rydych yn byw ynddi.",
  },
  age_not_confirmed: {
    en: "Confirm that you are {minimumAge} or older.",
    cy: "Cadarnhewch eich bod yn {minimumAge} oed neu’n hŷn.",
  },
  stale_ballot: {
    en: "Your vote was changed in another window or tab after you opened this page. Check your latest vote, shown below, before changing it again.",
    cy: "Cafodd eich pleidlais ei newid mewn ffenestr neu dab arall ar ôl i chi agor y dudalen hon. Gwiriwch eich pleidlais ddiweddaraf, a ddangosir isod, cyn ei newid eto.",
  },
  invalid_ballot_settings: {
    en: "Sorry, voting for this budget is not working at the moment. Your vote has not been recorded. Try again later.",
    cy: "Mae’n ddrwg gennym, nid yw pleidleisio ar gyfer y gyllideb hon yn gweithio ar hyn o bryd. Nid yw eich pleidlais wedi’i chofnodi. Rhowch gynnig arall arni yn nes ymlaen.",
  },
  busy: {
    en: "Sorry, there is a problem with the service. Your vote has not been recorded. Try again.",
    cy: "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth. Nid yw eich pleidlais wedi’i chofnodi. Rhowch gynnig arall arni.",
  },
};

export function castingMessage(reason: CastingReason, locale: Locale, params: { minimumAge?: number } = {}): string {
  return say(CASTING_COPY[reason], locale, params.minimumAge === undefined ? {} : { minimumAge: params.minimumAge });
}

// ───────────────────────────── process reasons ─────────────────────────────

export type ProcessMessageReason =
  | "forbidden"
  | "not_found"
  | "invalid"
  | "phase_locked"
  | "unknown_outcome"
  | "invalid_transition"
  | "not_ready"
  | "not_using_codes"
  | "voting_not_closed";

export const PROCESS_COPY: Record<ProcessMessageReason, Copy> = {
  forbidden: {
    en: "Only officers and administrators of this council can manage its budget processes.",
    cy: "Dim ond swyddogion a gweinyddwyr y cyngor hwn sy’n gallu rheoli ei brosesau cyllidebu.",
  },
  not_found: {
    en: "We could not find that budget process. It may belong to another council.",
    cy: "Ni allem ddod o hyd i’r broses gyllidebu honno. Efallai ei bod yn perthyn i gyngor arall.",
  },
  invalid: {
    en: "There is a problem with what you entered. Check the answers marked and try again.",
    cy: "Mae problem gyda’r hyn a roesoch. Gwiriwch yr atebion sydd wedi’u marcio a rhowch gynnig arall arni.",
  },
  phase_locked: {
    en: "This cannot be changed in the {phase} phase. Ballot, eligibility and counting settings are fixed once review starts, and projects once voting opens, so every voter votes under the same rules.",
    cy: "Ni ellir newid hyn yn y cyfnod {phase}. Mae gosodiadau’r bleidlais, cymhwysedd a chyfrif yn sefydlog unwaith y bydd yr adolygiad yn dechrau, a phrosiectau unwaith y bydd y pleidleisio’n agor, fel bod pob pleidleisiwr yn pleidleisio o dan yr un rheolau.",
  },
  unknown_outcome: {
    en: "One of the outcomes is not in a framework your council uses. Choose outcomes from your council’s frameworks.",
    cy: "Nid yw un o’r canlyniadau mewn fframwaith y mae eich cyngor yn ei ddefnyddio. Dewiswch ganlyniadau o fframweithiau eich cyngor.",
  },
  invalid_transition: {
    en: "The process cannot move from {from} to {to}. Phases only move forward, one at a time, and a closed phase cannot be reopened.",
    cy: "Ni all y broses symud o {from} i {to}. Dim ond ymlaen y mae cyfnodau’n symud, un ar y tro, ac ni ellir ailagor cyfnod sydd wedi cau.",
  },
  not_ready: {
    en: "The process is not ready to move to {to}. Fix the problems listed and try again.",
    cy: "Nid yw’r broses yn barod i symud i {to}. Datryswch y problemau a restrir a rhowch gynnig arall arni.",
  },
  not_using_codes: {
    en: "This process does not use voting codes. Turn on voting codes in its settings first.",
    cy: "Nid yw’r broses hon yn defnyddio codau pleidleisio. Trowch godau pleidleisio ymlaen yn ei gosodiadau yn gyntaf.",
  },
  voting_not_closed: {
    en: "Votes can only be counted after voting has closed.",
    cy: "Dim ond ar ôl i’r pleidleisio gau y gellir cyfrif pleidleisiau.",
  },
};

export const PHASE_NAMES: Record<Phase, Copy> = {
  draft: { en: "draft", cy: "drafft" },
  ideas: { en: "ideas", cy: "syniadau" },
  review: { en: "review", cy: "adolygu" },
  voting: { en: "voting", cy: "pleidleisio" },
  results: { en: "results", cy: "canlyniadau" },
  delivery: { en: "delivery", cy: "cyflawni" },
};

function phaseName(phase: string, locale: Locale): string {
  return (PHASE_NAMES as Record<string, Copy>)[phase]?.[locale] ?? phase;
}

export function processMessage(reason: ProcessMessageReason, locale: Locale, params: { phase?: string; from?: string; to?: string } = {}): string {
  return say(PROCESS_COPY[reason], locale, {
    phase: phaseName(params.phase ?? "", locale),
    from: phaseName(params.from ?? "", locale),
    to: phaseName(params.to ?? "", locale),
  });
}

export const READINESS_COPY: Record<ReadinessProblem["code"], Copy> = {
  no_budgets: { en: "Add at least one budget.", cy: "Ychwanegwch o leiaf un gyllideb." },
  ballot_settings_invalid: {
    en: "The ballot settings have a problem. Check the ballot and counting settings.",
    cy: "Mae problem gyda gosodiadau’r bleidlais. Gwiriwch osodiadau’r bleidlais a’r cyfrif.",
  },
  unreviewed_projects: {
    en: "{budget}: {count} {projectsWord} still to review. Mark each project feasible or not feasible.",
    cy: "{budget}: {count} prosiect heb eu hadolygu. Marciwch bob prosiect yn ymarferol neu’n anymarferol.",
  },
  no_feasible_projects: {
    en: "{budget}: no project has been found feasible, so there is nothing to vote for.",
    cy: "{budget}: nid oes unrhyw brosiect wedi’i ganfod yn ymarferol, felly nid oes dim i bleidleisio drosto.",
  },
  too_few_feasible_projects: {
    en: "{budget}: voters must choose at least {needed} projects but only {available} {availableWord} feasible. Lower the minimum or find more feasible projects.",
    cy: "{budget}: rhaid i bleidleiswyr ddewis o leiaf {needed} prosiect ond dim ond {available} sy’n ymarferol. Gostyngwch yr isafswm neu dewch o hyd i ragor o brosiectau ymarferol.",
  },
  min_projects_unaffordable: {
    en: "{budget}: the {needed} cheapest feasible {projectsWord} cost more than the budget, so no one could cast a valid ballot.",
    cy: "{budget}: mae’r {needed} prosiect ymarferol rhataf yn costio mwy na’r gyllideb, felly ni allai neb fwrw pleidlais ddilys.",
  },
  no_voting_codes: {
    en: "This process uses voting codes but none have been issued. Issue codes first.",
    cy: "Mae’r broses hon yn defnyddio codau pleidleisio ond nid oes unrhyw godau wedi’u cyhoeddi. Cyhoeddwch godau yn gyntaf.",
  },
  close_date_passed: {
    en: "The planned closing date for voting has already passed. Change the closing date first.",
    cy: "Mae’r dyddiad cau a gynlluniwyd ar gyfer pleidleisio eisoes wedi mynd heibio. Newidiwch y dyddiad cau yn gyntaf.",
  },
  results_not_published: {
    en: "{budget}: the result has not been published yet.",
    cy: "{budget}: nid yw’r canlyniad wedi’i gyhoeddi eto.",
  },
};

export function readinessMessage(problem: ReadinessProblem, locale: Locale): string {
  const copy = READINESS_COPY[problem.code];
  switch (problem.code) {
    case "unreviewed_projects":
      return say(copy, locale, { budget: problem.budgetName, count: problem.count, projectsWord: plural(problem.count, "project", "projects") });
    case "no_feasible_projects":
    case "results_not_published":
      return say(copy, locale, { budget: problem.budgetName });
    case "too_few_feasible_projects":
      return say(copy, locale, {
        budget: problem.budgetName,
        needed: problem.needed,
        available: problem.available,
        availableWord: plural(problem.available, "is", "are"),
      });
    case "min_projects_unaffordable":
      return say(copy, locale, { budget: problem.budgetName, needed: problem.needed, projectsWord: plural(problem.needed, "project", "projects") });
    default:
      return say(copy, locale);
  }
}

// ───────────────────────────── money and form fields ─────────────────────────────

export const MONEY_COPY: Record<MoneyProblem, Copy> = {
  empty: { en: "Enter an amount in pounds.", cy: "Rhowch swm mewn punnoedd." },
  invalid: { en: "Enter an amount in pounds, like £1,200 or 1200.50.", cy: "Rhowch swm mewn punnoedd, fel £1,200 neu 1200.50." },
  too_many_decimals: { en: "Enter pence as 2 numbers after the point, like £12.50.", cy: "Rhowch geiniogau fel 2 rif ar ôl y pwynt, fel £12.50." },
  negative: { en: "The amount must be more than £0.", cy: "Rhaid i’r swm fod yn fwy na £0." },
  too_large: { en: "The amount is too large. Check it and try again.", cy: "Mae’r swm yn rhy fawr. Gwiriwch ef a rhowch gynnig arall arni." },
};

/** How each field is named inside a message ("Enter {label}"). */
export const FIELD_LABELS: Record<string, Copy> = {
  title: { en: "a title", cy: "teitl" },
  titleCy: { en: "a Welsh title", cy: "teitl Cymraeg" },
  slug: { en: "a web address name", cy: "enw cyfeiriad gwe" },
  summary: { en: "a summary", cy: "crynodeb" },
  ideasOpenAt: { en: "the date ideas open", cy: "y dyddiad y mae syniadau’n agor" },
  reviewOpenAt: { en: "the date review starts", cy: "y dyddiad y mae’r adolygiad yn dechrau" },
  votingOpenAt: { en: "the date voting opens", cy: "y dyddiad y mae’r pleidleisio’n agor" },
  votingCloseAt: { en: "the date voting closes", cy: "y dyddiad y mae’r pleidleisio’n cau" },
  resultsAt: { en: "the date of the results", cy: "dyddiad y canlyniadau" },
  minimumAge: { en: "the minimum age", cy: "yr isafswm oedran" },
  ballotType: { en: "the type of ballot", cy: "y math o bleidlais" },
  minProjects: { en: "the fewest projects a voter must choose", cy: "y nifer lleiaf o brosiectau y mae’n rhaid i bleidleisiwr eu dewis" },
  maxProjects: { en: "the most projects a voter can choose", cy: "y nifer mwyaf o brosiectau y gall pleidleisiwr eu dewis" },
  points: { en: "the number of points each voter has", cy: "nifer y pwyntiau sydd gan bob pleidleisiwr" },
  pointsPerProjectCap: { en: "the most points for one project", cy: "y nifer mwyaf o bwyntiau ar gyfer un prosiect" },
  rankCount: { en: "how many projects voters rank", cy: "faint o brosiectau y mae pleidleiswyr yn eu rhestru" },
  countingRule: { en: "the counting rule", cy: "y rheol gyfrif" },
  mesCompletion: { en: "the completion method", cy: "y dull cwblhau" },
  mesUtilities: { en: "the utilities", cy: "y defnyddioldebau" },
  greedyThreshold: { en: "the minimum score", cy: "yr isafswm sgôr" },
  tieBreak: { en: "the tie-break rule", cy: "y rheol torri cyfartal" },
  budgets: { en: "a budget", cy: "cyllideb" },
  name: { en: "a name", cy: "enw" },
  amount: { en: "the amount", cy: "y swm" },
  wardCode: { en: "the ward code", cy: "cod y ward" },
  description: { en: "a description", cy: "disgrifiad" },
  cost: { en: "the cost", cy: "y gost" },
  locationText: { en: "the location", cy: "y lleoliad" },
  outcomes: { en: "the outcomes", cy: "y canlyniadau" },
  nodeId: { en: "an outcome", cy: "canlyniad" },
  weight: { en: "the weight", cy: "y pwysiad" },
  decision: { en: "a decision", cy: "penderfyniad" },
  reason: { en: "the reason", cy: "y rheswm" },
  count: { en: "the number of codes", cy: "nifer y codau" },
  latitude: { en: "the latitude", cy: "y lledred" },
  longitude: { en: "the longitude", cy: "y hydred" },
  budgetId: { en: "the budget", cy: "y gyllideb" },
  image: { en: "an image", cy: "delwedd" },
  altText: { en: "a description of the image", cy: "disgrifiad o’r ddelwedd" },
  response: { en: "the response to the resident", cy: "yr ymateb i’r preswylydd" },
};

// Fields answered by choosing rather than typing: GOV.UK says "Select …" for these.
const CHOSEN_FIELDS: ReadonlySet<string> = new Set(["decision", "budgetId", "ballotType", "countingRule", "tieBreak", "image"]);

export const FIELD_ERROR_COPY: Record<FieldErrorCode, Copy> = {
  required: { en: "Enter {label}", cy: "Rhowch {label}" },
  invalid: { en: "Check {label}: it is not in a form we recognise", cy: "Gwiriwch {label}: nid yw mewn ffurf rydym yn ei hadnabod" },
  too_short: { en: "Check {label}: it is too short", cy: "Gwiriwch {label}: mae’n rhy fyr" },
  too_long: { en: "Check {label}: it is too long", cy: "Gwiriwch {label}: mae’n rhy hir" },
  invalid_slug: {
    en: "The web address name must only include lower-case letters a to z, numbers and hyphens, like community-budget-2026",
    cy: "Rhaid i enw’r cyfeiriad gwe gynnwys llythrennau bach a i z, rhifau a chysylltnodau yn unig, fel cyllideb-gymunedol-2026",
  },
  not_whole_number: { en: "Enter {label} as a whole number, like 5", cy: "Rhowch {label} fel rhif cyfan, fel 5" },
  too_small: { en: "Check {label}: the number is too small", cy: "Gwiriwch {label}: mae’r rhif yn rhy fach" },
  too_large: { en: "Check {label}: the number is too large", cy: "Gwiriwch {label}: mae’r rhif yn rhy fawr" },
  invalid_money: { en: MONEY_COPY.invalid.en, cy: MONEY_COPY.invalid.cy },
  too_many_decimals: MONEY_COPY.too_many_decimals,
  not_positive: { en: "Enter {label} of more than £0", cy: "Rhowch {label} o fwy na £0" },
  invalid_date: { en: "Enter {label} as a real date, like 27 3 2026", cy: "Rhowch {label} fel dyddiad go iawn, fel 27 3 2026" },
  date_order: {
    en: "Enter {label} after the dates before it",
    cy: "Rhowch {label} ar ôl y dyddiadau cyn hynny",
  },
  duplicate: { en: "Check {label}: it is used twice", cy: "Gwiriwch {label}: mae wedi’i ddefnyddio ddwywaith" },
  too_few: { en: "Add {label}", cy: "Ychwanegwch {label}" },
  too_many: { en: "Check {label}: there are too many", cy: "Gwiriwch {label}: mae gormod" },
  below_minimum: {
    en: "The most projects a voter can choose must be the same as or more than the fewest",
    cy: "Rhaid i’r nifer mwyaf o brosiectau y gall pleidleisiwr eu dewis fod yr un fath â’r nifer lleiaf neu’n fwy",
  },
  above_points: {
    en: "The most points for one project must be no more than the points each voter has",
    cy: "Rhaid i’r nifer mwyaf o bwyntiau ar gyfer un prosiect fod ddim mwy na’r pwyntiau sydd gan bob pleidleisiwr",
  },
  invalid_ward_code: {
    en: "Enter the ward code as a letter and 8 numbers, like E05000820",
    cy: "Rhowch god y ward fel llythyren ac 8 rhif, fel E05000820",
  },
  unknown_ward: { en: "Enter the code of a ward in your council area", cy: "Rhowch god ward yn ardal eich cyngor" },
  not_supported: {
    en: "Ranked ballots can only be counted with a greedy rule. Choose a greedy rule or another ballot type",
    cy: "Dim ond gyda rheol farus y gellir cyfrif pleidleisiau wedi’u rhestru. Dewiswch reol farus neu fath arall o bleidlais",
  },
  over_budget: {
    en: "The cost must be no more than the budget it is in",
    cy: "Rhaid i’r gost fod ddim mwy na’r gyllideb y mae ynddi",
  },
  weights_total: {
    en: "Give every outcome a weight, and make the weights add up to 100, or leave all weights blank",
    cy: "Rhowch bwysiad i bob canlyniad, a gwnewch i’r pwysiadau adio i 100, neu gadewch bob pwysiad yn wag",
  },
  taken: {
    en: "Another budget process already uses this web address name. Choose a different one",
    cy: "Mae proses gyllidebu arall eisoes yn defnyddio enw’r cyfeiriad gwe hwn. Dewiswch un gwahanol",
  },
  invalid_time: {
    en: "Enter a real time, like 9:00 or 17:30",
    cy: "Rhowch amser go iawn, fel 9:00 neu 17:30",
  },
  file_required: { en: "Select an image", cy: "Dewiswch ddelwedd" },
  not_image: {
    en: "The selected file must be a JPG, PNG or WebP image",
    cy: "Rhaid i’r ffeil a ddewiswyd fod yn ddelwedd JPG, PNG neu WebP",
  },
  file_too_large: {
    en: "The selected file must be smaller than 2MB",
    cy: "Rhaid i’r ffeil a ddewiswyd fod yn llai na 2MB",
  },
};

/** Message for one field error; `path` is the key from FieldErrors ("budgets.0.amount"). */
export function fieldErrorMessage(path: string, code: FieldErrorCode, locale: Locale): string {
  const field = path.split(".").at(-1) ?? path;
  const label = FIELD_LABELS[field]?.[locale] ?? FIELD_LABELS[path]?.[locale] ?? (locale === "cy" ? "yr ateb" : "the answer");
  if (code === "required" && CHOSEN_FIELDS.has(field)) return say({ en: "Select {label}", cy: "Dewiswch {label}" }, locale, { label });
  // Degrees are easy to type in the wrong form ("53°N"): show the form we read.
  if ((field === "latitude" || field === "longitude") && code === "invalid")
    return locale === "cy"
      ? `Rhowch ${label} mewn graddau degol, fel ${field === "latitude" ? "53.4216" : "-2.3517"}`
      : `Enter ${label} in decimal degrees, like ${field === "latitude" ? "53.4216" : "-2.3517"}`;
  // Ideas need a few words of description; projects and ideas share the upper limit.
  if (field === "description" && code === "too_short")
    return locale === "cy" ? `Rhowch ddisgrifiad o leiaf ${IDEA_LIMITS.descriptionMin} nod o hyd` : `Enter a description of at least ${IDEA_LIMITS.descriptionMin} characters`;
  if (field === "description" && code === "too_long")
    return locale === "cy"
      ? `Rhaid i’r disgrifiad fod yn ${PROCESS_LIMITS.descriptionMax.toLocaleString("en-GB")} nod neu lai`
      : `The description must be ${PROCESS_LIMITS.descriptionMax.toLocaleString("en-GB")} characters or fewer`;
  if (field === "image" && code === "too_many")
    return locale === "cy"
      ? `Gall prosiect gael hyd at ${IMAGE_LIMITS.perProject} delwedd. Tynnwch un cyn ychwanegu un arall`
      : `A project can have up to ${IMAGE_LIMITS.perProject} images. Remove one before adding another`;
  const text = say(FIELD_ERROR_COPY[code], locale, { label });
  // The title's own limits are worth stating, not just "too short".
  if (field === "title" && (code === "too_short" || code === "too_long"))
    return locale === "cy"
      ? `Rhaid i’r teitl fod rhwng ${PROCESS_LIMITS.titleMin} a ${PROCESS_LIMITS.titleMax} nod`
      : `The title must be between ${PROCESS_LIMITS.titleMin} and ${PROCESS_LIMITS.titleMax} characters`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ───────────────────────────── receipt email ─────────────────────────────

export interface ReceiptFacts {
  processTitle: string;
  budgetName: string;
  reference: string;
  /** true when this vote replaced an earlier one. */
  changed: boolean;
}

const RECEIPT: { subject: Copy; body: Copy; changed: Copy; secrecy: Copy } = {
  subject: {
    en: "Your vote has been recorded – reference {reference}",
    cy: "Mae eich pleidlais wedi’i chofnodi – cyfeirnod {reference}",
  },
  body: {
    en: "Your vote for {budget} in {process} has been recorded.\n\nYour reference is {reference}\n\nYou can change your vote until voting closes: sign in and vote again. Only your latest vote counts.",
    cy: "Mae eich pleidlais ar gyfer {budget} yn {process} wedi’i chofnodi.\n\nEich cyfeirnod yw {reference}\n\nGallwch newid eich pleidlais hyd nes y bydd y pleidleisio’n cau: mewngofnodwch a phleidleisiwch eto. Dim ond eich pleidlais ddiweddaraf sy’n cyfrif.",
  },
  changed: {
    en: "This vote replaces the one you made before.",
    cy: "Mae’r bleidlais hon yn disodli’r un a wnaethoch o’r blaen.",
  },
  secrecy: {
    en: "We have not listed your choices in this email, so your vote stays secret even if someone else reads your email. You can see your choices when you sign in.",
    cy: "Nid ydym wedi rhestru eich dewisiadau yn yr e-bost hwn, fel bod eich pleidlais yn aros yn gyfrinachol hyd yn oed os bydd rhywun arall yn darllen eich e-bost. Gallwch weld eich dewisiadau pan fyddwch yn mewngofnodi.",
  },
};

/**
 * The receipt states that the vote was recorded and its reference — not the choices (a
 * GOV.UK-style receipt; an email is often read by others, forwarded, or kept by a mail provider,
 * and listing choices there would undo ballot secrecy).
 */
export function receiptEmail(locale: Locale, facts: ReceiptFacts): { subject: string; text: string } {
  const params = { process: facts.processTitle, budget: facts.budgetName, reference: facts.reference };
  const parts = [say(RECEIPT.body, locale, params)];
  if (facts.changed) parts.push(say(RECEIPT.changed, locale));
  parts.push(say(RECEIPT.secrecy, locale));
  return { subject: say(RECEIPT.subject, locale, params), text: parts.join("\n\n") };
}

// ───────────────────────────── resident ideas ─────────────────────────────

export type IdeaMessageReason =
  | "not_signed_in"
  | "not_eligible"
  | "not_found"
  | "ideas_closed"
  | "too_many_ideas"
  | "already_decided"
  | "phase_locked";

export const IDEA_COPY: Record<IdeaMessageReason, Copy> = {
  not_signed_in: { en: "Sign in to suggest an idea.", cy: "Mewngofnodwch i awgrymu syniad." },
  not_eligible: {
    en: "Only residents of this council area can suggest ideas. Sign in as a resident to suggest one.",
    cy: "Dim ond trigolion ardal y cyngor hwn sy’n gallu awgrymu syniadau. Mewngofnodwch fel preswylydd i awgrymu un.",
  },
  not_found: {
    en: "We could not find that idea. It may belong to another process.",
    cy: "Ni allem ddod o hyd i’r syniad hwnnw. Efallai ei fod yn perthyn i broses arall.",
  },
  ideas_closed: {
    en: "Ideas are not being collected for this process at the moment. Your idea has not been sent.",
    cy: "Nid oes syniadau’n cael eu casglu ar gyfer y broses hon ar hyn o bryd. Nid yw eich syniad wedi’i anfon.",
  },
  too_many_ideas: {
    en: "You have already suggested {limit} ideas for this process, which is the most one person can suggest.",
    cy: "Rydych eisoes wedi awgrymu {limit} syniad ar gyfer y broses hon, sef y nifer fwyaf y gall un person ei awgrymu.",
  },
  already_decided: {
    en: "A decision has already been made on this idea, so it cannot be changed.",
    cy: "Mae penderfyniad eisoes wedi’i wneud ar y syniad hwn, felly ni ellir ei newid.",
  },
  phase_locked: {
    en: "Ideas can only be accepted or declined before voting opens.",
    cy: "Dim ond cyn i’r pleidleisio agor y gellir derbyn neu wrthod syniadau.",
  },
};

export function ideaMessage(reason: IdeaMessageReason, locale: Locale, params: { limit?: number } = {}): string {
  return say(IDEA_COPY[reason], locale, params.limit === undefined ? {} : { limit: params.limit });
}
