// Benchmark (not a test): `npm run bench`.
// 1. Time from `npm start` on a fresh embedded database to the first page (target ≤ 15 s),
//    next to a baseline measured in the same run: a bare Node HTTP server's time to first response.
// 2. Peak memory (VmHWM) of the embedded-mode server after the demo is seeded and the main pages
//    have been requested (target ≤ 500 MB).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A port nobody listens on: a server left over from another run must never answer for ours. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const PORT = await freePort();
const BASE = `http://127.0.0.1:${PORT}`;

async function waitFor(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.ok) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // process ended
    }
  }
  return children;
}

function peakRssMb(pid: number): number {
  let peak = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      // process ended
    }
  }
  return peak;
}

/** Stops the whole process group (npm → tsx → node), so nothing outlives the benchmark. */
async function stop(child: ChildProcess) {
  const done = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await done;
}

async function baseline(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", `require("http").createServer((q,s)=>s.end("ok")).listen(${PORT},"127.0.0.1")`]);
  await waitFor(`${BASE}/`, 10_000);
  const ms = performance.now() - started;
  await stop(child);
  return ms;
}

const MAIN_PAGES = [
  "/",
  "/trafford",
  "/trafford/wards",
  "/trafford/sign-in",
  "/trafford/staff/sign-in",
  "/data-sources",
  "/trafford/accessibility",
  "/trafford/budgets",
  "/trafford/budgets/your-ward-your-say-2026",
  "/trafford/budgets/trafford-community-chest-2026/results",
];

async function main() {
  const baselineMs = await baseline();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "commonweal-bench-"));
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    env: { ...process.env, DATABASE_URL: `pglite:${dataDir}`, PORT: String(PORT), LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  try {
    await waitFor(`${BASE}/`, 120_000);
  } catch (error) {
    await stop(child);
    throw error;
  }
  const firstPageMs = performance.now() - started;
  for (const page of MAIN_PAGES) await fetch(BASE + page).then((r) => r.text());
  const peak = peakRssMb(child.pid!);
  const stopping = performance.now();
  await stop(child);
  const stopMs = performance.now() - stopping;
  rmSync(dataDir, { recursive: true, force: true });

  console.log("\nCommonweal start-up benchmark (fresh embedded database, demo seeded)");
  console.log(`  baseline: bare Node HTTP server to first response   ${(baselineMs / 1000).toFixed(2)} s`);
  console.log(`  npm start to first page                             ${(firstPageMs / 1000).toFixed(2)} s   (target ≤ 15 s)`);
  console.log(`  peak server memory after the main pages              ${peak.toFixed(0)} MB   (target ≤ 500 MB)`);
  console.log(`  SIGTERM to exit, database closed                    ${(stopMs / 1000).toFixed(2)} s   (target ≤ 5 s)`);
}

await main();
