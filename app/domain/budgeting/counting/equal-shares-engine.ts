// The inner loop of the Method of Equal Shares (MES): one run at a fixed per-voter share, exact.
//
// Rule (Peters & Skowron, "Proportionality and the Limits of Welfarism", EC 2020, "Rule X";
// Peters, Pierczyński & Skowron, "Proportional Participatory Budgeting with Additive Utilities",
// NeurIPS 2021; equalshares.net; pb-rules.md §5.2): every voter starts with budget b; repeatedly
// fund the project whose supporters can pay for it with the smallest ratio ρ, each supporter
// paying min(b_i, ρ·u_i), until no project is affordable. With cost utilities u_i = cost, so every
// supporter is asked for the same amount q = ρ·cost; with cardinality utilities u_i = 1 and q = ρ.
// Either way a project's q solves Σ_i min(b_i, q) = cost ("water-filling"); only the ranking key
// differs (q/cost or q).
//
// Why this file looks the way it does. Add1 completion re-runs MES once per currency unit of
// per-voter budget — 186 runs for Warsaw 2026 (61,668 voters) — and the result must be exact.
// Four ideas keep it fast without giving up exactness:
//
// 1. Voter classes. A voter's budget is b − Σ q_f over the funded projects f they approve, or 0
//    once it ran out (payments are min(b_i, q), so a voter who once pays everything stays at 0).
//    Voters who approve the same funded projects therefore have the same budget: a "class" is a
//    path in the tree of funded projects, and its exact value is B0N − Σ QN_f over a common
//    denominator D. Identical ballots are merged first (weights), as pabutools' multiprofiles do.
//    Funding moves a winner's supporters class by class: its histogram from this round already
//    lists their classes, so each gets its child first and the per-group walk is a lookup.
//
// 2. A floating-point filter with proven error bounds, exact arithmetic only where it decides.
//    Each class also carries a double. Its error is at most E = (4·L + 4)·ε·b (L = longest ballot,
//    ε = 2⁻⁵³): the root is fl(b), each step subtracts a correctly rounded q (≤ 2ε·q error) with one
//    more rounding. A candidate's water-filling is solved in doubles (Newton's method from below
//    over its d classes, `solve`) and gives an interval [q̃ − T, q̃ + T] that provably holds the
//    exact q (see `evaluate`), or "unsure" when the margins are too thin, in which case it is
//    solved exactly. A project wins a round outright only when its interval is strictly below
//    every other candidate's; otherwise the contenders are compared exactly (BigInt), which also
//    finds exact ties. The winner's exact q is computed from the classes below the boundary by
//    integer counts (M·B0N − Σ_f cnt_f·QN_f), and classes near the boundary are classified exactly.
//    The property tests compare every outcome with a naive exact implementation, including
//    elections where doubles alone would split an exact tie.
//
// 3. Lazy re-evaluation (used by pabutools and equalshares.net, pb-rules.md §5.2): a project's ρ
//    can only grow between rounds, so candidates are scanned in order of their previous lower
//    bound and the scan stops once that bound is strictly above the best upper bound found.
//
// 4. Incremental histograms. A project's supporters by class change only where it shares
//    supporters with a project funded since its last look; with static co-support lists and the
//    class tree (which records each class's round) its last histogram is brought up to date
//    instead of walking all its supporters again (`replay`), whichever is less work.
//
// Money here is in "scaled units": currency × L, where L makes every cost, the budget and the
// Add1 step integral (L = 1 for whole-unit costs). Rationals are built only at the edges.
import { compareForTie, type TieBreak } from "./tie-breaking.ts";
import { fromInt, rational, toNumber, type Rational } from "../rational.ts";

const EPS = 2 ** -53;
const ROOT = 0;
// Class 1 is reserved. A voter group that has run out is marked by a negative class: −x where x
// is an "exhausted" node whose parent is the class it had and whose round is when it ran out.
// No per-group bookkeeping is needed to recover that history (replay), and the test is `< 0`.
const RESERVED = 1;

export interface MesProject {
  readonly id: string;
  readonly cost: Rational;
}

/** Everything about an election that does not depend on the per-voter share. Build once. */
export interface MesInstance {
  /** n: every ballot, empty ones included (pabutools and equalshares.net count them). */
  readonly voters: number;
  readonly projectCount: number;
  readonly ids: readonly string[];
  /** L: scaled unit = 1/L currency units. */
  readonly scale: bigint;
  readonly costN: readonly bigint[];
  readonly costF: Float64Array;
  readonly approvals: Int32Array;
  /** Tie-break rank (0 wins) under the chosen policy. */
  readonly rank: Int32Array;
  readonly refuseTies: boolean;
  readonly cardinality: boolean;
  // Distinct non-empty ballots ("groups") with their multiplicity.
  readonly groupWeight: Int32Array;
  readonly groupVoterStart: Int32Array;
  readonly groupVoters: Int32Array;
  // Supporters of each project as groups (CSR), weights aligned.
  readonly supStart: Int32Array;
  readonly supList: Int32Array;
  readonly supWeight: Int32Array;
  readonly longestBallot: number;
  /** P×P bits: do projects a and b share a supporter? */
  readonly coApproved: Uint32Array;
  readonly coWords: number;
  /**
   * For each ordered pair (p, w), the groups that support both (CSR over p·P + w), or null when
   * that would be too big (long ballots). Lets a project re-evaluate from its last histogram.
   */
  readonly coStart: Int32Array | null;
  readonly coList: Int32Array | null;
}

export interface MesInstanceInput {
  readonly projects: readonly MesProject[];
  /** Each ballot as the ids of the projects it supports (order irrelevant, no duplicates). */
  readonly ballots: readonly (readonly string[])[];
  readonly tieBreak: TieBreak;
  readonly utilities: "cost" | "cardinality";
  /** Amounts that must be integral in scaled units besides the costs (budget, Add1 step). */
  readonly alsoIntegral: readonly Rational[];
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}

