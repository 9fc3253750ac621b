import {
  credentialCodesOf,
  evaluate,
  names,
  namesPersonFacts,
  type PersonFacts,
  type Requirement,
  type RequirementFacts,
  requirementErrors,
  requirementProblems,
  degreeCodesOf,
} from 'src/requirements/requirement-rules';

const advocate: Requirement = {
  all: [
    {
      qualification: {
        degrees: ['SARJANA_HUKUM'],
        field: 'Ilmu Hukum',
        accreditedInstitution: true,
      },
    },
    { credential: 'PKPA' },
    { credential: 'UPA' },
    { credential: 'MAGANG', heldForMonths: 24 },
  ],
};

const facts = (over: Partial<RequirementFacts> = {}): RequirementFacts => ({
  today: '2026-06-01',
  credentials: [],
  qualifications: [],
  ...over,
});

const law = {
  degree: 'Sarjana Hukum (S.H.)',
  degreeCode: 'SARJANA_HUKUM',
  field: 'Ilmu Hukum',
  institutionAccredited: true,
};

describe(evaluate.name, () => {
  it('names every unmet leaf of an all-of requirement', () => {
    const { met, results } = evaluate(advocate, facts());
    expect(met).toBe(false);
    expect(results.map((r) => [r.requirement, r.met])).toEqual([
      ['qualification:SARJANA_HUKUM', false],
      ['credential:PKPA', false],
      ['credential:UPA', false],
      ['credential:MAGANG', false],
    ]);
    expect(results[0].detail).toBe(
      'Needs a verified qualification (SARJANA_HUKUM in Ilmu Hukum from an accredited institution); none verified is on record',
    );
  });

  it('is met when each leaf is, the internship counted from its start to the day', () => {
    const held = (validFrom: string) =>
      facts({
        qualifications: [law],
        credentials: [
          { typeCode: 'PKPA', validFrom: '2023-01-01' },
          { typeCode: 'UPA', validFrom: '2023-06-01' },
          { typeCode: 'MAGANG', validFrom },
        ],
      });
    expect(evaluate(advocate, held('2024-06-01')).met).toBe(true);
    const short = evaluate(advocate, held('2024-06-02'));
    expect(short.met).toBe(false);
    expect(short.results[3].detail).toBe(
      'Needs a verified MAGANG held for at least 24 months without a break; held since 2024-06-02, 24 months on 2026-06-02',
    );
  });

  it("reads a duration as the record's own period: a completed internship counts after its end, a short one never does", () => {
    const internship: Requirement = { credential: 'MAGANG', heldForMonths: 24 };
    const on = (...credentials: RequirementFacts['credentials']) =>
      evaluate(internship, facts({ credentials })).results[0];
    // Two years, 2021-01-01 to 2022-12-31, ended: held for 24 months.
    expect(
      on({
        typeCode: 'MAGANG',
        validFrom: '2021-01-01',
        validUntil: '2022-12-31',
        validToday: false,
      }),
    ).toEqual({
      requirement: 'credential:MAGANG',
      met: true,
      detail:
        'Holds a verified MAGANG held for at least 24 months without a break: 2021-01-01 to 2022-12-31',
    });
    // A day short of two years, or one month long years ago: not held that long.
    expect(
      on({
        typeCode: 'MAGANG',
        validFrom: '2021-01-02',
        validUntil: '2022-12-31',
        validToday: false,
      }),
    ).toMatchObject({
      met: false,
      detail:
        'Needs a verified MAGANG held for at least 24 months without a break; held 2021-01-02 to 2022-12-31',
    });
    expect(
      on({
        typeCode: 'MAGANG',
        validFrom: '2020-01-01',
        validUntil: '2020-01-31',
        validToday: false,
      }).met,
    ).toBe(false);
    // Two periods of a year each with a gap are not 24 months without a break.
    const twoEmployers = [
      { typeCode: 'MAGANG', validFrom: '2021-01-01', validUntil: '2021-12-31', validToday: false },
      { typeCode: 'MAGANG', validFrom: '2022-03-01', validUntil: '2023-02-28', validToday: false },
    ];
    expect(on(...twoEmployers).met).toBe(false);
    // Running and set to end before the duration: it says when it was held, not when it will be.
    expect(
      on({ typeCode: 'MAGANG', validFrom: '2025-01-01', validUntil: '2026-12-31' }).detail,
    ).toBe(
      'Needs a verified MAGANG held for at least 24 months without a break; held since 2025-01-01, 24 months on 2027-01-01',
    );
    expect(
      on({ typeCode: 'MAGANG', validFrom: '2025-01-01', validUntil: '2026-06-30' }).detail,
    ).toBe(
      'Needs a verified MAGANG held for at least 24 months without a break; held 2025-01-01 to 2026-05-31',
    );
  });

  it('adds up the periods of several records where the rule says so, each day once', () => {
    const practice: Requirement = { credential: 'PRAKTIK', heldForMonths: 24, addUp: true };
    const period = (validFrom: string, validUntil: string) => ({
      typeCode: 'PRAKTIK',
      validFrom,
      validUntil,
      validToday: false,
    });
    const on = (...credentials: RequirementFacts['credentials']) =>
      evaluate(practice, facts({ credentials })).results[0];
    expect(on(period('2021-01-01', '2021-12-31'), period('2023-01-01', '2023-12-31'))).toEqual({
      requirement: 'credential:PRAKTIK',
      met: true,
      detail:
        'Holds a verified PRAKTIK for at least 24 months in all: 730 days (2021-01-01 to 2021-12-31, 2023-01-01 to 2023-12-31)',
    });
    // Overlapping periods count each day once: 2021 and half of it again is one year.
    expect(on(period('2021-01-01', '2021-12-31'), period('2021-06-01', '2021-12-31')).detail).toBe(
      'Needs a verified PRAKTIK for at least 24 months in all (730 days); 365 days on record (2021-01-01 to 2021-12-31, 2021-06-01 to 2021-12-31)',
    );
    expect(on(period('2021-01-01', '2022-12-30')).met).toBe(false);
    expect(on(period('2021-06-01', '2022-06-01'), period('2020-01-01', '2021-06-01')).met).toBe(
      true,
    );
  });

  it("reads a credential named as one of the requirement's profession, or of none: another profession's of the same code never counts", () => {
    const registration: Requirement = { credential: 'STR' };
    const str = (typeProfessionId: string | null) => ({
      typeCode: 'STR',
      typeProfessionId,
      validFrom: '2020-01-01',
    });
    const met = (professionId: string | null, held: ReturnType<typeof str>[]) =>
      evaluate(registration, facts({ professionId, credentials: held })).met;
    expect(met('architects', [str('doctors')])).toBe(false);
    expect(met('architects', [str('doctors'), str('architects')])).toBe(true);
    expect(met('architects', [str(null)])).toBe(true);
    // A requirement of no profession takes any profession's.
    expect(met(null, [str('doctors')])).toBe(true);
  });

  it('needs a credential valid today where no duration is named', () => {
    const permit: Requirement = { credential: 'SIP' };
    expect(
      evaluate(
        permit,
        facts({
          credentials: [
            {
              typeCode: 'SIP',
              validFrom: '2020-01-01',
              validUntil: '2024-12-31',
              validToday: false,
            },
          ],
        }),
      ).results[0],
    ).toEqual({
      requirement: 'credential:SIP',
      met: false,
      detail: 'Needs a valid, verified SIP; the one on record is not valid today',
    });
  });

  it('refuses a degree from an institution that is not accredited, or in another field', () => {
    for (const qualification of [
      { ...law, institutionAccredited: false },
      { ...law, field: 'Ilmu Ekonomi' },
      { ...law, degreeCode: null },
    ]) {
      const { results } = evaluate(advocate, facts({ qualifications: [qualification] }));
      expect(results[0].met).toBe(false);
    }
  });

  it('matches a degree by its level where any degree of that level will do', () => {
    const master: Requirement = { qualification: { levels: ['master', 'doctorate'] } };
    const held = (degreeLevel: string | null) =>
      evaluate(master, facts({ qualifications: [{ ...law, degreeLevel }] }));
    expect(held('master').met).toBe(true);
    expect(held('bachelor').met).toBe(false);
    expect(held(null).results[0]).toMatchObject({
      requirement: 'qualification:master|doctorate',
      detail: expect.stringMatching(
        /^Needs a verified qualification \(a master or doctorate degree\)/,
      ),
    });
  });

  it('counts any-of and at-least-N-of', () => {
    const anyOf: Requirement = { any: [{ credential: 'STR' }, { credential: 'SIP' }] };
    expect(
      evaluate(anyOf, facts({ credentials: [{ typeCode: 'SIP', validFrom: '2020-01-01' }] })).met,
    ).toBe(true);
    expect(evaluate(anyOf, facts()).met).toBe(false);
    const twoOf: Requirement = {
      atLeast: 2,
      of: [{ credential: 'A' }, { credential: 'B' }, { credential: 'C' }],
    };
    const one = facts({ credentials: [{ typeCode: 'A', validFrom: '2020-01-01' }] });
    expect(evaluate(twoOf, one).met).toBe(false);
    expect(evaluate(twoOf, one).results).toEqual([
      {
        requirement: 'at-least-2-of(credential:A,credential:B,credential:C)',
        met: false,
        detail: expect.stringMatching(/^Needs 2 of these, meets 1: Holds a valid, verified A; /),
      },
    ]);
    one.credentials.push({ typeCode: 'C', validFrom: '2021-01-01' });
    expect(evaluate(twoOf, one).met).toBe(true);
  });

  it('asks for a pledge to the code in force, and is never met where no code is in force', () => {
    const sworn: Requirement = { all: [{ credential: 'UPA' }, { pledge: true }] };
    const upa = [{ typeCode: 'UPA', validFrom: '2024-01-01' }];
    const pledged = (pledge: RequirementFacts['pledge']) =>
      evaluate(sworn, facts({ credentials: upa, pledge }));
    expect(pledged({ version: 'KEAI-2002', pledged: true }).met).toBe(true);
    expect(pledged({ version: 'KEAI-2002', pledged: false }).results[1]).toEqual({
      requirement: 'pledge',
      met: false,
      detail: 'Needs a pledge to the code in force (KEAI-2002); none is on record',
    });
    expect(pledged(null).met).toBe(false);
    expect(names(sworn, 'pledge')).toBe(true);
    expect(names(advocate, 'pledge')).toBe(false);
    expect(() => evaluate(sworn, facts({ credentials: upa }))).toThrow(/pledge standing/);
  });

  it('asks that no invoice be open past its due date', () => {
    const paid: Requirement = { fees: 'paid' };
    const fees = (overdue: number) =>
      evaluate(paid, facts({ fees: { overdue, overdueMinor: overdue * 500, currency: 'IDR' } }));
    expect(fees(0).results).toEqual([
      { requirement: 'fees-paid', met: true, detail: 'Every invoice due by today is paid' },
    ]);
    expect(fees(2).results[0].detail).toBe(
      'Needs every invoice due by today paid; 2 overdue (1000 in minor units of IDR)',
    );
    expect(names({ any: [{ credential: 'A' }, paid] }, 'fees')).toBe(true);
    expect(requirementErrors({ fees: true }, 'r').map((e) => e.field)).toEqual(['r.fees']);
  });
});

