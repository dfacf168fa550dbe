// Ward outlines as SVG paths, for maps drawn on the server as plain inline SVG (no script).
//
// Rules
// - Boundaries are GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude (see README).
// - Projection: equirectangular, longitude scaled by the cosine of the mean latitude of all the
//   shapes together (so shapes keep their proportions at UK latitudes), y flipped (north up).
// - Every shape is drawn in one frame: the bounding box of all shapes is fitted inside the view
//   box, less a margin on each side, keeping the aspect ratio and centred.
// - Coordinates are rounded to 1 decimal; consecutive points that round to the same place are
//   dropped, and each ring is closed with "Z" rather than by repeating its first point.
// Pure: geometry in, path strings out.

export type Position = readonly number[];
export type AreaGeometry =
  | { type: "Polygon"; coordinates: readonly (readonly Position[])[] }
  | { type: "MultiPolygon"; coordinates: readonly (readonly (readonly Position[])[])[] };

export interface MapFrame {
  width: number;
  height: number;
  /** Space left empty on every side, in view box units. */
  margin: number;
}

export interface ShapePath<K extends string = string> {
  key: K;
  /** The SVG path `d`: one subpath per ring ("M…L…Z"). */
  d: string;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

function isRing(value: unknown): value is Position[] {
  return Array.isArray(value) && value.every(isPosition);
}

function isPolygon(value: unknown): value is Position[][] {
  return Array.isArray(value) && value.every(isRing);
}

/** Whether a stored boundary (JSON of unknown shape) is a Polygon or MultiPolygon we can draw. */
export function isAreaGeometry(value: unknown): value is AreaGeometry {
  if (typeof value !== "object" || value === null) return false;
  const g = value as { type?: unknown; coordinates?: unknown };
  if (g.type === "Polygon") return isPolygon(g.coordinates);
  if (g.type === "MultiPolygon") return Array.isArray(g.coordinates) && g.coordinates.every(isPolygon);
  return false;
}

function polygonsOf(g: AreaGeometry): readonly (readonly (readonly Position[])[])[] {
  return g.type === "Polygon" ? [g.coordinates] : g.coordinates;
}

function round1(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/**
 * SVG paths for each shape, all fitted together into `frame`. Shapes keep their order; an empty
 * list gives no paths.
 */
export function shapePaths<K extends string>(shapes: readonly { key: K; geometry: AreaGeometry }[], frame: MapFrame): ShapePath<K>[] {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const s of shapes)
    for (const polygon of polygonsOf(s.geometry))
      for (const ring of polygon)
        for (const [lon, lat] of ring) {
          minLon = Math.min(minLon, lon!);
          maxLon = Math.max(maxLon, lon!);
          minLat = Math.min(minLat, lat!);
          maxLat = Math.max(maxLat, lat!);
        }
  if (!Number.isFinite(minLon)) return [];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const innerW = Math.max(0, frame.width - 2 * frame.margin);
  const innerH = Math.max(0, frame.height - 2 * frame.margin);
  const scales = [spanX > 0 ? innerW / spanX : Infinity, spanY > 0 ? innerH / spanY : Infinity];
  const scale = Math.min(...scales);
  const s = Number.isFinite(scale) ? scale : 1;
  // Centre the drawing in the space the fit leaves over.
  const offsetX = frame.margin + (innerW - spanX * s) / 2;
  const offsetY = frame.margin + (innerH - spanY * s) / 2;
  const project = ([lon, lat]: Position): [string, string] => [round1(offsetX + (lon! - minLon) * k * s), round1(offsetY + (maxLat - lat!) * s)];

  return shapes.map(({ key, geometry }) => {
    const parts: string[] = [];
    for (const polygon of polygonsOf(geometry))
      for (const ring of polygon) {
        const points: [string, string][] = [];
        for (const position of ring) {
          const p = project(position);
          const last = points[points.length - 1];
          if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
        }
        // GeoJSON rings repeat their first position at the end; "Z" closes the subpath instead.
        if (points.length > 1 && points[0]![0] === points[points.length - 1]![0] && points[0]![1] === points[points.length - 1]![1]) points.pop();
        if (points.length === 0) continue;
        parts.push(`M${points.map(([x, y]) => `${x} ${y}`).join("L")}Z`);
      }
    return { key, d: parts.join("") };
  });
}

export interface Step {
  /** Inclusive whole-number range. */
  from: number;
  to: number;
}

/**
 * Up to `count` equal steps of whole numbers covering [min, max], for a map's shading and its
 * legend. Fewer steps when the range is narrow; none when there are no values.
 */
export function equalSteps(values: readonly number[], count: number): Step[] {
  if (values.length === 0 || count < 1) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const n = Math.min(count, max - min + 1);
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const from = min + Math.ceil(((max - min + 1) * i) / n);
    const to = min + Math.ceil(((max - min + 1) * (i + 1)) / n) - 1;
    steps.push({ from, to });
  }
  return steps;
}

/** The index of the step holding `value`, or -1. */
export function stepOf(steps: readonly Step[], value: number): number {
  return steps.findIndex((s) => value >= s.from && value <= s.to);
}
