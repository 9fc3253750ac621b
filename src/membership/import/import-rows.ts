/** Pure rules of a register import: its columns, and what makes one row good. */
import { ownOrShared } from 'src/common/profession-scope';
import { validUntil as endOfValidity } from 'src/credentials/credential-rules';
import { isCalendarDate } from 'src/common/validation/fields';
import type { MembershipStatus } from 'src/membership/membership-rules';

export const IMPORT_STATUSES = ['running', 'validated', 'committed', 'rejected', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRowError {
  /** The line of the file, the header being line 1 (as a spreadsheet numbers it). */
  row: number;
  column: string | null;
  message: string;
}

export interface ImportCounts {
  people: number;
  memberships: number;
  credentials: number;
}

export const REQUIRED_COLUMNS = [
  'full_name',
  'national_id',
  'chapter_code',
  'category_code',
  'member_since',
  'covered_until',
] as const;

export const OPTIONAL_COLUMNS = [
  'email',
  'birth_date',
  'member_number',
  'status',
  'speciality',
  'credential_type',
  'credential_number',
  'credential_valid_from',
  'credential_valid_until',
  'credential_place',
  'profession',
] as const;

const CREDENTIAL_COLUMNS = [
  'credential_type',
  'credential_number',
  'credential_valid_from',
] as const;

/** What a register may say of a membership; active, grace and lapsed are then read from the dates. */
export const IMPORTABLE_STATUSES = [
  'active',
  'grace',
  'lapsed',
  'suspended',
  'resigned',
  'revoked',
  'deceased',
] as const satisfies readonly MembershipStatus[];

/**
 * What rows are read against. Categories and credential types by code, each code with the items
 * of every profession that has it (`ownOrShared` picks the row's); professions by code.
 */
export interface ImportLookups {
  chapters: Map<string, { id: string }>;
  /** Profession codes to ids: the `profession` column (left out: no such column is read). */
  professions?: Map<string, string>;
  categories: Map<
    string,
    {
      id: string;
      periodMonths: number;
      memberNumberFormat: string;
      professionId: string | null;
      active?: boolean;
    }[]
  >;
  credentialTypes: Map<
    string,
    {
      id: string;
      issuerKind: string;
      issuingAuthority: string;
      validityMonths: number | null;
      maxActivePerPerson: number | null;
      /** Issued per place of practice: each row names its place (left out: not). */
      perPlace?: boolean;
      professionId: string | null;
      /** False: switched off (left out: on). */
      active?: boolean;
    }[]
  >;
}

export interface ImportRow {
  row: number;
  fullName: string;
  nationalId: string;
  email: string | null;
  birthDate: string | null;
  chapterId: string;
  chapterCode: string;
  categoryCode: string;
  categoryId: string;
  /** The profession of the row's category and of its credential's type (null: of none). */
  professions: (string | null)[];
  memberNumber: string | null;
  memberSince: string;
  coveredUntil: string;
  status: MembershipStatus;
  speciality: string | null;
  credential: {
    typeId: string;
    typeCode: string;
    /** How many valid ones of its type a person may hold at once, if capped. */
    maxActivePerPerson: number | null;
    issuingAuthority: string;
    number: string;
    validFrom: string;
    validUntil: string | null;
    /** The place of practice, where its type is issued per place. */
    place: string | null;
  } | null;
}

/** A column name as the report can keep it: PostgreSQL cannot store a NUL character. */
const shown = (column: string) => column.replaceAll('\0', '\\0');

/** Errors of the header: a missing required column, or a column Guildhall does not know. */
export function headerErrors(columns: string[]): ImportRowError[] {
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  const unknown = columns.filter((column) => !known.includes(column));
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  return [
    ...missing.map((column) => ({ row: 1, column, message: 'required column is missing' })),
    ...unknown.map((column) => ({ row: 1, column: shown(column), message: 'unknown column' })),
    ...repeated.map((column) => ({
      row: 1,
      column: shown(column),
      message: 'column appears twice',
    })),
  ];
}

/** Checks one row on its own (duplicates across rows and against the database come later). */
export function readRow(
  record: Record<string, string | undefined>,
  row: number,
  lookups: ImportLookups,
): { value?: ImportRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const fail = (column: string, message: string) => {
    errors.push({ row, column, message });
    return null;
  };
  const text = (column: string, max: number, required: boolean): string | null => {
    const value = (record[column] ?? '').trim();
    if (!value) return required ? fail(column, 'is required') : null;
    if (value.length > max) return fail(column, `must be at most ${max} characters`);
    // PostgreSQL text cannot hold it.
    if (value.includes('\0')) return fail(column, 'must not contain a NUL character');
    return value;
  };
  const date = (column: string, required: boolean): string | null => {
    const value = text(column, 10, required);
    if (value === null) return null;
    return isCalendarDate(value) ? value : fail(column, 'must be a date as YYYY-MM-DD');
  };

  const fullName = text('full_name', 300, true);
  const nationalId = text('national_id', 32, true);
  const email = text('email', 254, false);
  if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    fail('email', 'is not an email address');
  const birthDate = date('birth_date', false);
  const chapterCode = text('chapter_code', 20, true);
  const chapter = chapterCode === null ? undefined : lookups.chapters.get(chapterCode);
  if (chapterCode !== null && !chapter)
    fail('chapter_code', `no chapter has the code ${chapterCode}`);
  // Where several professions have a category of the row's code, the row names its profession.
  const professionCode = text('profession', 40, false);
  const professionId =
    professionCode === null ? undefined : lookups.professions?.get(professionCode);
  if (professionCode !== null && professionId === undefined) {
    fail('profession', `no profession has the code ${professionCode}`);
  }
  const categoryCode = text('category_code', 40, true);
  const named = (categoryCode === null ? undefined : lookups.categories.get(categoryCode)) ?? [];
  const category =
    professionCode === null
      ? ownOrShared(named, null)
      : named.find((candidate) => candidate.professionId === professionId);
  if (categoryCode !== null && !category && named.length > 1 && professionCode === null) {
    fail(
      'category_code',
      `several professions have a membership category ${categoryCode}: name the row's profession`,
    );
  } else if (categoryCode !== null && !category && (professionId !== undefined || !named.length)) {
    fail(
      'category_code',
      `no membership category has the code ${categoryCode}${professionCode ? ` in ${professionCode}` : ''}`,
    );
  }
  if (category?.active === false) {
    fail('category_code', `${categoryCode} is switched off: it takes no new members`);
  }
  const memberNumber = text('member_number', 60, false);
  const memberSince = date('member_since', true);
  const coveredUntil = date('covered_until', true);
  if (memberSince && coveredUntil && coveredUntil < memberSince) {
    fail('covered_until', 'must not be before member_since');
  }
  const statusText = text('status', 12, false) ?? 'active';
  const status = IMPORTABLE_STATUSES.find((s) => s === statusText);
  if (!status) fail('status', `must be one of ${IMPORTABLE_STATUSES.join(', ')}`);
  const speciality = text('speciality', 120, false);

  let credential: ImportRow['credential'] = null;
  let credentialProfession: string | null = null;
  const given = CREDENTIAL_COLUMNS.filter((column) => (record[column] ?? '').trim() !== '');
  if (given.length && given.length < CREDENTIAL_COLUMNS.length) {
    for (const column of CREDENTIAL_COLUMNS.filter((c) => !given.includes(c))) {
      fail(column, 'is required when a credential is given');
    }
  } else if (given.length) {
    const typeCode = text('credential_type', 40, true);
    // The type of the category's profession, else one of none.
    const type =
      typeCode === null
        ? undefined
        : ownOrShared(
            lookups.credentialTypes.get(typeCode) ?? [],
            category?.professionId ?? professionId ?? null,
          );
    if (typeCode !== null && !type)
      fail('credential_type', `no credential type has the code ${typeCode}`);
    if (type?.active === false)
      fail('credential_type', `${typeCode} is switched off: nothing new is recorded under it`);
    const number = text('credential_number', 100, true);
    const validFrom = date('credential_valid_from', true);
    // Left blank, the end follows from the type's validity, as when recorded through the API.
    const validUntilGiven = date('credential_valid_until', false);
    const validUntil =
      validUntilGiven ?? (type && validFrom ? endOfValidity(validFrom, type.validityMonths) : null);
    if (validFrom && validUntil && validUntil < validFrom) {
      fail('credential_valid_until', 'must not be before credential_valid_from');
    }
    const place = text('credential_place', 200, false);
    if (type?.perPlace && place === null) {
      fail('credential_place', `${typeCode} is issued per place of practice: name the place`);
    }
    if (type && !type.perPlace && place !== null) {
      fail('credential_place', `${typeCode} is not issued per place of practice`);
    }
    if (type && typeCode && number && validFrom) {
      credentialProfession = type.professionId;
      credential = {
        typeId: type.id,
        typeCode,
        maxActivePerPerson: type.maxActivePerPerson,
        issuingAuthority: type.issuingAuthority,
        number,
        validFrom,
        validUntil,
        place,
      };
    }
  }
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      row,
      fullName: fullName!,
      nationalId: nationalId!,
      email,
      birthDate,
      chapterId: chapter!.id,
      chapterCode: chapterCode!,
      categoryCode: categoryCode!,
      categoryId: category!.id,
      professions: [category!.professionId, ...(credential ? [credentialProfession] : [])],
      memberNumber,
      memberSince: memberSince!,
      coveredUntil: coveredUntil!,
      status: status!,
      speciality,
      credential,
    },
  };
}
