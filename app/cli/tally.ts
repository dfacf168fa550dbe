// `npm run cli -- tally FILE.pb --rule …`: count a participatory-budgeting election from a
// pabulib file and explain the result, so anyone can recount a published outcome.
// The counting itself is app/domain/budgeting (pure, exact); this file only reads the file,
// parses arguments and prints.
import { readFile } from "node:fs/promises";
import { countEqualShares, COMPLETIONS, UTILITIES } from "~/domain/budgeting/counting/equal-shares.ts";
import { countGreedy } from "~/domain/budgeting/counting/greedy.ts";
import { RULE_NAMES, type Completion, type CountResult, type Outcome, type RuleName, type Utilities } from "~/domain/budgeting/counting/outcome.ts";
import type { TieBreak } from "~/domain/budgeting/counting/tie-breaking.ts";
import { countErrorMessage, describeOutcome, explainProject, formatMoney, parseErrorMessage } from "~/domain/budgeting/messages.ts";
import { parsePabulib, type Election } from "~/domain/budgeting/pabulib.ts";
import { parseDecimal, sub, toDecimalString, type Rational } from "~/domain/budgeting/rational.ts";

const USAGE = `Usage: tally FILE.pb --rule greedy|greedy-no-skip|greedy-threshold|equal-shares
  [--completion none|add1|add1-utilitarian|add1-until-overspend]   equal shares only (default add1-utilitarian)
  [--utilities cost|cardinality]                                     equal shares only (default cost)
  [--threshold N]       greedy-threshold: minimum score (default: the file's min_project_score_threshold)
  [--tie-break default|id|refuse]                                    (default: cheaper, then more votes, then id)
  [--json]              print {"rule", "selected", "cost", "budget"} only`;

const TIE_BREAK_OPTIONS: readonly TieBreak[] = ["default", "id", "refuse"];

interface Args {
  file: string;
  rule: RuleName;
  completion: Completion;
  utilities: Utilities;
  threshold?: Rational;
  tieBreak: TieBreak;
  json: boolean;
}

class UsageError extends Error {}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T {
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")}${value === undefined ? "" : ` (got "${value}")`}`);
  }
  return value as T;
}

function parseArgs(argv: readonly string[]): Args {
  let file: string | undefined;
  let rule: RuleName | undefined;
  let completion: Completion | undefined;
  let utilities: Utilities | undefined;
  let threshold: Rational | undefined;
  let tieBreak: TieBreak = "default";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--rule":
        rule = oneOf(flag, value(), RULE_NAMES);
        break;
      case "--completion":
        completion = oneOf(flag, value(), COMPLETIONS);
        break;
      case "--utilities":
        utilities = oneOf(flag, value(), UTILITIES);
        break;
      case "--tie-break":
        tieBreak = oneOf(flag, value(), TIE_BREAK_OPTIONS);
        break;
      case "--threshold": {
        const text = value();
        const parsed = parseDecimal(text);
        if (!parsed || parsed.n < 0n) throw new UsageError(`--threshold must be a number, 0 or more (got "${text}")`);
        threshold = parsed;
        break;
      }
      case "--json":
        json = true;
        break;
      default:
        if (flag.startsWith("-")) throw new UsageError(`unknown option ${flag}`);
        if (file !== undefined) throw new UsageError(`one file at a time (got "${file}" and "${flag}")`);
        file = flag;
    }
  }
  if (file === undefined) throw new UsageError("give the .pb file to count");
  if (rule === undefined) throw new UsageError(`--rule is required: ${RULE_NAMES.join(", ")}`);
  if (rule !== "equal-shares" && (completion !== undefined || utilities !== undefined)) {
    throw new UsageError("--completion and --utilities apply to --rule equal-shares only");
  }
  if (rule !== "greedy-threshold" && threshold !== undefined) throw new UsageError("--threshold applies to --rule greedy-threshold only");
  return { file, rule, completion: completion ?? "add1-utilitarian", utilities: utilities ?? "cost", threshold, tieBreak, json };
}

function count(election: Election, args: Args): CountResult {
  if (args.rule === "equal-shares") {
    return countEqualShares(election, { completion: args.completion, utilities: args.utilities, tieBreak: args.tieBreak });
  }
  return countGreedy(election, { variant: args.rule, tieBreak: args.tieBreak, threshold: args.threshold });
}

/** An exact amount as a JSON number literal (decimal), or a string if it has no finite decimal form. */
function jsonAmount(r: Rational): string {
  return toDecimalString(r) ?? JSON.stringify(`${r.n}/${r.d}`);
}

function printJson(outcome: Outcome) {
  console.log(
    `{"rule": ${JSON.stringify(outcome.rule)}, "selected": ${JSON.stringify(outcome.selected)}, "cost": ${jsonAmount(outcome.cost)}, "budget": ${jsonAmount(outcome.budget)}}`,
  );
}

function printTable(election: Election, outcome: Outcome, file: string) {
  const money = (r: Rational) => formatMoney(r, election.currency);
  const names = new Map(election.projects.map((p) => [p.id, p.name ?? ""]));
  console.log(`${file}`);
  console.log(`${election.projects.length} projects, ${election.ballots.length.toLocaleString("en-GB")} ballots (${election.voteType}); official rule in the file: ${election.rule}`);
  const es = outcome.equalShares;
  console.log(`Rule: ${outcome.rule}${es ? ` (completion ${es.completion}, ${es.utilities} utilities)` : ""}, tie-break: ${outcome.tieBreak}`);
  console.log(describeOutcome(outcome, "en", money));
  console.log(`Budget ${money(outcome.budget)}, selected ${outcome.selected.length} projects costing ${money(outcome.cost)}, left over ${money(sub(outcome.budget, outcome.cost))}`);
  console.log("");

  const rows = [...outcome.projects].sort((a, b) => {
    if (a.funded !== b.funded) return a.funded ? -1 : 1;
    if (a.funded && b.funded) return a.round - b.round;
    return b.votes - a.votes;
  });
  const header = ["Round", "Project", "Cost", "Votes", "Result"];
  const table = rows.map((p) => [p.funded ? String(p.round) : "", p.projectId, money(p.cost), p.votes.toLocaleString("en-GB"), p.funded ? "funded" : "not funded"]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of table) console.log(line(r));
  console.log("");
  for (const p of rows) {
    const name = names.get(p.projectId);
    console.log(`${p.projectId}${name ? ` ${name}` : ""}: ${explainProject(p, "en", money)}`);
  }
}

export async function tally(argv: string[]): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`tally: ${e.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let text: string;
  try {
    text = await readFile(args.file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(`tally: cannot read ${args.file}${code === "ENOENT" ? ": no such file" : code ? ` (${code})` : ""}`);
    process.exitCode = 2;
    return;
  }
  const parsed = parsePabulib(text);
  if (!parsed.ok) {
    console.error(`tally: ${args.file}: ${parseErrorMessage(parsed.reason, "en", parsed.detail)}`);
    process.exitCode = 2;
    return;
  }
  const result = count(parsed.value, args);
  if (!result.ok) {
    console.error(`tally: ${countErrorMessage(result.reason, "en", result.detail)}`);
    process.exitCode = 2;
    return;
  }
  if (args.json) printJson(result.value);
  else printTable(parsed.value, result.value, args.file);
}
