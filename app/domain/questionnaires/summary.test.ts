import { describe, expect, test } from "vitest";
import { answerSummary, summaryRows } from "./summary.ts";
import { findQuestion } from "./questionnaire.ts";
import { EVERY_KIND, THEMES, definition } from "./test-fixtures.ts";

const q = definition(EVERY_KIND);
const question = (id: string) => findQuestion(q, id)!;

describe("answerSummary", () => {
  test("each kind in English", () => {
    expect(answerSummary(question("priority"), "parks", "en")).toBe("Parks and green spaces");
    expect(answerSummary(question("uses"), ["parks", "libraries"], "en")).toBe("Parks and green spaces; Libraries");
    expect(answerSummary(question("agree"), "neither", "en")).toBe("Neither agree nor disagree");
    expect(answerSummary(question("why-parks"), "Fresh air\nand trees", "en")).toBe("Fresh air\nand trees");
    expect(answerSummary(question("library-visits"), 1250, "en")).toBe("1,250 visits");
    expect(answerSummary(question("postcode"), "M32 0TL", "en")).toBe("M32 0TL");
    expect(answerSummary(question("rank"), ["buses", "parks"], "en")).toBe("1. Buses 2. Parks and green spaces");
    expect(answerSummary(question("share"), { parks: 40, buses: 60 }, "en")).toBe("Parks and green spaces: 40 points; Buses: 60 points");
    expect(answerSummary(question("share"), { buses: 1 }, "en")).toBe("Buses: 1 point");
  });

  test("Welsh labels, falling back to English where the officer gave none", () => {
    expect(answerSummary(question("priority"), "buses", "cy")).toBe("Bysiau");
    expect(answerSummary(question("share"), { parks: 40, buses: 60 }, "cy")).toBe("Parciau a mannau gwyrdd: 40 pwynt; Bysiau: 60 pwynt");
    expect(answerSummary(question("agree"), "agree", "cy")).toBe("Cytuno");
    expect(answerSummary(question("library-visits"), 3, "cy")).toBe("3 ymweliad");
    const plain = definition({ pages: [{ id: "p", questions: [{ id: "a", kind: "single_choice", title: "A", required: true, options: [{ id: "x", label: "Only English" }, { id: "y", label: "Y" }] }] }] });
    expect(answerSummary(plain.pages[0]!.questions[0]!, "x", "cy")).toBe("Only English");
  });

  test("places: the ward's name, the description, the point", () => {
    const wardName = (code: string) => (code === "E05000820" ? "Longford" : undefined);
    expect(answerSummary(question("place"), { wardCode: "E05000820", description: "By the pond", lat: 53.45, lng: -2.31 }, "en", { wardName })).toBe(
      "Longford\nBy the pond\nPoint on the map: 53.45, -2.31",
    );
    expect(answerSummary(question("place"), { wardCode: "E05000999" }, "en", { wardName })).toBe("E05000999");
  });

  test("money", () => {
    const m = definition({ pages: [{ id: "p", questions: [{ id: "m", kind: "points", title: "M", required: true, options: THEMES, total: 1_000_000, money: true }] }] });
    expect(answerSummary(m.pages[0]!.questions[0]!, { parks: 750_050, buses: 250_000 }, "en")).toBe("Parks and green spaces: £7,500.50; Buses: £2,500");
  });

  test("nothing, or something odd, is shown without throwing", () => {
    expect(answerSummary(question("priority"), undefined, "en")).toBe("");
    expect(answerSummary(question("priority"), "trams", "en")).toBe("trams");
    expect(answerSummary(question("share"), "odd", "en")).toBe("");
    expect(answerSummary(question("rank"), { parks: 1 }, "en")).toBe("");
  });
});

describe("summaryRows", () => {
  test("visible questions in order, with their page for Change links", () => {
    const rows = summaryRows(q, { priority: "buses", uses: ["parks"], agree: "agree", share: { parks: 60, buses: 40 } }, "en");
    expect(rows.map((r) => [r.questionId, r.pageId])).toEqual([
      ["priority", "about"],
      ["uses", "more"],
      ["agree", "more"],
      ["postcode", "you"],
      ["rank", "you"],
      ["share", "you"],
      ["place", "you"],
    ]);
    expect(rows[0]).toEqual({ questionId: "priority", pageId: "about", question: "Your top priority", answer: "Buses", answered: true });
    expect(rows.find((r) => r.questionId === "postcode")).toMatchObject({ answer: "Not answered", answered: false });
  });

  test("hidden questions are left out even if an answer is there", () => {
    const rows = summaryRows(q, { priority: "buses", "why-parks": "Stale" }, "cy");
    expect(rows.some((r) => r.questionId === "why-parks")).toBe(false);
    expect(rows[0]!.question).toBe("Eich prif flaenoriaeth");
    expect(rows.find((r) => r.questionId === "postcode")!.answer).toBe("Heb ateb");
  });
});
