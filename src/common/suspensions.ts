/**
 * Suspensions compose: a membership or a credential may be suspended by several sources at once
 * (staff, an ethics sanction, the membership a card follows), each with its own period and
 * lifting. It is suspended while any one holds; the row's status keeps their union as it stands.
 */
export interface KeptSuspension {
  startsOn: string;
  /** The announced last day; null: until lifted. */
  endsOn: string | null;
  /** The day it was lifted, from which it no longer holds; null while not lifted. */
  liftedOn: string | null;
}

/** Whether a kept suspension holds on `day`. */
export const holdsOn = (suspension: KeptSuspension, day: string): boolean =>
  suspension.startsOn <= day &&
  (suspension.liftedOn === null || day < suspension.liftedOn) &&
  (suspension.endsOn === null || day <= suspension.endsOn);

/**
 * What the suspensions holding on `day` make of the row: suspended until the last of their ends,
 * or until lifted when any has no end. Every suspension starts by the day it is kept, so those
 * holding today overlap and their union runs without a gap to that end.
 */
export function composedSuspension(
  suspensions: readonly KeptSuspension[],
  day: string,
): { suspended: false } | { suspended: true; until: string | null } {
  const holding = suspensions.filter((suspension) => holdsOn(suspension, day));
  if (!holding.length) return { suspended: false };
  if (holding.some((suspension) => suspension.endsOn === null)) {
    return { suspended: true, until: null };
  }
  return {
    suspended: true,
    until: holding
      .map((suspension) => suspension.endsOn!)
      .sort()
      .at(-1)!,
  };
}
