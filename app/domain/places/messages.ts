// Words for the places domain's reasons: postcode problems residents see, lookup failures, and
// the import problems officers see. English is final; the Welsh is a DRAFT written in-house —
// have the council's Welsh-language officer review every "cy" string before go-live.
import { format, type Locale } from "../i18n/locale.ts";
import type { PostcodeProblem } from "./postcode.ts";

export type LookupProblem = "invalid_postcode" | "not_found";

export type ImportProblemCode =
  // reading files
  | "csv_unterminated_quote"
  | "csv_stray_quote"
  | "file_empty"
  | "no_rows"
  | "missing_column"
  | "duplicate_column"
  | "field_count"
  | "required"
  | "json_invalid"
  // areas
  | "bad_area_type"
  | "bad_gss_code"
  | "wrong_code_kind"
  | "duplicate_code"
  | "name_too_long"
  | "parent_not_allowed"
  | "ward_parent_not_local_authority"
  | "local_authority_count"
  | "local_authority_mismatch"
  | "no_areas_of_type"
  | "lsoa_without_parent"
  // references between files
  | "unknown_ward"
  | "unknown_lsoa"
  | "unknown_area"
  // deprivation
  | "bad_decile"
  | "bad_rank"
  | "missing_deprivation"
  // postcodes
  | "bad_postcode"
  | "duplicate_postcode"
  | "bad_number"
  | "coordinate_outside_uk"
  | "coordinates_incomplete"
  // boundaries
  | "no_boundary_files"
  | "not_feature_collection"
  | "feature_without_code"
  | "duplicate_boundary"
  | "missing_boundary"
  | "geometry_type"
  | "geometry_structure"
  | "position_invalid"
  | "coordinates_projected"
  | "coordinates_swapped"
  | "coordinates_outside_uk"
  | "ring_too_short"
  | "ring_not_closed";

type Copy<K extends string> = Record<Locale, Record<K, string>>;

// GOV.UK error message style: say what is wrong and how to fix it, in the user's words.
const postcodeCopy: Copy<PostcodeProblem> = {
  en: {
    empty: "Enter a postcode",
    invalid_characters: "Postcode must only include letters a to z and numbers",
    wrong_length: "Enter a full UK postcode, like M32 0TL",
    invalid_format: "Enter a real postcode, like M32 0TL",
  },
  cy: {
    empty: "Rhowch god post",
    invalid_characters: "Rhaid i'r cod post gynnwys llythrennau a i z a rhifau yn unig",
    wrong_length: "Rhowch god post llawn yn y DU, fel M32 0TL",
    invalid_format: "Rhowch god post go iawn, fel M32 0TL",
  },
};

const lookupCopy: Copy<LookupProblem> = {
  en: {
    invalid_postcode: "Enter a full UK postcode, like M32 0TL",
    not_found: "{postcode} is not in {council}. Check the postcode, or choose your ward from the list",
  },
  cy: {
    invalid_postcode: "Rhowch god post llawn yn y DU, fel M32 0TL",
    not_found: "Nid yw {postcode} yn {council}. Gwiriwch y cod post, neu dewiswch eich ward o'r rhestr",
  },
};

// The same postcode reasons, worded for an officer reading an import report rather than a resident.
const postcodeReasonCopy: Copy<PostcodeProblem> = {
  en: {
    empty: "it is empty",
    invalid_characters: "it has characters other than letters and numbers",
    wrong_length: "it is too short or too long",
    invalid_format: "it does not follow the pattern of UK postcodes",
  },
  cy: {
    empty: "mae'n wag",
    invalid_characters: "mae ganddo nodau heblaw llythrennau a rhifau",
    wrong_length: "mae'n rhy fyr neu'n rhy hir",
    invalid_format: "nid yw'n dilyn patrwm codau post y DU",
  },
};

const areaTypeCopy: Copy<"local_authority" | "ward" | "lsoa"> = {
  en: { local_authority: "local authority", ward: "ward", lsoa: "LSOA" },
  cy: { local_authority: "awdurdod lleol", ward: "ward", lsoa: "AGEHI" },
};

