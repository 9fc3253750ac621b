import {
  CASE_STATUSES,
  canMoveCase,
  ethicsStanding,
  isClosed,
  nextStatuses,
} from 'src/cases/case-rules';

describe('the procedure of an ethics case', () => {
  it('runs from received to final, through an appeal or without one', () => {
    const path = ['received', 'screening', 'investigation', 'hearing', 'decided'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveCase(path[i - 1], path[i])).toBe(true);
    expect(canMoveCase('decided', 'final')).toBe(true);
    expect(canMoveCase('decided', 'appeal')).toBe(true);
    expect(canMoveCase('appeal_decided', 'final')).toBe(true);
  });

  it('waits in appeal for the appeal case, which runs from received to its decision', () => {
    expect(canMoveCase('appeal', 'appeal_decided')).toBe(false);
    expect(nextStatuses('appeal')).toEqual([]);
    expect(nextStatuses('received', 'appeal_council')).toEqual(['hearing']);
    expect(canMoveCase('hearing', 'appeal_decided', 'appeal_council')).toBe(true);
    expect(canMoveCase('hearing', 'decided', 'appeal_council')).toBe(false);
    expect(canMoveCase('appeal_decided', 'final', 'appeal_council')).toBe(true);
  });

  it('skips no step and never goes back', () => {
    expect(canMoveCase('received', 'investigation')).toBe(false);
    expect(canMoveCase('hearing', 'investigation')).toBe(false);
    expect(canMoveCase('investigation', 'dismissed')).toBe(false);
    expect(nextStatuses('screening')).toEqual(['dismissed', 'investigation']);
  });

  it('ends when dismissed or final', () => {
    expect(CASE_STATUSES.filter(isClosed)).toEqual(['dismissed', 'final']);
  });
});

describe(ethicsStanding.name, () => {
  it('is sanctioned while a sanction is in effect, whatever is open; under investigation while a case is', () => {
    expect(ethicsStanding({ sanctionsInEffect: 1, openInvestigations: 2 })).toBe('sanctioned');
    expect(ethicsStanding({ sanctionsInEffect: 0, openInvestigations: 1 })).toBe(
      'under_investigation',
    );
    expect(ethicsStanding({ sanctionsInEffect: 0, openInvestigations: 0 })).toBe('good');
  });
});
