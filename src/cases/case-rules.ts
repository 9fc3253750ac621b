/**
 * The procedure of an ethics case: from the complaint received, through screening, an
 * investigation and a hearing, to a decision that becomes final (directly, or after an appeal).
 */
export const CASE_STATUSES = [
  'received',
  'screening',
  'dismissed',
  'investigation',
  'hearing',
  'decided',
  'appeal',
  'appeal_decided',
  'final',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['screening'],
  screening: ['dismissed', 'investigation'],
  dismissed: [],
  investigation: ['hearing'],
  hearing: ['decided'],
  decided: ['appeal', 'final'],
  appeal: ['appeal_decided'],
  appeal_decided: ['final'],
  final: [],
};

export const nextStatuses = (from: CaseStatus): readonly CaseStatus[] => MOVES[from];

export const canMoveCase = (from: CaseStatus, to: CaseStatus): boolean => MOVES[from].includes(to);

/** A case that is over: nothing moves it again. */
export const isClosed = (status: CaseStatus): boolean => MOVES[status].length === 0;

export const CASE_EVENT_KINDS = [
  'opened',
  'moved',
  'note',
  'answer',
  'assigned',
  'unassigned',
  'recused',
  'notice',
  'clock_paused',
  'clock_resumed',
  'clock_extended',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const ASSIGNMENT_ROLES = ['officer', 'panel'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const SANCTION_EFFECTS = ['reprimand', 'remedial', 'suspension', 'revocation'] as const;
export type SanctionEffect = (typeof SANCTION_EFFECTS)[number];

/** Which decision imposed a sanction: the first, or the appeal's. */
export const SANCTION_STAGES = ['decision', 'appeal'] as const;
export type SanctionStage = (typeof SANCTION_STAGES)[number];

/** What an appeal's decision does to the first: confirms it, changes its sanctions, or quashes it. */
export const APPEAL_OUTCOMES = ['confirmed', 'changed', 'quashed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Where a case counts as an open investigation of its respondent. */
export const UNDER_INVESTIGATION: readonly CaseStatus[] = [
  'investigation',
  'hearing',
  'decided',
  'appeal',
  'appeal_decided',
];

/**
 * A person's ethics standing, its own axis beside the membership status: sanctioned while a
 * sanction is in effect, under investigation while a case about them is open, good otherwise.
 */
export const ETHICS_STANDINGS = ['good', 'under_investigation', 'sanctioned'] as const;
export type EthicsStanding = (typeof ETHICS_STANDINGS)[number];

export function ethicsStanding(facts: {
  sanctionsInEffect: number;
  openInvestigations: number;
}): EthicsStanding {
  if (facts.sanctionsInEffect > 0) return 'sanctioned';
  return facts.openInvestigations > 0 ? 'under_investigation' : 'good';
}
