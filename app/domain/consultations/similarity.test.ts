import { describe, expect, it } from "vitest";
import {
  DEFAULT_SIMILARITY_THRESHOLD,
  buildSimilarityIndex,
  contentWords,
  normalise,
  similarity,
  suggestSimilar,
  trigrams,
  type SimilarityCandidate,
} from "~/domain/consultations/similarity.ts";

// Priorities as Trafford residents might write them.
const TRAFFORD: SimilarityCandidate[] = [
  ["p1", "Longford park needs more litter bins", "The bins by the play area overflow every weekend."],
  ["p2", "Better lighting in Longford Park", "The paths are dark after 4pm in winter."],
  ["p3", "Chester Road potholes need fixing", "Huge potholes near the junction with Talbot Road."],
  ["p4", "A zebra crossing by Gorse Hill Primary", "Children cross a busy road at school time."],
  ["p5", "Open Stretford Library on Sundays", ""],
  ["p6", "Somewhere for teenagers to go in Partington", "There is no youth club since 2019."],
  ["p7", "Keep Sale leisure centre open", "The pool is used by hundreds of older residents."],
  ["p8", "Protected bike lanes along Talbot Rd", "Cycling to Old Trafford is dangerous."],
  ["p9", "Resurface Talbot Road", ""],
  ["p10", "More dog poo bins in Victoria Park", ""],
  ["p11", "Plant more trees on Washway Road", "Air quality is poor near the A56."],
  ["p12", "More buses from Partington to Manchester", "The 255 only runs every hour."],
  ["p13", "Clean up fly-tipping on Moss Road", ""],
  ["p14", "Free parking in Altrincham town centre on Saturdays", ""],
  ["p15", "Longford Park café open all year", ""],
  ["p16", "Warm spaces in libraries this winter", ""],
  ["p17", "Fix the broken swings in Longford Park playground", ""],
  ["p18", "Speed bumps on Kings Road, Stretford", ""],
  ["p19", "Stop anti-social behaviour at Stretford Mall", ""],
  ["p20", "More litter pickers and bins on Stretford high street", ""],
].map(([id, title, description]) => ({ id: id!, title: title!, description }));

const ids = (r: { id: string }[]) => r.map((s) => s.id);

describe("normalising", () => {
  it("lowercases, strips accents and punctuation, drops stop words and plurals", () => {
    expect(normalise("Longford Park's café — open ALL year!")).toBe("longford parks cafe open all year");
    expect(contentWords("More bins in Longford Park, please")).toEqual(["bin", "longford", "park"]);
    expect(contentWords("Libraries, buses and benches")).toEqual(["library", "bus", "bench"]);
    expect(contentWords("Talbot Rd bike lane")).toEqual(["talbot", "road", "cycle", "lane"]);
    expect(contentWords("Biniau â chaead ym Mharc Ŵyl")).toEqual(["biniau", "chaead", "ym", "mharc", "wyl"]);
    expect(trigrams(["bin"])).toEqual(new Set([" bi", "bin", "in "]));
  });
});

describe("similarity", () => {
  it("scores a rewording of the same request highly", () => {
    const s = similarity("More bins in Longford Park", "Longford park needs more litter bins");
    expect(s).toBeGreaterThan(0.7);
    expect(s).toBeLessThanOrEqual(1);
  });

  it("is 1 for the same content words, 0 for nothing in common, and symmetric", () => {
    expect(similarity("Bins in Longford Park", "longford park: bins!")).toBeCloseTo(1, 10);
    expect(similarity("More bins in Longford Park", "Fix the potholes on Chester Road")).toBe(0);
    expect(similarity("", "anything")).toBe(0);
    expect(similarity("the and of", "the and of")).toBe(0);
    const a = "Safer crossing outside Gorse Hill primary school";
    const b = "A zebra crossing by Gorse Hill Primary";
    expect(similarity(a, b)).toBe(similarity(b, a));
  });

  it("forgives a spelling slip", () => {
    expect(similarity("Potholes on Chester Road", "Pot holes on Chestre Road")).toBeGreaterThan(0.3);
  });
});

