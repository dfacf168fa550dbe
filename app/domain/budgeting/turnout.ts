// Who voted, as published tables (by ward, age band, deprivation decile), with small-cell
// suppression so that no table tells anyone how many — or whether — a handful of people in a
// group took part.
//
// Rules (primary and secondary cell suppression, the usual statistical disclosure control for
// published frequency tables; the threshold of 10 is this product's publication rule):
// - Primary suppression: a cell counting fewer than 10 people (including none) is shown as
//   "fewer than 10", never as its number.
// - Secondary suppression: the table's total is public (it is the number of voters), so the
//   suppressed cells' sum is always known. Further cells are hidden ("not shown"), smallest
//   first, until no primary cell can be worked out exactly from that sum: for one equality
//   over bounded cells, cell i can only lie in [max(lo_i, S − Σ_j≠i hi_j), min(hi_i, S − Σ_j≠i lo_j)],
//   with primaries in [0, 9] and secondaries in [10, S] (a reader knows hidden cells are ≥ 10).
//   A cell is recoverable when that interval is a single value.
// Shares of the total are shown for visible cells only.
// Pure: counts in, cells to show out. The server counts Participation rows, never Ballot rows.

export const SMALL_CELL_THRESHOLD = 10;

/** Key of the cell for people whose ward, age band or decile was not recorded. */
export const NOT_RECORDED = "not_recorded";

export interface CountCell<K extends string = string> {
  key: K;
  count: number;
}

export type ShownCell<K extends string = string> =
  | { key: K; kind: "count"; count: number; /** Whole percent of the total, rounded. */ percent: number }
  | { key: K; kind: "fewer_than"; threshold: number }
  | { key: K; kind: "not_shown" };

export interface TurnoutTable<K extends string = string> {
  total: number;
  cells: ShownCell<K>[];
  /** Whether any cell was hidden to protect a small one (the page says why). */
  secondary: boolean;
}

type Status = "visible" | "primary" | "secondary";

function recoverable(cells: readonly CountCell[], status: readonly Status[], total: number): boolean {
  const hidden = cells.map((_, i) => i).filter((i) => status[i] !== "visible");
  const visibleSum = cells.reduce((s, c, i) => (status[i] === "visible" ? s + c.count : s), 0);
  const sum = total - visibleSum;
  const lo = (i: number) => (status[i] === "primary" ? 0 : SMALL_CELL_THRESHOLD);
  const hi = (i: number) => (status[i] === "primary" ? SMALL_CELL_THRESHOLD - 1 : sum);
  const loSum = hidden.reduce((s, i) => s + lo(i), 0);
  const hiSum = hidden.reduce((s, i) => s + hi(i), 0);
  return hidden.some((i) => {
    if (status[i] !== "primary") return false;
    const low = Math.max(lo(i), sum - (hiSum - hi(i)));
    const high = Math.min(hi(i), sum - (loSum - lo(i)));
    return low >= high;
  });
}

/**
 * The cells of one table as they may be published. `total` is the table's total (every cell
 * together); cells keep their order.
 */
export function suppressTable<K extends string>(cells: readonly CountCell<K>[]): TurnoutTable<K> {
  const threshold = SMALL_CELL_THRESHOLD;
  const total = cells.reduce((s, c) => s + c.count, 0);
  const status: Status[] = cells.map((c) => (c.count < threshold ? "primary" : "visible"));
  let secondary = false;
  if (status.includes("primary")) {
    while (recoverable(cells, status, total)) {
      // The smallest visible cell costs the least information; the first of equals, so the
      // choice is stable.
      let pick = -1;
      cells.forEach((c, i) => {
        if (status[i] === "visible" && (pick < 0 || c.count < cells[pick]!.count)) pick = i;
      });
      // Nothing left to hide: every cell is already suppressed, and the total is public anyway.
      if (pick < 0) break;
      status[pick] = "secondary";
      secondary = true;
    }
  }
  return {
    total,
    secondary,
    cells: cells.map((c, i) => {
      if (status[i] === "primary") return { key: c.key, kind: "fewer_than", threshold };
      if (status[i] === "secondary") return { key: c.key, kind: "not_shown" };
      return { key: c.key, kind: "count", count: c.count, percent: total > 0 ? Math.round((100 * c.count) / total) : 0 };
    }),
  };
}

/** IMD deciles 1 (most deprived tenth of England) to 10, for table rows. */
export const IMD_DECILES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * The age bands a voter may give (optional, for turnout only; never linked to the ballot).
 * Census-style bands, so turnout can be set against the population of each.
 */
export const AGE_BANDS = ["Under 16", "16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function isAgeBand(value: unknown): value is AgeBand {
  return (AGE_BANDS as readonly unknown[]).includes(value);
}

/** Age bands in their natural order ("Under 16" first, "16-24" before "25-34", "75+" last). */
export function sortAgeBands(bands: readonly string[]): string[] {
  const start = (b: string) => {
    if (/^under\b/i.test(b)) return -1;
    const m = /\d+/.exec(b);
    return m ? Number(m[0]) : Number.MAX_SAFE_INTEGER;
  };
  return [...bands].sort((a, b) => start(a) - start(b) || a.localeCompare(b));
}
