// The automatic pre-filter run on text residents write (priorities, comments, free-text
// answers) before it is shown. It only decides whether to HOLD an item for a moderator and says
// why; it never rewrites or blocks text, and a hold is not a verdict — a person decides
// (decisions.ts). So it is tuned to miss little that matters and to hold little that does not.
//
// What it holds, and why:
// - personal data: email addresses, phone numbers (UK forms, and any number written with an
//   international "+") and National Insurance numbers. Free text is published; a resident who
//   writes their own or a neighbour's details should not see them on a public page (UK GDPR
//   Art. 5(1)(c) data minimisation; ../shared/reference/uk-standards.md §5 on free text).
// - obvious abuse: a short list of the strongest swear words and of slurs (ABUSIVE_TERMS).
//
// What it must NOT hold: postcodes (M32 0TH — everyday local text, and how residents say where
// a problem is), dates (01/02/2026), money (£1,250,000), years, bus and road numbers. Words are
// matched whole, never as substrings, so place names pass — Scunthorpe, Penistone, Shitterton,
// Twatt (Orkney), Bitchfield, Cockermouth, Middlesex — as do cocktail, classic and assess (the
// "Scunthorpe problem"). Milder swearing ("shit", "bloody", "bollocks") is not held: a resident
// writing "dog shit all over the pavement on Moss Road" is reporting a real problem.
//
// Known limits, on purpose: self-censored words ("f**k") and words with letters swapped for
// look-alikes outside the small leetspeak table are not caught, nor written-out emails
// ("jo at example dot com"). Reports by residents (decisions.ts) and moderators catch those.

export type FilterFlag = "email" | "phone" | "ni_number" | "abuse";
export const FILTER_FLAGS: readonly FilterFlag[] = ["email", "phone", "ni_number", "abuse"];

export interface FilterResult {
  hold: boolean;
  /** In FILTER_FLAGS order, each once. */
  flags: FilterFlag[];
}

// ───────────────────────────── email ─────────────────────────────

// The lookbehind starts a match only at the start of a word, so a long text without an address
// costs one pass rather than one attempt per character.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// "jo[at]example.com", "jo (at) example (dot) com": common ways of dodging address harvesters.
const EMAIL_BRACKETED = /[\p{L}\p{N}._%+-]+\s*[([]\s*at\s*[)\]]\s*[\p{L}\p{N}-]+\s*(?:\.|[([]\s*dot\s*[)\]])\s*\p{L}{2,}/iu;

export function hasEmail(text: string): boolean {
  return (text.includes("@") && EMAIL.test(text)) || EMAIL_BRACKETED.test(text);
}

// ───────────────────────────── phone numbers ─────────────────────────────

// A run of digit groups joined by spaces, hyphens or brackets, optionally after "+". Dots and
// slashes are not joiners, so dates (01/02/2026, 01.02.2026) and times never form a run; nor
// are commas, so money never does.
const PHONE_RUN = /(?<![\p{L}\p{N}£$€])\+?[(\d][\d ()\t-]*\d\)?/gu;

/**
 * UK numbers as people write them: 0161 912 1212, (0161) 912 1212, 07700 900123, 07700-900-123,
 * +44 7700 900123, +44 (0)161 912 1212, 0044 161 912 1212, 0800 123 4567. Nationally that is 11
 * digits starting 01, 02, 03, 05, 07, 08 or 09, or 10 digits for some 01 areas and 0800 1111-style
 * numbers (Ofcom National Telephone Numbering Plan).
 */
function isUkNational(digits: string): boolean {
  if (digits.length === 11) return /^0[1235789]/.test(digits);
  if (digits.length === 10) return /^0(1|800|500)/.test(digits);
  return false;
}

function phoneInRun(run: string): boolean {
  // "(0)" after +44 is the trunk prefix people are told to drop when dialling from abroad.
  const groups = run.replace(/\(0\)/g, " ").match(/\+?\d+/g) ?? [];
  // Try every starting group, so "in 2024 07700 900123" or "07700 900123 2 times" still finds
  // the number inside a longer run.
  for (let start = 0; start < groups.length; start++) {
    const first = groups[start]!;
    let national: string;
    let international = false;
    if (/^(\+|00)44/.test(first)) national = "0" + first.replace(/^(\+|00)44/, "");
    else if (first.startsWith("+")) {
      international = true;
      national = first.slice(1);
    } else if (first.startsWith("0")) national = first;
    else continue;
    for (let end = start + 1; ; end++) {
      // "+44 0161 …": the trunk 0 written anyway.
      if (national === "0" && groups[end]?.startsWith("0")) national = "";
      if (international ? national.length >= 8 && national.length <= 15 && end === groups.length : isUkNational(national)) return true;
      if (end >= groups.length || national.length > 15) break;
      national += groups[end]!.replace("+", "");
    }
  }
  return false;
}

export function hasPhoneNumber(text: string): boolean {
  for (const match of text.matchAll(PHONE_RUN)) if (phoneInRun(match[0])) return true;
  return false;
}

// ───────────────────────────── National Insurance numbers ─────────────────────────────

