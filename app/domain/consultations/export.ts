// Exporting a consultation's responses for officers: the columns of the export and its data
// dictionary, derived from the questionnaire; one response turned into one row; and CSV text
// that is safe to open in a spreadsheet. Pure: the server reads the responses page by page and
// streams what these functions write (app/server/consultations/export.server.ts).
//
// What a row is, and what it is not
// - Rows are numbered 1, 2, 3… in this file only. Never the respondent key, the response id or
//   the reference: references are emailed to respondents, so one in a file would let anyone who
//   has the email link a row to a person.
// - The submission date is the UK day only. A timestamp could identify a respondent against the
//   web server's logs (a POST at 14:03:27 from this address), so the time of day is left out —
//   and, for the same reason, rows within a day are in a random order (by the random response
//   id), not the order they arrived in, which the logs would also give away.
// - No equality monitoring answers: they are special category data (UK GDPR Art. 9), stored
//   apart and reported only in aggregate with small cells suppressed. The dictionary says so.
// - No postcode: only the ward, LSOA and IMD decile worked out from it at submission.
// - Written answers are exported as written except that email addresses, phone numbers and
//   response references are replaced with a marker (`redactContactDetails`): the export is "without
//   identities", and those are the identifiers a pattern can find. Names cannot be found that
//   way; the dictionary asks officers to read written answers before sharing them.
//
// Columns
// - Fixed: row, submitted_date, consultation_version, locale, ward_code, lsoa_code, imd_decile.
// - One per single choice, likert, number, free text and postcode question (the postcode
//   question's column holds the ward of the postcode given, as stored); two per place question
//   (ward, description).
// - One per option for multiple choice (1 ticked / 0 not), points (the points, 0 when none) and
//   ranking (the position). Blank for every option when the question was not answered, so
//   "not answered" and "answered, not this one" stay apart.
// - Names are `q_<question id>` and `q_<question id>__<option id>`, hyphens turned into
//   underscores: letters, digits and underscores only, starting with a letter, which R, Stata,
//   SPSS, pandas and SQL all accept as they are. Ids are stable once people have answered
//   (edits may not remove or rename them), so the names are too. Two ids that would give the
//   same name (a question "a--b" and question "a" with option "b") get _2, _3… in reading order.
//
// CSV (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180): fields with a comma, a double quote,
// CR or LF are quoted, with double quotes doubled; records end with CRLF. The file starts with a
// UTF-8 byte order mark so Excel reads Welsh letters (ŵ, ŷ) correctly.
// CSV formula injection (OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a text
// cell beginning with =, +, -, @, tab or carriage return is prefixed with a single quote, so a
// spreadsheet shows it as text instead of running it as a formula — a resident's answer
// "=HYPERLINK(…)" must never become a live link or command on an officer's computer. Numbers
// the export writes itself (a negative answer to a number question) are left alone: a number
// cannot carry a formula, and prefixing it would turn it into text.
import { format, type Locale } from "../i18n/locale.ts";
import * as copy from "../i18n/pages/consultation-export.ts";
import { allQuestions, localText, type Question, type QuestionKind, type Questionnaire } from "../questionnaires/questionnaire.ts";

type Key = keyof typeof copy.en;

function words(locale: Locale) {
  const messages = locale === "cy" ? copy.cy : copy.en;
  return (key: Key, params?: Record<string, string | number>) => format(messages[key], params);
}

/**
 * integer / number: a number; text: as written; date: YYYY-MM-DD; code: one of `values` (or, for
 * ward and LSOA codes, an ONS code).
 */
export type ColumnType = "integer" | "number" | "text" | "date" | "code";

export interface AllowedValue {
  value: string;
  label: string;
}

/** How a column is filled from a response. */
type FixedField = "row" | "submitted_date" | "consultation_version" | "locale" | "ward_code" | "lsoa_code" | "imd_decile";

export type ColumnSource =
  | { from: FixedField }
  | { from: "choice"; questionId: string }
  | { from: "ticked"; questionId: string; optionId: string }
  | { from: "option_value"; questionId: string; optionId: string; zeroWhenAbsent: boolean }
  | { from: "number" | "text" | "option_text"; questionId: string };

