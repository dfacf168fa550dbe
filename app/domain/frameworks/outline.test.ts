import { describe, expect, it } from "vitest";
import { formatOutline, parseOutline } from "./outline.ts";

describe("framework outlines", () => {
  it("turns indentation into parents and names into slugs", () => {
    expect(parseOutline("Health and wellbeing\n  Mental health\n\tPhysical health\nGetting around | transport")).toEqual([
      { slug: "health-and-wellbeing", parentSlug: null, name: "Health and wellbeing" },
      { slug: "mental-health", parentSlug: "health-and-wellbeing", name: "Mental health" },
      { slug: "physical-health", parentSlug: "health-and-wellbeing", name: "Physical health" },
      { slug: "transport", parentSlug: null, name: "Getting around" },
    ]);
  });

  it("keeps made-up slugs unique and ignores blank lines and CRLF", () => {
    expect(parseOutline("Parks\r\n\r\nParks\r\n").map((n) => n.slug)).toEqual(["parks", "parks-2"]);
  });

  it("climbs back out of nested levels", () => {
    const nodes = parseOutline("A\n  B\n    C\n  D\nE");
    expect(nodes.map((n) => n.parentSlug)).toEqual([null, "a", "b", "a", null]);
  });

  it("round-trips through formatOutline", () => {
    const text = "Health | health\n  Mental health | mental-health\nJobs | jobs";
    expect(formatOutline(parseOutline(text))).toBe(text);
  });

  it("leaves a typed duplicate slug for validation to report", () => {
    expect(parseOutline("A | same\nB | same").map((n) => n.slug)).toEqual(["same", "same"]);
  });
});
