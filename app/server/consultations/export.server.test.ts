// Exporting responses on a real database (PGlite; PostgreSQL too when TEST_DATABASE_URL is set):
// only this council's staff with responses.read; every response once, numbered in file order,
// with no reference, key, id, postcode, time of day or equality answer; read a page at a time
// and only as the file is read; the same file whatever the page size; audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "~/domain/places/csv.ts";
import type { Answers } from "~/domain/questionnaires/answers.ts";
import type { Questionnaire } from "~/domain/questionnaires/questionnaire.ts";
import { must, openBudgetingTestContext, type BudgetingTestContext } from "~/server/budgeting/test-kit.server.ts";
import { createConsultation, editConsultation, openConsultation } from "./consultations.server.ts";
import { exportOverview, exportResponses, type ExportFile } from "./export.server.ts";
import { submitResponse, type Respondent } from "./responses.server.ts";

let ctx: BudgetingTestContext;
const DAY = 86_400_000;
const WARD = "E05000829";

const QUESTIONS: Questionnaire = {
  pages: [
    {
      id: "p1",
      questions: [
        { id: "matters", kind: "single_choice", title: { en: "What matters most?" }, required: true, options: [{ id: "health", label: { en: "Health" } }, { id: "buses", label: { en: "Buses" } }] },
        { id: "why-buses", kind: "free_text", title: { en: "Why buses?" }, required: true, maxLength: 200, multiline: true, showIf: { questionId: "matters", equals: "buses" } },
        { id: "days", kind: "multiple_choice", title: { en: "Which days?" }, required: false, options: [{ id: "sat", label: { en: "Saturday" } }, { id: "sun", label: { en: "Sunday" } }] },
      ],
    },
    {
      id: "p2",
      questions: [
        { id: "themes", kind: "points", title: { en: "Share 10 points" }, required: true, total: 10, mustUseAll: true, options: [{ id: "parks", label: { en: "Parks" } }, { id: "youth", label: { en: "Youth" } }] },
        { id: "postcode", kind: "postcode", title: { en: "Postcode" }, required: false },
      ],
    },
  ],
};

const me = (actor: BudgetingTestContext["residentA"]): Respondent => ({ kind: "account", actor });

let consultationId: string;
const references: string[] = [];
const emails: string[] = [];

beforeAll(async () => {
  ctx = await openBudgetingTestContext();
  await ctx.db.prisma.area.createMany({
    data: [
      { councilId: ctx.councilA, type: "ward", code: WARD, name: "Priory" },
      { councilId: ctx.councilA, type: "lsoa", code: "E01006100", name: "Trafford 001A", imdDecile: 3, parentCode: WARD },
    ],
  });
  await ctx.db.prisma.postcode.create({ data: { councilId: ctx.councilA, postcode: "M33 3AA", lsoaCode: "E01006100", wardCode: WARD } });
  consultationId = must(
    await createConsultation(ctx.deps, ctx.officerA, {
      councilId: ctx.councilA,
      title: "Parks strategy",
      slug: "parks-strategy",
      summary: "How should we look after our parks?",
      background: "We are writing a new parks strategy. These are the options we considered.",
      equalityMonitoring: true,
    }),
  ).id;
  must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, questionnaire: QUESTIONS }));
  const now = ctx.clock.now().getTime();
  must(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, opensAt: new Date(now - DAY), closesAt: new Date(now + 90 * DAY) }));
  // Seven responses over three days; one writes contact details and a formula into a written answer.
  for (let i = 0; i < 7; i++) {
    if (i === 3 || i === 5) ctx.clock.advance(DAY);
    else ctx.clock.advance(60_000);
    const email = `export-${i}@example.org`;
    emails.push(email);
    const resident = await ctx.resident(ctx.councilA, email);
    const answers: Answers =
      i === 2
        ? { matters: "buses", "why-buses": `=1+1 and write to ${email} about CR-7K3Q-9XD2`, themes: { parks: 10 }, days: ["sun"] }
        : { matters: i % 2 ? "health" : "buses", ...(i % 2 ? {} : { "why-buses": "More of them, please" }), themes: { parks: 6, youth: 4 }, postcode: "m33 3aa", ...(i === 4 ? { days: ["sat", "sun"] } : {}) };
    const receipt = must(await submitResponse(ctx.deps, me(resident), { councilId: ctx.councilA, consultationId, answers, equality: { "eq-ageBand": "25_to_34", "eq-sex": "female" }, locale: i === 6 ? "cy" : "en" }));
    references.push(receipt.reference);
  }
  // Another consultation's response, never in this one's export.
  const other = must(
    await createConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, title: "Other", slug: "other", summary: "Another one", background: "Something else entirely, for the test." }),
  ).id;
  must(await editConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: other, questionnaire: QUESTIONS }));
  const at = ctx.clock.now().getTime();
  must(await openConsultation(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId: other, opensAt: new Date(at - DAY), closesAt: new Date(at + 90 * DAY) }));
  must(await submitResponse(ctx.deps, me(await ctx.resident(ctx.councilA, "other@example.org")), { councilId: ctx.councilA, consultationId: other, answers: { matters: "health", themes: { parks: 10 } }, locale: "en" }));
}, 60_000);

