import {
  membershipStatusOn,
  canMoveApplication,
  datedStatus,
  membershipStatus,
  feeStanding,
  pipelineChecks,
  type PipelineFacts,
} from 'src/membership/membership-rules';
import {
  evaluate,
  type Requirement,
  type RequirementFacts,
} from 'src/requirements/requirement-rules';

describe(membershipStatus.name, () => {
  const covered = (
    status: Parameters<typeof membershipStatus>[0]['status'],
    suspendedUntil: string | null = null,
  ) => ({
    status,
    coveredUntil: '2026-06-30',
    suspendedUntil,
  });

  it('reads active, grace and lapsed from the cover and the grace days', () => {
    expect(membershipStatus(covered('active'), 90, '2026-06-30')).toBe('active');
    expect(membershipStatus(covered('active'), 90, '2026-07-01')).toBe('grace');
    expect(membershipStatus(covered('active'), 90, '2026-09-28')).toBe('grace');
    expect(membershipStatus(covered('active'), 90, '2026-09-29')).toBe('lapsed');
    // A stale stored status does not matter: the dates decide.
    expect(membershipStatus(covered('lapsed'), 90, '2026-06-01')).toBe('active');
  });

  it('keeps a suspension until its last day, then returns to the dates', () => {
    expect(membershipStatus(covered('suspended', '2026-05-31'), 90, '2026-05-31')).toBe(
      'suspended',
    );
    expect(membershipStatus(covered('suspended', '2026-05-31'), 90, '2026-06-01')).toBe('active');
    expect(membershipStatus(covered('suspended'), 90, '2030-01-01')).toBe('suspended');
  });

  it('never leaves a final status', () => {
    for (const status of ['revoked', 'resigned', 'deceased'] as const) {
      expect(membershipStatus(covered(status), 90, '2026-01-01')).toBe(status);
    }
  });

  it('has no grace when the category gives none', () => {
    expect(datedStatus('2026-06-30', 0, '2026-07-01')).toBe('lapsed');
  });
});

describe(canMoveApplication.name, () => {
  it('follows draft -> submitted -> under_review -> decided, and withdraws only open ones', () => {
    expect(canMoveApplication('draft', 'submitted')).toBe(true);
    expect(canMoveApplication('submitted', 'under_review')).toBe(true);
    expect(canMoveApplication('under_review', 'approved')).toBe(true);
    expect(canMoveApplication('submitted', 'approved')).toBe(false);
    expect(canMoveApplication('draft', 'under_review')).toBe(false);
    expect(canMoveApplication('under_review', 'withdrawn')).toBe(true);
    expect(canMoveApplication('approved', 'withdrawn')).toBe(false);
    expect(canMoveApplication('rejected', 'submitted')).toBe(false);
  });
});

describe(pipelineChecks.name, () => {
  /** The ordinary category's requirement, as the migration made it of the older fields. */
  const ORDINARY: Requirement = {
    all: [
      { qualification: { degrees: ['DOKTER'] } },
      { credential: 'STR' },
      { pledge: true },
      { applicationFee: 'paid' },
    ],
  };
  const ready: RequirementFacts = {
    today: '2026-12-01',
    credentials: [{ typeCode: 'STR', validFrom: '2020-01-02' }],
    qualifications: [
      {
        degree: 'Dokter (dr.)',
        degreeCode: 'DOKTER',
        field: 'Kedokteran',
        institutionAccredited: true,
      },
    ],
    pledge: { version: 'KODEKI-2012', pledged: true },
    applicationFee: 'paid',
  };
  const facts = (
    values: Partial<PipelineFacts> = {},
    person: Partial<RequirementFacts> = {},
  ): PipelineFacts => ({
    requirements: evaluate(ORDINARY, { ...ready, ...person }),
    membership: null,
    ...values,
  });
  const unmet = (values: Partial<PipelineFacts>, person: Partial<RequirementFacts> = {}) =>
    pipelineChecks(facts(values, person))
      .filter((check) => !check.met)
      .map((check) => check.requirement ?? check.check);

  it('meets every check of a ready applicant, matching the degree by its code, not its text', () => {
    expect(unmet({})).toEqual([]);
  });

  it('names each unmet part of what the category asks for, in its order', () => {
    expect(
      unmet(
        {},
        {
          qualifications: [
            {
              degree: 'Sarjana Hukum',
              degreeCode: null,
              field: 'Hukum',
              institutionAccredited: true,
            },
          ],
          credentials: [],
          pledge: { version: 'KODEKI-2012', pledged: false },
          applicationFee: feeStanding('partially_paid'),
        },
      ),
    ).toEqual(['qualification:DOKTER', 'credential:STR', 'pledge', 'application-fee']);
  });

  it('counts a waived fee as settled, and asks nothing a category does not ask for', () => {
    expect(feeStanding('waived')).toBe('paid');
    expect(feeStanding(null)).toBe('not invoiced');
    // A category that lists no pledge (students, say) does not ask for one.
    const student = pipelineChecks({ requirements: null, membership: null });
    expect(student.map((check) => check.check)).toEqual(['not-already-member']);
  });

  it('refuses current, lapsed, revoked and deceased members, and lets a resigned one apply', () => {
    expect(unmet({ membership: 'active' })).toEqual(['not-already-member']);
    expect(unmet({ membership: 'suspended' })).toEqual(['not-already-member']);
    expect(pipelineChecks(facts({ membership: 'lapsed' }))[0].detail).toMatch(/arrears/);
    expect(unmet({ membership: 'revoked' })).toEqual(['not-already-member']);
    expect(unmet({ membership: 'resigned' })).toEqual([]);
  });
});

describe(membershipStatusOn.name, () => {
  const history = {
    memberSince: '2024-01-01',
    graceDays: 90,
    changes: [
      { toStatus: 'active' as const, effectiveOn: '2024-01-01', suspendedUntil: null },
      { toStatus: 'suspended' as const, effectiveOn: '2024-06-01', suspendedUntil: '2024-08-31' },
    ],
    granted: [
      { endsOn: '2024-12-31', grantedOn: '2024-01-01' },
      // Next year's dues were paid late, after the lapse: the cover does not reach back.
      { endsOn: '2025-12-31', grantedOn: '2025-05-10' },
    ],
  };
  it.each([
    ['2023-12-31', null],
    ['2024-05-31', 'active'],
    ['2024-06-01', 'suspended'],
    ['2024-08-31', 'suspended'],
    ['2024-09-01', 'active'],
    ['2025-01-01', 'grace'],
    ['2025-04-01', 'lapsed'],
    ['2025-05-10', 'active'],
  ])('reads %s as %s', (day, status) => {
    expect(membershipStatusOn(history, day)?.status ?? null).toBe(status);
  });

  it('keeps a final status from its day on, whatever the cover', () => {
    const revoked = {
      ...history,
      changes: [
        ...history.changes,
        { toStatus: 'revoked' as const, effectiveOn: '2024-10-01', suspendedUntil: null },
      ],
    };
    expect(membershipStatusOn(revoked, '2024-09-30')?.status).toBe('active');
    expect(membershipStatusOn(revoked, '2025-06-01')).toMatchObject({
      status: 'revoked',
      since: '2024-10-01',
    });
  });
});
