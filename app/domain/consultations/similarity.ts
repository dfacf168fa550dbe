// "Similar priorities" while a resident types: before they post "More bins in Longford Park",
// show them "Longford park needs more litter bins" so they can support it instead. Duplicates
// split support between two cards and make the count meaningless, and moderators merge them
// by hand (priority.ts `checkMerge`) — cheaper to prevent.
//
// The method is deliberately plain and explainable: normalise (lowercase, accents and
// punctuation removed, English stop words dropped, a light plural stem), then blend
// - the Sørensen–Dice coefficient on character trigrams of each word (catches spelling
//   slips and word forms: "potholes"/"pothole", "Stretford"/"Stretfrod"), and
// - the Jaccard index on whole words (rewards sharing the words that matter).
// Both are set measures, so word order does not matter. Among the candidates, words and
// trigrams are weighted by how rare they are (see `idf` below), so a shared place name counts
// for less than a shared request. Deterministic: ties are broken by id.
//
// Speed: `buildSimilarityIndex` runs once per list of candidates (the server caches it per
// consultation); each query walks only the posting lists of the draft's own words and trigrams,
// so 5,000 candidates cost a few milliseconds, not 5,000 full comparisons.

// A short English stop list: function words and the filler of requests ("please", "need",
// "more", "should") that every priority shares and that would make unrelated ones look alike.
const STOP_LIST =
  "a about above after again all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further get got had has have having he her here hers him his how i if in into is it its itself just let lets like lot lots make me more most much must my need needed needs no nor not now of off on once only or other our ours out over own please really same she should so some such than that the their theirs them then there these they this those through to too under until up us very want wanted wants was we were what when where which while who whom why will with would you your yours";
export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_LIST.split(" "));

/** Lowercase, accents removed (Welsh â, ŵ, ŷ match their plain letters), punctuation to spaces. */
export function normalise(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// Abbreviations and plain synonyms common in UK street-level requests, so "Talbot Rd" meets
// "Talbot Road" and "bike lane" meets "cycle lane". Kept short: every entry is a judgement.
const EQUIVALENTS: Readonly<Record<string, string>> = {
  rd: "road",
  buse: "bus",
  ave: "avenue",
  bike: "cycle",
  bicycle: "cycle",
  cycling: "cycle",
  pavement: "footpath",
  sidewalk: "footpath",
};

// Just enough stemming that plurals meet their singulars; anything subtler is left to trigrams.
function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 4 && /(sh|ch|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The content words of a text: normalised, stop words out, stemmed, each once, in first-seen order. */
export function contentWords(text: string): string[] {
  const seen = new Set<string>();
  for (const word of normalise(text).split(" ")) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    const stemmed = stem(word);
    seen.add(EQUIVALENTS[stemmed] ?? stemmed);
  }
  return [...seen];
}

/** Character trigrams of each content word, padded with a space at each end (" bin", "bin", "in "). */
export function trigrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** How much the trigram and word measures count. Trigrams are more forgiving, words more exact. */
export const SIMILARITY_WEIGHTS = { trigrams: 0.5, words: 0.5 } as const;

// Dice and Jaccard on sizes; with weights, the sizes are sums of weights (weighted set overlap).
function blend(sharedGrams: number, gramsA: number, gramsB: number, sharedWords: number, wordsA: number, wordsB: number): number {
  const dice = gramsA + gramsB === 0 ? 0 : (2 * sharedGrams) / (gramsA + gramsB);
  const union = wordsA + wordsB - sharedWords;
  const jaccard = union === 0 ? 0 : sharedWords / union;
  return SIMILARITY_WEIGHTS.trigrams * dice + SIMILARITY_WEIGHTS.words * jaccard;
}

const intersection = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
};

/** Similarity of two texts in [0, 1]: 1 for the same content words, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const wa = new Set(contentWords(a));
  const wb = new Set(contentWords(b));
  const ga = trigrams([...wa]);
  const gb = trigrams([...wb]);
  return blend(intersection(ga, gb), ga.size, gb.size, intersection(wa, wb), wa.size, wb.size);
}

// ───────────────────────────── the index ─────────────────────────────

export interface SimilarityCandidate {
  id: string;
  title: string;
  description?: string | null;
}

interface Field {
  /** token → indexes of the candidates that have it (each index once, ascending). */
  postings: Map<string, number[]>;
  /** token → its weight, from how few candidates share it. */
  weights: Map<string, number>;
  /** Sum of each candidate's token weights. */
  totals: Float64Array;
}

/** Built once from the candidates; reuse it for every keystroke's query. */
export interface SimilarityIndex {
  readonly kind: "similarity-index";
  readonly ids: readonly string[];
  /** Title only, and title with description, each as words and trigrams. */
  readonly titleWords: Field;
  readonly titleGrams: Field;
  readonly fullWords: Field;
  readonly fullGrams: Field;
}

// Within one council's priorities the place names and topic words ("Longford Park", "road")
// recur, and plain set overlap would call "More bins in Longford Park" and "Better lighting in
// Longford Park" near-duplicates. So the index weighs every word and trigram by its smoothed
// inverse document frequency over the candidates (Spärck Jones 1972; the smoothing scikit-learn
// uses): what is rare among the candidates counts for more.
const idf = (n: number, df: number) => Math.log((n + 1) / (df + 1)) + 1;

