// A lock shared by every Playwright worker on this machine, for the few steps that change
// council-wide state both projects read back (the framework choice is saved as a whole set, so
// two saves at once would overwrite each other). mkdir is atomic, so the directory is the lock.
import { mkdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const STALE_MS = 60_000;

export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(os.tmpdir(), `commonweal-e2e-${process.env.E2E_PORT ?? 3210}-${name}.lock`);
  const deadline = Date.now() + 2 * STALE_MS;
  for (;;) {
    try {
      mkdirSync(dir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Left behind by a run that was killed mid-step.
      const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_MS) rmSync(dir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`lock ${name} not released within ${2 * STALE_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
