import { describe, expect, test } from "vitest";
import { LOCALES } from "../i18n/locale.ts";
import { ANSWER_REASONS, checkAnswer } from "./answers.ts";
import { ANSWER_MESSAGES, answerMessage, DEFINITION_MESSAGES, definitionMessage, MONEY_MESSAGES, REQUIRED_MESSAGES } from "./messages.ts";
import { DEFINITION_REASONS, parseQuestionnaire, type Question } from "./questionnaire.ts";
import { THEMES, definition } from "./test-fixtures.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function question(json: Record<string, unknown>): Question {
  return definition({ pages: [{ id: "p", questions: [{ id: "q", title: "Q", required: true, ...json }] }] }).pages[0]!.questions[0]!;
}

function message(q: Question, value: unknown, locale: "en" | "cy" = "en", context = {}) {
  const r = checkAnswer(q, value, context);
  if (r.ok) throw new Error("expected a refusal");
  return answerMessage(r.reason, locale, q, r.detail);
}

describe("catalogues", () => {
  test("every reason in both languages, with the same placeholders", () => {
    for (const catalogue of [ANSWER_MESSAGES, DEFINITION_MESSAGES, REQUIRED_MESSAGES, MONEY_MESSAGES] as Record<string, Record<string, string>>[]) {
      for (const key of Object.keys(catalogue.en!)) {
        for (const locale of LOCALES) expect(catalogue[locale]![key], `${locale} ${key}`).toMatch(/\S/);
        // Welsh has no plural "{options}": it keeps the singular noun after a number.
        expect(placeholders(catalogue.cy![key]!).filter((p) => p !== "options")).toEqual(placeholders(catalogue.en![key]!).filter((p) => p !== "options"));
      }
    }
    expect(Object.keys(ANSWER_MESSAGES.en).sort()).toEqual([...ANSWER_REASONS].sort());
    expect(Object.keys(DEFINITION_MESSAGES.en).sort()).toEqual([...DEFINITION_REASONS].sort());
  });

  test("no message is left with a placeholder, whatever the detail", () => {
    for (const locale of LOCALES) {
      for (const reason of ANSWER_REASONS) expect(answerMessage(reason, locale)).not.toMatch(/\{\w+\}/);
      for (const reason of DEFINITION_REASONS) expect(definitionMessage(reason, locale)).not.toMatch(/\{\w+\}/);
    }
  });
});