describe("suggestSimilar", () => {
  const index = buildSimilarityIndex(TRAFFORD);

  it.each([
    ["More bins in Longford Park", "p1"],
    ["Fix the potholes on Chester Road", "p3"],
    ["Safer crossing outside Gorse Hill primary school", "p4"],
    ["Longer opening hours at Stretford library", "p5"],
    ["Youth club in Partington", "p6"],
    ["Stop the closure of Sale Leisure Centre", "p7"],
    ["Cycle lane on Talbot Road", "p8"],
    ["Dog fouling in Victoria Park", "p10"],
    ["Trees on Washway Rd", "p11"],
  ])("puts the duplicate of %j first", (title, expected) => {
    const r = suggestSimilar({ title }, index);
    expect(r[0]?.id).toBe(expected);
    expect(r[0]!.score).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY_THRESHOLD);
  });

  it("ranks a different request about the same place below the rewording", () => {
    const r = suggestSimilar({ title: "More bins in Longford Park" }, index);
    expect(ids(r)[0]).toBe("p1");
    expect(r[0]!.score - r[1]!.score).toBeGreaterThan(0.2);
  });

  it("suggests nothing for an unrelated priority", () => {
    expect(suggestSimilar({ title: "Affordable housing for young people" }, index)).toEqual([]);
    expect(suggestSimilar({ title: "  " }, index)).toEqual([]);
  });

  it("uses the description too, without penalising a draft that has none", () => {
    const withText = suggestSimilar({ title: "Overflowing bins", description: "The bins by the play area in Longford Park overflow at weekends." }, index);
    expect(withText[0]?.id).toBe("p1");
    const titleOnly = suggestSimilar({ title: "Longford park needs more litter bins" }, index);
    expect(titleOnly[0]).toEqual({ id: "p1", score: expect.closeTo(1, 10) });
  });

  it("respects the limit, the threshold and exclusions", () => {
    const draft = { title: "More bins in Longford Park" };
    expect(suggestSimilar(draft, index, { limit: 2 })).toHaveLength(2);
    expect(suggestSimilar(draft, index, { limit: 0 })).toEqual([]);
    expect(suggestSimilar(draft, index, { threshold: 0.7 }).map((s) => s.id)).toEqual(["p1"]);
    expect(ids(suggestSimilar(draft, index, { exclude: ["p1"] }))).not.toContain("p1");
    expect(() => suggestSimilar(draft, index, { limit: -1 })).toThrow(RangeError);
  });

  it("gives the same answer from the list as from the index, and breaks ties by id", () => {
    const draft = { title: "Stretford library" };
    expect(suggestSimilar(draft, TRAFFORD, { threshold: 0, limit: 20 })).toEqual(suggestSimilar(draft, index, { threshold: 0, limit: 20 }));
    const twins = buildSimilarityIndex([
      { id: "b", title: "Bins in Longford Park" },
      { id: "a", title: "Bins in Longford Park" },
    ]);
    expect(ids(suggestSimilar({ title: "Longford Park bins" }, twins))).toEqual(["a", "b"]);
  });

  it("answers a query over 5,000 candidates quickly", () => {
    const places = ["Longford Park", "Chester Road", "Stretford", "Sale", "Altrincham", "Urmston", "Partington", "Hale", "Timperley", "Old Trafford"];
    const asks = ["more bins", "better lighting", "fix potholes", "safer crossing", "youth club", "more buses", "plant trees", "speed bumps", "open library", "clean up litter"];
    const extra = ["please", "urgently", "for families", "at weekends", "near the school", "for older people", "by the shops", ""];
    const many: SimilarityCandidate[] = [];
    for (let i = 0; i < 5000; i++)
      many.push({ id: `c${String(i).padStart(4, "0")}`, title: `${asks[i % 10]} in ${places[Math.floor(i / 10) % 10]} ${extra[i % 8]}`, description: `Request ${i} from a resident of ${places[i % 10]}.` });
    const t0 = performance.now();
    const built = buildSimilarityIndex(many);
    const t1 = performance.now();
    const r = suggestSimilar({ title: "More bins in Longford Park" }, built);
    for (let i = 0; i < 9; i++) suggestSimilar({ title: `Fix potholes on ${places[i]}` }, built);
    const t2 = performance.now();
    expect(r).toHaveLength(5);
    expect(t1 - t0).toBeLessThan(3000);
    expect((t2 - t1) / 10).toBeLessThan(100);
  });
});
