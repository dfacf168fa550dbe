// Validates a council's places bundle — areas, postcodes, deprivation and boundaries — before
// anything is written. Either every row is good and the caller gets typed rows to insert, or
// the caller gets every problem found, each pinned to a file, a line (or GeoJSON feature) and a
// column, so an officer can fix the files in one pass rather than one error per attempt.
// The file formats are documented in ./README.md ("Import formats"); keep the two in step.
import { parseCsv, type CsvProblemDetail } from "./csv.ts";
import { describeImportProblem, type ImportProblemCode } from "./messages.ts";
import { normalisePostcode } from "./postcode.ts";

export interface ImportFile {
  /** Shown in problems ("areas.csv:12: …"): the path the officer gave, or the shipped file's path. */
  name: string;
  text: string;
}

export interface PlacesBundle {
  areas: ImportFile;
  postcodes: ImportFile;
  deprivation: ImportFile;
  /** GeoJSON FeatureCollections; each feature is matched to an area by its code, whatever the file. */
  boundaries: ImportFile[];
}

export type AreaType = "local_authority" | "ward" | "lsoa";
export const AREA_TYPES: readonly AreaType[] = ["local_authority", "ward", "lsoa"];

export type Position = number[];
export type Geometry =
  | { type: "Polygon"; coordinates: Position[][] }
  | { type: "MultiPolygon"; coordinates: Position[][][] };

export interface AreaRow {
  code: string;
  name: string;
  boundary: Geometry | null;
}

export interface LsoaRow extends AreaRow {
  /** The ward this LSOA best fits. */
  parentCode: string;
  /** "file": given in parent_code; "postcodes": the ward holding most of the LSOA's postcodes. */
  parentSource: "file" | "postcodes";
  imdDecile: number;
  imdRank: number;
}

export interface PostcodeRow {
  /** Stored form: "M32 0TL". */
  postcode: string;
  lsoaCode: string;
  wardCode: string;
  latitude: number | null;
  longitude: number | null;
}

export interface ValidatedPlaces {
  localAuthority: AreaRow;
  wards: AreaRow[];
  lsoas: LsoaRow[];
  postcodes: PostcodeRow[];
}

export type ProblemParams = Record<string, string | number>;

export interface ImportProblem {
  file: string;
  /** 1-based CSV line (the header is line 1). */
  line?: number;
  /** 1-based position of the feature in a GeoJSON file's `features` array. */
  feature?: number;
  column?: string;
  code: ImportProblemCode;
  params: ProblemParams;
  /** Plain English; `describeImportProblem(problem, "cy")` gives the Welsh. */
  message: string;
}

export type PlacesValidation =
  | { ok: true; value: ValidatedPlaces }
  | { ok: false; reason: "invalid_bundle"; detail: ImportProblem[] };

export interface ValidateOptions {
  /** The council's ONS code, when known: the local_authority row must carry it. */
  localAuthorityCode?: string | null;
}

// Column names, lower case. Other columns are ignored so a council can feed a wider extract.
export const AREA_COLUMNS = { required: ["type", "code", "name"], optional: ["parent_code"] } as const;
export const POSTCODE_COLUMNS = {
  required: ["postcode", "lsoa_code", "ward_code"],
  optional: ["latitude", "longitude"],
} as const;
export const DEPRIVATION_COLUMNS = { required: ["lsoa_code", "imd_decile", "imd_rank"], optional: [] } as const;

// GSS code = nation letter + 2-digit entity + 6-digit instance (ONS "Code History Database" guidance).
const GSS_CODE = /^[EWSN]\d{8}$/;
// Entity codes per area type. Scotland's data zones (S01) stand in for LSOAs there.
export const CODE_PREFIXES: Record<AreaType, readonly string[]> = {
  local_authority: ["E06", "E07", "E08", "E09", "W06", "S12", "N09"],
  ward: ["E05", "W05", "S13", "N08"],
  lsoa: ["E01", "W01", "S01"],
};

const MAX_NAME_LENGTH = 200;

// A generous box around the UK and its islands (Scilly to Shetland, Fermanagh to Lowestoft):
// catches eastings/northings, swapped axes and coordinates in the wrong hemisphere.
export const UK_BOUNDS = { minLatitude: 49, maxLatitude: 61, minLongitude: -9, maxLongitude: 2 } as const;

