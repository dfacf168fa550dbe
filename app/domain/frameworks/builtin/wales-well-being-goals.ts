// Well-being of Future Generations (Wales) Act 2015: the seven well-being goals (reference key `wales-wfg`).
// Source: ../shared/reference/wellbeing-frameworks.md §8. The reference marks every name provisional
// (statutory text not re-checked) and sources no Welsh names, so `nameCy` stays empty until they
// are taken from the Welsh Government text.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const walesWellBeingGoals: BuiltinFramework = {
  slug: "wales-well-being-goals",
  name: "Well-being of Future Generations (Wales) Act 2015: well-being goals",
  nameCy: null,
  version: 1,
  source: "Well-being of Future Generations (Wales) Act 2015: the seven well-being goals",
  sourceUrl: null,
  notes: [
    "A mandatory lens for Welsh councils.",
    "Goal names not yet re-checked against the statutory text: every goal is provisional.",
    "Welsh names are required for Welsh councils and are still to be taken from the Welsh Government text.",
    "The five ways of working (long term, prevention, integration, collaboration, involvement) are ways of working rather than outcomes and are not nodes of this framework.",
  ].join(" "),
  nodes: [
    { slug: "prosperous", parentSlug: null, name: "A prosperous Wales", verified: false },
    { slug: "resilient", parentSlug: null, name: "A resilient Wales", verified: false },
    { slug: "healthier", parentSlug: null, name: "A healthier Wales", verified: false },
    { slug: "more-equal", parentSlug: null, name: "A more equal Wales", verified: false },
    { slug: "cohesive-communities", parentSlug: null, name: "A Wales of cohesive communities", verified: false },
    {
      slug: "vibrant-culture-and-welsh-language",
      parentSlug: null,
      name: "A Wales of vibrant culture and thriving Welsh language",
      verified: false,
    },
    { slug: "globally-responsible", parentSlug: null, name: "A globally responsible Wales", verified: false },
  ],
};