describe('requirements on the person: age, declarations, acts of the association', () => {
  const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
    birthDate: '2001-06-02',
    declarations: [],
    acts: [],
    ...over,
  });
  const on = (requirement: Requirement, facts: PersonFacts, today = '2026-06-01') =>
    evaluate(requirement, { today, credentials: [], qualifications: [], person: facts }).results[0];

  it('reads an age from the birth date: met on the birthday, not the day before', () => {
    const age: Requirement = { minimumAge: 25 };
    expect(on(age, person())).toEqual({
      requirement: 'age:25',
      met: false,
      detail: 'Needs to be at least 25 years old; 25 on 2026-06-02',
    });
    expect(on(age, person(), '2026-06-02')).toEqual({
      requirement: 'age:25',
      met: true,
      detail: 'Is at least 25 years old (born 2001-06-02)',
    });
    expect(on(age, person({ birthDate: null })).detail).toBe(
      'Needs to be at least 25 years old; no birth date is on record',
    );
    // Born on 29 February: of age on 1 March of a year without one.
    expect(on(age, person({ birthDate: '2000-02-29' }), '2025-02-28').met).toBe(false);
    expect(on(age, person({ birthDate: '2000-02-29' }), '2025-03-01').met).toBe(true);
  });

  it('needs a declaration confirmed by a check: one not yet checked or refuted does not do', () => {
    const declared: Requirement = { declared: 'NOT_CIVIL_SERVANT' };
    const declaration = (outcome: 'confirmed' | 'refuted' | null, checkedOn: string | null) => ({
      code: 'NOT_CIVIL_SERVANT',
      declaredOn: '2026-05-01',
      outcome,
      checkedOn,
    });
    expect(on(declared, person()).detail).toBe(
      'Needs the declaration NOT_CIVIL_SERVANT, checked; none is on record',
    );
    expect(on(declared, person({ declarations: [declaration(null, null)] }))).toEqual({
      requirement: 'declared:NOT_CIVIL_SERVANT',
      met: false,
      detail:
        'Needs the declaration NOT_CIVIL_SERVANT, checked; the one of 2026-05-01 is not yet checked',
    });
    expect(
      on(declared, person({ declarations: [declaration('refuted', '2026-05-03')] })).detail,
    ).toBe(
      'Needs the declaration NOT_CIVIL_SERVANT, checked; the one of 2026-05-01 was refuted on 2026-05-03',
    );
    expect(
      on(
        declared,
        person({
          declarations: [
            declaration('refuted', '2026-05-03'),
            declaration('confirmed', '2026-05-20'),
          ],
        }),
      ),
    ).toEqual({
      requirement: 'declared:NOT_CIVIL_SERVANT',
      met: true,
      detail: 'Declared NOT_CIVIL_SERVANT on 2026-05-01, checked on 2026-05-20',
    });
    expect(
      on(
        declared,
        person({ declarations: [{ ...declaration('confirmed', '2026-05-20'), code: 'X' }] }),
      ).met,
    ).toBe(false);
  });

  it("needs the association's act decided by the day", () => {
    const appointed: Requirement = { decided: 'APPOINTMENT' };
    const act = { code: 'APPOINTMENT', decidedOn: '2026-05-10', reference: 'SK 12/2026' };
    expect(on(appointed, person({ acts: [act] }))).toEqual({
      requirement: 'decided:APPOINTMENT',
      met: true,
      detail: 'The association decided APPOINTMENT on 2026-05-10 (SK 12/2026)',
    });
    expect(on(appointed, person({ acts: [act] }), '2026-05-09')).toEqual({
      requirement: 'decided:APPOINTMENT',
      met: false,
      detail: "Needs the association's decision APPOINTMENT; none is on record",
    });
    expect(on(appointed, person({ acts: [{ ...act, code: 'OTHER' }] })).met).toBe(false);
  });

  it('reads the person only where a requirement names them, and refuses to guess without their record', () => {
    const sworn: Requirement = {
      all: [{ credential: 'UPA' }, { any: [{ decided: 'APPOINTMENT' }] }],
    };
    expect(namesPersonFacts(sworn)).toBe(true);
    expect(namesPersonFacts({ atLeast: 1, of: [{ minimumAge: 25 }] })).toBe(true);
    expect(namesPersonFacts({ all: [{ declared: 'A' }] })).toBe(true);
    expect(namesPersonFacts(advocate)).toBe(false);
    expect(() => evaluate({ minimumAge: 25 }, facts())).toThrow(/their record/);
    expect(
      requirementErrors(
        {
          all: [
            { minimumAge: 0 },
            { minimumAge: 121 },
            { minimumAge: 2.5 },
            { declared: 'x' },
            { decided: 7 },
            { minimumAge: 25 },
            { declared: 'A' },
            { decided: 'B' },
          ],
        },
        'r',
      ).map((e) => e.field),
    ).toEqual([
      'r.all[0].minimumAge',
      'r.all[1].minimumAge',
      'r.all[2].minimumAge',
      'r.all[3].declared',
      'r.all[4].decided',
    ]);
  });
});

