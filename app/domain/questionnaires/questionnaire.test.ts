import { describe, expect, test } from "vitest";
import {
  allQuestions,
  DEFINITION_REASONS,
  findQuestion,
  likertOptions,
  LIMITS,
  localText,
  pageOfQuestion,
  parseQuestionnaire,
  type DefinitionDetail,
  type DefinitionReason,
} from "./questionnaire.ts";
import { EVERY_KIND, THEMES, definition } from "./test-fixtures.ts";

const clone = <T>(x: T): T => structuredClone(x);

/** One page with the given questions. */
function onePage(...questions: unknown[]) {
  return { pages: [{ id: "p", questions }] };
}

const choice = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: "single_choice", title: "Choose", required: true, options: THEMES, ...extra });

describe("parseQuestionnaire: valid definitions", () => {
  test("every kind parses, with defaults filled in", () => {
    const q = definition(EVERY_KIND);
    expect(allQuestions(q).map((x) => x.kind)).toEqual([
      "single_choice",
      "free_text",
      "free_text",
      "multiple_choice",
      "likert",
      "number",
      "postcode",
      "ranking",
      "points",
      "map",
    ]);
    const agree = findQuestion(q, "agree");
    expect(agree?.kind === "likert" && agree.options).toEqual(likertOptions());
    const which = findQuestion(q, "which-park");
    expect(which).toMatchObject({ kind: "free_text", maxLength: LIMITS.freeTextDefault, multiline: false });
    expect(findQuestion(q, "why-parks")).toMatchObject({ maxLength: 200, multiline: true });
    expect(findQuestion(q, "share")).toMatchObject({ total: 100, mustUseAll: true, perOptionMax: 80 });
    expect(pageOfQuestion(q, "rank")?.id).toBe("you");
    expect(findQuestion(q, "nope")).toBeUndefined();
  });

  test("a bare string is English text; blank Welsh is dropped; text is trimmed", () => {
    const q = definition(onePage({ id: "a", kind: "postcode", title: "  Postcode ", hint: { en: "For example M32 0TL", cy: "  " }, required: true }));
    const a = q.pages[0]!.questions[0]!;
    expect(a.title).toEqual({ en: "Postcode" });
    expect(a.hint).toEqual({ en: "For example M32 0TL" });
  });

  test("parsing a parsed questionnaire gives it back unchanged (stored JSON round-trips)", () => {
    const once = definition(EVERY_KIND);
    const twice = definition(JSON.parse(JSON.stringify(once)));
    expect(twice).toEqual(once);
  });

  test("JSON text is accepted; broken JSON is 'invalid_json'", () => {
    expect(parseQuestionnaire(JSON.stringify(EVERY_KIND)).ok).toBe(true);
    expect(parseQuestionnaire("{pages: [")).toMatchObject({ ok: false, reason: "invalid_json" });
  });

  test("an empty questionnaire parses (a new consultation has no questions yet)", () => {
    expect(parseQuestionnaire({ pages: [] })).toEqual({ ok: true, value: { pages: [] } });
  });

  test("unknown keys are dropped rather than stored", () => {
    const q = definition(onePage({ ...choice("a"), colour: "red" }));
    expect(Object.keys(q.pages[0]!.questions[0]!)).not.toContain("colour");
  });

  test("conditions may refer to earlier questions on the same page", () => {
    expect(parseQuestionnaire(onePage(choice("a"), { ...choice("b"), showIf: { questionId: "a", includes: "parks" } })).ok).toBe(true);
  });

  test("localText falls back to English", () => {
    expect(localText({ en: "Buses", cy: "Bysiau" }, "cy")).toBe("Bysiau");
    expect(localText({ en: "Buses" }, "cy")).toBe("Buses");
    expect(localText({ en: "Buses", cy: "Bysiau" }, "en")).toBe("Buses");
  });

  test("the likert scale has five points, strongly agree first, each in Welsh", () => {
    const scale = likertOptions();
    expect(scale.map((o) => o.id)).toEqual(["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]);
    expect(scale.every((o) => o.label.cy)).toBe(true);
    scale[0]!.label.en = "changed";
    expect(likertOptions()[0]!.label.en).toBe("Strongly agree");
  });
});

describe("parseQuestionnaire: refusals", () => {
  const many = (n: number, make: (i: number) => unknown) => Array.from({ length: n }, (_, i) => make(i));
  const cases: [string, unknown, DefinitionReason, Partial<DefinitionDetail>][] = [
    ["not an object", 42, "invalid_definition", { path: "" }],
    ["no pages", {}, "invalid_definition", { path: "pages" }],
    ["required flag missing", onePage({ id: "a", kind: "postcode", title: "P" }), "invalid_definition", { path: "pages[0].questions[0].required" }],
    ["bad question id", onePage({ ...choice("A b") }), "invalid_id", { path: "pages[0].questions[0].id", page: 1, question: 1 }],
    ["id too long", onePage(choice("a".repeat(41))), "invalid_id", {}],
    ["bad option id", onePage(choice("a", { options: [{ id: "ok", label: "Ok" }, { id: "Not OK", label: "No" }] })), "invalid_id", { option: 2 }],
    ["bad page id", { pages: [{ id: "Page 1", questions: [choice("a")] }] }, "invalid_id", { path: "pages[0].id" }],
    ["unknown kind", onePage({ id: "a", kind: "essay", title: "T", required: true }), "unknown_kind", { path: "pages[0].questions[0].kind" }],
    ["no title", onePage({ id: "a", kind: "postcode", required: true }), "missing_text", { path: "pages[0].questions[0].title" }],
    ["blank title", onePage({ id: "a", kind: "postcode", title: { en: "  " }, required: true }), "missing_text", {}],
    ["title too long", onePage({ id: "a", kind: "postcode", title: "x".repeat(301), required: true }), "text_too_long", { limit: 300 }],
    ["too many pages", { pages: many(101, (i) => ({ id: `p${i}`, questions: [choice(`q${i}`)] })) }, "too_many_pages", { limit: 100 }],
    ["too many questions on a page", onePage(...many(201, (i) => choice(`q${i}`))), "too_many_questions", {}],
    ["too many questions in all", { pages: many(3, (p) => ({ id: `p${p}`, questions: many(70, (i) => choice(`q${p}-${i}`)) })) }, "too_many_questions", { page: 3, limit: 200 }],
    ["too many options", onePage(choice("a", { options: many(51, (i) => ({ id: `o${i}`, label: `O${i}` })) })), "too_many_options", { limit: 50 }],
    ["empty page", { pages: [{ id: "p", questions: [] }] }, "empty_page", { page: 1 }],
    ["duplicate page id", { pages: [{ id: "p", questions: [choice("a")] }, { id: "p", questions: [choice("b")] }] }, "duplicate_page_id", { id: "p", page: 2 }],
    ["duplicate question id", { pages: [{ id: "p", questions: [choice("a")] }, { id: "r", questions: [choice("a")] }] }, "duplicate_question_id", { id: "a", page: 2 }],
    ["duplicate option id", onePage(choice("a", { options: [{ id: "x", label: "X" }, { id: "x", label: "Y" }] })), "duplicate_option_id", { id: "x", option: 2 }],
    [
      "field name clash",
      onePage({ id: "a", kind: "map", title: "Where", required: false }, { id: "a-ward", kind: "postcode", title: "P", required: false }),
      "field_name_clash",
      { id: "a-ward", question: 2 },
    ],
    ["choice without options", onePage({ id: "a", kind: "single_choice", title: "T", required: true }), "options_required", { path: "pages[0].questions[0].options" }],
    ["choice with one option", onePage(choice("a", { options: [THEMES[0]] })), "options_required", {}],
    ["ranking without options", onePage({ id: "a", kind: "ranking", title: "T", required: true, options: [] }), "options_required", {}],
    ["free text maxLength 0", onePage({ id: "a", kind: "free_text", title: "T", required: true, maxLength: 0 }), "max_length_invalid", {}],
    ["free text over the hard cap", onePage({ id: "a", kind: "free_text", title: "T", required: true, maxLength: 10_001 }), "max_length_invalid", {}],
    ["number min above max", onePage({ id: "a", kind: "number", title: "T", required: true, min: 10, max: 1 }), "min_above_max", { path: "pages[0].questions[0].min" }],
    ["selection min above max", onePage({ id: "a", kind: "multiple_choice", title: "T", required: true, options: THEMES, minSelected: 3, maxSelected: 2 }), "min_above_max", {}],
    ["maxSelected above options", onePage({ id: "a", kind: "multiple_choice", title: "T", required: true, options: THEMES, maxSelected: 4 }), "selection_out_of_range", { limit: 3 }],
    ["maxSelected 0", onePage({ id: "a", kind: "multiple_choice", title: "T", required: true, options: THEMES, maxSelected: 0 }), "selection_out_of_range", {}],
    ["minSelected fractional", onePage({ id: "a", kind: "multiple_choice", title: "T", required: true, options: THEMES, minSelected: 1.5 }), "selection_out_of_range", {}],
    ["rankCount 0", onePage({ id: "a", kind: "ranking", title: "T", required: true, options: THEMES, rankCount: 0 }), "rank_count_invalid", {}],
    ["rankCount above options", onePage({ id: "a", kind: "ranking", title: "T", required: true, options: THEMES, rankCount: 4 }), "rank_count_invalid", { limit: 3 }],
    ["points total 0", onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES, total: 0 }), "points_total_invalid", {}],
    ["points total negative", onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES, total: -5 }), "points_total_invalid", {}],
    ["points total fractional", onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES, total: 99.5 }), "points_total_invalid", {}],
    ["points total missing", onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES }), "points_total_invalid", {}],
    ["perOptionMax above total", onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES, total: 10, perOptionMax: 11 }), "per_option_max_invalid", { limit: 10 }],
    [
      "total unreachable",
      onePage({ id: "a", kind: "points", title: "T", required: true, options: THEMES, total: 100, perOptionMax: 30, mustUseAll: true }),
      "points_unreachable",
      { limit: 100 },
    ],
    ["condition with nothing to test", onePage(choice("a"), { ...choice("b"), showIf: { questionId: "a" } }), "condition_invalid", {}],
    ["condition with two tests", onePage(choice("a"), { ...choice("b"), showIf: { questionId: "a", equals: "parks", answered: true } }), "condition_invalid", {}],
    [
      "equals on a multiple choice",
      onePage({ id: "a", kind: "multiple_choice", title: "T", required: true, options: THEMES }, { ...choice("b"), showIf: { questionId: "a", equals: "parks" } }),
      "condition_invalid",
      {},
    ],
    [
      "includes on free text",
      onePage({ id: "a", kind: "free_text", title: "T", required: true }, { ...choice("b"), showIf: { questionId: "a", includes: "x" } }),
      "condition_invalid",
      {},
    ],
    ["condition on an unknown question", onePage({ ...choice("b"), showIf: { questionId: "zzz", answered: true } }), "condition_unknown_question", { id: "zzz" }],
    ["condition on a later question", onePage({ ...choice("b"), showIf: { questionId: "a", answered: true } }, choice("a")), "condition_forward_reference", { id: "a" }],
    [
      "condition on a later page",
      { pages: [{ id: "p", questions: [{ ...choice("b"), showIf: { questionId: "a", equals: "parks" } }] }, { id: "r", questions: [choice("a")] }] },
      "condition_forward_reference",
      { id: "a" },
    ],
    ["condition on itself", onePage({ ...choice("a"), showIf: { questionId: "a", answered: true } }), "condition_forward_reference", { id: "a" }],
    ["condition on an unknown option", onePage(choice("a"), { ...choice("b"), showIf: { questionId: "a", equals: "trams" } }), "condition_unknown_option", { id: "trams" }],
  ];

  test.each(cases)("%s", (_name, json, reason, detail) => {
    const parsed = parseQuestionnaire(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe(reason);
    expect(parsed.detail).toMatchObject(detail);
  });

  test("every reason is exercised above", () => {
    const seen = new Set<string>(cases.map((c) => c[2]));
    seen.add("invalid_json");
    expect(DEFINITION_REASONS.filter((r) => !seen.has(r))).toEqual([]);
  });

  test("a huge list of pages is refused without looking at each one", () => {
    const pages = Array.from({ length: 100_000 }, () => ({ nonsense: true }));
    const started = performance.now();
    expect(parseQuestionnaire({ pages })).toMatchObject({ ok: false, reason: "too_many_pages" });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("refusing does not change the input", () => {
    const json = clone(EVERY_KIND);
    parseQuestionnaire(json);
    expect(json).toEqual(EVERY_KIND);
  });
});
