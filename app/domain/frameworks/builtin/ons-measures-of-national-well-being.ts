// ONS UK Measures of National Well-being, revised framework of July 2023 (reference key `ons-mnw@2023`).
// Source: ../shared/reference/wellbeing-frameworks.md §4. All ten domains verified.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const onsMeasuresOfNationalWellBeing: BuiltinFramework = {
  slug: "ons-measures-of-national-well-being",
  name: "ONS Measures of National Well-being",
  nameCy: null,
  version: 1,
  source:
    "Office for National Statistics, “Review of the UK Measures of National Well-being: October 2022 to March 2023” (5 July 2023)",
  sourceUrl:
    "https://ons.gov.uk/peoplepopulationandcommunity/wellbeing/articles/reviewoftheukmeasuresofnationalwellbeingoctober2022tomarch2023/2023-07-05",
  notes: [
    "The revised framework launched on 5 July 2023 has 60 measures (previously 44) with a quarterly dashboard and breakdowns by age, sex, country and region.",
    "Only the ten domains are nodes here; the measures may be added as a deeper level later.",
    "The four ONS personal well-being questions (ONS4) are a survey block, not part of this tree.",
  ].join(" "),
  nodes: [
    { slug: "personal-well-being", parentSlug: null, name: "Personal well-being", verified: true },
    { slug: "our-relationships", parentSlug: null, name: "Our relationships", verified: true },
    { slug: "health", parentSlug: null, name: "Health", verified: true },
    { slug: "what-we-do", parentSlug: null, name: "What we do", verified: true },
    { slug: "where-we-live", parentSlug: null, name: "Where we live", verified: true },
    { slug: "personal-finance", parentSlug: null, name: "Personal finance", verified: true },
    { slug: "economy", parentSlug: null, name: "Economy", verified: true },
    { slug: "education-and-skills", parentSlug: null, name: "Education and skills", verified: true },
    { slug: "governance", parentSlug: null, name: "Governance", verified: true },
    { slug: "environment", parentSlug: null, name: "Environment", verified: true },
  ],
};