// Property names tried, in order, for a feature's code: ours, Trafford Data Lab's, then ONS's
// own (WD23CD, LSOA21CD, LAD24CD, …) so files from the Open Geography Portal work unchanged.
const CODE_PROPERTY_NAMES = ["code", "area_code"];
const ONS_CODE_PROPERTY = /^(wd|lsoa|lad|ltla|ctyua|ua|dz)\d{2}cd$/i;

class Problems {
  readonly list: ImportProblem[] = [];
  add(
    file: string,
    where: { line?: number; feature?: number; column?: string },
    code: ImportProblemCode,
    params: ProblemParams = {},
  ) {
    const problem = { file, ...where, code, params };
    this.list.push({ ...problem, message: describeImportProblem(problem, "en") });
  }
}

interface TableRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

/** Parses a CSV file and checks its header; null (with problems added) when it cannot be read. */
function readTable(
  file: ImportFile,
  columns: { required: readonly string[]; optional: readonly string[] },
  problems: Problems,
): TableRow[] | null {
  const parsed = parseCsv(file.text);
  if (!parsed.ok) {
    const { line } = parsed.detail as CsvProblemDetail;
    problems.add(file.name, { line }, parsed.reason === "unterminated_quote" ? "csv_unterminated_quote" : "csv_stray_quote");
    return null;
  }
  const [header, ...records] = parsed.value;
  if (!header) {
    problems.add(file.name, {}, "file_empty");
    return null;
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = new Map<string, number>();
  let usable = true;
  names.forEach((name, i) => {
    if (index.has(name) && [...columns.required, ...columns.optional].includes(name)) {
      problems.add(file.name, { line: header.line, column: name }, "duplicate_column", { column: name });
      usable = false;
    }
    if (!index.has(name)) index.set(name, i);
  });
  for (const column of columns.required) {
    if (!index.has(column)) {
      problems.add(file.name, { line: header.line, column }, "missing_column", {
        column,
        header: header.fields.join(", "),
      });
      usable = false;
    }
  }
  if (!usable) return null;
  const rows: TableRow[] = [];
  for (const record of records) {
    if (record.fields.length !== names.length) {
      problems.add(file.name, { line: record.line }, "field_count", {
        found: record.fields.length,
        expected: names.length,
      });
      continue;
    }
    rows.push({
      line: record.line,
      get: (column) => {
        const i = index.get(column);
        return i === undefined ? "" : record.fields[i]!.trim();
      },
      has: (column) => index.has(column),
    });
  }
  if (records.length === 0) problems.add(file.name, {}, "no_rows");
  return rows;
}

function checkCode(value: string, type: AreaType): ImportProblemCode | null {
  if (!GSS_CODE.test(value)) return "bad_gss_code";
  if (!CODE_PREFIXES[type].includes(value.slice(0, 3))) return "wrong_code_kind";
  return null;
}

const codeKindParams = (value: string, type: AreaType): ProblemParams => ({
  value,
  type,
  prefixes: CODE_PREFIXES[type].join(", "),
});

interface AreaEntry {
  type: AreaType;
  code: string;
  name: string;
  line: number;
  parentCode: string | null;
}

interface AreaIndex {
  localAuthority: AreaEntry | null;
  wards: Map<string, AreaEntry>;
  lsoas: Map<string, AreaEntry>;
}

function readAreas(file: ImportFile, options: ValidateOptions, problems: Problems): AreaIndex | null {
  const rows = readTable(file, AREA_COLUMNS, problems);
  if (!rows) return null;
  const localAuthorities: AreaEntry[] = [];
  const wards = new Map<string, AreaEntry>();
  const lsoas = new Map<string, AreaEntry>();
  const seen = new Map<string, number>();
  const parentChecks: AreaEntry[] = [];

  for (const row of rows) {
    const rawType = row.get("type").toLowerCase();
    const code = row.get("code").toUpperCase();
    const name = row.get("name");
    const parent = row.get("parent_code").toUpperCase();
    let good = true;

    if (!(AREA_TYPES as readonly string[]).includes(rawType)) {
      problems.add(file.name, { line: row.line, column: "type" }, rawType ? "bad_area_type" : "required", {
        column: "type",
        value: row.get("type"),
      });
      good = false;
    }
    const type = rawType as AreaType;
    if (!code) {
      problems.add(file.name, { line: row.line, column: "code" }, "required", { column: "code" });
      good = false;
    } else if (good) {
      const problem = checkCode(code, type);
      if (problem) {
        problems.add(file.name, { line: row.line, column: "code" }, problem, codeKindParams(code, type));
        good = false;
      }
    }
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) {
        problems.add(file.name, { line: row.line, column: "code" }, "duplicate_code", { value: code, firstLine: first });
        good = false;
      } else {
        seen.set(code, row.line);
      }
    }
    if (!name) {
      problems.add(file.name, { line: row.line, column: "name" }, "required", { column: "name" });
    } else if (name.length > MAX_NAME_LENGTH) {
      problems.add(file.name, { line: row.line, column: "name" }, "name_too_long", { max: MAX_NAME_LENGTH });
    }
    if (!good) continue;

    const entry: AreaEntry = { type, code, name, line: row.line, parentCode: parent || null };
    if (type === "local_authority") {
      localAuthorities.push(entry);
      if (parent) problems.add(file.name, { line: row.line, column: "parent_code" }, "parent_not_allowed", { type });
    } else if (type === "ward") {
      wards.set(code, entry);
      // A ward's parent can only be the local authority: accepted so wider extracts work, not stored.
      if (parent) parentChecks.push(entry);
    } else {
      lsoas.set(code, entry);
      if (parent) parentChecks.push(entry);
    }
  }

  const localAuthority = localAuthorities[0] ?? null;
  if (localAuthorities.length !== 1) {
    problems.add(file.name, localAuthorities[1] ? { line: localAuthorities[1].line } : {}, "local_authority_count", {
      count: localAuthorities.length,
    });
  }
  if (localAuthority && options.localAuthorityCode && localAuthority.code !== options.localAuthorityCode) {
    problems.add(file.name, { line: localAuthority.line, column: "code" }, "local_authority_mismatch", {
      value: localAuthority.code,
      expected: options.localAuthorityCode,
    });
  }
  if (wards.size === 0) problems.add(file.name, {}, "no_areas_of_type", { type: "ward" });
  if (lsoas.size === 0) problems.add(file.name, {}, "no_areas_of_type", { type: "lsoa" });

  for (const entry of parentChecks) {
    const where = { line: entry.line, column: "parent_code" };
    if (entry.type === "ward") {
      if (entry.parentCode !== localAuthority?.code) {
        problems.add(file.name, where, "ward_parent_not_local_authority", {
          value: entry.parentCode!,
          expected: localAuthority?.code ?? "",
        });
      }
    } else if (!wards.has(entry.parentCode!)) {
      problems.add(file.name, where, "unknown_ward", { value: entry.parentCode!, areasFile: file.name });
    }
  }
  return { localAuthority, wards, lsoas };
}