afterAll(async () => {
  await ctx?.db.close();
});

async function download(file: ExportFile, options: { pageSize?: number; locale?: "en" | "cy" } = {}) {
  const result = must(await exportResponses(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, file, locale: options.locale ?? "en", ...(options.pageSize ? { pageSize: options.pageSize } : {}) }));
  const bytes = new Uint8Array(await new Response(result.body).arrayBuffer());
  // Decoded as a browser would, keeping a byte order mark (Response.text() drops it).
  return { ...result, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
}

function csv(text: string): string[][] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`not CSV: ${parsed.reason}`);
  return parsed.value.map((r) => r.fields);
}

describe("who may export", () => {
  it("is this council's staff with responses.read: a resident is forbidden, another council's consultation is not found", async () => {
    const input = { councilId: ctx.councilA, consultationId, file: "responses.csv" as const, locale: "en" as const };
    expect(await exportResponses(ctx.deps, ctx.residentA, input)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await exportResponses(ctx.deps, null, input)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await exportResponses(ctx.deps, ctx.officerB, input)).toMatchObject({ ok: false, reason: "forbidden" });
    expect(await exportResponses(ctx.deps, ctx.officerB, { ...input, councilId: ctx.councilB })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await exportOverview(ctx.deps, ctx.officerB, { councilId: ctx.councilB, consultationId, locale: "en" })).toMatchObject({ ok: false, reason: "not_found" });
    expect(await exportOverview(ctx.deps, ctx.residentA, { councilId: ctx.councilA, consultationId, locale: "en" })).toMatchObject({ ok: false, reason: "forbidden" });
    // Refusals are not audited: nothing left.
    expect(await ctx.db.prisma.auditEvent.count({ where: { action: "consultation.exported" } })).toBe(0);
  });
});

