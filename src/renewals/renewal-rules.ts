/** Pure rules of renewal: its statuses and the window in which one may be asked for. */
import { addDays } from 'src/common/dates';

export const RENEWAL_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export type RenewalStatus = (typeof RENEWAL_STATUSES)[number];

export const RENEWAL_DECISIONS = ['approved', 'rejected'] as const;
export type RenewalDecision = (typeof RENEWAL_DECISIONS)[number];

export interface RenewalWindow {
  opensOn: string;
  /** The last day a renewal may be asked for: the end of the grace days after the expiry. */
  closesOn: string;
}

/**
 * A renewal may be asked for from `windowDays` before the last day of validity (or cover) until
 * the grace days after it have run out; past that, what ended is applied for anew.
 */
export const renewalWindow = (
  endsOn: string,
  windowDays: number,
  graceDays: number,
): RenewalWindow => ({
  opensOn: addDays(endsOn, -windowDays),
  closesOn: addDays(endsOn, graceDays),
});
