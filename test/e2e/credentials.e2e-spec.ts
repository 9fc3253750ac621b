import { createTestApp, type TestApp } from 'test/support/app';
import { sendTogetherBehindRow } from 'test/support/concurrency';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectProblem, newPerson, makeCompetent } from 'test/support/factories';

interface CredentialType {
  id: string;
  code: string;
}

describe('credentials: types, issuing, recording, statuses', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let member: SignedIn;
  let types: Record<string, CredentialType>;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
    member = await loginAs(t, 'member', 'Rina Marlina');
    const listed = await t
      .http()
      .get('/credential-types')
      .set('authorization', member.bearer)
      .expect(200);
    types = Object.fromEntries(listed.body.map((type: CredentialType) => [type.code, type]));
  });
  afterAll(() => t.close());

  /** Someone the certificate of competence may be issued to: a verified degree and a UKOM. */
  const competentPerson = async () => {
    const person = await newPerson(t, registrar);
    await makeCompetent(t, registrar, person.id);
    return person;
  };
  const issue = (personId: string, values: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/credentials/issue')
      .set('authorization', registrar.bearer)
      .send({ personId, credentialTypeId: types.SERKOM.id, ...values });

  let licence = 0;
  const record = (by: SignedIn, code: string, values: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/credentials/record')
      .set('authorization', by.bearer)
      .send({
        credentialTypeId: types[code].id,
        number: `${code}-${Date.now()}-${++licence}`,
        validFrom: '2024-05-02',
        // A practice permit is per place of practice: each its own place.
        ...(code === 'SIP' ? { place: `Praktik ${licence}` } : {}),
        ...values,
      });

  describe('credential types', () => {
    it("ship the Indonesian doctors' set", () => {
      expect(Object.keys(types).sort()).toEqual(['SERKOM', 'SIP', 'STR', 'UKOM']);
    });

    it('are configured by admins; a bad number format is named', async () => {
      const admin = await loginAsAdmin(t);
      const bad = await t.http().post('/credential-types').set('authorization', admin.bearer).send({
        code: 'SPESIALIS',
        name: 'Sertifikat Kompetensi Spesialis',
        issuerKind: 'association',
        issuingAuthority: 'Kolegium Ilmu Penyakit Dalam',
        validityMonths: 60,
        numberFormat: 'SP-{YEAR}',
      });
      expectProblem(bad, 400, 'validation-failed');
      expect(bad.body.errors[0].field).toBe('numberFormat');
      const created = await t
        .http()
        .post('/credential-types')
        .set('authorization', admin.bearer)
        .send({
          code: 'SPESIALIS',
          name: 'Sertifikat Kompetensi Spesialis',
          issuerKind: 'association',
          issuingAuthority: 'Kolegium Ilmu Penyakit Dalam',
          validityMonths: 60,
          numberFormat: '{TYPE}/{SEQ:5}',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        code: 'SPESIALIS',
        graceDays: 0,
        maxActivePerPerson: null,
      });
      expectProblem(
        await t.http().post('/credential-types').set('authorization', registrar.bearer).send({}),
        403,
        'forbidden',
      );
    });
  });

  describe('issuing (certificate of competence)', () => {
    it('asks for a verified medical degree and a passed competence exam (UKOM), naming each one missing', async () => {
      const person = await newPerson(t, registrar);
      const refused = await issue(person.id);
      expectProblem(refused, 409, 'issue-requirements-unmet');
      expect(
        refused.body.requirements.map((r: { requirement: string; met: boolean }) => [
          r.requirement,
          r.met,
        ]),
      ).toEqual([
        [expect.stringMatching(/^qualification:DOKTER/), false],
        ['credential:UKOM', false],
      ]);
      await makeCompetent(t, registrar, person.id);
      await issue(person.id).expect(201);
    });

    it('refuses a certificate that would be expired on issue, and keeps nothing', async () => {
      const person = await competentPerson();
      const refused = await issue(person.id, { validFrom: '2015-01-01' });
      expectProblem(refused, 422, 'expired-on-issue');
      expect(refused.body.errors).toEqual([
        { field: 'validFrom', message: 'validFrom is too far back: it would end 2019-12-31' },
      ]);
      const kept = await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
          WHERE c.person_id = $1 AND t.code = 'SERKOM'`,
        [person.id],
      );
      expect(kept[0].n).toBe(0);
    });

    it('numbers from the type format, runs for the type validity, and records the event', async () => {
      const person = await competentPerson();
      const response = await issue(person.id, { validFrom: '2026-11-22' }).expect(201);
      expect(response.body).toMatchObject({
        personId: person.id,
        type: { code: 'SERKOM' },
        number: expect.stringMatching(/^SK-2026-\d{6}$/),
        issuingAuthority: 'Kolegium Dokter Indonesia',
        status: 'active',
        verificationStatus: 'verified',
        validFrom: '2026-11-22',
        validUntil: '2031-11-21',
        periods: [{ validFrom: '2026-11-22', validUntil: '2031-11-21' }],
        events: [expect.objectContaining({ event: 'issued', actorAccountId: registrar.accountId })],
      });
      const [audit] = await auditRowsFor(t, 'credential', response.body.id);
      expect(audit).toMatchObject({ action: 'credential.issued' });
    });

    it('gives distinct numbers with no gaps to credentials issued at the same moment', async () => {
      const person = await competentPerson();
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => issue(person.id, { validFrom: '2027-01-15' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(12).fill(201));
      const sequence = responses.map((r) => Number(r.body.number.slice(-6))).sort((a, b) => a - b);
      expect(new Set(sequence).size).toBe(12);
      expect(sequence.at(-1)! - sequence[0]).toBe(11);
      expect(responses.every((r) => r.body.number.startsWith('SK-2027-'))).toBe(true);
    });

    it('refuses to issue a type recorded from outside, and members cannot issue', async () => {
      const person = await newPerson(t, registrar);
      expectProblem(
        await issue(person.id, { credentialTypeId: types.STR.id }),
        409,
        'credential-issued-elsewhere',
      );
      expectProblem(
        await t
          .http()
          .post('/credentials/issue')
          .set('authorization', member.bearer)
          .send({ personId: person.id, credentialTypeId: types.SERKOM.id }),
        403,
        'forbidden',
      );
      const unknownPerson = await issue('00000000-0000-4000-8000-000000000000');
      expectProblem(unknownPerson, 409, 'reference-conflict');
      expect(unknownPerson.body.detail).toBe('The person does not exist');
    });
  });

  describe('recording licences from outside', () => {
    it('a member records their own STR; it waits for primary-source verification', async () => {
      const recorded = await record(member, 'STR', {
        number: '3121100220145678',
        validFrom: '2019-03-01',
      }).expect(201);
      expect(recorded.body).toMatchObject({
        personId: member.personId,
        number: '3121100220145678',
        issuingAuthority: 'Konsil Kedokteran Indonesia',
        verificationStatus: 'submitted',
        validUntil: null,
        status: 'active',
      });
      const verified = await t
        .http()
        .post(`/credentials/${recorded.body.id}/review`)
        .set('authorization', registrar.bearer)
        .send({
          decision: 'verified',
          method: 'registry_lookup',
          sourceReference: 'KKI register, 2026-11-22',
        })
        .expect(200);
      expect(verified.body.verificationStatus).toBe('verified');
      expect(verified.body.events.map((e: { event: string }) => e.event)).toEqual([
        'recorded',
        'verified',
      ]);
      expectProblem(
        await t
          .http()
          .post(`/credentials/${recorded.body.id}/review`)
          .set('authorization', registrar.bearer)
          .send({ decision: 'rejected', method: 'other', reason: 'changed my mind' }),
        409,
        'verification-decided',
      );
    });

    it('a rejected licence is corrected and sent again by its holder, then verified; history kept', async () => {
      const recorded = await record(member, 'SIP', {
        number: 'SIP/BDG/2024/0O17',
        validFrom: '2024-05-02',
      }).expect(201);
      const review = (body: object) =>
        t
          .http()
          .post(`/credentials/${recorded.body.id}/review`)
          .set('authorization', registrar.bearer)
          .send(body);
      const resubmit = (by: SignedIn, body: object) =>
        t
          .http()
          .post(`/credentials/${recorded.body.id}/resubmit`)
          .set('authorization', by.bearer)
          .send(body);
      const early = await resubmit(member, {});
      expectProblem(early, 409, 'resubmission-refused');
      expect(early.body.currentVerificationStatus).toBe('submitted');
      await review({
        decision: 'rejected',
        method: 'issuer_confirmation',
        reason: 'Dinkes Bandung has no permit with this number',
      }).expect(200);

      const stranger = await loginAs(t, 'member');
      expectProblem(await resubmit(stranger, { number: 'SIP/BDG/2024/0017' }), 404, 'not-found');
      const again = await resubmit(member, {
        number: 'SIP/BDG/2024/0017',
        validFrom: '2024-05-03',
      }).expect(200);
      expect(again.body).toMatchObject({
        number: 'SIP/BDG/2024/0017',
        verificationStatus: 'submitted',
        validFrom: '2024-05-03',
        validUntil: '2029-05-01',
        periods: [{ validFrom: '2024-05-03', validUntil: '2029-05-01' }],
      });
      expect(
        again.body.events.map((e: { event: string; reason: string | null }) => [e.event, e.reason]),
      ).toEqual([
        ['recorded', null],
        ['rejected', 'Dinkes Bandung has no permit with this number'],
        ['resubmitted', 'Corrected: number, validFrom'],
      ]);
      const audit = await auditRowsFor(t, 'credential', recorded.body.id);
      expect(audit.at(-1)).toMatchObject({
        action: 'credential.resubmitted',
        actor_id: member.accountId,
        before: {
          number: 'SIP/BDG/2024/0O17',
          validFrom: '2024-05-02',
          verificationStatus: 'rejected',
        },
        after: {
          number: 'SIP/BDG/2024/0017',
          validFrom: '2024-05-03',
          verificationStatus: 'submitted',
        },
      });
      await review({
        decision: 'verified',
        method: 'issuer_confirmation',
        sourceReference: 'Dinkes Bandung letter 12/2026',
      }).expect(200);
      await t
        .http()
        .get(`/public/credentials/${encodeURIComponent('SIP/BDG/2024/0017')}`)
        .expect(200);
    });

    it('lets staff find a credential by its number', async () => {
      const recorded = await record(registrar, 'STR', {
        personId: (await newPerson(t, registrar)).id,
      }).expect(201);
      const found = await t
        .http()
        .get('/credentials')
        .query({ number: recorded.body.number })
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([recorded.body.id]);
    });

    it('refuses a number already recorded, and recording for someone else', async () => {
      const first = await record(registrar, 'STR', {
        personId: (await newPerson(t, registrar)).id,
      }).expect(201);
      const again = await record(registrar, 'STR', {
        personId: (await newPerson(t, registrar)).id,
        number: first.body.number,
      });
      expectProblem(again, 409, 'duplicate');
      const other = await newPerson(t, registrar);
      expectProblem(await record(member, 'SIP', { personId: other.id }), 404, 'not-found');
    });

    it('reads expiry from the dates: a licence past its end is expired at once, before any job runs', async () => {
      const person = await newPerson(t, registrar);
      const old = await record(registrar, 'SIP', {
        personId: person.id,
        validFrom: '2018-01-01',
        validUntil: '2022-12-31',
      }).expect(201);
      expect(old.body.status).toBe('expired');
      const expired = await t
        .http()
        .get('/credentials')
        .query({ personId: person.id, status: 'expired' })
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(expired.body.items.map((c: { id: string }) => c.id)).toEqual([old.body.id]);
    });

    it('holds a person to at most three valid practice permits, even when they arrive together', async () => {
      const person = await newPerson(t, registrar);
      await record(registrar, 'SIP', {
        personId: person.id,
        validFrom: '2015-01-01',
        validUntil: '2019-12-31',
      }).expect(201);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          record(registrar, 'SIP', { personId: person.id, validFrom: '2025-01-01' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
      expect(results.find((r) => r.status === 409)!.body.detail).toMatch(/at most 3 valid SIP/);
    });

    it('refuses an end date before the start', async () => {
      const response = await record(member, 'SIP', {
        validFrom: '2025-01-01',
        validUntil: '2024-01-01',
      });
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors[0].field).toBe('validUntil');
    });
  });

  describe('status changes', () => {
    it('suspend -> reinstate -> revoke, each with a reason and an event; wrong moves are refused', async () => {
      const person = await competentPerson();
      const issued = await issue(person.id).expect(201);
      const id = issued.body.id;
      const post = (action: string, body: Record<string, unknown>) =>
        t
          .http()
          .post(`/credentials/${id}/${action}`)
          .set('authorization', registrar.bearer)
          .send(body);

      const noReason = await post('suspend', {});
      expectProblem(noReason, 400, 'validation-failed');
      expect(noReason.body.errors[0].field).toBe('reason');
      expectProblem(
        await post('reinstate', { reason: 'nothing to lift' }),
        409,
        'credential-status-refused',
      );

      const suspended = await post('suspend', {
        reason: 'MKEK decision 12/2026',
        until: '2027-05-31',
      }).expect(200);
      expect(suspended.body).toMatchObject({
        status: 'suspended',
        statusReason: 'MKEK decision 12/2026',
        suspendedUntil: '2027-05-31',
      });
      const reinstated = await post('reinstate', { reason: 'Suspension lifted on appeal' }).expect(
        200,
      );
      expect(reinstated.body).toMatchObject({ status: 'active', suspendedUntil: null });
      const revoked = await post('revoke', { reason: 'Struck off by the national council' }).expect(
        200,
      );
      expect(revoked.body.status).toBe('revoked');
      expectProblem(
        await post('suspend', { reason: 'too late' }),
        409,
        'credential-status-refused',
      );
      expectProblem(await post('revoke', { reason: 'twice' }), 409, 'credential-status-refused');

      expect(revoked.body.events.map((e: { event: string }) => e.event)).toEqual([
        'issued',
        'suspended',
        'reinstated',
        'revoked',
      ]);
      const audit = (await auditRowsFor(t, 'credential', id)).map((r) => r.action);
      expect(audit).toEqual([
        'credential.issued',
        'credential.suspended',
        'credential.reinstated',
        'credential.revoked',
      ]);
    });

    it('of registrars suspending at once, one does it and the others get 409: one event, one audit row', async () => {
      const person = await competentPerson();
      const issued = await issue(person.id).expect(201);
      const other = await loginAs(t, 'registrar');
      const answers = await sendTogetherBehindRow(
        t,
        'credentials',
        issued.body.id,
        Array.from(
          { length: 4 },
          (_, i) => () =>
            t
              .http()
              .post(`/credentials/${issued.body.id}/suspend`)
              .set('authorization', (i % 2 ? other : registrar).bearer)
              .send({ reason: `MKEK decision 13/2026 (${i})` }),
        ),
      );

      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const audit = (await auditRowsFor(t, 'credential', issued.body.id)).map((r) => r.action);
      expect(audit).toEqual(['credential.issued', 'credential.suspended']);
      const [{ events }] = await t.db.query(
        `SELECT count(*)::int AS events FROM credential_events WHERE credential_id = $1 AND event = 'suspended'`,
        [issued.body.id],
      );
      expect(events).toBe(1);
    });

    it('only registrars and admins change statuses', async () => {
      const person = await competentPerson();
      const issued = await issue(person.id).expect(201);
      const ethics = await loginAs(t, 'ethics_officer');
      expectProblem(
        await t
          .http()
          .post(`/credentials/${issued.body.id}/suspend`)
          .set('authorization', ethics.bearer)
          .send({ reason: 'x' }),
        403,
        'forbidden',
      );
    });
  });

  describe('who sees what', () => {
    it('a member sees their own credentials only', async () => {
      const theirs = await issue((await competentPerson()).id).expect(201);
      await record(member, 'SIP').expect(201);
      const mine = await t
        .http()
        .get('/credentials')
        .query({ personId: theirs.body.personId })
        .set('authorization', member.bearer)
        .expect(200);
      expect(mine.body.total).toBeGreaterThan(0);
      expect(
        mine.body.items.every((c: { personId: string }) => c.personId === member.personId),
      ).toBe(true);
      expectProblem(
        await t.http().get(`/credentials/${theirs.body.id}`).set('authorization', member.bearer),
        404,
        'not-found',
      );
    });

    it('the holder attaches evidence to a recorded licence', async () => {
      const recorded = await record(member, 'SIP').expect(201);
      const pdf = Buffer.from('%PDF-1.4\n%sip scan\n');
      await t
        .http()
        .post(`/credentials/${recorded.body.id}/evidence`)
        .set('authorization', member.bearer)
        .attach('file', pdf, 'sip.pdf')
        .expect(201);
      const listed = await t
        .http()
        .get(`/credentials/${recorded.body.id}/evidence`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({ fileName: 'sip.pdf', mediaType: 'application/pdf' }),
      ]);
    });
  });
});
