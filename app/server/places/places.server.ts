// Places use cases: import a council's geography (areas, postcodes, deprivation, boundaries),
// look a postcode up, list wards with their deprivation profile, and load the shipped
// Trafford bundle for the demo seed. Validation is the pure app/domain/places/area-import.ts;
// this file only reads files and talks to the database.
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  validatePlacesBundle,
  type ImportFile,
  type ImportProblem,
  type PlacesBundle,
  type ValidatedPlaces,
} from "~/domain/places/area-import.ts";
import type { LookupProblem } from "~/domain/places/messages.ts";
import { normalisePostcode } from "~/domain/places/postcode.ts";
import { err, ok, type Result } from "~/domain/result.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { Services } from "../services.server.ts";

export type PlacesDeps = Pick<Services, "prisma">;

export type ImportStage = "areas" | "postcodes";

export interface ImportProgress {
  stage: ImportStage;
  done: number;
  total: number;
}

export interface ImportPlacesInput {
  councilId: string;
  bundle: PlacesBundle;
  onProgress?: (progress: ImportProgress) => void;
  /** Who ran it, for the audit log; null for the CLI and the seed. */
  actorId?: string | null;
  /** Validate against the council and report what would be written, writing nothing. */
  dryRun?: boolean;
}

export interface ImportSummary {
  wards: number;
  lsoas: number;
  postcodes: number;
  /** Areas written with an outline. */
  boundaries: number;
  /** LSOAs whose ward was derived from postcodes because parent_code was empty. */
  derivedParents: number;
  /** What the import replaced (0 on a first import or a dry run). */
  replaced: { areas: number; postcodes: number };
  dryRun: boolean;
}

/** A Result<ImportSummary, "council_not_found" | "invalid_bundle"> whose problems are typed. */
export type ImportPlacesResult =
  | { ok: true; value: ImportSummary }
  | { ok: false; reason: "council_not_found" }
  | { ok: false; reason: "invalid_bundle"; detail: ImportProblem[] };

// Areas carry boundaries of a few kB each; postcodes are 6 small columns (6 × 2,000 bind
// parameters stays far below PostgreSQL's 65,535 limit per statement).
const AREA_CHUNK = 100;
const POSTCODE_CHUNK = 2_000;
// Interactive transactions default to 5 s; a whole council on PGlite takes a few seconds, on a
// busy PostgreSQL perhaps longer. The import is all-or-nothing, so give it room rather than fail.
const TRANSACTION_TIMEOUT_MS = 5 * 60_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function areaRows(councilId: string, places: ValidatedPlaces): Prisma.AreaCreateManyInput[] {
  // A null boundary is left out so the column takes SQL NULL rather than JSON null.
  const boundary = (geometry: unknown) =>
    geometry ? { boundary: geometry as Prisma.InputJsonValue } : {};
  return [
    {
      councilId,
      type: "local_authority",
      code: places.localAuthority.code,
      name: places.localAuthority.name,
      ...boundary(places.localAuthority.boundary),
    },
    ...places.wards.map((ward) => ({
      councilId,
      type: "ward" as const,
      code: ward.code,
      name: ward.name,
      ...boundary(ward.boundary),
    })),
    ...places.lsoas.map((lsoa) => ({
      councilId,
      type: "lsoa" as const,
      code: lsoa.code,
      name: lsoa.name,
      imdDecile: lsoa.imdDecile,
      imdRank: lsoa.imdRank,
      parentCode: lsoa.parentCode,
      ...boundary(lsoa.boundary),
    })),
  ];
}

/**
 * Replaces a council's places with the bundle's, in one transaction: either every area and
 * postcode is written or nothing changes. Invalid bundles write nothing and return every problem.
 */
