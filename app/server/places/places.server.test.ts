// Runs on in-memory PGlite by default, or on PostgreSQL with TEST_DATABASE_URL=postgres://…
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlacesBundle } from "~/domain/places/area-import.ts";
import { parseCsv } from "~/domain/places/csv.ts";
import type { Database } from "../db/client.server.ts";
import { openTestDatabase } from "../testing/test-database.server.ts";
import { importPlaces, listWards, loadTraffordBundle, lookupPostcode, type ImportProgress } from "./places.server.ts";

let db: Database;
let trafford: PlacesBundle;
let councilId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  trafford = await loadTraffordBundle();
  const council = await db.prisma.council.create({
    data: { slug: "trafford", name: "Trafford Council", onsCode: "E08000009" },
  });
  councilId = council.id;
});

afterAll(async () => {
  await db?.close();
});

const deps = () => ({ prisma: db.prisma });

/** Replaces one line (1-based, header = 1) of a CSV file in a copy of the bundle. */
function withLine(bundle: PlacesBundle, file: "areas" | "postcodes" | "deprivation", line: number, text: string) {
  const lines = bundle[file].text.split("\n");
  lines[line - 1] = text;
  return { ...bundle, [file]: { ...bundle[file], text: lines.join("\n") } };
}

describe("importPlaces with the shipped Trafford data", () => {
  it("imports the local authority, 21 wards, 139 LSOAs and every postcode, with progress", async () => {
    const progress: ImportProgress[] = [];
    const started = Date.now();
    const result = await importPlaces(deps(), { councilId, bundle: trafford, onProgress: (p) => progress.push(p) });
    const elapsed = Date.now() - started;
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      wards: 21,
      lsoas: 139,
      postcodes: 11_264,
      boundaries: 160,
      derivedParents: 139,
      replaced: { areas: 0, postcodes: 0 },
      dryRun: false,
    });
    // "a few seconds at most": generous for slow CI, but catches row-by-row inserts.
    expect(elapsed).toBeLessThan(20_000);

    const counts = await db.prisma.area.groupBy({ by: ["type"], where: { councilId }, _count: true });
    expect(Object.fromEntries(counts.map((c) => [c.type, c._count]))).toEqual({ local_authority: 1, ward: 21, lsoa: 139 });
    expect(await db.prisma.postcode.count({ where: { councilId } })).toBe(11_264);

    const last = progress.filter((p) => p.stage === "postcodes").at(-1);
    expect(last).toEqual({ stage: "postcodes", done: 11_264, total: 11_264 });
    expect(progress.filter((p) => p.stage === "postcodes").length).toBeGreaterThan(2);

    const audit = await db.prisma.auditEvent.findFirst({ where: { councilId, action: "places.imported" } });
    expect(audit?.subjectId).toBe(councilId);
  });

  it("resolves every postcode to a known LSOA and ward, and every LSOA to a ward and an IMD decile", async () => {
    const areas = await db.prisma.area.findMany({ where: { councilId }, select: { type: true, code: true, parentCode: true, imdDecile: true, imdRank: true, boundary: true } });
    const wards = new Set(areas.filter((a) => a.type === "ward").map((a) => a.code));
    const lsoas = new Set(areas.filter((a) => a.type === "lsoa").map((a) => a.code));
    const orphans = await db.prisma.postcode.findMany({
      where: { councilId, OR: [{ lsoaCode: { notIn: [...lsoas] } }, { wardCode: { notIn: [...wards] } }] },
    });
    expect(orphans).toEqual([]);
    for (const lsoa of areas.filter((a) => a.type === "lsoa")) {
      expect(wards.has(lsoa.parentCode!)).toBe(true);
      expect(lsoa.imdDecile).toBeGreaterThanOrEqual(1);
      expect(lsoa.imdDecile).toBeLessThanOrEqual(10);
      expect(lsoa.imdRank).toBeGreaterThan(0);
      expect(lsoa.boundary).toMatchObject({ type: "MultiPolygon" });
    }
    for (const ward of areas.filter((a) => a.type === "ward")) expect(ward.boundary).toMatchObject({ type: "Polygon" });
    expect(areas.find((a) => a.type === "local_authority")).toMatchObject({ code: "E08000009", boundary: null, parentCode: null });
  });

  it("looks up real Trafford postcodes, however they are typed", async () => {
    // Values from prisma/data/trafford (ONSPD Feb 2025, IMD 2025).
    const stretford = await lookupPostcode(deps(), councilId, "m15 4ab");
    expect(stretford).toEqual({
      ok: true,
      value: {
        postcode: "M15 4AB",
        lsoa: { code: "E01034001", name: "Trafford 001H", imdDecile: expect.any(Number) },
        ward: { code: "E05015247", name: "Gorse Hill & Cornbrook" },
      },
    });
    const urmston = await lookupPostcode(deps(), councilId, " M41  0AA ");
    expect(urmston.ok && urmston.value.postcode).toBe("M41 0AA");
    const altrincham = await lookupPostcode(deps(), councilId, "WA14-1AA");
    expect(altrincham.ok && altrincham.value.ward.name).toBe("Altrincham");
  });

  it("says why a lookup failed", async () => {
    expect(await lookupPostcode(deps(), councilId, "not a postcode")).toMatchObject({ ok: false, reason: "invalid_postcode" });
    expect(await lookupPostcode(deps(), councilId, "")).toMatchObject({ ok: false, reason: "invalid_postcode", detail: "empty" });
    // A real postcode, in Manchester city centre, not Trafford.
    expect(await lookupPostcode(deps(), councilId, "M1 1AE")).toEqual({ ok: false, reason: "not_found" });
  });

  it("lists wards by name with the IMD decile profile of their LSOAs", async () => {
    const wards = await listWards(deps(), councilId);
    expect(wards).toHaveLength(21);
    expect(wards.map((w) => w.name)).toEqual([...wards.map((w) => w.name)].sort((a, b) => a.localeCompare(b)));
    expect(wards.reduce((n, w) => n + w.lsoaCount, 0)).toBe(139);
    for (const ward of wards) {
      expect(ward.imd.counts).toHaveLength(10);
      expect(ward.imd.counts.reduce((a, b) => a + b, 0)).toBe(ward.lsoaCount);
      if (ward.lsoaCount) expect(ward.imd.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    // Trafford's IMD 2025 decile profile, all LSOAs: the six decile-1 LSOAs are all somewhere.
    const total = Array(10).fill(0);
    for (const w of wards) w.imd.counts.forEach((c, i) => (total[i] += c));
    expect(total).toEqual([6, 5, 14, 9, 12, 6, 13, 14, 24, 36]);
  });
});