export interface ExportColumn {
  name: string;
  description: string;
  type: ColumnType;
  /** The values a code or 0/1 column may hold, with what each means. */
  values?: AllowedValue[];
  min?: number;
  max?: number;
  /** The question the column came from, as worded now. */
  question?: { id: string; kind: QuestionKind; title: string };
  option?: { id: string; label: string };
  source: ColumnSource;
}

export interface DataDictionary {
  locale: Locale;
  /** The UK day of the export: responses sent by then are in it. */
  asOf: string;
  columns: ExportColumn[];
  notes: string[];
}

export interface DictionaryContext {
  locale: Locale;
  asOf: string;
  /** The consultation's current version: the wording the columns describe. */
  version: number;
  /** The council's wards, to list as the values of ward columns. */
  wards?: readonly { code: string; name: string }[];
}

const FIXED: { name: string; key: Key; type: ColumnType; from: FixedField }[] = [
  { name: "row", key: "consultExport.col.row", type: "integer", from: "row" },
  { name: "submitted_date", key: "consultExport.col.submittedDate", type: "date", from: "submitted_date" },
  { name: "consultation_version", key: "consultExport.col.version", type: "integer", from: "consultation_version" },
  { name: "locale", key: "consultExport.col.locale", type: "code", from: "locale" },
  { name: "ward_code", key: "consultExport.col.ward", type: "code", from: "ward_code" },
  { name: "lsoa_code", key: "consultExport.col.lsoa", type: "code", from: "lsoa_code" },
  { name: "imd_decile", key: "consultExport.col.imdDecile", type: "integer", from: "imd_decile" },
];

const part = (id: string) => id.replace(/-/g, "_");