export async function importPlaces(
  deps: PlacesDeps,
  input: ImportPlacesInput,
): Promise<ImportPlacesResult> {
  const council = await deps.prisma.council.findUnique({
    where: { id: input.councilId },
    select: { id: true, onsCode: true },
  });
  if (!council) return { ok: false, reason: "council_not_found" };

  const validation = validatePlacesBundle(input.bundle, { localAuthorityCode: council.onsCode });
  if (!validation.ok) return validation;
  const places = validation.value;

  const areas = areaRows(council.id, places);
  const postcodes: Prisma.PostcodeCreateManyInput[] = places.postcodes.map((p) => ({
    councilId: council.id,
    postcode: p.postcode,
    lsoaCode: p.lsoaCode,
    wardCode: p.wardCode,
    latitude: p.latitude,
    longitude: p.longitude,
  }));
  const summary = {
    wards: places.wards.length,
    lsoas: places.lsoas.length,
    postcodes: postcodes.length,
    boundaries: areas.filter((a) => a.boundary !== undefined).length,
    derivedParents: places.lsoas.filter((l) => l.parentSource === "postcodes").length,
  };
  if (input.dryRun) return ok({ ...summary, replaced: { areas: 0, postcodes: 0 }, dryRun: true });

  const progress = input.onProgress ?? (() => {});
  const replaced = await deps.prisma.$transaction(
    async (tx) => {
      const oldPostcodes = await tx.postcode.deleteMany({ where: { councilId: council.id } });
      const oldAreas = await tx.area.deleteMany({ where: { councilId: council.id } });
      let done = 0;
      progress({ stage: "areas", done, total: areas.length });
      for (const batch of chunks(areas, AREA_CHUNK)) {
        await tx.area.createMany({ data: batch });
        done += batch.length;
        progress({ stage: "areas", done, total: areas.length });
      }
      done = 0;
      progress({ stage: "postcodes", done, total: postcodes.length });
      for (const batch of chunks(postcodes, POSTCODE_CHUNK)) {
        await tx.postcode.createMany({ data: batch });
        done += batch.length;
        progress({ stage: "postcodes", done, total: postcodes.length });
      }
      const replaced = { areas: oldAreas.count, postcodes: oldPostcodes.count };
      await tx.auditEvent.create({
        data: {
          councilId: council.id,
          actorId: input.actorId ?? null,
          action: "places.imported",
          subjectType: "council",
          subjectId: council.id,
          data: { ...summary, replaced, files: fileNames(input.bundle) },
        },
      });
      return replaced;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
  return ok({ ...summary, replaced, dryRun: false });
}

function fileNames(bundle: PlacesBundle): string[] {
  return [bundle.areas, bundle.postcodes, bundle.deprivation, ...bundle.boundaries].map((f) => f.name);
}

export interface PostcodeLookup {
  postcode: string;
  lsoa: { code: string; name: string; imdDecile: number | null };
  ward: { code: string; name: string };
}

/** Postcode → LSOA (with its IMD decile) → ward, within one council. */
export async function lookupPostcode(
  deps: PlacesDeps,
  councilId: string,
  postcode: string,
): Promise<Result<PostcodeLookup, LookupProblem>> {
  const normalised = normalisePostcode(postcode);
  if (!normalised.ok) return err("invalid_postcode", normalised.reason);
  const row = await deps.prisma.postcode.findUnique({
    where: { councilId_postcode: { councilId, postcode: normalised.value } },
    select: { postcode: true, lsoaCode: true, wardCode: true },
  });
  if (!row) return err("not_found");
  const areas = await deps.prisma.area.findMany({
    where: {
      councilId,
      OR: [
        { type: "lsoa", code: row.lsoaCode },
        { type: "ward", code: row.wardCode },
      ],
    },
    select: { type: true, code: true, name: true, imdDecile: true },
  });
  const lsoa = areas.find((a) => a.type === "lsoa");
  const ward = areas.find((a) => a.type === "ward");
  // The import checks every postcode's LSOA and ward exist, so a gap means rows were edited by
  // hand; answer with the codes rather than fail the resident's request.
  return ok({
    postcode: row.postcode,
    lsoa: { code: row.lsoaCode, name: lsoa?.name ?? row.lsoaCode, imdDecile: lsoa?.imdDecile ?? null },
    ward: { code: row.wardCode, name: ward?.name ?? row.wardCode },
  });
}

export interface WardSummary {
  code: string;
  name: string;
  /** LSOAs whose best-fit ward this is. */
  lsoaCount: number;
  imd: {
    /** counts[0] = LSOAs in decile 1 (most deprived tenth of England) … counts[9] = decile 10. */
    counts: number[];
    /** counts / LSOAs with a decile; all zero when none has one. */
    shares: number[];
    /** Share in deciles 1–2, the most deprived fifth of England; null when no LSOA has a decile. */
    mostDeprivedFifth: number | null;
  };
}

/** A council's wards by name, each with the IMD 2025 decile profile of its best-fit LSOAs. */
export async function listWards(deps: PlacesDeps, councilId: string): Promise<WardSummary[]> {
  const [wards, lsoas] = await Promise.all([
    deps.prisma.area.findMany({
      where: { councilId, type: "ward" },
      select: { code: true, name: true },
      orderBy: { name: "asc" },
    }),
    deps.prisma.area.findMany({
      where: { councilId, type: "lsoa" },
      select: { parentCode: true, imdDecile: true },
    }),
  ]);
  const byWard = new Map<string, { lsoas: number; counts: number[] }>();
  for (const ward of wards) byWard.set(ward.code, { lsoas: 0, counts: Array(10).fill(0) });
  for (const lsoa of lsoas) {
    const entry = lsoa.parentCode ? byWard.get(lsoa.parentCode) : undefined;
    if (!entry) continue;
    entry.lsoas += 1;
    if (lsoa.imdDecile && lsoa.imdDecile >= 1 && lsoa.imdDecile <= 10) entry.counts[lsoa.imdDecile - 1]! += 1;
  }
  return wards.map((ward) => {
    const { lsoas: lsoaCount, counts } = byWard.get(ward.code)!;
    const withDecile = counts.reduce((a, b) => a + b, 0);
    return {
      code: ward.code,
      name: ward.name,
      lsoaCount,
      imd: {
        counts,
        shares: counts.map((c) => (withDecile ? c / withDecile : 0)),
        mostDeprivedFifth: withDecile ? (counts[0]! + counts[1]!) / withDecile : null,
      },
    };
  });
}

/** The shipped Trafford data, relative to the package root (npm runs every script from there). */
export const TRAFFORD_DATA_DIR = "prisma/data/trafford";

/** Trafford's bundle from prisma/data/trafford, in the import formats; the demo seed imports it. */
export async function loadTraffordBundle(cwd = process.cwd()): Promise<PlacesBundle> {
  const load = async (file: string): Promise<ImportFile> => {
    const name = path.posix.join(TRAFFORD_DATA_DIR, file);
    return { name, text: await readFile(path.resolve(cwd, name), "utf8") };
  };
  const [areas, postcodes, deprivation, wards, lsoas] = await Promise.all([
    load("areas.csv"),
    load("postcodes.csv"),
    load("deprivation.csv"),
    load("wards-2023.geojson"),
    load("lsoas-2021.geojson"),
  ]);
  return { areas, postcodes, deprivation, boundaries: [wards, lsoas] };
}