const importCopy: Copy<ImportProblemCode> = {
  en: {
    csv_unterminated_quote:
      'A field that starts with a double quote (") on this line never closes. Add the closing double quote',
    csv_stray_quote:
      'A double quote (") is inside a field that does not start with one. Put the whole field in double quotes and write the quote twice ("")',
    file_empty: "The file is empty. It needs a header row, then one row per record",
    no_rows: "The file has a header row but no data rows",
    missing_column: 'The header row has no "{column}" column (it has: {header})',
    duplicate_column: 'The header row has more than one "{column}" column',
    field_count: "This row has {found} fields but the header row has {expected}. Check for a missing or extra comma",
    required: "{column} is empty",
    json_invalid: "The file is not valid JSON: {detail}",
    bad_area_type: 'type must be local_authority, ward or lsoa, not "{value}"',
    bad_gss_code: '"{value}" is not an ONS (GSS) code: a letter and 8 digits, like E05015239',
    wrong_code_kind: "{value} is not a {type} code: {type} codes start with {prefixes}",
    duplicate_code: "{value} is listed more than once (first on line {firstLine})",
    name_too_long: "name must be {max} characters or fewer",
    parent_not_allowed: "parent_code must be empty for a {type}",
    ward_parent_not_local_authority: "A ward's parent_code must be empty or the local authority's code {expected}, not {value}",
    local_authority_count: "The file must have exactly one local_authority row; it has {count}",
    local_authority_mismatch: "The local authority code is {value} but this council's ONS code is {expected}",
    no_areas_of_type: "The file has no {type} rows",
    lsoa_without_parent:
      "LSOA {code} has no parent_code and no postcodes to work out its ward from. Give its best-fit ward in parent_code",
    unknown_ward: "{value} is not a ward in {areasFile}",
    unknown_lsoa: "{value} is not an LSOA in {areasFile}",
    unknown_area: "{value} is not an area in {areasFile}",
    bad_decile: 'imd_decile must be a whole number from 1 to 10, not "{value}"',
    bad_rank: 'imd_rank must be a whole number, 1 or more, not "{value}"',
    missing_deprivation: "LSOA {code} ({name}) has no row",
    bad_postcode: '"{value}" is not a postcode: {reason}',
    duplicate_postcode: "{value} is listed more than once (first on line {firstLine})",
    bad_number: '{column} must be a number, like 53.4655, not "{value}"',
    coordinate_outside_uk: "{column} {value} is outside the UK ({min} to {max}). Check latitude and longitude are not swapped",
    coordinates_incomplete: "Give both latitude and longitude, or leave both empty",
    no_boundary_files: "No boundary file was given. Ward boundaries are needed for the map",
    not_feature_collection: 'The file must be a GeoJSON FeatureCollection; its type is "{value}"',
    feature_without_code: "The feature has no code in its properties (looked for code, area_code and ONS names like WD23CD)",
    duplicate_boundary: "{value} already has a boundary (feature {firstFeature} of {firstFile})",
    missing_boundary: "Ward {code} ({name}) has no boundary",
    geometry_type: '{code}: the geometry must be a Polygon or MultiPolygon, not "{value}"',
    geometry_structure: "{code}: the coordinates are not nested the way GeoJSON needs for this geometry type",
    position_invalid: "{code}: a position is not a pair of numbers: {value}",
    coordinates_projected:
      "{code}: the coordinates ({x}, {y}) look like British National Grid metres. Export the file as WGS84 longitude/latitude (EPSG:4326)",
    coordinates_swapped: "{code}: the coordinates ({x}, {y}) look like latitude before longitude. GeoJSON puts longitude first",
    coordinates_outside_uk: "{code}: the coordinates ({x}, {y}) are outside the UK",
    ring_too_short: "{code}: an outline has {count} positions; it needs at least 4, the last the same as the first",
    ring_not_closed: "{code}: an outline does not end where it starts",
  },
  cy: {
    csv_unterminated_quote:
      "Nid yw maes sy'n dechrau gyda dyfynnod dwbl (\") ar y llinell hon byth yn cau. Ychwanegwch y dyfynnod dwbl sy'n cau",
    csv_stray_quote:
      'Mae dyfynnod dwbl (") y tu mewn i faes nad yw\'n dechrau gydag un. Rhowch y maes cyfan mewn dyfynodau dwbl ac ysgrifennwch y dyfynnod ddwywaith ("")',
    file_empty: "Mae'r ffeil yn wag. Mae angen rhes pennawd arni, yna un rhes i bob cofnod",
    no_rows: "Mae gan y ffeil res pennawd ond dim rhesi data",
    missing_column: 'Nid oes colofn "{column}" yn y rhes pennawd (mae ganddi: {header})',
    duplicate_column: 'Mae mwy nag un golofn "{column}" yn y rhes pennawd',
    field_count: "Mae gan y rhes hon {found} maes ond mae gan y rhes pennawd {expected}. Gwiriwch am goma coll neu ychwanegol",
    required: "Mae {column} yn wag",
    json_invalid: "Nid yw'r ffeil yn JSON dilys: {detail}",
    bad_area_type: 'Rhaid i type fod yn local_authority, ward neu lsoa, nid "{value}"',
    bad_gss_code: 'Nid yw "{value}" yn god ONS (GSS): llythyren ac 8 digid, fel E05015239',
    wrong_code_kind: "Nid yw {value} yn god {type}: mae codau {type} yn dechrau gyda {prefixes}",
    duplicate_code: "Mae {value} wedi'i restru fwy nag unwaith (yn gyntaf ar linell {firstLine})",
    name_too_long: "Rhaid i name fod yn {max} nod neu lai",
    parent_not_allowed: "Rhaid i parent_code fod yn wag ar gyfer {type}",
    ward_parent_not_local_authority: "Rhaid i parent_code ward fod yn wag neu'n god yr awdurdod lleol {expected}, nid {value}",
    local_authority_count: "Rhaid i'r ffeil gael un rhes local_authority yn union; mae ganddi {count}",
    local_authority_mismatch: "Cod yr awdurdod lleol yw {value} ond cod ONS y cyngor hwn yw {expected}",
    no_areas_of_type: "Nid oes rhesi {type} yn y ffeil",
    lsoa_without_parent:
      "Nid oes gan AGEHI {code} parent_code na chodau post i gyfrifo ei ward ohonynt. Rhowch y ward sy'n gweddu orau yn parent_code",
    unknown_ward: "Nid yw {value} yn ward yn {areasFile}",
    unknown_lsoa: "Nid yw {value} yn AGEHI yn {areasFile}",
    unknown_area: "Nid yw {value} yn ardal yn {areasFile}",
    bad_decile: 'Rhaid i imd_decile fod yn rhif cyfan o 1 i 10, nid "{value}"',
    bad_rank: 'Rhaid i imd_rank fod yn rhif cyfan, 1 neu fwy, nid "{value}"',
    missing_deprivation: "Nid oes rhes ar gyfer AGEHI {code} ({name})",
    bad_postcode: 'Nid yw "{value}" yn god post: {reason}',
    duplicate_postcode: "Mae {value} wedi'i restru fwy nag unwaith (yn gyntaf ar linell {firstLine})",
    bad_number: 'Rhaid i {column} fod yn rhif, fel 53.4655, nid "{value}"',
    coordinate_outside_uk:
      "Mae {column} {value} y tu allan i'r DU ({min} i {max}). Gwiriwch nad yw lledred a hydred wedi'u cyfnewid",
    coordinates_incomplete: "Rhowch ledred a hydred, neu gadewch y ddau yn wag",
    no_boundary_files: "Ni roddwyd ffeil ffiniau. Mae angen ffiniau wardiau ar gyfer y map",
    not_feature_collection: 'Rhaid i\'r ffeil fod yn FeatureCollection GeoJSON; ei math yw "{value}"',
    feature_without_code:
      "Nid oes cod ym mhriodweddau'r nodwedd (chwiliwyd am code, area_code ac enwau ONS fel WD23CD)",
    duplicate_boundary: "Mae gan {value} ffin eisoes (nodwedd {firstFeature} yn {firstFile})",
    missing_boundary: "Nid oes ffin gan ward {code} ({name})",
    geometry_type: '{code}: rhaid i\'r geometreg fod yn Polygon neu MultiPolygon, nid "{value}"',
    geometry_structure: "{code}: nid yw'r cyfesurynnau wedi'u nythu fel y mae GeoJSON yn ei ofyn ar gyfer y math hwn o geometreg",
    position_invalid: "{code}: nid yw safle yn bâr o rifau: {value}",
    coordinates_projected:
      "{code}: mae'r cyfesurynnau ({x}, {y}) yn edrych fel metrau Grid Cenedlaethol Prydain. Allforiwch y ffeil fel hydred/lledred WGS84 (EPSG:4326)",
    coordinates_swapped:
      "{code}: mae'r cyfesurynnau ({x}, {y}) yn edrych fel lledred cyn hydred. Mae GeoJSON yn rhoi hydred yn gyntaf",
    coordinates_outside_uk: "{code}: mae'r cyfesurynnau ({x}, {y}) y tu allan i'r DU",
    ring_too_short: "{code}: mae gan amlinell {count} safle; mae angen o leiaf 4, a'r olaf yr un fath â'r cyntaf",
    ring_not_closed: "{code}: nid yw amlinell yn gorffen lle mae'n dechrau",
  },
};

