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
    requiresVerifiedQualification: true,
    qualificationDegrees: ['DOKTER'],
    requiredCredentialTypeId: 'str',
    requirements: null,
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
  suspended: null,
  suspendedUntil: null,
  status: 'active',
  ...fields,
});

const facts = (fields: Partial<StandingFacts> = {}): StandingFacts => ({
  day: DAY,
  membership: membership(),
  credentials: [credential()],
  degreeNames: new Map([['DOKTER', 'Dokter']]),
  qualified: true,
  overdue: { overdue: 0, overdueMinor: 0, currency: null, since: null },
  pledge: { version: 'KODEKI-2012', pledged: true },
  sanctions: [],
  openInvestigations: null,
  obligations: [],
  categoryRequirements: null,
  ...fields,
});

const item = (answer: ReturnType<typeof standingOf>, name: string) =>
  answer.requirements.find((requirement) => requirement.requirement === name)!;

describe(standingOf.name, () => {
  it('is good standing, ready for renewal, when every requirement is met', () => {
    const answer = standingOf(facts());
    expect(answer).toMatchObject({ goodStanding: true, renewalReady: true, nextSteps: [] });
    expect(answer.requirements.map((requirement) => requirement.requirement)).toEqual([
      'membership',
      'dues',
      'qualification',
      'credential:STR',
      'pledge',
      'ethics',
    ]);
  });

  it.each([
    ['a lapsed membership', { membership: membership({ status: 'lapsed' }) }, 'membership'],
    [
      'dues overdue',
      { overdue: { overdue: 1, overdueMinor: 50000000, currency: 'IDR', since: '2026-04-30' } },
      'dues',
    ],
    ['no verified qualification', { qualified: false }, 'qualification'],
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

  it('names a credential the category needs that is not on record, and the way to it', () => {
    const answer = standingOf(facts({ credentials: [] }));
    expect(answer.goodStanding).toBe(false);
    expect(item(answer, 'credential:required')).toMatchObject({
      met: false,
      nextStep: 'Record the credential with its evidence',
    });
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
