import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * The rules of renewal and of the dues desk are data: the days ahead a period is invoiced, the
 * days an invoice is due in, the invoice and receipt number formats, the renewal window.
 */
describe('renewal and dues rules in data', () => {
  let t: TestApp;
  let admin: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const patch = (path: string, body: object, as: SignedIn = admin) =>
    t.http().patch(path).set('authorization', as.bearer).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  it('numbers invoices and receipts in the desk’s formats and dates them with its due days, from the change on', async () => {
    const defaults = await t
      .http()
      .get('/invoices/settings')
      .set('authorization', finance.bearer)
      .expect(200);
    expect(defaults.body).toEqual({
      invoiceDueDays: 30,
      invoiceNumberFormat: 'INV-{YYYY}-{SEQ:6}',
      receiptNumberFormat: 'RCP-{YYYY}-{SEQ:6}',
    });
    expectProblem(
      await patch('/invoices/settings', { invoiceDueDays: 14 }, finance),
      403,
      'forbidden',
    );
    expectFieldErrors(
      await patch('/invoices/settings', {
        invoiceNumberFormat: 'INV-{SEQ:6}',
        invoiceDueDays: 400,
      }),
      [
        { field: 'invoiceDueDays', message: expect.stringContaining('365') },
        { field: 'invoiceNumberFormat', message: expect.stringContaining('{YYYY} or {YY}') },
      ],
    );
    const changed = await patch('/invoices/settings', {
      invoiceDueDays: 14,
      invoiceNumberFormat: '{SEQ:5}/TAG/{YY}',
      receiptNumberFormat: 'KWT.{YYYY}.{SEQ:4}',
    }).expect(200);
    expect(changed.body.invoiceDueDays).toBe(14);
    const [audit] = await auditRowsFor(t, 'dues_settings', '1');
    expect(audit).toMatchObject({
      action: 'dues_settings.updated',
      before: { invoiceDueDays: 30 },
      after: { invoiceDueDays: 14 },
    });

    const doctor = await loginAs(t, 'member', 'dr. Nomor Baru');
    await pipeline.admitted(finance, doctor, chapterId);
    const yy = todayIn(t).slice(2, 4);
    const dues = (await pipeline.invoicesOf(finance, doctor.personId!)).find(
      (invoice) => invoice.kind === 'dues',
    )!;
    expect(dues.number).toMatch(new RegExp(`^\\d{5}/TAG/${yy}$`));
    expect(dues.dueOn).toBe(addDays(dues.issuedOn, 14));
    const paid = await pipeline.pay(finance, dues.id);
    expect(paid.body.receiptNumber).toMatch(
      new RegExp(`^KWT\\.${todayIn(t).slice(0, 4)}\\.\\d{4}$`),
    );
    await patch('/invoices/settings', {
      invoiceDueDays: 30,
      invoiceNumberFormat: 'INV-{YYYY}-{SEQ:6}',
      receiptNumberFormat: 'RCP-{YYYY}-{SEQ:6}',
    }).expect(200);
  });

  it('invoices the next period as many days ahead as the category says', async () => {
    const doctor = await loginAs(t, 'member', 'dr. Perpanjang');
    const membershipId = await pipeline.admitted(finance, doctor, chapterId);
    const { coveredUntil } = (
      await t
        .http()
        .get(`/memberships/${membershipId}`)
        .set('authorization', admin.bearer)
        .expect(200)
    ).body as { coveredUntil: string };
    const category = await pipeline.category('ORDINARY');
    const duesInvoices = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM invoices WHERE person_id = $1 AND kind = 'dues'`,
          [doctor.personId],
        )
      )[0].n;
    const calendar = moveCalendar(t, addDays(coveredUntil, -45));
    try {
      await patch(`/membership-categories/${category.id}`, { renewalNoticeDays: 30 }).expect(200);
      await post('/memberships/status-runs', {}).expect(201);
      expect(await duesInvoices()).toBe(1);
      const changed = await patch(`/membership-categories/${category.id}`, {
        renewalNoticeDays: 60,
      }).expect(200);
      expect(changed.body).toMatchObject({ renewalNoticeDays: 60, renewalWindowDays: 90 });
      await post('/memberships/status-runs', {}).expect(201);
      expect(await duesInvoices()).toBe(2);
      expectFieldErrors(
        await patch(`/membership-categories/${category.id}`, { renewalNoticeDays: 0 }),
        [{ field: 'renewalNoticeDays', message: expect.any(String) }],
      );
    } finally {
      calendar.restore();
    }
  });
});
