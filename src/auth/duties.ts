import type { Role } from 'src/auth/roles';

/**
 * Who does what: for each area of the association's work, the staff roles that act on any
 * person's records there. This table is the one place roles are granted; every route names its
 * area (`@Staff`, `@SelfOrStaff` in auth.decorator.ts), a member acts on their own records only,
 * and docs/access.md lists the same. The authorization-matrix test walks every
 * route for every role against it.
 */
export const DUTIES = {
  /** Staff accounts, API keys, the audit trail, the daily run. */
  administration: ['admin'],
  /** Professions, credential types, membership categories, chapters: the rules in data. */
  configuration: ['admin'],
  /** Person records, with national IDs and birth dates. */
  people: ['admin', 'registrar'],
  /** Qualifications, institutions and their evidence files. */
  education: ['admin', 'registrar'],
  /** Credentials issued and recorded, their evidence, statuses and verification log. */
  credentials: ['admin', 'registrar'],
  /** Membership applications and their decisions; register imports. */
  admissions: ['admin', 'registrar'],
  /** Pledges to the code of ethics, taken in person or recorded for someone. */
  pledges: ['admin', 'registrar', 'ethics_officer'],
  /** The code of ethics itself (new versions). */
  ethics: ['admin', 'ethics_officer'],
  /** Suspending, reinstating, revoking a membership, recording a death. */
  standing: ['admin', 'registrar', 'ethics_officer'],
  /** Finding members by name, number or status (no national IDs): every staff desk needs it. */
  memberLookup: ['admin', 'registrar', 'finance', 'ethics_officer', 'cpd_officer'],
  /** Reports on the register: counts, what lapses soon, who has not pledged, the CSV export. */
  reports: ['admin', 'registrar', 'finance', 'ethics_officer'],
  /** Invoices, payments, receipts and waivers. */
  dues: ['admin', 'finance'],
  /** Ethics cases: lodging for a complainant, the cases one runs (admins: all), their steps. */
  cases: ['admin', 'ethics_officer'],
  /** Who runs a case and sits on its panel. */
  caseAssignment: ['admin'],
  /** CPD claims and their decisions, and anyone's transcript. */
  cpd: ['admin', 'cpd_officer'],
  /** Anyone's standing explained, now or on a past day: renewals, letters and ethics read it. */
  standingReport: ['admin', 'registrar', 'ethics_officer'],
  /** Renewals of credentials issued here and of memberships: asked for anyone, decided. */
  renewals: ['admin', 'registrar'],
  /** Recommendation letters: issued for anyone in good standing, listed, printed. */
  letters: ['admin', 'registrar'],
  /** Volunteer programs, their shifts, volunteers admitted, hours decided and reported. */
  volunteering: ['admin', 'volunteer_coordinator'],
} as const satisfies Record<string, readonly Role[]>;

export type Duty = keyof typeof DUTIES;

/**
 * The duties a staff account scoped to a profession or chapter keeps, on its people only. The
 * others (the association's configuration and administration, the code of ethics itself, reports
 * on the whole register) stay with unscoped staff.
 */
export const SCOPED_DUTIES: readonly Duty[] = [
  'people',
  'education',
  'credentials',
  'admissions',
  'pledges',
  'standing',
  'memberLookup',
  'dues',
  'standingReport',
  'renewals',
  'letters',
];
