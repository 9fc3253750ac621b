/** Pure rules of membership: statuses, the application's path, the pipeline checks. */
import type { Evaluation, Requirement } from 'src/requirements/requirement-rules';
import { addDays } from 'src/common/dates';
import { DUES_READ_MODEL } from 'src/dues/dues.read-model';
import { type DuesStatus, isSettled } from 'src/dues/dues-rules';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'under_review',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const OPEN_APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'under_review',
];

const NEXT_APPLICATION_STATUSES: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['under_review', 'withdrawn'],
  under_review: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
};

export const canMoveApplication = (from: ApplicationStatus, to: ApplicationStatus) =>
  NEXT_APPLICATION_STATUSES[from].includes(to);

export const MEMBERSHIP_STATUSES = [
  'active',
  'grace',
  'lapsed',
  'suspended',
  'revoked',
  'resigned',
  'deceased',
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export type StoredMembershipStatus = MembershipStatus;

/** Statuses read from the dates of cover, whatever the daily job last stored. */
export const DATED_STATUSES: readonly MembershipStatus[] = ['active', 'grace', 'lapsed'];
/** Statuses a membership never leaves. */
export const FINAL_STATUSES: readonly MembershipStatus[] = ['revoked', 'resigned', 'deceased'];

/** From the dates: covered -> active; within the grace days after cover -> grace; then lapsed. */
export function datedStatus(coveredUntil: string, graceDays: number, today: string) {
  if (today <= coveredUntil) return 'active';
  return today <= addDays(coveredUntil, graceDays) ? 'grace' : 'lapsed';
}

/**
 * What a reader sees today. A suspension with an end date is over once the date has passed;
 * revoked, resigned and deceased are final.
 */
export function membershipStatus(
  membership: {
    status: MembershipStatus;
    coveredUntil: string;
    suspendedUntil: string | null;
  },
  graceDays: number,
  today: string,
): MembershipStatus {
  const { status, suspendedUntil } = membership;
  if (FINAL_STATUSES.includes(status)) return status;
  if (status === 'suspended' && (suspendedUntil === null || today <= suspendedUntil)) {
    return 'suspended';
  }
  return datedStatus(membership.coveredUntil, graceDays, today);
}

/** What a membership's history holds, as a status on a past day is read from it. */
export interface MembershipHistory {
  memberSince: string;
  graceDays: number;
  /** Dated changes, in the order they took effect. */
  changes: { toStatus: MembershipStatus; effectiveOn: string; suspendedUntil: string | null }[];
  /** Periods whose cover counts, each with the day its dues were settled and it was granted. */
  granted: { endsOn: string; grantedOn: string }[];
}

export interface MembershipOnDay {
  status: MembershipStatus;
  /** The last day of the cover granted by then (the day before membership began if none). */
  coveredUntil: string;
  /** The last day of grace after that cover. */
  graceEndsOn: string;
  /** The day the status was set by hand (suspended or a final status), else null. */
  since: string | null;
  /** A suspension's announced last day, null when open-ended or not suspended. */
  suspendedUntil: string | null;
}

/** A person's membership on a day, with what its category needs. */
export interface MembershipStanding {
  membershipId: string;
  memberNumber: string;
  memberSince: string;
  category: {
    code: string;
    name: string;
    professionId: string | null;
    requirements: Requirement | null;
  };
  /** Imported from a register: the first day its history is known here. Null: all of it is. */
  historyKnownFrom: string | null;
  /** Its status that day; null before it began. */
  onDay: MembershipOnDay | null;
}

/** A membership's history as the standing read model gives it. */
export interface MembershipHistoryRow {
  membershipId: string;
  memberNumber: string;
  memberSince: string;
  importId: string | null;
  category: MembershipStanding['category'] & { graceDays: number };
  changes: MembershipHistory['changes'];
  granted: MembershipHistory['granted'];
}

/**
 * The membership on `day`, from its history. History before a register import is not known
 * here: such a membership says from when it is (the import's day, its first change).
 */
export function membershipStandingOf(row: MembershipHistoryRow, day: string): MembershipStanding {
  const { graceDays, ...category } = row.category;
  return {
    membershipId: row.membershipId,
    memberNumber: row.memberNumber,
    memberSince: row.memberSince,
    category,
    historyKnownFrom: row.importId ? (row.changes[0]?.effectiveOn ?? row.memberSince) : null,
    onDay: membershipStatusOn(
      { memberSince: row.memberSince, graceDays, changes: row.changes, granted: row.granted },
      day,
    ),
  };
}

/**
 * The status a membership had on `day`, from its history: nothing before it began; a final
 * status or a suspension in force from the last change that took effect by then; otherwise read
 * from the cover granted by then, as today's status is read from today's cover. Cover granted
 * later (arrears paid after a lapse) does not reach back.
 */
export function membershipStatusOn(
  history: MembershipHistory,
  day: string,
): MembershipOnDay | null {
  if (day < history.memberSince) return null;
  const coveredUntil = history.granted
    .filter((period) => period.grantedOn <= day)
    .reduce(
      (last, period) => (period.endsOn > last ? period.endsOn : last),
      addDays(history.memberSince, -1),
    );
  const graceEndsOn = addDays(coveredUntil, history.graceDays);
  const last = history.changes.filter((change) => change.effectiveOn <= day).at(-1);
  if (last && FINAL_STATUSES.includes(last.toStatus)) {
    return {
      status: last.toStatus,
      coveredUntil,
      graceEndsOn,
      since: last.effectiveOn,
      suspendedUntil: null,
    };
  }
  if (
    last?.toStatus === 'suspended' &&
    (last.suspendedUntil === null || day <= last.suspendedUntil)
  ) {
    return {
      status: 'suspended',
      coveredUntil,
      graceEndsOn,
      since: last.effectiveOn,
      suspendedUntil: last.suspendedUntil,
    };
  }
  const status = datedStatus(coveredUntil, history.graceDays, day);
  return { status, coveredUntil, graceEndsOn, since: null, suspendedUntil: null };
}

/** Standing in the membership sense: the statuses in which a person counts as a member. */
export const isCurrentMember = (status: MembershipStatus) =>
  status === 'active' || status === 'grace' || status === 'suspended';

/**
 * The dues invoice of the next period is issued the category's `renewalNoticeDays` before the
 * cover ends; a period shorter than that is invoiced one period ahead (a monthly member gets
 * next month's invoice, not the next two), reckoning a month at this many days.
 */
export const DAYS_PER_MONTH_OF_NOTICE = 30;

/**
 * A period `p` is granted (its cover counts) once its dues and those of every period before it
 * are settled: paying this month extends the cover even while next month's invoice is open, and
 * arrears are paid before a later period counts.
 */
export const NOTHING_OWED_UP_TO_PERIOD_SQL = `NOT EXISTS (
  SELECT 1 FROM membership_periods op
   WHERE op.membership_id = p.membership_id AND op.starts_on <= p.starts_on
     AND ${DUES_READ_MODEL.periodOwes('op.id')})`;

export const MEMBER_NUMBER_TOKENS = ['CHAPTER', 'CATEGORY', 'YYYY', 'YY', 'MM'] as const;

export const PIPELINE_CHECKS = ['not-already-member', 'requirement'] as const;
export type PipelineCheckCode = (typeof PIPELINE_CHECKS)[number];

export interface PipelineCheck {
  check: PipelineCheckCode;
  /** For a `requirement` check: which part of the category's requirement, e.g. `credential:UPA`. */
  requirement?: string;
  met: boolean;
  detail: string;
}

/** What the pipeline checks read, gathered from the modules that own each fact. */
export interface PipelineFacts {
  /** The category's requirement, evaluated part by part (null: it asks for nothing). */
  requirements: Evaluation | null;
  membership: MembershipStatus | null;
}

/** Where an application's fee stands, as a requirement reads it: `paid`, or what it is. */
export const feeStanding = (fee: DuesStatus | null): string =>
  fee !== null && isSettled(fee) ? 'paid' : (fee ?? 'not invoiced');

/**
 * Every check of the pipeline for this application, met or not: that the person is not a member
 * already, then each part of what the category asks for (a qualification, credentials, the
 * pledge, the fee...), in the order it lists them.
 */
export function pipelineChecks(facts: PipelineFacts): PipelineCheck[] {
  const checks: PipelineCheck[] = [];
  checks.push(
    facts.membership && isCurrentMember(facts.membership)
      ? {
          check: 'not-already-member',
          met: false,
          detail: `The person is already a member (${facts.membership})`,
        }
      : facts.membership === 'lapsed'
        ? {
            check: 'not-already-member',
            met: false,
            detail: 'The membership has lapsed: paying the arrears reinstates it',
          }
        : facts.membership === 'revoked' || facts.membership === 'deceased'
          ? {
              check: 'not-already-member',
              met: false,
              detail: `The person's membership was ${facts.membership}; it cannot be reopened by application`,
            }
          : { check: 'not-already-member', met: true, detail: 'Not a current member' },
  );
  for (const result of facts.requirements?.results ?? []) {
    checks.push({
      check: 'requirement',
      requirement: result.requirement,
      met: result.met,
      detail: result.detail,
    });
  }
  return checks;
}

/**
 * The status a reader sees, in SQL (m: memberships, c: categories, $1: today): membershipStatus
 * above, for lists and the daily run.
 */
/** A membership's status (`m`, its category `c`) on the day at `dayPh`, read from its dates. */
export const statusOnSql = (dayPh: string) => `CASE
  WHEN m.status IN ('revoked', 'resigned', 'deceased') THEN m.status
  WHEN m.status = 'suspended' AND (m.suspended_until IS NULL OR m.suspended_until >= ${dayPh}::date) THEN 'suspended'
  WHEN ${dayPh}::date <= m.covered_until THEN 'active'
  WHEN ${dayPh}::date <= m.covered_until + c.grace_days THEN 'grace'
  ELSE 'lapsed' END`;
export const STATUS_SQL = statusOnSql('$1');

/** A membership as a renewal reads it: its cover, status today and its category's rules of renewal. */
export interface RenewableMembership {
  id: string;
  personId: string;
  memberNumber: string;
  status: MembershipStatus;
  coveredUntil: string;
  categoryName: string;
  graceDays: number;
  renewalWindowDays: number;
  autoRenew: boolean;
}
