// Runs the command end to end against files in a temporary folder. The database is a PGlite
// folder, or — when TEST_DATABASE_URL is set — a fresh PostgreSQL schema.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, parseDatabaseUrl, type Database } from "~/server/db/client.server.ts";
import { applyMigrations } from "~/server/db/migrations.server.ts";
import { openTestDatabase } from "~/server/testing/test-database.server.ts";
import { importPlacesCommand, parseImportPlacesArgs } from "./import-places.ts";

let dir: string;
let databaseUrl: string;
let withDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
let cleanup: () => Promise<void>;
const savedUrl = process.env.DATABASE_URL;

const square = (lon: number, lat: number) => [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]];
const FILES: Record<string, string> = {
  "areas.csv": `type,code,name,parent_code
local_authority,E08000009,Trafford,
ward,E05015239,Altrincham,
ward,E05015241,Bowdon,
lsoa,E01006074,Trafford 025A,
lsoa,E01006075,Trafford 025B,E05015241
`,
  "postcodes.csv": `postcode,lsoa_code,ward_code,latitude,longitude
WA14 1AA,E01006074,E05015239,53.384533,-2.346923
WA14 1AB,E01006074,E05015239,53.3846,-2.347
WA14 2AA,E01006075,E05015241,53.37,-2.36
`,
  "imd.csv": `lsoa_code,imd_decile,imd_rank
E01006074,5,14918
E01006075,9,28797
`,
  "wards.geojson": JSON.stringify({
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { code: "E05015239" }, geometry: { type: "Polygon", coordinates: square(-2.35, 53.38) } },
      { type: "Feature", properties: { code: "E05015241" }, geometry: { type: "Polygon", coordinates: square(-2.37, 53.37) } },
    ],
  }),
  "lsoas.geojson": JSON.stringify({
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { LSOA21CD: "E01006074" }, geometry: { type: "Polygon", coordinates: square(-2.35, 53.38) } }],
  }),
};

const file = (name: string) => path.join(dir, name);
const args = (overrides: Record<string, string> = {}) => {
  const flags = { council: "trafford", areas: file("areas.csv"), postcodes: file("postcodes.csv"), deprivation: file("imd.csv"), boundaries: file("wards.geojson"), ...overrides };
  return Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]);
};

async function run(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const errs = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  process.env.DATABASE_URL = databaseUrl;
  process.exitCode = undefined;
  try {
    await importPlacesCommand(argv);
    // PGlite sets process.exitCode to 0 when it closes, so success reads as 0 or unset.
    return { stdout: stdout.join(""), stderr: stderr.join(""), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    out.mockRestore();
    errs.mockRestore();
    process.exitCode = undefined;
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "commonweal-import-places-"));
  for (const [name, text] of Object.entries(FILES)) await writeFile(file(name), text);
  if (process.env.TEST_DATABASE_URL) {
    const db = await openTestDatabase();
    if (db.target.kind !== "postgres") throw new Error("expected PostgreSQL");
    databaseUrl = db.target.url;
    withDb = (fn) => fn(db);
    cleanup = () => db.close();
  } else {
    // A PGlite folder allows one process at a time: open it only between command runs.
    databaseUrl = `pglite:${path.join(dir, "db")}`;
    withDb = async (fn) => {
      const db = await openDatabase(parseDatabaseUrl(databaseUrl));
      try {
        await applyMigrations(db);
        return await fn(db);
      } finally {
        await db.close();
      }
    };
    cleanup = async () => {};
  }
  await withDb((db) => db.prisma.council.create({ data: { slug: "trafford", name: "Trafford Council", onsCode: "E08000009" } }));
});

afterEach(() => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
});

