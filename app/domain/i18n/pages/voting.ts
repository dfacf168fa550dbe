// Resident pages of participatory budgeting: processes, projects, ideas, ballots.
// Keys start with "voting.". Welsh: drafted in-house, awaiting the council's Welsh-language review.
export const en = {
  "voting.title": "voting",
} as const;

export const cy: Record<keyof typeof en, string> = {
  "voting.title": "voting",
};