export function postcodeProblemMessage(problem: PostcodeProblem, locale: Locale = "en"): string {
  return postcodeCopy[locale][problem];
}

/** `params` fills {postcode} and {council} in the not_found message. */
export function lookupProblemMessage(
  problem: LookupProblem,
  locale: Locale = "en",
  params: { postcode?: string; council?: string } = {},
): string {
  return format(lookupCopy[locale][problem], params);
}

export function describeImportProblem(
  problem: { code: ImportProblemCode; params: Record<string, string | number> },
  locale: Locale = "en",
): string {
  const params = { ...problem.params };
  // Some parameters are themselves reasons or enum values: translate them, don't print the key.
  if (typeof params.type === "string" && params.type in areaTypeCopy[locale]) {
    params.type = areaTypeCopy[locale][params.type as keyof (typeof areaTypeCopy)["en"]];
  }
  if (typeof params.reason === "string" && params.reason in postcodeReasonCopy[locale]) {
    params.reason = postcodeReasonCopy[locale][params.reason as PostcodeProblem];
  }
  return format(importCopy[locale][problem.code], params);
}

const featureWord: Record<Locale, string> = { en: "feature", cy: "nodwedd" };

/** One line per problem, the way compilers print them: "areas.csv:12: …". */
export function formatImportProblem(
  problem: {
    file: string;
    line?: number;
    feature?: number;
    code: ImportProblemCode;
    params: Record<string, string | number>;
  },
  locale: Locale = "en",
): string {
  const message = describeImportProblem(problem, locale);
  if (problem.line !== undefined) return `${problem.file}:${problem.line}: ${message}`;
  if (problem.feature !== undefined) return `${problem.file}: ${featureWord[locale]} ${problem.feature}: ${message}`;
  return `${problem.file}: ${message}`;
}
