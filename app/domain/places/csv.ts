// A small CSV reader for the files councils upload (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180).
// No CSV package is installed and the import needs line numbers per record, so officers can be
// told exactly which row to fix: "postcodes.csv:412: …".
//
// Accepted beyond the letter of RFC 4180, because spreadsheets write these:
//   - a UTF-8 byte order mark at the start (Excel's "CSV UTF-8");
//   - LF or lone CR line endings as well as CRLF;
//   - blank lines (skipped), and no line break after the last record.
// Rejected, because guessing would silently corrupt data: a double quote inside an unquoted
// field, text after a closing quote, and a quoted field that never closes.
import { err, ok, type Result } from "../result.ts";

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may run over several lines). */
  line: number;
  fields: string[];
}

export type CsvProblem = "unterminated_quote" | "stray_quote";

export interface CsvProblemDetail {
  line: number;
}

export function parseCsv(text: string): Result<CsvRecord[], CsvProblem> {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (and has closed)
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    fields.push(field);
    // A blank line is one empty, unquoted field; `""` on its own line is a real record.
    if (!(fields.length === 1 && field === "" && !wasQuoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    wasQuoted = false;
  };

  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i += 1;
        continue;
      }
      if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      wasQuoted = false;
      i += 1;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
    } else if (c === '"') {
      if (field !== "" || wasQuoted) return err("stray_quote", { line } satisfies CsvProblemDetail);
      quoted = true;
      quoteLine = line;
      i += 1;
    } else {
      if (wasQuoted) return err("stray_quote", { line } satisfies CsvProblemDetail);
      field += c;
      i += 1;
    }
  }
  if (quoted) return err("unterminated_quote", { line: quoteLine } satisfies CsvProblemDetail);
  if (fields.length > 0 || field !== "" || wasQuoted) endRecord();
  return ok(records);
}