describe("the responses CSV", () => {
  it("has the dictionary's columns and one row per response, numbered in order of the day sent", async () => {
    const file = await download("responses.csv");
    expect(file.contentType).toMatch(/^text\/csv; charset=utf-8/);
    expect(file.fileName).toBe(`parks-strategy-responses-${new Date(ctx.clock.now()).toISOString().slice(0, 10)}.csv`);
    // UTF-8 with a byte order mark, for Excel.
    expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.text).toContain("\r\n");
    const [header, ...rows] = csv(file.text);
    const overview = must(await exportOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, locale: "en" }));
    expect(header).toEqual(overview.dictionary.columns.map((c) => c.name));
    expect(overview.responses).toBe(7);
    expect(file.rows).toBe(7);
    expect(rows).toHaveLength(7);
    const col = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[col("row")])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    // Days only, never decreasing; three days of responses.
    const days = rows.map((r) => r[col("submitted_date")]!);
    for (const d of days) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(3);
    expect(rows.map((r) => r[col("locale")]).sort()).toEqual(["cy", "en", "en", "en", "en", "en", "en"]);
    expect(rows.filter((r) => r[col("ward_code")] === WARD && r[col("lsoa_code")] === "E01006100" && r[col("imd_decile")] === "3")).toHaveLength(6);
  });

  it("carries no reference, respondent key, response id, email address, postcode, time or equality answer", async () => {
    const { text } = await download("responses.csv");
    const stored = await ctx.db.prisma.consultationResponse.findMany({ where: { consultationId }, select: { id: true, respondentKey: true, reference: true } });
    for (const r of stored) {
      expect(text).not.toContain(r.id);
      expect(text).not.toContain(r.respondentKey);
      expect(text).not.toContain(r.reference);
    }
    for (const reference of references) expect(text).not.toContain(reference);
    for (const email of emails) expect(text).not.toContain(email);
    expect(text).not.toMatch(/CR-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    expect(text).not.toMatch(/M33/i);
    expect(text).not.toMatch(/\d{2}:\d{2}/);
    expect(text).not.toMatch(/25_to_34|female/);
    expect(text).toContain("[email address removed]");
    expect(text).toContain("[reference removed]");
  });

  it("writes a written answer that looks like a formula as text", async () => {
    const [header, ...rows] = csv((await download("responses.csv")).text);
    const why = rows.map((r) => r[header!.indexOf("q_why_buses")]).find((v) => v?.includes("1+1"));
    expect(why).toBe("'=1+1 and write to [email address removed] about [reference removed]");
  });

  it("gives multiple choice and points a column per option, blank where the question was not answered", async () => {
    const [header, ...rows] = csv((await download("responses.csv")).text);
    const get = (r: string[], name: string) => r[header!.indexOf(name)];
    const bySun = rows.map((r) => [get(r, "q_days__sat"), get(r, "q_days__sun")].join("/")).sort();
    expect(bySun).toEqual(["/", "/", "/", "/", "/", "0/1", "1/1"]);
    const parksOnly = rows.find((r) => get(r, "q_themes__parks") === "10")!;
    expect(get(parksOnly, "q_themes__youth")).toBe("0");
    expect(get(parksOnly, "q_postcode")).toBe("");
    expect(rows.filter((r) => get(r, "q_postcode") === WARD)).toHaveLength(6);
  });

  it("is the same file read two responses at a time, and reads a page only when the reader asks", async () => {
    const whole = await download("responses.csv");
    const paged = await download("responses.csv", { pageSize: 2 });
    expect(paged.text).toBe(whole.text);

    let pageQueries = 0;
    const counting = new Proxy(ctx.db.prisma, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === "$queryRaw")
          return (...args: unknown[]) => {
            if (String((args[0] as TemplateStringsArray).join("?")).includes("LIMIT")) pageQueries++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const result = must(await exportResponses({ ...ctx.deps, prisma: counting }, ctx.officerA, { councilId: ctx.councilA, consultationId, file: "responses.csv", locale: "en", pageSize: 3 }));
    expect(pageQueries).toBe(0);
    const reader = result.body.getReader();
    await reader.read(); // the header
    expect(pageQueries).toBe(0);
    await reader.read(); // the first page
    expect(pageQueries).toBe(1);
    while (!(await reader.read()).done);
    // 7 responses in pages of 3: 3, 3, 1.
    expect(pageQueries).toBe(3);
  });

  it("holds the responses sent before it started, even when more arrive while it is read", async () => {
    const started = must(await exportResponses(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, file: "responses.csv", locale: "en", pageSize: 2 }));
    // Sent at 23:30 UTC, which is 00:30 the next day in the UK (British Summer Time).
    const today = ctx.clock.now().toISOString().slice(0, 10);
    ctx.clock.set(new Date(`${today}T23:30:00.000Z`));
    const late = await ctx.resident(ctx.councilA, "late-export@example.org");
    must(await submitResponse(ctx.deps, me(late), { councilId: ctx.councilA, consultationId, answers: { matters: "health", themes: { parks: 10 } }, locale: "en" }));
    const rows = csv(await new Response(started.body).text()).slice(1);
    expect(started.rows).toBe(7);
    expect(rows).toHaveLength(7);
    const now = await download("responses.csv");
    expect(now.rows).toBe(8);
    const [header, ...all] = csv(now.text);
    const ukTomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    expect(all.at(-1)![header!.indexOf("submitted_date")]).toBe(ukTomorrow);
    expect(now.fileName).toContain(ukTomorrow);
  });
});

