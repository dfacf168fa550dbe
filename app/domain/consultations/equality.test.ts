import { describe, expect, it } from "vitest";
import {
  AGE_BANDS,
  DEFAULT_EQUALITY_CONFIG,
  DISABILITY_CATEGORIES,
  EQUALITY_DATA_PROTECTION,
  EQUALITY_PURPOSE,
  EQUALITY_QUESTIONS,
  EQUALITY_RETENTION_DAYS,
  ETHNIC_CATEGORIES,
  ETHNIC_GROUPS,
  PREFER_NOT_TO_SAY,
  ageBandFor,
  checkEquality,
  equalityAnswerLabel,
  equalityDeleteAfter,
  equalityFieldName,
  equalityPurpose,
  equalityQuestions,
  ethnicLabel,
  readEqualityConfig,
  type EqualityConfig,
} from "~/domain/consultations/equality.ts";
import { LOCALES } from "~/domain/i18n/locale.ts";

const EVERYTHING: EqualityConfig = { ...DEFAULT_EQUALITY_CONFIG, allowUnder16: true, genderIdentity: true, religion: true, sexualOrientation: true };

describe("the question set", () => {
  it("has the 19 Census 2021 ethnic categories in 5 groups, in ONS wording", () => {
    expect(ETHNIC_GROUPS).toHaveLength(5);
    expect(ETHNIC_CATEGORIES).toHaveLength(19);
    expect(ETHNIC_CATEGORIES.map((c) => c.onsCode)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(ethnicLabel("asian_indian", "en")).toBe("Asian, Asian British or Asian Welsh: Indian");
    expect(ethnicLabel("black_african", "en")).toBe("Black, Black British, Black Welsh, Caribbean or African: African");
    expect(ethnicLabel("mixed_other", "en")).toBe("Mixed or Multiple ethnic groups: Other Mixed or Multiple ethnic groups");
    expect(ethnicLabel("white_british", "en")).toBe("White: English, Welsh, Scottish, Northern Irish or British");
    expect(ethnicLabel("white_roma", "en")).toBe("White: Roma");
    expect(ethnicLabel("other_any", "en")).toBe("Other ethnic group: Any other ethnic group");
    expect(ethnicLabel("nonsense", "en")).toBeNull();
    const counts = Object.fromEntries(ETHNIC_GROUPS.map((g) => [g.code, ETHNIC_CATEGORIES.filter((c) => c.group === g.code).length]));
    expect(counts).toEqual({ asian: 5, black: 3, mixed: 4, white: 5, other: 2 });
  });

  it("uses stable, unique slugs for every code, with prefer not to say last", () => {
    for (const q of equalityQuestions(EVERYTHING)) {
      const codes = q.options.map((o) => o.id);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(codes.at(-1)).toBe(PREFER_NOT_TO_SAY);
    }
  });

  it("has every question, option, explanation and hint in English and Welsh", () => {
    for (const q of equalityQuestions({ ...EVERYTHING, nation: "wales" })) {
      for (const locale of LOCALES) {
        expect(q.title[locale].length).toBeGreaterThan(5);
        expect(q.why[locale].length).toBeGreaterThan(20);
        if (q.hint) expect(q.hint[locale].length).toBeGreaterThan(5);
        for (const o of q.options) expect(o.label[locale].length).toBeGreaterThan(0);
      }
      expect(q.why.cy).not.toBe(q.why.en);
    }
    for (const c of DISABILITY_CATEGORIES) for (const locale of LOCALES) expect(c.label[locale].length).toBeGreaterThan(10);
    for (const locale of LOCALES) expect(EQUALITY_PURPOSE[locale]).toHaveLength(EQUALITY_PURPOSE.en.length);
  });

  it("asks the default questions in order, and has every question in EQUALITY_QUESTIONS", () => {
    expect(equalityQuestions().map((q) => q.id)).toEqual(["ageBand", "sex", "ethnicGroup", "disabilityCondition", "disabilityLimitation"]);
    expect(EQUALITY_QUESTIONS.map((q) => q.id)).toEqual([
      "ageBand",
      "sex",
      "genderSame",
      "ethnicGroup",
      "religion",
      "disabilityCondition",
      "disabilityLimitation",
      "sexualOrientation",
    ]);
  });

  it("uses the Census 2021 two-part disability question, not the 2011 one", () => {
    const titles = EQUALITY_QUESTIONS.map((q) => q.title.en).join(" ");
    expect(titles).toContain("Do you have any physical or mental health conditions or illnesses lasting or expected to last 12 months or more?");
    expect(titles).toContain("Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities?");
    expect(titles).not.toContain("Are your day-to-day activities limited");
  });

  it("offers the age bands in order, with under 16 only when allowed", () => {
    expect(AGE_BANDS).toEqual(["under_16", "16_to_24", "25_to_34", "35_to_44", "45_to_54", "55_to_64", "65_to_74", "75_and_over"]);
    const codes = (c: EqualityConfig) => equalityQuestions(c)[0]!.options.map((o) => o.id);
    expect(codes(DEFAULT_EQUALITY_CONFIG)).toEqual([...AGE_BANDS.slice(1), PREFER_NOT_TO_SAY]);
    expect(codes(EVERYTHING)).toEqual([...AGE_BANDS, PREFER_NOT_TO_SAY]);
  });

  it("puts an age in its band", () => {
    expect([0, 15, 16, 24, 25, 34, 35, 64, 65, 74, 75, 101].map(ageBandFor)).toEqual([
      "under_16",
      "under_16",
      "16_to_24",
      "16_to_24",
      "25_to_34",
      "25_to_34",
      "35_to_44",
      "55_to_64",
      "65_to_74",
      "65_to_74",
      "75_and_over",
      "75_and_over",
    ]);
    expect(() => ageBandFor(-1)).toThrow(RangeError);
  });

  it("groups the ethnic options under their headings and uses the Welsh nation's wording", () => {
    const england = equalityQuestions().find((q) => q.id === "ethnicGroup")!;
    expect(england.groups!.map((g) => g.options.length)).toEqual([5, 3, 4, 5, 2]);
    expect(england.options).toHaveLength(20);
    expect(england.options[2]).toMatchObject({ id: "asian_indian", group: { en: "Asian, Asian British or Asian Welsh" }, onsCode: 3 });
    const wales = equalityQuestions({ ...DEFAULT_EQUALITY_CONFIG, nation: "wales" }).find((q) => q.id === "ethnicGroup")!;
    const first = wales.options.find((o) => o.id === "white_british")!;
    expect(first.label.en).toBe("Welsh, English, Scottish, Northern Irish or British");
    expect(first.onsCode).toBe(13);
  });

  it("marks special category questions (UK GDPR Art. 9) and the 16-and-over ones", () => {
    const qs = Object.fromEntries(EQUALITY_QUESTIONS.map((q) => [q.id, q]));
    expect(qs.ethnicGroup!.specialCategory && qs.religion!.specialCategory && qs.disabilityCondition!.specialCategory && qs.sexualOrientation!.specialCategory).toBe(true);
    expect(qs.ageBand!.specialCategory || qs.sex!.specialCategory).toBe(false);
    expect(qs.genderSame!.sixteenOrOver && qs.sexualOrientation!.sixteenOrOver).toBe(true);
    expect(qs.disabilityLimitation!.askedWhen).toEqual({ question: "disabilityCondition", answer: "yes" });
  });
});

describe("checkEquality", () => {
  it("stores what was answered and nothing for what was not", () => {
    const r = checkEquality(EVERYTHING, { ageBand: "35_to_44", sex: "female", ethnicGroup: "asian_pakistani", religion: "", sexualOrientation: PREFER_NOT_TO_SAY });
    expect(r).toEqual({ ok: true, value: { ageBand: "35_to_44", sex: "female", ethnicGroup: "asian_pakistani", sexualOrientation: PREFER_NOT_TO_SAY } });
  });

  it("accepts nothing at all: every question is optional", () => {
    expect(checkEquality(DEFAULT_EQUALITY_CONFIG, {})).toEqual({ ok: true, value: {} });
  });

  it("refuses a value that is not one of the options, per field", () => {
    const r = checkEquality(DEFAULT_EQUALITY_CONFIG, { ageBand: "40", sex: "female", ethnicGroup: ["white_irish", "white_other"] });
    expect(r).toEqual({ ok: false, reason: "invalid", detail: { fieldErrors: { ageBand: "equality_invalid_option", ethnicGroup: "equality_invalid_option" } } });
  });

  it("refuses under 16 unless the council allows it", () => {
    expect(checkEquality(DEFAULT_EQUALITY_CONFIG, { ageBand: "under_16" })).toMatchObject({ ok: false });
    expect(checkEquality(EVERYTHING, { ageBand: "under_16" })).toEqual({ ok: true, value: { ageBand: "under_16" } });
  });

  it("drops questions the council did not ask and fields it does not know", () => {
    const r = checkEquality(DEFAULT_EQUALITY_CONFIG, { sex: "male", religion: "sikh", sexualOrientation: "bisexual", postcode: "M32 0JG" });
    expect(r).toEqual({ ok: true, value: { sex: "male" } });
  });

  it("drops the 16-and-over answers of a respondent under 16", () => {
    const r = checkEquality(EVERYTHING, { ageBand: "under_16", genderSame: "different", sexualOrientation: "gay_or_lesbian", sex: "male" });
    expect(r).toEqual({ ok: true, value: { ageBand: "under_16", sex: "male" } });
  });

  it.each([
    ["yes", "a_lot", "limited_a_lot"],
    ["yes", "a_little", "limited_a_little"],
    ["yes", "not_at_all", "not_limited"],
    ["no", "", "no_condition"],
    ["no", "a_lot", "no_condition"],
    ["", "a_lot", "limited_a_lot"],
    ["", "a_little", "limited_a_little"],
    ["", "not_at_all", undefined],
    ["yes", "", undefined],
    [PREFER_NOT_TO_SAY, "a_lot", PREFER_NOT_TO_SAY],
    ["yes", PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY],
    ["", PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY],
    ["", "", undefined],
  ])("stores disability %j + %j as the Census 2021 category %s", (condition, limitation, expected) => {
    const r = checkEquality(DEFAULT_EQUALITY_CONFIG, { disabilityCondition: condition, disabilityLimitation: limitation });
    expect(r).toEqual({ ok: true, value: expected ? { disability: expected } : {} });
  });

  it("with only the fields, accepts any question in the set", () => {
    expect(checkEquality({ religion: "jewish", genderSame: "same", ageBand: "75_and_over" })).toEqual({
      ok: true,
      value: { ageBand: "75_and_over", genderSame: "same", religion: "jewish" },
    });
  });

  it("reads the prefixed form field names too", () => {
    expect(checkEquality(DEFAULT_EQUALITY_CONFIG, { "eq-ageBand": "25_to_34", "eq-disabilityCondition": "no" })).toEqual({
      ok: true,
      value: { ageBand: "25_to_34", disability: "no_condition" },
    });
    expect(equalityFieldName("sexualOrientation")).toBe("eq-sexualOrientation");
  });

  it("trims posted values", () => {
    expect(checkEquality(DEFAULT_EQUALITY_CONFIG, { sex: " female " })).toEqual({ ok: true, value: { sex: "female" } });
  });

  it("words stored answers for reports", () => {
    expect(equalityAnswerLabel("ethnicGroup", "white_roma", "en")).toBe("White: Roma");
    expect(equalityAnswerLabel("disability", "not_limited", "en")).toContain("not limited");
    expect(equalityAnswerLabel("sex", "female", "cy")).toBe("Benyw");
    expect(equalityAnswerLabel("religion", PREFER_NOT_TO_SAY, "en")).toBe("Prefer not to say");
    expect(equalityAnswerLabel("ageBand", "40s", "en")).toBeNull();
  });
});

describe("configuration and retention", () => {
  it("reads a stored configuration leniently", () => {
    expect(readEqualityConfig(null)).toBeNull();
    expect(readEqualityConfig("yes")).toBeNull();
    expect(readEqualityConfig({})).toEqual(DEFAULT_EQUALITY_CONFIG);
    expect(readEqualityConfig({ religion: true, sex: "no", nation: "wales", retentionDays: 730 })).toEqual({
      ...DEFAULT_EQUALITY_CONFIG,
      religion: true,
      nation: "wales",
      retentionDays: 730,
    });
    expect(readEqualityConfig({ retentionDays: -5, nation: "scotland" })).toEqual(DEFAULT_EQUALITY_CONFIG);
  });

  it("deletes answers a year after submission by default", () => {
    expect(EQUALITY_RETENTION_DAYS).toBe(365);
    expect(equalityDeleteAfter(new Date("2026-03-02T09:00:00Z"))).toEqual(new Date("2027-03-02T09:00:00Z"));
    expect(equalityDeleteAfter(new Date("2026-03-02T09:00:00Z"), 30)).toEqual(new Date("2026-04-01T09:00:00Z"));
    expect(() => equalityDeleteAfter(new Date(), 0)).toThrow(RangeError);
  });

  it("explains the purpose with the retention period, citing the legal condition", () => {
    const en = equalityPurpose("en", 365).join(" ");
    expect(en).toContain("365 days");
    expect(en).toContain("Article 9(2)(g)");
    expect(equalityPurpose("cy", 730).join(" ")).toContain("730 diwrnod");
    expect(EQUALITY_DATA_PROTECTION.specialCategoryCondition).toContain("Schedule 1 Part 2 paragraph 8");
  });
});
