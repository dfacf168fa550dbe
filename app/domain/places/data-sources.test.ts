import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA_SOURCES } from "./data-sources.ts";

describe("DATA_SOURCES", () => {
  it("has unique ids and complete entries", () => {
    expect(new Set(DATA_SOURCES.map((s) => s.id)).size).toBe(DATA_SOURCES.length);
    for (const source of DATA_SOURCES) {
      expect(source.licenceUrl).toMatch(/^https:\/\//);
      expect(source.attribution.length).toBeGreaterThan(0);
      expect(source.usedFor.en).not.toBe("");
      expect(source.usedFor.cy).not.toBe("");
      expect(source.obtainedFrom.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it("carries the publishers' required statements, with every [year] filled in", () => {
    const all = DATA_SOURCES.flatMap((s) => s.attribution);
    expect(all).toContain("Source: Office for National Statistics licensed under the Open Government Licence v.3.0");
    expect(all).toContain("Contains public sector information licensed under the Open Government Licence v3.0.");
    expect(all).toContain("Contains Royal Mail data © Royal Mail copyright and database right 2025");
    expect(all.filter((a) => a.includes("["))).toEqual([]);
    // Everything built from ONS geography carries the OS statement.
    for (const source of DATA_SOURCES.filter((s) => s.publisher === "Office for National Statistics")) {
      expect(source.attribution.some((a) => a.startsWith("Contains OS data © Crown copyright and database right "))).toBe(true);
    }
  });

  it("names only files that ship, and every shipped data file is covered and documented", () => {
    const named = new Set(DATA_SOURCES.flatMap((s) => s.files));
    for (const file of named) expect(existsSync(file), file).toBe(true);
    const readme = readFileSync("prisma/data/README.md", "utf8");
    for (const file of ["areas.csv", "postcodes.csv", "deprivation.csv", "wards-2023.geojson", "lsoas-2021.geojson"]) {
      expect(named.has(`prisma/data/trafford/${file}`), file).toBe(true);
      expect(readme).toContain(`trafford/${file}`);
    }
  });
});
