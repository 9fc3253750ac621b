import {
  effectiveStatus,
  formatNumber,
  isValidNumberFormat,
  sequenceScope,
  validUntil,
} from 'src/credentials/credential-rules';

describe('credential number formats', () => {
  it.each(['SK-{YYYY}-{SEQ:6}', '{TYPE}/{SEQ:8}', '{SEQ:4}'])('accepts %s', (format) => {
    expect(isValidNumberFormat(format)).toBe(true);
  });

  it.each([
    'SK-{YYYY}',
    '{SEQ:6}-{SEQ:2}',
    '{SEQ:0}',
    '{SEQ:13}',
    'X-{SEQ:4}-{MONTH}',
    'A_{SEQ:3}',
  ])('refuses %s', (format) => {
    expect(isValidNumberFormat(format)).toBe(false);
  });

  it('fills type code, year and zero-padded sequence', () => {
    expect(
      formatNumber('{TYPE}-{YYYY}-{SEQ:6}', { typeCode: 'SERKOM', year: 2026, sequence: 42 }),
    ).toBe('SERKOM-2026-000042');
    expect(formatNumber('{SEQ:2}', { typeCode: 'X', year: 2026, sequence: 123 })).toBe('123');
  });

  it('fills a two-digit year and the month of the validity start', () => {
    expect(isValidNumberFormat('{SEQ:3}/SK/{MM}/{YY}')).toBe(true);
    expect(
      formatNumber('{SEQ:3}/SK/{MM}/{YY}', { typeCode: 'X', year: 2026, month: 3, sequence: 7 }),
    ).toBe('007/SK/03/26');
    expect(formatNumber('{YY}-{SEQ:2}', { typeCode: 'X', year: 2105, sequence: 1 })).toBe('05-01');
  });

  it('restarts monthly when the number shows the year and the month, never on a month alone', () => {
    expect(sequenceScope('{SEQ:3}/SK/{MM}/{YYYY}', 2026, 3)).toBe('2026-03');
    expect(sequenceScope('{SEQ:3}/SK/{MM}/{YY}', 2026, 11)).toBe('2026-11');
    expect(sequenceScope('{SEQ:3}/{YY}', 2026, 11)).toBe('2026');
    expect(sequenceScope('{SEQ:3}/{MM}', 2026, 11)).toBe('all');
  });

  it("counts per chapter when the number shows the holder's chapter", () => {
    const format = '{CHAPTER}/{PROFESSION}/{SEQ:4}/{YYYY}';
    expect(isValidNumberFormat(format)).toBe(true);
    expect(sequenceScope(format, 2026, 3, 'JKT')).toBe('JKT:2026');
    expect(sequenceScope('{SEQ:4}/{YYYY}', 2026, 3, 'JKT')).toBe('2026');
    expect(
      formatNumber(format, {
        typeCode: 'KTA',
        year: 2026,
        sequence: 9,
        profession: 'ADVOKAT',
        chapter: 'JKT',
      }),
    ).toBe('JKT/ADVOKAT/0009/2026');
  });

  it('restarts sequences yearly only when the year is part of the number', () => {
    expect(sequenceScope('SK-{YYYY}-{SEQ:6}', 2026)).toBe('2026');
    expect(sequenceScope('SK-{SEQ:6}', 2026)).toBe('all');
  });
});

describe(validUntil.name, () => {
  it('ends the day before the anniversary', () => {
    expect(validUntil('2026-11-22', 60)).toBe('2031-11-21');
    expect(validUntil('2024-03-01', 12)).toBe('2025-02-28');
  });

  it('clamps to the end of a shorter month', () => {
    expect(validUntil('2026-01-31', 1)).toBe('2026-02-28');
  });

  it('is open-ended for a lifetime credential', () => {
    expect(validUntil('2026-11-22', null)).toBeNull();
  });
});

describe(effectiveStatus.name, () => {
  it('reads expiry from the dates, on every read', () => {
    expect(effectiveStatus('active', '2026-11-21', '2026-11-22', null)).toBe('expired');
    expect(effectiveStatus('active', '2026-11-22', '2026-11-22', null)).toBe('active');
    expect(effectiveStatus('active', null, '2099-01-01', null)).toBe('active');
  });

  it('lets suspension and revocation win over the dates', () => {
    expect(effectiveStatus('suspended', '2020-01-01', '2026-11-22', null)).toBe('suspended');
    expect(effectiveStatus('revoked', null, '2026-11-22', null)).toBe('revoked');
  });

  it('reads a credential replaced by a later one as superseded, whatever its dates', () => {
    expect(effectiveStatus('superseded', '2020-01-01', '2026-11-22', null)).toBe('superseded');
    expect(effectiveStatus('superseded', null, '2026-11-22', null)).toBe('superseded');
  });

  it('ends a suspension after its last day, with no job to lift it', () => {
    expect(effectiveStatus('suspended', null, '2027-01-31', '2027-01-31')).toBe('suspended');
    expect(effectiveStatus('suspended', null, '2027-02-01', '2027-01-31')).toBe('active');
    expect(effectiveStatus('suspended', '2027-01-15', '2027-02-01', '2027-01-31')).toBe('expired');
  });
});
