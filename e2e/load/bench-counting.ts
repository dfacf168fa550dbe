// Benchmark (not a test): `npx tsx e2e/load/bench-counting.ts [runs]`.
// Counting Warsaw 2026 (61,668 ballots, 83 projects; the 3 MB pabulib fixture) with exact
// arithmetic:
// 1. parse time and memory of parsePabulib;
// 2. greedy (and greedy-threshold, the official rule);
// 3. Method of Equal Shares with Add1 + utilitarian completion (target < 1 s);
// each the median of several runs, next to a baseline measured in the same run: one pass that
// sums every approval per project (the least any count must do).
// Prints figures only. The machine may be shared, so the load average is printed too.
import { readFileSync } from "node:fs";
import os from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { countEqualShares } from "../../app/domain/budgeting/counting/equal-shares.ts";
import { countGreedy } from "../../app/domain/budgeting/counting/greedy.ts";
import { parsePabulib, type Election } from "../../app/domain/budgeting/pabulib.ts";
import { formatFixed } from "../../app/domain/budgeting/rational.ts";

const FILE = new URL("../../app/domain/budgeting/fixtures/pabulib/Poland_Warszawa_2026.pb", import.meta.url);
const RUNS = Math.max(1, Number(process.argv[2] ?? 7));

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time (ms) of `runs` calls, after one warm-up call; also returns the last result. */
function time<T>(runs: number, f: () => T): { ms: number; cpuMs: number; result: T } {
  let result = f();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    result = f();
    walls.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  return { ms: median(walls), cpuMs: median(cpus), result };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

const text = readFileSync(FILE, "utf8");
console.log(`Counting benchmark — Poland_Warszawa_2026.pb (${mb(Buffer.byteLength(text))}), median of ${RUNS} runs`);
console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? "unknown CPU"} × ${os.cpus().length}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log("");

// Memory: heap retained by the parsed election, and the peak resident set while parsing the
// first time (maxRSS only grows, so it is read before and after).
gc();
const heapBefore = process.memoryUsage().heapUsed;
const rssPeakBefore = process.resourceUsage().maxRSS * 1024;
const first = parsePabulib(text);
const rssPeakAfter = process.resourceUsage().maxRSS * 1024;
gc();
const heapRetained = process.memoryUsage().heapUsed - heapBefore;
if (!first.ok) throw new Error(first.detail.message);
const election: Election = first.value;

const parse = time(RUNS, () => parsePabulib(text));

const baseline = time(RUNS, () => {
  const index = new Map(election.projects.map((p, i) => [p.id, i]));
  const votes = new Array<number>(election.projects.length).fill(0);
  for (const b of election.ballots) for (const id of b.projects) votes[index.get(id)!]!++;
  return votes;
});

const greedy = time(RUNS, () => countGreedy(election, { variant: "greedy" }));
const threshold = time(RUNS, () => countGreedy(election, { variant: "greedy-threshold" }));
const mes = time(RUNS, () => countEqualShares(election, { completion: "add1-utilitarian" }));
const mesNone = time(RUNS, () => countEqualShares(election, { completion: "none" }));

const approvals = election.ballots.reduce((s, b) => s + b.projects.length, 0);
const rows: [string, { ms: number; cpuMs: number }, string][] = [
  ["baseline: sum approvals per project", baseline, `${approvals.toLocaleString("en-GB")} approvals`],
  ["parse .pb (parsePabulib)", parse, `${election.ballots.length.toLocaleString("en-GB")} ballots`],
  ["greedy", greedy, greedy.result.ok ? `${greedy.result.value.selected.length} funded` : greedy.result.reason],
  ["greedy-threshold (official rule)", threshold, threshold.result.ok ? `${threshold.result.value.selected.length} funded` : threshold.result.reason],
  ["equal shares, one run (no completion)", mesNone, mesNone.result.ok ? `${mesNone.result.value.selected.length} funded` : mesNone.result.reason],
  [
    "equal shares + Add1 + utilitarian (target < 1 s)",
    mes,
    mes.result.ok
      ? `${mes.result.value.selected.length} funded; Add1 raised the share ${mes.result.value.equalShares!.add1Steps} times, to ${formatFixed(mes.result.value.equalShares!.finalShare, 2)} PLN`
      : mes.result.reason,
  ],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${"".padEnd(width)}  ${"wall".padStart(10)}  ${"cpu".padStart(10)}  ${"× baseline".padStart(10)}`);
for (const [name, t, note] of rows) {
  console.log(`${name.padEnd(width)}  ${ms(t.ms).padStart(10)}  ${ms(t.cpuMs).padStart(10)}  ${(t.ms / baseline.ms).toFixed(0).padStart(10)}  ${note}`);
}
console.log("");
console.log(`parse memory: ${mb(heapRetained)} heap retained by the Election; peak RSS ${mb(rssPeakAfter)} (${mb(rssPeakAfter - rssPeakBefore)} above the peak before parsing)`);
