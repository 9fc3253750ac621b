import type { CredentialOnDay } from 'src/credentials/credential-rules';
import type { MembershipStanding } from 'src/membership/membership-rules';
import { type ObligationOnDay, type StandingFacts, standingOf } from 'src/standing/standing-rules';

const DAY = '2026-06-01';

const membership = (
  onDay: Partial<NonNullable<MembershipStanding['onDay']>> = {},
): MembershipStanding => ({
  membershipId: 'm-1',
  memberNumber: 'JKT-00012',
  memberSince: '2020-01-01',
  category: {
    code: 'ORDINARY',
    name: 'Ordinary',
    professionId: 'p-1',
    requirements: {
      all: [{ qualification: { degrees: ['DOKTER'] } }, { credential: 'STR' }, { pledge: true }],
    },
  },
  historyKnownFrom: null,
  onDay: {
    status: 'active',
    coveredUntil: '2026-12-31',
    graceEndsOn: '2027-03-31',
    since: null,
    suspendedUntil: null,
    ...onDay,
  },
});

const credential = (fields: Partial<CredentialOnDay> = {}): CredentialOnDay => ({
  id: 'c-1',
  typeId: 'str',
  typeCode: 'STR',
  typeName: 'Surat Tanda Registrasi',
  number: 'STR-1',
  verification: 'verified',
  publiclyVerifiable: true,
  heldSince: '2020-01-01',
  validFrom: '2020-01-01',
  validUntil: null,
  revokedOn: null,
  supersededOn: null,
  supersededBy: null,
  suspended: null,
  suspendedUntil: null,
  status: 'active',
  ...fields,
});

/** The category's requirement (a verified Dokter degree, an STR, the pledge) as evaluated, these parts unmet. */
const evaluated = (...unmet: string[]): StandingFacts['categoryRequirements'] => {
  const results = ['qualification:DOKTER', 'credential:STR', 'pledge'].map((name) => ({
    requirement: name,
    met: !unmet.includes(name),
    detail: `${name} ${unmet.includes(name) ? 'missing' : 'held'}`,
  }));
  return { met: results.every((result) => result.met), results };
};

const facts = (fields: Partial<StandingFacts> = {}): StandingFacts => ({
  day: DAY,
  membership: membership(),
  credentials: [credential()],
  overdue: { overdue: 0, overdueMinor: 0, currency: null, since: null },
  pledge: { version: 'KODEKI-2012', pledged: true },
  sanctions: [],
  openInvestigations: null,
  obligations: [],
  categoryRequirements: evaluated(),
  ...fields,
});

const item = (answer: ReturnType<typeof standingOf>, name: string) =>
  answer.requirements.find((requirement) => requirement.requirement === name)!;

/** A practice permit's CPD cycle, met unless told otherwise. */
const permitCycle = (figures: Partial<ObligationOnDay>): ObligationOnDay => ({
  kind: 'cycle',
  policy: 'SKP_SIP',
  credentialNumber: 'SIP-1',
  memberNumber: null,
  caseId: null,
  startsOn: '2022-04-01',
  endsOn: '2027-03-31',
  required: 250,
  counted: 250,
  remaining: 0,
  met: true,
  shortfalls: [],
  toGo: [],
  ...figures,
});

