import { describe, expect, it } from "vitest";
import { bestFitWards, checkGeometry, validatePlacesBundle, type PlacesBundle } from "./area-import.ts";
import { formatImportProblem } from "./messages.ts";

// A square around (lon, lat) near Trafford, as a closed GeoJSON ring.
const square = (lon: number, lat: number, d = 0.01) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ],
];
const feature = (code: string, geometry: unknown, key = "code") => ({ type: "Feature", properties: { [key]: code }, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });

const AREAS = `type,code,name,parent_code
local_authority,E08000009,Trafford,
ward,E05015239,Altrincham,
ward,E05015241,Bowdon,
lsoa,E01006074,Trafford 025A,
lsoa,E01006075,Trafford 025B,E05015241
lsoa,E01006076,Trafford 026A,
`;
const POSTCODES = `postcode,lsoa_code,ward_code,latitude,longitude
WA14 1AA,E01006074,E05015239,53.384533,-2.346923
WA14 1AB,E01006074,E05015239,53.3846,-2.3470
WA14 1AD,E01006074,E05015241,53.3847,-2.3471
wa142ab,E01006076,E05015241,,
WA14 2AD,E01006076,E05015239,53.38,-2.35
WA14 3AA,E01006075,E05015239,53.37,-2.36
`;
const DEPRIVATION = `lsoa_code,imd_decile,imd_rank
E01006074,5,14918
E01006075,9,28797
E01006076,1,1204
`;
const WARDS = collection(feature("E05015239", { type: "Polygon", coordinates: square(-2.35, 53.38) }), {
  type: "Feature",
  properties: { WD23CD: "E05015241", WD23NM: "Bowdon" },
  geometry: { type: "MultiPolygon", coordinates: [square(-2.37, 53.37)] },
});
const LSOAS = collection(feature("E01006074", { type: "Polygon", coordinates: square(-2.35, 53.38, 0.001) }, "area_code"));

function bundle(overrides: Partial<Record<"areas" | "postcodes" | "deprivation", string>> & { boundaries?: string[] } = {}): PlacesBundle {
  return {
    areas: { name: "areas.csv", text: overrides.areas ?? AREAS },
    postcodes: { name: "postcodes.csv", text: overrides.postcodes ?? POSTCODES },
    deprivation: { name: "imd.csv", text: overrides.deprivation ?? DEPRIVATION },
    boundaries: (overrides.boundaries ?? [WARDS, LSOAS]).map((text, i) => ({ name: i === 0 ? "wards.geojson" : `extra-${i}.geojson`, text })),
  };
}

function problems(b: PlacesBundle, options = {}) {
  const result = validatePlacesBundle(b, options);
  if (result.ok) throw new Error("expected problems");
  return result.detail.map((p) => formatImportProblem(p));
}