// Two prefix letters, six digits, a suffix A–D, spaced or not (QQ 12 34 56 C). The letter rules
// are HMRC's (National Insurance Manual NIM39110): D, F, I, Q, U and V are never used in the
// prefix, O never second, and BG, GB, KN, NK, NT, TN and ZZ are never allocated — which keeps
// ordinary references ("AB 123456 D") from being mistaken for one less often.
const NI_NUMBER = /(?<![\p{L}\p{N}])([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![\p{L}\p{N}])/giu;
const NI_UNALLOCATED = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);

export function hasNiNumber(text: string): boolean {
  for (const m of text.matchAll(NI_NUMBER)) if (!NI_UNALLOCATED.has(`${m[1]}${m[2]}`.toUpperCase())) return true;
  return false;
}

// ───────────────────────────── abuse ─────────────────────────────

/**
 * The words held for review, as data. Deliberately short and limited to the strongest swearing
 * and to slurs against protected groups (race, religion, disability, sexual orientation, gender
 * reassignment — Equality Act 2010; Gypsy, Roma and Traveller people are a racial group under
 * it), guided by Ofcom's research on public attitudes to offensive language (2021). Each entry
 * is matched as a whole word in any of its listed forms.
 *
 * Left out on purpose, because they are ordinary words in local text: "chink" (of light),
 * "dyke" (Offa's Dyke, Devil's Dyke), "slag" (heaps), "fag" (a cigarette), "spastic" (spastic
 * paraplegia, a medical term), "cock" (a bird), "prick", "coon" (a surname) and "nonce".
 */
export const ABUSIVE_TERMS: readonly { forms: readonly string[]; kind: "swearing" | "slur" }[] = [
  { kind: "swearing", forms: ["fuck", "fucks", "fucked", "fucker", "fuckers", "fucking", "fuckin", "fuckwit", "fuckwits", "fuk", "fuking", "motherfucker", "motherfuckers"] },
  { kind: "swearing", forms: ["cunt", "cunts"] },
  { kind: "swearing", forms: ["wanker", "wankers"] },
  { kind: "swearing", forms: ["twat", "twats"] },
  { kind: "swearing", forms: ["dickhead", "dickheads"] },
  { kind: "slur", forms: ["nigger", "niggers", "nigga", "niggas"] },
  { kind: "slur", forms: ["paki", "pakis"] },
  { kind: "slur", forms: ["chinky", "chinkies"] },
  { kind: "slur", forms: ["wog", "wogs"] },
  { kind: "slur", forms: ["kike", "kikes"] },
  { kind: "slur", forms: ["towelhead", "towelheads", "raghead", "ragheads"] },
  { kind: "slur", forms: ["pikey", "pikeys", "gyppo", "gyppos", "gypo", "gypos"] },
  { kind: "slur", forms: ["faggot", "faggots"] },
  { kind: "slur", forms: ["tranny", "trannies"] },
  { kind: "slur", forms: ["retard", "retards", "retarded", "spaz", "spazzy", "spacker", "spackers"] },
];

const ABUSIVE: ReadonlySet<string> = new Set(ABUSIVE_TERMS.flatMap((t) => t.forms));

// Letters people swap in to get past filters. "1" and "|" may stand for "i" or "l", so both
// readings are tried.
const LEET: Readonly<Record<string, string>> = { "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i" };

function readings(token: string): string[] {
  const base = [...token].map((c) => LEET[c] ?? c).join("");
  return base.includes("1") || base.includes("|") ? [base.replace(/[1|]/g, "i"), base.replace(/[1|]/g, "l")] : [base];
}

// "fuuuuck" → "fuck"; "twatt" (a place in Orkney) keeps its two t's, so only runs of three or
// more letters are squeezed — to one and to two, since real words have double letters.
const squeezed = (word: string) => [word, word.replace(/(\p{L})\1{2,}/gu, "$1"), word.replace(/(\p{L})\1{2,}/gu, "$1$1")];

const TOKEN = /[\p{L}\p{N}@$!|]+/gu;

function isAbusive(token: string): boolean {
  const trimmed = token.replace(/^[!|]+|[!|]+$/g, "");
  if (trimmed === "" || /^\d+$/.test(trimmed)) return false;
  for (const reading of readings(trimmed)) for (const form of squeezed(reading)) if (ABUSIVE.has(form)) return true;
  return false;
}

export function hasAbuse(text: string): boolean {
  const folded = text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
  const tokens = folded.match(TOKEN) ?? [];
  if (tokens.some(isAbusive)) return true;
  // "f u c k", "c.u.n.t": runs of three or more single characters read as one word.
  let run = "";
  for (const token of [...tokens, ""]) {
    if ([...token].length === 1) {
      run += token;
      continue;
    }
    if (run.length >= 3 && isAbusive(run)) return true;
    run = "";
  }
  return false;
}

// ───────────────────────────── the filter ─────────────────────────────

/** Whether to hold `text` for a moderator, and why. The text itself is never changed. */
export function filterText(text: string): FilterResult {
  const flags: FilterFlag[] = [];
  if (hasEmail(text)) flags.push("email");
  if (hasPhoneNumber(text)) flags.push("phone");
  if (hasNiNumber(text)) flags.push("ni_number");
  if (hasAbuse(text)) flags.push("abuse");
  return { hold: flags.length > 0, flags };
}

/** Another name for filterText. */
export const screenText = filterText;