describe(standingOf.name, () => {
  it('is good standing, ready for renewal, when every requirement is met', () => {
    const answer = standingOf(facts());
    expect(answer).toMatchObject({ goodStanding: true, renewalReady: true, nextSteps: [] });
    expect(answer.requirements.map((requirement) => requirement.requirement)).toEqual([
      'membership',
      'dues',
      'credential:STR',
      'pledge',
      'ethics',
      // The category's own parts, the pledge aside: it has its line above.
      'requirement:qualification:DOKTER',
      'requirement:credential:STR',
    ]);
  });

  it.each([
    ['a lapsed membership', { membership: membership({ status: 'lapsed' }) }, 'membership'],
    [
      'dues overdue',
      { overdue: { overdue: 1, overdueMinor: 50000000, currency: 'IDR', since: '2026-04-30' } },
      'dues',
    ],
    [
      'no verified qualification',
      { categoryRequirements: evaluated('qualification:DOKTER') },
      'requirement:qualification:DOKTER',
    ],
    [
      'a suspended registration',
      { credentials: [credential({ status: 'suspended', suspended: true })] },
      'credential:STR',
    ],
    [
      'no pledge to the code in force',
      { pledge: { version: 'KODEKI-2026', pledged: false } },
      'pledge',
    ],
    [
      'a suspension in effect',
      {
        sanctions: [
          {
            type: 'SKORSING',
            name: 'Suspension',
            effect: 'suspension',
            public: true,
            startsOn: '2026-05-01',
            endsOn: '2026-07-31',
            dueOn: null,
          },
        ],
      },
      'ethics',
    ],
  ] as const)('is not good standing with %s, and names it', (_, change, name) => {
    const answer = standingOf(facts(change as Partial<StandingFacts>));
    expect(answer.goodStanding).toBe(false);
    expect(answer.requirements.filter((requirement) => !requirement.met)).toEqual([
      expect.objectContaining({ requirement: name, blocks: 'standing' }),
    ]);
  });

  it('keeps good standing in grace, with the day it lapses as the next step', () => {
    const answer = standingOf(
      facts({
        membership: membership({
          status: 'grace',
          coveredUntil: '2026-05-15',
          graceEndsOn: '2026-08-13',
        }),
      }),
    );
    expect(answer.goodStanding).toBe(true);
    expect(answer.nextSteps).toEqual([
      'Pay the dues before 2026-08-13, when the membership lapses',
    ]);
  });

  it('counts a cycle short of credits against a renewal only, with what is still to go', () => {
    const answer = standingOf(
      facts({
        obligations: [
          permitCycle({
            counted: 243,
            remaining: 7,
            met: false,
            shortfalls: ['learning 38/45 credits'],
          }),
        ],
      }),
    );
    expect(answer).toMatchObject({ goodStanding: true, renewalReady: false });
    expect(item(answer, 'cpd:SKP_SIP')).toMatchObject({
      blocks: 'renewal',
      detail: 'renewal blocked: learning 38/45 credits',
      nextStep: '7 to go before 2027-03-31',
    });
  });

  it('reads a year still running as a next step, neither a shortfall nor a block on renewal', () => {
    const answer = standingOf(
      facts({
        obligations: [permitCycle({ toGo: ['learning in year 5: 12.5 to go by 2027-03-31'] })],
      }),
    );
    expect(answer).toMatchObject({ goodStanding: true, renewalReady: true });
    expect(item(answer, 'cpd:SKP_SIP')).toMatchObject({
      met: true,
      detail: 'SKP_SIP: 250/250 credits from 2022-04-01 to 2027-03-31',
      nextStep: 'SKP_SIP: learning in year 5: 12.5 to go by 2027-03-31',
    });
    expect(answer.nextSteps).toContain('SKP_SIP: learning in year 5: 12.5 to go by 2027-03-31');
  });

  it('holds remedial training past its due date against good standing itself', () => {
    const remedial = {
      kind: 'remedial' as const,
      policy: 'Remedial training',
      credentialNumber: null,
      memberNumber: null,
      caseId: 'case-1',
      startsOn: '2026-01-01',
      required: 10,
      counted: 4,
      remaining: 6,
      met: false,
      shortfalls: ['total 4/10 credits'],
      toGo: [],
    };
    expect(
      standingOf(facts({ obligations: [{ ...remedial, endsOn: '2026-06-30' }] })).goodStanding,
    ).toBe(true);
    const overdue = standingOf(facts({ obligations: [{ ...remedial, endsOn: '2026-05-31' }] }));
    expect(overdue.goodStanding).toBe(false);
    expect(item(overdue, 'cpd:Remedial training').blocks).toBe('standing');
  });

  it('reads an expired credential against standing where the category needs its type, and against renewal otherwise', () => {
    const expired = credential({ status: 'expired', validUntil: '2026-05-01' });
    expect(item(standingOf(facts({ credentials: [expired] })), 'credential:STR').blocks).toBe(
      'standing',
    );
    const permit = credential({
      id: 'c-2',
      typeId: 'sip',
      typeCode: 'SIP',
      typeName: 'SIP',
      number: 'SIP-1',
      status: 'expired',
      validUntil: '2026-05-01',
    });
    const answer = standingOf(facts({ credentials: [credential(), permit] }));
    expect(answer).toMatchObject({ goodStanding: true, renewalReady: false });
    expect(item(answer, 'credential:SIP')).toMatchObject({
      blocks: 'renewal',
      detail: 'SIP SIP-1 expired on 2026-05-02',
    });
  });

  it('leaves out an expired credential its holder has replaced', () => {
    const old = credential({
      id: 'c-0',
      number: 'STR-0',
      validFrom: '2010-01-01',
      validUntil: '2019-12-31',
      status: 'expired',
    });
    const answer = standingOf(facts({ credentials: [credential(), old] }));
    expect(
      answer.requirements.filter((requirement) => requirement.requirement === 'credential:STR'),
    ).toEqual([expect.objectContaining({ subject: 'STR-1', met: true })]);
  });

  it('names a credential the category needs that is not on record, or not yet verified, and the way to it', () => {
    const missing = standingOf(
      facts({ credentials: [], categoryRequirements: evaluated('credential:STR') }),
    );
    expect(missing.goodStanding).toBe(false);
    expect(item(missing, 'requirement:credential:STR')).toMatchObject({
      met: false,
      blocks: 'standing',
    });
    const pending = standingOf(
      facts({
        credentials: [credential({ verification: 'submitted' })],
        categoryRequirements: evaluated('credential:STR'),
      }),
    );
    expect(item(pending, 'credential:STR')).toMatchObject({
      met: false,
      detail: 'Surat Tanda Registrasi STR-1 is not verified',
      nextStep: 'Wait for its verification, or send its evidence',
    });
  });

  it('shows the pledge only where the category asks for it', () => {
    const student = membership();
    student.category = { ...student.category, requirements: null };
    expect(
      standingOf(facts({ membership: student, categoryRequirements: null })).requirements.map(
        (requirement) => requirement.requirement,
      ),
    ).not.toContain('pledge');
  });

  it('answers a person with no membership as not in good standing, with applying as the next step', () => {
    const answer = standingOf(facts({ membership: null, pledge: null }));
    expect(answer.goodStanding).toBe(false);
    expect(item(answer, 'membership')).toMatchObject({
      detail: 'Not a member',
      nextStep: 'Apply for membership',
    });
  });
});

