// Plain-English and Welsh copy for participatory budgeting: file errors, counting errors, and the
// sentences the results page uses to explain why each project was or was not funded. Wording
// follows the GOV.UK style guide (short sentences, no jargon on resident pages; "equal shares"
// rather than "Method of Equal Shares" after first use).
//
// Welsh: DRAFT, written in-house — to be reviewed by a Welsh-language officer or translator
// before go-live (Welsh Language Standards: Welsh no less favourably than English).
import { format, type Locale } from "../i18n/locale.ts";
import type { Completion, CountReason, LossReason, Outcome, ProjectExplanation, RuleName, Utilities } from "./counting/outcome.ts";
import type { TieBreak } from "./counting/tie-breaking.ts";
import type { PabulibErrorDetail, PabulibReason, WriteReason } from "./pabulib.ts";
import { formatFixed, type Rational } from "./rational.ts";

type Catalogue<K extends string> = Record<K, string>;

// ---------------------------------------------------------------------------------------------
// Reading and writing .pb files (officers importing or exporting results)

const PARSE: Record<Locale, Catalogue<PabulibReason>> = {
  en: {
    empty_file: "The file is empty",
    missing_section: "The file has no {subject} section",
    unexpected_section: "{where}: the sections must be META, PROJECTS and VOTES, in that order",
    missing_header: "{where}: the section has no header line",
    missing_column: "{where}: the header has no {subject} column",
    duplicate_column: "{where}: the column {subject} appears twice",
    unterminated_quote: "{where}: a value in quotation marks is never closed",
    too_many_cells: "{where}: the row has more values than the header has columns",
    missing_meta: "The META section has no {subject}",
    bad_number: "{where}: {subject} must be a number",
    unknown_vote_type: "{where}: the vote type {subject} is not one we can count",
    missing_value: "{where}: {subject} is empty",
    duplicate_project: "{where}: project {subject} appears twice",
    unknown_project: "{where}: project {subject} is not in PROJECTS",
    duplicate_vote: "{where}: the ballot lists project {subject} twice",
    duplicate_voter: "{where}: voter {subject} appears twice",
    points_mismatch: "{where}: the ballot has a different number of points and projects",
    bad_selected: "{where}: selected must be 0, 1 or 2",
    count_mismatch: "{where}: {subject} does not match the number of rows",
  },
  // DRAFT Welsh — for review.
  cy: {
    empty_file: "Mae'r ffeil yn wag",
    missing_section: "Nid oes adran {subject} yn y ffeil",
    unexpected_section: "{where}: rhaid i'r adrannau fod yn META, PROJECTS a VOTES, yn y drefn honno",
    missing_header: "{where}: nid oes llinell bennawd yn yr adran",
    missing_column: "{where}: nid oes colofn {subject} yn y pennawd",
    duplicate_column: "{where}: mae'r golofn {subject} yn ymddangos ddwywaith",
    unterminated_quote: "{where}: nid yw gwerth mewn dyfynodau byth yn cael ei gau",
    too_many_cells: "{where}: mae gan y rhes fwy o werthoedd nag sydd o golofnau yn y pennawd",
    missing_meta: "Nid oes {subject} yn yr adran META",
    bad_number: "{where}: rhaid i {subject} fod yn rhif",
    unknown_vote_type: "{where}: nid yw'r math o bleidlais {subject} yn un y gallwn ei gyfrif",
    missing_value: "{where}: mae {subject} yn wag",
    duplicate_project: "{where}: mae prosiect {subject} yn ymddangos ddwywaith",
    unknown_project: "{where}: nid yw prosiect {subject} yn PROJECTS",
    duplicate_vote: "{where}: mae'r bleidlais yn rhestru prosiect {subject} ddwywaith",
    duplicate_voter: "{where}: mae pleidleisiwr {subject} yn ymddangos ddwywaith",
    points_mismatch: "{where}: mae nifer y pwyntiau a nifer y prosiectau ar y bleidlais yn wahanol",
    bad_selected: "{where}: rhaid i selected fod yn 0, 1 neu 2",
    count_mismatch: "{where}: nid yw {subject} yn cyfateb i nifer y rhesi",
  },
};

const LINE: Record<Locale, string> = { en: "{section} line {line}", cy: "{section} llinell {line}" };

/** "VOTES line 1234: project 17 is not in PROJECTS" (English) or its Welsh draft. */
export function parseErrorMessage(reason: PabulibReason, locale: Locale, detail?: PabulibErrorDetail): string {
  const where = detail?.section ? format(LINE[locale], { section: detail.section, line: detail.line }) : "";
  const text = format(PARSE[locale][reason], { where, subject: detail?.subject ?? "" });
  return text.replace(/^: /, "");
}

