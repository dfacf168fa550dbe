import { describe, expect, it } from "vitest";
import type { ImportProblemCode } from "./messages.ts";
import { describeImportProblem, formatImportProblem, lookupProblemMessage, postcodeProblemMessage } from "./messages.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Every code, with the parameters area-import passes for it.
const SAMPLES: Record<ImportProblemCode, Record<string, string | number>> = {
  csv_unterminated_quote: {},
  csv_stray_quote: {},
  file_empty: {},
  no_rows: {},
  missing_column: { column: "code", header: "type, name" },
  duplicate_column: { column: "code" },
  field_count: { found: 2, expected: 3 },
  required: { column: "name" },
  json_invalid: { detail: "Unexpected token" },
  bad_area_type: { value: "parish" },
  bad_gss_code: { value: "X1" },
  wrong_code_kind: { value: "E01006074", type: "ward", prefixes: "E05, W05" },
  duplicate_code: { value: "E05015239", firstLine: 3 },
  name_too_long: { max: 200 },
  parent_not_allowed: { type: "local_authority" },
  ward_parent_not_local_authority: { value: "E08000010", expected: "E08000009" },
  local_authority_count: { count: 2 },
  local_authority_mismatch: { value: "E08000009", expected: "E08000007" },
  no_areas_of_type: { type: "lsoa" },
  lsoa_without_parent: { code: "E01006074" },
  unknown_ward: { value: "E05099999", areasFile: "areas.csv" },
  unknown_lsoa: { value: "E01099999", areasFile: "areas.csv" },
  unknown_area: { value: "E05099999", areasFile: "areas.csv" },
  bad_decile: { column: "imd_decile", value: "11" },
  bad_rank: { column: "imd_rank", value: "x" },
  missing_deprivation: { code: "E01006074", name: "Trafford 025A" },
  bad_postcode: { column: "postcode", value: "M32", reason: "wrong_length" },
  duplicate_postcode: { value: "M32 0TL", firstLine: 2 },
  bad_number: { column: "latitude", value: "north" },
  coordinate_outside_uk: { column: "latitude", value: "0", min: 49, max: 61 },
  coordinates_incomplete: {},
  no_boundary_files: {},
  not_feature_collection: { value: "Feature" },
  feature_without_code: {},
  duplicate_boundary: { value: "E05015239", firstFile: "wards.geojson", firstFeature: 1 },
  missing_boundary: { code: "E05015239", name: "Altrincham" },
  geometry_type: { code: "E05015239", value: "Point" },
  geometry_structure: { code: "E05015239" },
  position_invalid: { code: "E05015239", value: "[1]" },
  coordinates_projected: { code: "E05015239", x: 378000, y: 389000 },
  coordinates_swapped: { code: "E05015239", x: 53.4, y: -2.3 },
  coordinates_outside_uk: { code: "E05015239", x: 151.2, y: -33.8 },
  ring_too_short: { code: "E05015239", count: 3 },
  ring_not_closed: { code: "E05015239" },
};

describe("import problem messages", () => {
  it.each(Object.entries(SAMPLES))("%s has English and Welsh with every placeholder filled", (code, params) => {
    for (const locale of ["en", "cy"] as const) {
      const text = describeImportProblem({ code: code as ImportProblemCode, params }, locale);
      expect(text.length).toBeGreaterThan(10);
      expect(placeholders(text)).toEqual([]);
    }
    expect(describeImportProblem({ code: code as ImportProblemCode, params }, "cy")).not.toBe(
      describeImportProblem({ code: code as ImportProblemCode, params }, "en"),
    );
  });

  it("translates area types and postcode reasons inside messages", () => {
    expect(describeImportProblem({ code: "no_areas_of_type", params: { type: "lsoa" } })).toBe("The file has no LSOA rows");
    expect(describeImportProblem({ code: "no_areas_of_type", params: { type: "local_authority" } }, "cy")).toBe(
      "Nid oes rhesi awdurdod lleol yn y ffeil",
    );
    expect(describeImportProblem({ code: "bad_postcode", params: { value: "M32", reason: "wrong_length" } })).toBe(
      '"M32" is not a postcode: it is too short or too long',
    );
  });

  it("formats problems as file:line: message, or by feature, or for the whole file", () => {
    const base = { file: "postcodes.csv", code: "coordinates_incomplete" as const, params: {} };
    expect(formatImportProblem({ ...base, line: 12 })).toBe("postcodes.csv:12: Give both latitude and longitude, or leave both empty");
    expect(formatImportProblem({ ...base, feature: 3 }, "cy")).toBe(
      "postcodes.csv: nodwedd 3: Rhowch ledred a hydred, neu gadewch y ddau yn wag",
    );
    expect(formatImportProblem(base)).toBe("postcodes.csv: Give both latitude and longitude, or leave both empty");
  });
});

describe("resident-facing messages", () => {
  it("explains postcode problems in both languages", () => {
    expect(postcodeProblemMessage("empty")).toBe("Enter a postcode");
    expect(postcodeProblemMessage("invalid_format", "cy")).toBe("Rhowch god post go iawn, fel M32 0TL");
    for (const reason of ["empty", "invalid_characters", "wrong_length", "invalid_format"] as const) {
      expect(postcodeProblemMessage(reason, "cy")).not.toBe(postcodeProblemMessage(reason, "en"));
    }
  });

  it("explains lookup failures, naming the postcode and council", () => {
    expect(lookupProblemMessage("not_found", "en", { postcode: "M1 1AE", council: "Trafford" })).toBe(
      "M1 1AE is not in Trafford. Check the postcode, or choose your ward from the list",
    );
    expect(lookupProblemMessage("invalid_postcode", "cy")).toBe("Rhowch god post llawn yn y DU, fel M32 0TL");
  });
});
