import { describe, expect, test } from "vitest";
import {
  ANSWER_REASONS,
  checkAnswer,
  checkComplete,
  checkPage,
  conditionHolds,
  containsMarkup,
  firstPageId,
  isBlank,
  nextPageId,
  normaliseText,
  previousPageId,
  visiblePages,
  visibleQuestions,
  type AnswerReason,
} from "./answers.ts";
import { findQuestion, type Question } from "./questionnaire.ts";
import { EVERY_KIND, THEMES, WARDS, definition, int, pick, random } from "./test-fixtures.ts";

function question(json: Record<string, unknown>): Question {
  return definition({ pages: [{ id: "p", questions: [{ id: "q", title: "Q", required: true, ...json }] }] }).pages[0]!.questions[0]!;
}

const seenReasons = new Set<AnswerReason>();

function refused(q: Question, value: unknown, reason: AnswerReason, context = {}) {
  const r = checkAnswer(q, value, context);
  expect(r).toMatchObject({ ok: false, reason });
  seenReasons.add(reason);
  return r.ok ? undefined : r.detail;
}

function accepted(q: Question, value: unknown, context = {}) {
  const r = checkAnswer(q, value, context);
  if (!r.ok) throw new Error(`refused: ${r.reason} ${JSON.stringify(r.detail)}`);
  return r.value;
}

const single = question({ kind: "single_choice", options: THEMES });
const optional = (q: Question): Question => ({ ...q, required: false });

describe("blank answers", () => {
  test.each([undefined, null, "", "   ", [], {}, { parks: 0 }, { wardCode: "", description: "" }])("%j is not answered", (value) => {
    expect(isBlank(value)).toBe(true);
    expect(checkAnswer(optional(single), value)).toEqual({ ok: true, value: null });
    expect(checkAnswer(single, value)).toMatchObject({ ok: false, reason: "required", detail: { kind: "single_choice" } });
    seenReasons.add("required");
  });
  test("NaN and 0 are answers, not blanks", () => {
    expect(isBlank(Number.NaN)).toBe(false);
    expect(isBlank(0)).toBe(false);
  });
});

describe("single choice and likert", () => {
  test("an option id is accepted", () => {
    expect(accepted(single, "buses")).toBe("buses");
    expect(accepted(question({ kind: "likert" }), "strongly-disagree")).toBe("strongly-disagree");
  });
  test.each(["trams", "Buses", " buses", ["buses"], 3, { id: "buses" }, "constructor", "__proto__"])("%j is an unknown option", (value) => {
    refused(single, value, "unknown_option");
  });
  test("an option of another question (another consultation's) is unknown", () => {
    refused(question({ kind: "likert" }), "parks", "unknown_option");
  });
});

describe("multiple choice", () => {
  const multi = question({ kind: "multiple_choice", options: THEMES, minSelected: 2, maxSelected: 2 });
  test("returns the options in the question's order, each once", () => {
    expect(accepted(question({ kind: "multiple_choice", options: THEMES }), ["libraries", "parks", "libraries"])).toEqual(["parks", "libraries"]);
    expect(accepted(question({ kind: "multiple_choice", options: THEMES }), "buses")).toEqual(["buses"]);
  });
  test("selection bounds", () => {
    expect(refused(multi, ["parks"], "too_few_selected")).toMatchObject({ min: 2, max: 2, given: 1 });
    expect(refused(multi, ["parks", "buses", "libraries"], "too_many_selected")).toMatchObject({ max: 2, given: 3 });
    expect(accepted(multi, ["parks", "buses"])).toEqual(["parks", "buses"]);
  });
  test("an optional question with a minimum may be left blank but not half done", () => {
    expect(checkAnswer(optional(multi), [])).toEqual({ ok: true, value: null });
    refused(optional(multi), ["parks"], "too_few_selected");
  });
  test("unknown options and non-lists", () => {
    refused(multi, ["parks", "trams"], "unknown_option");
    refused(multi, ["parks", 7], "unknown_option");
    refused(multi, { parks: true }, "invalid_answer");
  });
});