export function prepareInstance(input: MesInstanceInput): MesInstance {
  const P = input.projects.length;
  let scale = 1n;
  for (const p of input.projects) scale = lcm(scale, p.cost.d);
  for (const r of input.alsoIntegral) scale = lcm(scale, r.d);
  const costN = input.projects.map((p) => (p.cost.n * scale) / p.cost.d);
  const costF = Float64Array.from(costN, (c) => Number(c));

  // Merge identical ballots: sorted project indices, hashed into an open-addressing table of
  // group ids; the groups' ballots are stored flat (CSR). Far cheaper than string keys or a Map
  // for 60,000 ballots, and no per-group arrays for the collector to trace.
  const index = new Map(input.projects.map((p, i) => [p.id, i]));
  let totalApprovals = 0;
  for (const b of input.ballots) totalApprovals += b.length;
  const flat = new Int32Array(totalApprovals);
  const flatStart = new Int32Array(input.ballots.length + 1);
  const weights = new Int32Array(input.ballots.length);
  let tableSize = 16;
  while (tableSize < 2 * input.ballots.length) tableSize *= 2;
  const table = new Int32Array(tableSize).fill(-1);
  const voterGroup = new Int32Array(input.ballots.length).fill(-1);
  let G = 0;
  let longest = 0;
  for (let v = 0; v < input.ballots.length; v++) {
    const ballot = input.ballots[v]!;
    const len = ballot.length;
    if (len === 0) continue;
    // Sorted into the free space after the last group: kept if new, overwritten otherwise.
    const at = flatStart[G]!;
    for (let k = 0; k < len; k++) {
      const x = index.get(ballot[k]!)!;
      let j = at + k - 1;
      while (j >= at && flat[j]! > x) {
        flat[j + 1] = flat[j]!;
        j--;
      }
      flat[j + 1] = x;
    }
    let h = len;
    for (let k = at; k < at + len; k++) h = Math.imul(h ^ flat[k]!, 0x9e3779b1) + 0x7f4a7c15;
    let slot = (h ^ (h >>> 15)) & (tableSize - 1);
    let g = table[slot]!;
    while (g >= 0) {
      const gs = flatStart[g]!;
      if (flatStart[g + 1]! - gs === len) {
        let k = 0;
        while (k < len && flat[gs + k] === flat[at + k]) k++;
        if (k === len) break;
      }
      slot = (slot + 1) & (tableSize - 1);
      g = table[slot]!;
    }
    if (g < 0) {
      g = G++;
      table[slot] = g;
      flatStart[G] = at + len;
      if (len > longest) longest = len;
    }
    weights[g]!++;
    voterGroup[v] = g;
  }
  const groupWeight = weights.slice(0, G);
  const groupVoterStart = new Int32Array(G + 1);
  for (let v = 0; v < voterGroup.length; v++) if (voterGroup[v]! >= 0) groupVoterStart[voterGroup[v]! + 1]!++;
  for (let g = 0; g < G; g++) groupVoterStart[g + 1]! += groupVoterStart[g]!;
  const groupVoters = new Int32Array(groupVoterStart[G]!);
  const fill = groupVoterStart.slice(0, G);
  for (let v = 0; v < voterGroup.length; v++) {
    const g = voterGroup[v]!;
    if (g >= 0) groupVoters[fill[g]!++] = v;
  }

  const supCount = new Int32Array(P + 1);
  for (let k = 0; k < flatStart[G]!; k++) supCount[flat[k]! + 1]!++;
  const supStart = new Int32Array(P + 1);
  for (let p = 0; p < P; p++) supStart[p + 1] = supStart[p]! + supCount[p + 1]!;
  const supList = new Int32Array(supStart[P]!);
  const supWeight = new Int32Array(supStart[P]!);
  const pos = supStart.slice(0, P);
  for (let g = 0; g < G; g++) {
    for (let k = flatStart[g]!; k < flatStart[g + 1]!; k++) {
      const p = flat[k]!;
      supList[pos[p]!] = g;
      supWeight[pos[p]!++] = groupWeight[g]!;
    }
  }
  const approvals = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    let s = 0;
    for (let r = supStart[p]!; r < supStart[p + 1]!; r++) s += supWeight[r]!;
    approvals[p] = s;
  }

  const coWords = (P + 31) >>> 5;
  const coApproved = new Uint32Array(P * coWords);
  let pairs = 0;
  for (let g = 0; g < G; g++) {
    const gs = flatStart[g]!;
    const ge = flatStart[g + 1]!;
    pairs += (ge - gs) * (ge - gs - 1);
    for (let a = gs; a < ge; a++) for (let b = gs; b < ge; b++) coApproved[flat[a]! * coWords + (flat[b]! >>> 5)]! |= 1 << (flat[b]! & 31);
  }

  // Pairs of approvals per group; capped at 8M entries (32 MB), beyond which full gathers do.
  let coStart: Int32Array | null = null;
  let coList: Int32Array | null = null;
  if (pairs <= 8_000_000 && P * P < 4_000_000) {
    coStart = new Int32Array(P * P + 1);
    for (let g = 0; g < G; g++) {
      const gs = flatStart[g]!;
      const ge = flatStart[g + 1]!;
      for (let a = gs; a < ge; a++) for (let b = gs; b < ge; b++) if (a !== b) coStart[flat[a]! * P + flat[b]! + 1]!++;
    }
    for (let k = 0; k < P * P; k++) coStart[k + 1]! += coStart[k]!;
    coList = new Int32Array(pairs);
    const at = coStart.slice(0, P * P);
    for (let g = 0; g < G; g++) {
      const gs = flatStart[g]!;
      const ge = flatStart[g + 1]!;
      for (let a = gs; a < ge; a++) for (let b = gs; b < ge; b++) if (a !== b) coList[at[flat[a]! * P + flat[b]!]!++] = g;
    }
  }

  const keys = input.projects.map((p, i) => ({ id: p.id, cost: p.cost, votes: approvals[i]!, i }));
  keys.sort((a, b) => compareForTie(input.tieBreak, a, b));
  const rank = new Int32Array(P);
  keys.forEach((k, r) => (rank[k.i] = r));

  return {
    voters: input.ballots.length,
    projectCount: P,
    ids: input.projects.map((p) => p.id),
    scale,
    costN,
    costF,
    approvals,
    rank,
    refuseTies: input.tieBreak === "refuse",
    cardinality: input.utilities === "cardinality",
    groupWeight,
    groupVoterStart,
    groupVoters,
    supStart,
    supList,
    supWeight,
    longestBallot: longest,
    coApproved,
    coWords,
    coStart,
    coList,
  };
}

