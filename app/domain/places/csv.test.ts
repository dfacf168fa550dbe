import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";

const records = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`unexpected ${result.reason}`);
  return result.value;
};

describe("parseCsv", () => {
  it("reads plain records with their line numbers", () => {
    expect(records("a,b\n1,2\n3,4\n")).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("accepts CRLF, lone CR and a missing final line break", () => {
    expect(records("a,b\r\n1,2\r\n3,4")).toEqual(records("a,b\n1,2\n3,4\n"));
    expect(records("a,b\r1,2\r3,4")).toEqual(records("a,b\n1,2\n3,4\n"));
  });

  it("drops a UTF-8 byte order mark", () => {
    expect(records("\ufefftype,code\nward,E05015239")[0]).toEqual({ line: 1, fields: ["type", "code"] });
  });

  it("keeps empty fields, including trailing ones", () => {
    expect(records("a,,c,\n")).toEqual([{ line: 1, fields: ["a", "", "c", ""] }]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, counting lines through them", () => {
    const text = 'name,note\n"Gorse Hill & Cornbrook","a, b"\n"say ""hi""","two\r\nlines"\nlast,x\n';
    expect(records(text)).toEqual([
      { line: 1, fields: ["name", "note"] },
      { line: 2, fields: ["Gorse Hill & Cornbrook", "a, b"] },
      { line: 3, fields: ['say "hi"', "two\r\nlines"] },
      { line: 5, fields: ["last", "x"] },
    ]);
  });

  it("skips blank lines but keeps their line numbers counted", () => {
    expect(records("a\n\n\nb\r\n\r\nc")).toEqual([
      { line: 1, fields: ["a"] },
      { line: 4, fields: ["b"] },
      { line: 6, fields: ["c"] },
    ]);
  });

  it("keeps a line holding only an empty quoted field", () => {
    expect(records('a\n""\n')).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: [""] },
    ]);
  });

  it("returns nothing for an empty file", () => {
    expect(records("")).toEqual([]);
    expect(records("\ufeff\n\n")).toEqual([]);
  });

  it("rejects an unterminated quote at the line where it opened", () => {
    expect(parseCsv('a,b\n1,"open\n2,3\n')).toEqual({ ok: false, reason: "unterminated_quote", detail: { line: 2 } });
  });

  it("rejects a quote inside an unquoted field and text after a closing quote", () => {
    expect(parseCsv('a\nO"Brien\n')).toEqual({ ok: false, reason: "stray_quote", detail: { line: 2 } });
    expect(parseCsv('a\n\n"ab"c\n')).toEqual({ ok: false, reason: "stray_quote", detail: { line: 3 } });
  });

  it("reads a large file quickly", () => {
    const text = "postcode,lsoa_code\n" + Array.from({ length: 50_000 }, (_, i) => `M1 ${i},E01000001`).join("\n");
    const started = performance.now();
    expect(records(text)).toHaveLength(50_001);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