describe("free text", () => {
  const text = question({ kind: "free_text", maxLength: 10 });
  test("stored trimmed, NFC, with LF line ends and no control characters", () => {
    expect(accepted(text, "  a\r\nb\rc ")).toBe("a\nb\nc");
    expect(accepted(text, "caf\u0065\u0301")).toBe("caf\u00e9");
    expect(accepted(text, "a\u0000b\u202Ec")).toBe("abc");
    expect(accepted(question({ kind: "free_text", multiline: false }), "one\n  two")).toBe("one two");
    expect(normaliseText("\t tab\t", true)).toBe("tab");
  });
  test("length is counted in characters, not UTF-16 units", () => {
    expect(accepted(text, "ŵŷ😀😀😀😀😀😀😀😀")).toBe("ŵŷ😀😀😀😀😀😀😀😀");
    expect(refused(text, "12345678901", "too_long")).toEqual({ kind: "free_text", max: 10, actual: 11 });
    const big = question({ kind: "free_text" });
    expect(refused(big, "x".repeat(2001), "too_long")).toMatchObject({ max: 2000, actual: 2001 });
    expect(accepted(big, "x".repeat(2000))).toHaveLength(2000);
  });
  test("blank after tidying is not answered", () => {
    refused(text, "\u0000 \r\n", "required");
  });
  test("not text", () => {
    refused(text, 42, "invalid_answer");
    refused(text, ["a"], "invalid_answer");
  });
  test.each([
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "an <i>emphasis</i>",
    "</p>",
    "<br>",
    "<br/>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href='https://example.com'>link</a>",
    "<!-- hidden -->",
    "<![CDATA[x]]>",
    "<!DOCTYPE html>",
    "<SCRIPT >",
    "<h1 class=\"x\">",
    // What a browser would read as a tag <y> with an attribute "and", so it is refused too.
    "x<y and y>z",
  ])("markup %j is refused", (value) => {
    expect(containsMarkup(value)).toBe(true);
    refused(question({ kind: "free_text" }), value, "contains_markup");
  });
  test.each([
    "a < b",
    "<3 the park",
    "x<y",
    "3<4 and 5>2",
    "3 < 4 > 2",
    "email me <name@example.com>",
    "<- this way ->",
    "price < £5",
    "<<>>",
    "< b >",
    "if a <b then",
  ])("plain text %j is fine", (value) => {
    expect(containsMarkup(value)).toBe(false);
    expect(accepted(question({ kind: "free_text" }), value)).toBe(value);
  });
});

describe("number", () => {
  const n = question({ kind: "number", min: 1, max: 10, integer: true });
  test("numbers and typed numbers", () => {
    expect(accepted(n, 3)).toBe(3);
    expect(accepted(n, " 7 ")).toBe(7);
    expect(accepted(question({ kind: "number" }), "1,250.5")).toBe(1250.5);
    expect(accepted(question({ kind: "number" }), "-0")).toBe(0);
    expect(accepted(question({ kind: "number" }), "−4")).toBe(-4);
  });
  test.each(["ten", "1e3", "0x10", "1,2", "Infinity", "1.2.3", "£5"])("%j is not a number", (value) => {
    refused(question({ kind: "number" }), value, "not_a_number");
  });
  test("non-finite and wrong types", () => {
    refused(n, Number.NaN, "not_a_number");
    refused(n, Number.POSITIVE_INFINITY, "not_a_number");
    refused(n, { n: 1 }, "not_a_number");
  });
  test("whole numbers and bounds", () => {
    expect(refused(n, 2.5, "not_whole_number")).toMatchObject({ integer: true });
    expect(refused(n, 0, "below_min")).toMatchObject({ min: 1, max: 10 });
    expect(refused(n, "11", "above_max")).toMatchObject({ min: 1, max: 10 });
    expect(accepted(question({ kind: "number" }), 2.5)).toBe(2.5);
    refused(question({ kind: "number" }), 1e16, "above_max");
  });
});

describe("postcode", () => {
  const p = question({ kind: "postcode" });
  test("normalised", () => {
    expect(accepted(p, " m32  0tl")).toBe("M32 0TL");
    expect(accepted(p, "wa15-8ab")).toBe("WA15 8AB");
  });
  test.each(["M32", "QA1 1AA", "not a postcode", "M32 0TL; DROP TABLE"])("%j is refused", (value) => {
    refused(p, value, "postcode_invalid");
  });
  test("a very long string is refused without work", () => {
    refused(p, "M32 0TL ".repeat(5000), "postcode_invalid");
  });
  test("not text", () => {
    refused(p, 12345, "invalid_answer");
  });
});