/** How one funded project was paid for, in scaled units over the run's final denominator. */
export interface RoundRecord {
  readonly project: number;
  /** Exact share q (currency units). */
  readonly share: Rational;
  readonly supporters: number;
  readonly paidShare: number;
  readonly paidAllTheyHad: number;
  readonly paidAllTheyHadTotal: Rational;
  readonly paidNothing: number;
  /** Projects that tied with the winner (exactly equal ρ), winner included. */
  readonly tied?: readonly number[];
}

export interface MesRunResult {
  /** Funded projects in order. */
  readonly order: readonly number[];
  readonly costN: bigint;
  readonly tie?: { readonly round: number; readonly tied: readonly number[] };
  readonly rounds: readonly RoundRecord[];
  /** With record: what the supporters of each unfunded project had left at the end (currency units). */
  readonly supportersHad?: readonly (Rational | null)[];
  /** With recordPayments: per original voter index, per round, the amount paid (currency units). */
  readonly payments?: readonly { voter: number; project: number; amount: Rational }[];
}

interface Evaluation {
  p: number;
  /** Offset and size of this project's class groups in the arena. */
  off: number;
  d: number;
  kpos: number;
  qF: number;
  T: number;
  valid: boolean;
  keyLo: number;
  keyHi: number;
  exact: ExactQ | null;
}

interface ExactQ {
  /** q = X / (K·D) in scaled units. */
  X: bigint;
  K: number;
  /** Classes that pay everything they have (capped, or exactly equal to q). */
  payAll: number[];
  /** Σ of what the pay-all classes pay, numerator over D; and their weight. */
  payAllN: bigint;
  payAllWeight: number;
}

/** Growable per-class storage, reused across runs. */
class Classes {
  size = 2;
  parent = new Int32Array(1024);
  round = new Int32Array(1024);
  val = new Float64Array(1024);
  // Fields read together sit together (these loops are bound by memory latency):
  // memo[2c] = round of the memoised child, memo[2c+1] = the child;
  // tally[2c] = stamp of the current count, tally[2c+1] = the count.
  memo = new Int32Array(2048).fill(-1);
  tally = new Int32Array(2048);

  reset(rootValue: number) {
    this.size = 2;
    this.parent[ROOT] = -1;
    this.parent[RESERVED] = -1;
    this.round[ROOT] = -1;
    this.round[RESERVED] = -1;
    this.val[ROOT] = rootValue;
    this.val[RESERVED] = 0;
    this.memo[2 * ROOT] = -1;
    this.memo[2 * RESERVED] = -1;
  }

  add(parent: number, round: number, value: number): number {
    if (this.size === this.parent.length) this.grow();
    const c = this.size++;
    this.parent[c] = parent;
    this.round[c] = round;
    this.val[c] = value;
    this.memo[2 * c] = -1;
    this.tally[2 * c] = 0;
    return c;
  }

  private grow() {
    const n = this.parent.length * 2;
    const g32 = (a: Int32Array, fillValue = 0) => {
      const b = new Int32Array(n).fill(fillValue);
      b.set(a);
      return b;
    };
    this.parent = g32(this.parent);
    this.round = g32(this.round);
    const v = new Float64Array(n);
    v.set(this.val);
    this.val = v;
    const g32x2 = (a: Int32Array, fillValue: number) => {
      const b = new Int32Array(2 * n).fill(fillValue);
      b.set(a);
      return b;
    };
    this.memo = g32x2(this.memo, -1);
    this.tally = g32x2(this.tally, 0);
  }
}

