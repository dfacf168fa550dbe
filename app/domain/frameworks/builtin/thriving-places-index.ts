// Thriving Places Index, 2019 methodology (reference key `tpi@2019`).
// Source: ../shared/reference/wellbeing-frameworks.md §1, from thrivingplacesindex.org
// (methodology; "Understanding your results"). `verified` copies the reference's status column.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";

export const thrivingPlacesIndex: BuiltinFramework = {
  slug: "thriving-places-index",
  name: "Thriving Places Index",
  nameCy: null,
  version: 1,
  source:
    "Centre for Thriving Places (formerly Happy City), Thriving Places Index: methodology (2019) and “Understanding your results”",
  sourceUrl: "https://thrivingplacesindex.org/page/about/methodology",
  notes: [
    "Structure of the 2019 index: headline element > domain > sub-domain. Every level is scored 0 to 10, higher is better.",
    "The 2019 index has 27 sub-domains; fewer are listed here and most of their names are provisional, so the list is incomplete.",
    "The index measures drivers of wellbeing; ONS personal well-being is published alongside it, not inside it.",
    "The 2024 dashboard changed the Equality element (variation by gender, ethnicity, age and sexual orientation) and the Sustainability domains (Energy & Carbon, Ecosystem Health and two not yet sourced); a 2024 version will follow once the 2024 methodology has been read.",
    "Index scores carry no stated licence: ask the Centre for Thriving Places before publishing them.",
  ].join(" "),
  nodes: [
    {
      slug: "local-conditions",
      parentSlug: null,
      name: "Local Conditions",
      description: "Are the local conditions right for people to thrive?",
      verified: true,
    },
    { slug: "place-and-environment", parentSlug: "local-conditions", name: "Place and Environment", verified: true },
    { slug: "housing", parentSlug: "place-and-environment", name: "Housing", verified: true },
    { slug: "transport", parentSlug: "place-and-environment", name: "Transport", verified: true },
    { slug: "safety", parentSlug: "place-and-environment", name: "Safety", verified: true },
    { slug: "local-environment", parentSlug: "place-and-environment", name: "Local environment", verified: false },
    { slug: "mental-and-physical-health", parentSlug: "local-conditions", name: "Mental and Physical Health", verified: true },
    {
      slug: "healthy-and-risky-behaviours",
      parentSlug: "mental-and-physical-health",
      name: "Healthy and risky behaviours",
      verified: false,
    },
    { slug: "overall-health", parentSlug: "mental-and-physical-health", name: "Overall health", verified: false },
    { slug: "mental-health", parentSlug: "mental-and-physical-health", name: "Mental health", verified: false },
    { slug: "physical-health", parentSlug: "mental-and-physical-health", name: "Physical health", verified: false },
    { slug: "education-and-learning", parentSlug: "local-conditions", name: "Education and Learning", verified: true },
    { slug: "adult-education", parentSlug: "education-and-learning", name: "Adult education", verified: false },
    { slug: "childrens-education", parentSlug: "education-and-learning", name: "Children's education", verified: false },
    { slug: "work-and-local-economy", parentSlug: "local-conditions", name: "Work and Local Economy", verified: true },
    { slug: "unemployment", parentSlug: "work-and-local-economy", name: "Unemployment", verified: false },
    { slug: "employment", parentSlug: "work-and-local-economy", name: "Employment", verified: false },
    { slug: "basic-needs", parentSlug: "work-and-local-economy", name: "Basic needs", verified: false },
    { slug: "local-business", parentSlug: "work-and-local-economy", name: "Local business", verified: false },
    { slug: "people-and-community", parentSlug: "local-conditions", name: "People and Community", verified: true },
    { slug: "participation", parentSlug: "people-and-community", name: "Participation", verified: false },
    { slug: "culture", parentSlug: "people-and-community", name: "Culture", verified: false },
    { slug: "community-cohesion", parentSlug: "people-and-community", name: "Community cohesion", verified: false },
    { slug: "equality", parentSlug: null, name: "Equality", description: "Is this fair?", verified: true },
    // Path keys (equality.health) keep this apart from local-conditions.mental-and-physical-health.
    { slug: "health", parentSlug: "equality", name: "Health", verified: true },
    { slug: "income", parentSlug: "equality", name: "Income", verified: true },
    { slug: "gender", parentSlug: "equality", name: "Gender", verified: true },
    { slug: "social", parentSlug: "equality", name: "Social", verified: true },
    { slug: "ethnicity", parentSlug: "equality", name: "Ethnicity", verified: true },
    { slug: "sustainability", parentSlug: null, name: "Sustainability", description: "Is it sustainable?", verified: true },
    // 2019 sustainability components; all provisional in the reference.
    { slug: "green-infrastructure", parentSlug: "sustainability", name: "Green infrastructure", verified: false },
    { slug: "co2-emissions", parentSlug: "sustainability", name: "CO2 emissions", verified: false },
    { slug: "energy-use", parentSlug: "sustainability", name: "Energy use", verified: false },
    { slug: "household-waste", parentSlug: "sustainability", name: "Household recycling / waste", verified: false },
  ],
};