function parseWholeNumber(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

function parseDecimal(value: string): number | null {
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : null;
}

interface Deprivation {
  decile: number;
  rank: number;
}

function readDeprivation(file: ImportFile, areas: AreaIndex | null, areasFile: string, problems: Problems) {
  const byLsoa = new Map<string, Deprivation>();
  const rows = readTable(file, DEPRIVATION_COLUMNS, problems);
  if (!rows) return null;
  const seen = new Map<string, number>();
  for (const row of rows) {
    const code = row.get("lsoa_code").toUpperCase();
    const decileText = row.get("imd_decile");
    const rankText = row.get("imd_rank");
    let good = true;
    if (!code) {
      problems.add(file.name, { line: row.line, column: "lsoa_code" }, "required", { column: "lsoa_code" });
      good = false;
    } else if (seen.has(code)) {
      problems.add(file.name, { line: row.line, column: "lsoa_code" }, "duplicate_code", {
        value: code,
        firstLine: seen.get(code)!,
      });
      good = false;
    } else {
      seen.set(code, row.line);
      if (areas && !areas.lsoas.has(code)) {
        problems.add(file.name, { line: row.line, column: "lsoa_code" }, "unknown_lsoa", { value: code, areasFile });
        good = false;
      }
    }
    const decile = parseWholeNumber(decileText);
    if (decile === null || decile < 1 || decile > 10) {
      problems.add(file.name, { line: row.line, column: "imd_decile" }, decileText ? "bad_decile" : "required", {
        column: "imd_decile",
        value: decileText,
      });
      good = false;
    }
    const rank = parseWholeNumber(rankText);
    if (rank === null || rank < 1) {
      problems.add(file.name, { line: row.line, column: "imd_rank" }, rankText ? "bad_rank" : "required", {
        column: "imd_rank",
        value: rankText,
      });
      good = false;
    }
    if (good) byLsoa.set(code, { decile: decile!, rank: rank! });
  }
  if (areas) {
    for (const lsoa of areas.lsoas.values()) {
      if (!seen.has(lsoa.code)) problems.add(file.name, {}, "missing_deprivation", { code: lsoa.code, name: lsoa.name });
    }
  }
  return byLsoa;
}

function readCoordinate(
  row: TableRow,
  column: "latitude" | "longitude",
  min: number,
  max: number,
  file: string,
  problems: Problems,
): number | null | "bad" {
  const text = row.get(column);
  if (!text) return null;
  const value = parseDecimal(text);
  if (value === null) {
    problems.add(file, { line: row.line, column }, "bad_number", { column, value: text });
    return "bad";
  }
  if (value < min || value > max) {
    problems.add(file, { line: row.line, column }, "coordinate_outside_uk", { column, value: text, min, max });
    return "bad";
  }
  return value;
}

function readPostcodes(file: ImportFile, areas: AreaIndex | null, areasFile: string, problems: Problems) {
  const rows = readTable(file, POSTCODE_COLUMNS, problems);
  if (!rows) return null;
  const postcodes: PostcodeRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    let good = true;
    const raw = row.get("postcode");
    const normalised = normalisePostcode(raw);
    let postcode = "";
    if (!normalised.ok) {
      problems.add(
        file.name,
        { line: row.line, column: "postcode" },
        normalised.reason === "empty" ? "required" : "bad_postcode",
        { column: "postcode", value: raw, reason: normalised.reason },
      );
      good = false;
    } else {
      postcode = normalised.value;
      const first = seen.get(postcode);
      if (first !== undefined) {
        problems.add(file.name, { line: row.line, column: "postcode" }, "duplicate_postcode", {
          value: postcode,
          firstLine: first,
        });
        good = false;
      } else {
        seen.set(postcode, row.line);
      }
    }
    const lsoaCode = row.get("lsoa_code").toUpperCase();
    if (!lsoaCode) {
      problems.add(file.name, { line: row.line, column: "lsoa_code" }, "required", { column: "lsoa_code" });
      good = false;
    } else if (areas && !areas.lsoas.has(lsoaCode)) {
      problems.add(file.name, { line: row.line, column: "lsoa_code" }, "unknown_lsoa", { value: lsoaCode, areasFile });
      good = false;
    }
    const wardCode = row.get("ward_code").toUpperCase();
    if (!wardCode) {
      problems.add(file.name, { line: row.line, column: "ward_code" }, "required", { column: "ward_code" });
      good = false;
    } else if (areas && !areas.wards.has(wardCode)) {
      problems.add(file.name, { line: row.line, column: "ward_code" }, "unknown_ward", { value: wardCode, areasFile });
      good = false;
    }
    const latitude = readCoordinate(row, "latitude", UK_BOUNDS.minLatitude, UK_BOUNDS.maxLatitude, file.name, problems);
    const longitude = readCoordinate(row, "longitude", UK_BOUNDS.minLongitude, UK_BOUNDS.maxLongitude, file.name, problems);
    if (latitude === "bad" || longitude === "bad") {
      good = false;
    } else if ((latitude === null) !== (longitude === null)) {
      problems.add(file.name, { line: row.line }, "coordinates_incomplete");
      good = false;
    }
    if (good) {
      postcodes.push({
        postcode,
        lsoaCode,
        wardCode,
        latitude: latitude as number | null,
        longitude: longitude as number | null,
      });
    }
  }
  return postcodes;
}

