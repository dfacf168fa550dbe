// Shared by this folder's tests only: a questionnaire with every kind of question, and a seeded
// random source for the property loops (fast-check is not a dependency).
import { parseQuestionnaire, type Questionnaire } from "./questionnaire.ts";

/** Parses a definition that must be valid; a test fixture that is not is a programmer error. */
export function definition(json: unknown): Questionnaire {
  const parsed = parseQuestionnaire(json);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.reason} ${JSON.stringify(parsed.detail)}`);
  return parsed.value;
}

export const THEMES = [
  { id: "parks", label: { en: "Parks and green spaces", cy: "Parciau a mannau gwyrdd" } },
  { id: "buses", label: { en: "Buses", cy: "Bysiau" } },
  { id: "libraries", label: { en: "Libraries", cy: "Llyfrgelloedd" } },
];

/** Every kind, with conditions: "why-parks" only when parks is chosen, "which-park" only when "why-parks" is answered. */
export const EVERY_KIND = {
  pages: [
    {
      id: "about",
      title: "About the area",
      questions: [
        { id: "priority", kind: "single_choice", title: { en: "Your top priority", cy: "Eich prif flaenoriaeth" }, required: true, options: THEMES },
        { id: "why-parks", kind: "free_text", title: "Why parks?", required: false, maxLength: 200, showIf: { questionId: "priority", equals: "parks" } },
      ],
    },
    {
      id: "more",
      questions: [
        { id: "which-park", kind: "free_text", title: "Which park?", required: true, multiline: false, showIf: { questionId: "why-parks", answered: true } },
        { id: "uses", kind: "multiple_choice", title: "Which do you use?", required: true, options: THEMES, maxSelected: 2 },
        { id: "agree", kind: "likert", title: "The council listens", required: true },
      ],
    },
    { id: "library-page", questions: [{ id: "library-visits", kind: "number", title: "Visits a month", required: true, min: 0, max: 31, integer: true, unit: { en: "visits", cy: "ymweliad" }, showIf: { questionId: "uses", includes: "libraries" } }] },
    {
      id: "you",
      questions: [
        { id: "postcode", kind: "postcode", title: "Your postcode", required: false },
        { id: "rank", kind: "ranking", title: "Rank the themes", required: true, options: THEMES, rankCount: 2 },
        { id: "share", kind: "points", title: "Share 100 points", required: true, options: THEMES, total: 100, mustUseAll: true, perOptionMax: 80 },
        { id: "place", kind: "map", title: "Where should we start?", required: false },
      ],
    },
  ],
};

export const WARDS = ["E05000820", "E05000821"];

/** mulberry32: small, seeded, good enough to vary test inputs reproducibly. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

export function int(rnd: () => number, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}
