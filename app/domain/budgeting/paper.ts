// Paper ballots entered by officers: reading a typed batch (one paper per line), comparing two
// independent entries of the same batch, settling their differences, and finding papers that
// repeat a voter. Pure; the server (app/server/budgeting/paper.server.ts) turns identifiers into
// keyed hashes, checks voting codes against the database and writes the ballots.
//
// Why two entries by two officers: one person copying hundreds of papers makes mistakes they
// cannot see in their own typing; a second person typing the same papers independently, compared
// paper by paper, catches them (the schema's PaperBallotBatch keeps both entries for this).
// Papers are matched by their identifier, not their position, so a paper skipped or typed twice
// by one officer shows up as one difference instead of shifting every paper after it.
//
// A line is `IDENTIFIER: CHOICES`. The identifier is the voting code printed on the paper, or the
// electoral-register number the polling clerk wrote on it when the voter had no code. Choices use
// project references and follow the ballot type (pb-rules.md §1.3):
//   approval, knapsack   7K3Q-9XD2-M4PA: P-1, P-3
//   cumulative           AB1-234: P-1=5, P-2=3
//   ranked               AB1-235: P-2 > P-1 > P-4
// Every paper must be valid under the same rules as an online ballot (ballot.ts `checkBallot`):
// a spoilt paper is set aside at the count, never typed in.
import { checkBallot, sameChoices, type BallotChoiceInput, type BallotConfig, type BallotProblem } from "~/domain/budgeting/ballot.ts";
import type { Pence } from "~/domain/budgeting/money.ts";
import type { Phase } from "~/domain/budgeting/process.ts";

export const PAPER_LIMITS = {
  pollingPlaceMin: 2,
  pollingPlaceMax: 120,
  /**
   * Papers in one batch: about what two people can type and check in one sitting. A bigger box
   * is split into several batches; reconciling one batch stays one short transaction.
   */
  ballotsMax: 1000,
  lineMax: 1000,
} as const;

/** A project that was on the ballot, as the parser needs it. */
export interface PaperProject {
  id: string;
  reference: string;
  budgetId: string;
  costPence: Pence;
}

export type PaperIdentifier = { kind: "code"; code: string } | { kind: "register"; number: string };

/** Why one line cannot be entered; paper-messages.ts words each with its line number. */
export type PaperProblem =
  | { reason: "line_too_long"; detail: { max: number } }
  | { reason: "no_separator" }
  | { reason: "no_identifier" }
  | { reason: "invalid_identifier"; detail: { text: string } }
  /** Decided by the server: the code was not issued for this process. */
  | { reason: "unknown_code" }
  | { reason: "no_choices" }
  | { reason: "unreadable_choice"; detail: { text: string } }
  /** From the ballot rules; project ids in the detail are the references typed when unknown. */
  | BallotProblem;

export interface LineProblem {
  line: number;
  problem: PaperProblem;
}

export type BatchProblem = "no_ballots" | "too_many_ballots";

export interface ParsedPaperBallot {
  /** 1-based line in the text as typed, so the paper can be found again. */
  line: number;
  identifier: PaperIdentifier;
  /** Valid under the ballot rules, in checkBallot's canonical order. */
  choices: BallotChoiceInput[];
}

export interface PaperRules {
  config: BallotConfig;
  /** The projects that were on this budget's ballot. */
  projects: readonly PaperProject[];
  /** The server's voting-code reader, so a code typed from paper is read exactly as one typed online. */
  normaliseCode: (text: string) => string | null;
}

export type LineResult = { ok: true; value: ParsedPaperBallot } | { ok: false; problem: PaperProblem };

export type ParsedBatch =
  | { ok: true; value: ParsedPaperBallot[] }
  | { ok: false; reason: "invalid"; detail: { batch: BatchProblem | null; lines: LineProblem[] } };

// ───────────────────────────── identifiers ─────────────────────────────

// An elector number as printed on the register: the polling district code (letters, then up to
// three digits), the elector's number in that district, and an optional "/n" suffix for
// attainers and later additions, e.g. "AB1-234" or "AB1-234/1".
const REGISTER_NUMBER = /^([A-Z]{1,4}\d{0,3})-(\d{1,6})(?:\/(\d{1,3}))?$/;

/**
 * "ab1 234", "AB1–234" and "AB1-0234" are the same elector: upper case, one hyphen between the
 * district and the number, no leading zeros. Null when the text is not a register number.
 */
