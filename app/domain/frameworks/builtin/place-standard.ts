// Place Standard tool: the 14 themes (reference key `place-standard`).
// Source: ../shared/reference/wellbeing-frameworks.md §9: theme names verified against a public
// Place Standard template. The reference gives no source address, so none is given here.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const placeStandard: BuiltinFramework = {
  slug: "place-standard",
  name: "Place Standard tool",
  nameCy: null,
  version: 1,
  source: "Place Standard tool (Scotland): the 14 themes, as named in the public Place Standard template",
  sourceUrl: null,
  notes: [
    "Residents score each theme on a scale of 1 to 7.",
    "A Scottish tool, also used for neighbourhood engagement in England; well suited to resident priority surveys.",
  ].join(" "),
  nodes: [
    { slug: "moving-around", parentSlug: null, name: "Moving Around", verified: true },
    { slug: "public-transport", parentSlug: null, name: "Public Transport", verified: true },
    { slug: "traffic-and-parking", parentSlug: null, name: "Traffic and Parking", verified: true },
    { slug: "streets-and-spaces", parentSlug: null, name: "Streets and Spaces", verified: true },
    { slug: "natural-space", parentSlug: null, name: "Natural Space", verified: true },
    { slug: "play-and-recreation", parentSlug: null, name: "Play and Recreation", verified: true },
    { slug: "facilities-and-amenities", parentSlug: null, name: "Facilities and Amenities", verified: true },
    { slug: "work-and-local-economy", parentSlug: null, name: "Work and Local Economy", verified: true },
    { slug: "housing-and-community", parentSlug: null, name: "Housing and Community", verified: true },
    { slug: "social-contact", parentSlug: null, name: "Social Contact", verified: true },
    { slug: "identity-and-belonging", parentSlug: null, name: "Identity and Belonging", verified: true },
    { slug: "feeling-safe", parentSlug: null, name: "Feeling Safe", verified: true },
    { slug: "care-and-maintenance", parentSlug: null, name: "Care and Maintenance", verified: true },
    { slug: "influence-and-sense-of-control", parentSlug: null, name: "Influence and Sense of Control", verified: true },
  ],
};
