// Exporting a consultation's responses for officers: every response as CSV or JSON, and the data
// dictionary as CSV, without identities (what is left out and why: app/domain/consultations/export.ts).
//
// - Permission: responses.read in the consultation's council (officers, admins, moderators), as
//   for the analysis page. Another council's consultation is 'not_found'.
// - Bounded memory: responses are read in keyset pages (default 2,000) and written to a stream
//   page by page as the client reads, so 100,000 responses are never held at once. No
//   transaction stays open while the client downloads — the embedded database has a single
//   connection, and a slow download must not hold it.
// - A consistent file without a long transaction: the export takes in the responses sent up to
//   the moment it starts (`submittedAt <= cutoff`), counted then. Responses are never edited
//   after submission, so the pages read later add up to that count.
// - Order: by UK day of submission, then by response id. Ids are random UUIDs, so within a day
//   the order says nothing about when a response arrived (a time could be matched to web logs).
// - Audited: `consultation.exported` with the file, the number of rows and columns, written
//   before the first byte is sent, so a download that is cut short is still on the record.
import { can } from "~/domain/accounts/permissions.ts";
import {
  buildDictionary,
  CSV_BOM,
  csvHeader,
  csvRecord,
  dictionaryCsv,
  exportCells,
  exportRecord,
  publicColumn,
  type DataDictionary,
  type ExportResponse,
} from "~/domain/consultations/export.ts";
import { londonDayNumber } from "~/domain/consultations/lifecycle.ts";
import type { Locale } from "~/domain/i18n/locale.ts";
import { parseQuestionnaire, type Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Actor } from "~/server/accounts/sessions.server.ts";
import { audit } from "~/server/audit/audit.server.ts";
import { transact } from "~/server/db/transact.server.ts";
import type { Services } from "~/server/services.server.ts";

export type ExportDeps = Pick<Services, "prisma" | "now">;

export const EXPORT_FILES = ["responses.csv", "responses.json", "dictionary.csv"] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

export function isExportFile(name: string | undefined): name is ExportFile {
  return (EXPORT_FILES as readonly string[]).includes(name ?? "");
}

export type ExportReason = "forbidden" | "not_found";

/** Responses read per query: a page's objects are small, and 50 queries make 100,000 rows. */
export const EXPORT_PAGE_SIZE = 2000;

const DAY_MS = 86_400_000;
const EMPTY: Questionnaire = { pages: [] };

/** YYYY-MM-DD of the UK day an instant falls on. */
function ukDay(instant: Date): string {
  return new Date(londonDayNumber(instant) * DAY_MS).toISOString().slice(0, 10);
}

interface Prepared {
  consultation: { id: string; slug: string; title: string; titleCy: string | null; version: number; councilId: string };
  dictionary: DataDictionary;
  cutoff: Date;
  rows: number;
}

