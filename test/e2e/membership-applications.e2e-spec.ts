import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectProblem, issueCredential, newPerson } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { watchOverlappingQueries } from 'test/support/pg-overlap';

describe('membership applications: the pipeline decides', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapter: { id: string; code: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapter = await pipeline.chapter('JKT');
  });
  afterAll(() => t.close());

  const post = (by: SignedIn, path: string, body: object = {}) =>
    t.http().post(path).set('authorization', by.bearer).send(body);

  let ordinaryId: string;
  beforeAll(async () => {
    ordinaryId = (await pipeline.category('ORDINARY')).id;
  });

  function draft(by: SignedIn, values: Record<string, unknown> = {}) {
    return post(by, '/membership-applications', {
      categoryId: ordinaryId,
      chapterId: chapter.id,
      ...values,
    });
  }

  it("seeds the Indonesian doctors' categories, readable by anyone", async () => {
    const response = await t.http().get('/membership-categories').expect(200);
    expect(response.body.map((c: { code: string }) => c.code)).toEqual([
      'ASSOCIATE',
      'HONORARY',
      'ORDINARY',
      'RETIRED',
      'SPECIALIST',
      'STUDENT',
    ]);
    // What admission needs is one requirement: the degree, the STR, the pledge, the fee.
    expect(response.body.find((c: { code: string }) => c.code === 'ORDINARY')).toMatchObject({
      requirements: {
        all: [
          { qualification: { degrees: ['DOKTER'] } },
          { credential: 'STR' },
          { pledge: true },
          { applicationFee: 'paid' },
        ],
      },
      duesMinor: 30000000,
      applicationFeeMinor: 10000000,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 90,
      memberNumberFormat: '{CHAPTER}-{YYYY}-{SEQ:6}',
    });
  });

  it('lets admins configure a category, naming a bad number format', async () => {
    const body = {
      code: 'INTERN',
      name: 'Dokter internsip',
      requirements: { all: [{ qualification: {} }, { pledge: true }] },
      duesMinor: 1000000,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 30,
      memberNumberFormat: 'I-{YYYY}-{SEQ:5}',
    };
    expectProblem(await post(registrar, '/membership-categories', body), 403, 'forbidden');
    const bad = await post(admin, '/membership-categories', {
      ...body,
      memberNumberFormat: 'I-{MONTH}',
      duesMinor: 1.5,
    });
    expectProblem(bad, 400, 'validation-failed');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'duesMinor',
      'memberNumberFormat',
    ]);
    const created = await post(admin, '/membership-categories', body).expect(201);
    expect(created.body).toMatchObject({
      code: 'INTERN',
      requirements: { all: [{ qualification: {} }, { pledge: true }] },
    });
  });

  it('names every unmet check when a person submits too early, and submits once they are met', async () => {
    const member = await loginAs(t, 'member', 'Dewi Lestari');
    const created = await draft(member).expect(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      personId: member.personId,
      feeInvoiceId: expect.any(String),
    });

    const checklist = await t
      .http()
      .get(`/membership-applications/${created.body.id}/checks`)
      .set('authorization', member.bearer)
      .expect(200);
    expect(checklist.body.ready).toBe(false);
    expect(
      checklist.body.checks.map((c: { check: string; requirement?: string; met: boolean }) => [
        c.requirement ?? c.check,
        c.met,
      ]),
    ).toEqual([
      ['not-already-member', true],
      ['qualification:DOKTER', false],
      ['credential:STR', false],
      ['pledge', false],
      ['application-fee', false],
    ]);

    const early = await post(member, `/membership-applications/${created.body.id}/submit`);
    expectProblem(early, 422, 'pipeline-checks-failed');
    expect(early.body.checks.map((c: { requirement: string }) => c.requirement)).toEqual([
      'qualification:DOKTER',
      'credential:STR',
      'pledge',
      'application-fee',
    ]);
    expect(early.body.detail).toContain('Needs a valid, verified STR');

    await pipeline.qualify(member.personId!);
    await pipeline.register(member.personId!);
    const stillUnpaid = await post(member, `/membership-applications/${created.body.id}/submit`);
    expect(stillUnpaid.body.checks.map((c: { requirement: string }) => c.requirement)).toEqual([
      'pledge',
      'application-fee',
    ]);
    await pipeline.pledge(member.personId!);
    await pipeline.pay(finance, created.body.feeInvoiceId);
    const submitted = await post(
      member,
      `/membership-applications/${created.body.id}/submit`,
    ).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
  });

  it('checks the degree the category needs', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.qualify(person.id, 'Sarjana Kesehatan Masyarakat');
    await pipeline.register(person.id);
    await pipeline.pledge(person.id);
    const created = await draft(registrar, { personId: person.id }).expect(201);
    await pipeline.pay(finance, created.body.feeInvoiceId);
    const refused = await post(registrar, `/membership-applications/${created.body.id}/submit`);
    expectProblem(refused, 422, 'pipeline-checks-failed');
    expect(refused.body.checks).toEqual([
      {
        check: 'requirement',
        requirement: 'qualification:DOKTER',
        met: false,
        detail: expect.stringMatching(
          /^Needs a verified qualification \(DOKTER\); verified on record: Sarjana Kesehatan Masyarakat in /,
        ),
      },
    ]);
  });

  it('admits a specialist only with a registration (STR) as well as the certificate (UU 17/2023 art. 264(1))', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.qualify(person.id, 'Dokter Spesialis');
    await pipeline.pledge(person.id);
    await issueCredential(t, registrar, person.id);
    const specialist = await pipeline.category('SPECIALIST');
    const created = await draft(registrar, {
      personId: person.id,
      categoryId: specialist.id,
    }).expect(201);
    await pipeline.pay(finance, created.body.feeInvoiceId);
    const refused = await post(registrar, `/membership-applications/${created.body.id}/submit`);
    expectProblem(refused, 422, 'pipeline-checks-failed');
    expect(refused.body.checks.map((c: { requirement: string }) => c.requirement)).toEqual([
      'credential:STR',
    ]);
    await pipeline.register(person.id);
    await post(registrar, `/membership-applications/${created.body.id}/submit`).expect(200);
  });

  it('matches the degree by its code: a verified "Dokter (dr.)" is a Dokter, and a registrar may say so', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.qualify(person.id, 'Dokter (dr.)');
    await pipeline.register(person.id);
    await pipeline.pledge(person.id);
    const created = await draft(registrar, { personId: person.id }).expect(201);
    await pipeline.pay(finance, created.body.feeInvoiceId);
    await post(registrar, `/membership-applications/${created.body.id}/submit`).expect(200);

    // A diploma written in a way the degree list does not know is named by the registrar.
    const other = await newPerson(t, registrar);
    const institution = await post(registrar, '/institutions', {
      name: 'Universitas Airlangga',
      country: 'ID',
    }).expect(201);
    const diploma = await post(registrar, '/qualifications', {
      personId: other.id,
      institutionId: institution.body.id,
      degree: 'Dokter Umum Lulusan Profesi',
      field: 'Pendidikan Dokter',
      graduationDate: '2014-09-01',
      diplomaNumber: 'UNAIR-2014-77',
    }).expect(201);
    expect(diploma.body.degreeCode).toBeNull();
    const unknownCode = await post(registrar, `/qualifications/${diploma.body.id}/review`, {
      decision: 'verified',
      method: 'registry_lookup',
      sourceReference: 'PDDikti',
      degreeCode: 'NO_SUCH',
    });
    expectProblem(unknownCode, 400, 'validation-failed');
    const reviewed = await post(registrar, `/qualifications/${diploma.body.id}/review`, {
      decision: 'verified',
      method: 'registry_lookup',
      sourceReference: 'PDDikti',
      degreeCode: 'DOKTER',
    }).expect(200);
    expect(reviewed.body).toMatchObject({ status: 'verified', degreeCode: 'DOKTER' });
    const degrees = await t
      .http()
      .get('/degrees')
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(degrees.body.map((d: { code: string }) => d.code)).toContain('DOKTER');
    const badCategory = await post(admin, '/membership-categories', {
      code: 'BADDEG',
      name: 'Bad degrees',
      requirements: { qualification: { degrees: ['DOKTER_HEWAN'] } },
      duesMinor: 0,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 0,
      memberNumberFormat: 'B-{SEQ:4}',
    });
    expectProblem(badCategory, 400, 'validation-failed');
    expect(badCategory.body.errors[0].message).toMatch(/degrees that do not exist .*DOKTER_HEWAN/);
  });

  it('approves under review: a member number from the format, the first period and its dues', async () => {
    const person = await newPerson(t, registrar, { fullName: 'Budi Santoso' });
    await pipeline.readyForOrdinary(person.id);
    const id = await pipeline.applicationUnderReview(finance, person.id, chapter.id);
    const queries = watchOverlappingQueries();
    const approved = await post(registrar, `/membership-applications/${id}/approve`)
      .then((response) => response)
      .finally(() => queries.restore());
    // The checks run one after another on the approval's transaction.
    expect(queries.overlapping()).toBe(0);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedByAccountId: registrar.accountId,
      membershipId: expect.any(String),
    });
    const membership = await t
      .http()
      .get(`/memberships/${approved.body.membershipId}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    const year = new Date().getFullYear();
    expect(membership.body).toMatchObject({
      fullName: 'Budi Santoso',
      memberNumber: expect.stringMatching(new RegExp(`^JKT-${year}-\\d{6}$`)),
      status: 'active',
      category: { code: 'ORDINARY' },
      arrears: { openInvoices: 1, outstandingMinor: 30000000, currency: 'IDR' },
    });
    expect(membership.body.periods).toEqual([
      expect.objectContaining({
        granted: true,
        category: 'ORDINARY',
        invoiceId: expect.any(String),
      }),
    ]);
    expect(membership.body.statusChanges).toEqual([
      expect.objectContaining({ from: null, to: 'active', actorAccountId: registrar.accountId }),
    ]);
    const audit = await auditRowsFor(t, 'membership_application', id);
    expect(audit.map((row) => row.action)).toEqual([
      'membership_application.drafted',
      'membership_application.submitted',
      'membership_application.under_review',
      'membership_application.approved',
    ]);
  });

  it('runs the checks again at approval: a registration revoked while waiting is named', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.readyForOrdinary(person.id);
    const id = await pipeline.applicationUnderReview(finance, person.id, chapter.id);
    // The STR is revoked while the application waits.
    const [{ id: strId }] = await t.db.query(`SELECT id FROM credentials WHERE person_id = $1`, [
      person.id,
    ]);
    await post(registrar, `/credentials/${strId}/revoke`, { reason: 'Council decision' }).expect(
      200,
    );
    const refused = await post(registrar, `/membership-applications/${id}/approve`);
    expectProblem(refused, 422, 'pipeline-checks-failed');
    expect(refused.body.checks.map((c: { requirement: string }) => c.requirement)).toEqual([
      'credential:STR',
    ]);
    const [{ status }] = await t.db.query(
      `SELECT status FROM membership_applications WHERE id = $1`,
      [id],
    );
    expect(status).toBe('under_review');
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM memberships WHERE person_id = $1`,
      [person.id],
    );
    expect(count).toBe(0);
  });

  it('refuses moves off the path, a rejection without a reason, and a second open application', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.readyForOrdinary(person.id);
    const created = await draft(registrar, { personId: person.id }).expect(201);
    expectProblem(await draft(registrar, { personId: person.id }), 409, 'duplicate');
    expectProblem(
      await post(registrar, `/membership-applications/${created.body.id}/approve`),
      409,
      'application-status-refused',
    );
    expectProblem(
      await post(registrar, `/membership-applications/${created.body.id}/start-review`),
      409,
      'application-status-refused',
    );
    await pipeline.pay(finance, created.body.feeInvoiceId);
    await post(registrar, `/membership-applications/${created.body.id}/submit`).expect(200);
    await post(registrar, `/membership-applications/${created.body.id}/start-review`).expect(200);
    const noReason = await post(
      registrar,
      `/membership-applications/${created.body.id}/reject`,
      {},
    );
    expectProblem(noReason, 400, 'validation-failed');
    expect(noReason.body.errors[0].field).toBe('reason');
    const rejected = await post(registrar, `/membership-applications/${created.body.id}/reject`, {
      reason: 'The diploma could not be confirmed',
    }).expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decisionReason: 'The diploma could not be confirmed',
    });
    expectProblem(
      await post(registrar, `/membership-applications/${created.body.id}/withdraw`),
      409,
      'application-status-refused',
    );
    // Decided: a new application may be opened.
    await draft(registrar, { personId: person.id }).expect(201);
  });

  it('lets staff withdraw an application at any open step', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.readyForOrdinary(person.id);
    const id = await pipeline.applicationUnderReview(finance, person.id, chapter.id);
    const withdrawn = await post(registrar, `/membership-applications/${id}/withdraw`, {
      reason: 'Applicant asked by phone',
    }).expect(200);
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      decidedByAccountId: registrar.accountId,
    });
  });

  it('lets the applicant withdraw their own application, and no one else', async () => {
    const member = await loginAs(t, 'member');
    const other = await loginAs(t, 'member');
    const created = await draft(member).expect(201);
    expectProblem(
      await post(other, `/membership-applications/${created.body.id}/withdraw`),
      404,
      'not-found',
    );
    const withdrawn = await post(member, `/membership-applications/${created.body.id}/withdraw`, {
      reason: 'Moving abroad',
    }).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', decisionReason: 'Moving abroad' });
    // Decided, it cannot move; another member still learns nothing of it, not even its state.
    expectProblem(
      await post(other, `/membership-applications/${created.body.id}/withdraw`),
      404,
      'not-found',
    );
    expectProblem(
      await post(other, `/membership-applications/${created.body.id}/submit`),
      404,
      'not-found',
    );
  });

  it('owes no fee once an application is withdrawn; a fee paid for a review stays paid', async () => {
    const invoice = (id: string) =>
      t
        .http()
        .get(`/invoices/${id}`)
        .set('authorization', finance.bearer)
        .expect(200)
        .then((r) => r.body as { status: string; waivedReason: string | null });
    const openInvoices = async (by: SignedIn) =>
      (
        await t
          .http()
          .get('/invoices')
          .query({ status: 'open' })
          .set('authorization', by.bearer)
          .expect(200)
      ).body.items.length as number;

    const member = await loginAs(t, 'member');
    const withdrawn = await draft(member).expect(201);
    await post(member, `/membership-applications/${withdrawn.body.id}/withdraw`, {
      reason: 'Applied by mistake',
    }).expect(200);
    expect(await invoice(withdrawn.body.feeInvoiceId)).toMatchObject({
      status: 'waived',
      waivedReason: 'Application withdrawn: Applied by mistake',
    });

    expect(await openInvoices(member)).toBe(0);

    // A rejected application had its fee paid to be submitted: that fee covered the review.
    await pipeline.readyForOrdinary(member.personId!);
    const rejected = await draft(member).expect(201);
    await pipeline.pay(finance, rejected.body.feeInvoiceId);
    await post(member, `/membership-applications/${rejected.body.id}/submit`).expect(200);
    await post(registrar, `/membership-applications/${rejected.body.id}/start-review`).expect(200);
    await post(registrar, `/membership-applications/${rejected.body.id}/reject`, {
      reason: 'Not eligible',
    }).expect(200);
    expect(await invoice(rejected.body.feeInvoiceId)).toMatchObject({ status: 'paid' });
    expect(await openInvoices(member)).toBe(0);
    const audit = await auditRowsFor(t, 'invoice', withdrawn.body.feeInvoiceId);
    expect(audit.map((row) => row.action)).toEqual(['invoice.issued', 'invoice.waived']);
  });

  it('keeps decisions to registrars and admins: finance and members cannot approve', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.readyForOrdinary(person.id);
    const id = await pipeline.applicationUnderReview(finance, person.id, chapter.id);
    const member = await loginAs(t, 'member');
    expectProblem(await post(finance, `/membership-applications/${id}/approve`), 403, 'forbidden');
    expectProblem(await post(member, `/membership-applications/${id}/approve`), 403, 'forbidden');
    expectProblem(
      await post(member, `/membership-applications/${id}/start-review`),
      403,
      'forbidden',
    );
    const theirs = await t
      .http()
      .get(`/membership-applications/${id}`)
      .set('authorization', member.bearer);
    expectProblem(theirs, 404, 'not-found');
  });

  it('shows reviewers a queue with filters, oldest submission first', async () => {
    const queue = await t
      .http()
      .get(`/membership-applications?status=under_review&chapterId=${chapter.id}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(queue.body.items.length).toBeGreaterThan(0);
    expect(queue.body.items.every((a: { status: string }) => a.status === 'under_review')).toBe(
      true,
    );
    const submitted = queue.body.items.map((a: { submittedAt: string }) => a.submittedAt);
    expect([...submitted].sort()).toEqual(submitted);
    const member = await loginAs(t, 'member');
    const mine = await t
      .http()
      .get('/membership-applications')
      .set('authorization', member.bearer)
      .expect(200);
    expect(mine.body.total).toBe(0);
  });

  it('approves once when two registrars approve at the same moment', async () => {
    const person = await newPerson(t, registrar);
    await pipeline.readyForOrdinary(person.id);
    const id = await pipeline.applicationUnderReview(finance, person.id, chapter.id);
    const other = await loginAs(t, 'registrar');
    const answers = await Promise.all([
      post(registrar, `/membership-applications/${id}/approve`),
      post(other, `/membership-applications/${id}/approve`),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM memberships WHERE person_id = $1`,
      [person.id],
    );
    expect(count).toBe(1);
  });

  it('gives distinct member numbers without gaps to many approvals at once', async () => {
    const surabaya = await pipeline.chapter('SBY');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const person = await newPerson(t, registrar);
      await pipeline.readyForOrdinary(person.id);
      ids.push(await pipeline.applicationUnderReview(finance, person.id, surabaya.id));
    }
    const answers = await Promise.all(
      ids.map((id) => post(registrar, `/membership-applications/${id}/approve`)),
    );
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const rows = await t.db.query<{ member_number: string }[]>(
      `SELECT member_number FROM memberships WHERE chapter_id = $1 ORDER BY member_number`,
      [surabaya.id],
    );
    const year = new Date().getFullYear();
    expect(rows.map((r) => r.member_number)).toEqual(
      ids.map((_, i) => `SBY-${year}-${String(i + 1).padStart(6, '0')}`),
    );
  });
});
