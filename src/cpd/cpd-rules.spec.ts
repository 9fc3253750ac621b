import {
  auditDraw,
  bindsMember,
  followsCredential,
  policySeries,
  cycleFrom,
  cycleYears,
  requiredOf,
  yearsJudgedAlikeThrough,
  membershipCycleOn,
  membershipStandingOn,
  policyRuleErrors,
  standingOn,
  standingWithCarryOver,
  versionInForce,
  withStandIn,
  type CpdCredit,
  type CpdPolicyRules,
} from 'src/cpd/cpd-rules';

/** KMK 1561/2024: shares of 250 credits per five-year permit cycle, a fifth of learning yearly. */
const KMK: CpdPolicyRules = {
  cycleMonths: 60,
  totalCredits: 250,
  domains: [
    { code: 'learning', name: 'Learning', sharePercent: 45 },
    { code: 'professional', name: 'Professional service', sharePercent: 35 },
    { code: 'community', name: 'Community service', sharePercent: 5 },
    { code: 'flexible', name: 'Flexible', sharePercent: 15, takesOverflow: true },
  ],
  yearlyMinimum: { domain: 'learning', percentOfDomain: 20 },
};
const REMOTE: CpdPolicyRules = {
  ...KMK,
  domains: [
    { code: 'learning', name: 'Learning', sharePercent: 25 },
    { code: 'professional', name: 'Professional service', sharePercent: 55 },
    { code: 'community', name: 'Community service', sharePercent: 5 },
    { code: 'flexible', name: 'Flexible', sharePercent: 15, takesOverflow: true },
  ],
};
/** The legacy IDI P2KB rule: 250 credits per five years, each domain capped. */
const P2KB: CpdPolicyRules = {
  cycleMonths: 60,
  totalCredits: 250,
  domains: [
    { code: 'learning', name: 'Learning', capCredits: 150 },
    { code: 'professional', name: 'Professional service', capCredits: 100 },
    { code: 'community', name: 'Community service', capCredits: 25 },
  ],
  carryOverCredits: 25,
};

const cycle = cycleFrom('2025-01-01', KMK);
let serial = 0;
const credit = (
  earnedOn: string,
  domain: string,
  credits: number,
  category = 'course',
): CpdCredit => ({
  id: `c${String(++serial).padStart(3, '0')}`,
  earnedOn,
  domain,
  category,
  credits,
});
/** So many credits of a domain, a share of them in each year of the 2025-2029 cycle. */
const spread = (domain: string, perYear: number, category = 'course'): CpdCredit[] =>
  [2025, 2026, 2027, 2028, 2029].map((year) => credit(`${year}-06-01`, domain, perYear, category));

