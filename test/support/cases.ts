import type { TestApp } from 'test/support/app';

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