export function normaliseRegisterNumber(input: string): string | null {
  const text = input
    .trim()
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]+/g, "-")
    .replace(/-?\/-?/g, "/");
  const match = REGISTER_NUMBER.exec(text);
  if (!match) return null;
  const suffix = match[3] === undefined ? "" : `/${Number(match[3])}`;
  return `${match[1]}-${Number(match[2])}${suffix}`;
}

/**
 * A register number is tried first: its single hyphen between district and number never occurs
 * in a code written the printed way (three groups of four), so "AB1-234" is not misread as a code.
 */
export function readIdentifier(text: string, normaliseCode: (text: string) => string | null): PaperIdentifier | null {
  const number = normaliseRegisterNumber(text);
  if (number) return { kind: "register", number };
  const code = normaliseCode(text);
  return code ? { kind: "code", code } : null;
}

// ───────────────────────────── reading a batch ─────────────────────────────

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function readChoices(text: string, rules: PaperRules): { ok: true; value: BallotChoiceInput[] } | { ok: false; problem: PaperProblem } {
  const byReference = new Map(
    rules.projects.filter((p) => p.budgetId === rules.config.budgetId).map((p) => [p.reference.toUpperCase(), p.id]),
  );
  const type = rules.config.type;
  const unreadable = (t: string) => ({ ok: false as const, problem: { reason: "unreadable_choice" as const, detail: { text: excerpt(t) } } });
  // A ranking is written with ">" so that its order is explicit; commas would leave a ranked
  // paper indistinguishable from an approval one.
  if (type === "ranked" && /[,=]/.test(text)) return unreadable(text);
  const tokens = text
    .split(type === "ranked" ? ">" : ",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  const choices: BallotChoiceInput[] = [];
  for (const [position, token] of tokens.entries()) {
    let reference = token;
    let value = type === "ranked" ? position + 1 : 1;
    if (type === "cumulative") {
      const match = /^(\S+)\s*=\s*(\d{1,6})$/.exec(token);
      if (!match) return unreadable(token);
      reference = match[1]!;
      value = Number(match[2]);
    }
    if (/[\s=>]/.test(reference)) return unreadable(token);
    const projectId = byReference.get(reference.toUpperCase());
    if (!projectId) return { ok: false, problem: { reason: "unknown_project", detail: { projectId: excerpt(reference) } } };
    choices.push({ projectId, value });
  }
  if (choices.length === 0) return { ok: false, problem: { reason: "no_choices" } };
  return { ok: true, value: choices };
}

/** Reads one typed line (already known not to be blank). */
export function parsePaperLine(text: string, line: number, rules: PaperRules): LineResult {
  if (text.length > PAPER_LIMITS.lineMax) return { ok: false, problem: { reason: "line_too_long", detail: { max: PAPER_LIMITS.lineMax } } };
  const colon = text.indexOf(":");
  if (colon === -1) return { ok: false, problem: { reason: "no_separator" } };
  const idText = text.slice(0, colon).trim();
  if (idText === "") return { ok: false, problem: { reason: "no_identifier" } };
  const identifier = readIdentifier(idText, rules.normaliseCode);
  if (!identifier) return { ok: false, problem: { reason: "invalid_identifier", detail: { text: excerpt(idText) } } };
  const choicesText = text.slice(colon + 1).trim();
  if (choicesText === "") return { ok: false, problem: { reason: "no_choices" } };
  const read = readChoices(choicesText, rules);
  if (!read.ok) return read;
  const checked = checkBallot(
    rules.config,
    rules.projects.map((p) => ({ ...p, feasible: true })),
    read.value,
  );
  if (!checked.ok) {
    const { ok: _ok, ...problem } = checked;
    return { ok: false, problem };
  }
  return { ok: true, value: { line, identifier, choices: checked.value.choices } };
}

/**
 * Reads a whole batch: one paper per line, blank lines ignored, line numbers as typed. Every
 * line is checked, so the officer sees every problem at once rather than one per attempt.
 */
export function parsePaperBatch(text: string, rules: PaperRules): ParsedBatch {
  const ballots: ParsedPaperBallot[] = [];
  const lines: LineProblem[] = [];
  let papers = 0;
  for (const [index, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const trimmed = raw.trim();
    if (trimmed === "") continue;
    papers++;
    if (papers > PAPER_LIMITS.ballotsMax) return { ok: false, reason: "invalid", detail: { batch: "too_many_ballots", lines: [] } };
    const read = parsePaperLine(trimmed, index + 1, rules);
    if (read.ok) ballots.push(read.value);
    else lines.push({ line: index + 1, problem: read.problem });
  }
  if (papers === 0) return { ok: false, reason: "invalid", detail: { batch: "no_ballots", lines: [] } };
  if (lines.length > 0) return { ok: false, reason: "invalid", detail: { batch: null, lines } };
  return { ok: true, value: ballots };
}

// ───────────────────────────── the phase ─────────────────────────────

export type PaperPhaseReason = "voting_not_open" | "results_published";

/**
 * Papers may be entered while voting is open and after it closes until the budget's result is
 * published: polling places close with voting, and their boxes are typed in afterwards. Once a
 * result is published it is never recounted (BudgetResult), so a paper entered later could not
 * count — it is refused rather than silently left out. Delivery comes only after publication.
 */
export function paperEntryRefusal(phase: Phase, resultPublished: boolean): PaperPhaseReason | null {
  if (phase === "draft" || phase === "ideas" || phase === "review") return "voting_not_open";
  if (phase === "voting") return null;
  if (phase === "results" && !resultPublished) return null;
  return "results_published";
}

// ───────────────────────────── two entries ─────────────────────────────

/** A paper as stored with an entry. Neither the code nor the register number is ever stored. */
export interface EnteredBallot {
  line: number;
  kind: "code" | "register";
  /**
   * The server's keyed hash of the identifier for this budget — the ballot's voter key: equal
   * identifiers give equal keys, and it cannot be turned back into a code or a register number.
   */
  key: string;
  /** The server's keyed hash of a voting code, to spend it; null for a register number. */
  codeHash: string | null;
  /** The last 4 characters of a voting code, to find the paper; null for a register number (personal data). */
  hint: string | null;
  choices: BallotChoiceInput[];
}

export type EntryName = "first" | "second" | "retyped";

export interface EntryDifference {
  /** Position in the list shown to the officer: the form's field names use it. */
  index: number;
  /** The paper as each officer typed it, or null when only the other typed it. */
  first: EnteredBallot | null;
  second: EnteredBallot | null;
}

export interface EntryComparison {
  agreed: EnteredBallot[];
  differences: EntryDifference[];
}

/** Keys each paper by its identifier and how many times that identifier came before it. */
function keyed(entry: readonly EnteredBallot[]): Map<string, EnteredBallot> {
  const seen = new Map<string, number>();
  const out = new Map<string, EnteredBallot>();
  for (const ballot of [...entry].sort((a, b) => a.line - b.line)) {
    const n = (seen.get(ballot.key) ?? 0) + 1;
    seen.set(ballot.key, n);
    out.set(`${ballot.key}#${n}`, ballot);
  }
  return out;
}

function firstLine(d: Omit<EntryDifference, "index">): number {
  return d.first?.line ?? d.second!.line;
}

/**
 * Compares two entries paper by paper. A paper is agreed when both officers typed its identifier
 * with the same choices; anything else — different choices, or a paper only one of them typed —
 * is a difference, listed in the order of the papers.
 */
export function compareEntries(first: readonly EnteredBallot[], second: readonly EnteredBallot[]): EntryComparison {
  const a = keyed(first);
  const b = keyed(second);
  const agreed: EnteredBallot[] = [];
  const found: Omit<EntryDifference, "index">[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? null;
    const y = b.get(key) ?? null;
    if (x && y && sameChoices(x.choices, y.choices)) agreed.push(x);
    else found.push({ first: x, second: y });
  }
  found.sort((p, q) => firstLine(p) - firstLine(q) || (p.second?.line ?? 0) - (q.second?.line ?? 0));
  return {
    agreed: agreed.sort((p, q) => p.line - q.line),
    differences: found.map((d, index) => ({ index, ...d })),
  };
}

export type Resolution = { take: "first" | "second" } | { take: "retyped"; ballot: EnteredBallot };

export interface FinalBallot extends EnteredBallot {
  /** Which entry the paper was taken from (agreed papers: the first). */
  entry: EntryName;
}

/**
 * The papers of a batch once every difference is settled: the agreed papers and, for each
 * difference, the entry the officer chose (which may be "no paper") or the paper as retyped.
 * Throws when the resolutions do not match the differences: the caller validates the form first.
 */
export function resolveEntries(comparison: EntryComparison, resolutions: readonly Resolution[]): FinalBallot[] {
  if (resolutions.length !== comparison.differences.length) throw new Error("one resolution per difference is required");
  const out: FinalBallot[] = comparison.agreed.map((b) => ({ ...b, entry: "first" }));
  comparison.differences.forEach((d, i) => {
    const r = resolutions[i]!;
    if (r.take === "retyped") out.push({ ...r.ballot, entry: "retyped" });
    else {
      const chosen = r.take === "first" ? d.first : d.second;
      if (chosen) out.push({ ...chosen, entry: r.take });
    }
  });
  return out.sort((p, q) => p.line - q.line || ENTRY_ORDER.indexOf(p.entry) - ENTRY_ORDER.indexOf(q.entry));
}

const ENTRY_ORDER: readonly EntryName[] = ["first", "second", "retyped"];

/**
 * One paper per voter: the first paper of each identifier (in paper order) counts; any later one
 * is a repeat — a register number written twice, or a code copied onto two papers.
 */
export function splitRepeats(papers: readonly FinalBallot[]): { unique: FinalBallot[]; repeats: FinalBallot[] } {
  const seen = new Set<string>();
  const unique: FinalBallot[] = [];
  const repeats: FinalBallot[] = [];
  for (const paper of papers) {
    if (seen.has(paper.key)) repeats.push(paper);
    else {
      seen.add(paper.key);
      unique.push(paper);
    }
  }
  return { unique, repeats };
}

// ───────────────────────────── the report ─────────────────────────────

/**
 * Why a paper was not counted. repeated_in_batch: its identifier came earlier in this batch;
 * code_used: the code had already voted (online, or on a paper of an earlier batch);
 * already_voted: the register number already voted in this budget on an earlier batch.
 */
export type DuplicateReason = "repeated_in_batch" | "code_used" | "already_voted";

export interface BatchReport {
  stored: number;
  duplicates: { entry: EntryName; line: number; kind: "code" | "register"; hint: string | null; reason: DuplicateReason }[];
  /** How the differences were settled (all 0 when the two entries agreed). */
  resolved: Record<EntryName, number>;
}

// ───────────────────────────── forms ─────────────────────────────

export type PaperFieldError = "required" | "too_short" | "too_long" | "unknown_budget" | "choose_entry" | "retype_required";

/** Polling place and budget of a new batch. */
export function validateBatchDetails(
  input: { pollingPlace?: unknown; budgetId?: unknown },
  budgetIds: readonly string[],
): { pollingPlace: string | null; budgetId: string | null; fieldErrors: Record<string, PaperFieldError> } {
  const fieldErrors: Record<string, PaperFieldError> = {};
  const place = typeof input.pollingPlace === "string" ? input.pollingPlace.trim().replace(/\s+/g, " ") : "";
  if (place === "") fieldErrors.pollingPlace = "required";
  else if (place.length < PAPER_LIMITS.pollingPlaceMin) fieldErrors.pollingPlace = "too_short";
  else if (place.length > PAPER_LIMITS.pollingPlaceMax) fieldErrors.pollingPlace = "too_long";
  const budgetId = typeof input.budgetId === "string" ? input.budgetId.trim() : "";
  if (budgetId === "") fieldErrors.budgetId = "required";
  else if (!budgetIds.includes(budgetId)) fieldErrors.budgetId = "unknown_budget";
  return {
    pollingPlace: fieldErrors.pollingPlace ? null : place,
    budgetId: fieldErrors.budgetId ? null : budgetId,
    fieldErrors,
  };
}

export type ResolutionChoice = { take: "first" | "second" } | { take: "retype"; text: string };

/** Field names of the reconcile form for difference `index`. */
export const resolutionField = (index: number) => `resolution-${index}`;
export const retypeField = (index: number) => `retype-${index}`;

/**
 * Reads the reconcile form: for each difference, which entry is right, or the paper typed again.
 * A missing choice, or "type it again" with nothing typed, is a field error on that difference.
 */
export function readResolutionForm(
  form: Readonly<Record<string, string | undefined>>,
  count: number,
): { choices: (ResolutionChoice | null)[]; fieldErrors: Record<string, PaperFieldError> } {
  const fieldErrors: Record<string, PaperFieldError> = {};
  const choices: (ResolutionChoice | null)[] = [];
  for (let i = 0; i < count; i++) {
    const take = form[resolutionField(i)];
    const text = (form[retypeField(i)] ?? "").trim();
    if (take === "first" || take === "second") choices.push({ take });
    else if (take === "retype") {
      if (text === "") fieldErrors[retypeField(i)] = "retype_required";
      choices.push(text === "" ? null : { take: "retype", text });
    } else {
      fieldErrors[resolutionField(i)] = "choose_entry";
      choices.push(null);
    }
  }
  return { choices, fieldErrors };
}
