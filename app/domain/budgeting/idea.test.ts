import { describe, expect, it } from "vitest";
import { IDEA_LIMITS, canDecideIdeas, canSubmitIdeas, validateDecline, validateIdea } from "~/domain/budgeting/idea.ts";
import { PHASES } from "~/domain/budgeting/process.ts";

describe("validateIdea", () => {
  const base = { title: "  Benches by the canal ", description: "Somewhere to sit on the towpath near Stretford.", wardCode: "" };

  it("reads an idea, trimmed, with no ward", () => {
    expect(validateIdea(base)).toEqual({
      ok: true,
      value: { title: "Benches by the canal", description: "Somewhere to sit on the towpath near Stretford.", wardCode: null },
    });
  });

  it("reads a ward code in capitals", () => {
    expect(validateIdea({ ...base, wardCode: " e05000829 " })).toMatchObject({ ok: true, value: { wardCode: "E05000829" } });
  });

  it.each([
    [{ title: "", description: "" }, { title: "required", description: "required" }],
    [{ title: "Hi" }, { title: "too_short" }],
    [{ title: "x".repeat(IDEA_LIMITS.titleMax + 1) }, { title: "too_long" }],
    [{ description: "Short" }, { description: "too_short" }],
    [{ description: "x".repeat(IDEA_LIMITS.descriptionMax + 1) }, { description: "too_long" }],
    [{ wardCode: "Stretford" }, { wardCode: "invalid_ward_code" }],
    [{ title: 12 }, { title: "invalid" }],
  ])("%j → %j", (over, fieldErrors) => {
    expect(validateIdea({ ...base, ...over })).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors } });
  });

  it("treats a missing body as every field required", () => {
    expect(validateIdea(null)).toMatchObject({ detail: { fieldErrors: { title: "required", description: "required" } } });
  });
});

describe("validateDecline", () => {
  it("needs a response long enough to explain", () => {
    expect(validateDecline({ response: " The council does not own this land. " })).toEqual({ ok: true, value: { response: "The council does not own this land." } });
    expect(validateDecline({ response: "" })).toMatchObject({ detail: { fieldErrors: { response: "required" } } });
    expect(validateDecline({ response: "No." })).toMatchObject({ detail: { fieldErrors: { response: "too_short" } } });
  });
});

describe("phases", () => {
  it("takes ideas in the ideas phase only, and decides them until voting opens", () => {
    expect(PHASES.filter(canSubmitIdeas)).toEqual(["ideas"]);
    expect(PHASES.filter(canDecideIdeas)).toEqual(["draft", "ideas", "review"]);
  });
});
