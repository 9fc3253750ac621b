import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

describe('membership: public directory and staff reports', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapter: { id: string; code: string };
  const members: Record<string, { account: SignedIn; membershipId: string }> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapter = await pipeline.chapter('BDG');
    for (const name of ['Siti Rahayu', 'Séna Wijaya', 'Agus Salim']) {
      const account = await loginAs(t, 'member', name);
      members[name] = {
        account,
        membershipId: await pipeline.admitted(finance, account, chapter.id),
      };
    }
  });
  afterAll(() => t.close());

  const listMe = (name: string, listed = true) =>
    t
      .http()
      .put('/memberships/me/directory-listing')
      .set('authorization', members[name].account.bearer)
      .send({ listed })
      .expect(200);

  describe('directory', () => {
    it('lists only members who opted in, with public fields only, found by name without accents', async () => {
      await listMe('Séna Wijaya');
      const found = await t.http().get('/directory?name=sena').expect(200);
      expect(found.body.items).toHaveLength(1);
      expect(Object.keys(found.body.items[0]).sort()).toEqual([
        'category',
        'chapterCode',
        'chapterName',
        'fullName',
        'memberNumber',
        'memberSince',
        'speciality',
      ]);
      expect(found.body.items[0]).toMatchObject({ fullName: 'Séna Wijaya', chapterCode: 'BDG' });
      expect(found.headers['cache-control']).toMatch(/public/);
      const unlisted = await t.http().get('/directory?name=siti').expect(200);
      expect(unlisted.body.items).toEqual([]);
    });

    it('filters by chapter, and drops a member who opts out or is no longer a member', async () => {
      await listMe('Agus Salim');
      const byChapter = await t.http().get('/directory?chapter=BDG').expect(200);
      // In member-number order: Séna was admitted before Agus.
      expect(byChapter.body.items.map((i: { fullName: string }) => i.fullName)).toEqual([
        'Séna Wijaya',
        'Agus Salim',
      ]);
      await listMe('Agus Salim', false);
      await t
        .http()
        .post(`/memberships/${members['Séna Wijaya'].membershipId}/status-changes`)
        .set('authorization', registrar.bearer)
        .send({ status: 'suspended', reason: 'Ethics council decision' })
        .expect(201);
      const after = await t.http().get('/directory?chapter=BDG').expect(200);
      expect(after.body.items).toEqual([]);
    });

    it('answers a bad filter with the field named', async () => {
      const bad = await t.http().get('/directory?chapter=bad code&page=0');
      expectProblem(bad, 400, 'validation-failed');
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'chapter',
        'page',
      ]);
    });
  });

  describe('staff lists and reports', () => {
    it('searches members by name and number, and filters by status', async () => {
      const byName = await t
        .http()
        .get('/memberships?name=RAHAYU')
        .set('authorization', finance.bearer)
        .expect(200);
      expect(byName.body).toMatchObject({
        total: null,
        hasMore: false,
        next: null,
        items: [{ fullName: 'Siti Rahayu' }],
      });
      const number = byName.body.items[0].memberNumber;
      const byNumber = await t
        .http()
        .get(`/memberships?memberNumber=${number}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(byNumber.body.items.map((m: { fullName: string }) => m.fullName)).toEqual([
        'Siti Rahayu',
      ]);
      const suspended = await t
        .http()
        .get(`/memberships?status=suspended&chapterId=${chapter.id}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(suspended.body.items.map((m: { fullName: string }) => m.fullName)).toEqual([
        'Séna Wijaya',
      ]);
    });

    it('pages the whole list by cursor, with a total only where counting is cheap', async () => {
      const first = await t
        .http()
        .get('/memberships?pageSize=2')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(first.body).toMatchObject({ total: 3, hasMore: true, next: expect.any(String) });
      const second = await t
        .http()
        .get(`/memberships?pageSize=2&after=${first.body.next}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(second.body).toMatchObject({ hasMore: false, next: null });
      const numbers = [...first.body.items, ...second.body.items].map(
        (m: { memberNumber: string }) => m.memberNumber,
      );
      expect(numbers).toHaveLength(3);
      expect([...numbers].sort()).toEqual(numbers);
      const active = await t
        .http()
        .get('/memberships?status=active')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(active.body.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual([
        'Agus Salim',
        'Siti Rahayu',
      ]);
      // A page the first members in order fill, and the next page after it.
      const one = await t
        .http()
        .get('/memberships?status=active&pageSize=1')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(one.body).toMatchObject({ hasMore: true, total: null });
      const rest = await t
        .http()
        .get(`/memberships?status=active&pageSize=1&after=${one.body.next}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(
        [...one.body.items, ...rest.body.items].map((m: { fullName: string }) => m.fullName).sort(),
      ).toEqual(['Agus Salim', 'Siti Rahayu']);
      expect(rest.body.hasMore).toBe(false);
    });

    it('counts members by status, category and chapter', async () => {
      const counts = await t
        .http()
        .get('/memberships/reports/counts')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(counts.body.total).toBe(3);
      expect(counts.body.byStatus).toEqual([
        { status: 'active', count: 2 },
        { status: 'suspended', count: 1 },
      ]);
      expect(counts.body.byChapter).toEqual([
        {
          code: 'BDG',
          name: 'Cabang BDG',
          total: 3,
          byStatus: [
            { status: 'active', count: 2 },
            { status: 'suspended', count: 1 },
          ],
        },
      ]);
      expect(counts.body.byCategory.map((c: { code: string }) => c.code)).toEqual(['ORDINARY']);
    });

    it('lists who enters grace or lapses in the next days, as JSON or CSV', async () => {
      const { membershipId } = members['Agus Salim'];
      await pipeline.age(membershipId, 365 - 10);
      const soon = await t
        .http()
        .get('/memberships/reports/upcoming?days=30')
        .set('authorization', finance.bearer)
        .expect(200);
      expect(soon.body.items).toEqual([
        expect.objectContaining({ membershipId, fullName: 'Agus Salim', event: 'enters_grace' }),
      ]);
      const later = await t
        .http()
        .get('/memberships/reports/upcoming?days=120')
        .set('authorization', finance.bearer)
        .expect(200);
      expect(later.body.items.map((i: { event: string }) => i.event)).toEqual([
        'enters_grace',
        'lapses',
      ]);
      const csv = await t
        .http()
        .get('/memberships/reports/upcoming?days=30')
        .set('authorization', finance.bearer)
        .set('accept', 'text/csv')
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe('member_number,full_name,chapter,category,event,on');
      expect(csv.text).toContain('Agus Salim');
    });

    it('lists current members who have not pledged to the code in force', async () => {
      const none = await t
        .http()
        .get('/memberships/reports/unpledged')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, version: 'KODEKI-2012' });
      const published = await t
        .http()
        .post('/ethics/codes')
        .set('authorization', admin.bearer)
        .send({
          version: 'KODEKI-2026',
          title: 'Kode Etik',
          effectiveFrom: '2090-01-01',
          articles: [{ number: 'Pasal 1', text: 'Teks.' }],
        })
        .expect(201);
      await t.db.query(
        `UPDATE ethics_code_versions SET effective_from = current_date WHERE id = $1`,
        [published.body.id],
      );
      const all = await t
        .http()
        .get('/memberships/reports/unpledged')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(all.body).toMatchObject({ total: 3, version: 'KODEKI-2026' });
      await t
        .http()
        .post('/ethics/pledges')
        .set('authorization', members['Siti Rahayu'].account.bearer)
        .send({ codeVersionId: published.body.id })
        .expect(201);
      const left = await t
        .http()
        .get('/memberships/reports/unpledged')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(left.body.items.map((m: { fullName: string }) => m.fullName).sort()).toEqual([
        'Agus Salim',
        'Séna Wijaya',
      ]);
    });

    it('exports the register as CSV, guarded against spreadsheet formulas', async () => {
      const csv = await t
        .http()
        .get('/memberships/reports/register.csv')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'member_number,full_name,status,category,chapter,speciality,member_since,covered_until,grace_ends_on',
      );
      expect(lines).toHaveLength(4);
      expect(lines.some((line) => line.includes(',Séna Wijaya,suspended,ORDINARY,BDG,'))).toBe(
        true,
      );
    });

    it('are closed to members', async () => {
      const member = members['Siti Rahayu'].account;
      for (const path of [
        '/memberships/reports/counts',
        '/memberships/reports/upcoming',
        '/memberships/reports/unpledged',
        '/memberships/reports/register.csv',
      ]) {
        expectProblem(
          await t.http().get(path).set('authorization', member.bearer),
          403,
          'forbidden',
        );
      }
    });
  });
});
