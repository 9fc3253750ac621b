import { numbersFromCsv, resultsToCsv } from 'src/credentials/bulk-csv';

describe(numbersFromCsv.name, () => {
  it('takes the first column, drops a header and blank lines, unquotes', () => {
    expect(numbersFromCsv('number,note\r\nSK-1,first\n"SK-2"\n\n  SK-3  \n')).toEqual([
      'SK-1',
      'SK-2',
      'SK-3',
    ]);
  });

  it('reads quoted fields as CSV does, commas and all', () => {
    expect(numbersFromCsv('number\r\n"SK,1","a, b"\r\n')).toEqual(['SK,1']);
  });

  it('refuses a CSV it cannot read, saying why', () => {
    expect(() => numbersFromCsv('number\r\n"SK-1\r\n')).toThrow('Check these fields: numbers');
    try {
      numbersFromCsv('number\r\n"SK-1\r\n');
    } catch (error) {
      expect(
        (error as { extras: { errors: { message: string }[] } }).extras.errors[0].message,
      ).toMatch(/^the CSV cannot be read: Quote Not Closed/);
    }
  });

  it('refuses a CSV with no numbers', () => {
    expect(() => numbersFromCsv('number\n\n')).toThrow('Check these fields: numbers');
  });
});

describe(resultsToCsv.name, () => {
  it("lists the holder's sanctions in one cell, a name from data defused like any other", () => {
    const csv = resultsToCsv([
      {
        number: 'STR-1',
        found: true,
        holderSanctions: [
          { kind: 'reprimand', name: '=cmd|x', from: '2026-04-01', until: null },
          { kind: 'suspension', name: 'Skorsing', from: '2026-12-02', until: '2027-03-01' },
        ],
      },
    ]);
    expect(csv.split('\r\n')[1]).toBe(
      `STR-1,true,,,,,,,,'=cmd|x from 2026-04-01; Skorsing from 2026-12-02 to 2027-03-01`,
    );
  });

  it('writes a header, quotes what needs it and defuses formulas', () => {
    const csv = resultsToCsv([
      {
        number: 'SK-1',
        found: true,
        status: 'active',
        holderName: 'Tan, "Budi"',
        validFrom: '2026-01-01',
        validUntil: null,
      },
      { number: '=HYPERLINK("x")', found: false },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'number,found,status,holderName,credentialType,profession,issuingAuthority,validFrom,validUntil,holderSanctions',
      'SK-1,true,active,"Tan, ""Budi""",,,,2026-01-01,,',
      `"'=HYPERLINK(""x"")",false,,,,,,,,`,
      '',
    ]);
  });
});
