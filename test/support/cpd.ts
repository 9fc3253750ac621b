import type { TestApp } from 'test/support/app';
import type { SignedIn } from 'test/support/actors';

export interface ClaimFacts {
  personId?: string | null;
  title: string;
  domain: string;
  category: string;
  earnedOn: string;
  credits: number;
}

/** A claim filed for a member and approved by a CPD officer: one credit on their record. */
export async function approvedClaim(
  t: TestApp,
  officer: SignedIn,
  claim: ClaimFacts,
  reason = 'On file',
): Promise<string> {
  const filed = await t
    .http()
    .post('/cpd/claims')
    .set('authorization', officer.bearer)
    .send(claim)
    .expect(201);
  await t
    .http()
    .post(`/cpd/claims/${filed.body.id}/decision`)
    .set('authorization', officer.bearer)
    .send({ decision: 'approved', reason })
    .expect(200);
  return filed.body.id as string;
}

/**
 * Rules of ten credits a cycle, half of them learning, the rest any domain (the flexible share
 * takes the overflow), with some carried into the next cycle.
 */
export const tenCreditsCarrying = (cycleMonths: number, carryOverCredits: number) => ({
  cycleMonths,
  totalCredits: 10,
  domains: [
    { code: 'learning', name: 'Learning', sharePercent: 50 },
    { code: 'flexible', name: 'Any domain', sharePercent: 50, takesOverflow: true },
  ],
  carryOverCredits,
});