function gcdNumber(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** A reusable runner for one instance: holds the buffers so Add1's many runs allocate little. */
export class MesRunner {
  private readonly sup: Int32Array;
  private readonly supW: Int32Array;
  private readonly supEnd: Int32Array;
  private readonly cls: Int32Array;
  private readonly prevLo: Float64Array;
  private readonly status: Uint8Array;
  /** Has any supporter of the project paid yet? If not, all are in the root class. */
  private readonly touched: Uint8Array;
  /** Project funded in each paying round of this run. */
  private roundWinner: number[] = [];
  // Each project's class histogram as of its last evaluation (after histAt paying rounds).
  private readonly histC: Int32Array[];
  private readonly histM: Int32Array[];
  private readonly histLen: Int32Array;
  private readonly histAt: Int32Array;
  private readonly histK: Float64Array;
  // Per group: the round it ran out, and the class it had just before (for replays).
  private readonly groupStamp: Int32Array;
  // This runner's copy of the co-support lists, compacted during a run: a group that ran out is
  // swapped past the list's end once the project's histogram has counted it (coEnd resets per run).
  private readonly coList: Int32Array | null;
  private readonly coEnd: Int32Array | null;
  private readonly classes = new Classes();
  private arenaV = new Float64Array(4096);
  private arenaM = new Int32Array(4096);
  private arenaC = new Int32Array(4096);
  private arenaUsed = 0;
  private stampCounter = 0;
  // Exact state of the current run.
  private D = 1n;
  private B0N = 0n;
  private QN: bigint[] = [];
  private roundCount = 0;
  private E = 0;
  private readonly cntRound: Float64Array;

  constructor(readonly instance: MesInstance) {
    this.sup = new Int32Array(instance.supList.length);
    this.supW = new Int32Array(instance.supList.length);
    this.supEnd = new Int32Array(instance.projectCount);
    this.cls = new Int32Array(instance.groupWeight.length);
    this.prevLo = new Float64Array(instance.projectCount);
    this.status = new Uint8Array(instance.projectCount);
    this.touched = new Uint8Array(instance.projectCount);
    const P = instance.projectCount;
    this.histC = Array.from({ length: P }, () => new Int32Array(16));
    this.histM = Array.from({ length: P }, () => new Int32Array(16));
    this.histLen = new Int32Array(P);
    this.histAt = new Int32Array(P);
    this.histK = new Float64Array(P);
    const G = instance.groupWeight.length;
    this.groupStamp = new Int32Array(G);
    this.coList = instance.coList ? instance.coList.slice() : null;
    this.coEnd = instance.coStart ? new Int32Array(P * P) : null;
    this.cntRound = new Float64Array(instance.projectCount + 1);
  }

  /**
   * One MES run with every voter starting at `share` currency units. `record` fills in the
   * explanation data; `recordPayments` also lists every voter's payments.
   */
  run(share: Rational, options: { record?: boolean; recordPayments?: boolean } = {}): MesRunResult {
    const inst = this.instance;
    const P = inst.projectCount;
    const scaled = rational(share.n * inst.scale, share.d);
    this.D = scaled.d;
    this.B0N = scaled.n;
    this.QN = [];
    this.roundCount = 0;
    const rootF = toNumber(scaled);
    this.E = (4 * inst.longestBallot + 4) * EPS * Math.abs(rootF);
    this.classes.reset(rootF);
    this.sup.set(inst.supList);
    this.supW.set(inst.supWeight);
    for (let p = 0; p < P; p++) this.supEnd[p] = inst.supStart[p + 1]!;
    this.cls.fill(ROOT);
    this.prevLo.fill(0);
    this.touched.fill(0);
    this.roundWinner = [];
    // Everyone starts in the root class, so every histogram is known at round 0; with the
    // co-support lists, a project's first look after its supporters start paying is a replay.
    this.histAt.fill(inst.coStart ? 0 : -1);
    if (this.coEnd) this.coEnd.set(inst.coStart!.subarray(1));
    for (let p = 0; p < P; p++) {
      this.histC[p]![0] = ROOT;
      this.histM[p]![0] = inst.approvals[p]!;
      this.histLen[p] = inst.approvals[p]! > 0 ? 1 : 0;
      this.histK[p] = inst.approvals[p]!;
    }

    const order: number[] = [];
    const rounds: RoundRecord[] = [];
    const payments: { voter: number; project: number; amount: Rational }[] | undefined = options.recordPayments ? [] : undefined;
    let costN = 0n;
    // status: 0 candidate, 1 funded, 2 out (unaffordable or unsupported)
    const cands: number[] = [];
    const zeroCost: number[] = [];
    for (let p = 0; p < P; p++) {
      if (inst.approvals[p] === 0) this.status[p] = 2;
      else if (inst.costN[p] === 0n) {
        this.status[p] = 1;
        zeroCost.push(p);
      } else {
        this.status[p] = 0;
        cands.push(p);
      }
    }
    // Supported projects that cost nothing are funded first, for free (as pabutools does).
    zeroCost.sort((a, b) => inst.rank[a]! - inst.rank[b]!);
    for (const p of zeroCost) {
      order.push(p);
      if (options.record) {
        rounds.push({ project: p, share: fromInt(0), supporters: inst.approvals[p]!, paidShare: inst.approvals[p]!, paidAllTheyHad: 0, paidAllTheyHadTotal: fromInt(0), paidNothing: 0 });
      }
    }

    const evals: Evaluation[] = [];
    for (;;) {
      // Candidates in order of their previous lower bound (nearly sorted already: insertion sort).
      for (let i = 1; i < cands.length; i++) {
        const x = cands[i]!;
        const key = this.prevLo[x]!;
        let j = i - 1;
        while (j >= 0 && this.prevLo[cands[j]!]! > key) {
          cands[j + 1] = cands[j]!;
          j--;
        }
        cands[j + 1] = x;
      }
      this.arenaUsed = 0;
      evals.length = 0;
      let bestHi = Infinity;
      let dropped = false;
      for (const p of cands) {
        if (this.prevLo[p]! > bestHi) break;
        const ev = this.evaluate(p);
        if (ev === null) {
          this.status[p] = 2;
          dropped = true;
          continue;
        }
        this.prevLo[p] = ev.keyLo;
        if (ev.keyHi < bestHi) bestHi = ev.keyHi;
        evals.push(ev);
      }
      if (dropped) {
        let w = 0;
        for (const p of cands) if (this.status[p] === 0) cands[w++] = p;
        cands.length = w;
      }
      if (evals.length === 0) break;

      const contenders = evals.filter((e) => e.keyLo <= bestHi);
      let winner: Evaluation | undefined;
      let tied: number[] | undefined;
      if (contenders.length === 1) {
        winner = contenders[0]!;
        winner.exact ??= this.exactQ(winner);
        if (!winner.exact) winner = undefined;
      } else {
        // Near or exact tie: decide exactly.
        let best: Evaluation[] = [];
        for (const e of contenders) {
          e.exact ??= this.exactQ(e);
          if (!e.exact) continue; // exactly unaffordable after all (cannot happen with a valid interval)
          const c = best.length === 0 ? -1 : this.compareExact(e, best[0]!);
          if (c < 0) best = [e];
          else if (c === 0) best.push(e);
        }
        if (best.length > 1) {
          // Listed in tie-break order, winner first.
          best.sort((a, b) => inst.rank[a.p]! - inst.rank[b.p]!);
          tied = best.map((e) => e.p);
          if (inst.refuseTies) return { order, costN, rounds, tie: { round: order.length + 1, tied } };
        }
        winner = best[0];
      }
      if (!winner) {
        // The doubles said affordable but exact arithmetic says not (only on a razor's edge, and
        // then evaluate() already went exact, so this is defensive): drop and recount the round.
        for (const e of contenders) if (!e.exact) this.status[e.p] = 2;
        let w = 0;
        for (const p of cands) if (this.status[p] === 0) cands[w++] = p;
        cands.length = w;
        continue;
      }
      const exact = winner.exact!;
      const record = this.fund(winner, exact, options.record === true, payments);
      order.push(winner.p);
      costN += inst.costN[winner.p]!;
      this.status[winner.p] = 1;
      cands.splice(cands.indexOf(winner.p), 1);
      if (record) rounds.push(tied ? { ...record, tied } : record);
    }

    let supportersHad: (Rational | null)[] | undefined;
    if (options.record) {
      supportersHad = [];
      for (let p = 0; p < P; p++) supportersHad.push(this.status[p] === 1 ? null : this.remainingOf(p));
    }
    return { order, costN, rounds, supportersHad, payments };
  }

  /** p's positive supporters by class, into the arena (dropping exhausted ones for good). */
  private gather(p: number): { off: number; d: number; kpos: number } {
    const inst = this.instance;
    if (!this.touched[p]) {
      // Nobody who supports p has paid for anything yet: one class, the root. This is every
      // project in round 1 of every Add1 run — about half of all the work on Warsaw 2026.
      if (this.arenaUsed + 1 > this.arenaC.length) this.growArena(this.arenaUsed + 1);
      const off = this.arenaUsed++;
      this.arenaC[off] = ROOT;
      this.arenaV[off] = this.classes.val[ROOT]!;
      this.arenaM[off] = inst.approvals[p]!;
      return { off, d: 1, kpos: inst.approvals[p]! };
    }
    const at = this.histAt[p]!;
    if (at >= 0 && inst.coStart) {
      // Replay when the supporters p shares with the winners since its last look are fewer
      // than its supporters still holding money (the walk a full gather would do).
      // A replay step costs about twice a gather step (measured on Warsaw 2026).
      const budget = (this.supEnd[p]! - inst.supStart[p]!) / 2;
      const row = p * inst.projectCount;
      const coEnd = this.coEnd!;
      let work = 0;
      for (let r = at; r < this.roundCount && work < budget; r++) {
        const w = this.roundWinner[r]!;
        work += coEnd[row + w]! - inst.coStart[row + w]!;
      }
      if (work < budget) return this.replay(p);
    }
    const result = this.fullGather(p);
    this.saveHist(p, result.off, result.d, result.kpos);
    return result;
  }

  private saveHist(p: number, off: number, d: number, kpos: number) {
    let hc = this.histC[p]!;
    if (hc.length < d) {
      let n = hc.length;
      while (n < d) n *= 2;
      hc = this.histC[p] = new Int32Array(n);
      this.histM[p] = new Int32Array(n);
    }
    hc.set(this.arenaC.subarray(off, off + d));
    this.histM[p]!.set(this.arenaM.subarray(off, off + d));
    this.histLen[p] = d;
    this.histAt[p] = this.roundCount;
    this.histK[p] = kpos;
  }

  /**
   * Brings p's last histogram up to date. Only groups that support both p and a winner funded
   * since can have moved; a group's class back then is the ancestor of its class now (or of the
   * class it had before running out) created before that round — class trees record history.
   */
  private replay(p: number): { off: number; d: number; kpos: number } {
    const inst = this.instance;
    const classes = this.classes;
    const tally = classes.tally;
    const parent = classes.parent;
    const round = classes.round;
    const cls = this.cls;
    const groupStamp = this.groupStamp;
    const coStart = inst.coStart!;
    const coList = this.coList!;
    const coEnd = this.coEnd!;
    const weight = inst.groupWeight;
    const st = ++this.stampCounter;
    const since = this.histAt[p]!;
    const len = this.histLen[p]!;
    const hc = this.histC[p]!;
    const hm = this.histM[p]!;
    // At most one new class per supporter of p.
    const room = len + (inst.supStart[p + 1]! - inst.supStart[p]!);
    if (this.arenaUsed + room > this.arenaC.length) this.growArena(this.arenaUsed + room);
    const off = this.arenaUsed;
    const ids = this.arenaC;
    let d = 0;
    for (let k = 0; k < len; k++) {
      const c = hc[k]!;
      tally[2 * c] = st;
      tally[2 * c + 1] = hm[k]!;
      ids[off + d++] = c;
    }
    let kpos = this.histK[p]!;
    const row = p * inst.projectCount;
    for (let r = since; r < this.roundCount; r++) {
      const list = row + this.roundWinner[r]!;
      let k = coStart[list]!;
      let end = coEnd[list]!;
      while (k < end) {
        const g = coList[k]!;
        const now = cls[g]!;
        if (now < 0) {
          // Counted by the end of this replay, so gone from p's lists for the rest of the run.
          coList[k] = coList[--end]!;
          coList[end] = g;
          if (round[-now]! < since || groupStamp[g] === st) continue;
          groupStamp[g] = st;
          let then = parent[-now]!;
          while (then !== ROOT && round[then]! >= since) then = parent[then]!;
          tally[2 * then + 1]! -= weight[g]!;
          kpos -= weight[g]!;
          continue;
        }
        k++;
        if (groupStamp[g] === st) continue;
        groupStamp[g] = st;
        let then = now;
        while (then !== ROOT && round[then]! >= since) then = parent[then]!;
        if (then === now) continue;
        const wt = weight[g]!;
        tally[2 * then + 1]! -= wt;
        if (tally[2 * now] !== st) {
          tally[2 * now] = st;
          tally[2 * now + 1] = wt;
          ids[off + d++] = now;
        } else {
          tally[2 * now + 1]! += wt;
        }
      }
      coEnd[list] = end;
    }
    let w = off;
    const vals = this.arenaV;
    const ms = this.arenaM;
    const val = classes.val;
    for (let t = off; t < off + d; t++) {
      const c = ids[t]!;
      const m = tally[2 * c + 1]!;
      if (m === 0) continue;
      ids[w] = c;
      vals[w] = val[c]!;
      ms[w] = m;
      w++;
    }
    d = w - off;
    this.arenaUsed = off + d;
    this.saveHist(p, off, d, kpos);
    return { off, d, kpos };
  }

  /** Walks all of p's supporters (dropping exhausted ones from its list for good). */
  private fullGather(p: number): { off: number; d: number; kpos: number } {
    const inst = this.instance;
    const cls = this.cls;
    const sup = this.sup;
    const supW = this.supW;
    const classes = this.classes;
    const tally = classes.tally;
    const st = ++this.stampCounter;
    const start = inst.supStart[p]!;
    const end = this.supEnd[p]!;
    if (this.arenaUsed + (end - start) > this.arenaC.length) this.growArena(this.arenaUsed + (end - start));
    const off = this.arenaUsed;
    const ids = this.arenaC;
    let d = 0;
    let w = start;
    let kpos = 0;
    for (let r = start; r < end; r++) {
      const g = sup[r]!;
      const c = cls[g]!;
      if (c < 0) continue;
      const wt = supW[r]!;
      sup[w] = g;
      supW[w] = wt;
      w++;
      kpos += wt;
      if (tally[2 * c] !== st) {
        tally[2 * c] = st;
        tally[2 * c + 1] = wt;
        ids[off + d++] = c;
      } else {
        tally[2 * c + 1]! += wt;
      }
    }
    this.supEnd[p] = w;
    const vals = this.arenaV;
    const ms = this.arenaM;
    const val = classes.val;
    for (let t = off; t < off + d; t++) {
      const c = ids[t]!;
      vals[t] = val[c]!;
      ms[t] = tally[2 * c + 1]!;
    }
    this.arenaUsed = off + d;
    return { off, d, kpos };
  }

  private growArena(min: number) {
    let n = this.arenaC.length;
    while (n < min) n *= 2;
    const v = new Float64Array(n);
    v.set(this.arenaV);
    const m = new Int32Array(n);
    m.set(this.arenaM);
    const c = new Int32Array(n);
    c.set(this.arenaC);
    this.arenaV = v;
    this.arenaM = m;
    this.arenaC = c;
  }

  /**
   * Solves Σ m_g·min(v_g, q) = cost in doubles by Newton's method from below: f is concave and
   * piecewise linear, so from q₀ = cost / k (≤ q) each step q ← (cost − Σ_{v≤q} m·v) / Σ_{v>q} m
   * stays at or below the solution and stops once no new class is capped — usually within a
   * few plain passes, without reordering anything. Falls back to quickselect if it dawdles.
   */
  private solve(
    off: number,
    d: number,
    cost: number,
    kpos: number,
    from: number,
  ): { q: number; below: number; K: number; gap: number } | null {
    const v = this.arenaV;
    const m = this.arenaM;
    const end = off + d;
    const low = cost / kpos;
    // Start from the larger of two lower bounds on q: cost / k, and what the project's previous
    // evaluation proved (ratios only grow). From slightly above the solution one Newton step
    // lands below it (the tangent of a concave function lies above it), so this is safe too.
    let q = Math.max(low, from);
    let cappedBefore = -1;
    for (let iteration = 0; iteration < 12; iteration++) {
      let below = 0;
      let above = 0;
      let capped = 0;
      let gap = Infinity;
      for (let t = off; t < end; t++) {
        const x = v[t]!;
        if (x <= q) {
          below += x * m[t]!;
          capped++;
        } else {
          above += m[t]!;
          if (x - q < gap) gap = x - q;
        }
      }
      if (above === 0) {
        if (q > low) {
          q = low;
          cappedBefore = -1;
          continue;
        }
        return null;
      }
      if (capped === cappedBefore) return { q, below, K: above, gap };
      cappedBefore = capped;
      q = (cost - below) / above;
    }
    const wf = this.waterfill(off, d, cost);
    if (!wf) return null;
    let K = 0;
    let gap = Infinity;
    for (let t = off; t < end; t++) {
      const x = v[t]!;
      if (x > wf.q) {
        K += m[t]!;
        if (x - wf.q < gap) gap = x - wf.q;
      }
    }
    return { ...wf, K, gap };
  }

  /**
   * Solves Σ m_g·min(v_g, q) = cost over the arena segment in doubles (weighted quickselect).
   * Returns q̃, the capped sum and the uncapped weight, or null when even all the money falls
   * short in doubles.
   */
  private waterfill(off: number, d: number, cost: number): { q: number; below: number } | null {
    const v = this.arenaV;
    const m = this.arenaM;
    const c = this.arenaC;
    let lo = off;
    let hi = off + d;
    let below = 0;
    let above = 0;
    while (lo < hi) {
      const pv = v[lo + ((hi - lo) >> 1)]!;
      // Three-way partition: [lo, lt) < pv, [lt, gt) == pv, [gt, hi) > pv.
      let lt = lo;
      let i = lo;
      let gt = hi;
      let sL = 0;
      let mE = 0;
      let mR = 0;
      while (i < gt) {
        const x = v[i]!;
        if (x < pv) {
          sL += x * m[i]!;
          swap(v, m, c, lt++, i++);
        } else if (x > pv) {
          mR += m[i]!;
          swap(v, m, c, i, --gt);
        } else {
          mE += m[i]!;
          i++;
        }
      }
      if (below + sL + pv * (mE + mR + above) >= cost) {
        above += mE + mR;
        hi = lt;
      } else {
        below += sL + pv * mE;
        lo = gt;
      }
    }
    if (above === 0) return null;
    return { q: (cost - below) / above, below };
  }

  /**
   * Float evaluation with a proven enclosure of the exact q. Returns null when p is certainly
   * unaffordable; an exact evaluation when the doubles cannot decide.
   *
   * Bound: let f(x) = Σ m·min(v, x) with exact class values and f̃ the same with doubles; |f − f̃|
   * ≤ k·E (k = positive supporters). f̃ is concave and has slope K (weight strictly above q̃) on
   * [q̃, q̃ + gap], gap = distance to the next class value, and slope ≥ K below q̃. With
   * |f̃(q̃) − cost| ≤ K·R (R bounds the rounding of the quickselect sums and the division), the
   * exact solution lies within t = R + k·E/K of q̃ provided t ≤ gap. T doubles that for safety.
   */
  private evaluate(p: number): Evaluation | null {
    const inst = this.instance;
    const { off, d, kpos } = this.gather(p);
    if (kpos === 0) return null;
    // One literal of the full shape, filled in below (spreading a partial object was slow).
    const ev: Evaluation = { p, off, d, kpos, qF: 0, T: Infinity, valid: false, keyLo: 0, keyHi: 0, exact: null };
    const cost = inst.costF[p]!;
    const E = this.E;
    const from = inst.cardinality ? this.prevLo[p]! : this.prevLo[p]! * cost;
    const wf = this.solve(off, d, cost, kpos, from);
    if (wf === null) {
      // Σ of all doubles is below cost; certain when the error cannot close the gap.
      let total = 0;
      for (let t = off; t < off + d; t++) total += this.arenaV[t]! * this.arenaM[t]!;
      const slack = kpos * E + 4 * (d + 2) * EPS * total;
      if (total + slack < cost) return null;
      return this.exactEvaluation(ev);
    }
    const { q, K, gap } = wf;
    if (K === 0) return this.exactEvaluation(ev);
    const R = (4 * (d + 2) * EPS * (cost + wf.below)) / K + 4 * EPS * q;
    const T = 2 * (R + (kpos * E) / K) + 4 * EPS * q;
    if (!(T + 2 * E < gap) || !(q - T > 0)) return this.exactEvaluation(ev);
    ev.qF = q;
    ev.T = T;
    ev.valid = true;
    if (inst.cardinality) {
      ev.keyLo = (q - T) * (1 - 2 * EPS);
      ev.keyHi = (q + T) * (1 + 2 * EPS);
    } else {
      ev.keyLo = ((q - T) / cost) * (1 - 4 * EPS);
      ev.keyHi = ((q + T) / cost) * (1 + 4 * EPS);
    }
    return ev;
  }

  /** Fills in an exact evaluation of `ev` (not yet valid: no float interval). */
  private exactEvaluation(ev: Evaluation): Evaluation | null {
    const ex = this.exactQ(ev);
    if (!ex) return null;
    ev.exact = ex;
    // toNumber does not need a normalised fraction: skip the gcd.
    const den = BigInt(ex.K) * this.D * (this.instance.cardinality ? 1n : this.instance.costN[ev.p]!);
    const key = toNumber({ n: ex.X, d: den });
    ev.keyLo = key * (1 - 8 * EPS);
    ev.keyHi = key * (1 + 8 * EPS);
    return ev;
  }

  /** Exact value of a class, as a numerator over D. */
  private classN(c: number): bigint {
    if (c < 0) return 0n;
    let v = this.B0N;
    const parent = this.classes.parent;
    const round = this.classes.round;
    for (let x = c; x !== ROOT; x = parent[x]!) v -= this.QN[round[x]!]!;
    return v;
  }

  /**
   * The exact q for an evaluated project. Classes certainly below the boundary are summed by
   * integer counts per funded project; the rest ("ambiguous", or all of them when the float
   * interval is not valid) are sorted exactly and walked as in the textbook algorithm
   * (pb-rules.md §5.2, "Computing ρ(p)"). Returns null if the supporters cannot afford p.
   */
  private exactQ(ev: Evaluation): ExactQ | null {
    const inst = this.instance;
    const { off, d } = ev;
    const E = this.E;
    const capLimit = ev.valid ? ev.qF - ev.T - E : -Infinity;
    const uncapLimit = ev.valid ? ev.qF + ev.T + E : Infinity;
    const parent = this.classes.parent;
    const round = this.classes.round;
    const cntRound = this.cntRound;
    cntRound.fill(0, 0, this.roundCount);
    let M = 0;
    let K = 0;
    const payAll: number[] = [];
    const ambiguous: { c: number; m: number; V: bigint }[] = [];
    for (let t = off; t < off + d; t++) {
      const v = this.arenaV[t]!;
      const m = this.arenaM[t]!;
      const c = this.arenaC[t]!;
      if (v < capLimit) {
        M += m;
        payAll.push(c);
        for (let x = c; x !== ROOT; x = parent[x]!) cntRound[round[x]!]! += m;
      } else if (v > uncapLimit) {
        K += m;
      } else {
        ambiguous.push({ c, m, V: this.classN(c) });
      }
    }
    let S = BigInt(M) * this.B0N;
    for (let r = 0; r < this.roundCount; r++) if (cntRound[r]) S -= BigInt(cntRound[r]!) * this.QN[r]!;
    ambiguous.sort((a, b) => (a.V < b.V ? -1 : a.V > b.V ? 1 : 0));
    for (const a of ambiguous) K += a.m;
    const C = inst.costN[ev.p]! * this.D;
    let payAllWeight = M;
    let i = 0;
    for (; i < ambiguous.length; i++) {
      const a = ambiguous[i]!;
      if (C - S <= a.V * BigInt(K)) break;
      S += BigInt(a.m) * a.V;
      K -= a.m;
      payAllWeight += a.m;
      payAll.push(a.c);
    }
    if (K === 0) return null;
    const X = C - S;
    // Voters whose budget equals q exactly pay q, which is everything they have: they count as
    // paying the share, and end with nothing.
    for (; i < ambiguous.length; i++) {
      const a = ambiguous[i]!;
      if (a.V * BigInt(K) !== X) break;
      payAll.push(a.c);
    }
    return { X, K, payAll, payAllN: S, payAllWeight };
  }

  private compareExact(a: Evaluation, b: Evaluation): number {
    const inst = this.instance;
    const ea = a.exact!;
    const eb = b.exact!;
    // key = X / (K·D) (cardinality) or X / (K·D·cost): compare by cross-multiplication.
    let l = ea.X * BigInt(eb.K);
    let r = eb.X * BigInt(ea.K);
    if (!inst.cardinality) {
      l *= inst.costN[b.p]!;
      r *= inst.costN[a.p]!;
    }
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Charges the winner's supporters and moves them to their new classes. */
  private fund(
    ev: Evaluation,
    ex: ExactQ,
    record: boolean,
    payments: { voter: number; project: number; amount: Rational }[] | undefined,
  ): RoundRecord | null {
    const inst = this.instance;
    const p = ev.p;
    const roundIndex = this.roundCount;
    // q = X / (K·D). Reduce by gcd(X, K) (K is small) and extend the common denominator.
    const Kb = BigInt(ex.K);
    const g = gcdNumber(Number(ex.X % Kb), ex.K) || ex.K;
    const Xr = ex.X / BigInt(g);
    const Kr = ex.K / g;
    const oldD = this.D;
    if (Kr !== 1) {
      const k = BigInt(Kr);
      this.D *= k;
      this.B0N *= k;
      for (let r = 0; r < this.QN.length; r++) this.QN[r]! *= k;
    }
    this.QN.push(Xr);
    this.roundWinner.push(p);
    this.roundCount++;
    const qF = toNumber({ n: Xr, d: this.D });

    // Payment records need exact class values before the move.
    let perClassPay: Map<number, Rational> | undefined;
    if (payments) {
      perClassPay = new Map();
      for (const c of ex.payAll) perClassPay.set(c, rational(this.classN(c), this.D * inst.scale));
    }

    const classes = this.classes;
    const cls = this.cls;
    const sup = this.sup;
    const start = inst.supStart[p]!;
    const end = this.supEnd[p]!;
    // Pay-all classes move to an "exhausted" node. (add() may grow the arrays, so classes.memo
    // is read through `classes` until the last add.)
    for (const c of ex.payAll) {
      const exhausted = classes.add(c, roundIndex, 0);
      classes.memo[2 * c] = roundIndex;
      classes.memo[2 * c + 1] = -exhausted;
    }
    if (payments) {
      const qCurrency = rational(Xr, this.D * inst.scale);
      for (let r = start; r < end; r++) {
        const grp = sup[r]!;
        const c = cls[grp]!;
        if (c < 0) continue;
        const paid = perClassPay!.get(c) ?? qCurrency;
        for (let k = inst.groupVoterStart[grp]!; k < inst.groupVoterStart[grp + 1]!; k++) {
          payments.push({ voter: inst.groupVoters[k]!, project: p, amount: paid });
        }
      }
    }
    // The winner's histogram (its arena segment, untouched since it was evaluated this round)
    // lists every class its paying supporters are in, so each gets its child up front and the
    // walk below is a plain lookup, with no branch on whether the child exists yet.
    for (let t = ev.off; t < ev.off + ev.d; t++) {
      const c = this.arenaC[t]!;
      if (classes.memo[2 * c] === roundIndex) continue;
      const next = classes.add(c, roundIndex, classes.val[c]! - qF);
      classes.memo[2 * c] = roundIndex;
      classes.memo[2 * c + 1] = next;
    }
    const memo = classes.memo;
    for (let r = start; r < end; r++) {
      const grp = sup[r]!;
      const c = cls[grp]!;
      if (c >= 0) cls[grp] = memo[2 * c + 1]!;
    }
    // Projects sharing a supporter with p now have supporters outside the root class.
    const co = inst.coApproved;
    const base = p * inst.coWords;
    for (let x = 0; x < inst.projectCount; x++) if ((co[base + (x >>> 5)]! >>> (x & 31)) & 1) this.touched[x] = 1;
    if (!record) return null;
    const toCurrency = (n: bigint, d: bigint) => rational(n, d * inst.scale);
    return {
      project: p,
      share: toCurrency(Xr, this.D),
      supporters: inst.approvals[p]!,
      paidShare: ex.K,
      paidAllTheyHad: ex.payAllWeight,
      paidAllTheyHadTotal: toCurrency(ex.payAllN, oldD),
      paidNothing: inst.approvals[p]! - ev.kpos,
    };
  }

  /** Exact money p's supporters have left (currency units). */
  private remainingOf(p: number): Rational | null {
    if (this.instance.approvals[p] === 0) return null;
    const { off, d } = this.gather(p);
    let S = 0n;
    for (let t = off; t < off + d; t++) S += BigInt(this.arenaM[t]!) * this.classN(this.arenaC[t]!);
    this.arenaUsed = 0;
    return rational(S, this.D * this.instance.scale);
  }
}

function swap(v: Float64Array, m: Int32Array, c: Int32Array, i: number, j: number) {
  const tv = v[i]!;
  v[i] = v[j]!;
  v[j] = tv;
  const tm = m[i]!;
  m[i] = m[j]!;
  m[j] = tm;
  const tc = c[i]!;
  c[i] = c[j]!;
  c[j] = tc;
}