describe('CPD credits counted under a policy', () => {
  it('needs each domain its share of the total, the flexible share filled by what others earn beyond theirs', () => {
    const standing = standingOn(KMK, cycle, [
      ...spread('learning', 26), // 130: 17.5 beyond its 112.5
      ...spread('professional', 18), // 90: 2.5 beyond its 87.5
      credit('2026-03-01', 'community', 12.5),
    ]);
    expect(standing.cycle).toEqual({ startsOn: '2025-01-01', endsOn: '2029-12-31' });
    expect(
      standing.domains.map(({ domain, required, earned, counted, remaining }) => [
        domain,
        required,
        earned,
        counted,
        remaining,
      ]),
    ).toEqual([
      ['learning', 112.5, 130, 112.5, 0],
      ['professional', 87.5, 90, 87.5, 0],
      ['community', 12.5, 12.5, 12.5, 0],
      ['flexible', 37.5, 0, 20, 17.5],
    ]);
    expect(standing).toMatchObject({ counted: 232.5, remaining: 17.5, met: false });
    expect(standing.shortfalls).toEqual(['total 232.5/250 credits', 'flexible 20/37.5 credits']);

    const enough = standingOn(KMK, cycle, [
      ...spread('learning', 26),
      ...spread('professional', 18),
      credit('2026-03-01', 'community', 12.5),
      credit('2029-11-30', 'flexible', 17.5),
    ]);
    expect(enough).toMatchObject({ counted: 250, remaining: 0, met: true, shortfalls: [] });
  });

  it('needs a fifth of the learning share in every year of the cycle', () => {
    const learning = [
      credit('2025-05-01', 'learning', 30),
      credit('2026-05-01', 'learning', 30),
      credit('2027-05-01', 'learning', 10), // short: 22.5 a year
      credit('2028-05-01', 'learning', 30),
      credit('2029-12-31', 'learning', 22.5), // the cycle's last day counts
    ];
    const standing = standingOn(KMK, cycle, learning);
    expect(standing.years.map(({ year, earned, met }) => [year, earned, met])).toEqual([
      [1, 30, true],
      [2, 30, true],
      [3, 10, false],
      [4, 30, true],
      [5, 22.5, true],
    ]);
    expect(standing.years[2]).toMatchObject({
      from: '2027-01-01',
      to: '2027-12-31',
      required: 22.5,
    });
    expect(standing.shortfalls).toContain(
      'learning in year 3 (2027-01-01 to 2027-12-31) 10/22.5 credits',
    );
  });

  it('judges a year once it has ended: the year running has credits to go, a year not begun nothing', () => {
    // A permit holder with 265 of 250, every year so far met, read in the cycle's third year.
    const earned = [
      ...spread('learning', 26).slice(0, 2),
      credit('2027-02-01', 'learning', 10),
      credit('2026-06-01', 'learning', 100),
      credit('2026-06-01', 'professional', 87.5),
      credit('2026-06-01', 'community', 12.5),
      credit('2026-06-01', 'flexible', 3.5),
    ];
    const standing = standingOn(KMK, cycle, earned, 0, '2027-03-15');
    expect(standing.years.map(({ year, state, toGo }) => [year, state, toGo])).toEqual([
      [1, 'met', 0],
      [2, 'met', 0],
      [3, 'running', 12.5],
      [4, 'not-begun', 22.5],
      [5, 'not-begun', 22.5],
    ]);
    expect(standing).toMatchObject({ met: true, shortfalls: [] });
    expect(standing.toGo).toEqual(['learning in year 3: 12.5 to go by 2027-12-31']);

    // Once the year has ended short, it is a shortfall; the years after it still are not.
    const later = standingOn(KMK, cycle, earned, 0, '2028-01-01');
    expect(later.years.map(({ state }) => state)).toEqual([
      'met',
      'met',
      'short',
      'running',
      'not-begun',
    ]);
    expect(later).toMatchObject({
      met: false,
      shortfalls: ['learning in year 3 (2027-01-01 to 2027-12-31) 10/22.5 credits'],
      toGo: ['learning in year 4: 22.5 to go by 2028-12-31'],
    });
    // A year met while it runs is on track, with nothing to go; one just begun has all of it.
    const more = [...earned, credit('2027-03-01', 'learning', 12.5)];
    expect(standingOn(KMK, cycle, more, 0, '2027-03-15').toGo).toEqual([]);
    expect(standingOn(KMK, cycle, [], 0, '2025-01-01').years[0]).toMatchObject({
      state: 'running',
      toGo: 22.5,
    });
  });

  it('counts a domain up to what it requires and the total up to the total, the rest shown as surplus', () => {
    const standing = standingOn(KMK, cycle, [
      ...spread('learning', 26), // 130: 17.5 beyond its 112.5, to the flexible share
      ...spread('professional', 20), // 100: 12.5 beyond its 87.5
      credit('2026-03-01', 'community', 15), // 2.5 beyond its 12.5
    ]);
    expect(
      standing.domains.map(({ domain, counted, remaining, surplus }) => [
        domain,
        counted,
        remaining,
        surplus,
      ]),
    ).toEqual([
      ['learning', 112.5, 0, 0],
      ['professional', 87.5, 0, 0],
      ['community', 12.5, 0, 0],
      ['flexible', 32.5, 5, 0],
    ]);
    const beyond = standingOn(KMK, cycle, [
      ...spread('learning', 26),
      ...spread('professional', 20),
      credit('2026-03-01', 'community', 15),
      credit('2026-03-01', 'flexible', 20),
    ]);
    expect(beyond.domains[3]).toMatchObject({
      earned: 20,
      counted: 37.5,
      remaining: 0,
      surplus: 15,
    });
    expect(beyond).toMatchObject({ counted: 250, remaining: 0, surplus: 15, carriesOut: 0 });
    // A domain that requires nothing counts what it earns, up to its cap, without a surplus.
    expect(
      standingOn(P2KB, cycleFrom('2020-01-01', P2KB), [credit('2021-01-01', 'learning', 40)])
        .domains[0],
    ).toMatchObject({ counted: 40, surplus: 0 });
  });

  it('lets an exam passed since the cycle began stand in for the credits it is short of, where the policy says so', () => {
    const rules: CpdPolicyRules = {
      ...KMK,
      standIns: [{ credentialTypeCode: 'UKOM', name: 'competence exam' }],
    };
    const short = standingOn(rules, cycle, spread('learning', 22.5));
    expect(short.met).toBe(false);
    const exam = (number: string, validFrom: string) => ({ typeCode: 'UKOM', number, validFrom });
    // Passed before the cycle began, or another type: nothing stands in.
    expect(withStandIn(short, rules, [exam('U-0', '2024-12-31')]).met).toBe(false);
    expect(
      withStandIn(short, rules, [{ typeCode: 'STR', number: 'S-1', validFrom: '2026-01-01' }]).met,
    ).toBe(false);
    expect(withStandIn(short, KMK, [exam('U-1', '2029-11-01')]).met).toBe(false);
    const met = withStandIn(short, rules, [exam('U-2', '2029-11-01'), exam('U-1', '2025-01-01')]);
    expect(met).toMatchObject({
      met: true,
      standIn: {
        credentialType: 'UKOM',
        name: 'competence exam',
        number: 'U-1',
        passedOn: '2025-01-01',
      },
      shortfalls: short.shortfalls,
    });
    // A cycle met by its credits needs nothing to stand in.
    const enough = { ...short, met: true };
    expect(withStandIn(enough, rules, [exam('U-1', '2025-01-01')])).toBe(enough);
    expect(
      policyRuleErrors({
        ...rules,
        standIns: [...rules.standIns!, { credentialTypeCode: 'UKOM', name: 'again' }],
      }),
    ).toEqual([{ field: 'rules.standIns.1.credentialTypeCode', message: 'UKOM is named twice' }]);
  });

  it('keeps credits beyond a category cap out, the first earned counting, and says why', () => {
    const policy: CpdPolicyRules = {
      ...KMK,
      categoryCaps: [{ category: 'seminar', capCredits: 25 }],
    };
    const first = credit('2025-02-01', 'learning', 20, 'seminar');
    const second = credit('2025-09-01', 'learning', 10, 'seminar');
    const third = credit('2026-02-01', 'learning', 10, 'seminar');
    const standing = standingOn(policy, cycle, [third, second, first]);
    expect(standing.domains[0]).toMatchObject({
      earned: 25,
      creditIds: [first.id, second.id, third.id],
    });
    expect(standing.notCounted).toEqual([
      { creditId: second.id, credits: 5, reason: 'the cap on seminar (25 credits a cycle)' },
      { creditId: third.id, credits: 10, reason: 'the cap on seminar (25 credits a cycle)' },
    ]);
  });

  it('caps each domain under the legacy rule, and carries what is beyond the total into the next cycle', () => {
    const legacy = cycleFrom('2020-01-01', P2KB);
    const standing = standingOn(P2KB, legacy, [
      credit('2021-01-01', 'learning', 170), // 20 over its cap of 150
      credit('2022-01-01', 'professional', 100),
      credit('2023-01-01', 'community', 25),
    ]);
    expect(standing.domains.map(({ counted }) => counted)).toEqual([150, 100, 25]);
    expect(standing).toMatchObject({ counted: 250, surplus: 25, met: true, carriesOut: 25 });

    const next = standingOn(
      P2KB,
      cycleFrom('2025-01-01', P2KB),
      [credit('2026-01-01', 'learning', 150), credit('2027-01-01', 'professional', 75)],
      standing.carriesOut,
    );
    expect(next).toMatchObject({ carriedIn: 25, counted: 250, met: true });
    // Without carry-over in the policy nothing passes to the next cycle.
    expect(
      standingOn({ ...P2KB, carryOverCredits: undefined }, legacy, [
        credit('2021-01-01', 'learning', 150),
        credit('2022-01-01', 'professional', 100),
        credit('2023-01-01', 'community', 25),
      ]).carriesOut,
    ).toBe(0);
  });

  it("chains carry-over through a credential's cycles back to back, and a gap breaks the chain", () => {
    const versions = [{ effectiveFrom: '2013-01-01', rules: P2KB }];
    const permit = (number: string, validFrom: string, validUntil: string) => ({
      typeCode: 'SIP',
      number,
      validFrom,
      validUntil,
    });
    const first = permit('SIP-1', '2015-01-01', '2019-12-31');
    const second = permit('SIP-2', '2020-01-01', '2024-12-31');
    const third = permit('SIP-3', '2025-01-01', '2029-12-31');
    const credits = [
      credit('2016-01-01', 'learning', 150),
      credit('2017-01-01', 'professional', 100),
      credit('2018-01-01', 'community', 25), // 275: 25 carried into 2020
      credit('2021-01-01', 'learning', 150),
      credit('2022-01-01', 'professional', 100), // 250 + 25 carried: 25 carried into 2025
      credit('2026-01-01', 'learning', 150),
      credit('2027-01-01', 'professional', 75),
    ];
    expect(standingWithCarryOver(versions, third, [first, second, third], credits)).toMatchObject({
      carriedIn: 25,
      carriedFrom: 'SIP-2',
      counted: 250,
      met: true,
    });
    const late = permit('SIP-3', '2025-01-02', '2029-12-31');
    expect(standingWithCarryOver(versions, late, [first, second, late], credits)).toMatchObject({
      carriedIn: 0,
      carriedFrom: null,
      counted: 225,
      met: false,
    });
  });

  it('runs membership cycles back to back from the day membership began, each carrying into the next', () => {
    const yearly: CpdPolicyRules = {
      cycleMonths: 12,
      totalCredits: 10,
      domains: [{ code: 'learning', name: 'Learning', sharePercent: 100 }],
      carryOverCredits: 3,
    };
    const versions = [{ effectiveFrom: '2020-01-01', rules: yearly }];
    expect(membershipCycleOn(versions, '2021-03-15', '2023-06-01')?.cycle).toEqual({
      startsOn: '2023-03-15',
      endsOn: '2024-03-14',
    });
    const standing = membershipStandingOn(versions, '2021-03-15', '2023-06-01', [
      credit('2021-04-01', 'learning', 12), // 2 carried
      credit('2022-04-01', 'learning', 20), // 20 + 2: 3 carried, the most
      credit('2023-04-01', 'learning', 6),
    ]);
    expect(standing).toMatchObject({ carriedIn: 3, counted: 9, remaining: 1, met: false });
    // A cycle that began before any version was in force binds nobody.
    expect(membershipCycleOn(versions, '2014-03-15', '2020-02-01')).toBeUndefined();
    expect(
      bindsMember(
        { membershipCategoryCode: null, speciality: 'Bedah' },
        { categoryCode: 'ORDINARY', speciality: 'bedah' },
      ),
    ).toBe(true);
  });

  it('reads a cycle under the policy in force when it began, a change mid-cycle applying from the next', () => {
    const versions = [
      { effectiveFrom: '2013-01-01', rules: P2KB },
      { effectiveFrom: '2024-01-01', rules: KMK },
    ];
    expect(versionInForce(versions, '2020-07-01')?.rules).toBe(P2KB);
    expect(versionInForce(versions, '2023-12-31')?.rules).toBe(P2KB);
    expect(versionInForce(versions, '2024-01-01')?.rules).toBe(KMK);
    expect(versionInForce(versions, '2012-12-31')).toBeUndefined();
    // The same credits meet the legacy rule that the cycle began under, not the new shares.
    const credits = [
      credit('2021-03-01', 'learning', 150),
      credit('2022-03-01', 'professional', 100),
    ];
    const began = cycleFrom('2020-07-01', P2KB);
    expect(standingOn(versionInForce(versions, began.startsOn)!.rules, began, credits).met).toBe(
      true,
    );
    expect(standingOn(KMK, began, credits).met).toBe(false);
  });

  it('needs the remote-area shares of the remote variant', () => {
    const standing = standingOn(REMOTE, cycle, [
      ...spread('learning', 12.5),
      ...spread('professional', 27.5),
    ]);
    expect(
      standing.domains.map(({ domain, required, remaining }) => [domain, required, remaining]),
    ).toEqual([
      ['learning', 62.5, 0],
      ['professional', 137.5, 0],
      ['community', 12.5, 12.5],
      ['flexible', 37.5, 37.5],
    ]);
    // A fifth of the smaller learning share each year: 12.5.
    expect(standing.years.every((year) => year.required === 12.5 && year.met)).toBe(true);
  });

  it('counts only the cycle, adds in hundredths and names a credit in a domain the policy lacks', () => {
    const outside = credit('2024-12-31', 'learning', 50);
    const stray = credit('2025-02-02', 'research', 5);
    const standing = standingOn(KMK, cycle, [
      outside,
      credit('2025-01-01', 'community', 0.1),
      credit('2025-01-02', 'community', 0.2),
      stray,
    ]);
    expect(standing.domains[2]).toMatchObject({ earned: 0.3, counted: 0.3 });
    expect(standing.shortfalls).toEqual(
      expect.arrayContaining(['total 0.3/250 credits', 'community 0.3/12.5 credits']),
    );
    expect(standingOn(KMK, cycle, [credit('2025-01-01', 'community', 0.05)]).shortfalls).toContain(
      'community 0.05/12.5 credits',
    );
    expect(standing.domains[0].creditIds).not.toContain(outside.id);
    expect(standing.notCounted).toEqual([
      { creditId: stray.id, credits: 5, reason: 'the policy counts no domain research' },
    ]);
  });

  it('refuses a policy whose parts contradict each other, naming each', () => {
    expect(policyRuleErrors(KMK)).toEqual([]);
    expect(
      policyRuleErrors({
        cycleMonths: 60,
        totalCredits: 100,
        domains: [
          { code: 'a', name: 'A', sharePercent: 70, takesOverflow: true },
          { code: 'a', name: 'A again', sharePercent: 40, minimumCredits: 5, takesOverflow: true },
        ],
        yearlyMinimum: { domain: 'b', percentOfDomain: 20 },
        categoryCaps: [
          { category: 'seminar', capCredits: 5 },
          { category: 'seminar', capCredits: 6 },
        ],
      }),
    ).toEqual([
      { field: 'rules.domains.1.code', message: 'a is named twice' },
      { field: 'rules.domains.1', message: 'a domain needs a share or a minimum, not both' },
      { field: 'rules.domains', message: 'the shares add up to 110%, over 100%' },
      { field: 'rules.domains', message: 'only one domain takes the overflow' },
      { field: 'rules.yearlyMinimum.domain', message: 'b is not a domain of the policy' },
      { field: 'rules.categoryCaps.1.category', message: 'seminar is capped twice' },
    ]);
  });
});