describe("validatePlacesBundle: a good bundle", () => {
  it("returns typed rows, normalised postcodes, deprivation and boundaries", () => {
    const result = validatePlacesBundle(bundle(), { localAuthorityCode: "E08000009" });
    if (!result.ok) throw new Error(result.detail.map((p) => formatImportProblem(p)).join("\n"));
    const { localAuthority, wards, lsoas, postcodes } = result.value;
    expect(localAuthority).toEqual({ code: "E08000009", name: "Trafford", boundary: null });
    expect(wards.map((w) => [w.code, w.boundary?.type])).toEqual([
      ["E05015239", "Polygon"],
      ["E05015241", "MultiPolygon"],
    ]);
    expect(lsoas).toEqual([
      expect.objectContaining({ code: "E01006074", parentCode: "E05015239", parentSource: "postcodes", imdDecile: 5, imdRank: 14918 }),
      expect.objectContaining({ code: "E01006075", parentCode: "E05015241", parentSource: "file", boundary: null }),
      // 1 postcode each way: the tie goes to the lower ward code.
      expect.objectContaining({ code: "E01006076", parentCode: "E05015239", parentSource: "postcodes", imdDecile: 1 }),
    ]);
    expect(lsoas[0]!.boundary?.type).toBe("Polygon");
    expect(postcodes).toHaveLength(6);
    expect(postcodes[3]).toEqual({ postcode: "WA14 2AB", lsoaCode: "E01006076", wardCode: "E05015241", latitude: null, longitude: null });
    expect(postcodes[0]).toEqual({ postcode: "WA14 1AA", lsoaCode: "E01006074", wardCode: "E05015239", latitude: 53.384533, longitude: -2.346923 });
  });

  it("tolerates CRLF, a BOM, header case, extra columns, column order and spaces around values", () => {
    const areas = "\ufeffName,Code,TYPE,notes\r\nTrafford , e08000009,local_authority,x\r\nAltrincham,E05015239,ward,\r\nBowdon,E05015241,ward,\r\n" +
      "Trafford 025A,E01006074,lsoa,\r\nTrafford 025B,E01006075,lsoa,\r\nTrafford 026A,E01006076,lsoa,\r\n";
    const result = validatePlacesBundle(bundle({ areas }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.localAuthority).toMatchObject({ code: "E08000009", name: "Trafford" });
  });

  it("needs no LSOA boundaries and no coordinates columns", () => {
    const postcodes = POSTCODES.split("\n").map((l) => l.split(",").slice(0, 3).join(",")).join("\n");
    expect(validatePlacesBundle(bundle({ postcodes, boundaries: [WARDS] })).ok).toBe(true);
  });
});

describe("validatePlacesBundle: problems, each with file, line and column", () => {
  it("reports a missing required column once, on the header line", () => {
    const deprivation = DEPRIVATION.replace("imd_rank", "rank");
    expect(problems(bundle({ deprivation }))).toEqual([
      'imd.csv:1: The header row has no "imd_rank" column (it has: lsoa_code, imd_decile, rank)',
    ]);
  });

  it("reports bad codes, types, names, duplicates and parents in areas.csv", () => {
    const areas = `type,code,name,parent_code
local_authority,E08000009,Trafford,E05015239
ward,E05015239,Altrincham,
ward,E0501524,Bowdon,
ward,E01006074,Hale,
parish,E04000001,Somewhere,
ward,E05015239,Altrincham again,
lsoa,E01006074,,
lsoa,E01006075,Trafford 025B,E05099999
lsoa,E01006076,Trafford 026A,
ward,E05015240,${"x".repeat(201)},
ward,E05015242,Broadheath,E08000010
`;
    const result = validatePlacesBundle(bundle({ areas }));
    if (result.ok) throw new Error("expected problems");
    const areaProblems = result.detail.filter((p) => p.file === "areas.csv");
    expect(areaProblems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, "parent_code", "parent_not_allowed"],
      [4, "code", "bad_gss_code"],
      [5, "code", "wrong_code_kind"],
      [6, "type", "bad_area_type"],
      [7, "code", "duplicate_code"],
      [8, "code", "duplicate_code"], // E01006074 was first (wrongly) a ward on line 5
      [8, "name", "required"],
      [9, "parent_code", "unknown_ward"],
      [11, "name", "name_too_long"],
      [12, "parent_code", "ward_parent_not_local_authority"],
    ]);
    const text = areaProblems.map((p) => formatImportProblem(p));
    expect(text).toContain('areas.csv:4: "E0501524" is not an ONS (GSS) code: a letter and 8 digits, like E05015239');
    expect(text).toContain("areas.csv:5: E01006074 is not a ward code: ward codes start with E05, W05, S13, N08");
    expect(text).toContain("areas.csv:7: E05015239 is listed more than once (first on line 3)");
    expect(text).toContain("areas.csv:9: E05099999 is not a ward in areas.csv");
  });

  it("needs exactly one local authority, the council's own, and at least one ward and LSOA", () => {
    expect(problems(bundle({ areas: "type,code,name\nward,E05015239,Altrincham\n" }))).toEqual(
      expect.arrayContaining([
        "areas.csv: The file must have exactly one local_authority row; it has 0",
        "areas.csv: The file has no LSOA rows",
      ]),
    );
    expect(problems(bundle(), { localAuthorityCode: "E08000007" })).toEqual([
      "areas.csv:2: The local authority code is E08000009 but this council's ONS code is E08000007",
    ]);
    const two = AREAS + "local_authority,E08000007,Stockport,\n";
    expect(problems(bundle({ areas: two }))).toEqual(["areas.csv:8: The file must have exactly one local_authority row; it has 2"]);
  });

  it("reports postcode rows: bad postcode, duplicates, unknown LSOA or ward, coordinates", () => {
    const postcodes = `${POSTCODES}NOT A POSTCODE,E01006074,E05015239,,
wa14  1aa,E01006074,E05015239,,
WA15 0AA,E01999999,E05099999,,
WA15 0AB,E01006074,E05015239,533846,-2.34
WA15 0AD,E01006074,E05015239,-2.34,53.38
WA15 0AE,E01006074,E05015239,53.38,
WA15 0AF,E01006074,E05015239,53.38,west
`;
    expect(problems(bundle({ postcodes }))).toEqual([
      'postcodes.csv:8: "NOT A POSTCODE" is not a postcode: it is too short or too long',
      "postcodes.csv:9: WA14 1AA is listed more than once (first on line 2)",
      "postcodes.csv:10: E01999999 is not an LSOA in areas.csv",
      "postcodes.csv:10: E05099999 is not a ward in areas.csv",
      "postcodes.csv:11: latitude 533846 is outside the UK (49 to 61). Check latitude and longitude are not swapped",
      "postcodes.csv:12: latitude -2.34 is outside the UK (49 to 61). Check latitude and longitude are not swapped",
      "postcodes.csv:12: longitude 53.38 is outside the UK (-9 to 2). Check latitude and longitude are not swapped",
      "postcodes.csv:13: Give both latitude and longitude, or leave both empty",
      'postcodes.csv:14: longitude must be a number, like 53.4655, not "west"',
    ]);
  });

  it("reports rows with the wrong number of fields and CSV quoting errors", () => {
    const postcodes = `${POSTCODES}WA15 0AA,E01006074\n`;
    expect(problems(bundle({ postcodes }))).toEqual([
      "postcodes.csv:8: This row has 2 fields but the header row has 5. Check for a missing or extra comma",
    ]);
    const quoted = `${POSTCODES}"WA15 0AA,E01006074,E05015239,,\n`;
    expect(problems(bundle({ postcodes: quoted }))).toEqual([
      'postcodes.csv:8: A field that starts with a double quote (") on this line never closes. Add the closing double quote',
    ]);
  });

  it("reports deprivation rows: decile 1–10, rank, unknown, duplicate and missing LSOAs", () => {
    const deprivation = `lsoa_code,imd_decile,imd_rank
E01006074,0,14918
E01006075,11,28797
E01006075,5,x
E01999999,5,1
E01006074,5.5,-1
`;
    expect(problems(bundle({ deprivation }))).toEqual([
      'imd.csv:2: imd_decile must be a whole number from 1 to 10, not "0"',
      'imd.csv:3: imd_decile must be a whole number from 1 to 10, not "11"',
      "imd.csv:4: E01006075 is listed more than once (first on line 3)",
      'imd.csv:4: imd_rank must be a whole number, 1 or more, not "x"',
      "imd.csv:5: E01999999 is not an LSOA in areas.csv",
      "imd.csv:6: E01006074 is listed more than once (first on line 2)",
      'imd.csv:6: imd_decile must be a whole number from 1 to 10, not "5.5"',
      'imd.csv:6: imd_rank must be a whole number, 1 or more, not "-1"',
      "imd.csv: LSOA E01006076 (Trafford 026A) has no row",
    ]);
  });

  it("needs a ward for every LSOA, from parent_code or from postcodes", () => {
    const postcodes = POSTCODES.split("\n").filter((l) => !l.includes("E01006076")).join("\n");
    expect(problems(bundle({ postcodes }))).toEqual([
      "areas.csv:7: LSOA E01006076 has no parent_code and no postcodes to work out its ward from. Give its best-fit ward in parent_code",
    ]);
  });

  it("reports boundary problems by feature", () => {
    const wards = collection(
      feature("E05015239", { type: "Polygon", coordinates: square(-2.35, 53.38) }),
      feature("E05015239", { type: "Polygon", coordinates: square(-2.35, 53.38) }),
      feature("E05099999", { type: "Polygon", coordinates: square(-2.35, 53.38) }),
      { type: "Feature", properties: { name: "no code" }, geometry: null },
      feature("E01006075", { type: "Point", coordinates: [-2.35, 53.38] }),
      feature("E01006076", { type: "Polygon", coordinates: [[[378000, 389000], [379000, 389000], [379000, 390000], [378000, 389000]]] }),
      feature("E08000009", { type: "Polygon", coordinates: [[[53.38, -2.35], [53.39, -2.35], [53.39, -2.34], [53.38, -2.35]]] }),
    );
    expect(problems(bundle({ boundaries: [wards, LSOAS] }))).toEqual([
      "wards.geojson: feature 2: E05015239 already has a boundary (feature 1 of wards.geojson)",
      "wards.geojson: feature 3: E05099999 is not an area in areas.csv",
      "wards.geojson: feature 4: The feature has no code in its properties (looked for code, area_code and ONS names like WD23CD)",
      'wards.geojson: feature 5: E01006075: the geometry must be a Polygon or MultiPolygon, not "Point"',
      "wards.geojson: feature 6: E01006076: the coordinates (378000, 389000) look like British National Grid metres. Export the file as WGS84 longitude/latitude (EPSG:4326)",
      "wards.geojson: feature 7: E08000009: the coordinates (53.38, -2.35) look like latitude before longitude. GeoJSON puts longitude first",
      "wards.geojson: Ward E05015241 (Bowdon) has no boundary",
    ]);
  });

  it("reports files that are not GeoJSON FeatureCollections, and a missing boundaries file", () => {
    expect(problems(bundle({ boundaries: ["{not json"] }))[0]).toMatch(/^wards\.geojson: The file is not valid JSON: /);
    expect(problems(bundle({ boundaries: [JSON.stringify({ type: "Feature" })] }))[0]).toBe(
      'wards.geojson: The file must be a GeoJSON FeatureCollection; its type is "Feature"',
    );
    expect(problems(bundle({ boundaries: [] }))[0]).toBe("boundaries: No boundary file was given. Ward boundaries are needed for the map");
  });

  it("reports empty files", () => {
    expect(problems(bundle({ deprivation: "" }))[0]).toBe("imd.csv: The file is empty. It needs a header row, then one row per record");
    expect(problems(bundle({ deprivation: "lsoa_code,imd_decile,imd_rank\n" }))).toEqual([
      "imd.csv: The file has a header row but no data rows",
      "imd.csv: LSOA E01006074 (Trafford 025A) has no row",
      "imd.csv: LSOA E01006075 (Trafford 025B) has no row",
      "imd.csv: LSOA E01006076 (Trafford 026A) has no row",
    ]);
  });

  it("checks the other files even when areas.csv cannot be read, without inventing reference problems", () => {
    const result = validatePlacesBundle(bundle({ areas: "kind,code\n", deprivation: DEPRIVATION.replace(",5,", ",12,") }));
    if (result.ok) throw new Error("expected problems");
    expect(result.detail.map((p) => [p.file, p.code])).toEqual([
      ["areas.csv", "missing_column"],
      ["areas.csv", "missing_column"],
      ["imd.csv", "bad_decile"],
    ]);
  });
});

