// The ward turnout table drawn as a map: plain inline SVG made on the server (no script), with
// the table below it as its text alternative. It only ever shows cells of the published,
// suppressed table (app/domain/budgeting/turnout.ts): a suppressed ward is hatched, never a
// number. Shading is one hue in equal steps, and the key says each step's range in words.
// SVG presentation attributes only: the content security policy forbids inline styles.
import { useT } from "~/components/i18n.tsx";
import type { ShownCell } from "~/domain/budgeting/turnout.ts";
import { equalSteps, stepOf } from "~/domain/places/map.ts";

export interface TurnoutMapShown {
  width: number;
  height: number;
  wards: readonly { code: string; name: string; d: string; cell: ShownCell }[];
}

/** Lightest to darkest; every step has at least 3:1 contrast with white. */
export const MAP_STEP_FILLS = ["#5a8ac6", "#3a75b5", "#1d5a96", "#0f3f73", "#001f4d"] as const;
const BORDER = "#0b0c0c";
const HATCH_BACKGROUND = "#f3f2f1";
const HATCH_LINE = "#505a5f";

function numberFormat(n: number): string {
  return n.toLocaleString("en-GB");
}

function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
      <rect width="8" height="8" fill={HATCH_BACKGROUND} />
      <line x1="0" y1="0" x2="0" y2="8" stroke={HATCH_LINE} strokeWidth="3" />
    </pattern>
  );
}

function Swatch({ fill, hatchId }: { fill?: string; hatchId?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" width="32" height="20" viewBox="0 0 32 20" className="mr-2 shrink-0">
      {hatchId ? (
        <defs>
          <Hatch id={hatchId} />
        </defs>
      ) : null}
      <rect x="0.5" y="0.5" width="31" height="19" fill={hatchId ? `url(#${hatchId})` : fill} stroke={BORDER} strokeWidth="1" />
    </svg>
  );
}

/** A map of people who voted by ward, above the ward table; `idPrefix` keeps ids unique per budget. */
export function TurnoutMap({ map, idPrefix }: { map: TurnoutMapShown; idPrefix: string }) {
  const t = useT();
  const captionId = `${idPrefix}-map-caption`;
  const noteId = `${idPrefix}-map-note`;
  const hatchId = `${idPrefix}-map-hatch`;
  const counts = map.wards.flatMap((w) => (w.cell.kind === "count" ? [w.cell.count] : []));
  const steps = equalSteps(counts, MAP_STEP_FILLS.length);
  // With fewer steps than colours, use the darker end so every step stays far from white.
  const fills = MAP_STEP_FILLS.slice(MAP_STEP_FILLS.length - steps.length);
  const suppressed = map.wards.some((w) => w.cell.kind !== "count");
  const title = (name: string, cell: ShownCell) =>
    cell.kind === "count"
      ? t("results.map.count", { ward: name, count: numberFormat(cell.count) })
      : cell.kind === "fewer_than"
        ? t("results.map.fewerThan", { ward: name, threshold: cell.threshold })
        : t("results.map.notShown", { ward: name });
  const fill = (cell: ShownCell) => (cell.kind === "count" ? (fills[stepOf(steps, cell.count)] ?? fills[0]) : `url(#${hatchId})`);
  return (
    <figure className="mb-8">
      <figcaption id={captionId} className="mb-3 text-xl font-bold">
        {t("results.map.caption")}
      </figcaption>
      <p id={noteId}>{t("results.map.alternative")}</p>
      <svg
        role="img"
        aria-labelledby={captionId}
        aria-describedby={noteId}
        viewBox={`0 0 ${map.width} ${map.height}`}
        width={map.width}
        height={map.height}
        className="mb-4 h-auto w-full max-w-2xl"
      >
        <defs>
          <Hatch id={hatchId} />
        </defs>
        {map.wards.map((w) => (
          <path key={w.code} d={w.d} fill={fill(w.cell)} stroke={BORDER} strokeWidth="0.75" strokeLinejoin="round" data-ward={w.code}>
            <title>{title(w.name, w.cell)}</title>
          </path>
        ))}
      </svg>
      <p className="mb-2 font-bold">{t("results.map.legend")}</p>
      {steps.length > 1 ? <p className="mb-2">{t("results.map.darker")}</p> : null}
      <ul className="mb-0 list-none p-0">
        {steps.map((s, i) => (
          <li key={s.from} className="mb-1 flex items-center">
            <Swatch fill={fills[i]} />
            {s.from === s.to
              ? t("results.map.single", { count: numberFormat(s.from) })
              : t("results.map.range", { from: numberFormat(s.from), to: numberFormat(s.to) })}
          </li>
        ))}
        {suppressed ? (
          <li className="mb-1 flex items-center">
            <Swatch hatchId={`${hatchId}-key`} />
            {t("results.map.suppressed")}
          </li>
        ) : null}
      </ul>
    </figure>
  );
}