describe("answer messages say what to do", () => {
  test("GOV.UK wording", () => {
    expect(message(question({ kind: "single_choice", options: THEMES }), undefined)).toBe("Select an option");
    expect(message(question({ kind: "multiple_choice", options: THEMES }), [])).toBe("Select at least 1 option");
    expect(message(question({ kind: "multiple_choice", options: THEMES, minSelected: 2 }), ["parks"])).toBe("Select at least 2 options");
    expect(message(question({ kind: "multiple_choice", options: THEMES, maxSelected: 1 }), ["parks", "buses"])).toBe("Select no more than 1 option");
    expect(message(question({ kind: "free_text" }), "")).toBe("Enter your answer");
    expect(message(question({ kind: "free_text" }), "x".repeat(2150))).toBe("Your answer must be 2,000 characters or fewer (it has 2,150)");
    expect(message(question({ kind: "free_text" }), "<b>hi</b>")).toMatch(/^Your answer must not include HTML tags/);
    expect(message(question({ kind: "number", min: 1, max: 10 }), 11)).toBe("Enter a number between 1 and 10");
    expect(message(question({ kind: "number", min: 1, max: 10 }), 0)).toBe("Enter a number between 1 and 10");
    expect(message(question({ kind: "number", min: 1000 }), 5)).toBe("Enter a number that is 1,000 or more");
    expect(message(question({ kind: "number", max: 10 }), 50)).toBe("Enter a number that is 10 or less");
    expect(message(question({ kind: "number", integer: true }), 2.5)).toBe("Enter a whole number, like 12");
    expect(message(question({ kind: "postcode" }), "M1")).toBe("Enter a full UK postcode, like M32 0TL");
    expect(message(question({ kind: "ranking", options: THEMES }), {})).toBe("Number 3 options in order, from 1 to 3");
    expect(message(question({ kind: "ranking", options: THEMES, rankCount: 2 }), {})).toBe("Choose your top 2 and number them in order, from 1 to 2");
    expect(message(question({ kind: "ranking", options: THEMES }), { parks: 1, buses: 1, libraries: 2 })).toBe(
      "Give each option a different position: more than one is number 1",
    );
    expect(message(question({ kind: "ranking", options: THEMES }), { parks: 1, buses: 3 })).toBe("Number 3 options from 1 to 3: nothing is number 2 yet");
    expect(message(question({ kind: "map" }), { wardCode: "X" }, "en", { wardCodes: ["E05000820"] })).toBe("Choose a ward from the list");
    expect(message(question({ kind: "map" }), {})).toBe("Choose a ward or describe the place");
  });

  test("points", () => {
    const points = question({ kind: "points", options: THEMES, total: 100, mustUseAll: true, perOptionMax: 50 });
    expect(message(points, {})).toBe("Share out your 100 points between the options");
    expect(message(points, { parks: 50, buses: 40 })).toBe("You have allocated 90 of 100 points: allocate all 100");
    expect(message(points, { parks: 50, buses: 40 }, "cy")).toBe("Rydych wedi dyrannu 90 o 100 pwynt: dyrannwch y cyfan o'r 100");
    expect(message(points, { parks: 60, buses: 40 })).toBe("You can give each option up to 50 points");
    expect(message(points, { parks: 50, buses: 50, libraries: 20 })).toBe("You have allocated 120 points but you have 100: take off 20");
    expect(message(points, { parks: -1 })).toBe("Points must be 0 or more");
    expect(message(points, { parks: 1.5 })).toBe("Enter whole numbers of points, like 10");
  });

  test("money", () => {
    const money = question({ kind: "points", options: THEMES, total: 10_000, mustUseAll: true, money: true });
    expect(message(money, { parks: 9000 })).toBe("You have allocated £90 of £100: allocate all £100");
    expect(message(money, {})).toBe("Share out the £100 between the options");
    expect(message(money, { parks: "£1.505" })).toBe("Enter amounts in pounds, like 150 or 150.50");
  });

  test("place description problems name the description", () => {
    expect(message(question({ kind: "map" }), { description: "x".repeat(1200) })).toBe("The description must be 1,000 characters or fewer (it has 1,200)");
  });

  test("without the question, the detail is enough", () => {
    const q = question({ kind: "points", options: THEMES, total: 100, mustUseAll: true });
    const r = checkAnswer(q, { parks: 90 });
    expect(!r.ok && answerMessage(r.reason, "en", undefined, r.detail)).toBe("You have allocated 90 of 100 points: allocate all 100");
    const req = checkAnswer(q, undefined);
    expect(!req.ok && answerMessage(req.reason, "en", undefined, req.detail)).toBe("Share out your 100 points between the options");
  });
});

describe("definition messages say where", () => {
  test("page and question numbers for officers", () => {
    const r = parseQuestionnaire({
      pages: [
        { id: "p", questions: [{ id: "a", kind: "postcode", title: "A", required: true }] },
        { id: "r", questions: [{ id: "b", kind: "postcode", title: "B", required: true }, { id: "a", kind: "postcode", title: "C", required: true }] },
      ],
    });
    expect(!r.ok && definitionMessage(r.reason, "en", r.detail)).toBe("Page 2, question 2: another question already has the id a");
    expect(!r.ok && definitionMessage(r.reason, "cy", r.detail)).toBe("Tudalen 2, cwestiwn 2: mae gan gwestiwn arall y dynodydd a yn barod");
  });

  test("with no place, the sentence starts with a capital", () => {
    expect(definitionMessage("too_many_pages", "en", { path: "pages", limit: 100 })).toBe("There can be no more than 100 pages");
    expect(definitionMessage("invalid_json", "en")).toBe("The questions could not be read: they are not valid JSON");
  });

  test("a generic problem names the field", () => {
    const r = parseQuestionnaire({ pages: [{ id: "p", questions: [{ id: "a", kind: "postcode", title: "A" }] }] });
    expect(!r.ok && definitionMessage(r.reason, "en", r.detail)).toBe("Page 1, question 1: required is missing or not valid");
  });
});