describe("ranking", () => {
  const all = question({ kind: "ranking", options: THEMES });
  const top2 = question({ kind: "ranking", options: THEMES, rankCount: 2 });
  test("stored as option ids, first choice first, from either form", () => {
    expect(accepted(all, ["buses", "parks", "libraries"])).toEqual(["buses", "parks", "libraries"]);
    expect(accepted(all, { libraries: 3, parks: 1, buses: 2 })).toEqual(["parks", "buses", "libraries"]);
    expect(accepted(all, { libraries: "3", parks: "1", buses: "2" })).toEqual(["parks", "buses", "libraries"]);
  });
  test("top K: exactly K ranked, the rest left out", () => {
    expect(accepted(top2, { libraries: 1, buses: 2 })).toEqual(["libraries", "buses"]);
    expect(accepted(top2, { libraries: 1, buses: 2, parks: "" })).toEqual(["libraries", "buses"]);
    expect(refused(top2, { libraries: 1 }, "ranking_incomplete")).toMatchObject({ rank: 2, needed: 2, given: 1 });
    expect(refused(top2, ["parks"], "ranking_incomplete")).toMatchObject({ rank: 2 });
    refused(top2, { libraries: 1, buses: 2, parks: 3 }, "ranking_invalid");
    refused(top2, ["parks", "buses", "libraries"], "ranking_invalid");
  });
  test("a partial ranking of all is incomplete, naming the first gap", () => {
    expect(refused(all, { parks: 1, buses: 3 }, "ranking_incomplete")).toMatchObject({ rank: 2, needed: 3 });
    expect(refused(all, { parks: 2, buses: 3 }, "ranking_incomplete")).toMatchObject({ rank: 1 });
  });
  test("duplicates", () => {
    expect(refused(all, { parks: 1, buses: 1, libraries: 2 }, "ranking_duplicate")).toMatchObject({ rank: 1 });
    refused(all, ["parks", "parks", "buses"], "ranking_duplicate");
  });
  test("unknown options, bad positions, wrong shapes", () => {
    refused(all, { parks: 1, trams: 2 }, "unknown_option");
    refused(all, ["parks", "trams"], "unknown_option");
    refused(all, { parks: 1.5 }, "ranking_invalid");
    refused(all, { parks: -1 }, "ranking_invalid");
    refused(all, { parks: Number.NaN }, "ranking_invalid");
    refused(all, { parks: "first" }, "ranking_invalid");
    refused(all, "parks", "invalid_answer");
  });
  test("nothing ranked is not answered", () => {
    refused(all, { parks: "", buses: 0 }, "required");
    expect(checkAnswer(optional(all), {})).toEqual({ ok: true, value: null });
  });
  test("property: any permutation's prefix of length K is accepted as given", () => {
    const rnd = random(7);
    for (let run = 0; run < 300; run++) {
      const k = int(rnd, 1, THEMES.length);
      const q = question({ kind: "ranking", options: THEMES, rankCount: k });
      const order = [...THEMES.map((t) => t.id)].sort(() => rnd() - 0.5).slice(0, k);
      expect(accepted(q, order)).toEqual(order);
      expect(accepted(q, Object.fromEntries(order.map((id, i) => [id, i + 1])))).toEqual(order);
    }
  });
});

