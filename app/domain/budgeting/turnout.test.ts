import { describe, expect, it } from "vitest";
import { SMALL_CELL_THRESHOLD, sortAgeBands, suppressTable, type CountCell, type ShownCell } from "./turnout.ts";

const cells = (...counts: number[]): CountCell[] => counts.map((count, i) => ({ key: `c${i}`, count }));
const kinds = (shown: ShownCell[]) => shown.map((c) => (c.kind === "count" ? c.count : c.kind));

/**
 * Every assignment of values to the hidden cells that is consistent with what is published:
 * the total, the visible cells, primaries in 0..9, secondaries ≥ 10. Brute force, independent
 * of the interval reasoning in turnout.ts.
 */
function consistentValues(shown: ShownCell[], total: number): number[][] {
  const hidden = shown.map((c, i) => [c, i] as const).filter(([c]) => c.kind !== "count");
  const visible = shown.reduce((s, c) => (c.kind === "count" ? s + c.count : s), 0);
  const rest = total - visible;
  const options = hidden.map(([c]) => (c.kind === "fewer_than" ? range(0, SMALL_CELL_THRESHOLD - 1) : range(SMALL_CELL_THRESHOLD, rest)));
  const perCell = hidden.map(() => new Set<number>());
  const walk = (k: number, left: number, picked: number[]) => {
    // The last cell is whatever is left, if that is a value it may take.
    if (k === hidden.length - 1) {
      if (options[k]!.includes(left)) [...picked, left].forEach((v, j) => perCell[j]!.add(v));
      return;
    }
    for (const v of options[k]!) if (v <= left) walk(k + 1, left - v, [...picked, v]);
  };
  if (hidden.length > 0) walk(0, rest, []);
  return perCell.map((s) => [...s]);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

describe("suppressTable", () => {
  it("shows every cell of 10 or more with its share, and nothing is hidden", () => {
    const table = suppressTable(cells(12, 30, 10));
    expect(table.total).toBe(52);
    expect(table.secondary).toBe(false);
    expect(table.cells).toEqual([
      { key: "c0", kind: "count", count: 12, percent: 23 },
      { key: "c1", kind: "count", count: 30, percent: 58 },
      { key: "c2", kind: "count", count: 10, percent: 19 },
    ]);
  });

  it("shows cells under 10, including empty ones, as 'fewer than 10'", () => {
    const table = suppressTable(cells(9, 0, 3, 40));
    expect(table.cells.slice(0, 3).map((c) => c.kind)).toEqual(["fewer_than", "fewer_than", "fewer_than"]);
    expect(table.cells[0]).toEqual({ key: "c0", kind: "fewer_than", threshold: 10 });
  });

  it("hides the smallest other cell when one small cell could be worked out from the total", () => {
    // Without the secondary: 4 = 66 − 50 − 12.
    const table = suppressTable(cells(50, 4, 12));
    expect(kinds(table.cells)).toEqual([50, "fewer_than", "not_shown"]);
    expect(table.secondary).toBe(true);
  });

  it("keeps hiding while the hidden cells' sum still pins a small one", () => {
    // 0 + 10 = 10 would pin the small cell at 0 (a hidden cell is at least 10): hide another.
    const table = suppressTable(cells(0, 10, 11, 30));
    expect(kinds(table.cells)).toEqual(["fewer_than", "not_shown", "not_shown", 30]);
    // Two small cells that are both 9 are pinned by their sum of 18.
    expect(kinds(suppressTable(cells(9, 9, 25, 40)).cells)).toEqual(["fewer_than", "fewer_than", "not_shown", 40]);
    // Two small cells summing to 7 are not: 0+7, 1+6, … all fit.
    expect(kinds(suppressTable(cells(3, 4, 25)).cells)).toEqual(["fewer_than", "fewer_than", 25]);
  });

  it("never lets a small cell be recovered exactly, whatever the table", () => {
    // Every table of up to 4 cells with counts from a spread of small and large values.
    const values = [0, 1, 5, 9, 10, 11, 19, 20, 35];
    const tables: number[][] = [];
    for (const a of values)
      for (const b of values) {
        tables.push([a, b]);
        for (const c of values) {
          tables.push([a, b, c]);
          for (const d of [0, 9, 10, 35]) tables.push([a, b, c, d]);
        }
      }
    for (const counts of tables) {
      const table = suppressTable(cells(...counts));
      const shown = table.cells;
      shown.forEach((c, i) => {
        if (c.kind === "count") expect(c.count, `${counts}`).toBeGreaterThanOrEqual(SMALL_CELL_THRESHOLD);
        if (counts[i]! < SMALL_CELL_THRESHOLD) expect(c.kind, `${counts}`).not.toBe("count");
      });
      const possible = consistentValues(shown, table.total);
      const hidden = shown.map((c, i) => [c, i] as const).filter(([c]) => c.kind !== "count");
      hidden.forEach(([c, i], j) => {
        // The truth is always among the possibilities…
        expect(possible[j], `${counts}`).toContain(counts[i]!);
        // …and a small cell is never the only possibility, unless the table cannot hide more
        // (every cell is hidden: then only the public total itself is known).
        if (c.kind === "fewer_than" && hidden.length < shown.length) expect(possible[j]!.length, `${counts}`).toBeGreaterThan(1);
      });
    }
  });

  it("handles an empty table and a table with nothing to protect", () => {
    expect(suppressTable([])).toEqual({ total: 0, cells: [], secondary: false });
    expect(suppressTable(cells(0, 0))).toEqual({
      total: 0,
      secondary: false,
      cells: [
        { key: "c0", kind: "fewer_than", threshold: 10 },
        { key: "c1", kind: "fewer_than", threshold: 10 },
      ],
    });
  });
});

describe("sortAgeBands", () => {
  it("orders bands by their first age, with unnumbered labels last", () => {
    expect(sortAgeBands(["75+", "16-24", "Prefer not to say", "25-34", "5-15"])).toEqual(["5-15", "16-24", "25-34", "75+", "Prefer not to say"]);
    expect(sortAgeBands(["16-24", "Under 16", "75+"])).toEqual(["Under 16", "16-24", "75+"]);
  });
});