afterAll(async () => {
  await cleanup?.();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const counts = () =>
  withDb(async (db) => ({
    areas: await db.prisma.area.count(),
    postcodes: await db.prisma.postcode.count(),
  }));

describe("import-places", () => {
  it("prints every bad row as file:line: message, exits 2 and writes nothing", async () => {
    await writeFile(file("bad-postcodes.csv"), `${FILES["postcodes.csv"]}WA14 9ZZ,E01006074,E05099999,,\nnot-a-postcode,E01006074,E05015239,,\n`);
    await writeFile(file("bad-imd.csv"), FILES["imd.csv"]!.replace("E01006075,9,", "E01006075,0,"));
    const result = await run(args({ postcodes: file("bad-postcodes.csv"), deprivation: file("bad-imd.csv") }));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${file("bad-imd.csv")}:3: imd_decile must be a whole number from 1 to 10, not "0"\n`);
    expect(result.stderr).toContain(`${file("bad-postcodes.csv")}:5: E05099999 is not a ward in ${file("areas.csv")}\n`);
    expect(result.stderr).toContain(`${file("bad-postcodes.csv")}:6: "not-a-postcode" is not a postcode`);
    expect(result.stderr).toContain("3 problems. Nothing was written.");
    expect(result.stdout).toBe("");
    expect(await counts()).toEqual({ areas: 0, postcodes: 0 });
  });

  it("imports, showing progress on stderr and a summary on stdout", async () => {
    const result = await run([...args(), "--lsoa-boundaries", file("lsoas.geojson")]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("areas 5/5\n");
    expect(result.stderr).toContain("postcodes 3/3\n");
    expect(result.stdout).toBe(
      "Imported places for Trafford Council (trafford):\n" +
        "  1 local authority, 2 wards, 2 LSOAs, 3 postcodes, 3 boundaries\n" +
        "  1 LSOA matched to the ward holding most of their postcodes (parent_code was empty)\n" +
        "  (the council had no places before)\n",
    );
    expect(await counts()).toEqual({ areas: 5, postcodes: 3 });
  });

  it("replaces on a second run; a dry run writes nothing", async () => {
    await writeFile(file("fewer.csv"), FILES["postcodes.csv"]!.split("\n").slice(0, 3).join("\n"));
    const dry = await run([...args({ postcodes: file("fewer.csv") }), "--dry-run"]);
    expect(dry.stdout).toContain("dry run, nothing written");
    expect(await counts()).toEqual({ areas: 5, postcodes: 3 });

    const result = await run(args({ postcodes: file("fewer.csv") }));
    expect(result.stdout).toContain("replaced 5 areas and 3 postcodes");
    expect(await counts()).toEqual({ areas: 5, postcodes: 2 });
  });

  it("refuses an unknown council, a missing file and bad arguments with exit code 2", async () => {
    expect(await run(args({ council: "nowhere" }))).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('no council with the slug "nowhere"') });
    expect(await run(args({ areas: file("missing.csv") }))).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining(`${file("missing.csv")}: cannot read the file (it does not exist)`),
    });
    expect(await run(["--council", "trafford"])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("Missing --areas, --postcodes, --deprivation, --boundaries.") });
    expect(await run(["--help"])).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("Usage: npm run cli -- import-places") });
  });
});

describe("parseImportPlacesArgs", () => {
  it("accepts --flag value and --flag=value", () => {
    const parsed = parseImportPlacesArgs(["--council=trafford", "--areas", "a.csv", "--postcodes=p.csv", "--deprivation", "d.csv", "--boundaries", "w.geojson", "--dry-run"]);
    expect(parsed).toEqual({
      ok: true,
      options: { values: { council: "trafford", areas: "a.csv", postcodes: "p.csv", deprivation: "d.csv", boundaries: "w.geojson" }, dryRun: true, help: false },
    });
  });

  it("rejects unknown, repeated and empty flags", () => {
    expect(parseImportPlacesArgs(["--wards", "w.geojson"])).toEqual({ ok: false, message: 'Unknown argument "--wards".' });
    expect(parseImportPlacesArgs(["--areas", "a", "--areas", "b"])).toEqual({ ok: false, message: "--areas is given more than once." });
    expect(parseImportPlacesArgs(["--areas", "--council", "x"])).toEqual({ ok: false, message: "--areas needs a value." });
  });
});