describe("checkGeometry", () => {
  it("accepts polygons with holes and multipolygons, dropping nothing", () => {
    const withHole = { type: "Polygon", coordinates: [...square(-2.35, 53.38), ...square(-2.349, 53.381, 0.001)] };
    expect(checkGeometry(withHole)).toEqual({ ok: true, value: withHole });
  });

  it.each([
    [{ type: "Polygon", coordinates: [] }, "geometry_structure"],
    [{ type: "Polygon", coordinates: [[[-2.3, 53.3], [-2.2, 53.3], [-2.3, 53.3]]] }, "ring_too_short"],
    [{ type: "Polygon", coordinates: [[[-2.3, 53.3], [-2.2, 53.3], [-2.2, 53.4], [-2.3, 53.4]]] }, "ring_not_closed"],
    [{ type: "Polygon", coordinates: [[[-2.3, "53.3"], [-2.2, 53.3], [-2.2, 53.4], [-2.3, 53.3]]] }, "position_invalid"],
    [{ type: "Polygon", coordinates: [[[151.2, -33.8], [151.3, -33.8], [151.3, -33.9], [151.2, -33.8]]] }, "coordinates_outside_uk"],
    [{ type: "MultiPolygon", coordinates: [] }, "geometry_structure"],
    [{ type: "MultiPolygon", coordinates: [[[[-2.3, 53.3]]]] }, "ring_too_short"],
    [null, "geometry_type"],
  ])("rejects %j as %s", (geometry, code) => {
    expect(checkGeometry(geometry)).toMatchObject({ ok: false, code });
  });
});

describe("bestFitWards", () => {
  it("picks the ward with most postcodes, ties to the lower code", () => {
    const fit = bestFitWards([
      { lsoaCode: "A", wardCode: "W2" },
      { lsoaCode: "A", wardCode: "W2" },
      { lsoaCode: "A", wardCode: "W1" },
      { lsoaCode: "B", wardCode: "W3" },
      { lsoaCode: "B", wardCode: "W1" },
    ]);
    expect(Object.fromEntries(fit)).toEqual({ A: "W2", B: "W1" });
  });
});