/**
 * Each requirement as a reader gets it, word for word: what a member, a registrar or a hospital
 * reads is the product, so each case names the whole requirement, not a part of it.
 */
describe('standing, each requirement in full', () => {
  const only = (answer: ReturnType<typeof standingOf>, name: string) =>
    answer.requirements.filter((requirement) => requirement.requirement === name);
  const base = { subject: null, blocks: 'standing', nextStep: null, public: false };

  it('reads the membership in each of its states', () => {
    const named = 'Membership JKT-00012 (Ordinary)';
    const states: [Partial<NonNullable<MembershipStanding['onDay']>>, object][] = [
      [{}, { met: true, detail: `${named} active, covered until 2026-12-31`, nextStep: null }],
      [
        { status: 'grace', coveredUntil: '2026-05-31', graceEndsOn: '2026-08-29' },
        {
          met: true,
          detail: `${named} in its grace days: the cover ended on 2026-05-31`,
          nextStep: 'Pay the dues before 2026-08-29, when the membership lapses',
        },
      ],
      [
        { status: 'lapsed', graceEndsOn: '2026-04-30' },
        {
          met: false,
          detail: `${named} lapsed on 2026-05-01`,
          nextStep: 'Pay the dues outstanding, oldest first, to reinstate it',
        },
      ],
      [
        { status: 'suspended', since: '2026-05-01', suspendedUntil: '2026-08-01' },
        {
          met: false,
          detail: `${named} suspended from 2026-05-01 until 2026-08-01`,
          nextStep: 'The suspension ends after 2026-08-01',
        },
      ],
      [
        { status: 'suspended', since: '2026-05-01', suspendedUntil: null },
        { met: false, detail: `${named} suspended from 2026-05-01 until lifted`, nextStep: null },
      ],
      [
        { status: 'resigned', since: '2026-04-01' },
        {
          met: false,
          detail: `${named} resigned on 2026-04-01`,
          nextStep: 'Apply for membership again',
        },
      ],
      [
        { status: 'revoked', since: '2026-04-01' },
        { met: false, detail: `${named} revoked on 2026-04-01`, nextStep: null },
      ],
    ];
    for (const [onDay, expected] of states) {
      expect(only(standingOf(facts({ membership: membership(onDay) })), 'membership')).toEqual([
        {
          ...base,
          requirement: 'membership',
          subject: 'JKT-00012',
          public: true,
          ...expected,
        },
      ]);
    }
    const before = { ...membership(), onDay: null };
    expect(only(standingOf(facts({ membership: before })), 'membership')).toEqual([
      {
        ...base,
        requirement: 'membership',
        met: false,
        public: true,
        detail: `Not yet a member on ${DAY}`,
      },
    ]);
    expect(only(standingOf(facts({ membership: null })), 'membership')).toEqual([
      {
        ...base,
        requirement: 'membership',
        met: false,
        public: true,
        detail: 'Not a member',
        nextStep: 'Apply for membership',
      },
    ]);
  });

  it('reads dues, the qualification and the pledge, met and not', () => {
    const unpaid = (overdue: number) =>
      only(
        standingOf(
          facts({
            overdue: { overdue, overdueMinor: 150000, currency: 'IDR', since: '2026-03-01' },
          }),
        ),
        'dues',
      )[0];
    expect(only(standingOf(facts()), 'dues')).toEqual([
      { ...base, requirement: 'dues', met: true, detail: `No invoice overdue on ${DAY}` },
    ]);
    expect(unpaid(1)).toEqual({
      ...base,
      requirement: 'dues',
      met: false,
      detail: '1 invoice overdue since 2026-03-01: 150000 in minor units of IDR outstanding',
      nextStep: 'Pay the invoices overdue',
    });
    expect(unpaid(2).detail).toBe(
      '2 invoices overdue since 2026-03-01: 150000 in minor units of IDR outstanding',
    );

    // The qualification is a part of the category's requirement, read as it reads it.
    expect(
      only(
        standingOf(facts({ categoryRequirements: evaluated('qualification:DOKTER') })),
        'requirement:qualification:DOKTER',
      ),
    ).toEqual([
      {
        ...base,
        requirement: 'requirement:qualification:DOKTER',
        met: false,
        detail: 'qualification:DOKTER missing',
        nextStep: "Meet the category's requirement: qualification:DOKTER missing",
      },
    ]);

    expect(only(standingOf(facts()), 'pledge')).toEqual([
      {
        ...base,
        requirement: 'pledge',
        met: true,
        detail: 'Pledged to the code of ethics in force (KODEKI-2012)',
      },
    ]);
    expect(
      only(standingOf(facts({ pledge: { version: 'KODEKI-2012', pledged: false } })), 'pledge'),
    ).toEqual([
      {
        ...base,
        requirement: 'pledge',
        met: false,
        detail: 'No pledge to the code of ethics in force (KODEKI-2012)',
        nextStep: 'Pledge to the code of ethics KODEKI-2012',
      },
    ]);
    expect(only(standingOf(facts({ pledge: null })), 'pledge')).toEqual([]);
  });

  it('does not count a credential superseded by a later one, even once past its end', () => {
    const grade = (code: string, fields: Partial<CredentialOnDay>) =>
      credential({
        id: code,
        typeId: code,
        typeCode: code,
        typeName: `Grade ${code}`,
        number: `${code}-1`,
        ...fields,
      });
    const ipm = grade('IPM', { validFrom: '2026-01-10' });
    const ipp = grade('IPP', {
      validUntil: '2026-01-31',
      status: 'superseded',
      supersededOn: '2026-01-10',
      supersededBy: 'IPM-1',
    });
    const answer = standingOf(facts({ credentials: [ipp, ipm] }));
    expect(only(answer, 'credential:IPP')).toEqual([]);
    expect(only(answer, 'credential:IPM')).toEqual([
      expect.objectContaining({ met: true, subject: 'IPM-1' }),
    ]);
    // The old grade adds nothing: not to standing, not to renewal.
    expect(answer).toEqual(standingOf(facts({ credentials: [ipm] })));
  });

  it('reads each credential by its status, the latest of a type counting', () => {
    const str = { ...base, requirement: 'credential:STR', subject: 'STR-1', public: true };
    const read = (...credentials: CredentialOnDay[]) =>
      only(standingOf(facts({ credentials })), 'credential:STR');
    expect(read(credential())).toEqual([
      { ...str, met: true, detail: 'Surat Tanda Registrasi STR-1 valid for life' },
    ]);
    // Renewal is a next step from 90 days before the end, not a day earlier.
    expect(read(credential({ validUntil: '2026-08-30' }))).toEqual([
      {
        ...str,
        met: true,
        detail: 'Surat Tanda Registrasi STR-1 valid until 2026-08-30',
        nextStep: 'Renew Surat Tanda Registrasi STR-1 before 2026-08-30',
      },
    ]);
    expect(read(credential({ validUntil: '2026-08-31' }))[0].nextStep).toBeNull();
    expect(read(credential({ status: 'suspended', suspendedUntil: '2026-09-01' }))).toEqual([
      {
        ...str,
        met: false,
        detail: 'Surat Tanda Registrasi STR-1 suspended until 2026-09-01',
        nextStep: 'The suspension ends after 2026-09-01',
      },
    ]);
    expect(read(credential({ status: 'suspended' }))).toEqual([
      { ...str, met: false, detail: 'Surat Tanda Registrasi STR-1 suspended until lifted' },
    ]);
    expect(read(credential({ status: 'revoked', revokedOn: '2026-02-01' }))).toEqual([
      { ...str, met: false, detail: 'Surat Tanda Registrasi STR-1 revoked on 2026-02-01' },
    ]);
    expect(read(credential({ status: 'expired', validUntil: '2026-04-30' }))).toEqual([
      {
        ...str,
        met: false,
        detail: 'Surat Tanda Registrasi STR-1 expired on 2026-05-01',
        nextStep: 'Renew Surat Tanda Registrasi STR-1, or record the one that replaced it',
      },
    ]);
    // Not verified: it does not count, and the category's need for it is named.
    expect(read(credential({ verification: 'submitted' }))).toEqual([
      {
        ...base,
        requirement: 'credential:STR',
        met: false,
        detail: 'Surat Tanda Registrasi STR-1 is not verified',
        nextStep: 'Wait for its verification, or send its evidence',
      },
    ]);
    // Of two expired ones of a type, the later counts; a valid older one still counts.
    const older = credential({
      id: 'c-0',
      number: 'STR-0',
      validFrom: '2015-01-01',
      status: 'expired',
      validUntil: '2019-12-31',
    });
    const later = credential({
      status: 'expired',
      validFrom: '2020-01-01',
      validUntil: '2026-04-30',
    });
    expect(read(older, later).map((item) => item.subject)).toEqual(['STR-1']);
    expect(read(later, older).map((item) => item.subject)).toEqual(['STR-1']);
    const sameDay = credential({
      id: 'c-2',
      number: 'STR-2',
      status: 'expired',
      validUntil: '2026-04-30',
    });
    expect(read(later, sameDay).map((item) => item.subject)).toEqual(['STR-1']);
    const stillValid = credential({ id: 'c-0', number: 'STR-0', validFrom: '2015-01-01' });
    expect(read(stillValid, later).map((item) => item.subject)).toEqual(['STR-0', 'STR-1']);
    // Another type not verified is no pending STR: the category's requirement names the need.
    const sip = credential({
      id: 'c-9',
      typeId: 'sip',
      typeCode: 'SIP',
      verification: 'submitted',
    });
    expect(
      only(
        standingOf(
          facts({ credentials: [sip], categoryRequirements: evaluated('credential:STR') }),
        ),
        'credential:STR',
      ),
    ).toEqual([]);
  });

  it('reads sanctions and investigations, with what ends them', () => {
    const suspension = {
      type: 'SKORSING',
      name: 'Suspension',
      effect: 'suspension',
      public: true,
      startsOn: '2026-05-01',
      endsOn: '2026-07-31',
      dueOn: null,
    };
    const revocation = {
      ...suspension,
      type: 'PEMECATAN',
      name: 'Expulsion',
      effect: 'revocation',
      endsOn: null,
    };
    const reprimand = {
      ...suspension,
      type: 'TEGURAN',
      name: 'Reprimand',
      effect: 'reprimand',
      public: false,
    };
    const ethics = (fields: Partial<StandingFacts>) => only(standingOf(facts(fields)), 'ethics');
    expect(ethics({ sanctions: [reprimand] })).toEqual([
      {
        ...base,
        requirement: 'ethics',
        met: true,
        detail: 'No suspension or revocation in effect',
      },
    ]);
    expect(ethics({ openInvestigations: 1 })[0].detail).toBe(
      'No suspension or revocation in effect; 1 case under investigation',
    );
    expect(ethics({ openInvestigations: 2 })[0].detail).toBe(
      'No suspension or revocation in effect; 2 cases under investigation',
    );
    expect(ethics({ openInvestigations: 0 })[0].detail).toBe(
      'No suspension or revocation in effect',
    );
    expect(
      ethics({ sanctions: [suspension, revocation, reprimand], openInvestigations: 1 }),
    ).toEqual([
      {
        ...base,
        requirement: 'ethics',
        subject: 'SKORSING',
        met: false,
        public: true,
        detail: 'Suspension from 2026-05-01 until 2026-07-31; 1 case under investigation',
        nextStep: 'The suspension ends after 2026-07-31',
      },
      {
        ...base,
        requirement: 'ethics',
        subject: 'PEMECATAN',
        met: false,
        public: true,
        detail: 'Expulsion since 2026-05-01',
      },
    ]);
  });

  it("reads CPD obligations and the category's own requirements in full", () => {
    const cycle = permitCycle;
    const cpd = (obligation: ObligationOnDay) =>
      standingOf(facts({ obligations: [obligation] })).requirements.at(-1);
    expect(cpd(cycle({}))).toEqual({
      ...base,
      requirement: 'cpd:SKP_SIP',
      subject: 'SIP-1',
      cycleOf: 'credential',
      met: true,
      blocks: 'renewal',
      detail: 'SKP_SIP: 250/250 credits from 2022-04-01 to 2027-03-31',
    });
    // The cycle is the permit's or the membership's, and holds against that one's renewal.
    expect(
      cpd(
        cycle({ credentialNumber: null, memberNumber: 'JKT-1', counted: 112.345, required: 112.5 }),
      ),
    ).toMatchObject({ subject: 'JKT-1', cycleOf: 'membership' });
    expect(cpd(cycle({ counted: 112.345, required: 112.5 }))!.detail).toBe(
      'SKP_SIP: 112.35/112.5 credits from 2022-04-01 to 2027-03-31',
    );
    expect(
      cpd(
        cycle({
          toGo: [
            'learning in year 5: 12.5 to go by 2027-03-31',
            'service in year 5: 1 to go by 2027-03-31',
          ],
        }),
      )!.nextStep,
    ).toBe(
      'SKP_SIP: learning in year 5: 12.5 to go by 2027-03-31; service in year 5: 1 to go by 2027-03-31',
    );
    expect(
      cpd(
        cycle({
          met: false,
          counted: 200,
          remaining: 50,
          shortfalls: ['total 200/250 credits', 'learning 60/112.5 credits'],
        }),
      ),
    ).toMatchObject({
      detail: 'renewal blocked: total 200/250 credits; learning 60/112.5 credits',
      nextStep: '50 to go before 2027-03-31',
      blocks: 'renewal',
    });
    expect(
      cpd(
        cycle({
          met: true,
          counted: 200,
          standIn: { name: 'Competence exam', number: 'UK-1', passedOn: '2027-01-10' },
        }),
      )!.detail,
    ).toBe(
      'SKP_SIP: Competence exam UK-1 passed on 2027-01-10 stands in for the credits (200/250 credits from 2022-04-01 to 2027-03-31)',
    );
    // Remedial training: against standing the day after its due date, not on it.
    const remedial = cycle({
      kind: 'remedial',
      policy: 'Remedial',
      credentialNumber: null,
      caseId: 'case-7',
      startsOn: '2026-01-01',
      endsOn: '2026-05-31',
      required: 10,
      counted: 4,
      remaining: 6,
      met: false,
      shortfalls: ['total 4/10 credits'],
    });
    // Remedial training is no one credential's: it holds against every renewal.
    expect(cpd(remedial)).toEqual({
      ...base,
      requirement: 'cpd:Remedial',
      subject: 'case-7',
      met: false,
      detail: 'remedial training overdue: total 4/10 credits',
      nextStep: 'Earn the 6 credits of Remedial still owed (due 2026-05-31)',
    });
    expect(cpd({ ...remedial, endsOn: DAY })!.blocks).toBe('renewal');
    // A cycle past its end is never "overdue" remedial training: it blocks a renewal.
    expect(cpd({ ...remedial, kind: 'cycle' })!.blocks).toBe('renewal');

    const category = standingOf(
      facts({
        categoryRequirements: {
          met: false,
          results: [
            {
              requirement: 'age:25',
              met: false,
              detail: 'Needs to be at least 25 years old; 25 on 2026-09-01',
            },
            { requirement: 'declared:NOT_CIVIL_SERVANT', met: true, detail: 'Declared' },
          ],
        },
      }),
    );
    expect(
      category.requirements.filter((item) => item.requirement.startsWith('requirement:')),
    ).toEqual([
      {
        ...base,
        requirement: 'requirement:age:25',
        met: false,
        detail: 'Needs to be at least 25 years old; 25 on 2026-09-01',
        nextStep:
          "Meet the category's requirement: Needs to be at least 25 years old; 25 on 2026-09-01",
      },
      {
        ...base,
        requirement: 'requirement:declared:NOT_CIVIL_SERVANT',
        met: true,
        detail: 'Declared',
      },
    ]);
    expect(category).toMatchObject({ goodStanding: false, renewalReady: false });
  });
});
