import { describe, expect, it } from "vitest";
import { equalSteps, isAreaGeometry, shapePaths, stepOf, type AreaGeometry } from "./map.ts";

const square: AreaGeometry = {
  type: "Polygon",
  coordinates: [
    [
      [0, -1],
      [2, -1],
      [2, 1],
      [0, 1],
      [0, -1],
    ],
  ],
};

function numbers(d: string): number[] {
  return (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
}

describe("shapePaths", () => {
  it("maps a known square at the equator into the frame, y flipped, margin kept", () => {
    // Mean latitude 0: cos = 1, so 2° wide by 2° high fills 80 × 80 inside a margin of 10.
    const [path] = shapePaths([{ key: "A", geometry: square }], { width: 100, height: 100, margin: 10 });
    expect(path).toEqual({ key: "A", d: "M10 90L90 90L90 10L10 10Z" });
  });

  it("keeps the aspect ratio and centres the shape", () => {
    // 60° north: a degree of longitude is half a degree of latitude, so 2° × 1° is a square.
    const g: AreaGeometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, 59.5],
          [2, 59.5],
          [2, 60.5],
          [0, 60.5],
          [0, 59.5],
        ],
      ],
    };
    const [path] = shapePaths([{ key: "A", geometry: g }], { width: 200, height: 100, margin: 0 });
    const xs = numbers(path!.d).filter((_, i) => i % 2 === 0);
    const ys = numbers(path!.d).filter((_, i) => i % 2 === 1);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(height).toBe(100);
    expect(width).toBeCloseTo(100, 0);
    expect(Math.min(...xs)).toBeCloseTo(50, 0);
  });

  it("fits every shape into one frame", () => {
    const right: AreaGeometry = { type: "Polygon", coordinates: [square.coordinates[0]!.map(([x, y]) => [x! + 2, y!])] };
    const paths = shapePaths(
      [
        { key: "L", geometry: square },
        { key: "R", geometry: right },
      ],
      { width: 100, height: 60, margin: 10 },
    );
    expect(paths.map((p) => p.d)).toEqual(["M10 50L50 50L50 10L10 10Z", "M50 50L90 50L90 10L50 10Z"]);
  });

  it("gives a MultiPolygon one subpath per ring", () => {
    const g: AreaGeometry = {
      type: "MultiPolygon",
      coordinates: [square.coordinates, [square.coordinates[0]!.map(([x, y]) => [x! + 3, y!])]],
    };
    const [path] = shapePaths([{ key: "M", geometry: g }], { width: 100, height: 100, margin: 0 });
    expect(path!.d.match(/M/g)).toHaveLength(2);
    expect(path!.d.match(/Z/g)).toHaveLength(2);
  });

  it("rounds to one decimal and drops points that round to the same place", () => {
    const g: AreaGeometry = {
      type: "Polygon",
      coordinates: [
        [
          [0, -1],
          [0.000001, -1],
          [2, -1],
          [2, 1],
          [0, 1],
          [0, -1],
        ],
      ],
    };
    const [path] = shapePaths([{ key: "A", geometry: g }], { width: 33, height: 33, margin: 0 });
    expect(path!.d).toBe("M0 33L33 33L33 0L0 0Z");
    const [thirds] = shapePaths([{ key: "A", geometry: square }], { width: 10, height: 10, margin: 1 / 3 });
    for (const n of numbers(thirds!.d)) expect(String(n)).toMatch(/^\d+(\.\d)?$/);
  });

  it("gives no paths for no shapes", () => {
    expect(shapePaths([], { width: 100, height: 100, margin: 10 })).toEqual([]);
  });
});

describe("isAreaGeometry", () => {
  it("accepts polygons and multipolygons and nothing else", () => {
    expect(isAreaGeometry(square)).toBe(true);
    expect(isAreaGeometry({ type: "MultiPolygon", coordinates: [square.coordinates] })).toBe(true);
    expect(isAreaGeometry({ type: "Point", coordinates: [0, 0] })).toBe(false);
    expect(isAreaGeometry({ type: "Polygon", coordinates: [[["a", 1]]] })).toBe(false);
    expect(isAreaGeometry(null)).toBe(false);
  });
});

describe("equalSteps", () => {
  it("splits a range into whole-number steps that cover it", () => {
    expect(equalSteps([10, 34, 59], 5)).toEqual([
      { from: 10, to: 19 },
      { from: 20, to: 29 },
      { from: 30, to: 39 },
      { from: 40, to: 49 },
      { from: 50, to: 59 },
    ]);
    expect(stepOf(equalSteps([10, 59], 5), 34)).toBe(2);
  });

  it("gives fewer steps for a narrow range, and none for no values", () => {
    expect(equalSteps([14], 5)).toEqual([{ from: 14, to: 14 }]);
    expect(equalSteps([10, 11], 5)).toEqual([
      { from: 10, to: 10 },
      { from: 11, to: 11 },
    ]);
    expect(equalSteps([], 5)).toEqual([]);
  });
});
