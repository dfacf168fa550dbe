// The open data Commonweal ships in prisma/data/, for the "Data sources" page. The licences
// (OGL v3) require the attribution strings to be shown as written, so `attribution` is quoted
// from the publishers' required statements (as recorded in the data MANIFEST) — do not reword
// it, translate it or merge entries. Where a statement has a "[year]" slot it is filled with the
// edition's year of release. Keep in step with prisma/data/README.md.
export interface DataSource {
  id: string;
  title: string;
  publisher: string;
  /** Which release we ship. */
  edition: string;
  licence: string;
  licenceUrl: string;
  /** Verbatim; show every line. */
  attribution: readonly string[];
  usedFor: { en: string; cy: string };
  /** The public copy we took it from: the publisher's data, unchanged apart from column subsets. */
  obtainedFrom: { name: string; url: string; commit: string; path: string };
  /** Files under prisma/data/ built from this source. */
  files: readonly string[];
}

const OGL_V3 = "Open Government Licence v3.0";
const OGL_V3_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
const ONS_ATTRIBUTION = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0";
const TRAFFORD_SPATIAL = {
  name: "Trafford Data Lab, spatial_data",
  url: "https://github.com/traffordDataLab/spatial_data",
  commit: "7fa4f03c29745aa4ca0f17f30e0dd1b31563202c",
} as const;

export const DATA_SOURCES: readonly DataSource[] = [
  {
    id: "onspd-2025-02",
    title: "ONS Postcode Directory (ONSPD), February 2025 — Trafford extract",
    publisher: "Office for National Statistics",
    edition: "February 2025",
    licence: OGL_V3,
    licenceUrl: OGL_V3_URL,
    attribution: [
      ONS_ATTRIBUTION,
      "Contains OS data © Crown copyright and database right 2025",
      "Contains Royal Mail data © Royal Mail copyright and database right 2025",
    ],
    usedFor: {
      en: "Finding the ward and neighbourhood (LSOA) for a postcode, and working out which ward each neighbourhood mostly lies in.",
      cy: "Dod o hyd i'r ward a'r gymdogaeth (AGEHI) ar gyfer cod post, a chyfrifo ym mha ward y mae pob cymdogaeth yn bennaf.",
    },
    obtainedFrom: { ...TRAFFORD_SPATIAL, path: "postcodes/trafford_postcodes.csv" },
    files: ["prisma/data/trafford/postcodes.csv"],
  },
  {
    id: "wards-2023-05-bgc",
    title: "Wards (May 2023) Boundaries UK BGC — Trafford",
    publisher: "Office for National Statistics",
    edition: "May 2023, generalised (20 m), clipped to the coastline",
    licence: OGL_V3,
    licenceUrl: OGL_V3_URL,
    attribution: [ONS_ATTRIBUTION, "Contains OS data © Crown copyright and database right 2023"],
    usedFor: {
      en: "Ward names, codes and the ward map.",
      cy: "Enwau a chodau wardiau, a map y wardiau.",
    },
    obtainedFrom: { ...TRAFFORD_SPATIAL, path: "ward/2023/trafford_ward_generalised.geojson" },
    files: ["prisma/data/trafford/wards-2023.geojson", "prisma/data/trafford/areas.csv"],
  },
  {
    id: "lsoa-2021-bgc",
    title: "Lower layer Super Output Areas (December 2021) Boundaries EW BGC — Trafford",
    publisher: "Office for National Statistics",
    edition: "Census 2021 geography, generalised (20 m), clipped to the coastline",
    licence: OGL_V3,
    licenceUrl: OGL_V3_URL,
    attribution: [ONS_ATTRIBUTION, "Contains OS data © Crown copyright and database right 2021"],
    usedFor: {
      en: "Neighbourhood (LSOA) names, codes and outlines, the areas deprivation is measured for.",
      cy: "Enwau, codau ac amlinellau cymdogaethau (AGEHI), yr ardaloedd y mesurir amddifadedd ar eu cyfer.",
    },
    obtainedFrom: { ...TRAFFORD_SPATIAL, path: "lsoa/2021/trafford_lsoa_generalised.geojson" },
    files: ["prisma/data/trafford/lsoas-2021.geojson", "prisma/data/trafford/areas.csv"],
  },
  {
    id: "iod-2025",
    title: "English Indices of Deprivation 2025 — Index of Multiple Deprivation by LSOA (File 7), Trafford",
    publisher: "Ministry of Housing, Communities and Local Government",
    edition: "Published 30 October 2025",
    licence: OGL_V3,
    licenceUrl: OGL_V3_URL,
    attribution: ["Contains public sector information licensed under the Open Government Licence v3.0."],
    usedFor: {
      en: "The deprivation decile and rank of each neighbourhood, so results can be broken down by deprivation and the least-heard areas are not forgotten.",
      cy: "Degradd a safle amddifadedd pob cymdogaeth, fel y gellir dadansoddi canlyniadau yn ôl amddifadedd ac nad anghofir yr ardaloedd a glywir leiaf.",
    },
    obtainedFrom: {
      name: "humaniverse, IMD (R package data)",
      url: "https://github.com/humaniverse/IMD",
      commit: "2f6c9050afee99a40041eb63b02b6b0c58850704",
      path: "data/imd2025_england_lsoa21.rda",
    },
    files: ["prisma/data/trafford/deprivation.csv"],
  },
];