describe('the draw of a CPD audit', () => {
  const people = Array.from({ length: 200 }, (_, i) => `person-${String(i).padStart(3, '0')}`);

  it('picks the same people from the same seed, in whatever order they come', () => {
    const picked = auditDraw(people, 'seed-2026', 5);
    expect(picked).toHaveLength(10);
    expect(auditDraw([...people].reverse(), 'seed-2026', 5)).toEqual(picked);
    expect(auditDraw(people, 'seed-2027', 5)).not.toEqual(picked);
  });

  it('rounds the share up, so a small population is still audited', () => {
    expect(auditDraw(people.slice(0, 3), 'x', 10)).toHaveLength(1);
    expect(auditDraw([], 'x', 10)).toEqual([]);
    expect(auditDraw(people.slice(0, 7), 'x', 100)).toEqual(people.slice(0, 7));
  });
});

describe('CPD rules at their edges', () => {
  const tenLearning: CpdPolicyRules = {
    cycleMonths: 12,
    totalCredits: 10,
    domains: [
      { code: 'learning', name: 'Learning', sharePercent: 50 },
      { code: 'flexible', name: 'Any', sharePercent: 50, takesOverflow: true },
    ],
  };

  it('reads what a domain requires: a minimum, a share, or nothing', () => {
    expect(requiredOf(KMK, KMK.domains[0])).toBe(112.5);
    expect(requiredOf(KMK, { code: 'x', name: 'X', minimumCredits: 20 })).toBe(20);
    expect(requiredOf(KMK, { code: 'x', name: 'X', capCredits: 20 })).toBe(0);
  });

  it('cuts a cycle into years, the last one ending with it, and remembers them', () => {
    const short = { startsOn: '2025-01-01', endsOn: '2026-01-01' };
    expect(cycleYears(short)).toEqual([
      { year: 1, from: '2025-01-01', to: '2025-12-31' },
      { year: 2, from: '2026-01-01', to: '2026-01-01' },
    ]);
    expect(cycleYears({ startsOn: '2025-01-01', endsOn: '2026-06-30' })).toEqual([
      { year: 1, from: '2025-01-01', to: '2025-12-31' },
      { year: 2, from: '2026-01-01', to: '2026-06-30' },
    ]);
    expect(cycleYears(short)).toBe(cycleYears(short));
  });

  it('says how long a standing read on a day holds for its years: to the end of the year it falls in', () => {
    expect(yearsJudgedAlikeThrough(KMK, cycle, '2026-03-01')).toBe('2026-12-31');
    expect(yearsJudgedAlikeThrough(KMK, cycle, '2026-01-01')).toBe('2026-12-31');
    expect(yearsJudgedAlikeThrough(KMK, cycle, '2026-12-31')).toBe('2026-12-31');
    expect(yearsJudgedAlikeThrough(KMK, cycle, '2029-12-31')).toBe('2029-12-31');
    expect(yearsJudgedAlikeThrough(KMK, cycle, '2031-01-01')).toBe('2029-12-31');
    // Without a yearly rule, nothing of the day changes the verdict within the cycle.
    expect(yearsJudgedAlikeThrough(P2KB, cycle, '2026-03-01')).toBe('2029-12-31');
  });

  it('counts only the credits of the cycle, same-day ones in the order of their ids', () => {
    const capped: CpdPolicyRules = {
      ...tenLearning,
      categoryCaps: [
        { category: 'seminar', capCredits: 4 },
        { category: 'webinar', capCredits: 1 },
      ],
    };
    const year = cycleFrom('2025-01-01', capped);
    const second = {
      id: 'b',
      earnedOn: '2025-03-01',
      domain: 'learning',
      category: 'seminar',
      credits: 3,
    };
    const first = { ...second, id: 'a' };
    const after = { ...second, id: 'c', earnedOn: '2026-01-01' };
    const webinar = { ...second, id: 'd', category: 'webinar', credits: 2 };
    const standing = standingOn(capped, year, [second, after, webinar, first]);
    expect(standing.domains[0].creditIds).toEqual(['a', 'b', 'd']);
    expect(standing.notCounted).toEqual([
      { creditId: 'b', credits: 2, reason: 'the cap on seminar (4 credits a cycle)' },
      { creditId: 'd', credits: 1, reason: 'the cap on webinar (1 credits a cycle)' },
    ]);
  });

  it('adds what the cycle before carried in to the flexible share', () => {
    const year = cycleFrom('2025-01-01', tenLearning);
    const standing = standingOn(tenLearning, year, [credit('2025-02-01', 'learning', 5)], 3);
    expect(standing.domains[1]).toMatchObject({ counted: 3, remaining: 2 });
    expect(standing).toMatchObject({ carriedIn: 3, counted: 8, remaining: 2 });
  });

  it("counts a year's minimum from the year's first day to its last, in its domain only", () => {
    const standing = standingOn(
      KMK,
      cycle,
      [
        credit('2026-01-01', 'learning', 20),
        credit('2026-12-31', 'learning', 2.5),
        credit('2026-06-01', 'professional', 30),
      ],
      0,
      '2026-12-31',
    );
    expect(standing.years[1]).toMatchObject({ earned: 22.5, met: true, state: 'running' });
    expect(standing.years[0]).toMatchObject({ earned: 0, state: 'short' });
  });

  it('follows carry-over back ten cycles at most, through the same type only', () => {
    const rules: CpdPolicyRules = { ...tenLearning, carryOverCredits: 1 };
    const versions = [{ effectiveFrom: '2000-01-01', rules }];
    const cycles = Array.from({ length: 13 }, (_, i) => ({
      typeCode: 'SIP',
      number: `SIP-${i}`,
      validFrom: `${2010 + i}-01-01`,
      validUntil: `${2010 + i}-12-31`,
    }));
    // Each year earns 11: one beyond the total, carried into the next.
    const earned = cycles.map((held) =>
      credit(held.validFrom.replace('01-01', '06-01'), 'learning', 11),
    );
    const last = cycles.at(-1)!;
    const withAll = standingWithCarryOver(versions, last, cycles, earned)!;
    expect(withAll).toMatchObject({ carriedIn: 1, carriedFrom: 'SIP-11' });
    // The eleventh cycle back carries nothing in: a cycle of the last twelve starting bare.
    const onlyFirstEarns = [
      credit('2010-06-01', 'learning', 11),
      ...cycles
        .slice(1)
        .map((held) => credit(held.validFrom.replace('01-01', '06-01'), 'learning', 10)),
    ];
    expect(standingWithCarryOver(versions, cycles[10], cycles, onlyFirstEarns)!.carriedIn).toBe(1);
    expect(standingWithCarryOver(versions, cycles[11], cycles, onlyFirstEarns)!.carriedIn).toBe(0);
    const otherType = cycles.map((held) => ({ ...held, typeCode: 'STR' }));
    expect(
      standingWithCarryOver(versions, last, [...otherType.slice(0, -1), last], earned)!.carriedIn,
    ).toBe(0);
    expect(
      standingWithCarryOver(
        versions,
        { ...last, validFrom: '1999-01-01', validUntil: '1999-12-31' },
        cycles,
        earned,
      ),
    ).toBeUndefined();
  });

  it('binds a member by category, or by speciality whatever its case', () => {
    const policy = (membershipCategoryCode: string | null, speciality: string | null) => ({
      membershipCategoryCode,
      speciality,
    });
    const member = { categoryCode: 'ORDINARY', speciality: 'Bedah' };
    expect(bindsMember(policy('ORDINARY', null), member)).toBe(true);
    expect(bindsMember(policy('SPECIALIST', null), member)).toBe(false);
    expect(bindsMember(policy(null, 'BEDAH'), member)).toBe(true);
    expect(bindsMember(policy(null, 'Anak'), member)).toBe(false);
    expect(bindsMember(policy(null, null), { ...member, speciality: null })).toBe(false);
    expect(bindsMember(policy(null, 'Bedah'), { ...member, speciality: null })).toBe(false);
  });

  it("reads a membership's cycles back to back, the current one including its last day", () => {
    const versions = [
      { effectiveFrom: '2024-01-01', rules: { ...tenLearning, carryOverCredits: 2 } },
      { effectiveFrom: '2020-01-01', rules: tenLearning },
    ];
    const onLastDay = membershipCycleOn(versions, '2021-03-01', '2022-02-28')!;
    expect(onLastDay.cycle).toEqual({ startsOn: '2021-03-01', endsOn: '2022-02-28' });
    expect(onLastDay.before).toEqual([]);
    expect(membershipCycleOn(versions, '2020-03-01', '2022-02-28')!.before).toHaveLength(1);
    // Before any version was in force there is no cycle to read.
    expect(membershipCycleOn(versions, '2018-03-01', '2018-06-01')).toBeUndefined();
    expect(membershipStandingOn(versions, '2018-03-01', '2018-06-01', [])).toBeUndefined();
    // A member since before the first version: the cycles before it carry nothing, and no fault.
    const standing = membershipStandingOn(versions, '2019-06-01', '2024-07-01', [
      credit('2023-07-01', 'learning', 12),
    ])!;
    expect(standing.version).toBe(versions[0]);
    expect(standing.carriedIn).toBe(0);
    // A century of yearly cycles is as far back as cycles are followed.
    expect(
      membershipCycleOn(
        [{ effectiveFrom: '1900-01-01', rules: tenLearning }],
        '1900-01-01',
        '2001-06-01',
      ),
    ).toBeUndefined();
    expect(
      membershipCycleOn(
        [{ effectiveFrom: '1900-01-01', rules: tenLearning }],
        '1901-01-01',
        '2000-06-01',
      ),
    ).toBeDefined();
  });

  it('takes a domain with a minimum alone, refuses one with a share and a minimum both', () => {
    expect(
      policyRuleErrors({ ...tenLearning, domains: [{ code: 'a', name: 'A', minimumCredits: 5 }] }),
    ).toEqual([]);
  });

  it('finds the version in force whatever the order they are given in', () => {
    const versions = [
      { effectiveFrom: '2024-01-01', id: 'b' },
      { effectiveFrom: '2013-01-01', id: 'a' },
      { effectiveFrom: '2030-01-01', id: 'c' },
    ];
    expect(versionInForce(versions, '2025-06-01')?.id).toBe('b');
    expect(versionInForce([versions[1], versions[0]], '2025-06-01')?.id).toBe('b');
    expect(versionInForce(versions, '2012-06-01')).toBeUndefined();
  });
});

describe('CPD policies of several professions', () => {
  const policy = (professionId: string | null, code = 'SKP') => ({
    professionId,
    code,
    credentialTypeCode: 'STR',
    membershipCategoryCode: 'STUDENT',
    speciality: null,
  });

  it("follows a type or binds a category of the policy's profession only, and one of none follows every profession's", () => {
    const doctorsStr = { typeCode: 'STR', typeProfessionId: 'doctors' };
    expect(followsCredential(policy('architects'), doctorsStr)).toBe(false);
    expect(followsCredential(policy('doctors'), doctorsStr)).toBe(true);
    expect(followsCredential(policy(null), doctorsStr)).toBe(true);
    const student = { categoryCode: 'STUDENT', categoryProfessionId: 'doctors', speciality: null };
    expect(bindsMember(policy('architects'), student)).toBe(false);
    expect(bindsMember(policy('doctors'), student)).toBe(true);
  });

  it("keeps each profession's versions of a code apart", () => {
    const series = policySeries([policy('doctors'), policy('architects'), policy('doctors')]);
    expect(series.map((versions) => versions.map((p) => p.professionId))).toEqual([
      ['doctors', 'doctors'],
      ['architects'],
    ]);
  });
});