describe(requirementErrors.name, () => {
  it('accepts a well-formed requirement and lists the credential codes it names', () => {
    expect(requirementErrors(advocate, 'issueRequirements')).toEqual([]);
    expect(credentialCodesOf(advocate)).toEqual(['PKPA', 'UPA', 'MAGANG']);
  });

  it('names each malformed part by its path', () => {
    expect(
      requirementErrors(
        {
          all: [
            { credential: 'upa' },
            { atLeast: 3, of: [{ credential: 'A' }] },
            { qualification: { degrees: [], colour: 'red' } },
            { credential: 'X', heldForMonths: 0 },
            { something: true },
            { pledge: 'yes' },
          ],
        },
        'r',
      ).map((e) => e.field),
    ).toEqual([
      'r.all[0].credential',
      'r.all[1].atLeast',
      'r.all[2].qualification.colour',
      'r.all[2].qualification.degrees',
      'r.all[3].heldForMonths',
      'r.all[4]',
      'r.all[5].pledge',
    ]);
  });

  it('refuses nesting deeper than five levels and empty groups', () => {
    let deep: Requirement = { credential: 'A' };
    for (let i = 0; i < 6; i++) deep = { all: [deep] };
    expect(requirementErrors(deep, 'r')[0].message).toContain('deeper than 5');
    expect(requirementErrors({ any: [] }, 'r')[0].field).toBe('r.any');
    expect(requirementErrors('STR', 'r')[0].field).toBe('r');
  });
});