const WRITE: Record<Locale, Catalogue<WriteReason>> = {
  en: {
    meta_incomplete: "Add {missing} before exporting the results",
    not_decimal: "An amount cannot be written as a decimal number",
  },
  cy: {
    meta_incomplete: "Ychwanegwch {missing} cyn allforio'r canlyniadau",
    not_decimal: "Ni ellir ysgrifennu swm fel rhif degol",
  },
};

export function writeErrorMessage(reason: WriteReason, locale: Locale, detail?: { missing?: readonly string[] }): string {
  return format(WRITE[locale][reason], { missing: (detail?.missing ?? []).join(", ") });
}

// ---------------------------------------------------------------------------------------------
// Counting

const COUNT: Record<Locale, Catalogue<CountReason>> = {
  en: {
    tie: "Projects {tied} are tied at round {round}. Settle the tie by the published tie-break policy, then count again",
    no_threshold: "Set a minimum score for greedy with a threshold",
    bad_threshold: "The minimum score must be 0 or more",
    add1_limit: "Raising each share one unit at a time did not settle within {steps} steps. Count again with a larger step",
  },
  cy: {
    tie: "Mae prosiectau {tied} yn gyfartal yn rownd {round}. Torrwch y cyfartaledd yn ôl y polisi a gyhoeddwyd, yna cyfrwch eto",
    no_threshold: "Gosodwch isafswm sgôr ar gyfer y dull barus gyda throthwy",
    bad_threshold: "Rhaid i'r isafswm sgôr fod yn 0 neu fwy",
    add1_limit: "Ni setlodd codi pob cyfran fesul uned o fewn {steps} cam. Cyfrwch eto gyda cham mwy",
  },
};

export function countErrorMessage(
  reason: CountReason,
  locale: Locale,
  detail?: { round?: number; tied?: readonly string[]; steps?: number },
): string {
  return format(COUNT[locale][reason], {
    round: detail?.round ?? "",
    tied: (detail?.tied ?? []).join(", "),
    steps: (detail?.steps ?? 0).toLocaleString("en-GB"),
  });
}

const RULES: Record<Locale, Record<RuleName, string>> = {
  en: {
    greedy: "Most votes first: projects are funded in order of votes, skipping any that no longer fit the budget",
    "greedy-no-skip": "Most votes first: projects are funded in order of votes until one does not fit the budget",
    "greedy-threshold": "Most votes first, over projects that reached the minimum score: any that no longer fit are skipped",
    "equal-shares":
      "Equal shares: the budget is split equally between voters, and a project is funded when its supporters can pay for it from their shares",
  },
  cy: {
    greedy: "Y mwyaf o bleidleisiau yn gyntaf: caiff prosiectau eu hariannu yn nhrefn y pleidleisiau, gan hepgor unrhyw rai nad ydynt yn ffitio'r gyllideb mwyach",
    "greedy-no-skip": "Y mwyaf o bleidleisiau yn gyntaf: caiff prosiectau eu hariannu yn nhrefn y pleidleisiau nes nad yw un yn ffitio'r gyllideb",
    "greedy-threshold": "Y mwyaf o bleidleisiau yn gyntaf, ymhlith prosiectau a gyrhaeddodd yr isafswm sgôr: caiff unrhyw rai nad ydynt yn ffitio mwyach eu hepgor",
    "equal-shares":
      "Cyfrannau cyfartal: caiff y gyllideb ei rhannu'n gyfartal rhwng pleidleiswyr, a chaiff prosiect ei ariannu pan all ei gefnogwyr dalu amdano o'u cyfrannau",
  },
};

const COMPLETIONS: Record<Locale, Record<Completion, string>> = {
  en: {
    none: "Money the shares could not spend is left over.",
    add1: "Each share was raised a unit at a time while that still kept within the budget, until nothing else could be afforded.",
    "add1-until-overspend": "Each share was raised a unit at a time for as long as the result kept within the budget.",
    "add1-utilitarian":
      "Each share was raised a unit at a time while that still kept within the budget; money left after that went to the projects with most votes that still fitted.",
  },
  cy: {
    none: "Mae arian na allai'r cyfrannau ei wario yn weddill.",
    add1: "Codwyd pob cyfran fesul uned tra bod hynny'n dal o fewn y gyllideb, nes nad oedd modd fforddio dim arall.",
    "add1-until-overspend": "Codwyd pob cyfran fesul uned cyhyd ag yr oedd y canlyniad yn aros o fewn y gyllideb.",
    "add1-utilitarian":
      "Codwyd pob cyfran fesul uned tra bod hynny'n dal o fewn y gyllideb; aeth arian dros ben wedyn i'r prosiectau gyda'r mwyaf o bleidleisiau a oedd yn dal i ffitio.",
  },
};

