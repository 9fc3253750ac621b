import { createTestApp, type TestApp } from 'test/support/app';
import { sendTogetherBehindRow } from 'test/support/concurrency';
import { loginAs, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectFieldErrors, expectProblem, newPerson } from 'test/support/factories';

describe('education: institutions and qualifications', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let member: SignedIn;
  let institutionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
    member = await loginAs(t, 'member', 'Ayu Kartika');
    const institution = await t
      .http()
      .post('/institutions')
      .set('authorization', registrar.bearer)
      .send({ name: 'Universitas Indonesia', country: 'id', accreditationStatus: 'accredited' })
      .expect(201);
    institutionId = institution.body.id;
  });
  afterAll(() => t.close());

  let diploma = 0;
  const submit = (by: SignedIn, values: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/qualifications')
      .set('authorization', by.bearer)
      .send({
        institutionId,
        degree: 'Dokter (dr.)',
        field: 'Pendidikan Dokter',
        graduationDate: '2015-08-29',
        diplomaNumber: `UI/FK/${++diploma}/2015`,
        ...values,
      });

  const review = (id: string, by: SignedIn, body: Record<string, unknown>) =>
    t.http().post(`/qualifications/${id}/review`).set('authorization', by.bearer).send(body);

  const verify = {
    decision: 'verified',
    method: 'registry_lookup',
    sourceReference: 'PDDikti, checked 2026-11-20',
  };

  describe('institutions', () => {
    it('are recorded by registrars, with the country upper-cased; members cannot add them', async () => {
      const found = await t
        .http()
        .get(`/institutions/${institutionId}`)
        .set('authorization', member.bearer)
        .expect(200);
      expect(found.body).toMatchObject({
        name: 'Universitas Indonesia',
        country: 'ID',
        accreditationStatus: 'accredited',
      });
      expectProblem(
        await t
          .http()
          .post('/institutions')
          .set('authorization', member.bearer)
          .send({ name: 'X', country: 'ID' }),
        403,
        'forbidden',
      );
    });

    it('are unique by name and country, whatever the case or accents', async () => {
      const again = await t
        .http()
        .post('/institutions')
        .set('authorization', registrar.bearer)
        .send({ name: 'UNIVERSITAS INDONÉSIA', country: 'ID' });
      expectProblem(again, 409, 'duplicate');
      // The answer points to the institution on record.
      expect(again.body.existingId).toBe(institutionId);
      expect(again.body.detail).toContain(institutionId);
      await t
        .http()
        .post('/institutions')
        .set('authorization', registrar.bearer)
        .send({ name: 'Universitas Indonesia', country: 'MY' })
        .expect(201);
    });

    it('reject an unknown country code and an unknown accreditation status, by field', async () => {
      const response = await t
        .http()
        .post('/institutions')
        .set('authorization', registrar.bearer)
        .send({ name: 'Somewhere', country: 'XX', accreditationStatus: 'excellent' });
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'accreditationStatus',
        'country',
      ]);
    });

    it('are found by part of the name, ignoring accents', async () => {
      const response = await t
        .http()
        .get('/institutions')
        .query({ name: 'indonésia', country: 'ID' })
        .set('authorization', member.bearer)
        .expect(200);
      expect(response.body.items.map((i: { id: string }) => i.id)).toEqual([institutionId]);
    });

    it('are found by every word of the search, in any order', async () => {
      const udayana = await t
        .http()
        .post('/institutions')
        .set('authorization', registrar.bearer)
        .send({ name: 'Fakultas Kedokteran Universitas Udayana', country: 'ID' })
        .expect(201);
      for (const name of ['kedokteran udayana', 'UDAYANA fakultas', 'kedoktéran']) {
        const found = await t
          .http()
          .get('/institutions')
          .query({ name })
          .set('authorization', member.bearer)
          .expect(200);
        expect(found.body.items.map((i: { id: string }) => i.id)).toContain(udayana.body.id);
      }
      const miss = await t
        .http()
        .get('/institutions')
        .query({ name: 'kedokteran airlangga' })
        .set('authorization', member.bearer)
        .expect(200);
      expect(miss.body.items).toEqual([]);
    });
  });

  describe('submitting', () => {
    it('a member submits their own diploma; it waits as submitted', async () => {
      const response = await submit(member).expect(201);
      expect(response.body).toMatchObject({
        personId: member.personId,
        status: 'submitted',
        institution: { id: institutionId, name: 'Universitas Indonesia' },
        reviews: [],
      });
      const [row] = await auditRowsFor(t, 'qualification', response.body.id);
      expect(row).toMatchObject({ action: 'qualification.submitted', actor_id: member.accountId });
    });

    it('a member cannot submit for somebody else', async () => {
      const other = await newPerson(t, registrar);
      expectProblem(await submit(member, { personId: other.id }), 404, 'not-found');
    });

    it('staff submit on behalf of a person', async () => {
      const person = await newPerson(t, registrar);
      const response = await submit(registrar, { personId: person.id }).expect(201);
      expect(response.body.personId).toBe(person.id);
    });

    it('refuses a graduation date in the future, an impossible date and unknown fields', async () => {
      const future = await submit(member, { graduationDate: '2999-01-01' });
      expectProblem(future, 400, 'validation-failed');
      expect(future.body.errors[0]).toEqual({
        field: 'graduationDate',
        message: 'graduationDate must be a date as YYYY-MM-DD, not in the future',
      });
      expectProblem(
        await submit(member, { graduationDate: '2015-02-30' }),
        400,
        'validation-failed',
      );
      const extra = await submit(member, { status: 'verified' });
      expectFieldErrors(extra, [{ field: 'status', message: 'is not a known field' }]);
    });

    it('refuses the same diploma twice (409) and an unknown institution (409), storing nothing', async () => {
      const first = await submit(member).expect(201);
      const [{ count: before }] = await t.db.query(
        `SELECT count(*)::int AS count FROM qualifications`,
      );
      expectProblem(
        await submit(member, { diplomaNumber: first.body.diplomaNumber }),
        409,
        'duplicate',
      );
      const unknown = await submit(member, {
        institutionId: '00000000-0000-4000-8000-000000000000',
      });
      expectProblem(unknown, 409, 'reference-conflict');
      expect(unknown.body.detail).toBe('The institution does not exist');
      const [{ count: after }] = await t.db.query(
        `SELECT count(*)::int AS count FROM qualifications`,
      );
      expect(after).toBe(before);
    });
  });

  describe('reviewing', () => {
    it('only registrars and admins decide', async () => {
      const submitted = await submit(member).expect(201);
      expectProblem(await review(submitted.body.id, member, verify), 403, 'forbidden');
      const cpd = await loginAs(t, 'cpd_officer');
      expectProblem(await review(submitted.body.id, cpd, verify), 403, 'forbidden');
    });

    it('verifies with method and source, recording who and when', async () => {
      const submitted = await submit(member).expect(201);
      const verified = await review(submitted.body.id, registrar, verify).expect(200);
      expect(verified.body.status).toBe('verified');
      expect(verified.body.reviews).toEqual([
        {
          decision: 'verified',
          method: 'registry_lookup',
          sourceReference: 'PDDikti, checked 2026-11-20',
          reason: null,
          reviewedByAccountId: registrar.accountId,
          reviewedAt: expect.any(String),
        },
      ]);
      const rows = await auditRowsFor(t, 'qualification', submitted.body.id);
      expect(rows.at(-1)).toMatchObject({
        action: 'qualification.verified',
        before: { status: 'submitted' },
      });
    });

    it('needs a source to verify and a reason to reject', async () => {
      const submitted = await submit(member).expect(201);
      const noSource = await review(submitted.body.id, registrar, {
        decision: 'verified',
        method: 'other',
      });
      expectProblem(noSource, 400, 'validation-failed');
      expect(noSource.body.errors[0].field).toBe('sourceReference');
      const noReason = await review(submitted.body.id, registrar, {
        decision: 'rejected',
        method: 'document_inspection',
      });
      expectProblem(noReason, 400, 'validation-failed');
      expect(noReason.body.errors[0].field).toBe('reason');
      const still = await t
        .http()
        .get(`/qualifications/${submitted.body.id}`)
        .set('authorization', member.bearer)
        .expect(200);
      expect(still.body).toMatchObject({ status: 'submitted', reviews: [] });
    });

    it('a rejected diploma is corrected by its owner and submitted again; the history stays', async () => {
      const submitted = await submit(member).expect(201);
      await review(submitted.body.id, registrar, {
        decision: 'rejected',
        method: 'issuer_confirmation',
        reason: 'The faculty has no record of this number; check the last digits',
      }).expect(200);
      const corrected = await t
        .http()
        .patch(`/qualifications/${submitted.body.id}`)
        .set('authorization', member.bearer)
        .send({ diplomaNumber: `${submitted.body.diplomaNumber}-A` })
        .expect(200);
      expect(corrected.body.status).toBe('submitted');
      const verified = await review(submitted.body.id, registrar, verify).expect(200);
      expect(verified.body.reviews.map((r: { decision: string }) => r.decision)).toEqual([
        'rejected',
        'verified',
      ]);
      const actions = (await auditRowsFor(t, 'qualification', submitted.body.id)).map(
        (r) => r.action,
      );
      expect(actions).toEqual([
        'qualification.submitted',
        'qualification.rejected',
        'qualification.resubmitted',
        'qualification.verified',
      ]);
    });

    it('a verified diploma cannot be decided again or changed', async () => {
      const submitted = await submit(member).expect(201);
      await review(submitted.body.id, registrar, verify).expect(200);
      expectProblem(
        await review(submitted.body.id, registrar, {
          decision: 'rejected',
          method: 'other',
          reason: 'second thoughts',
        }),
        409,
        'qualification-reviewed',
      );
      expectProblem(
        await t
          .http()
          .patch(`/qualifications/${submitted.body.id}`)
          .set('authorization', member.bearer)
          .send({ field: 'Law' }),
        409,
        'qualification-verified',
      );
    });

    it('two registrars deciding at once: one decision lands, the other is told it came second', async () => {
      const other = await loginAs(t, 'registrar');
      const submitted = await submit(member).expect(201);
      const results = await sendTogetherBehindRow(t, 'qualifications', submitted.body.id, [
        () => review(submitted.body.id, registrar, verify),
        () =>
          review(submitted.body.id, other, {
            decision: 'rejected',
            method: 'other',
            reason: 'not legible',
          }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const [{ reviews }] = await t.db.query(
        `SELECT count(*)::int AS reviews FROM qualification_reviews WHERE qualification_id = $1`,
        [submitted.body.id],
      );
      expect(reviews).toBe(1);
    });
  });

  describe('who sees what', () => {
    it('staff see the queue oldest first; a member sees only their own, whatever they ask', async () => {
      const someone = await newPerson(t, registrar);
      const theirs = await submit(registrar, { personId: someone.id }).expect(201);

      const queue = await t
        .http()
        .get('/qualifications')
        .query({ status: 'submitted', pageSize: 200 })
        .set('authorization', registrar.bearer)
        .expect(200);
      const created = queue.body.items.map((q: { createdAt: string }) => q.createdAt);
      expect(created).toEqual([...created].sort());
      expect(queue.body.items.every((q: { status: string }) => q.status === 'submitted')).toBe(
        true,
      );

      const mine = await t
        .http()
        .get('/qualifications')
        .query({ personId: someone.id })
        .set('authorization', member.bearer)
        .expect(200);
      expect(
        mine.body.items.every((q: { personId: string }) => q.personId === member.personId),
      ).toBe(true);
      expectProblem(
        await t.http().get(`/qualifications/${theirs.body.id}`).set('authorization', member.bearer),
        404,
        'not-found',
      );
    });
  });
});