/** Each message as the admin who wrote the requirement reads it, by the field it is about. */
describe('requirements as data, every message in full', () => {
  const errors = (value: unknown) => requirementErrors(value, 'r');
  const one = (field: string, message: string) => [{ field, message: `${field} ${message}` }];

  it('names what a malformed requirement gets wrong, word for word', () => {
    const shape =
      'must be an object: {all}, {any}, {atLeast, of}, {credential}, {qualification}, {pledge}, {fees}, {applicationFee}, {minimumAge}, {declared} or {decided}';
    for (const value of [null, 'STR', 7, [{ credential: 'A' }]]) {
      expect(errors(value)).toEqual(one('r', shape));
    }
    expect(errors({ credential: 'A', pledge: true })).toEqual(
      one(
        'r',
        'must have exactly one of: all, any, atLeast with of, credential, qualification, pledge, fees, applicationFee, minimumAge, declared, decided',
      ),
    );
    // The keys in any order.
    expect(errors({ of: [{ credential: 'A' }], atLeast: 1 })).toEqual([]);
    expect(errors({ heldForMonths: 2, addUp: true, credential: 'A' })).toEqual([]);
    expect(errors({ all: [] })).toEqual(one('r.all', 'must be a list of 1 to 50 requirements'));
    expect(errors({ any: 'A' })).toEqual(one('r.any', 'must be a list of 1 to 50 requirements'));
    expect(errors({ all: Array(51).fill({ pledge: true }) })).toEqual(
      one('r.all', 'must be a list of 1 to 50 requirements'),
    );
    expect(errors({ all: Array(50).fill({ pledge: true }) })).toEqual([]);
    let five: unknown = { pledge: true };
    for (let i = 0; i < 4; i++) five = { all: [five] };
    expect(errors(five)).toEqual([]);
    expect(errors({ all: [five] })).toEqual(
      one('r.all[0].all[0].all[0].all[0].all', 'nests deeper than 5 levels'),
    );
    const atLeast = 'must be a whole number from 1 to the number of requirements in of';
    expect(errors({ atLeast: 0, of: [{ pledge: true }] })).toEqual(one('r.atLeast', atLeast));
    expect(errors({ atLeast: 2, of: [{ pledge: true }] })).toEqual(one('r.atLeast', atLeast));
    expect(errors({ atLeast: 1.5, of: [{ pledge: true }, { fees: 'paid' }] })).toEqual(
      one('r.atLeast', atLeast),
    );
    expect(errors({ atLeast: 2, of: [{ pledge: true }, { fees: 'paid' }] })).toEqual([]);
    expect(errors({ atLeast: 1, of: [{ pledge: 1 }] })).toEqual(
      one('r.of[0].pledge', 'must be true: a pledge to the code of ethics of the profession'),
    );
    expect(errors({ atLeast: 1, of: 'x' })).toEqual([
      ...one('r.atLeast', atLeast),
      ...one('r.of', 'must be a list of 1 to 50 requirements'),
    ]);
  });

  it('checks each leaf, word for word', () => {
    expect(errors({ credential: 7 })).toEqual(
      one('r.credential', 'must be a credential type code such as STR'),
    );
    expect(errors({ credential: 'xSTR' })).toEqual(
      one('r.credential', 'must be a credential type code such as STR'),
    );
    expect(errors({ credential: 'STRx' })).toEqual(
      one('r.credential', 'must be a credential type code such as STR'),
    );
    expect(errors({ credential: 'A'.repeat(41) })).toHaveLength(1);
    expect(errors({ credential: 'A'.repeat(40) })).toEqual([]);
    const months = 'must be a whole number of months from 1 to 600';
    for (const heldForMonths of [0, 601, 1.5, '3']) {
      expect(errors({ credential: 'A', heldForMonths })).toEqual(one('r.heldForMonths', months));
    }
    for (const heldForMonths of [1, 600]) {
      expect(errors({ credential: 'A', heldForMonths })).toEqual([]);
    }
    expect(errors({ credential: 'A', heldForMonths: 2, addUp: false })).toEqual(
      one('r.addUp', 'must be true: the periods of every record add up'),
    );
    expect(errors({ credential: 'A', heldForMonths: 2, addUp: 'yes' })).toHaveLength(1);

    const q = (qualification: unknown) => errors({ qualification });
    expect(q('law')).toEqual(
      one(
        'r.qualification',
        'must be an object: {degrees?, levels?, field?, accreditedInstitution?}',
      ),
    );
    expect(q(null)).toHaveLength(1);
    expect(q({})).toEqual([]);
    expect(q({ colour: 'red' })).toEqual(
      one('r.qualification.colour', 'is not a qualification condition'),
    );
    const degrees = 'must be a list of degree codes such as DOKTER';
    for (const value of [[], 'DOKTER', ['dokter'], [7], Array(51).fill('A')]) {
      expect(q({ degrees: value })).toEqual(one('r.qualification.degrees', degrees));
    }
    expect(q({ degrees: Array(50).fill('A') })).toEqual([]);
    const levels = 'must be a list of degree levels such as master';
    for (const value of [[], 'master', ['Master'], [7], ['a'.repeat(21)], Array(51).fill('a')]) {
      expect(q({ levels: value })).toEqual(one('r.qualification.levels', levels));
    }
    expect(q({ levels: ['a'.repeat(20), 'master_x'] })).toEqual([]);
    expect(q({ levels: Array(50).fill('a') })).toEqual([]);
    const field = 'must be a field of study of up to 200 characters';
    for (const value of ['   ', 7, 'x'.repeat(201)]) {
      expect(q({ field: value })).toEqual(one('r.qualification.field', field));
    }
    expect(q({ field: 'x'.repeat(200) })).toEqual([]);
    expect(q({ accreditedInstitution: 'yes' })).toEqual(
      one('r.qualification.accreditedInstitution', 'must be true or false'),
    );
    expect(q({ accreditedInstitution: false })).toEqual([]);

    expect(errors({ pledge: true })).toEqual([]);
    expect(errors({ pledge: false })).toHaveLength(1);
    expect(errors({ fees: 'paid' })).toEqual([]);
    expect(errors({ fees: 'unpaid' })).toEqual(
      one('r.fees', 'must be "paid": no invoice open past its due date'),
    );
    expect(errors({ minimumAge: 1 })).toEqual([]);
    expect(errors({ minimumAge: 120 })).toEqual([]);
    expect(errors({ minimumAge: '25' })).toEqual(
      one('r.minimumAge', 'must be a whole number of years from 1 to 120'),
    );
    expect(errors({ declared: 'NOT_CIVIL_SERVANT' })).toEqual([]);
    expect(errors({ declared: 7 })).toEqual(
      one('r.declared', 'must be the code of a declaration such as NOT_CIVIL_SERVANT'),
    );
    expect(errors({ decided: 'appointment' })).toEqual(
      one('r.decided', "must be the code of an association's act such as APPOINTMENT"),
    );
  });

  it('names the credential types, degrees and levels it uses that the association does not have', async () => {
    const requirement: Requirement = {
      all: [
        { credential: 'STR' },
        { any: [{ credential: 'UPA' }, { qualification: { degrees: ['SH', 'MH'] } }] },
        {
          atLeast: 1,
          of: [{ credential: 'X' }, { qualification: { levels: ['master', 'guru'] } }],
        },
        { qualification: { field: 'Law' } },
      ],
    };
    expect(credentialCodesOf(requirement)).toEqual(['STR', 'UPA', 'X']);
    expect(degreeCodesOf(requirement)).toEqual(['SH', 'MH']);
    const names = {
      credentialTypeCodes: () => Promise.resolve(new Set(['STR', 'UPA'])),
      degreeNames: (codes: string[]) =>
        Promise.resolve(
          new Map(codes.filter((code) => code === 'SH').map((code) => [code, 'Sarjana Hukum'])),
        ),
      degreeLevels: ['bachelor', 'master'],
    };
    expect(await requirementProblems(requirement, 'req', names)).toEqual([
      {
        field: 'req',
        message: 'req names degree levels that do not exist: guru (levels: bachelor, master)',
      },
      { field: 'req', message: 'req names credential types that do not exist: X' },
      { field: 'req', message: 'req names degrees that do not exist (GET /degrees): MH' },
    ]);
    expect(
      await requirementProblems(
        { all: [{ credential: 'STR' }, { credential: 'UPA' }] },
        'req',
        names,
      ),
    ).toEqual([]);
    expect(
      await requirementProblems({ any: [{ credential: 'Y' }, { credential: 'Z' }] }, 'req', names),
    ).toEqual([{ field: 'req', message: 'req names credential types that do not exist: Y, Z' }]);
    // A malformed requirement is answered by its shape first.
    expect(await requirementProblems({ credential: 'y' }, 'req', names)).toEqual(
      one('req.credential', 'must be a credential type code such as STR'),
    );
  });

  it('reads any-of and at-least-N-of as one part, naming what it counted', () => {
    const facts2: RequirementFacts = {
      today: '2026-06-01',
      credentials: [
        { typeCode: 'A', validFrom: '2020-01-01' },
        { typeCode: 'C', validFrom: '2020-01-01' },
      ],
      qualifications: [],
    };
    expect(evaluate({ any: [{ credential: 'A' }, { credential: 'B' }] }, facts2).results).toEqual([
      {
        requirement: 'any-of(credential:A,credential:B)',
        met: true,
        detail: 'Meets 1 of these, where one is needed: Holds a valid, verified A',
      },
    ]);
    expect(
      evaluate(
        { atLeast: 2, of: [{ credential: 'A' }, { credential: 'B' }, { credential: 'C' }] },
        facts2,
      ).results,
    ).toEqual([
      {
        requirement: 'at-least-2-of(credential:A,credential:B,credential:C)',
        met: true,
        detail:
          'Meets 2 of these, where 2 are needed: Holds a valid, verified A; Holds a valid, verified C',
      },
    ]);
    expect(evaluate({ any: [{ credential: 'B' }, { credential: 'D' }] }, facts2).results).toEqual([
      {
        requirement: 'any-of(credential:B,credential:D)',
        met: false,
        detail:
          'Needs one of these, meets 0: Needs a valid, verified B; none is on record; Needs a valid, verified D; none is on record',
      },
    ]);
    expect(names({ atLeast: 1, of: [{ credential: 'A' }, { pledge: true }] }, 'pledge')).toBe(true);
    expect(names({ any: [{ credential: 'A' }, { fees: 'paid' }] }, 'pledge')).toBe(false);
  });

  it('names a qualification by what it asks, and what is on record when unmet', () => {
    const held = (over: Partial<RequirementFacts['qualifications'][number]> = {}) => ({
      ...law,
      ...over,
    });
    const on = (requirement: Requirement, qualifications: RequirementFacts['qualifications']) =>
      evaluate(requirement, facts({ qualifications })).results[0];
    expect(
      on({ qualification: { degrees: ['SARJANA_HUKUM', 'MAGISTER_HUKUM'] } }, [held()]),
    ).toEqual({
      requirement: 'qualification:SARJANA_HUKUM|MAGISTER_HUKUM',
      met: true,
      detail:
        'Holds a verified qualification (SARJANA_HUKUM or MAGISTER_HUKUM): Sarjana Hukum (S.H.)',
    });
    expect(on({ qualification: {} }, [])).toEqual({
      requirement: 'qualification:any',
      met: false,
      detail: 'Needs a verified qualification (a degree); none verified is on record',
    });
    expect(
      on({ qualification: { degrees: ['SARJANA_HUKUM'] } }, [
        held({ degreeCode: 'SARJANA_EKONOMI', degree: 'S.E.', field: 'Ekonomi' }),
        held({ degree: 'S.H.', institutionAccredited: false }),
      ]),
    ).toEqual({
      requirement: 'qualification:SARJANA_HUKUM',
      met: true,
      detail: 'Holds a verified qualification (SARJANA_HUKUM): S.H.',
    });
    expect(
      on({ qualification: { degrees: ['SARJANA_HUKUM'], accreditedInstitution: true } }, [
        held({ degreeCode: 'SARJANA_EKONOMI', degree: 'S.E.', field: 'Ekonomi' }),
        held({ degree: 'S.H.', institutionAccredited: false }),
      ]).detail,
    ).toBe(
      'Needs a verified qualification (SARJANA_HUKUM from an accredited institution); verified on record: S.E. in Ekonomi; S.H. in Ilmu Hukum (institution not accredited)',
    );
    expect(
      on({ qualification: { levels: ['master'] } }, [held({ degreeLevel: 'bachelor' })]).met,
    ).toBe(false);
    expect(
      on({ qualification: { field: ' ilmu hukum ' } }, [held({ field: 'Ilmu Hukum  ' })]).met,
    ).toBe(true);
  });

  it('reads a pledge and fees, word for word', () => {
    const pledged = (pledge: RequirementFacts['pledge']) =>
      evaluate({ pledge: true }, facts({ pledge })).results[0];
    expect(pledged(null)).toEqual({
      requirement: 'pledge',
      met: false,
      detail: 'Needs a pledge to the code of ethics; no version of the code is in force',
    });
    expect(pledged({ version: 'KEAI-2002', pledged: true })).toEqual({
      requirement: 'pledge',
      met: true,
      detail: 'Pledged to the code in force (KEAI-2002)',
    });
    const fees = (overdue: number) =>
      evaluate({ fees: 'paid' }, facts({ fees: { overdue, overdueMinor: 500, currency: null } }))
        .results[0];
    expect(fees(1)).toEqual({
      requirement: 'fees-paid',
      met: false,
      detail:
        'Needs every invoice due by today paid; 1 overdue (500 in minor units of the invoice currency)',
    });
    expect(() => evaluate({ fees: 'paid' }, facts())).toThrow(/invoices overdue/);
  });

  it('counts a period ending today to yesterday, and periods that touch as one', () => {
    const a = (validFrom: string, validUntil: string | null, validToday = false) => ({
      typeCode: 'A',
      validFrom,
      validUntil,
      validToday,
    });
    const on = (requirement: Requirement, ...credentials: RequirementFacts['credentials']) =>
      evaluate(requirement, facts({ credentials })).results[0];
    // Ends today: counted to yesterday, as one still running.
    expect(
      on({ credential: 'A', heldForMonths: 24 }, a('2024-06-02', '2026-06-01', true)).met,
    ).toBe(false);
    expect(on({ credential: 'A', heldForMonths: 24 }, a('2024-06-01', '2026-05-31')).met).toBe(
      true,
    );
    expect(on({ credential: 'A', heldForMonths: 24 })).toEqual({
      requirement: 'credential:A',
      met: false,
      detail: 'Needs a verified A held for at least 24 months without a break; none is on record',
    });
    const total = { credential: 'A', heldForMonths: 2, addUp: true } as const;
    // 1-31 Jan and 1 Feb-1 Mar touch: 61 days, two months; with the second a day later, 60.
    expect(on(total, a('2024-01-01', '2024-01-31'), a('2024-02-01', '2024-03-01')).detail).toBe(
      'Holds a verified A for at least 2 months in all: 61 days (2024-01-01 to 2024-01-31, 2024-02-01 to 2024-03-01)',
    );
    expect(on(total, a('2024-01-01', '2024-01-31'), a('2024-02-02', '2024-03-01')).detail).toBe(
      'Needs a verified A for at least 2 months in all (61 days); 60 days on record (2024-01-01 to 2024-01-31, 2024-02-02 to 2024-03-01)',
    );
    // The same period twice, or one inside another, counts once.
    expect(
      on(total, a('2024-01-01', '2024-01-31'), a('2024-01-01', '2024-01-31')).detail,
    ).toContain('31 days on record');
    expect(
      on(total, a('2024-01-01', '2024-03-31'), a('2024-02-01', '2024-02-10')).detail,
    ).toContain('Holds a verified A for at least 2 months in all: 91 days');
    // A one-day period counts its day.
    expect(on(total, a('2024-01-01', '2024-01-01')).detail).toContain('1 days on record');
  });
});