const UTILITIES: Record<Locale, Record<Utilities, string>> = {
  en: { cost: "", cardinality: "Projects were compared by how little each supporter had to pay." },
  cy: { cost: "", cardinality: "Cymharwyd prosiectau yn ôl pa mor lleied yr oedd rhaid i bob cefnogwr ei dalu." },
};

const TIE_BREAKS: Record<Locale, Record<TieBreak, string>> = {
  en: {
    default: "Ties were settled in favour of the cheaper project, then the one with more votes, then the lower project reference.",
    id: "Ties were settled by project reference, in alphabetical order.",
    refuse: "Counting stops at a tie so that it can be settled by the published policy.",
  },
  cy: {
    default: "Torrwyd cyfartaleddau o blaid y prosiect rhatach, yna'r un gyda mwy o bleidleisiau, yna'r cyfeirnod prosiect isaf.",
    id: "Torrwyd cyfartaleddau yn ôl cyfeirnod y prosiect, yn nhrefn yr wyddor.",
    refuse: "Mae'r cyfrif yn stopio pan fo cyfartaledd fel y gellir ei dorri yn ôl y polisi a gyhoeddwyd.",
  },
};

export function describeTieBreak(tieBreak: TieBreak, locale: Locale): string {
  return TIE_BREAKS[locale][tieBreak];
}

/** How the result was worked out, in a few sentences for the results page. */
export function describeOutcome(outcome: Outcome, locale: Locale, money: (amount: Rational) => string): string {
  const parts = [RULES[locale][outcome.rule] + "."];
  if (outcome.threshold) {
    parts.push(format(locale === "en" ? "The minimum score was {threshold}." : "Yr isafswm sgôr oedd {threshold}.", { threshold: plain(outcome.threshold) }));
  }
  const es = outcome.equalShares;
  if (es) {
    const share =
      locale === "en"
        ? `Each of the {voters} voters started with {share}${es.add1Steps > 0 ? ", raised to {final}" : ""}.`
        : `Dechreuodd pob un o'r {voters} pleidleisiwr gyda {share}${es.add1Steps > 0 ? ", wedi'i godi i {final}" : ""}.`;
    parts.push(format(share, { voters: es.voters.toLocaleString("en-GB"), share: money(es.initialShare), final: money(es.finalShare) }));
    parts.push(COMPLETIONS[locale][es.completion]);
    if (UTILITIES[locale][es.utilities]) parts.push(UTILITIES[locale][es.utilities]);
  }
  parts.push(describeTieBreak(outcome.tieBreak, locale));
  return parts.join(" ");
}

const EXPLAIN = {
  en: {
    funded_greedy: "Funded in round {round}: it had {votes} and fitted the money left.",
    funded_completion: "Funded in round {round} from money left over: it had {votes} and fitted what remained.",
    funded_shares: "Funded in round {round}. {payers} of its {supporters} supporters paid {share} each",
    funded_shares_all: "; {allIn} with less left paid all they had ({allInTotal} in total)",
    funded_shares_none: "; {none} had nothing left",
    funded_free: "Funded in round {round}: it costs nothing.",
    won_tie: " It was level with {others} and won the tie-break.",
    did_not_fit: "Not funded: it costs {cost} but only {remaining} was left when its turn came.",
    counting_stopped: "Not funded: counting stopped at project {stoppedAt}, which did not fit the money left.",
    below_threshold: "Not funded: its score of {score} was below the minimum of {threshold}.",
    supporters_short: "Not funded: its supporters had {had} left of the {cost} it needed.",
    no_supporters: "Not funded: nobody voted for it.",
    leftover: " The {leftover} left over was not enough either.",
    votes_one: "1 vote",
    votes_many: "{n} votes",
  },
  // DRAFT Welsh — for review.
  cy: {
    funded_greedy: "Wedi'i ariannu yn rownd {round}: cafodd {votes} ac roedd yn ffitio'r arian a oedd yn weddill.",
    funded_completion: "Wedi'i ariannu yn rownd {round} o arian dros ben: cafodd {votes} ac roedd yn ffitio'r hyn a oedd yn weddill.",
    funded_shares: "Wedi'i ariannu yn rownd {round}. Talodd {payers} o'i {supporters} cefnogwr {share} yr un",
    funded_shares_all: "; talodd {allIn} a oedd â llai ar ôl y cyfan a oedd ganddynt ({allInTotal} i gyd)",
    funded_shares_none: "; nid oedd gan {none} ddim ar ôl",
    funded_free: "Wedi'i ariannu yn rownd {round}: nid yw'n costio dim.",
    won_tie: " Roedd yn gyfartal â {others} ac enillodd wrth dorri'r cyfartaledd.",
    did_not_fit: "Heb ei ariannu: mae'n costio {cost} ond dim ond {remaining} oedd ar ôl pan ddaeth ei dro.",
    counting_stopped: "Heb ei ariannu: stopiodd y cyfrif wrth brosiect {stoppedAt}, nad oedd yn ffitio'r arian a oedd ar ôl.",
    below_threshold: "Heb ei ariannu: roedd ei sgôr o {score} yn is na'r isafswm o {threshold}.",
    supporters_short: "Heb ei ariannu: roedd gan ei gefnogwyr {had} ar ôl o'r {cost} yr oedd ei angen.",
    no_supporters: "Heb ei ariannu: ni phleidleisiodd neb drosto.",
    leftover: " Nid oedd y {leftover} dros ben yn ddigon chwaith.",
    votes_one: "1 bleidlais",
    votes_many: "{n} pleidlais",
  },
} satisfies Record<Locale, Record<string, string>>;

