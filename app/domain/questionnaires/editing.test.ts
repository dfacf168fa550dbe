import { describe, expect, it } from "vitest";
import { addQuestion, BLANK_QUESTION_FORM, moveQuestion, readQuestionForm, removeQuestion, slugFor } from "./editing.ts";
import { allQuestions, likertOptions, parseQuestionnaire, type Questionnaire } from "./questionnaire.ts";

const form = (over: Partial<typeof BLANK_QUESTION_FORM>) => ({ ...BLANK_QUESTION_FORM, ...over });

function build(...titles: string[]): Questionnaire {
  let q: Questionnaire = { pages: [] };
  for (const title of titles) {
    const read = readQuestionForm(form({ titleEn: title, options: "Yes\nNo" }), q, likertOptions);
    if (!read.ok) throw new Error(JSON.stringify(read.detail));
    q = addQuestion(q, read.value.question, read.value.pageId);
  }
  return q;
}

describe("the add-a-question form", () => {
  it("makes ids from the words, unique, and options from lines with optional Welsh", () => {
    expect(slugFor("Parks & green spaces!", new Set(), "x")).toBe("parks-green-spaces");
    expect(slugFor("Parks", new Set(["parks"]), "x")).toBe("parks-2");
    const q = build("Do you use the park?");
    const read = readQuestionForm(form({ titleEn: "Do you use the park?", options: "Often | Yn aml\nNever" }), q, likertOptions);
    expect(read.ok && read.value.question).toMatchObject({ id: "do-you-use-the-park-2", kind: "single_choice", options: [{ id: "often", label: { en: "Often", cy: "Yn aml" } }, { id: "never" }] });
  });

  it("refuses a missing question, too few options, a points question without a total and an unknown condition", () => {
    const q = build("First");
    expect(readQuestionForm(form({ titleEn: "", options: "One" }), q, likertOptions)).toMatchObject({ ok: false, detail: { fieldErrors: { titleEn: "required", options: "options_required" } } });
    expect(readQuestionForm(form({ kind: "points", titleEn: "Share", options: "A\nB" }), q, likertOptions)).toMatchObject({ ok: false, detail: { fieldErrors: { total: "required" } } });
    expect(readQuestionForm(form({ titleEn: "Why?", kind: "free_text", showIfQuestion: "first", showIfOption: "maybe" }), q, likertOptions)).toMatchObject({
      ok: false,
      detail: { fieldErrors: { showIfQuestion: "unknown_condition" } },
    });
    expect(readQuestionForm(form({ kind: "sql", titleEn: "x" }), q, likertOptions)).toMatchObject({ ok: false, detail: { fieldErrors: { kind: "unknown_kind" } } });
  });

  it("gives a likert question the five-point scale and a condition on an earlier answer", () => {
    const q = build("First");
    const read = readQuestionForm(form({ kind: "likert", titleEn: "Parks are safe", showIfQuestion: "first", showIfOption: "yes", page: q.pages[0]!.id }), q, likertOptions);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.question).toMatchObject({ kind: "likert", showIf: { questionId: "first", includes: "yes" } });
    const next = addQuestion(q, read.value.question, read.value.pageId);
    expect(next.pages).toHaveLength(1);
    expect(parseQuestionnaire(next).ok).toBe(true);
  });
});

describe("editing the list", () => {
  it("moves a question within its page and across pages, dropping empty pages", () => {
    const q = build("One", "Two", "Three");
    const up = moveQuestion(q, "two", "up");
    expect(up.pages.map((p) => p.questions.map((x) => x.id))).toEqual([["one", "two"], ["three"]]);
    expect(allQuestions(moveQuestion(up, "two", "down")).map((x) => x.id)).toEqual(["one", "two", "three"]);
  });

  it("removes a question and its empty page, but not one another question depends on", () => {
    let q = build("One");
    const read = readQuestionForm(form({ titleEn: "Why?", kind: "free_text", showIfQuestion: "one" }), q, likertOptions);
    if (!read.ok) throw new Error("setup");
    q = addQuestion(q, read.value.question, null);
    expect(removeQuestion(q, "one")).toMatchObject({ ok: false, reason: "has_dependants", detail: { questionIds: ["why"] } });
    const removed = removeQuestion(q, "why");
    expect(removed.ok && removed.value.pages).toHaveLength(1);
  });
});