type GeometryCheck = { ok: true; value: Geometry } | { ok: false; code: ImportProblemCode; params: ProblemParams };

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === "number" && Number.isFinite(n));

function checkRings(rings: unknown): GeometryCheck | null {
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, code: "geometry_structure", params: {} };
  for (const ring of rings) {
    if (!Array.isArray(ring)) return { ok: false, code: "geometry_structure", params: {} };
    for (const position of ring) {
      if (!isPosition(position)) return { ok: false, code: "position_invalid", params: { value: JSON.stringify(position) ?? "" } };
      const [x, y] = position as [number, number];
      if (x >= UK_BOUNDS.minLongitude && x <= UK_BOUNDS.maxLongitude && y >= UK_BOUNDS.minLatitude && y <= UK_BOUNDS.maxLatitude) continue;
      // British National Grid (EPSG:27700) metres: eastings 0–700 km, northings 0–1,300 km.
      if (x >= 0 && x <= 700_000 && y >= 0 && y <= 1_300_000 && (x > 180 || y > 90)) {
        return { ok: false, code: "coordinates_projected", params: { x, y } };
      }
      if (y >= UK_BOUNDS.minLongitude && y <= UK_BOUNDS.maxLongitude && x >= UK_BOUNDS.minLatitude && x <= UK_BOUNDS.maxLatitude) {
        return { ok: false, code: "coordinates_swapped", params: { x, y } };
      }
      return { ok: false, code: "coordinates_outside_uk", params: { x, y } };
    }
    // RFC 7946 §3.1.6: a linear ring has four or more positions and ends where it starts.
    if (ring.length < 4) return { ok: false, code: "ring_too_short", params: { count: ring.length } };
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, code: "ring_not_closed", params: {} };
  }
  return null;
}

