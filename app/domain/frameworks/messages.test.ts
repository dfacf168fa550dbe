import { describe, expect, it } from "vitest";
import type { FieldErrorCode, FrameworkReason } from "~/domain/frameworks/framework.ts";
import { validateFramework } from "~/domain/frameworks/framework.ts";
import {
  fieldErrorList,
  fieldErrorMessage,
  fieldKind,
  frameworkMessages,
  reasonMessage,
  type FieldKind,
} from "~/domain/frameworks/messages.ts";
import type { Locale } from "~/domain/i18n/locale.ts";

const reasons: FrameworkReason[] = [
  "invalid",
  "forbidden",
  "not_found",
  "version_published",
  "builtin_read_only",
  "draft_exists",
  "not_published",
  "one_version_per_framework",
  "different_frameworks",
];

// Every code each field can produce (validation in framework.ts, plus taken/frozen from the use cases).
const reachable: Record<FieldKind, FieldErrorCode[]> = {
  form: ["invalid"],
  name: ["required", "invalid", "too_short", "too_long", "frozen"],
  nameCy: ["invalid", "too_short", "too_long", "frozen"],
  slug: ["required", "invalid", "invalid_slug", "too_short", "too_long", "taken", "frozen"],
  source: ["invalid", "too_long"],
  sourceUrl: ["invalid_url", "too_long"],
  notes: ["invalid", "too_long"],
  nodes: ["required", "invalid", "too_few", "too_many"],
  "node.slug": ["required", "invalid", "invalid_slug", "too_short", "too_long", "duplicate"],
  "node.parentSlug": ["invalid", "parent_not_found", "parent_is_self", "cycle", "too_deep"],
  "node.name": ["required", "invalid", "too_short", "too_long"],
  "node.nameCy": ["invalid", "too_short", "too_long"],
  "node.description": ["invalid", "too_long"],
};

const locales: Locale[] = ["en", "cy"];

describe("framework messages", () => {
  it.each(locales)("has %s copy for every reason", (locale) => {
    for (const reason of reasons) expect(reasonMessage(reason, locale).length).toBeGreaterThan(10);
  });

  it.each(locales)("has %s copy for every reachable field error", (locale) => {
    for (const [kind, codes] of Object.entries(reachable)) {
      for (const code of codes) {
        expect(frameworkMessages[locale].fields[kind as FieldKind][code], `${locale} ${kind} ${code}`).toBeTruthy();
      }
    }
  });

  it("marks the Welsh copy for review", () => {
    expect(frameworkMessages.en.reviewed).toBe(true);
    expect(frameworkMessages.cy.reviewed).toBe(false);
  });

  it("numbers outcomes from 1 and fills in limits", () => {
    expect(fieldErrorMessage("nodes.0.name", "required")).toBe("Enter a name for outcome 1");
    expect(fieldErrorMessage("nodes.11.parentSlug", "too_deep")).toBe("Outcome 12 is too deep. A framework can have up to 3 levels");
    expect(fieldErrorMessage("name", "too_long")).toBe("Framework name must be 120 characters or fewer");
    expect(fieldErrorMessage("nodes.2.name", "required", "cy")).toBe("Rhowch enw ar gyfer canlyniad 3");
  });

  it("leaves no placeholder unfilled", () => {
    for (const locale of locales) {
      for (const [kind, codes] of Object.entries(reachable)) {
        const path = kind.startsWith("node.") ? `nodes.4.${kind.slice(5)}` : kind;
        for (const code of codes) expect(fieldErrorMessage(path, code, locale)).not.toMatch(/[{}]/);
      }
    }
  });

  it("falls back for unknown fields and codes", () => {
    expect(fieldErrorMessage("mystery", "required")).toBe("Check this answer");
    expect(fieldErrorMessage("sourceUrl", "duplicate", "cy")).toBe("Gwiriwch yr ateb hwn");
  });

  it("maps paths to field kinds", () => {
    expect(fieldKind("nodes.3.parentSlug")).toEqual({ kind: "node.parentSlug", n: 4 });
    expect(fieldKind("nodes.3")).toEqual({ kind: "nodes", n: null });
    expect(fieldKind("slug")).toEqual({ kind: "slug", n: null });
    expect(fieldKind("nodes.3.unknown")).toBeNull();
  });

  it("words a whole validation for the error summary", () => {
    const result = validateFramework({ slug: "ok-slug", name: "", nodes: [{ slug: "aa", name: "A" }] });
    if (result.ok) throw new Error("expected invalid");
    expect(fieldErrorList(result.detail.fieldErrors)).toEqual([
      { path: "name", message: "Enter a name for the framework" },
      { path: "nodes.0.name", message: "Name of outcome 1 must be 2 characters or more" },
    ]);
  });
});