/** The export's columns and notes for a questionnaire, described in `context.locale`. */
export function buildDictionary(questionnaire: Questionnaire, context: DictionaryContext): DataDictionary {
  const t = words(context.locale);
  const wardValues = context.wards?.length ? context.wards.map((w) => ({ value: w.code, label: w.name })) : undefined;
  const columns: ExportColumn[] = [];
  const taken = new Set<string>();
  const add = (column: Omit<ExportColumn, "name"> & { name: string }) => {
    let name = column.name;
    for (let n = 2; taken.has(name); n++) name = `${column.name}_${n}`;
    taken.add(name);
    columns.push({ ...column, name });
  };

  for (const f of FIXED) {
    const column: ExportColumn = { name: f.name, description: t(f.key), type: f.type, source: { from: f.from } };
    if (f.from === "locale") column.values = [{ value: "en", label: t("consultExport.value.en") }, { value: "cy", label: t("consultExport.value.cy") }];
    if (f.from === "ward_code" && wardValues) column.values = wardValues;
    if (f.from === "imd_decile") {
      column.min = 1;
      column.max = 10;
      column.values = Array.from({ length: 10 }, (_, i) => ({
        value: String(i + 1),
        label: i === 0 ? t("consultExport.value.mostDeprived", { decile: 1 }) : i === 9 ? t("consultExport.value.leastDeprived", { decile: 10 }) : String(i + 1),
      }));
    }
    if (f.from === "consultation_version") {
      column.min = 1;
      column.max = context.version;
    }
    add(column);
  }

  for (const q of allQuestions(questionnaire)) {
    const title = localText(q.title, context.locale);
    const question = { id: q.id, kind: q.kind, title };
    const base = `q_${part(q.id)}`;
    const options = "options" in q ? q.options.map((o) => ({ id: o.id, label: localText(o.label, context.locale) })) : [];
    const optionValues = options.map((o) => ({ value: o.id, label: o.label }));
    switch (q.kind) {
      case "single_choice":
      case "likert":
        add({
          name: base,
          description: t(q.kind === "likert" ? "consultExport.col.likert" : "consultExport.col.choice", { question: title }),
          type: "code",
          values: optionValues,
          question,
          source: { from: "choice", questionId: q.id },
        });
        break;
      case "multiple_choice":
        for (const o of options)
          add({
            name: `${base}__${part(o.id)}`,
            description: t("consultExport.col.multiple", { question: title, option: o.label }),
            type: "integer",
            values: [
              { value: "0", label: t("consultExport.value.notTicked") },
              { value: "1", label: t("consultExport.value.ticked") },
            ],
            min: 0,
            max: 1,
            question,
            option: o,
            source: { from: "ticked", questionId: q.id, optionId: o.id },
          });
        break;
      case "points":
        for (const o of options)
          add({
            name: `${base}__${part(o.id)}`,
            description: t(q.money ? "consultExport.col.pence" : "consultExport.col.points", { question: title, option: o.label, total: q.total }),
            type: "integer",
            min: 0,
            max: q.perOptionMax ?? q.total,
            question,
            option: o,
            source: { from: "option_value", questionId: q.id, optionId: o.id, zeroWhenAbsent: true },
          });
        break;
      case "ranking": {
        const positions = Math.min(q.rankCount ?? options.length, options.length);
        for (const o of options)
          add({
            name: `${base}__${part(o.id)}`,
            description: t("consultExport.col.ranking", { question: title, option: o.label }),
            type: "integer",
            values: Array.from({ length: positions }, (_, i) => ({ value: String(i + 1), label: t("consultExport.value.position", { position: i + 1 }) })),
            min: 1,
            max: positions,
            question,
            option: o,
            source: { from: "option_value", questionId: q.id, optionId: o.id, zeroWhenAbsent: false },
          });
        break;
      }
      case "number": {
        const unit = localText(q.unit, context.locale);
        const column: Omit<ExportColumn, "name"> & { name: string } = {
          name: base,
          description: unit ? t("consultExport.col.numberUnit", { question: title, unit }) : t("consultExport.col.number", { question: title }),
          type: q.integer ? "integer" : "number",
          question,
          source: { from: "number", questionId: q.id },
        };
        if (q.min !== undefined) column.min = q.min;
        if (q.max !== undefined) column.max = q.max;
        add(column);
        break;
      }
      case "free_text":
        add({ name: base, description: t("consultExport.col.freeText", { question: title }), type: "text", question, source: { from: "text", questionId: q.id } });
        break;
      case "postcode":
        // Stored as the ward of the postcode (ResponseAnswer.text), never the postcode itself.
        add({
          name: base,
          description: t("consultExport.col.postcode", { question: title }),
          type: "code",
          ...(wardValues ? { values: wardValues } : {}),
          question,
          source: { from: "text", questionId: q.id },
        });
        break;
      case "map":
        // Stored as ward (optionId) and description (text); a map point is never stored.
        add({
          name: `${base}__ward`,
          description: t("consultExport.col.placeWard", { question: title }),
          type: "code",
          ...(wardValues ? { values: wardValues } : {}),
          question,
          source: { from: "option_text", questionId: q.id },
        });
        add({
          name: `${base}__description`,
          description: t("consultExport.col.placeDescription", { question: title }),
          type: "text",
          question,
          source: { from: "text", questionId: q.id },
        });
        break;
      default: {
        const never: never = q;
        throw new Error(`no export columns for ${(never as Question).kind}`);
      }
    }
  }

  const notes = [
    t("consultExport.note.rows", { date: context.asOf }),
    t("consultExport.note.identity"),
    t("consultExport.note.equality"),
    t("consultExport.note.freeText"),
    t("consultExport.note.spreadsheet"),
    t("consultExport.note.personal"),
    t("consultExport.note.questions", { version: context.version }),
  ];
  return { locale: context.locale, asOf: context.asOf, columns, notes };
}

/** A column as the JSON and CSV dictionaries show it: everything but how it is filled. */
export function publicColumn(column: ExportColumn): Omit<ExportColumn, "source"> {
  const { source: _source, ...shown } = column;
  return shown;
}

// ───────────────────────────── rows ─────────────────────────────

/** One stored answer row (ResponseAnswer): optionId "" for answers without options. */
export interface StoredAnswer {
  questionId: string;
  optionId: string;
  value: number | null;
  text: string | null;
}

/** What the export reads of a response: nothing that identifies it. */
export interface ExportResponse {
  /** UK day, YYYY-MM-DD. */
  submittedDate: string;
  version: number;
  locale: string;
  wardCode: string | null;
  lsoaCode: string | null;
  imdDecile: number | null;
  answers: readonly StoredAnswer[];
}

/** A cell: a number, a text, or blank (null). */
export type Cell = string | number | null;

