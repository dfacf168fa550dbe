import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tally } from "./tally.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../domain/budgeting/fixtures/pabulib/${name}`, import.meta.url));
const ASSEN = fixture("Netherlands_Assen_2024.pb");
const POZNAN = fixture("Poland_Poznan_2024_13_-_Jezyce_sw.Lazarz__large.pb");

let out: string[];
let errors: string[];

beforeEach(() => {
  out = [];
  errors = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void errors.push(a.join(" ")));
  process.exitCode = undefined;
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("tally", () => {
  it("prints exactly rule, selected, cost and budget with --json", async () => {
    await tally([ASSEN, "--rule", "equal-shares", "--completion", "add1", "--json"]);
    expect(errors).toEqual([]);
    expect(process.exitCode).toBeUndefined();
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!);
    expect(Object.keys(json)).toEqual(["rule", "selected", "cost", "budget"]);
    expect(json).toEqual({ rule: "equal-shares", selected: ["3", "9", "2", "11", "13", "14", "5", "6", "12"], cost: 76700, budget: 100000 });
  });

  it("counts greedy rules with options", async () => {
    await tally([POZNAN, "--rule", "greedy-no-skip", "--json"]);
    expect(JSON.parse(out[0]!)).toEqual({ rule: "greedy-no-skip", selected: ["RD-XIII.3"], cost: 800000, budget: 1300000 });
    out.length = 0;
    await tally([POZNAN, "--rule=greedy-threshold", "--threshold=500", "--tie-break", "id", "--json"]);
    expect(JSON.parse(out[0]!).selected).toEqual(["RD-XIII.3"]);
  });

  it("prints a table and an explanation for every project", async () => {
    await tally([ASSEN, "--rule", "equal-shares", "--completion", "add1"]);
    const text = out.join("\n");
    expect(text).toContain("Rule: equal-shares (completion add1, cost utilities), tie-break: default");
    expect(text).toContain("Each of the 84 voters started with €1,190.48, raised to €2,033.48.");
    expect(text).toMatch(/^1 +3 +€7,200 +43 +funded$/m);
    expect(text).toContain("3 PopUp Podium: Funded in round 1. 43 of its 43 supporters paid €167.44 each.");
    expect(text).toContain("8 Crossbaan in Peelo: Not funded: its supporters had €35,085.24 left of the €40,000 it needed.");
    expect(errors).toEqual([]);
  });

  it.each([
    [[], "give the .pb file to count"],
    [[ASSEN], "--rule is required"],
    [[ASSEN, "--rule", "borda"], '--rule must be one of greedy, greedy-no-skip, greedy-threshold, equal-shares (got "borda")'],
    [[ASSEN, "--rule", "greedy", "--completion", "add1"], "--completion and --utilities apply to --rule equal-shares only"],
    [[ASSEN, "--rule", "greedy-threshold", "--threshold", "lots"], '--threshold must be a number, 0 or more (got "lots")'],
    [[ASSEN, "--rule", "greedy", "--colour"], "unknown option --colour"],
    [[ASSEN, "--rule"], "--rule needs a value"],
  ])("rejects bad arguments %j with exit code 2", async (argv, message) => {
    await tally(argv as string[]);
    expect(process.exitCode).toBe(2);
    expect(errors[0]).toContain(`tally: ${message}`);
    expect(errors[0]).toContain("Usage: tally FILE.pb");
    expect(out).toEqual([]);
  });

  it("reports a missing file without a stack trace", async () => {
    await tally(["/no/such/file.pb", "--rule", "greedy"]);
    expect(process.exitCode).toBe(2);
    expect(errors).toEqual(["tally: cannot read /no/such/file.pb: no such file"]);
  });

  it("reports a bad file with its section and line", async () => {
    await tally([fileURLToPath(new URL("./tally.test.ts", import.meta.url)), "--rule", "greedy"]);
    expect(process.exitCode).toBe(2);
    expect(errors[0]).toMatch(/^tally: .*tally\.test\.ts: META line 1: the file must start with a META section$|^tally: .*: The file has no META section$/);
  });

  it("reports a tie when asked to refuse ties", async () => {
    await tally([ASSEN, "--rule", "equal-shares", "--completion", "add1", "--tie-break", "refuse"]);
    expect(process.exitCode).toBe(2);
    expect(errors[0]).toBe("tally: Projects 2, 11 are tied at round 3. Settle the tie by the published tie-break policy, then count again");
  });
});
