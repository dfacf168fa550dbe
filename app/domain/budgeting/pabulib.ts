// The pabulib `.pb` format: read a participatory-budgeting election into a typed `Election`, and
// write one back so anyone can recount a published result.
//
// Format: pabulib.org/format (pabulib/pabulib_front@71455e3, app/templates/format.html), as
// summarised in ../shared/reference/pb-rules.md §1. Three sections in order — META, PROJECTS,
// VOTES — each a title line, a header line and rows; `;`-separated with standard CSV quoting
// (`"…"`, `""` for a quote); CRLF and LF both occur, sometimes in one file. Numbers may use `,`
// as the decimal separator (pabutools replaces it by `.`). Unknown META keys and extra columns
// are kept, not rejected, so a file survives a round trip.
//
// Imported research data is reported, not "fixed": a ballot that breaks a META limit (length,
// points) is kept as cast. What makes counting impossible or ambiguous is an error with the
// section and the physical line number ("VOTES line 1234: project 17 is not in PROJECTS").
import type { Result } from "../result.ts";
import { parseDecimal, toDecimalString, type Rational } from "./rational.ts";

export const VOTE_TYPES = ["approval", "choose-1", "cumulative", "scoring", "ordinal"] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

export type Section = "META" | "PROJECTS" | "VOTES";

export type MetaEntry = readonly [key: string, value: string];

export interface Project {
  readonly id: string;
  readonly cost: Rational;
  readonly name?: string;
  /** Supporters as stated in the file; counting recounts from the ballots (scores.ts). */
  readonly votes?: number;
  readonly score?: Rational;
  /** Official outcome when the file has it: 1 funded, 0 not, 2 special case (see META comment). */
  readonly selected?: 0 | 1 | 2;
  /** Every other column, as text. */
  readonly extra: Readonly<Record<string, string>>;
}

export interface Ballot {
  readonly voterId: string;
  /** Project ids in the order written; for ordinal ballots, most preferred first. */
  readonly projects: readonly string[];
  /** Cumulative and scoring ballots: points for projects[i]. */
  readonly points?: readonly Rational[];
  readonly extra: Readonly<Record<string, string>>;
}

/** Ballot constraints declared in META. Stored, not enforced on import (pb-rules.md §1.6). */
export interface BallotLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minSumCost?: Rational;
  readonly maxSumCost?: Rational;
  readonly minPoints?: Rational;
  readonly maxPoints?: Rational;
  readonly minSumPoints?: Rational;
  readonly maxSumPoints?: Rational;
}

export interface Election {
  /** Every META entry in file order, including non-standard keys. */
  readonly meta: readonly MetaEntry[];
  readonly budget: Rational;
  readonly voteType: VoteType;
  /** The official rule as written (`greedy`, `equalshares/add1`, `unknown`, …). */
  readonly rule: string;
  readonly currency?: string;
  /** `min_project_score_threshold`, used by `greedy-threshold`. */
  readonly threshold?: Rational;
  readonly limits: BallotLimits;
  /** Header of PROJECTS and VOTES as in the file, so the writer keeps column order. */
  readonly projectColumns: readonly string[];
  readonly voteColumns: readonly string[];
  readonly projects: readonly Project[];
  readonly ballots: readonly Ballot[];
}

export type PabulibReason =
  | "empty_file"
  | "missing_section"
  | "unexpected_section"
  | "missing_header"
  | "missing_column"
  | "duplicate_column"
  | "unterminated_quote"
  | "too_many_cells"
  | "missing_meta"
  | "bad_number"
  | "unknown_vote_type"
  | "missing_value"
  | "duplicate_project"
  | "unknown_project"
  | "duplicate_vote"
  | "duplicate_voter"
  | "points_mismatch"
  | "bad_selected"
  | "count_mismatch";

export interface PabulibErrorDetail {
  /** Where the problem is; null when it is about the file as a whole. */
  readonly section: Section | null;
  /** 1-based physical line in the file (0 when the file is empty). */
  readonly line: number;
  /** What was found (a column, key, project id or value). */
  readonly subject?: string;
  /** English, for logs and the command line: "VOTES line 1234: project 17 is not in PROJECTS". */
  readonly message: string;
}

