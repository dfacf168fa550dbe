// `npm run cli -- import-places …`: loads another council's geography — areas, postcodes,
// deprivation and boundaries — in one all-or-nothing transaction. Every bad row is printed as
// `file:line: message` (like a compiler) and nothing is written, so an officer fixes the files
// in one pass and runs the command again. Formats: app/domain/places/README.md.
import { readFile } from "node:fs/promises";
import type { ImportFile, PlacesBundle } from "~/domain/places/area-import.ts";
import { formatImportProblem } from "~/domain/places/messages.ts";
import { openDatabase, parseDatabaseUrl } from "~/server/db/client.server.ts";
import { applyMigrations } from "~/server/db/migrations.server.ts";
import { importPlaces, type ImportProgress } from "~/server/places/places.server.ts";

export const IMPORT_PLACES_USAGE = `Usage: npm run cli -- import-places --council <slug> \\
         --areas <areas.csv> --postcodes <postcodes.csv> --deprivation <deprivation.csv> \\
         --boundaries <wards.geojson> [--lsoa-boundaries <lsoas.geojson>] [--dry-run]

Replaces the council's wards, LSOAs, postcodes, deprivation and boundaries in one transaction.
Nothing is written if any row is wrong: each problem is printed as file:line: message.
  --council          the council's slug (it must exist already)
  --areas            CSV: type,code,name[,parent_code]
  --postcodes        CSV: postcode,lsoa_code,ward_code[,latitude,longitude]
  --deprivation      CSV: lsoa_code,imd_decile,imd_rank
  --boundaries       GeoJSON FeatureCollection with a feature for every ward
  --lsoa-boundaries  GeoJSON FeatureCollection of LSOA outlines (optional)
  --dry-run          check everything against the council, write nothing
The database is DATABASE_URL's (unset: ./data/pglite). Formats: app/domain/places/README.md`;

const VALUE_FLAGS = ["council", "areas", "postcodes", "deprivation", "boundaries", "lsoa-boundaries"] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];
const REQUIRED: readonly ValueFlag[] = ["council", "areas", "postcodes", "deprivation", "boundaries"];

interface Options {
  values: Partial<Record<ValueFlag, string>>;
  dryRun: boolean;
  help: boolean;
}

type Parsed = { ok: true; options: Options } | { ok: false; message: string };

export function parseImportPlacesArgs(args: readonly string[]): Parsed {
  const options: Options = { values: {}, dryRun: false, help: false };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      options.help = true;
      continue;
    }
    if (arg === "--dry-run") {
      options.dryRun = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const flag = match?.[1] as ValueFlag | undefined;
    if (!match || !flag || !VALUE_FLAGS.includes(flag)) return { ok: false, message: `Unknown argument "${arg}".` };
    const value = match[2] ?? args[++i];
    if (value === undefined || value === "" || value.startsWith("--")) return { ok: false, message: `--${flag} needs a value.` };
    if (options.values[flag] !== undefined) return { ok: false, message: `--${flag} is given more than once.` };
    options.values[flag] = value;
  }
  if (options.help) return { ok: true, options };
  const missing = REQUIRED.filter((flag) => options.values[flag] === undefined);
  if (missing.length) return { ok: false, message: `Missing ${missing.map((f) => `--${f}`).join(", ")}.` };
  return { ok: true, options };
}

const number = new Intl.NumberFormat("en-GB");
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

const USAGE_OR_DATA_ERROR = 2;

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return USAGE_OR_DATA_ERROR;
}

async function readFiles(values: Options["values"]): Promise<PlacesBundle | null> {
  const read = async (file: string): Promise<ImportFile | string> => {
    try {
      return { name: file, text: await readFile(file, "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return `${file}: cannot read the file (${code === "ENOENT" ? "it does not exist" : (code ?? String(error))})`;
    }
  };
  const names = [values.areas!, values.postcodes!, values.deprivation!, values.boundaries!, values["lsoa-boundaries"]];
  const files = await Promise.all(names.map((name) => (name === undefined ? undefined : read(name))));
  const errors = files.filter((f): f is string => typeof f === "string");
  if (errors.length) {
    for (const message of errors) process.stderr.write(`${message}\n`);
    return null;
  }
  const [areas, postcodes, deprivation, wards, lsoas] = files as (ImportFile | undefined)[];
  return {
    areas: areas!,
    postcodes: postcodes!,
    deprivation: deprivation!,
    boundaries: lsoas ? [wards!, lsoas] : [wards!],
  };
}

function progressPrinter() {
  let lastLine = "";
  return ({ stage, done, total }: ImportProgress) => {
    const line = `${stage} ${number.format(done)}/${number.format(total)}`;
    // Each stage reports 0/total first; print that only for empty stages, to keep the log short.
    if (line === lastLine || (done === 0 && total > 0)) return;
    lastLine = line;
    process.stderr.write(`${line}\n`);
  };
}

export async function importPlacesCommand(args: string[]): Promise<void> {
  const exitCode = await run(args);
  // Set only after the database is closed: PGlite's WebAssembly runtime resets
  // process.exitCode to 0 when it shuts down.
  if (exitCode !== 0) process.exitCode = exitCode;
}

async function run(args: string[]): Promise<number> {
  const parsed = parseImportPlacesArgs(args);
  if (!parsed.ok) return fail(`${parsed.message}\n\n${IMPORT_PLACES_USAGE}`);
  if (parsed.options.help) {
    process.stdout.write(`${IMPORT_PLACES_USAGE}\n`);
    return 0;
  }
  const { values, dryRun } = parsed.options;
  const bundle = await readFiles(values);
  if (!bundle) return fail("Nothing was written.");

  const db = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  try {
    await applyMigrations(db);
    const council = await db.prisma.council.findUnique({
      where: { slug: values.council! },
      select: { id: true, name: true, slug: true },
    });
    if (!council) return fail(`There is no council with the slug "${values.council}". Nothing was written.`);

    process.stderr.write(`Checking ${plural(bundle.boundaries.length + 3, "file", "files")} for ${council.name}…\n`);
    const result = await importPlaces(
      { prisma: db.prisma },
      { councilId: council.id, bundle, dryRun, onProgress: progressPrinter() },
    );
    if (!result.ok) {
      if (result.reason === "council_not_found") return fail(`The council "${council.slug}" has gone. Nothing was written.`);
      for (const problem of result.detail) process.stderr.write(`${formatImportProblem(problem)}\n`);
      return fail(`${plural(result.detail.length, "problem", "problems")}. Nothing was written.`);
    }
    const s = result.value;
    const lines = [
      `${dryRun ? "Checked" : "Imported"} places for ${council.name} (${council.slug})${dryRun ? " — dry run, nothing written" : ""}:`,
      `  1 local authority, ${plural(s.wards, "ward", "wards")}, ${plural(s.lsoas, "LSOA", "LSOAs")}, ${plural(s.postcodes, "postcode", "postcodes")}, ${plural(s.boundaries, "boundary", "boundaries")}`,
    ];
    if (s.derivedParents) {
      lines.push(`  ${plural(s.derivedParents, "LSOA", "LSOAs")} matched to the ward holding most of their postcodes (parent_code was empty)`);
    }
    if (!dryRun) {
      lines.push(
        s.replaced.areas || s.replaced.postcodes
          ? `  replaced ${plural(s.replaced.areas, "area", "areas")} and ${plural(s.replaced.postcodes, "postcode", "postcodes")}`
          : "  (the council had no places before)",
      );
    }
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
