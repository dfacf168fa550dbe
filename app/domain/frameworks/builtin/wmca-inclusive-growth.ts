// WMCA Inclusive Growth Framework: the eight fundamentals (reference key `wmca-ig`).
// Source: ../shared/reference/wellbeing-frameworks.md §2, from wmca.org.uk. Three fundamentals are
// verified with their published outcomes and example metrics; five names are provisional.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const wmcaInclusiveGrowth: BuiltinFramework = {
  slug: "wmca-inclusive-growth",
  name: "WMCA Inclusive Growth Framework",
  nameCy: null,
  version: 1,
  source:
    "West Midlands Combined Authority, “Inclusive growth in the West Midlands: an evidence-informed approach” (the eight fundamentals of inclusive growth) and the framework pages for climate resilience, inclusive economy and affordable and safe places",
  sourceUrl:
    "https://wmca.org.uk/what-we-do/inclusive-growth/inclusive-growth-in-the-west-midlands-an-evidence-informed-approach",
  notes: [
    "WMCA treats inclusive growth as deliberately socially purposeful growth, judged by how well it is created and shared across people and place and by its social and environmental outcomes, not only by its speed; the framework moves beyond GVA.",
    "Five fundamentals are provisional: confirm their names on the WMCA framework index page. “Power, influence and participation” may be “Power and participation”.",
    "WMCA's State of the Region report maps outcomes to the 17 UN Sustainable Development Goals.",
  ].join(" "),
  nodes: [
    {
      slug: "climate-resilience",
      parentSlug: null,
      name: "Climate resilience",
      description:
        "Published outcomes and metrics: carbon emissions decoupled from growth; net zero by 2041 (#WM2041); energy, waste, emissions and biodiversity; total carbon emissions.",
      verified: true,
    },
    {
      slug: "inclusive-economy",
      parentSlug: null,
      name: "Inclusive economy",
      description:
        "Published outcomes and metrics: higher household incomes and living standards; gross disposable household income per head; youth (16 to 24) claimant rate; GDP per capita; percentage of employee jobs below the Living Wage; average social-enterprise turnover.",
      verified: true,
    },
    {
      slug: "affordable-and-safe-places",
      parentSlug: null,
      name: "Affordable and safe places",
      description:
        "Published metrics: house price to earnings ratio; additional affordable homes and vacant dwellings; homelessness, including families in temporary accommodation; people killed or seriously injured on the roads; crime rates; bus safety (crimes per million boardings); domestic violence.",
      verified: true,
    },
    { slug: "health-and-wellbeing", parentSlug: null, name: "Health and wellbeing", verified: false },
    { slug: "education-and-learning", parentSlug: null, name: "Education and learning", verified: false },
    { slug: "equality", parentSlug: null, name: "Equality", verified: false },
    { slug: "connected-communities", parentSlug: null, name: "Connected communities", verified: false },
    {
      slug: "power-influence-and-participation",
      parentSlug: null,
      name: "Power, influence and participation",
      verified: false,
    },
  ],
};