describe("importPlaces all-or-nothing", () => {
  it("writes nothing when one postcode row is bad, and says which file and line", async () => {
    const before = await db.prisma.postcode.count({ where: { councilId } });
    const bad = withLine(trafford, "postcodes", 5000, "M41 9ZZ,E01006074,E05099999,53.45,-2.35");
    const result = await importPlaces(deps(), { councilId, bundle: bad });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid_bundle") throw new Error("expected invalid_bundle");
    expect(result.detail).toEqual([
      expect.objectContaining({
        file: "prisma/data/trafford/postcodes.csv",
        line: 5000,
        column: "ward_code",
        code: "unknown_ward",
        message: "E05099999 is not a ward in prisma/data/trafford/areas.csv",
      }),
    ]);
    expect(await db.prisma.postcode.count({ where: { councilId } })).toBe(before);
  });

  it("reports a bad deprivation decile with its line", async () => {
    const lines = parseCsv(trafford.deprivation.text);
    if (!lines.ok) throw new Error("shipped deprivation.csv does not parse");
    const row = lines.value[10]!;
    const bad = withLine(trafford, "deprivation", row.line, `${row.fields[0]},11,${row.fields[2]}`);
    const result = await importPlaces(deps(), { councilId, bundle: bad });
    expect(result).toMatchObject({ ok: false, reason: "invalid_bundle", detail: [{ line: 11, column: "imd_decile", code: "bad_decile" }] });
  });

  it("rolls back when the database fails part way through", async () => {
    const before = await db.prisma.area.count({ where: { councilId } });
    // Fail inside the transaction, after the old rows are deleted and the areas written.
    await expect(
      importPlaces(deps(), {
        councilId,
        bundle: trafford,
        onProgress: (p) => {
          if (p.stage === "postcodes" && p.done > 0) throw new Error("disk full");
        },
      }),
    ).rejects.toThrow("disk full");
    expect(await db.prisma.area.count({ where: { councilId } })).toBe(before);
    expect(await db.prisma.postcode.count({ where: { councilId } })).toBe(11_264);
  });

  it("rejects a bundle whose local authority is not the council's", async () => {
    const other = await db.prisma.council.create({ data: { slug: "stockport", name: "Stockport", onsCode: "E08000007" } });
    const result = await importPlaces(deps(), { councilId: other.id, bundle: trafford });
    expect(result).toMatchObject({ ok: false, reason: "invalid_bundle", detail: [{ line: 2, code: "local_authority_mismatch" }] });
    expect(await db.prisma.area.count({ where: { councilId: other.id } })).toBe(0);
  });

  it("returns council_not_found for an unknown council", async () => {
    expect(await importPlaces(deps(), { councilId: "nope", bundle: trafford })).toEqual({ ok: false, reason: "council_not_found" });
  });
});

describe("re-import", () => {
  it("replaces a council's places and leaves other councils alone", async () => {
    const neighbour = await db.prisma.council.create({ data: { slug: "trafford-copy", name: "Trafford copy" } });
    const first = await importPlaces(deps(), { councilId: neighbour.id, bundle: trafford });
    expect(first.ok).toBe(true);

    // A smaller bundle: drop the last 64 postcodes and rename a ward.
    const postcodes = trafford.postcodes.text.trimEnd().split("\n").slice(0, -64).join("\n");
    const areas = trafford.areas.text.replace("ward,E05015239,Altrincham,", "ward,E05015239,Altrincham Town,");
    const second = await importPlaces(deps(), {
      councilId,
      bundle: { ...trafford, areas: { ...trafford.areas, text: areas }, postcodes: { ...trafford.postcodes, text: postcodes } },
    });
    expect(second).toMatchObject({ ok: true, value: { postcodes: 11_200, replaced: { areas: 161, postcodes: 11_264 } } });
    expect(await db.prisma.postcode.count({ where: { councilId } })).toBe(11_200);
    expect(await db.prisma.area.count({ where: { councilId } })).toBe(161);
    expect((await db.prisma.area.findFirst({ where: { councilId, code: "E05015239" } }))?.name).toBe("Altrincham Town");
    expect(await db.prisma.area.count({ where: { councilId, type: "lsoa", parentCode: null } })).toBe(0);

    expect(await db.prisma.postcode.count({ where: { councilId: neighbour.id } })).toBe(11_264);
    expect(await db.prisma.area.count({ where: { councilId: neighbour.id } })).toBe(161);
  });

  it("a dry run validates against the council and writes nothing", async () => {
    const result = await importPlaces(deps(), { councilId, bundle: trafford, dryRun: true });
    expect(result).toMatchObject({ ok: true, value: { postcodes: 11_264, dryRun: true } });
    expect(await db.prisma.postcode.count({ where: { councilId } })).toBe(11_200);
  });
});