export type ParseResult =
  | { ok: true; value: Election }
  | { ok: false; reason: PabulibReason; detail: PabulibErrorDetail };

// Compile-time check that ParseResult is a Result (detail narrowed from unknown).
const _isResult: (r: ParseResult) => Result<Election, PabulibReason> = (r) => r;
void _isResult;

class ParseError {
  constructor(
    readonly reason: PabulibReason,
    readonly detail: PabulibErrorDetail,
  ) {}
}

function fail(reason: PabulibReason, section: Section | null, line: number, what: string, subject?: string): never {
  const where = section ? `${section} line ${line}` : line > 0 ? `line ${line}` : "file";
  throw new ParseError(reason, { section, line, subject, message: `${where}: ${what}` });
}

interface RecordRow {
  readonly cells: string[];
  readonly line: number;
}

/**
 * Splits the text into records of cells. Quoted cells may contain `;`, `""` and line breaks; a
 * record that continues over several physical lines reports the line it starts on. Blank lines
 * are skipped (pabutools does the same).
 */
function* records(text: string): Generator<RecordRow> {
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const start = i + 1;
    if (raw.trim() === "") continue;
    if (!raw.includes('"')) {
      yield { cells: raw.split(";"), line: start };
      continue;
    }
    // Quoted fields: a small state machine that may pull in the following lines.
    const cells: string[] = [];
    let cell = "";
    let line = raw;
    let pos = 0;
    let quoted = false;
    let atCellStart = true;
    for (;;) {
      if (pos >= line.length) {
        if (!quoted) break;
        i++;
        if (i >= lines.length) fail("unterminated_quote", null, start, "a quoted value is never closed");
        cell += "\n";
        line = lines[i] ?? "";
        pos = 0;
        continue;
      }
      const ch = line[pos++];
      if (quoted) {
        if (ch === '"') {
          if (line[pos] === '"') {
            cell += '"';
            pos++;
          } else {
            quoted = false;
          }
        } else {
          cell += ch;
        }
      } else if (ch === ";") {
        cells.push(cell);
        cell = "";
        atCellStart = true;
        continue;
      } else if (ch === '"' && atCellStart) {
        quoted = true;
      } else {
        cell += ch;
      }
      atCellStart = false;
    }
    cells.push(cell);
    yield { cells, line: start };
  }
}

const SECTIONS: readonly Section[] = ["META", "PROJECTS", "VOTES"];

function sectionTitle(cells: readonly string[]): Section | null {
  // Cheap rejections first: this runs on every row of a file with 60,000+ ballots.
  const first = cells[0] ?? "";
  if (first.length > 12 || first.length < 4) return null;
  for (let i = 1; i < cells.length; i++) if (cells[i]!.trim() !== "") return null;
  const title = first.trim().toUpperCase();
  return (SECTIONS as readonly string[]).includes(title) ? (title as Section) : null;
}

/** Cells equal to "none" or empty mean "no value" in pabulib (pabutools skips them). */
function present(value: string | undefined): value is string {
  if (value === undefined) return false;
  const t = value.trim();
  return t !== "" && t.toLowerCase() !== "none";
}

function decimal(value: string, section: Section, line: number, column: string): Rational {
  const r = parseDecimal(value);
  if (r === null) fail("bad_number", section, line, `${column} "${value}" is not a number`, column);
  return r;
}

function wholeNumber(value: string, section: Section, line: number, column: string): number {
  const r = decimal(value, section, line, column);
  if (r.d !== 1n || r.n < 0n || r.n > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail("bad_number", section, line, `${column} "${value}" is not a whole number`, column);
  }
  return Number(r.n);
}

interface Table {
  readonly header: string[];
  readonly headerLine: number;
  readonly rows: RecordRow[];
  readonly titleLine: number;
}

function columnIndex(table: Table, section: Section): Map<string, number> {
  const index = new Map<string, number>();
  table.header.forEach((name, i) => {
    if (index.has(name)) fail("duplicate_column", section, table.headerLine, `column "${name}" appears twice`, name);
    index.set(name, i);
  });
  return index;
}