/** Structural checks of RFC 7946 plus "is it in the UK, in longitude/latitude". */
export function checkGeometry(geometry: unknown): GeometryCheck {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== "object" || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
    const type = g && typeof g === "object" && typeof g.type === "string" ? g.type : "none";
    return { ok: false, code: "geometry_type", params: { value: type } };
  }
  if (g.type === "Polygon") {
    const problem = checkRings(g.coordinates);
    return problem ?? { ok: true, value: { type: "Polygon", coordinates: g.coordinates as Position[][] } };
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) {
    return { ok: false, code: "geometry_structure", params: {} };
  }
  for (const polygon of g.coordinates) {
    const problem = checkRings(polygon);
    if (problem) return problem;
  }
  return { ok: true, value: { type: "MultiPolygon", coordinates: g.coordinates as Position[][][] } };
}

function featureCode(properties: unknown): string | null {
  if (!properties || typeof properties !== "object") return null;
  const props = properties as Record<string, unknown>;
  for (const name of CODE_PROPERTY_NAMES) {
    if (typeof props[name] === "string" && props[name]) return (props[name] as string).trim().toUpperCase();
  }
  for (const [name, value] of Object.entries(props)) {
    if (ONS_CODE_PROPERTY.test(name) && typeof value === "string" && value) return value.trim().toUpperCase();
  }
  return null;
}