async function prepare(deps: ExportDeps, actor: Actor | null, input: { councilId: string; consultationId: string; locale: Locale }): Promise<Result<Prepared, ExportReason>> {
  if (!actor || !can(actor.roles, input.councilId, "responses.read")) return err("forbidden");
  const row = await deps.prisma.consultation.findFirst({
    where: { id: input.consultationId, councilId: input.councilId },
    select: { id: true, slug: true, title: true, titleCy: true, version: true, councilId: true, questionnaire: true },
  });
  if (!row) return err("not_found");
  const cutoff = deps.now();
  const [wards, counted] = await Promise.all([
    deps.prisma.area.findMany({ where: { councilId: input.councilId, type: "ward" }, select: { code: true, name: true }, orderBy: { name: "asc" } }),
    deps.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS "n" FROM "ConsultationResponse"
      WHERE "consultationId" = ${row.id} AND "submittedAt" <= ${cutoff.toISOString()}::timestamp(3)`,
  ]);
  const parsed = parseQuestionnaire(row.questionnaire);
  // Stored definitions were parsed on the way in; a failure here is a bug, exported as no questions.
  const questionnaire = parsed.ok ? parsed.value : EMPTY;
  const { questionnaire: _stored, ...consultation } = row;
  const dictionary = buildDictionary(questionnaire, { locale: input.locale, asOf: ukDay(cutoff), version: row.version, wards });
  return ok({ consultation, dictionary, cutoff, rows: counted[0]?.n ?? 0 });
}

export interface ExportOverview {
  title: string;
  slug: string;
  /** Responses an export started now would hold. */
  responses: number;
  dictionary: { asOf: string; columns: ReturnType<typeof publicColumn>[]; notes: string[] };
}

/** What the export page shows: how many responses, and the data dictionary. Not audited: no response leaves. */
export async function exportOverview(deps: ExportDeps, actor: Actor | null, input: { councilId: string; consultationId: string; locale: Locale }): Promise<Result<ExportOverview, ExportReason>> {
  const prepared = await prepare(deps, actor, input);
  if (!prepared.ok) return prepared;
  const { consultation: c, dictionary, rows } = prepared.value;
  return ok({
    title: input.locale === "cy" && c.titleCy ? c.titleCy : c.title,
    slug: c.slug,
    responses: rows,
    dictionary: { asOf: dictionary.asOf, columns: dictionary.columns.map(publicColumn), notes: dictionary.notes },
  });
}

export interface ExportDownload {
  fileName: string;
  contentType: string;
  /** Response rows in the file (0 for the dictionary). */
  rows: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * One export file for `actor`, audited as `consultation.exported`. The body is a stream that
 * reads the responses a page at a time as the client takes them.
 */
export async function exportResponses(
  deps: ExportDeps,
  actor: Actor | null,
  input: { councilId: string; consultationId: string; file: ExportFile; locale: Locale; pageSize?: number },
): Promise<Result<ExportDownload, ExportReason>> {
  const prepared = await prepare(deps, actor, input);
  if (!prepared.ok) return prepared;
  const { consultation: c, dictionary, cutoff } = prepared.value;
  const rows = input.file === "dictionary.csv" ? 0 : prepared.value.rows;
  await transact(deps.prisma, (tx) =>
    audit(tx, deps, {
      councilId: c.councilId,
      actorId: actor!.account.id,
      action: "consultation.exported",
      subjectType: "Consultation",
      subjectId: c.id,
      data: { format: input.file, rows, columns: dictionary.columns.length, asOf: dictionary.asOf },
    }),
  );

  const stem = `${c.slug}-${input.file === "dictionary.csv" ? "data-dictionary" : "responses"}-${dictionary.asOf}`;
  if (input.file === "dictionary.csv")
    return ok({ fileName: `${stem}.csv`, contentType: "text/csv; charset=utf-8; header=present", rows, body: textStream([dictionaryCsv(dictionary)]) });

  const pages = responsePages(deps, c.id, cutoff, input.pageSize ?? EXPORT_PAGE_SIZE);
  let row = 0;
  if (input.file === "responses.csv") {
    return ok({
      fileName: `${stem}.csv`,
      contentType: "text/csv; charset=utf-8; header=present",
      rows,
      body: textStream(
        (async function* () {
          yield CSV_BOM + csvHeader(dictionary);
          for await (const page of pages) yield page.map((r) => csvRecord(exportCells(dictionary, ++row, r))).join("");
        })(),
      ),
    });
  }
  const head = {
    consultation: { title: c.title, slug: c.slug, version: c.version },
    language: dictionary.locale,
    asOf: dictionary.asOf,
    rows,
    columns: dictionary.columns.map(publicColumn),
    notes: dictionary.notes,
  };
  return ok({
    fileName: `${stem}.json`,
    contentType: "application/json; charset=utf-8",
    rows,
    body: textStream(
      (async function* () {
        yield `{"dictionary":${JSON.stringify(head)},\n"responses":[`;
        for await (const page of pages) {
          const text = page.map((r) => JSON.stringify(exportRecord(dictionary, exportCells(dictionary, ++row, r)))).join(",\n");
          yield `${row > page.length ? ",\n" : "\n"}${text}`;
        }
        yield "\n]}\n";
      })(),
    ),
  });
}

/**
 * The responses sent up to `cutoff`, a page at a time, by (UK day, id): keyset pagination — each
 * page starts after the last row of the one before — never OFFSET, which would read and throw
 * away every earlier row again. One query a page brings the page's answers too (json_agg over
 * the ResponseAnswer primary key), so Prisma never builds an object per answer row.
 * There is no index on the day: each page reads the consultation's rows through its
 * (consultationId, respondentKey) index and sorts those from the last page's day on (the
 * `from` bound, a cheap comparison on the raw timestamp, keeps earlier days out of the sort).
 */
async function* responsePages(deps: ExportDeps, consultationId: string, cutoff: Date, pageSize: number): AsyncGenerator<ExportResponse[]> {
  let after = { day: "", id: "" };
  for (;;) {
    // The UK day starts at 00:00 or, in summer, 23:00 UTC the evening before: an hour's margin
    // is always early enough; the exact keyset comparison does the rest.
    const from = after.day ? new Date(Date.parse(`${after.day}T00:00:00Z`) - 3_600_000).toISOString() : "-infinity";
    const page = await deps.prisma.$queryRaw<
      { id: string; day: string; version: number; locale: string; wardCode: string | null; lsoaCode: string | null; imdDecile: number | null; answers: unknown }[]
    >`
      WITH page AS (
        SELECT r."id", d."day", r."version", r."locale", r."wardCode", r."lsoaCode", r."imdDecile"
        FROM "ConsultationResponse" r
        CROSS JOIN LATERAL (
          -- submittedAt is UTC in a timestamp without time zone (Prisma): the UK day of it. A
          -- date, not text: the conversion runs for every row a page sorts, and to_char costs more.
          SELECT ((r."submittedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date AS "day"
        ) d
        WHERE r."consultationId" = ${consultationId}
          AND r."submittedAt" <= ${cutoff.toISOString()}::timestamp(3)
          AND r."submittedAt" >= ${from}::timestamp(3)
          AND (d."day", r."id" COLLATE "C") > (${after.day || "-infinity"}::date, ${after.id} COLLATE "C")
        ORDER BY d."day", r."id" COLLATE "C"
        LIMIT ${pageSize}
      )
      SELECT p."id", to_char(p."day", 'YYYY-MM-DD') AS "day", p."version", p."locale", p."wardCode", p."lsoaCode", p."imdDecile", COALESCE(
        (SELECT json_agg(json_build_array(a."questionId", a."optionId", a."value", a."text")) FROM "ResponseAnswer" a WHERE a."responseId" = p."id"),
        '[]'::json) AS "answers"
      FROM page p
      ORDER BY p."day", p."id" COLLATE "C"`;
    if (page.length === 0) return;
    // The id goes no further than this function: rows carry only what the export may show.
    yield page.map((r) => {
      const answers = (typeof r.answers === "string" ? JSON.parse(r.answers) : r.answers) as [string, string, number | null, string | null][];
      return {
        submittedDate: r.day,
        version: r.version,
        locale: r.locale,
        wardCode: r.wardCode,
        lsoaCode: r.lsoaCode,
        imdDecile: r.imdDecile,
        answers: answers.map(([questionId, optionId, value, text]) => ({ questionId, optionId, value, text })),
      };
    });
    const last = page[page.length - 1]!;
    after = { day: last.day, id: last.id };
    if (page.length < pageSize) return;
  }
}

/** A byte stream that asks `chunks` for more only when the reader wants it (backpressure). */
function textStream(chunks: Iterable<string> | AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator: AsyncIterator<string> | Iterator<string> = Symbol.iterator in chunks ? (chunks as Iterable<string>)[Symbol.iterator]() : (chunks as AsyncIterator<string>);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}