// Addresses as people type them: a local part, @, a domain with at least one dot.
const EMAIL = /[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+/gu;
// A response reference, "CR-7K3Q-9XD2", however it is typed: any case, hyphens or spaces. A
// separator after "CR" is required, so words such as "crossroads" are left alone.
const REFERENCE = /\bCR[-\s][0-9A-Z]{4}[-\s]?[0-9A-Z]{4}\b/gi;
// UK phone numbers (Ofcom's national numbering plan: 0 and 9–10 more digits, or +44 without
// the 0), with spaces, hyphens, dots or brackets between digits: 07700 900123, +44 (0)161 912
// 2000, 0161-912-2000.
const PHONE = /(?:\+44\s?(?:\(0\)\s?)?|(?<![\p{N}\p{L}])\(?0)\d(?:(?:\)\s?|[\s.-])?\d){8,9}(?![\p{N}])/gu;

/** A written answer with email addresses, response references and phone numbers replaced. */
export function redactContactDetails(text: string, locale: Locale): string {
  const t = words(locale);
  return text
    .replace(EMAIL, t("consultExport.removed.email"))
    .replace(REFERENCE, t("consultExport.removed.reference"))
    .replace(PHONE, t("consultExport.removed.phone"));
}

/** The cells of one response, in the dictionary's column order; `row` is its number in the file. */
export function exportCells(dictionary: DataDictionary, row: number, response: ExportResponse): Cell[] {
  const byQuestion = new Map<string, StoredAnswer[]>();
  for (const a of response.answers) {
    const list = byQuestion.get(a.questionId);
    if (list) list.push(a);
    else byQuestion.set(a.questionId, [a]);
  }
  const text = (s: string | null) => (s === null || s === "" ? null : redactContactDetails(s, dictionary.locale));
  return dictionary.columns.map((column): Cell => {
    const s = column.source;
    switch (s.from) {
      case "row":
        return row;
      case "submitted_date":
        return response.submittedDate;
      case "consultation_version":
        return response.version;
      case "locale":
        return response.locale;
      case "ward_code":
        return response.wardCode;
      case "lsoa_code":
        return response.lsoaCode;
      case "imd_decile":
        return response.imdDecile;
    }
    const answers = byQuestion.get(s.questionId);
    if (!answers) return null;
    switch (s.from) {
      case "choice":
        return answers[0]!.optionId || null;
      case "ticked":
        return answers.some((a) => a.optionId === s.optionId) ? 1 : 0;
      case "option_value": {
        const value = answers.find((a) => a.optionId === s.optionId)?.value;
        return value ?? (s.zeroWhenAbsent ? 0 : null);
      }
      case "number":
        return answers[0]!.value;
      case "text":
        return text(answers[0]!.text);
      case "option_text":
        return answers[0]!.optionId || null;
    }
  });
}

/** The same cells keyed by column name, for the JSON export. */
export function exportRecord(dictionary: DataDictionary, cells: readonly Cell[]): Record<string, Cell> {
  const record: Record<string, Cell> = {};
  dictionary.columns.forEach((column, i) => {
    record[column.name] = cells[i] ?? null;
  });
  return record;
}

// ───────────────────────────── CSV ─────────────────────────────

/** Excel needs it to read UTF-8; other readers skip it (RFC 3629 §6). */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: text guarded against formulas and quoted where RFC 4180 needs it; blank for null. */
export function csvField(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) throw new Error(`not a finite number: ${cell}`);
    return String(cell);
  }
  const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** One record, CRLF-terminated. */
export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

export function csvHeader(dictionary: DataDictionary): string {
  return csvRecord(dictionary.columns.map((c) => c.name));
}

export const DICTIONARY_CSV_HEADER = ["column", "description", "type", "values", "minimum", "maximum", "question_id", "question", "option_id", "option"] as const;

/**
 * The data dictionary as CSV records: one per column, then the notes (type "note", no column
 * name), so the file opened on its own still says what was left out.
 */
export function dictionaryCsv(dictionary: DataDictionary): string {
  const rows: Cell[][] = dictionary.columns.map((c) => [
    c.name,
    c.description,
    c.type,
    c.values ? c.values.map((v) => `${v.value} = ${v.label}`).join("; ") : null,
    c.min ?? null,
    c.max ?? null,
    c.question?.id ?? null,
    c.question?.title ?? null,
    c.option?.id ?? null,
    c.option?.label ?? null,
  ]);
  for (const note of dictionary.notes) rows.push([null, note, "note", null, null, null, null, null, null, null]);
  return CSV_BOM + csvRecord([...DICTIONARY_CSV_HEADER]) + rows.map(csvRecord).join("");
}