function readBoundaries(files: ImportFile[], areas: AreaIndex | null, areasFile: string, problems: Problems) {
  const boundaries = new Map<string, Geometry>();
  const seen = new Map<string, { file: string; feature: number }>();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text);
    } catch (error) {
      problems.add(file.name, {}, "json_invalid", { detail: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const collection = json as { type?: unknown; features?: unknown } | null;
    if (!collection || typeof collection !== "object" || collection.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
      const type = collection && typeof collection === "object" && typeof collection.type === "string" ? collection.type : "none";
      problems.add(file.name, {}, "not_feature_collection", { value: type });
      continue;
    }
    collection.features.forEach((feature: unknown, index: number) => {
      const where = { feature: index + 1 };
      const f = feature as { properties?: unknown; geometry?: unknown } | null;
      const code = featureCode(f?.properties);
      if (!code) {
        problems.add(file.name, where, "feature_without_code");
        return;
      }
      const first = seen.get(code);
      if (first) {
        problems.add(file.name, where, "duplicate_boundary", { value: code, firstFile: first.file, firstFeature: first.feature });
        return;
      }
      seen.set(code, { file: file.name, feature: index + 1 });
      const known =
        !areas || areas.wards.has(code) || areas.lsoas.has(code) || areas.localAuthority?.code === code;
      if (!known) {
        problems.add(file.name, where, "unknown_area", { value: code, areasFile });
        return;
      }
      const geometry = checkGeometry(f?.geometry);
      if (!geometry.ok) {
        problems.add(file.name, where, geometry.code, { ...geometry.params, code });
        return;
      }
      boundaries.set(code, geometry.value);
    });
  }
  if (areas) {
    // Wards are what residents see on the map; LSOA and local authority outlines are optional.
    const file = files[0]?.name ?? "boundaries";
    for (const ward of areas.wards.values()) {
      if (!seen.has(ward.code)) problems.add(file, {}, "missing_boundary", { code: ward.code, name: ward.name });
    }
  }
  return boundaries;
}

/**
 * The ward holding most of an LSOA's postcodes; ties go to the lower ward code so the result is
 * repeatable. Postcodes stand in for the population-weighted output-area centroids ONS uses for
 * its own best-fit lookups, which a council may not have for its current wards.
 */
export function bestFitWards(postcodes: readonly Pick<PostcodeRow, "lsoaCode" | "wardCode">[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { lsoaCode, wardCode } of postcodes) {
    let byWard = counts.get(lsoaCode);
    if (!byWard) counts.set(lsoaCode, (byWard = new Map()));
    byWard.set(wardCode, (byWard.get(wardCode) ?? 0) + 1);
  }
  const result = new Map<string, string>();
  for (const [lsoa, byWard] of counts) {
    let best: [string, number] | null = null;
    for (const [ward, count] of byWard) {
      if (!best || count > best[1] || (count === best[1] && ward < best[0])) best = [ward, count];
    }
    result.set(lsoa, best![0]);
  }
  return result;
}

/**
 * File by file in the order first met, then by line or feature (file-wide problems last), so the
 * report reads top to bottom like the files. Array.prototype.sort is stable: ties keep their order.
 */
function sortProblems(list: ImportProblem[]): ImportProblem[] {
  const fileOrder = new Map<string, number>();
  for (const p of list) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  const position = (p: ImportProblem) => p.line ?? p.feature ?? Number.MAX_SAFE_INTEGER;
  return [...list].sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || position(a) - position(b));
}

/** Checks a whole bundle. Every problem is reported; rows come back only when there are none. */
export function validatePlacesBundle(bundle: PlacesBundle, options: ValidateOptions = {}): PlacesValidation {
  const problems = new Problems();
  const areasFile = bundle.areas.name;
  const areas = readAreas(bundle.areas, options, problems);
  const deprivation = readDeprivation(bundle.deprivation, areas, areasFile, problems);
  const postcodes = readPostcodes(bundle.postcodes, areas, areasFile, problems);
  if (bundle.boundaries.length === 0) problems.add("boundaries", {}, "no_boundary_files");
  const boundaries = readBoundaries(bundle.boundaries, areas, areasFile, problems);

  const derived = postcodes ? bestFitWards(postcodes) : new Map<string, string>();
  if (areas && postcodes) {
    for (const lsoa of areas.lsoas.values()) {
      if (!lsoa.parentCode && !derived.has(lsoa.code)) {
        problems.add(areasFile, { line: lsoa.line, column: "parent_code" }, "lsoa_without_parent", { code: lsoa.code });
      }
    }
  }

  if (problems.list.length > 0 || !areas || !areas.localAuthority || !deprivation || !postcodes) {
    return { ok: false, reason: "invalid_bundle", detail: sortProblems(problems.list) };
  }
  const area = (entry: AreaEntry): AreaRow => ({
    code: entry.code,
    name: entry.name,
    boundary: boundaries.get(entry.code) ?? null,
  });
  return {
    ok: true,
    value: {
      localAuthority: area(areas.localAuthority),
      wards: [...areas.wards.values()].map(area),
      lsoas: [...areas.lsoas.values()].map((entry) => {
        const imd = deprivation.get(entry.code)!;
        return {
          ...area(entry),
          parentCode: entry.parentCode ?? derived.get(entry.code)!,
          parentSource: entry.parentCode ? "file" : "postcodes",
          imdDecile: imd.decile,
          imdRank: imd.rank,
        };
      }),
      postcodes,
    },
  };
}