describe("the JSON and the dictionary", () => {
  it("JSON holds the dictionary and the same rows as the CSV, with numbers as numbers", async () => {
    const json = await download("responses.json");
    expect(json.contentType).toBe("application/json; charset=utf-8");
    expect(json.fileName).toMatch(/^parks-strategy-responses-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(json.text) as { dictionary: { columns: { name: string }[]; notes: string[]; rows: number }; responses: Record<string, unknown>[] };
    const [header, ...rows] = csv((await download("responses.csv")).text);
    expect(doc.dictionary.columns.map((c) => c.name)).toEqual(header);
    expect(doc.dictionary.columns[0]).not.toHaveProperty("source");
    expect(doc.dictionary.notes.join(" ")).toContain("equality monitoring answers");
    expect(doc.responses).toHaveLength(rows.length);
    expect(doc.dictionary.rows).toBe(rows.length);
    expect(doc.responses[0]).toMatchObject({ row: 1, consultation_version: 1 });
    // The JSON has the text exactly; the CSV guards it for spreadsheets.
    expect(doc.responses.some((r) => typeof r.q_why_buses === "string" && r.q_why_buses.startsWith("=1+1"))).toBe(true);
    // Same values, cell by cell.
    rows.forEach((r, i) => expect(header!.map((name) => doc.responses[i]![name] ?? "").map(String).map((v) => (v.startsWith("=") ? `'${v}` : v))).toEqual(r));
    // Paged the same way.
    expect((await download("responses.json", { pageSize: 3 })).text).toBe(json.text);
  });

  it("dictionary CSV lists every column and the notes, in Welsh for a Welsh download", async () => {
    const file = await download("dictionary.csv", { locale: "cy" });
    expect(file.fileName).toMatch(/^parks-strategy-data-dictionary-\d{4}-\d{2}-\d{2}\.csv$/);
    const [head, ...rows] = csv(file.text);
    expect(head![0]).toBe("column");
    const overview = must(await exportOverview(ctx.deps, ctx.officerA, { councilId: ctx.councilA, consultationId, locale: "cy" }));
    expect(rows.filter((r) => r[2] !== "note").map((r) => r[0])).toEqual(overview.dictionary.columns.map((c) => c.name));
    expect(rows.find((r) => r[0] === "locale")![1]).toBe("Yr iaith a ddefnyddiodd yr ymatebydd.");
    expect(rows.filter((r) => r[2] === "note").length).toBeGreaterThan(3);
  });

  it("every export is audited with its file and row count", async () => {
    await download("responses.csv");
    await download("dictionary.csv");
    const events = await ctx.db.prisma.auditEvent.findMany({ where: { action: "consultation.exported", subjectId: consultationId }, select: { actorId: true, data: true, councilId: true } });
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((e) => e.actorId === ctx.officerA.account.id && e.councilId === ctx.councilA)).toBe(true);
    expect(events.map((e) => e.data)).toEqual(expect.arrayContaining([expect.objectContaining({ format: "responses.csv", rows: 8 }), expect.objectContaining({ format: "dictionary.csv", rows: 0 })]));
  });
});