describe("points", () => {
  const share = question({ kind: "points", options: THEMES, total: 100, mustUseAll: true, perOptionMax: 80 });
  const upTo = question({ kind: "points", options: THEMES, total: 100, mustUseAll: false });
  test("zeros dropped, options in order", () => {
    expect(accepted(share, { libraries: 40, parks: 60, buses: 0 })).toEqual({ parks: 60, libraries: 40 });
    expect(accepted(share, { parks: "60", buses: "40", libraries: "" })).toEqual({ parks: 60, buses: 40 });
    expect(accepted(upTo, { parks: 10 })).toEqual({ parks: 10 });
  });
  test("the total", () => {
    expect(refused(share, { parks: 50, buses: 40 }, "points_total_wrong")).toEqual({ kind: "points", total: 100, given: 90 });
    expect(refused(upTo, { parks: 70, buses: 40 }, "points_over_total")).toMatchObject({ total: 100, given: 110 });
    expect(refused(share, { parks: 70, buses: 40 }, "points_over_total")).toMatchObject({ given: 110 });
  });
  test("each number", () => {
    expect(refused(share, { parks: 81, buses: 19 }, "points_over_cap")).toMatchObject({ optionId: "parks", cap: 80, given: 81 });
    expect(refused(share, { parks: -10, buses: 110 }, "points_negative")).toMatchObject({ optionId: "parks" });
    refused(share, { parks: 50.5, buses: 49.5 }, "points_not_whole");
    refused(share, { parks: "ten" }, "points_not_whole");
    refused(share, { parks: Number.NaN }, "points_not_whole");
    refused(share, { parks: 2 ** 60 }, "points_not_whole");
    refused(share, { parks: null, buses: true }, "points_not_whole");
  });
  test("unknown options and shapes, including prototype names", () => {
    refused(share, { parks: 50, trams: 50 }, "unknown_option");
    refused(share, JSON.parse('{"__proto__": 100}'), "unknown_option");
    refused(share, { constructor: 100 }, "unknown_option");
    refused(share, [50, 50], "invalid_answer");
    refused(share, 100, "invalid_answer");
  });
  test("money: pence, typed as pounds", () => {
    const money = question({ kind: "points", options: THEMES, total: 1_000_000, mustUseAll: true, money: true });
    expect(accepted(money, { parks: "£7,500.50", buses: "2499.50" })).toEqual({ parks: 750_050, buses: 249_950 });
    expect(refused(money, { parks: "£9,000" }, "points_total_wrong")).toMatchObject({ total: 1_000_000, given: 900_000, money: true });
    refused(money, { parks: "-£5" }, "points_negative");
    refused(money, { parks: "1.505" }, "points_not_whole");
  });
  test("property: accepted exactly when the rules hold, and the sum is exact", () => {
    const rnd = random(2026);
    for (let run = 0; run < 2000; run++) {
      const total = int(rnd, 1, 500);
      const cap = rnd() < 0.5 ? undefined : int(rnd, Math.ceil(total / THEMES.length), total);
      const mustUseAll = rnd() < 0.5;
      const q = question({ kind: "points", options: THEMES, total, mustUseAll, ...(cap ? { perOptionMax: cap } : {}) });
      const given: Record<string, number> = {};
      for (const t of THEMES) if (rnd() < 0.8) given[t.id] = rnd() < 0.05 ? -int(rnd, 1, 5) : rnd() < 0.05 ? int(rnd, 0, 10) + 0.5 : int(rnd, 0, total);
      const values = Object.values(given);
      const sum = values.reduce((a, b) => a + b, 0);
      const valid =
        values.every((v) => Number.isInteger(v) && v >= 0 && (cap === undefined || v <= cap)) && sum > 0 && sum <= total && (!mustUseAll || sum === total);
      const r = checkAnswer(q, given);
      expect(r.ok && r.value !== null).toBe(valid);
      if (r.ok && r.value) expect(Object.values(r.value as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(sum);
    }
  });
});

describe("place", () => {
  const place = question({ kind: "map" });
  const context = { wardCodes: WARDS };
  test("a ward, a description, or both; a point as well", () => {
    expect(accepted(place, { wardCode: " E05000820 " }, context)).toEqual({ wardCode: "E05000820" });
    expect(accepted(place, { description: " The bench by the pond " }, context)).toEqual({ description: "The bench by the pond" });
    expect(accepted(place, { wardCode: "E05000821", description: "Here", lat: 53.45, lng: "-2.31" }, context)).toEqual({
      wardCode: "E05000821",
      description: "Here",
      lat: 53.45,
      lng: -2.31,
    });
  });
  test("wards not on the council's list, or no list at all", () => {
    expect(refused(place, { wardCode: "E05999999" }, "place_unknown_ward", context)).toMatchObject({ field: "ward" });
    refused(place, { wardCode: "E05000820" }, "place_unknown_ward");
  });
  test("a point alone is not enough: the text alternative must carry the answer", () => {
    refused(place, { lat: 53.45, lng: -2.31 }, "place_required", context);
    refused(optional(place), { lat: 53.45, lng: -2.31 }, "place_required", context);
  });
  test("points outside the UK, half a point, not numbers", () => {
    refused(place, { description: "x", lat: 48.85, lng: 2.35 }, "place_point_invalid", context);
    refused(place, { description: "x", lat: 53.45 }, "place_point_invalid", context);
    refused(place, { description: "x", lat: Number.NaN, lng: -2 }, "place_point_invalid", context);
    refused(place, { description: "x", lat: "north", lng: -2 }, "place_point_invalid", context);
  });
  test("the description is plain text with a length", () => {
    expect(refused(place, { description: "x".repeat(1001) }, "too_long", context)).toMatchObject({ field: "description", max: 1000, actual: 1001 });
    expect(refused(place, { description: "<b>here</b>" }, "contains_markup", context)).toMatchObject({ field: "description" });
    refused(place, { description: 5 }, "invalid_answer", context);
    refused(place, { wardCode: 5 }, "invalid_answer", context);
    refused(place, "Longford", "invalid_answer", context);
  });
});

test("every answer reason is exercised", () => {
  expect(ANSWER_REASONS.filter((r) => !seenReasons.has(r))).toEqual([]);
});

describe("conditions and pages", () => {
  const q = definition(EVERY_KIND);
  const ids = (qs: { id: string }[]) => qs.map((x) => x.id);

  test("conditions: equals, includes, answered, and chains", () => {
    expect(ids(visibleQuestions(q, {}))).toEqual(["priority", "uses", "agree", "postcode", "rank", "share", "place"]);
    expect(ids(visibleQuestions(q, { priority: "parks" }))).toContain("why-parks");
    expect(ids(visibleQuestions(q, { priority: "parks", "why-parks": "Fresh air" }))).toContain("which-park");
    // The chain: "which-park" hangs on "why-parks", which is hidden once parks is not the priority.
    expect(ids(visibleQuestions(q, { priority: "buses", "why-parks": "Fresh air" }))).not.toContain("which-park");
    expect(ids(visibleQuestions(q, { uses: ["libraries"] }))).toContain("library-visits");
    expect(ids(visibleQuestions(q, { uses: ["parks"] }))).not.toContain("library-visits");
  });

  test("includes reads choices, rankings (either form) and points", () => {
    const c = { questionId: "x", includes: "parks" };
    expect(conditionHolds(c, "parks")).toBe(true);
    expect(conditionHolds(c, ["buses", "parks"])).toBe(true);
    expect(conditionHolds(c, { parks: 2 })).toBe(true);
    expect(conditionHolds(c, { parks: 0 })).toBe(false);
    expect(conditionHolds(c, { parks: "" })).toBe(false);
    expect(conditionHolds(c, { parks: "1" })).toBe(true);
    expect(conditionHolds(c, JSON.parse('{"__proto__": {"parks": 1}}'))).toBe(false);
    expect(conditionHolds(c, undefined)).toBe(false);
    expect(conditionHolds({ questionId: "x", answered: true }, "  ")).toBe(false);
    expect(conditionHolds({ questionId: "x", equals: "parks" }, ["parks"])).toBe(false);
  });

  test("pages with nothing to ask are skipped both ways", () => {
    const answers = { uses: ["parks"] };
    expect(visiblePages(q, answers).map((p) => p.id)).toEqual(["about", "more", "you"]);
    expect(nextPageId(q, "more", answers)).toBe("you");
    expect(previousPageId(q, "you", answers)).toBe("more");
    expect(nextPageId(q, "more", { uses: ["libraries"] })).toBe("library-page");
    expect(previousPageId(q, "about", answers)).toBeNull();
    expect(nextPageId(q, "you", answers)).toBeNull();
    expect(nextPageId(q, "nope", answers)).toBeNull();
    expect(previousPageId(q, "nope", answers)).toBeNull();
    expect(firstPageId(q, {})).toBe("about");
    expect(firstPageId(definition({ pages: [] }), {})).toBeNull();
  });

  test("visiblePages keeps only the questions asked", () => {
    const more = visiblePages(q, { priority: "buses" }).find((p) => p.id === "more")!;
    expect(ids(more.questions)).toEqual(["uses", "agree"]);
  });

  test("checkPage: the page's visible questions only, with the answers to keep", () => {
    const page = checkPage(q, "about", { priority: "parks", "why-parks": "  Trees  " });
    expect(page).toEqual({ answers: { priority: "parks", "why-parks": "Trees" }, errors: {} });
    const bad = checkPage(q, "more", { uses: ["parks", "buses", "libraries"] }, { wardCodes: WARDS });
    expect(Object.keys(bad.errors)).toEqual(["uses", "agree"]);
    expect(bad.errors.uses).toMatchObject({ reason: "too_many_selected" });
    expect(checkPage(q, "library-page", {})).toEqual({ answers: {}, errors: {} });
    expect(checkPage(q, "nope", {})).toEqual({ answers: {}, errors: {} });
  });

  const complete = {
    priority: "parks",
    "why-parks": "Fresh air",
    "which-park": "Longford Park",
    uses: ["libraries", "parks"],
    agree: "agree",
    "library-visits": "4",
    postcode: "m32 0tl",
    rank: { buses: 2, parks: 1 },
    share: { parks: 60, buses: 40 },
    place: { wardCode: "E05000820" },
  };

  test("checkComplete: normalised answers to store", () => {
    const r = checkComplete(q, complete, { wardCodes: WARDS });
    expect(r).toEqual({
      ok: true,
      value: {
        priority: "parks",
        "why-parks": "Fresh air",
        "which-park": "Longford Park",
        uses: ["parks", "libraries"],
        agree: "agree",
        "library-visits": 4,
        postcode: "M32 0TL",
        rank: ["parks", "buses"],
        share: { parks: 60, buses: 40 },
        place: { wardCode: "E05000820" },
      },
    });
  });

  test("checkComplete drops answers to hidden questions and to unknown ids", () => {
    const r = checkComplete(q, { ...complete, priority: "buses", uses: ["parks"], stray: "x", constructor: "y" }, { wardCodes: WARDS });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value)).toEqual(["priority", "uses", "agree", "postcode", "rank", "share", "place"]);
  });

  test("an invalid answer to a hidden question does not block", () => {
    const r = checkComplete(q, { ...complete, priority: "buses", "why-parks": "<script>", "library-visits": "lots", uses: ["buses"] }, { wardCodes: WARDS });
    expect(r.ok).toBe(true);
  });

  test("checkComplete names the first page with a problem and every error", () => {
    const r = checkComplete(q, { ...complete, agree: undefined, share: { parks: 50, buses: 40 } }, { wardCodes: WARDS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe("incomplete");
    expect(r.detail.pageId).toBe("more");
    expect(Object.keys(r.detail.errors)).toEqual(["agree", "share"]);
    expect(r.detail.errors.share).toEqual({ reason: "points_total_wrong", detail: { kind: "points", total: 100, given: 90 } });
  });

  test("a question id that is also an Object.prototype name is not answered by inheritance", () => {
    const proto = definition({ pages: [{ id: "p", questions: [{ id: "constructor", kind: "free_text", title: "T", required: true }] }] });
    const r = checkComplete(proto, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail.errors.constructor).toMatchObject({ reason: "required" });
    expect(checkComplete(proto, { constructor: "hello" })).toEqual({ ok: true, value: { constructor: "hello" } });
  });

  test("property: random answers never throw; what passes is stable and only visible", () => {
    const rnd = random(99);
    const garbage: unknown[] = [undefined, null, "", "parks", "buses", "libraries", "x", 3, -1, 2.5, Number.NaN, [], ["parks"], ["parks", "buses"], {}, { parks: 100 }, { parks: 1, buses: 2 }, { wardCode: "E05000820" }, { description: "a place" }, "M32 0TL", "<b>", true];
    for (let run = 0; run < 1500; run++) {
      const answers: Record<string, unknown> = {};
      for (const x of [...Object.keys(complete), "stray"]) if (rnd() < 0.8) answers[x] = rnd() < 0.5 ? (complete as Record<string, unknown>)[x] : pick(rnd, garbage);
      const r = checkComplete(q, answers, { wardCodes: WARDS });
      if (!r.ok) {
        expect(Object.keys(r.detail.errors).length).toBeGreaterThan(0);
        expect(findQuestion(q, Object.keys(r.detail.errors)[0]!)).toBeDefined();
        continue;
      }
      const visible = new Set(visibleQuestions(q, r.value).map((x) => x.id));
      for (const id of Object.keys(r.value)) expect(visible.has(id)).toBe(true);
      expect(checkComplete(q, r.value, { wardCodes: WARDS })).toEqual(r);
    }
  });
});
