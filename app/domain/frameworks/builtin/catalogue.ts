// The built-in frameworks every council can choose from, in the order the officer page lists them.
// Facts and statuses: ../shared/reference/wellbeing-frameworks.md. To correct a definition, edit
// its file and bump its `version`; syncing publishes a new version and leaves the old one intact.
import type { BuiltinFramework } from "~/domain/frameworks/framework.ts";
import { clesCommunityWealthBuilding } from "~/domain/frameworks/builtin/cles-community-wealth-building.ts";
import { onsMeasuresOfNationalWellBeing } from "~/domain/frameworks/builtin/ons-measures-of-national-well-being.ts";
import { placeStandard } from "~/domain/frameworks/builtin/place-standard.ts";
import { thrivingPlacesIndex } from "~/domain/frameworks/builtin/thriving-places-index.ts";
import { unSustainableDevelopmentGoals } from "~/domain/frameworks/builtin/un-sustainable-development-goals.ts";
import { walesWellBeingGoals } from "~/domain/frameworks/builtin/wales-well-being-goals.ts";
import { wmcaInclusiveGrowth } from "~/domain/frameworks/builtin/wmca-inclusive-growth.ts";

export const BUILTIN_FRAMEWORKS: readonly BuiltinFramework[] = [
  thrivingPlacesIndex,
  wmcaInclusiveGrowth,
  onsMeasuresOfNationalWellBeing,
  unSustainableDevelopmentGoals,
  clesCommunityWealthBuilding,
  walesWellBeingGoals,
  placeStandard,
];

export function findBuiltinFramework(slug: string): BuiltinFramework | undefined {
  return BUILTIN_FRAMEWORKS.find((framework) => framework.slug === slug);
}

/** Council frameworks may not reuse these slugs: node keys (`<framework>@<version>:<path>`) must stay unambiguous. */
export const RESERVED_FRAMEWORK_SLUGS: ReadonlySet<string> = new Set(BUILTIN_FRAMEWORKS.map((f) => f.slug));
