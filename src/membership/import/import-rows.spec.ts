import { headerErrors, readRow, type ImportLookups } from 'src/membership/import/import-rows';

const lookups: ImportLookups = {
  chapters: new Map([['JKT', { id: 'chapter-jkt' }]]),
  categories: new Map([
    [
      'ORDINARY',
      [
        {
          id: 'category-ordinary',
          periodMonths: 12,
          memberNumberFormat: 'X-{SEQ:4}',
          professionId: null,
        },
      ],
    ],
  ]),
  credentialTypes: new Map([
    [
      'STR',
      [
        {
          id: 'type-str',
          issuerKind: 'external',
          issuingAuthority: 'KKI',
          validityMonths: null,
          maxActivePerPerson: null,
          professionId: null,
        },
      ],
    ],
    [
      'SIP',
      [
        {
          id: 'type-sip',
          issuerKind: 'external',
          issuingAuthority: 'Dinas Kesehatan',
          validityMonths: 60,
          maxActivePerPerson: 3,
          professionId: null,
        },
      ],
    ],
  ]),
};

const good = {
  full_name: 'Siti Rahayu',
  national_id: '3171000000000001',
  chapter_code: 'JKT',
  category_code: 'ORDINARY',
  member_since: '2019-03-01',
  covered_until: '2026-12-31',
};

describe(headerErrors.name, () => {
  it('names missing, unknown and repeated columns', () => {
    expect(headerErrors(['full_name', 'national_id', 'colour', 'colour'])).toEqual([
      { row: 1, column: 'chapter_code', message: 'required column is missing' },
      { row: 1, column: 'category_code', message: 'required column is missing' },
      { row: 1, column: 'member_since', message: 'required column is missing' },
      { row: 1, column: 'covered_until', message: 'required column is missing' },
      { row: 1, column: 'colour', message: 'unknown column' },
      { row: 1, column: 'colour', message: 'unknown column' },
      { row: 1, column: 'colour', message: 'column appears twice' },
    ]);
  });
});

describe(readRow.name, () => {
  it('reads a good row, active by default, with its chapter resolved', () => {
    const { value, errors } = readRow(good, 2, lookups);
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      row: 2,
      chapterId: 'chapter-jkt',
      status: 'active',
      memberNumber: null,
      credential: null,
    });
  });

  it("ends a credential left without an end date as its type's validity says", () => {
    const credential = (type: string, validUntil = '') =>
      readRow(
        {
          ...good,
          credential_type: type,
          credential_number: 'N-1',
          credential_valid_from: '2019-01-15',
          credential_valid_until: validUntil,
        },
        2,
        lookups,
      ).value?.credential;
    expect(credential('SIP')).toMatchObject({ validUntil: '2024-01-14', maxActivePerPerson: 3 });
    expect(credential('SIP', '2022-06-30')).toMatchObject({ validUntil: '2022-06-30' });
    expect(credential('STR')).toMatchObject({ validUntil: null, maxActivePerPerson: null });
  });

  it('names every bad field of a row', () => {
    const { value, errors } = readRow(
      {
        ...good,
        national_id: ' ',
        email: 'nope',
        member_since: '2019-02-30',
        covered_until: '2018-01-01',
        status: 'sleeping',
        credential_type: 'STR',
      },
      7,
      lookups,
    );
    expect(value).toBeUndefined();
    expect(errors.map((error) => [error.row, error.column])).toEqual([
      [7, 'national_id'],
      [7, 'email'],
      [7, 'member_since'],
      [7, 'status'],
      [7, 'credential_number'],
      [7, 'credential_valid_from'],
    ]);
  });

  it('refuses a date in the year 0, which the database cannot hold', () => {
    const { errors } = readRow({ ...good, member_since: '0000-03-01' }, 5, lookups);
    expect(errors).toEqual([
      { row: 5, column: 'member_since', message: 'must be a date as YYYY-MM-DD' },
    ]);
  });

  it('refuses a NUL character in any cell', () => {
    const { errors } = readRow(
      { ...good, full_name: 'Siti\u0000', email: 'a\u0000@b.id' },
      4,
      lookups,
    );
    expect(errors).toEqual([
      { row: 4, column: 'full_name', message: 'must not contain a NUL character' },
      { row: 4, column: 'email', message: 'must not contain a NUL character' },
    ]);
  });

  it('refuses a cover that ends before membership began', () => {
    const { errors } = readRow({ ...good, covered_until: '2019-02-28' }, 3, lookups);
    expect(errors).toEqual([
      { row: 3, column: 'covered_until', message: 'must not be before member_since' },
    ]);
  });

  it('brings no one into a switched-off category, and records nothing of a switched-off type', () => {
    const switchedOff: ImportLookups = {
      ...lookups,
      categories: new Map([
        [
          'FORMER',
          [
            {
              id: 'c',
              periodMonths: 12,
              memberNumberFormat: 'X-{SEQ:4}',
              professionId: null,
              active: false,
            },
          ],
        ],
      ]),
      credentialTypes: new Map([
        [
          'OLD',
          [
            {
              id: 't',
              issuerKind: 'external',
              issuingAuthority: 'KKI',
              validityMonths: null,
              maxActivePerPerson: null,
              professionId: null,
              active: false,
            },
          ],
        ],
      ]),
    };
    const { errors } = readRow(
      {
        ...good,
        category_code: 'FORMER',
        credential_type: 'OLD',
        credential_number: 'OLD-1',
        credential_valid_from: '2020-01-01',
      },
      5,
      switchedOff,
    );
    expect(errors).toEqual([
      {
        row: 5,
        column: 'category_code',
        message: 'FORMER is switched off: it takes no new members',
      },
      {
        row: 5,
        column: 'credential_type',
        message: 'OLD is switched off: nothing new is recorded under it',
      },
    ]);
  });
});
