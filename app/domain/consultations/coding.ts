// Coding free-text answers into themes: the rules for a code's label, what counts as "coded",
// progress through a question's answers, and agreement between officers who coded the same
// answers. Pure: the server loads the codings (answer, coder, code) and passes them in.
//
// Several officers may code the same answer independently; agreement between them shows a
// council's themes are not one person's reading of what residents wrote. Each code is a yes/no
// judgement per answer, so agreement is worked out code by code, as two-category Cohen's kappa,
// and averaged for each pair of coders.
import { err, ok, type Result } from "../result.ts";

export const CODE_LIMITS = {
  labelMin: 2,
  labelMax: 80,
  /**
   * Codes per question. A page shows every code beside each of its 20 answers: beyond a few
   * dozen the checkboxes stop being readable, and a codebook that long usually wants merging.
   */
  codesPerQuestion: 40,
  /** Answers on one page of coding (keyset paging). */
  pageSize: 20,
} as const;

export type CodeLabelReason = "required" | "too_short" | "too_long" | "invalid_characters" | "taken" | "too_many_codes";

/** Trimmed, inner runs of white space made one space, NFC: what is stored and shown. */
export function normaliseCodeLabel(raw: string): string {
  return raw.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/**
 * The form two labels are compared in: "Buses", "buses " and "BUSES" are one code. Plain
 * `toLowerCase` (no locale), so the same labels clash on every server whatever its settings.
 */
export function codeLabelKey(label: string): string {
  return normaliseCodeLabel(label).toLowerCase();
}

// Control characters (including tabs and new lines the normalising above did not reach, such as
// U+0085) and the Unicode format characters that can hide or reverse text (U+200B, U+202E).
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/u;

/**
 * A new or renamed code's label, checked against the question's other codes. `selfId` is the
 * code being renamed: renaming "buses" to "Buses" is allowed. Length is in code points.
 */
export function checkCodeLabel(
  raw: string,
  existing: readonly { id: string; label: string }[],
  selfId?: string,
): Result<string, CodeLabelReason> {
  const label = normaliseCodeLabel(raw);
  if (label === "") return err("required");
  const length = [...label].length;
  if (length < CODE_LIMITS.labelMin) return err("too_short", { min: CODE_LIMITS.labelMin });
  if (length > CODE_LIMITS.labelMax) return err("too_long", { max: CODE_LIMITS.labelMax });
  if (UNPRINTABLE.test(label)) return err("invalid_characters");
  const key = codeLabelKey(label);
  const clash = existing.find((c) => c.id !== selfId && codeLabelKey(c.label) === key);
  if (clash) return err("taken", { codeId: clash.id });
  if (selfId === undefined && existing.length >= CODE_LIMITS.codesPerQuestion) return err("too_many_codes", { max: CODE_LIMITS.codesPerQuestion });
  return ok(label);
}

// ───────────────────────────── coded, and progress ─────────────────────────────

/** One officer's use of one code on one answer (an AnswerCoding row of one question). */
export interface Coding {
  answerId: string;
  coderId: string;
  codeId: string;
}

/**
 * The answers `coderId` has coded: those with at least one code from them. An answer they read
 * and left without a code is not coded — a codebook usually has an "other" or "nothing to code"
 * code for that, so that progress can reach 100%.
 */
export function codedAnswers(codings: readonly Coding[], coderId: string): Set<string> {
  const coded = new Set<string>();
  for (const c of codings) if (c.coderId === coderId) coded.add(c.answerId);
  return coded;
}

export interface Progress {
  coded: number;
  total: number;
  /** Whole per cent, rounded down, so 199 of 200 shows 99% rather than a finished-looking 100%; null with no answers. */
  percent: number | null;
}

export function progress(coded: number, total: number): Progress {
  if (!Number.isInteger(coded) || !Number.isInteger(total) || coded < 0 || total < 0 || coded > total) {
    throw new Error(`progress: ${coded} of ${total}`);
  }
  return { coded, total, percent: total === 0 ? null : Math.floor((100 * coded) / total) };
}

// ───────────────────────────── agreement ─────────────────────────────

/**
 * The 2×2 table of one code for two coders A and B, over the answers both coded:
 * `both` — A and B gave the answer this code; `onlyA`, `onlyB` — one of them did;
 * `neither` — both coded the answer, with other codes only.
 */
export interface CodeTable {
  both: number;
  onlyA: number;
  onlyB: number;
  neither: number;
}

export type AgreementStatus =
  /** κ is defined. */
  | "ok"
  /** No answer was coded by both: nothing to compare (p_o and κ undefined). */
  | "no_shared_answers"
  /**
   * Both coders marked every shared answer the same way — both never used the code there (the
   * usual case: a code neither applied), or both applied it to every one. Then p_e = 1 and κ is
   * 0/0: undefined. Agreement is complete (p_o = 1), but there was no judgement that could have
   * gone the other way, so it says nothing about the code, and it is left out of the mean
   * rather than counted as 1.
   */
  | "no_variation";

export interface CodeAgreement {
  codeId: string;
  table: CodeTable;
  /** p_o: the proportion of shared answers where A and B agree (both have the code, or neither has); null with no shared answers. */
  observed: number | null;
  /** Cohen's κ; null unless status is "ok". Ranges from -1 to 1; 0 is agreement no better than chance. */
  kappa: number | null;
  status: AgreementStatus;
}

export interface PairAgreement {
  /** The coders in id order (coderA < coderB), so the table reads the same every time. */
  coderA: string;
  coderB: string;
  /** Answers both coded (each gave it at least one code). */
  sharedAnswers: number;
  codes: CodeAgreement[];
  /**
   * The pair's overall figure: the unweighted mean of κ over the codes where κ is defined, so a
   * rare theme counts as much as a common one; null when no code has a defined κ.
   */
  meanKappa: number | null;
  /** How many codes the mean is over. */
  codesInMean: number;
}

/**
 * Cohen's kappa for one code (two categories: has the code / does not), from exact counts.
 *
 *   n   = both + onlyA + onlyB + neither
 *   p_o = (both + neither) / n
 *   p_e = [(both + onlyA)(both + onlyB) + (onlyB + neither)(onlyA + neither)] / n²
 *   κ   = (p_o − p_e) / (1 − p_e)
 *
 * Source: J. Cohen (1960), "A coefficient of agreement for nominal scales", Educational and
 * Psychological Measurement 20(1), 37–46, equation (1), with p_e from the coders' own marginal
 * proportions. Multiplied through by n², κ = (n·(both + neither) − E) / (n² − E), where E is the
 * bracket above: the numerator and denominator are worked out exactly in integers (BigInt, as
 * n² outgrows doubles' exact range near 95 million answers) and only the final ratio in floating
 * point. p_e = 1 (κ undefined) happens exactly when both coders put every answer in the same
 * category, and then p_o = 1 too; see AgreementStatus.
 */
export function cohensKappa(table: CodeTable): Pick<CodeAgreement, "observed" | "kappa" | "status"> {
  for (const v of Object.values(table)) if (!Number.isInteger(v) || v < 0) throw new Error(`cohensKappa: bad count ${v}`);
  const both = BigInt(table.both);
  const onlyA = BigInt(table.onlyA);
  const onlyB = BigInt(table.onlyB);
  const neither = BigInt(table.neither);
  const n = both + onlyA + onlyB + neither;
  if (n === 0n) return { observed: null, kappa: null, status: "no_shared_answers" };
  const agree = both + neither;
  const observed = Number(agree) / Number(n);
  const expected = (both + onlyA) * (both + onlyB) + (onlyB + neither) * (onlyA + neither);
  const denominator = n * n - expected;
  if (denominator === 0n) return { observed, kappa: null, status: "no_variation" };
  const numerator = n * agree - expected;
  return { observed, kappa: Number(numerator) / Number(denominator), status: "ok" };
}

/**
 * Agreement for every pair of coders of one question, over `codeIds` (the question's codes).
 * Only answers coded by both members of a pair are compared: an answer one of them has not
 * reached yet is not a disagreement. Codings of codes not in `codeIds` are ignored.
 */
export function agreementByPair(codeIds: readonly string[], codings: readonly Coding[]): PairAgreement[] {
  const known = new Set(codeIds);
  // coder → answer → codes
  const byCoder = new Map<string, Map<string, Set<string>>>();
  for (const c of codings) {
    let answers = byCoder.get(c.coderId);
    if (!answers) byCoder.set(c.coderId, (answers = new Map()));
    let codes = answers.get(c.answerId);
    if (!codes) answers.set(c.answerId, (codes = new Set()));
    // A coding of a code not in the list still makes the answer coded by this coder: it was
    // read and coded, and the list may simply be filtered.
    if (known.has(c.codeId)) codes.add(c.codeId);
  }
  const coders = [...byCoder.keys()].sort();
  const pairs: PairAgreement[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const a = byCoder.get(coders[i]!)!;
      const b = byCoder.get(coders[j]!)!;
      const shared = [...a.keys()].filter((answer) => b.has(answer));
      const codes = codeIds.map((codeId): CodeAgreement => {
        const table: CodeTable = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
        for (const answer of shared) {
          const inA = a.get(answer)!.has(codeId);
          const inB = b.get(answer)!.has(codeId);
          if (inA && inB) table.both++;
          else if (inA) table.onlyA++;
          else if (inB) table.onlyB++;
          else table.neither++;
        }
        return { codeId, table, ...cohensKappa(table) };
      });
      const defined = codes.flatMap((c) => (c.kappa === null ? [] : [c.kappa]));
      pairs.push({
        coderA: coders[i]!,
        coderB: coders[j]!,
        sharedAnswers: shared.length,
        codes,
        meanKappa: defined.length === 0 ? null : defined.reduce((s, k) => s + k, 0) / defined.length,
        codesInMean: defined.length,
      });
    }
  }
  return pairs;
}
