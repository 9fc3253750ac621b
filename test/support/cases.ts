import type { TestApp } from 'test/support/app';
import { poster, type SignedIn } from 'test/support/actors';

/** A complaint lodged through the public route about a member; returns the case it opened. */
export async function lodgeComplaint(
  t: TestApp,
  memberNumber: string,
  whatHappened = 'Operated without consent',
): Promise<{ caseId: string; reference: string }> {
  const lodged = await t
    .http()
    .post('/cases/complaints')
    .send({ complainant: { name: 'Keluarga pasien' }, respondent: { memberNumber }, whatHappened })
    .expect(201);
  const [row] = await t.db.query<{ id: string }[]>(
    `SELECT c.id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
      WHERE p.reference = $1`,
    [lodged.body.reference],
  );
  return { caseId: row.id, reference: lodged.body.reference as string };
}

/**
 * A complaint about a member taken to its hearing: lodged, an officer assigned, screened,
 * investigated, the respondent notified.
 */
export async function caseHeard(
  t: TestApp,
  admin: SignedIn,
  officer: SignedIn,
  memberNumber: string,
): Promise<string> {
  const { caseId } = await lodgeComplaint(t, memberNumber);
  const post = poster(
    () => t,
    () => officer,
  );
  await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }, admin).expect(201);
  for (const to of ['screening', 'investigation', 'hearing']) {
    if (to === 'hearing') await notifyRespondent(t, officer, caseId);
    await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }).expect(201);
  }
  return caseId;
}

/** The notice of the investigation, served on the respondent: a hearing needs it. */
export async function notifyRespondent(t: TestApp, officer: SignedIn, caseId: string) {
  await t
    .http()
    .post(`/cases/${caseId}/notices`)
    .set('authorization', officer.bearer)
    .send({ text: 'Notice of the investigation served by registered mail' })
    .expect(201);
}

/** What a move to final carries where the respondent waived the appeal in writing. */
export const WAIVED = {
  appealWaived: 'The respondent waived the appeal in writing on the day of the decision',
};
