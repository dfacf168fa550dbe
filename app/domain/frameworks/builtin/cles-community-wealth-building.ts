// CLES Community Wealth Building: the five pillars (reference key `cles-cwb`).
// Source: ../shared/reference/wellbeing-frameworks.md §7, from cles.org.uk (exact list, verified).
// CLES wording is canonical; the short labels are the Scottish Government / ESES simplified ones
// (cwb.esescommunities.org/five-pillars.html).
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const clesCommunityWealthBuilding: BuiltinFramework = {
  slug: "cles-community-wealth-building",
  name: "Community Wealth Building (CLES)",
  nameCy: null,
  version: 1,
  source: "Centre for Local Economic Strategies (CLES), “What is community wealth building?”: the five pillars",
  sourceUrl: "https://cles.org.uk/community-wealth-building/what-is-community-wealth-building/",
  notes: [
    "Community wealth building is delivered through anchor institutions such as councils, NHS bodies and universities.",
    "Each pillar lists the short label used by the Scottish Government and ESES as an alternative name.",
  ].join(" "),
  nodes: [
    {
      slug: "plural-ownership",
      parentSlug: null,
      name: "Plural ownership of the economy",
      verified: true,
      aliases: ["Inclusive ownership"],
    },
    {
      slug: "financial-power",
      parentSlug: null,
      name: "Making financial power work for local places",
      verified: true,
      aliases: ["Finance"],
    },
    {
      slug: "fair-employment",
      parentSlug: null,
      name: "Fair employment and just labour markets",
      verified: true,
      aliases: ["Workforce"],
    },
    {
      slug: "progressive-procurement",
      parentSlug: null,
      name: "Progressive procurement of goods and services",
      verified: true,
      aliases: ["Spending"],
    },
    {
      slug: "land-and-property",
      parentSlug: null,
      name: "Socially productive use of land and property",
      verified: true,
      // The first is CLES's 2019 wording (via senscot.net).
      aliases: ["Socially just use of land and property", "Land and property"],
    },
  ],
};
