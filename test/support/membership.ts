import { randomBytes } from 'node:crypto';
import type { TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';
import { credentialTypeIds } from 'test/support/factories';

const unique = () => randomBytes(4).toString('hex');

/** Steps of the pipeline a person takes before applying, each through the API. */
export class Pipeline {
  private institutionId?: string;
  private categories?: Record<string, { id: string; [key: string]: unknown }>;

  constructor(
    private readonly t: TestApp,
    /** A registrar (or admin): verifies, records, decides. */
    private readonly staff: SignedIn,
  ) {}

  async chapter(
    code = `C${unique().toUpperCase().slice(0, 5)}`,
  ): Promise<{ id: string; code: string }> {
    const response = await this.t
      .http()
      .post('/chapters')
      .set('authorization', this.staff.bearer)
      .send({ code, name: `Cabang ${code}` })
      .expect(201);
    return response.body;
  }

  async category(code: string) {
    // Read again for a category made since (tests configure their own).
    if (!this.categories?.[code]) {
      const response = await this.t.http().get('/membership-categories').expect(200);
      this.categories = Object.fromEntries(
        (response.body as { code: string; id: string }[]).map((c) => [c.code, c]),
      );
    }
    return this.categories[code];
  }

  /** A verified qualification with this degree. */
  async qualify(personId: string, degree = 'Dokter') {
    if (!this.institutionId) {
      const institution = await this.t
        .http()
        .post('/institutions')
        .set('authorization', this.staff.bearer)
        .send({ name: `Universitas ${unique()}`, country: 'ID' })
        .expect(201);
      this.institutionId = institution.body.id as string;
    }
    const qualification = await this.t
      .http()
      .post('/qualifications')
      .set('authorization', this.staff.bearer)
      .send({
        personId,
        institutionId: this.institutionId,
        degree,
        field: 'Pendidikan Dokter',
        graduationDate: '2015-08-29',
        diplomaNumber: `D-${unique()}`,
      })
      .expect(201);
    await this.t
      .http()
      .post(`/qualifications/${qualification.body.id}/review`)
      .set('authorization', this.staff.bearer)
      .send({ decision: 'verified', method: 'registry_lookup', sourceReference: 'PDDikti' })
      .expect(200);
  }

  /** A registration (STR) recorded and verified against the council's register. */
  async register(personId: string) {
    const { STR } = await credentialTypeIds(this.t, this.staff);
    const recorded = await this.t
      .http()
      .post('/credentials/record')
      .set('authorization', this.staff.bearer)
      .send({ personId, credentialTypeId: STR, number: `STR-${unique()}`, validFrom: '2020-01-02' })
      .expect(201);
    await this.t
      .http()
      .post(`/credentials/${recorded.body.id}/review`)
      .set('authorization', this.staff.bearer)
      .send({ decision: 'verified', method: 'registry_lookup', sourceReference: 'KKI register' })
      .expect(200);
  }

  async pledge(personId: string) {
    const code = await this.t.http().get('/ethics/codes/current').expect(200);
    await this.t
      .http()
      .post('/ethics/pledges')
      .set('authorization', this.staff.bearer)
      .send({ codeVersionId: code.body.id, personId })
      .expect(201);
  }

  async pay(finance: SignedIn, invoiceId: string, key = unique()) {
    const invoice = await this.t
      .http()
      .get(`/invoices/${invoiceId}`)
      .set('authorization', finance.bearer)
      .expect(200);
    return this.t
      .http()
      .post(`/invoices/${invoiceId}/payments`)
      .set('authorization', finance.bearer)
      .set('idempotency-key', key)
      .send({
        amountMinor: invoice.body.outstandingMinor,
        currency: invoice.body.currency,
        method: 'bank_transfer',
        reference: `BCA-${unique()}`,
        paidOn: '2026-01-05',
      })
      .expect(201);
  }

  /** A person's invoices, as finance lists them. */
  async invoicesOf(finance: SignedIn, personId: string) {
    const invoices = await this.t
      .http()
      .get('/invoices')
      .query({ personId })
      .set('authorization', finance.bearer)
      .expect(200);
    return invoices.body.items as {
      id: string;
      kind: string;
      number: string;
      status: string;
      issuedOn: string;
      dueOn: string;
    }[];
  }

  /** Everything an ordinary member needs before applying: degree, STR, pledge. */
  async readyForOrdinary(personId: string) {
    await this.qualify(personId);
    await this.register(personId);
    await this.pledge(personId);
  }

  /** A member account whose ordinary membership was approved; returns the membership id. */
  async admitted(
    finance: SignedIn,
    member: SignedIn,
    chapterId: string,
    categoryCode = 'ORDINARY',
  ) {
    await this.readyForOrdinary(member.personId!);
    const id = await this.applicationUnderReview(
      finance,
      member.personId!,
      chapterId,
      categoryCode,
    );
    const approved = await this.t
      .http()
      .post(`/membership-applications/${id}/approve`)
      .set('authorization', this.staff.bearer)
      .expect(200);
    return approved.body.membershipId as string;
  }

  /** A member account admitted today, every invoice paid: in good standing. */
  async memberInGoodStanding(finance: SignedIn, chapterId: string, name: string) {
    const member = await loginAs(this.t, 'member', name);
    const membershipId = await this.admitted(finance, member, chapterId);
    for (const invoice of await this.invoicesOf(finance, member.personId!)) {
      if (invoice.status !== 'paid') await this.pay(finance, invoice.id);
    }
    return { doctor: member, membershipId };
  }

  /** Moves a membership back in time by `days`: as if it had been admitted that much earlier. */
  async age(membershipId: string, days: number) {
    await this.t.db.query(
      `UPDATE membership_periods SET starts_on = starts_on - $2::int, ends_on = ends_on - $2::int
        WHERE membership_id = $1`,
      [membershipId, days],
    );
    await this.t.db.query(
      `UPDATE memberships SET member_since = member_since - $2::int,
              covered_until = covered_until - $2::int, status_changed_on = status_changed_on - $2::int
        WHERE id = $1`,
      [membershipId, days],
    );
  }

  /** Drafted by staff for the person, fee paid, submitted, taken into review. */
  async applicationUnderReview(
    finance: SignedIn,
    personId: string,
    chapterId: string,
    categoryCode = 'ORDINARY',
  ): Promise<string> {
    const category = await this.category(categoryCode);
    const draft = await this.t
      .http()
      .post('/membership-applications')
      .set('authorization', this.staff.bearer)
      .send({ personId, categoryId: category.id, chapterId })
      .expect(201);
    if (draft.body.feeInvoiceId) await this.pay(finance, draft.body.feeInvoiceId);
    const id = draft.body.id as string;
    await this.t
      .http()
      .post(`/membership-applications/${id}/submit`)
      .set('authorization', this.staff.bearer)
      .expect(200);
    await this.t
      .http()
      .post(`/membership-applications/${id}/start-review`)
      .set('authorization', this.staff.bearer)
      .expect(200);
    return id;
  }
}
