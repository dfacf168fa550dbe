// Officer pages of participatory budgeting: setup, projects, review, phases, voting codes, paper ballots, delivery.
// Keys start with "officerBudgets.". Welsh: drafted in-house, awaiting the council's Welsh-language review.
export const en = {
  "officerBudgets.title": "officerBudgets",
} as const;

export const cy: Record<keyof typeof en, string> = {
  "officerBudgets.title": "officerBudgets",
};
