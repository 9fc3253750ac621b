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

/**
 * Who hears a case: the honour council at first instance, the appeal council (the national
 * council) an appeal, as a case of its own linked to the first.
 */
export const CASE_BODIES = ['honour_council', 'appeal_council'] as const;
export type CaseBody = (typeof CASE_BODIES)[number];

const MOVES: Record<CaseBody, Partial<Record<CaseStatus, readonly CaseStatus[]>>> = {
  honour_council: {
    received: ['screening'],
    screening: ['dismissed', 'investigation'],
    investigation: ['hearing'],
    hearing: ['decided'],
    decided: ['appeal', 'final'],
    // The appeal case decides; the first case follows it to appeal_decided, then to final.
    appeal_decided: ['final'],
  },
  appeal_council: {
    received: ['hearing'],
    hearing: ['appeal_decided'],
    appeal_decided: ['final'],
  },
};

export const nextStatuses = (
  from: CaseStatus,
  body: CaseBody = 'honour_council',
): readonly CaseStatus[] => MOVES[body][from] ?? [];

export const canMoveCase = (
  from: CaseStatus,
  to: CaseStatus,
  body: CaseBody = 'honour_council',
): boolean => nextStatuses(from, body).includes(to);

/** A case that is over: nothing moves it again. */
export const isClosed = (status: CaseStatus): boolean =>
  status === 'dismissed' || status === 'final';

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
  'document',
  'matched',
  'notice_unserved',
  'appeal_waived',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const ASSIGNMENT_ROLES = ['officer', 'panel'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const SANCTION_EFFECTS = ['reprimand', 'remedial', 'suspension', 'revocation'] as const;
export type SanctionEffect = (typeof SANCTION_EFFECTS)[number];

/** Which decision imposed a sanction: the first, or the appeal's. */
export const SANCTION_STAGES = ['decision', 'appeal'] as const;
export type SanctionStage = (typeof SANCTION_STAGES)[number];

/** What the body that decides a sanction the panel proposed ruled. */
export const SANCTION_RULINGS = ['upheld', 'rejected'] as const;
export type SanctionRuling = (typeof SANCTION_RULINGS)[number];

/** What an appeal's decision does to the first: confirms it, changes its sanctions, or quashes it. */
export const APPEAL_OUTCOMES = ['confirmed', 'changed', 'quashed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/**
 * Where a first-instance case counts as an open investigation of its respondent: from the
 * investigation through the hearing. A decision ends the investigation; a case decided or under
 * appeal is a decision not yet final, not an investigation.
 */
export const UNDER_INVESTIGATION: readonly CaseStatus[] = ['investigation', 'hearing'];

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
