// Results pages of participatory budgeting: explained results, turnout, open data, imports.
// Keys start with "results.". Welsh: drafted in-house, awaiting the council's Welsh-language review.
export const en = {
  "results.title": "results",
} as const;

export const cy: Record<keyof typeof en, string> = {
  "results.title": "results",
};
