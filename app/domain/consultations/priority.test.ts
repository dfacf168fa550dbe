import { describe, expect, it } from "vitest";
import { LOCALES } from "~/domain/i18n/locale.ts";
import {
  OUTCOME_TAG_SLUGS,
  PLAIN_OUTCOME_TAGS,
  PRIORITY_LIMITS,
  checkMerge,
  checkPriority,
  checkSupport,
  isOutcomeTag,
  mergeSupporters,
  outcomeTagLabel,
  type MergeablePriority,
  type SupportablePriority,
} from "~/domain/consultations/priority.ts";

describe("plain outcome tags", () => {
  it("has the ten tags, with unique slugs and English and Welsh words", () => {
    expect(OUTCOME_TAG_SLUGS).toEqual([
      "health",
      "getting-around",
      "jobs-and-money",
      "housing",
      "safety",
      "green-spaces",
      "culture-and-leisure",
      "education-and-skills",
      "community",
      "environment-and-climate",
    ]);
    for (const tag of PLAIN_OUTCOME_TAGS)
      for (const locale of LOCALES) {
        expect(tag.label[locale].length).toBeGreaterThan(2);
        expect(tag.hint[locale].length).toBeGreaterThan(10);
      }
    expect(outcomeTagLabel("green-spaces", "cy")).toBe("Mannau gwyrdd");
    expect(isOutcomeTag("housing")).toBe(true);
    expect(isOutcomeTag("Housing")).toBe(false);
  });
});

describe("checkPriority", () => {
  it("accepts a priority, tidying the title's spaces and keeping the description's lines", () => {
    const r = checkPriority({ title: "  More bins in   Longford Park ", description: "By the play area.\r\nAnd the car park.\n", tags: ["green-spaces", "green-spaces", "safety"] });
    expect(r).toEqual({ ok: true, value: { title: "More bins in Longford Park", description: "By the play area.\nAnd the car park.", tags: ["green-spaces", "safety"] } });
  });

  it("accepts one tag from a single checkbox, or none", () => {
    expect(checkPriority({ title: "Open Stretford Library on Sundays", tags: "culture-and-leisure" })).toMatchObject({ ok: true, value: { tags: ["culture-and-leisure"], description: "" } });
    expect(checkPriority({ title: "Open Stretford Library on Sundays" })).toMatchObject({ ok: true, value: { tags: [] } });
  });

  it("checks title length at the edges", () => {
    const fieldError = (title: unknown) => {
      const r = checkPriority({ title });
      return r.ok ? null : r.detail.fieldErrors.title;
    };
    expect(fieldError("")).toBe("title_required");
    expect(fieldError(undefined)).toBe("title_required");
    expect(fieldError("Bins")).toBe("title_too_short");
    expect(fieldError("Bins!")).toBeNull();
    expect(fieldError("x".repeat(PRIORITY_LIMITS.titleMax))).toBeNull();
    expect(fieldError("x".repeat(PRIORITY_LIMITS.titleMax + 1))).toBe("title_too_long");
    expect(fieldError("Ŵyl!")).toBe("title_too_short");
  });

  it("reports every wrong field at once", () => {
    const r = checkPriority({ title: "", description: "x".repeat(2001), tags: ["health", "parking"] });
    expect(r).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { title: "title_required", description: "description_too_long", tags: "tag_unknown" } } });
    expect(checkPriority({ title: "Lots of things", tags: ["health", "housing", "safety", "community"] })).toMatchObject({
      ok: false,
      detail: { fieldErrors: { tags: "tags_too_many" } },
    });
  });

  it("never rewrites what the resident wrote beyond spacing", () => {
    const r = checkPriority({ title: "Call me on 07700 900123 about the bins", description: "<b>hello</b>" });
    expect(r).toMatchObject({ ok: true, value: { title: "Call me on 07700 900123 about the bins", description: "<b>hello</b>" } });
  });
});

describe("checkSupport", () => {
  const priority: SupportablePriority = { id: "p1", authorId: "alice", visible: true, mergedIntoId: null };

  it("lets another resident support a visible priority once", () => {
    expect(checkSupport({ priority, supporterId: "bob", alreadySupported: false, open: true })).toEqual({ ok: true, value: { priorityId: "p1", supporterId: "bob" } });
    expect(checkSupport({ priority, supporterId: "bob", alreadySupported: true, open: true })).toEqual({ ok: false, reason: "already_supported" });
  });

  it("does not let an author support their own priority", () => {
    expect(checkSupport({ priority, supporterId: "alice", alreadySupported: false, open: true })).toEqual({ ok: false, reason: "own_priority" });
  });

  it("refuses when closed, hidden or merged, naming the merged one", () => {
    expect(checkSupport({ priority, supporterId: "bob", alreadySupported: false, open: false })).toMatchObject({ reason: "priorities_closed" });
    expect(checkSupport({ priority: { ...priority, visible: false }, supporterId: "bob", alreadySupported: false, open: true })).toMatchObject({ reason: "priority_not_visible" });
    expect(checkSupport({ priority: { ...priority, mergedIntoId: "p9" }, supporterId: "bob", alreadySupported: false, open: true })).toEqual({
      ok: false,
      reason: "priority_merged",
      detail: { mergedIntoId: "p9" },
    });
  });
});

describe("checkMerge", () => {
  const a: MergeablePriority = { id: "p1", councilId: "trafford", visible: true, mergedIntoId: null };
  const b: MergeablePriority = { id: "p2", councilId: "trafford", visible: true, mergedIntoId: null };

  it("merges two live priorities of the same council", () => {
    expect(checkMerge(a, b)).toEqual({ ok: true, value: { fromId: "p1", intoId: "p2" } });
  });

  it("refuses the same priority, another council, an already merged one, or a hidden one", () => {
    expect(checkMerge(a, a)).toEqual({ ok: false, reason: "same_priority" });
    expect(checkMerge(a, { ...b, councilId: "salford" })).toEqual({ ok: false, reason: "different_council" });
    expect(checkMerge({ ...a, mergedIntoId: "p7" }, b)).toEqual({ ok: false, reason: "already_merged", detail: { priorityId: "p1" } });
    expect(checkMerge(a, { ...b, mergedIntoId: "p7" })).toEqual({ ok: false, reason: "already_merged", detail: { priorityId: "p2" } });
    expect(checkMerge(a, { ...b, visible: false })).toEqual({ ok: false, reason: "priority_not_visible", detail: { priorityId: "p2" } });
  });

  it("combines supporters once each, moving the duplicate's author and leaving out the target's author", () => {
    expect(mergeSupporters({ fromAuthorId: "dan", fromSupporters: ["bob", "carol", "alice"], intoAuthorId: "alice", intoSupporters: ["bob", "eve"] })).toEqual([
      "bob",
      "eve",
      "carol",
      "dan",
    ]);
    expect(mergeSupporters({ fromAuthorId: "alice", fromSupporters: [], intoAuthorId: "alice", intoSupporters: ["bob"] })).toEqual(["bob"]);
  });
});
