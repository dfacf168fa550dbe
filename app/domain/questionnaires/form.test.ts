import { describe, expect, test } from "vitest";
import { checkAnswer, checkComplete, checkPage } from "./answers.ts";
import {
  answerFields,
  answersToFields,
  fieldName,
  MAX_FIELDS,
  parseNumberInput,
  parsePointsInput,
  placeFields,
  pointsField,
  questionFieldNames,
  rankField,
  readAnswers,
  readPage,
} from "./form.ts";
import { allQuestions, findQuestion } from "./questionnaire.ts";
import { EVERY_KIND, THEMES, WARDS, definition, int, pick, random } from "./test-fixtures.ts";

const q = definition(EVERY_KIND);
const context = { wardCodes: WARDS };

describe("field names", () => {
  test("the scheme", () => {
    expect(fieldName("priority")).toBe("q-priority");
    expect(rankField("rank", "parks")).toBe("q-rank-rank-parks");
    expect(pointsField("share", "buses")).toBe("q-share-pts-buses");
    expect(placeFields("place")).toEqual({ ward: "q-place-ward", description: "q-place-description", lat: "q-place-lat", lng: "q-place-lng" });
    expect(questionFieldNames(findQuestion(q, "uses")!)).toEqual(["q-uses"]);
    expect(questionFieldNames(findQuestion(q, "share")!)).toEqual(["q-share-pts-parks", "q-share-pts-buses", "q-share-pts-libraries"]);
  });
  test("no two fields of the questionnaire share a name", () => {
    const names = allQuestions(q).flatMap(questionFieldNames);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("reading typed values", () => {
  test("numbers", () => {
    expect(parseNumberInput(" 1,250 ")).toBe(1250);
    expect(parseNumberInput("")).toBeNull();
    expect(parseNumberInput(".5")).toBe(0.5);
    expect(parseNumberInput("12,34")).toBeNaN();
    expect(parseNumberInput("1".repeat(50))).toBeNaN();
  });
  test("points and money", () => {
    expect(parsePointsInput("40", false)).toBe(40);
    expect(parsePointsInput("1,000", false)).toBe(1000);
    expect(parsePointsInput("2.5", false)).toBe(2.5);
    expect(parsePointsInput("-3", false)).toBe(-3);
    expect(parsePointsInput("lots", false)).toBeNaN();
    expect(parsePointsInput(" ", false)).toBeNull();
    expect(parsePointsInput("£1,200.50", true)).toBe(120_050);
    expect(parsePointsInput("3.5", true)).toBe(350);
    expect(parsePointsInput("-£5", true)).toBe(-500);
    expect(parsePointsInput("£-5", true)).toBe(-500);
    expect(parsePointsInput("50p", true)).toBeNaN();
    expect(parsePointsInput("99999999999999", true)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("readPage", () => {
  test("every kind on a page, with what was typed kept", () => {
    const read = readPage(q, "you", [
      ["q-postcode", " m32 0tl "],
      ["q-rank-rank-parks", "2"],
      ["q-rank-rank-buses", "1"],
      ["q-rank-rank-libraries", ""],
      ["q-share-pts-parks", "60"],
      ["q-share-pts-buses", "forty"],
      ["q-share-pts-libraries", ""],
      ["q-place-ward", "E05000820"],
      ["q-place-description", "By the pond"],
      ["q-place-lat", "53.45"],
      ["q-place-lng", "-2.31"],
    ]);
    expect(read.answers).toEqual({
      postcode: " m32 0tl ",
      rank: { parks: 2, buses: 1 },
      share: { parks: 60, buses: Number.NaN },
      place: { wardCode: "E05000820", description: "By the pond", lat: 53.45, lng: -2.31 },
    });
    expect(read.typed["q-share-pts-buses"]).toBe("forty");
    expect(read.typed["q-postcode"]).toBe(" m32 0tl ");
    const checked = checkPage(q, "you", read.answers, context);
    expect(checked.errors.share).toMatchObject({ reason: "points_not_whole", detail: { optionId: "buses" } });
    expect(checked.answers).toEqual({ postcode: "M32 0TL", rank: ["buses", "parks"], place: { wardCode: "E05000820", description: "By the pond", lat: 53.45, lng: -2.31 } });
  });

  test("checkboxes repeat; blanks are keys with undefined so a merge clears them", () => {
    const read = readPage(q, "more", [
      ["q-uses", "parks"],
      ["q-uses", "libraries"],
      ["q-which-park", ""],
    ]);
    expect(read.answers).toEqual({ "which-park": undefined, uses: ["parks", "libraries"], agree: undefined });
    expect(Object.keys(read.answers)).toEqual(["which-park", "uses", "agree"]);
    expect(read.typed).toEqual({ "q-which-park": "", "q-uses": ["parks", "libraries"], "q-agree": "" });
    const merged = { ...{ agree: "agree", "which-park": "Old" }, ...read.answers };
    expect(merged.agree).toBeUndefined();
  });

  test("a number that is not one reaches the check as NaN", () => {
    const read = readPage(q, "library-page", [["q-library-visits", "four"]]);
    expect(read.answers["library-visits"]).toBeNaN();
    expect(checkAnswer(findQuestion(q, "library-visits")!, read.answers["library-visits"])).toMatchObject({ reason: "not_a_number" });
    expect(read.typed["q-library-visits"]).toBe("four");
  });

  test("an unknown page reads as nothing; other pages' fields are ignored", () => {
    expect(readPage(q, "nope", [["q-priority", "parks"]])).toEqual({ answers: {}, typed: {} });
    expect(readPage(q, "about", [["q-uses", "parks"]]).answers).toEqual({ priority: undefined, "why-parks": undefined });
  });

  test("a single-value field posted twice keeps the first", () => {
    expect(readPage(q, "about", [["q-priority", "parks"], ["q-priority", "buses"]]).answers.priority).toBe("parks");
  });
});

describe("hostile input", () => {
  test("prototype-pollution names are ignored and pollute nothing", () => {
    const read = readPage(q, "you", [
      ["__proto__", "x"],
      ["constructor", "x"],
      ["q-__proto__", "x"],
      ["q-share-pts-__proto__", "100"],
      ["q-share-pts-constructor", "100"],
      ["q-rank-rank-__proto__", "1"],
      ["q-place-__proto__", "x"],
      ["__proto__[polluted]", "yes"],
    ]);
    expect(read.answers).toEqual({ postcode: undefined, rank: undefined, share: undefined, place: undefined });
    expect(Object.keys(read.typed).every((k) => k.startsWith("q-"))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(read.answers)).toBe(Object.prototype);
  });

  test("thousands of fields: only the first MAX_FIELDS are read, quickly", () => {
    const junk: [string, string][] = Array.from({ length: 200_000 }, (_, i) => [`junk-${i}`, "x"]);
    const started = performance.now();
    const read = readPage(q, "about", [...junk, ["q-priority", "parks"]]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(read.answers.priority).toBeUndefined();
    expect(readPage(q, "about", [...junk.slice(0, MAX_FIELDS - 1), ["q-priority", "parks"]]).answers.priority).toBe("parks");
  });

  test("a checkbox repeated thousands of times keeps at most one per option", () => {
    const read = readPage(q, "more", Array.from({ length: 5000 }, () => ["q-uses", "parks"] as [string, string]));
    expect(read.typed["q-uses"]).toHaveLength(THEMES.length);
    expect(checkPage(q, "more", { ...read.answers, agree: "agree" }).answers.uses).toEqual(["parks"]);
  });

  test("huge values are cut, and still refused as too long", () => {
    const huge = "a".repeat(5_000_000);
    const read = readPage(q, "about", [["q-priority", huge], ["q-why-parks", huge]]);
    expect((read.typed["q-priority"] as string).length).toBeLessThanOrEqual(100);
    expect((read.typed["q-why-parks"] as string).length).toBeLessThanOrEqual(20_000);
    const checked = checkPage(q, "about", { ...read.answers, priority: "parks" });
    expect(checked.errors["why-parks"]).toMatchObject({ reason: "too_long", detail: { max: 200 } });
  });

  test("very long names are ignored", () => {
    expect(readPage(q, "about", [[`q-priority${" ".repeat(10_000)}`, "parks"]]).answers.priority).toBeUndefined();
  });

  test("property: garbage never throws", () => {
    const rnd = random(31337);
    const names = [...allQuestions(q).flatMap(questionFieldNames), "__proto__", "constructor", "q-", "", "q-share-pts-", "toString"];
    const values: unknown[] = ["", "parks", "1", "-1", "1e9", "NaN", "<script>", "\u0000", "😀".repeat(100), 5, null, undefined, {}, [], new Uint8Array(2)];
    for (let run = 0; run < 500; run++) {
      const fields: unknown[] = Array.from({ length: int(rnd, 0, 60) }, () => {
        const roll = rnd();
        if (roll < 0.05) return null;
        if (roll < 0.1) return "not a pair";
        if (roll < 0.15) return [pick(rnd, names)];
        return [rnd() < 0.9 ? pick(rnd, names) : 7, pick(rnd, values)];
      });
      for (const page of q.pages) {
        const read = readPage(q, page.id, fields as [string, string][]);
        expect(() => checkPage(q, page.id, read.answers, context)).not.toThrow();
      }
      expect(() => checkComplete(q, readAnswers(q, fields as [string, string][]).answers, context)).not.toThrow();
    }
    expect(readPage(q, "about", null as unknown as [string, string][])).toEqual({ answers: { priority: undefined, "why-parks": undefined }, typed: { "q-priority": "", "q-why-parks": "" } });
  });
});

describe("writing answers back", () => {
  const stored = {
    priority: "parks",
    "why-parks": "Fresh air",
    "which-park": "Longford Park",
    uses: ["parks", "libraries"],
    agree: "agree",
    "library-visits": 4,
    postcode: "M32 0TL",
    rank: ["parks", "buses"],
    share: { parks: 60, buses: 40 },
    place: { wardCode: "E05000820", description: "By the pond", lat: 53.45, lng: -2.31 },
  };

  test("answersToFields prefills a page", () => {
    expect(answersToFields(q, stored, "you")).toEqual({
      "q-postcode": "M32 0TL",
      "q-rank-rank-parks": "1",
      "q-rank-rank-buses": "2",
      "q-share-pts-parks": "60",
      "q-share-pts-buses": "40",
      "q-place-ward": "E05000820",
      "q-place-description": "By the pond",
      "q-place-lat": "53.45",
      "q-place-lng": "-2.31",
    });
    expect(answersToFields(q, stored, "more")["q-uses"]).toEqual(["parks", "libraries"]);
    expect(answersToFields(q, { rank: { parks: 2 } }, "you")).toEqual({ "q-rank-rank-parks": "2" });
  });

  test("money is written back as pounds", () => {
    const m = definition({ pages: [{ id: "p", questions: [{ id: "m", kind: "points", title: "M", required: true, options: THEMES, total: 100_000, money: true }] }] });
    expect(answersToFields(m, { m: { parks: 120_050, buses: 500 } })).toEqual({ "q-m-pts-parks": "1200.50", "q-m-pts-buses": "5" });
  });

  test("hidden fields leave out the page shown, and read back to the same answers", () => {
    const fields = answerFields(q, stored, { exceptPageId: "you" });
    expect(fields.some(([name]) => name.startsWith("q-share"))).toBe(false);
    expect(fields.filter(([name]) => name === "q-uses")).toEqual([
      ["q-uses", "parks"],
      ["q-uses", "libraries"],
    ]);
    const all = answerFields(q, stored);
    const back = checkComplete(q, readAnswers(q, all).answers, context);
    expect(back).toEqual({ ok: true, value: stored });
  });

  test("property: checked answers survive a round trip through the form", () => {
    const rnd = random(4242);
    for (let run = 0; run < 300; run++) {
      const total = 100;
      const a = int(rnd, 0, 80);
      const b = int(rnd, total - a - 80 > 0 ? total - a - 80 : 0, Math.min(80, total - a));
      const share = Object.fromEntries(
        [
          ["parks", a],
          ["buses", b],
          ["libraries", total - a - b],
        ].filter(([, n]) => (n as number) > 0),
      );
      if (Object.values(share).some((n) => (n as number) > 80)) continue;
      const answers = {
        ...stored,
        priority: pick(rnd, ["parks", "buses", "libraries"]),
        "why-parks": rnd() < 0.5 ? "Line one\nline two & <3" : undefined,
        uses: [pick(rnd, ["parks", "buses"]), "libraries"],
        "library-visits": int(rnd, 0, 31),
        rank: [...["parks", "buses", "libraries"]].sort(() => rnd() - 0.5).slice(0, 2),
        share,
      };
      const first = checkComplete(q, answers, context);
      expect(first.ok).toBe(true);
      if (!first.ok) continue;
      const again = checkComplete(q, readAnswers(q, answerFields(q, first.value)).answers, context);
      expect(again).toEqual(first);
    }
  });
});