function requireColumns(index: Map<string, number>, section: Section, line: number, names: readonly string[]) {
  for (const name of names) {
    if (!index.has(name)) fail("missing_column", section, line, `the header has no "${name}" column`, name);
  }
}

/** Cells beyond the header are allowed only when empty (some exporters add a trailing ";"). */
function checkWidth(row: RecordRow, width: number, section: Section) {
  for (let i = width; i < row.cells.length; i++) {
    if ((row.cells[i] ?? "").trim() !== "") {
      fail("too_many_cells", section, row.line, `the row has ${row.cells.length} values but the header has ${width}`);
    }
  }
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

const PROJECT_COLUMNS = new Set(["project_id", "cost", "name", "votes", "score", "selected"]);

function splitTables(text: string): Record<Section, Table> {
  const found: Partial<Record<Section, Table>> = {};
  let current: { section: Section; table: Table | null; titleLine: number } | null = null;
  let lastLine = 0;
  for (const row of records(text)) {
    lastLine = row.line;
    const title = sectionTitle(row.cells);
    if (title) {
      const expected: Section | undefined = SECTIONS[Object.keys(found).length + (current ? 1 : 0)];
      if (current) found[current.section] = finish(current);
      if (!current && title !== "META") fail("missing_section", "META", row.line, "the file must start with a META section", "META");
      if (title !== expected) {
        fail("unexpected_section", title, row.line, `expected the ${expected ?? "end of the file"} section here, found ${title}`, title);
      }
      current = { section: title, table: null, titleLine: row.line };
      continue;
    }
    if (!current) fail("missing_section", "META", row.line, "the file must start with a META section", "META");
    if (!current.table) {
      current.table = { header: row.cells.map((c) => c.trim()), headerLine: row.line, rows: [], titleLine: current.titleLine };
    } else {
      current.table.rows.push(row);
    }
  }
  if (lastLine === 0) fail("empty_file", null, 0, "the file is empty");
  if (current) found[current.section] = finish(current);
  for (const section of SECTIONS) {
    if (!found[section]) fail("missing_section", section, lastLine, `the ${section} section is missing`, section);
  }
  return found as Record<Section, Table>;

  function finish(c: { section: Section; table: Table | null; titleLine: number }): Table {
    if (!c.table) fail("missing_header", c.section, c.titleLine, `the ${c.section} section has no header line`);
    return c.table;
  }
}

function parseMeta(table: Table) {
  const entries: MetaEntry[] = [];
  const lines = new Map<string, number>();
  for (const row of table.rows) {
    const key = (row.cells[0] ?? "").trim();
    if (key === "") continue;
    // An unquoted ";" inside a value splits it; put it back together rather than lose text.
    const value = row.cells.slice(1).join(";");
    entries.push([key, value]);
    lines.set(key, row.line);
  }
  const get = (key: string) => entries.find(([k]) => k === key)?.[1];
  const lineOf = (key: string) => lines.get(key) ?? table.headerLine;
  return { entries, get, lineOf };
}

/** Parses a pabulib file. Pure: pass the text in (the caller reads the file). */
export function parsePabulib(text: string): ParseResult {
  try {
    return { ok: true, value: parse(text.replace(/^\uFEFF/, "")) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, reason: e.reason, detail: e.detail };
    throw e;
  }
}

function parse(text: string): Election {
  const tables = splitTables(text);
  const meta = parseMeta(tables.META);

  const budgetText = meta.get("budget");
  if (!present(budgetText)) fail("missing_meta", "META", tables.META.headerLine, 'META has no "budget"', "budget");
  const budget = decimal(budgetText, "META", meta.lineOf("budget"), "budget");
  if (budget.n < 0n) fail("bad_number", "META", meta.lineOf("budget"), "budget is negative", "budget");

  const voteTypeText = meta.get("vote_type");
  if (!present(voteTypeText)) fail("missing_meta", "META", tables.META.headerLine, 'META has no "vote_type"', "vote_type");
  const voteType = voteTypeText.trim().toLowerCase();
  if (!(VOTE_TYPES as readonly string[]).includes(voteType)) {
    fail("unknown_vote_type", "META", meta.lineOf("vote_type"), `vote_type "${voteTypeText}" is not one of ${VOTE_TYPES.join(", ")}`, voteTypeText);
  }
  const optionalDecimal = (key: string) => {
    const v = meta.get(key);
    return present(v) ? decimal(v, "META", meta.lineOf(key), key) : undefined;
  };
  const optionalWhole = (key: string) => {
    const v = meta.get(key);
    return present(v) ? wholeNumber(v, "META", meta.lineOf(key), key) : undefined;
  };
  const limits: BallotLimits = {
    minLength: optionalWhole("min_length"),
    maxLength: optionalWhole("max_length"),
    minSumCost: optionalDecimal("min_sum_cost"),
    maxSumCost: optionalDecimal("max_sum_cost"),
    minPoints: optionalDecimal("min_points"),
    maxPoints: optionalDecimal("max_points"),
    minSumPoints: optionalDecimal("min_sum_points"),
    maxSumPoints: optionalDecimal("max_sum_points"),
  };

  const projects = parseProjects(tables.PROJECTS);
  const ids = new Set(projects.map((p) => p.id));
  const { ballots, columns: voteColumns } = parseVotes(tables.VOTES, voteType as VoteType, ids);

  const declaredProjects = optionalWhole("num_projects");
  if (declaredProjects !== undefined && declaredProjects !== projects.length) {
    fail("count_mismatch", "META", meta.lineOf("num_projects"), `num_projects is ${declaredProjects} but PROJECTS has ${projects.length} rows`, "num_projects");
  }
  const declaredVotes = optionalWhole("num_votes");
  if (declaredVotes !== undefined && declaredVotes !== ballots.length) {
    fail("count_mismatch", "META", meta.lineOf("num_votes"), `num_votes is ${declaredVotes} but VOTES has ${ballots.length} rows`, "num_votes");
  }

  const rule = meta.get("rule");
  const currency = meta.get("currency");
  return {
    meta: meta.entries,
    budget,
    voteType: voteType as VoteType,
    rule: present(rule) ? rule.trim() : "unknown",
    currency: present(currency) ? currency.trim() : undefined,
    threshold: optionalDecimal("min_project_score_threshold"),
    limits,
    projectColumns: tables.PROJECTS.header,
    voteColumns,
    projects,
    ballots,
  };
}

function parseProjects(table: Table): Project[] {
  const index = columnIndex(table, "PROJECTS");
  requireColumns(index, "PROJECTS", table.headerLine, ["project_id", "cost"]);
  const at = (name: string) => index.get(name);
  const idCol = at("project_id")!;
  const costCol = at("cost")!;
  const extraColumns = table.header.map((name, i) => [name, i] as const).filter(([name]) => !PROJECT_COLUMNS.has(name));
  const seen = new Set<string>();
  const projects: Project[] = [];
  for (const row of table.rows) {
    checkWidth(row, table.header.length, "PROJECTS");
    const c = row.cells;
    const id = (c[idCol] ?? "").trim();
    if (id === "") fail("missing_value", "PROJECTS", row.line, "project_id is empty", "project_id");
    if (seen.has(id)) fail("duplicate_project", "PROJECTS", row.line, `project ${id} appears twice`, id);
    seen.add(id);
    const costText = c[costCol] ?? "";
    if (!present(costText)) fail("missing_value", "PROJECTS", row.line, `project ${id} has no cost`, "cost");
    const cost = decimal(costText, "PROJECTS", row.line, "cost");
    if (cost.n < 0n) fail("bad_number", "PROJECTS", row.line, `project ${id} has a negative cost`, "cost");
    const cell = (name: string) => {
      const i = at(name);
      return i === undefined ? undefined : c[i];
    };
    const votesText = cell("votes");
    const scoreText = cell("score");
    const selectedText = cell("selected");
    let selected: 0 | 1 | 2 | undefined;
    if (present(selectedText)) {
      const s = selectedText.trim();
      if (s !== "0" && s !== "1" && s !== "2") {
        fail("bad_selected", "PROJECTS", row.line, `selected "${selectedText}" must be 0, 1 or 2`, "selected");
      }
      selected = Number(s) as 0 | 1 | 2;
    }
    const extra: Record<string, string> = {};
    for (const [name, i] of extraColumns) extra[name] = c[i] ?? "";
    const name = cell("name");
    projects.push({
      id,
      cost,
      name: name === undefined ? undefined : name,
      votes: present(votesText) ? wholeNumber(votesText, "PROJECTS", row.line, "votes") : undefined,
      score: present(scoreText) ? decimal(scoreText, "PROJECTS", row.line, "score") : undefined,
      selected,
      extra: extraColumns.length ? extra : EMPTY,
    });
  }
  return projects;
}

function usesPoints(voteType: VoteType): boolean {
  return voteType === "cumulative" || voteType === "scoring";
}

function parseVotes(table: Table, voteType: VoteType, ids: ReadonlySet<string>) {
  const index = columnIndex(table, "VOTES");
  const required = usesPoints(voteType) ? ["voter_id", "vote", "points"] : ["voter_id", "vote"];
  requireColumns(index, "VOTES", table.headerLine, required);
  const voterCol = index.get("voter_id")!;
  const voteCol = index.get("vote")!;
  // Ordinal files sometimes carry a points column; pabutools ignores it, so it stays as text.
  const pointsCol = usesPoints(voteType) ? index.get("points")! : -1;
  const extraColumns = table.header
    .map((name, i) => [name, i] as const)
    .filter(([, i]) => i !== voterCol && i !== voteCol && i !== pointsCol);
  const voters = new Set<string>();
  const ballots: Ballot[] = [];
  const width = table.header.length;
  for (const row of table.rows) {
    if (row.cells.length > width) checkWidth(row, width, "VOTES");
    const c = row.cells;
    const voterId = (c[voterCol] ?? "").trim();
    if (voterId === "") fail("missing_value", "VOTES", row.line, "voter_id is empty", "voter_id");
    if (voters.has(voterId)) fail("duplicate_voter", "VOTES", row.line, `voter ${voterId} appears twice`, voterId);
    voters.add(voterId);
    const voteText = (c[voteCol] ?? "").trim();
    // An empty ballot is a ballot: it still counts in n for the Method of Equal Shares.
    const parts = voteText === "" ? [] : voteText.split(",");
    const projects = voteText.includes(" ") ? parts.map((s) => s.trim()) : parts;
    // Long (knapsack) ballots check repeats with a set; short ones by scanning.
    const seen = projects.length > 8 ? new Set<string>() : null;
    for (let k = 0; k < projects.length; k++) {
      const id = projects[k]!;
      if (!ids.has(id)) fail("unknown_project", "VOTES", row.line, `project ${id} is not in PROJECTS`, id);
      const repeated = seen ? seen.has(id) : projects.indexOf(id) !== k;
      if (repeated) fail("duplicate_vote", "VOTES", row.line, `voter ${voterId} lists project ${id} twice`, id);
      seen?.add(id);
    }
    let points: Rational[] | undefined;
    if (pointsCol >= 0) {
      const pointsText = (c[pointsCol] ?? "").trim();
      const given = pointsText === "" ? [] : pointsText.split(",");
      if (given.length !== projects.length) {
        fail("points_mismatch", "VOTES", row.line, `voter ${voterId} has ${projects.length} projects but ${given.length} points`, voterId);
      }
      points = given.map((p) => decimal(p, "VOTES", row.line, "points"));
    }
    let extra = EMPTY;
    if (extraColumns.length) {
      const e: Record<string, string> = {};
      for (const [name, i] of extraColumns) e[name] = c[i] ?? "";
      extra = e;
    }
    ballots.push(points ? { voterId, projects, points, extra } : { voterId, projects, extra });
  }
  return { ballots, columns: table.header };
}

// ---------------------------------------------------------------------------------------------
// Writer

export type WriteReason = "meta_incomplete" | "not_decimal";

export interface WriteOptions {
  /** Replace voter ids by 1…n in ballot order (default true: ballots are secret, DESIGN.md). */
  readonly anonymise?: boolean;
  /** Leave out VOTES columns other than voter_id, vote and points (age, sex, …). Default false. */
  readonly dropVoterFields?: boolean;
  /** Default "\n". */
  readonly lineEnding?: "\n" | "\r\n";
}

/** Keys every published file has (pabulib format, "META"); the writer refuses to omit them. */
export const REQUIRED_META = [
  "description",
  "country",
  "unit",
  "instance",
  "num_projects",
  "num_votes",
  "budget",
  "vote_type",
  "rule",
  "date_begin",
  "date_end",
] as const;

function quote(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

class WriteError {
  constructor(
    readonly reason: WriteReason,
    readonly detail: { readonly message: string; readonly missing?: readonly string[] },
  ) {}
}

function dec(value: Rational, what: string): string {
  const s = toDecimalString(value);
  if (s === null) throw new WriteError("not_decimal", { message: `${what} has no exact decimal form` });
  return s;
}

/**
 * Serialises an election as a `.pb` file that parsePabulib reads back to the same election.
 * META keeps every entry in order; num_projects, num_votes, budget, vote_type and rule are
 * written from the data (appended if the source lacked them); the other required keys must be
 * present, otherwise `meta_incomplete` lists them.
 */
export function writePabulib(
  election: Election,
  options: WriteOptions = {},
): { ok: true; value: string } | { ok: false; reason: WriteReason; detail: { message: string; missing?: readonly string[] } } {
  try {
    return { ok: true, value: write(election, options) };
  } catch (e) {
    if (e instanceof WriteError) return { ok: false, reason: e.reason, detail: e.detail };
    throw e;
  }
}

function write(e: Election, options: WriteOptions): string {
  const anonymise = options.anonymise ?? true;
  const eol = options.lineEnding ?? "\n";
  const derived: Record<string, string> = {
    num_projects: String(e.projects.length),
    num_votes: String(e.ballots.length),
    budget: dec(e.budget, "budget"),
    vote_type: e.voteType,
    rule: e.rule,
  };
  const keys = new Set(e.meta.map(([k]) => k));
  const missing = REQUIRED_META.filter((k) => !(k in derived) && !keys.has(k));
  if (missing.length) {
    throw new WriteError("meta_incomplete", { message: `META needs ${missing.join(", ")}`, missing });
  }
  const out: string[] = ["META", "key;value"];
  for (const [key, value] of e.meta) out.push(`${quote(key)};${quote(key in derived ? derived[key]! : value)}`);
  for (const key of Object.keys(derived)) if (!keys.has(key)) out.push(`${key};${quote(derived[key]!)}`);

  const projectColumns = withColumns(["project_id", "cost"], e.projectColumns);
  out.push("PROJECTS", projectColumns.map(quote).join(";"));
  for (const p of e.projects) {
    const cells = projectColumns.map((col) => {
      switch (col) {
        case "project_id":
          return p.id;
        case "cost":
          return dec(p.cost, `cost of project ${p.id}`);
        case "name":
          return p.name ?? "";
        case "votes":
          return p.votes === undefined ? "" : String(p.votes);
        case "score":
          return p.score === undefined ? "" : dec(p.score, `score of project ${p.id}`);
        case "selected":
          return p.selected === undefined ? "" : String(p.selected);
        default:
          return p.extra[col] ?? "";
      }
    });
    out.push(cells.map(quote).join(";"));
  }

  const base = usesPoints(e.voteType) ? ["voter_id", "vote", "points"] : ["voter_id", "vote"];
  const voteColumns = options.dropVoterFields ? base : withColumns(base, e.voteColumns);
  out.push("VOTES", voteColumns.map(quote).join(";"));
  e.ballots.forEach((b, i) => {
    const cells = voteColumns.map((col) => {
      switch (col) {
        case "voter_id":
          return anonymise ? String(i + 1) : b.voterId;
        case "vote":
          return b.projects.join(",");
        case "points":
          if (usesPoints(e.voteType)) return (b.points ?? []).map((x) => dec(x, "points")).join(",");
          return b.extra[col] ?? "";
        default:
          return b.extra[col] ?? "";
      }
    });
    out.push(cells.map(quote).join(";"));
  });
  return out.join(eol) + eol;
}

/** The file's columns, with any required ones it lacks put first. */
function withColumns(required: readonly string[], columns: readonly string[]): string[] {
  return [...required.filter((c) => !columns.includes(c)), ...columns];
}
