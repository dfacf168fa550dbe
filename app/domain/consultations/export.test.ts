import { describe, expect, it } from "vitest";
import { parseCsv } from "../places/csv.ts";
import { parseQuestionnaire, type Questionnaire } from "../questionnaires/questionnaire.ts";
import {
  buildDictionary,
  CSV_BOM,
  csvField,
  csvHeader,
  csvRecord,
  dictionaryCsv,
  DICTIONARY_CSV_HEADER,
  exportCells,
  exportRecord,
  publicColumn,
  redactContactDetails,
  type ExportResponse,
  type StoredAnswer,
} from "./export.ts";

function definition(json: unknown): Questionnaire {
  const parsed = parseQuestionnaire(json);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.reason} ${JSON.stringify(parsed.detail)}`);
  return parsed.value;
}

const THEMES = [
  { id: "parks", label: { en: "Parks", cy: "Parciau" } },
  { id: "buses-and-trams", label: { en: "Buses and trams", cy: "Bysiau a thramiau" } },
  { id: "libraries", label: { en: "Libraries", cy: "Llyfrgelloedd" } },
];

const EVERY_KIND = definition({
  pages: [
    {
      id: "p1",
      questions: [
        { id: "priority", kind: "single_choice", title: { en: "Your top priority", cy: "Eich prif flaenoriaeth" }, required: true, options: THEMES },
        { id: "uses", kind: "multiple_choice", title: "Which do you use?", required: false, options: THEMES },
        { id: "agree", kind: "likert", title: "The council listens", required: true },
        { id: "why", kind: "free_text", title: "Why?", required: false },
      ],
    },
    {
      id: "p2",
      questions: [
        { id: "visits", kind: "number", title: "Visits a month", required: false, min: 0, max: 31, integer: true, unit: { en: "visits", cy: "ymweliad" } },
        { id: "postcode", kind: "postcode", title: "Your postcode", required: false },
        { id: "rank", kind: "ranking", title: "Rank the themes", required: true, options: THEMES, rankCount: 2 },
        { id: "share", kind: "points", title: "Share 100 points", required: true, options: THEMES, total: 100, mustUseAll: true },
        { id: "place", kind: "map", title: "Where should we start?", required: false },
      ],
    },
  ],
});

const CONTEXT = { locale: "en" as const, asOf: "2026-05-04", version: 2, wards: [{ code: "E05000829", name: "Priory" }] };

const answer = (questionId: string, optionId: string, value: number | null = 1, text: string | null = null): StoredAnswer => ({ questionId, optionId, value, text });

const FULL: ExportResponse = {
  submittedDate: "2026-05-03",
  version: 2,
  locale: "cy",
  wardCode: "E05000829",
  lsoaCode: "E01006100",
  imdDecile: 3,
  answers: [
    answer("priority", "buses-and-trams"),
    answer("uses", "parks"),
    answer("uses", "libraries"),
    answer("agree", "strongly-agree"),
    answer("why", "", null, "Ring me on 07700 900123 or write to jo@example.org, ref CR-7K3Q-9XD2."),
    answer("visits", "", 4),
    answer("postcode", "", null, "E05000829"),
    answer("rank", "libraries", 1),
    answer("rank", "parks", 2),
    answer("share", "parks", 70),
    answer("share", "libraries", 30),
    answer("place", "E05000829", null, "By the tram stop"),
  ],
};

describe("buildDictionary", () => {
  const dictionary = buildDictionary(EVERY_KIND, CONTEXT);
  const names = dictionary.columns.map((c) => c.name);

  it("has the fixed columns first, then one column per answer and one per option where there are several", () => {
    expect(names).toEqual([
      "row",
      "submitted_date",
      "consultation_version",
      "locale",
      "ward_code",
      "lsoa_code",
      "imd_decile",
      "q_priority",
      "q_uses__parks",
      "q_uses__buses_and_trams",
      "q_uses__libraries",
      "q_agree",
      "q_why",
      "q_visits",
      "q_postcode",
      "q_rank__parks",
      "q_rank__buses_and_trams",
      "q_rank__libraries",
      "q_share__parks",
      "q_share__buses_and_trams",
      "q_share__libraries",
      "q_place__ward",
      "q_place__description",
    ]);
    // Machine-friendly: a letter first, then letters, digits and underscores only.
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it("never has a column for the respondent, the response id, the reference, the postcode, the time or equality answers", () => {
    for (const name of names) expect(name).not.toMatch(/respondent|reference|response_id|^id$|postcode_text|time|age|sex|ethnic|religion|disab/);
    expect(names).not.toContain("postcode");
  });

  it("describes every column in plain words, with its type, values and the question it came from", () => {
    const column = (name: string) => dictionary.columns.find((c) => c.name === name)!;
    expect(column("q_priority")).toMatchObject({
      type: "code",
      description: "Answer to “Your top priority”: the code of the option chosen.",
      question: { id: "priority", kind: "single_choice", title: "Your top priority" },
      values: [
        { value: "parks", label: "Parks" },
        { value: "buses-and-trams", label: "Buses and trams" },
        { value: "libraries", label: "Libraries" },
      ],
    });
    expect(column("q_agree").values?.map((v) => v.value)).toEqual(["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]);
    expect(column("q_uses__libraries")).toMatchObject({ type: "integer", min: 0, max: 1, option: { id: "libraries", label: "Libraries" }, values: [{ value: "0" }, { value: "1" }] });
    expect(column("q_share__parks")).toMatchObject({ type: "integer", min: 0, max: 100 });
    expect(column("q_share__parks").description).toContain("out of 100");
    expect(column("q_rank__parks")).toMatchObject({ type: "integer", min: 1, max: 2, values: [{ value: "1" }, { value: "2" }] });
    expect(column("q_visits")).toMatchObject({ type: "integer", min: 0, max: 31, description: "Answer to “Visits a month”, in visits." });
    expect(column("q_postcode").description).toContain("The postcode itself is left out");
    expect(column("q_postcode").values).toEqual([{ value: "E05000829", label: "Priory" }]);
    expect(column("ward_code").values).toEqual([{ value: "E05000829", label: "Priory" }]);
    expect(column("imd_decile").values).toHaveLength(10);
    expect(column("imd_decile").values![0]!.label).toContain("most deprived");
    expect(column("consultation_version")).toMatchObject({ min: 1, max: 2 });
    expect(column("submitted_date").description).toContain("time of day is left out");
    for (const c of dictionary.columns) expect(c.description.length).toBeGreaterThan(10);
  });

  it("says in its notes what is left out and why, equality answers included", () => {
    const notes = dictionary.notes.join("\n");
    expect(notes).toContain("2026-05-04");
    expect(notes).toContain("equality monitoring answers");
    expect(notes).toContain("special category data");
    expect(notes).toMatch(/reference/);
    expect(notes).toContain("formula");
    expect(notes).toContain("version 2");
  });

  it("is in Welsh for a Welsh-speaking officer, with the officer's Welsh labels", () => {
    const cy = buildDictionary(EVERY_KIND, { ...CONTEXT, locale: "cy" });
    expect(cy.columns.map((c) => c.name)).toEqual(names);
    const priority = cy.columns.find((c) => c.name === "q_priority")!;
    expect(priority.description).toBe("Ateb i “Eich prif flaenoriaeth”: cod yr opsiwn a ddewiswyd.");
    expect(priority.values![0]!.label).toBe("Parciau");
    // No Welsh title: the English one.
    expect(cy.columns.find((c) => c.name === "q_why")!.description).toContain("“Why?”");
  });

  it("keeps names unique when two ids would give the same one", () => {
    const clash = definition({
      pages: [
        {
          id: "p",
          questions: [
            { id: "a", kind: "multiple_choice", title: "A", required: false, options: [{ id: "b", label: "B" }, { id: "c", label: "C" }] },
            { id: "a--b", kind: "number", title: "A B", required: false },
          ],
        },
      ],
    });
    const got = buildDictionary(clash, CONTEXT).columns.map((c) => c.name).slice(7);
    expect(got).toEqual(["q_a__b", "q_a__c", "q_a__b_2"]);
  });

  it("shows no internal fields in the public dictionary", () => {
    for (const c of dictionary.columns) expect(publicColumn(c)).not.toHaveProperty("source");
  });
});

describe("exportCells", () => {
  const dictionary = buildDictionary(EVERY_KIND, CONTEXT);

  it("turns a full response into one cell per column", () => {
    const record = exportRecord(dictionary, exportCells(dictionary, 7, FULL));
    expect(record).toEqual({
      row: 7,
      submitted_date: "2026-05-03",
      consultation_version: 2,
      locale: "cy",
      ward_code: "E05000829",
      lsoa_code: "E01006100",
      imd_decile: 3,
      q_priority: "buses-and-trams",
      q_uses__parks: 1,
      q_uses__buses_and_trams: 0,
      q_uses__libraries: 1,
      q_agree: "strongly-agree",
      q_why: "Ring me on [phone number removed] or write to [email address removed], ref [reference removed].",
      q_visits: 4,
      q_postcode: "E05000829",
      q_rank__parks: 2,
      q_rank__buses_and_trams: null,
      q_rank__libraries: 1,
      q_share__parks: 70,
      q_share__buses_and_trams: 0,
      q_share__libraries: 30,
      q_place__ward: "E05000829",
      q_place__description: "By the tram stop",
    });
  });

  it("leaves every column of an unanswered question blank, so not answered is not the same as 0", () => {
    const sparse: ExportResponse = { ...FULL, wardCode: null, lsoaCode: null, imdDecile: null, answers: [answer("priority", "parks")] };
    const record = exportRecord(dictionary, exportCells(dictionary, 1, sparse));
    expect(record.q_priority).toBe("parks");
    for (const name of ["q_uses__parks", "q_share__parks", "q_rank__parks", "q_why", "q_visits", "q_postcode", "q_place__ward", "q_place__description", "ward_code", "imd_decile"])
      expect(record[name], name).toBeNull();
  });

  it("gives a place answered by description only a blank ward", () => {
    const record = exportRecord(dictionary, exportCells(dictionary, 1, { ...FULL, answers: [answer("place", "", null, "Longford Park")] }));
    expect(record.q_place__ward).toBeNull();
    expect(record.q_place__description).toBe("Longford Park");
  });
});

describe("redactContactDetails", () => {
  it("removes email addresses, UK phone numbers and response references however they are typed", () => {
    for (const [typed, expected] of [
      ["email me at Jo.Bloggs+consult@mail.example.co.uk please", "email me at [email address removed] please"],
      ["call 07700 900123", "call [phone number removed]"],
      ["call 07700900123.", "call [phone number removed]."],
      ["call +44 7700 900123", "call [phone number removed]"],
      ["call +44 (0)161 912 2000", "call [phone number removed]"],
      ["call (0161) 912 2000", "call [phone number removed]"],
      ["call 0161-912-2000", "call [phone number removed]"],
      ["my reference is CR-7K3Q-9XD2", "my reference is [reference removed]"],
      ["my reference is cr 7k3q 9xd2", "my reference is [reference removed]"],
    ]) expect(redactContactDetails(typed!, "en")).toBe(expected);
  });

  it("leaves ordinary text, numbers, dates and codes alone", () => {
    for (const text of [
      "The crossroads by the school needs a crossing",
      "We waited 45 minutes in 2026 for the 263 bus",
      "On 04/05/2026 the park was closed",
      "Ward E05000829 and LSOA E01006100",
      "Give £1,000,000 to parks",
      "a @ b is not an address",
    ])
      expect(redactContactDetails(text, "en")).toBe(text);
  });

  it("says what was removed in Welsh for a Welsh export", () => {
    expect(redactContactDetails("jo@example.org", "cy")).toBe("[cyfeiriad e-bost wedi'i dynnu]");
  });
});

describe("CSV", () => {
  it("quotes fields with commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a, b")).toBe('"a, b"');
    expect(csvField('say "hello"')).toBe('"say ""hello"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe("");
    expect(csvField(3.5)).toBe("3.5");
    expect(csvRecord(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"\r\n');
  });

  it("prefixes a text cell that could start a formula with a single quote (OWASP CSV injection)", () => {
    expect(csvField("=HYPERLINK(\"http://evil.example\",\"click\")")).toBe("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
    expect(csvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\t=1")).toBe("'\t=1");
    expect(csvField("\r=1")).toBe("\"'\r=1\"");
    // Only at the start, and never for numbers the export writes itself.
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField(-5)).toBe("-5");
  });

  it("reads back exactly with an independent RFC 4180 reader, whatever the text", () => {
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = ['"', ",", "\n", "\r\n", "a", "ŵ", " ", "=", "-", "'", "x"];
    for (let n = 0; n < 300; n++) {
      const cells = Array.from({ length: 1 + Math.floor(next() * 5) }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
      const parsed = parseCsv(csvRecord(["start", ...cells]));
      if (!parsed.ok) throw new Error(`unreadable: ${JSON.stringify(cells)}`);
      // What was written, with the quote added only where a formula could start; line breaks
      // inside quotes come back as written, CRLF included.
      const guarded = cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c));
      expect(parsed.value[0]!.fields.slice(1)).toEqual(guarded);
    }
  });

  it("writes the header from the dictionary, and the dictionary itself as CSV with its notes", () => {
    const dictionary = buildDictionary(EVERY_KIND, CONTEXT);
    expect(csvHeader(dictionary)).toBe(`${dictionary.columns.map((c) => c.name).join(",")}\r\n`);
    const text = dictionaryCsv(dictionary);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    const parsed = parseCsv(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const [header, ...rows] = parsed.value.map((r) => r.fields);
    expect(header).toEqual([...DICTIONARY_CSV_HEADER]);
    expect(rows).toHaveLength(dictionary.columns.length + dictionary.notes.length);
    expect(rows.map((r) => r[0]).slice(0, dictionary.columns.length)).toEqual(dictionary.columns.map((c) => c.name));
    const priority = rows.find((r) => r[0] === "q_priority")!;
    expect(priority).toEqual([
      "q_priority",
      "Answer to “Your top priority”: the code of the option chosen.",
      "code",
      "parks = Parks; buses-and-trams = Buses and trams; libraries = Libraries",
      "",
      "",
      "priority",
      "Your top priority",
      "",
      "",
    ]);
    expect(rows.filter((r) => r[2] === "note").map((r) => r[1])).toEqual(dictionary.notes);
  });
});