function buildField(n: number, tokensOf: (i: number) => Iterable<string>): Field {
  const postings = new Map<string, number[]>();
  const all: string[][] = [];
  for (let i = 0; i < n; i++) {
    const tokens = [...tokensOf(i)];
    all.push(tokens);
    for (const token of tokens) {
      const list = postings.get(token);
      if (list) list.push(i);
      else postings.set(token, [i]);
    }
  }
  const weights = new Map<string, number>();
  for (const [token, list] of postings) weights.set(token, idf(n, list.length));
  const totals = new Float64Array(n);
  all.forEach((tokens, i) => {
    let total = 0;
    for (const token of tokens) total += weights.get(token)!;
    totals[i] = total;
  });
  return { postings, weights, totals };
}

const fullText = (c: { title: string; description?: string | null }) => `${c.title} ${c.description ?? ""}`;

export function buildSimilarityIndex(candidates: readonly SimilarityCandidate[]): SimilarityIndex {
  const n = candidates.length;
  const titleWords = candidates.map((c) => contentWords(c.title));
  const fullWords = candidates.map((c) => contentWords(fullText(c)));
  return {
    kind: "similarity-index",
    ids: candidates.map((c) => c.id),
    titleWords: buildField(n, (i) => titleWords[i]!),
    titleGrams: buildField(n, (i) => trigrams(titleWords[i]!)),
    fullWords: buildField(n, (i) => fullWords[i]!),
    fullGrams: buildField(n, (i) => trigrams(fullWords[i]!)),
  };
}

/** Adds each draft token's weight to every candidate that shares it; returns the draft's total weight. */
function overlap(f: Field, n: number, tokens: Iterable<string>, shared: Float64Array, touched: number[], seen: Uint8Array): number {
  let total = 0;
  for (const token of tokens) {
    const weight = f.weights.get(token) ?? idf(n, 0);
    total += weight;
    const list = f.postings.get(token);
    if (!list) continue;
    for (const i of list) {
      if (!seen[i]) {
        seen[i] = 1;
        touched.push(i);
      }
      shared[i]! += weight;
    }
  }
  return total;
}

export interface SimilarOptions {
  /** At most this many suggestions (default 5). */
  limit?: number;
  /** Only scores at or above this (default DEFAULT_SIMILARITY_THRESHOLD). */
  threshold?: number;
  /** Ids never to suggest (the priority being edited). */
  exclude?: readonly string[];
}

/**
 * Tuned on the tests' Trafford priorities: rewordings of the same request score about 0.3–0.8,
 * unrelated requests below 0.2. A different request about the same place ("Better lighting in
 * Longford Park" for "More bins in Longford Park") can reach about 0.45 — it is shown, ranked
 * below the rewording. That trade is deliberate: a suggestion the resident ignores costs a
 * glance, a missed duplicate splits support and costs a moderator's merge.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.3;

/** The title counts for more than the description: it is what residents compare at a glance. */
const TITLE_WEIGHT = 0.6;

/**
 * The candidates most like the draft, best first, as { id, score }. A candidate's score is its
 * title similarity, or — when that is higher — a blend of title and full-text similarity, so a
 * draft that so far has only a title is not penalised for the candidates' descriptions.
 */
export function suggestSimilar(
  draft: { title: string; description?: string | null },
  candidates: readonly SimilarityCandidate[] | SimilarityIndex,
  options: SimilarOptions = {},
): { id: string; score: number }[] {
  const limit = options.limit ?? 5;
  const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a whole number (got ${limit})`);
  if (limit === 0) return [];
  const index = "kind" in candidates ? candidates : buildSimilarityIndex(candidates);
  const n = index.ids.length;
  const tw = contentWords(draft.title);
  const fw = contentWords(fullText(draft));
  if (fw.length === 0 || n === 0) return [];
  const tg = trigrams(tw);
  const fg = trigrams(fw);

  const touched: number[] = [];
  const seen = new Uint8Array(n);
  const shared = { tw: new Float64Array(n), tg: new Float64Array(n), fw: new Float64Array(n), fg: new Float64Array(n) };
  const totals = {
    tw: overlap(index.titleWords, n, tw, shared.tw, touched, seen),
    tg: overlap(index.titleGrams, n, tg, shared.tg, touched, seen),
    fw: overlap(index.fullWords, n, fw, shared.fw, touched, seen),
    fg: overlap(index.fullGrams, n, fg, shared.fg, touched, seen),
  };

  const excluded = new Set(options.exclude ?? []);
  const scored: { id: string; score: number }[] = [];
  for (const i of touched) {
    const id = index.ids[i]!;
    if (excluded.has(id)) continue;
    const title = blend(shared.tg[i]!, totals.tg, index.titleGrams.totals[i]!, shared.tw[i]!, totals.tw, index.titleWords.totals[i]!);
    const full = blend(shared.fg[i]!, totals.fg, index.fullGrams.totals[i]!, shared.fw[i]!, totals.fw, index.fullWords.totals[i]!);
    const score = Math.max(title, TITLE_WEIGHT * title + (1 - TITLE_WEIGHT) * full);
    if (score >= threshold && score > 0) scored.push({ id, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, limit);
}