function plain(r: Rational): string {
  return formatFixed(r, r.d === 1n ? 0 : 2);
}

/** One or two sentences on why a project was or was not funded. */
export function explainProject(e: ProjectExplanation, locale: Locale, money: (amount: Rational) => string): string {
  const t = EXPLAIN[locale];
  const votes = e.votes === 1 ? t.votes_one : format(t.votes_many, { n: e.votes.toLocaleString("en-GB") });
  if (e.funded) {
    let text: string;
    if (e.stage === "equal-shares" && e.payment) {
      const p = e.payment;
      if (p.share.n === 0n) {
        text = format(t.funded_free, { round: e.round });
      } else {
        text = format(t.funded_shares, { round: e.round, payers: p.paidShare.toLocaleString("en-GB"), supporters: p.supporters.toLocaleString("en-GB"), share: money(p.share) });
        if (p.paidAllTheyHad > 0) {
          text += format(t.funded_shares_all, { allIn: p.paidAllTheyHad.toLocaleString("en-GB"), allInTotal: money(p.paidAllTheyHadTotal) });
        }
        if (p.paidNothing > 0) text += format(t.funded_shares_none, { none: p.paidNothing.toLocaleString("en-GB") });
        text += ".";
      }
    } else {
      text = format(e.stage === "completion" ? t.funded_completion : t.funded_greedy, { round: e.round, votes });
    }
    if (e.wonTieAgainst?.length) text += format(t.won_tie, { others: e.wonTieAgainst.join(", ") });
    return text;
  }
  return explainLoss(e, locale, money);
}

function explainLoss(e: ProjectExplanation & LossReason & { funded: false }, locale: Locale, money: (amount: Rational) => string): string {
  const t = EXPLAIN[locale];
  switch (e.reason) {
    case "did_not_fit":
      return format(t.did_not_fit, { cost: money(e.cost), remaining: money(e.remaining) });
    case "counting_stopped":
      return format(t.counting_stopped, { stoppedAt: e.stoppedAt });
    case "below_threshold":
      return format(t.below_threshold, { score: plain(e.score), threshold: plain(e.threshold) });
    case "supporters_short": {
      const text = format(t.supporters_short, { had: money(e.supportersHad), cost: money(e.cost) });
      return e.leftoverAtTurn ? text + format(t.leftover, { leftover: money(e.leftoverAtTurn) }) : text;
    }
    case "no_supporters": {
      const text = t.no_supporters;
      return e.leftoverAtTurn ? text + format(t.leftover, { leftover: money(e.leftoverAtTurn) }) : text;
    }
  }
}

const SYMBOLS: Record<string, string> = { GBP: "£", EUR: "€", USD: "$" };

/**
 * An amount for people to read: £1,234.57 — two decimals unless whole, grouped thousands;
 * unknown currencies as "1,234.57 PLN". Rounds half away from zero; counting never rounds.
 */
export function formatMoney(amount: Rational, currency?: string): string {
  const fixed = formatFixed(amount, amount.d === 1n ? 0 : 2);
  const negative = fixed.startsWith("-");
  const [whole = "0", fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const number = `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
  const symbol = currency ? SYMBOLS[currency.toUpperCase()] : undefined;
  if (symbol) return negative ? `-${symbol}${number.slice(1)}` : `${symbol}${number}`;
  return currency ? `${number} ${currency}` : number;
}
