/** Pure rules of recommendation letters: their numbers and how long one is good for. */
import { addDays } from 'src/common/dates';
import { formatNumber } from 'src/common/numbering';

/** `REK-2026-00042`: the year's sequence; no slash, so the number sits in a URL as it is. */
export const LETTER_NUMBER_FORMAT = 'REK-{YYYY}-{SEQ:5}';

/** A letter supports an application made within this many days of its issue. */
export const LETTER_VALID_DAYS = 90;

export const letterNumber = (year: string, sequence: number) =>
  formatNumber(LETTER_NUMBER_FORMAT, { YYYY: year }, sequence);

export const letterValidUntil = (issuedOn: string) => addDays(issuedOn, LETTER_VALID_DAYS - 1);

export type LetterVerdict = 'valid' | 'expired' | 'holder-not-in-good-standing';

/**
 * What the public page says of a genuine letter today: valid while its days last and its holder
 * is still in good standing (a suspension since it was issued ends its worth).
 */
export function letterVerdict(
  letter: { validUntil: string },
  today: string,
  holderInGoodStanding: boolean,
): LetterVerdict {
  if (today > letter.validUntil) return 'expired';
  return holderInGoodStanding ? 'valid' : 'holder-not-in-good-standing';
}
