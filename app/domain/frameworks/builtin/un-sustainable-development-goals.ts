// UN Sustainable Development Goals: the 17 goals by short title (reference key `un-sdg`).
// Source: ../shared/reference/wellbeing-frameworks.md §6. The reference gives the short titles as
// provisional (not re-checked against the UN) and no source address, so none is given here.
import type { BuiltinFramework, BuiltinNode } from "~/domain/frameworks/framework.ts";

const goals: readonly [code: number, slug: string, name: string][] = [
  [1, "no-poverty", "No Poverty"],
  [2, "zero-hunger", "Zero Hunger"],
  [3, "good-health-and-well-being", "Good Health and Well-being"],
  [4, "quality-education", "Quality Education"],
  [5, "gender-equality", "Gender Equality"],
  [6, "clean-water-and-sanitation", "Clean Water and Sanitation"],
  [7, "affordable-and-clean-energy", "Affordable and Clean Energy"],
  [8, "decent-work-and-economic-growth", "Decent Work and Economic Growth"],
  [9, "industry-innovation-and-infrastructure", "Industry, Innovation and Infrastructure"],
  [10, "reduced-inequalities", "Reduced Inequalities"],
  [11, "sustainable-cities-and-communities", "Sustainable Cities and Communities"],
  [12, "responsible-consumption-and-production", "Responsible Consumption and Production"],
  [13, "climate-action", "Climate Action"],
  [14, "life-below-water", "Life Below Water"],
  [15, "life-on-land", "Life on Land"],
  [16, "peace-justice-and-strong-institutions", "Peace, Justice and Strong Institutions"],
  [17, "partnerships-for-the-goals", "Partnerships for the Goals"],
];

// Verified alternative wording: WMCA's State of the Region report labels goal 17 this way.
const aliases: Readonly<Record<string, readonly string[]>> = {
  "partnerships-for-the-goals": ["Partnership for Goals"],
};

export const unSustainableDevelopmentGoals: BuiltinFramework = {
  slug: "un-sustainable-development-goals",
  name: "UN Sustainable Development Goals",
  nameCy: null,
  version: 1,
  source: "United Nations, Sustainable Development Goals: the official short titles of the 17 goals",
  sourceUrl: null,
  notes: [
    "Short titles not yet re-checked against the United Nations: every goal is provisional.",
    "The 169 targets and 231 unique indicators may be added as deeper levels later.",
  ].join(" "),
  nodes: goals.map(
    ([code, slug, name]): BuiltinNode => ({
      slug,
      parentSlug: null,
      name,
      description: `Goal ${code}.`,
      verified: false,
      code: String(code),
      ...(aliases[slug] ? { aliases: aliases[slug] } : {}),
    }),
  ),
};
